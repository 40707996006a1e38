"""The people registry as a relations officer and a manager use it, in Chromium."""
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import screenshot, submit

DEMO_PASSWORD = "silah-demo-2026"
FIXTURES = Path(__file__).resolve().parent / "fixtures"



def sign_in(browser, server, email):
    browser.delete_all_cookies()
    browser.get(f"{server}/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(DEMO_PASSWORD)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.form"))


def fill(browser, values):
    for name, value in values.items():
        field = browser.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)


PERSON = {
    "firstName": "نوف",
    "fatherName": "عبد الله",
    "grandfatherName": "سعد",
    "familyName": "الغامدي",
    "nationalID": "١٠٠٠٠٠٠٠٣٢",  # typed with Arabic-Indic digits
    "birthDate": "١٤١٠/٠٣/٠٥",  # Hijri
    "mobile": "٠٥٥ ١٢٣ ٤٥٦٧",
    "householdIncome": "3000",
    "familySize": "4",
}


def test_register_find_warn_and_log_a_contact(server, browser):
    sign_in(browser, server, "relations_officer@eshraqa.demo")
    browser.get(f"{server}/eshraqa/staff/people/new")
    fill(browser, PERSON)
    # The Hijri date is converted as it is typed.
    browser.find_element(By.NAME, "mobile").click()
    WebDriverWait(browser, 5).until(
        lambda b: "أكتوبر ١٩٨٩" in b.find_element(By.CSS_SELECTOR, "input[name=birthDate] ~ .live-hint").text
    )
    browser.find_element(By.NAME, "consent").click()
    screenshot(browser, "person-form", 1280)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.person-form"))
    assert "/eshraqa/staff/people/" in browser.current_url
    file_url = browser.current_url
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "نوف عبد الله سعد الغامدي" in text
    assert "٥ ربيع الأول ١٤١٠ هـ" in text and "١٩٨٩" in text
    assert "1000000032" in text

    # Found by a differently spelled name, in another order.
    browser.get(f"{server}/eshraqa/staff/people?q=الغامدى عبدالله")
    assert "نوف عبد الله سعد الغامدي" in browser.find_element(By.CSS_SELECTOR, "table.people").text

    # The same person again, with another ID: warned of a probable duplicate.
    browser.get(f"{server}/eshraqa/staff/people/new")
    fill(browser, dict(PERSON, nationalID="2000000014", fatherName="عبدالله"))
    browser.find_element(By.NAME, "consent").click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.person-form"))
    warning = browser.find_element(By.ID, "duplicates").text
    assert "ربما سُجّل هذا الشخص من قبل" in warning and "مرجح" in warning
    screenshot(browser, "person-duplicate", 390)

    # A contact on one of إشراقة's channels, then on the file's timeline.
    browser.get(file_url)
    browser.find_element(By.LINK_TEXT, "تسجيل تواصل").click()
    channels = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "select[name=channel] option")]
    assert channels == ["interview", "phone", "social_media", "letters", "help_request_services", "volunteering", "website"]
    browser.find_element(By.CSS_SELECTOR, "select[name=channel] option[value=phone]").click()
    browser.find_element(By.NAME, "summary").send_keys("سألت عن موعد الرد على طلبها")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.form"))
    assert browser.current_url == file_url
    assert "سألت عن موعد الرد على طلبها" in browser.find_element(By.CSS_SELECTOR, ".timeline").text
    screenshot(browser, "person-file", 390)


def test_import_a_windows_1256_sheet_with_bad_rows(server, browser):
    sign_in(browser, server, "manager@khairat-albaha.demo")
    browser.get(f"{server}/khairat-albaha/staff/people/import")
    browser.find_element(By.NAME, "file").send_keys(str(FIXTURES / "people-1256.csv"))
    browser.find_element(By.NAME, "consentRecorded").click()
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.form"))
    assert "windows1256" in browser.find_element(By.TAG_NAME, "main").text
    screenshot(browser, "import-mapping", 1280)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.form"))
    assert "حُفظ 1 ملفًا جديدًا" in browser.find_element(By.ID, "import-result").text
    report = browser.find_element(By.CSS_SELECTOR, "table.report").text
    # The page reads in words (the downloaded CSV below keeps the codes for machines).
    assert "خطأ" in report and "رقم الهوية الوطنية" in report and "الجوال" in report
    assert "error" not in report and "nationalID" not in report and "reasonAr" not in report
    link = browser.find_element(By.ID, "download-report").get_attribute("href")
    import base64
    csv = base64.b64decode(link.split(",", 1)[1]).decode("utf-8-sig")
    assert csv.splitlines()[0] == "row,status,field,reasonAr,reasonEn,duplicateOfRow,duplicateOfFile"
    assert csv.splitlines()[1] == "2,ok,,,,,"
    screenshot(browser, "import-result", 1280)


def test_another_associations_person_file_is_not_found(server, browser):
    sign_in(browser, server, "relations_officer@eshraqa.demo")
    browser.get(f"{server}/eshraqa/staff/people?q=1000000032")
    file_url = browser.find_element(By.CSS_SELECTOR, "table.people a").get_attribute("href")
    person = file_url.rsplit("/", 1)[1]
    sign_in(browser, server, "relations_officer@waei.demo")
    for url in (file_url, f"{server}/waei/staff/people/{person}"):
        browser.get(url)
        assert "الصفحة غير موجودة" in browser.page_source, url
        assert "الغامدي" not in browser.page_source
