"""Staff sign-in as a person does it in Chromium: success, throttling, and another association's pages."""
from selenium.webdriver.common.by import By

from conftest import screenshot, submit

DEMO_PASSWORD = "silah-demo-2026"


def sign_in(browser, server, email, password):
    browser.delete_all_cookies()
    browser.get(f"{server}/login")
    browser.find_element(By.NAME, "email").send_keys(email)
    browser.find_element(By.NAME, "password").send_keys(password)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form.form"))


def test_sign_in_lands_in_the_association_workspace(server, browser):
    sign_in(browser, server, "manager@khairat-albaha.demo", DEMO_PASSWORD)
    assert browser.current_url == f"{server}/khairat-albaha/staff"
    assert browser.find_element(By.CSS_SELECTOR, ".role-title").text == "المدير"
    browser.get(f"{server}/khairat-albaha/staff/audit")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.audit tbody tr")
    assert rows, "the manager sees the trail"
    screenshot(browser, "staff-audit", 1280)
    screenshot(browser, "staff-audit", 390)


def test_another_associations_pages_are_not_found(server, browser):
    sign_in(browser, server, "admin@waei.demo", DEMO_PASSWORD)
    for path in ("/eshraqa/staff", "/eshraqa/staff/users", "/eshraqa/staff/audit"):
        browser.get(server + path)
        assert "الصفحة غير موجودة" in browser.page_source, path
        assert "إشراقة" not in browser.find_element(By.TAG_NAME, "main").text
    screenshot(browser, "staff-refused", 390)


def test_repeated_failures_make_the_next_try_wait(server, browser):
    # Last in the session on purpose: every browser request comes from 127.0.0.1, and five
    # failures throttle that address too, for fifteen minutes.
    for attempt in range(5):
        sign_in(browser, server, "relations_officer@eshraqa.demo", f"wrong-password-{attempt}")
        main = browser.find_element(By.TAG_NAME, "main").text
        assert "البريد الإلكتروني أو كلمة المرور غير صحيحة" in main, f"{browser.current_url}: {main[:200]}"
    sign_in(browser, server, "relations_officer@eshraqa.demo", DEMO_PASSWORD)
    message = browser.find_element(By.ID, "login-error").text
    assert "محاولات دخول فاشلة كثيرة" in message
    assert browser.current_url.endswith("/login")
    screenshot(browser, "sign-in-throttled", 390)
