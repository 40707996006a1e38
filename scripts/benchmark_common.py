"""What scripts/benchmark's suites share: the release binary, a server on a free loopback port."""
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd, env, capture=True):
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=capture, text=True)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stdout}\n{out.stderr}")
    return out.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory_kb(pid, key):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def start_server(binary, env, port):
    env = dict(env, PORT=str(port), LOG_LEVEL="error")
    proc = subprocess.Popen([binary, "serve", "--demo"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("server did not start")


def stop(proc):
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def release_binary(given):
    """The binary given, or a release build of this checkout."""
    if given:
        return str(Path(given).resolve())
    print("Building the release binary …", flush=True)
    run(["swift", "build", "-c", "release", "--product", "silah"], os.environ, capture=True)
    return run(["swift", "build", "-c", "release", "--show-bin-path"], os.environ).strip() + "/silah"
