"""The staff pages a phone opens most, at 390 px in Arabic and English: nothing scrolls sideways —
not a declaration's SHA-256, not a committee member's work e-mail beside a name shared with others,
not the audit trail's seven columns."""
from selenium.webdriver.common.by import By

from conftest import screenshot
from test_registry import sign_in

SLUG = "khairat-albaha"


def links(browser, prefix):
    hrefs = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, f"a[href*='{prefix}']")]
    return sorted({h.split("?")[0].split("#")[0] for h in hrefs if h})


def assert_fits(browser, url, name):
    for lang in ("ar", "en"):
        browser.get(f"{url}?lang={lang}")
        screenshot(browser, f"{name}-{lang}", 390)
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{url} ({lang}) at 390px scrolls sideways by {overflow}px"


def test_meetings_and_signed_requests_fit_a_phone(server, browser):
    try:
        walk(server, browser)
    finally:
        # The tests after this one start signed out, in Arabic.
        browser.get(f"{server}/?lang=ar")
        browser.delete_all_cookies()


def walk(server, browser):
    sign_in(browser, server, f"manager@{SLUG}.demo")
    browser.set_window_size(390, 900)
    assert_fits(browser, f"{server}/{SLUG}/staff/meetings", "phone-meetings")
    meetings = links(browser, f"/{SLUG}/staff/meetings/")
    assert meetings, "the demo association has meetings"
    for index, meeting in enumerate(meetings[:3]):
        assert_fits(browser, meeting, f"phone-meeting-{index}")
    browser.get(f"{server}/{SLUG}/staff/requests?list=all")
    requests = [r for r in links(browser, f"/{SLUG}/staff/requests/1") if "/receipt" not in r]
    assert requests, "the demo association has requests"
    signed = 0
    for index, request in enumerate(requests):
        browser.get(request)
        if browser.find_elements(By.CSS_SELECTOR, ".hash"):
            signed += 1
            assert_fits(browser, request, f"phone-signed-request-{index}")
    assert signed, "a demo request carries a signed declaration"
    # The audit trail reads as cards: neither the page nor the table's own box scrolls sideways.
    assert_fits(browser, f"{server}/{SLUG}/staff/audit", "phone-audit")
    for lang in ("ar", "en"):
        browser.get(f"{server}/{SLUG}/staff/audit?lang={lang}")
        inner = browser.execute_script(
            "return Math.max(0, ...Array.from(document.querySelectorAll('.table-wrap'), e => e.scrollWidth - e.clientWidth))"
        )
        assert inner <= 1, f"the audit table ({lang}) at 390px scrolls inside its box by {inner}px"
