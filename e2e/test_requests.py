"""A request from intake to the committee's decision to the service, in Chromium, with the applicant's
messages arriving at a stand-in SMS gateway on 127.0.0.1."""
import base64
import re
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS, screenshot, submit
from test_registry import fill, sign_in

SLUG = "ealamiyoun"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def action(browser, code, values=None, selects=None):
    """Opens an action's panel on the request page, fills it and submits it."""
    panel = browser.find_element(By.ID, code)
    if not panel.get_attribute("open"):
        panel.find_element(By.TAG_NAME, "summary").click()
    form = panel.find_element(By.CSS_SELECTOR, f"form[data-action='{code}']")
    for name, value in (values or {}).items():
        form.find_element(By.NAME, name).send_keys(value)
    for name, value in (selects or {}).items():
        Select(form.find_element(By.NAME, name)).select_by_value(value)
    return form


def state(browser):
    found = browser.find_elements(By.ID, "request-state")
    assert found, browser.current_url + "\n" + browser.find_element(By.TAG_NAME, "body").text[:600]
    return found[0].text


def test_intake_committee_decision_and_service(server, browser, sms_gateway):
    sign_in(browser, server, f"relations_officer@{SLUG}.demo")
    browser.get(f"{server}/{SLUG}/staff/people/new")
    fill(browser, {
        "firstName": "سارة", "fatherName": "محمد", "grandfatherName": "علي", "familyName": "الشهري",
        "nationalID": "1000000008", "idExpiry": "2031-05-01", "birthDate": "1990-04-12", "mobile": "0501234567",
    })
    browser.find_element(By.NAME, "consent").click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.person-form"))
    file_url = browser.current_url
    # The ID copy the service requires.
    ARTIFACTS.mkdir(exist_ok=True)
    scan = ARTIFACTS / "id-copy.png"
    scan.write_bytes(PNG)
    upload = browser.find_element(By.CSS_SELECTOR, "#documents form")
    upload.find_element(By.NAME, "file").send_keys(str(scan))
    Select(upload.find_element(By.NAME, "type")).select_by_value("national_id")
    submit(browser, upload)

    # Intake, from the file.
    browser.get(file_url)
    browser.find_element(By.CSS_SELECTOR, "#requests a.button").click()
    intake = browser.find_element(By.ID, "intake-form")
    Select(intake.find_element(By.NAME, "channel")).select_by_value("phone")
    intake.find_element(By.CSS_SELECTOR, "input[name=serviceType][value=counselling]").click()
    intake.find_element(By.NAME, "description").send_keys("استشارة وتأهيل مهني")
    submit(browser, intake)
    assert "/staff/requests/" in browser.current_url
    reference = browser.current_url.split("/staff/requests/")[1].split("?")[0]
    assert re.fullmatch(r"14\d\d-\d{5}", reference)
    assert state(browser) == "مستلم"
    screenshot(browser, "request-received", 390)

    submit(browser, action(browser, "verify"))
    assert state(browser) == "مكتمل ومدقَّق"

    # The applicant signs on the screen.
    form = action(browser, "sign_declaration", {"signerName": "سارة محمد"})
    # Only the chosen method's fields show: the drawing pad, not the file picker or the code box.
    assert not form.find_element(By.CSS_SELECTOR, "[data-method=scanned]").is_displayed()
    assert not form.find_element(By.CSS_SELECTOR, "[data-method=one_time_code]").is_displayed()
    # The button that sends a code to the mobile belongs to the code method too.
    panel = browser.find_element(By.ID, "sign_declaration")
    assert not panel.find_element(By.CSS_SELECTOR, "form[data-method=one_time_code] button").is_displayed()
    canvas = form.find_element(By.CSS_SELECTOR, "canvas")
    ActionChains(browser).move_to_element_with_offset(canvas, -60, 0).click_and_hold() \
        .move_by_offset(40, 15).move_by_offset(40, -20).move_by_offset(30, 10).release().perform()
    assert form.find_element(By.NAME, "signature").get_attribute("value").startswith("data:image/png;base64,")
    submit(browser, form)
    assert state(browser) == "موقَّع الإقرار"
    submit(browser, action(browser, "submit_for_decision"))
    assert state(browser) == "لدى جهة القرار"
    assert "accept" not in [e.get_attribute("id") for e in browser.find_elements(By.CSS_SELECTOR, "details.action")]

    # The committee meets: two members present vote to accept, one records the decision.
    sign_in(browser, server, f"committee_member@{SLUG}.demo")
    browser.get(f"{server}/{SLUG}/staff/meetings")
    opening = browser.find_element(By.ID, "open-meeting")
    boxes = opening.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
    for box in boxes[:2]:
        if not box.is_selected():
            box.click()
    submit(browser, opening)
    item = browser.find_element(By.ID, f"item-{reference}")
    votes = item.find_element(By.CSS_SELECTOR, "form[data-votes]")
    radios = votes.find_elements(By.CSS_SELECTOR, "input[type=radio]")
    assert radios and not [r for r in radios if r.is_selected()], "no vote may start chosen"
    for radio in votes.find_elements(By.CSS_SELECTOR, "input[type=radio][value=accept]"):
        radio.click()
    submit(browser, votes)
    decision = browser.find_element(By.CSS_SELECTOR, f"#item-{reference} form[data-decision]")
    decision.find_element(By.CSS_SELECTOR, "input[value=accept]").click()
    decision.find_element(By.NAME, "reasons").send_keys("الحالة مستحقة حسب دراسة الحالة")
    submit(browser, decision)
    assert "قُبل" in browser.find_element(By.ID, f"item-{reference}").text
    browser.find_element(By.LINK_TEXT, "المحضر").click()
    minutes = browser.find_element(By.TAG_NAME, "main").text
    assert "محضر اجتماع لجنة البحث" in minutes and "هـ" in minutes and reference in minutes
    screenshot(browser, "committee-minutes", 1280)

    # Registration and the service.
    sign_in(browser, server, f"relations_officer@{SLUG}.demo")
    browser.get(f"{server}/{SLUG}/staff/requests/{reference}")
    assert state(browser) == "مقبول"
    submit(browser, action(browser, "complete_registration"))
    submit(browser, action(browser, "deliver_service", {"what": "جلسة تأهيل مهني", "amount": "350"}))
    assert state(browser) == "قُدّمت الخدمة"
    # In the page's digits, as its dates (AmountText).
    assert "٣٥٠ ريال" in browser.find_element(By.ID, "deliveries").text
    screenshot(browser, "request-served", 1280)

    # Every step that matters reached the applicant's mobile through the gateway, once each.
    deadline = time.time() + 20
    wanted = 5  # received, submitted, accepted, registered, service delivered
    while time.time() < deadline and len([m for m in sms_gateway.received() if reference in m.get("body", "")]) < wanted:
        time.sleep(0.3)
    mine = [m for m in sms_gateway.received() if reference in m.get("body", "")]
    assert len(mine) == wanted, mine
    assert all(m["recipients"] == ["966501234567"] and m["auth"] == "Bearer e2e-token" for m in mine)
    assert mine[0]["body"].startswith("عزيزي المستفيد، استلمنا طلبك رقم \u200e" + reference + "\u200e")
    assert "جلسة تأهيل مهني" in mine[-1]["body"]
    # Staff see them as sent.
    browser.get(f"{server}/{SLUG}/staff/requests/{reference}")
    statuses = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#messages .badge")]
    assert statuses and all(s == "أُرسلت" for s in statuses), statuses
