"""Each association's policy page, as a person sees it in Chromium."""
import pytest
from selenium.webdriver.common.by import By

from conftest import screenshot

SLUGS = ["ealamiyoun", "waei", "professional-libraries", "khairat-albaha", "eshraqa"]
# The approval dates the seeds give, as the page must show them.
HIJRI_APPROVAL = {"professional-libraries": "٨ صفر ١٤٤٥ هـ", "eshraqa": "٢٦ رجب ١٤٤٥ هـ"}


def codes(driver, section):
    return [li.get_attribute("data-code") for li in driver.find_elements(By.CSS_SELECTOR, f"#{section} > ol > li")]


@pytest.mark.parametrize("slug", SLUGS)
def test_policy_page_matches_its_policy(server, api, browser, slug):
    policy = api(f"/api/v1/associations/{slug}/policy")
    browser.get(f"{server}/{slug}/policy")

    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"
    assert codes(browser, "channels") == policy["channels"]
    assert codes(browser, "staff-tools") == policy["staffTools"]
    assert codes(browser, "steps") == policy["steps"]
    # Right to left is real: the document's text starts at the right edge.
    head = browser.find_element(By.CSS_SELECTOR, "#channels h2")
    assert head.value_of_css_property("direction") == "rtl"

    hijri = browser.find_elements(By.CSS_SELECTOR, "#approval .hijri-date")
    if slug in HIJRI_APPROVAL:
        assert hijri and hijri[0].text == HIJRI_APPROVAL[slug]
    else:
        assert not hijri

    for width in (1280, 390):
        screenshot(browser, f"policy-{slug}", width)
        # Nothing spills sideways on a phone or a desktop.
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{slug} at {width}px scrolls sideways by {overflow}px"


def test_english_switch_keeps_the_page(server, browser):
    browser.get(f"{server}/eshraqa/policy")
    browser.find_element(By.CSS_SELECTOR, "a.language-switch").click()
    assert browser.current_url.startswith(f"{server}/eshraqa/policy")
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("dir") == "ltr"
    assert "26 Rajab 1445 AH" in browser.find_element(By.ID, "approval").text
    screenshot(browser, "policy-eshraqa-en", 1280)
    # The choice is remembered on the next page, and switching back works.
    browser.get(f"{server}/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    browser.find_element(By.CSS_SELECTOR, "a.language-switch").click()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"


def test_home_lists_the_five_associations(server, browser):
    browser.get(f"{server}/")
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".cards h3 a")]
    assert len(names) == 5
    assert "جمعية خيرات الباحة" in names
    screenshot(browser, "home", 1280)
    screenshot(browser, "home", 390)


def test_print_button_appears_with_javascript(server, browser):
    browser.get(f"{server}/waei/policy")
    button = browser.find_element(By.CSS_SELECTOR, "[data-print]")
    assert button.is_displayed()
