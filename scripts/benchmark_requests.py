"""The request flow at scale (issue 12): `scripts/benchmark requests`.

    scripts/benchmark requests [--requests 2000000] [--people 1000000] [--association khairat-albaha]
                               [--data DIR] [--seconds 10] [--connections 32] [--binary PATH]

Loads N people and M requests with timelines (`silah generate`) into one association — or reuses
the data directory given with --data when an earlier run left it ready — then drives the release
binary with wrk over loopback, 32 connections, one target at a time: the staff home, my queue, the
due/overdue/all lists, a request page, a person page, a meeting page, intake through the API and
the form, and a workflow step through the API. Beside every figure: the same binary's static
route (`/health/live`) and one cheap database read (`/health`), measured in the same run. Prints
req/s, p50, p99, errors and the share of the ceiling, and the server's memory.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import benchmark_common as common

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "benchmark_wrk.lua"
PASSWORD = "silah-demo-2026"


def sign_in(port, email):
    """A staff session as a browser gets one: the sign-in form's token, then the form."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    page = conn.getresponse()
    html = page.read().decode()
    visitor = [c.split(";")[0] for c in page.headers.get_all("Set-Cookie") or []]
    token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"csrf": token, "email": email, "password": PASSWORD, "next": "/"})
    conn.request("POST", "/login", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(visitor)})
    answer = conn.getresponse()
    answer.read()
    cookies = [c.split(";")[0] for c in answer.headers.get_all("Set-Cookie") or []]
    session = [c for c in cookies if c.startswith("silah_session=")]
    if answer.status not in (302, 303) or not session:
        sys.exit(f"sign-in as {email} failed: {answer.status}")
    return session[0]


def form_token(port, cookie, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie})
    html = conn.getresponse().read().decode()
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


class Database:
    """Reads the generated data to aim at: straight from the SQLite file, or through psql."""

    def __init__(self, env, data):
        self.url = env.get("DATABASE_URL")
        self.file = Path(data) / "silah.sqlite"

    def rows(self, sql):
        if self.url:
            # Row-level security: psql sees every association only when it says so.
            env = dict(os.environ, PGOPTIONS="-c silah.scope=all")
            out = subprocess.run(["psql", self.url, "-AtF", "\t", "-c", sql], capture_output=True, text=True,
                                 check=True, env=env)
            return [line.split("\t") for line in out.stdout.splitlines() if line]
        with sqlite3.connect(f"file:{self.file}?mode=ro", uri=True) as db:
            return [[str(v) for v in row] for row in db.execute(sql)]  # UUIDs are text on SQLite

    def association(self, slug):
        return self.rows(f"SELECT id FROM associations WHERE slug = '{slug}'")[0][0]

    @staticmethod
    def quote(value):
        return f"'{value}'"


def wrk(port, seconds, connections, headers, lines, method="GET", label=""):
    if not lines or not lines[0]:
        sys.exit(f"nothing to aim {label} at")
    """One wrk run over `lines` (a path, or `path<TAB>body`), each line used once per turn."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(lines) + "\n")
        targets = f.name
    env = dict(os.environ, BENCH_TARGETS=targets, BENCH_METHOD=method, BENCH_HEADERS=json.dumps(headers))
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", "-s", str(LUA),
         f"http://127.0.0.1:{port}"], env=env, capture_output=True, text=True)
    os.unlink(targets)
    text = out.stdout
    if out.returncode != 0 or "Requests/sec" not in text:
        sys.exit(f"wrk failed for {label}: {out.stderr}{text}")
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for pct in ("50", "99"):
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", text).groups()
        figures["p" + pct] = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    figures["errors"] = (int(bad.group(1)) if bad else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    figures["total"] = int(re.search(r"(\d+) requests in", text).group(1))
    return figures


def prepare(binary, env, args):
    """Migrations, demo data, then the people and the requests: once per data directory."""
    ready = Path(env["SILAH_DATA_DIR"]) / "benchmark-ready.json"
    if ready.exists() and "DATABASE_URL" not in env:
        return json.loads(ready.read_text())
    port = common.free_port()
    common.stop(common.start_server(binary, env, port))
    started = time.time()
    common.run([binary, "generate", "people", "--association", args.association, "--count", str(args.people),
                "--seed", "1"], env)
    people_s = time.time() - started
    started = time.time()
    common.run([binary, "generate", "requests", "--association", args.association, "--count",
                str(args.requests), "--seed", "1"], env)
    requests_s = time.time() - started
    facts = {"people": args.people, "requests": args.requests, "people_s": people_s, "requests_s": requests_s}
    ready.parent.mkdir(parents=True, exist_ok=True)
    ready.write_text(json.dumps(facts))
    return facts


def targets(db, association):
    a = db.quote(association)
    pick = "ORDER BY random() LIMIT"
    references = [r[0] for r in db.rows(f"SELECT reference FROM requests WHERE association_id = {a} {pick} 2000")]
    people = [r[0] for r in db.rows(
        f"SELECT person_id FROM requests WHERE association_id = {a} {pick} 2000")]
    meetings = [r[0] for r in db.rows(f"SELECT id FROM committee_meetings WHERE association_id = {a} {pick} 200")]
    return references, people, meetings


def main(argv):
    parser = argparse.ArgumentParser(prog="scripts/benchmark requests")
    parser.add_argument("--requests", type=int, default=2_000_000)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--association", default="khairat-albaha")
    parser.add_argument("--data", help="a data directory to fill once and reuse (SQLite)")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--binary", help="a release build of silah to measure instead of building one")
    args = parser.parse_args(argv)
    binary = common.release_binary(args.binary)
    work = Path(tempfile.mkdtemp(prefix="silah-bench-requests-"))
    data = Path(args.data).resolve() if args.data else work / "data"
    env = dict(os.environ, SILAH_DATA_DIR=str(data), LOG_LEVEL="error", SILAH_OUTBOX_INTERVAL="3600")
    database = "PostgreSQL" if "DATABASE_URL" in env else "SQLite (WAL)"
    slug = args.association
    try:
        facts = prepare(binary, env, args)
        db = Database(env, data)
        association = db.association(slug)
        references, people, meetings = targets(db, association)
        port = common.free_port()
        server = common.start_server(binary, env, port)
        try:
            results = measure(binary, env, port, slug, db, association, references, people, meetings, args)
            memory = {key: common.memory_kb(server.pid, key) for key in ("VmRSS", "VmHWM", "RssAnon", "RssFile")}
        finally:
            common.stop(server)
        report(database, facts, args, results, memory)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(binary, env, port, slug, db, association, references, people, meetings, args):
    manager = sign_in(port, f"manager@{slug}.demo")
    researcher = sign_in(port, f"social_researcher@{slug}.demo")
    token = common.run([binary, "token", "create", "--user", f"manager@{slug}.demo", "--association", slug],
                       env).strip().splitlines()[-1]
    staff = f"/{slug}/staff"

    def run(label, paths, headers, method="GET"):
        return label, wrk(port, args.seconds, args.connections, headers, paths, method=method, label=label)

    as_manager, as_researcher = {"Cookie": manager}, {"Cookie": researcher}
    results = [run("static route /health/live", ["/health/live"], {}),
               run("one database read /health", ["/health"], {}),
               run("staff home", [staff], as_manager),
               run("my queue (researcher)", [f"{staff}/requests"], as_researcher)]
    for name in ("due", "overdue", "all"):
        results.append(run(f"list: {name}", [f"{staff}/requests?list={name}"], as_manager))
    results.append(run("request page", [f"{staff}/requests/{r}" for r in references], as_manager))
    results.append(run("person page", [f"{staff}/people/{p}" for p in people], as_manager))
    if meetings:
        results.append(run("meeting page", [f"{staff}/meetings/{m}" for m in meetings], as_manager))
    api = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    channel, service = intake_choices(port, slug, db, association)
    bodies = [json.dumps({"personId": p, "channel": channel, "serviceType": service, "description": "قياس"},
                         ensure_ascii=False) for p in people]
    results.append(run("intake (API)", [f"/api/v1/associations/{slug}/requests\t{b}" for b in bodies], api,
                       method="POST"))
    csrf = form_token(port, manager, f"{staff}/requests/new?person={people[0]}")
    forms = [urllib.parse.urlencode({"csrf": csrf, "person": p, "channel": channel, "serviceType": service,
                                     "description": "قياس"}) for p in people]
    form = {"Cookie": manager, "Content-Type": "application/x-www-form-urlencoded"}
    results.append(run("intake (form)", [f"{staff}/requests/new\t{f}" for f in forms], form, method="POST"))
    step = workflow_step(port, token, slug, db, association)
    if step:
        action, refs = step
        results.append(run(f"workflow step: {action} (API)",
                           [f"/api/v1/requests/{r}/actions/{action}\t{{}}" for r in refs], api, method="POST"))
    return results


def intake_choices(port, slug, db, association):
    """A channel the policy offers (its public description) and a service the association runs."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", f"/api/v1/associations/{slug}/policy")
    channels = json.loads(conn.getresponse().read())["channels"]
    services = db.rows(f"SELECT code FROM service_types WHERE association_id = {db.quote(association)} "
                       "ORDER BY code LIMIT 1")
    return channels[0], services[0][0] if services else "general"


def workflow_step(port, token, slug, db, association):
    """A step the manager takes without a form (tried on one request), and requests waiting for it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", f"/api/v1/associations/{slug}/workflow")
    workflow = json.loads(conn.getresponse().read())
    a = db.quote(association)
    for move in workflow["transitions"]:
        if "manager" not in move["roles"]:
            continue
        refs = [r[0] for r in db.rows(
            f"SELECT reference FROM requests WHERE association_id = {a} AND state = '{move['from']}' "
            f"AND assignee_id IS NULL ORDER BY random() LIMIT 60000")]
        if len(refs) < 1000:
            continue
        conn.request("POST", f"/api/v1/requests/{refs[0]}/actions/{move['action']}", body="{}",
                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        answer = conn.getresponse()
        answer.read()
        if answer.status == 200:
            return move["action"], refs[1:]
    return None


def report(database, facts, args, results, memory):
    ceiling = results[0][1]["rps"]
    print()
    print(f"Silah request-flow benchmark — {database}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}, "
          f"wrk {args.connections} connections × {args.seconds} s")
    print(f"people {facts['people']:,} (generated in {facts['people_s']:.0f} s), requests {facts['requests']:,} "
          f"(in {facts['requests_s']:.0f} s, {facts['requests'] / max(facts['requests_s'], 1):,.0f}/s)")
    print(f"{'target':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'of ceiling':>11}")
    for label, f in results:
        print(f"{label:<34} {f['rps']:>8,.0f} {f['p50']:>8.2f} {f['p99']:>8.2f} {f['errors']:>7} "
              f"{100 * f['rps'] / ceiling:>10.0f}%")
    print(f"server memory after the run: {memory['VmRSS'] / 1024:.0f} MiB resident (peak {memory['VmHWM'] / 1024:.0f} MiB)"
          f" = {memory['RssAnon'] / 1024:.0f} MiB Silah's own + {memory['RssFile'] / 1024:.0f} MiB of mapped files"
          " (the database's memory map and the binary: the operating system's file cache, shared)")
