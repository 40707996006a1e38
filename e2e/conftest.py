"""The browser suite: a real `silah serve --demo` and a real headless Chromium.

The server is started on a free loopback port with its own data directory and
stopped by its PID; screenshots go to e2e/artifacts/.
"""
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def silah_binary() -> Path:
    explicit = os.environ.get("SILAH_BIN")
    if explicit:
        return Path(explicit)
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return Path(out.stdout.strip()) / "silah"


class SMSGateway:
    """A stand-in Saudi SMS gateway on 127.0.0.1 (Taqnyat's JSON shape) that keeps what Silah sends."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with gateway.lock:
                    gateway.messages.append({"auth": self.headers.get("Authorization"), **body})
                    number = len(gateway.messages)
                reply = json.dumps({"messageId": f"e2e-{number}"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def received(self):
        with self.lock:
            return list(self.messages)

    def stop(self):
        self.server.shutdown()


@pytest.fixture(scope="session")
def sms_gateway():
    gateway = SMSGateway()
    yield gateway
    gateway.stop()


@pytest.fixture(scope="session")
def server(sms_gateway):
    port = free_port()
    data = tempfile.mkdtemp(prefix="silah-e2e-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PORT=str(port), HOST="127.0.0.1", SILAH_DATA_DIR=data, LOG_LEVEL="warning")
    env.update(
        SILAH_SMS_URL=sms_gateway.url, SILAH_SMS_TOKEN="e2e-token", SILAH_SMS_SENDER="SILAH",
        SILAH_SMS_FORMAT="taqnyat", SILAH_OUTBOX_INTERVAL="0.5",
    )
    log = open(Path(data) / "server.log", "w")
    proc = subprocess.Popen([str(silah_binary()), "serve", "--demo"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                log.flush()
                raise RuntimeError("silah did not start:\n" + (Path(data) / "server.log").read_text())
            time.sleep(0.3)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def api(server):
    def get(path):
        with urllib.request.urlopen(server + path, timeout=5) as r:
            return json.load(r)
    return get


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM_BIN", shutil.which("chromium") or "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=ar"):
        options.add_argument(arg)
    driver_path = os.environ.get("CHROMEDRIVER_BIN", shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def screenshot(driver, name: str, width: int):
    """A full-page screenshot at the given CSS width."""
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 900), 12000))
    driver.save_screenshot(str(ARTIFACTS / f"{name}-{width}.png"))


def submit(browser, form, button="button[type=submit]:not([name=dryRun])"):
    """Submits a form and waits until the page it leads to has replaced it.

    A click does not wait for navigation, and once the page changes chromedriver reports the old
    form either as stale or as a node "not belonging to the document": both mean it is gone.
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    form.find_element(By.CSS_SELECTOR, button).click()

    def gone(_):
        try:
            form.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(browser, 10).until(gone)
