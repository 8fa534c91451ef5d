"""Smoke test of a running production-settings server (issue 15), called by .ci/smoke.

Over plain HTTP to gunicorn on loopback, with ``X-Forwarded-Proto: https`` as nginx would send:
public pages, the HTTPS redirect, security headers, a static file from the manifest, a real login
(password, then a TOTP code from ``manage.py demo_code``), a work screen, /gezondheid/, and the
server's log (JSON lines, no query strings, no personal data).

Usage: python .ci/smoke.py PORT LOGFILE   (environment: SMOKE_CODE_COMMAND, SMOKE_USER)
"""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import time
from html import unescape
from urllib.parse import urlencode, urlsplit

HOST = "casusoverleg.example.nl"
ORIGIN = f"https://{HOST}"
PORT = int(sys.argv[1])
LOGFILE = sys.argv[2]
USER = os.environ.get("SMOKE_USER", "weegploeglid")
PASSWORD = os.environ.get("SMOKE_PASSWORD", "Limburg-demo-2026")
MARKER = "Smoketestpersoon Kleuskens"  # sent in a query string; must never reach the log

cookies: dict[str, str] = {}
failures: list[str] = []


def check(condition: bool, message: str) -> None:
    print(("ok   " if condition else "FOUT ") + message)
    if not condition:
        failures.append(message)


def request(method: str, path: str, body: dict | None = None, https: bool = True):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    headers = {"Host": HOST, "User-Agent": "casus-smoke"}
    if https:
        headers["X-Forwarded-Proto"] = "https"
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    data = None
    if body is not None:
        data = urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = ORIGIN
        headers["Referer"] = ORIGIN + path
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    content = response.read().decode("utf-8", "replace")
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key.strip()] = rest.split(";", 1)[0]
    conn.close()
    return response, content


def location_path(response) -> str:
    location = response.getheader("Location", "")
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def totp_code() -> str:
    command = os.environ["SMOKE_CODE_COMMAND"] + " " + USER
    return subprocess.run(command, shell=True, check=True, capture_output=True, text=True).stdout.strip()  # noqa: S602


def security_headers(response, what: str) -> None:
    hsts = response.getheader("Strict-Transport-Security", "")
    check("max-age=31536000" in hsts, f"{what}: HSTS ({hsts!r})")
    csp = response.getheader("Content-Security-Policy", "")
    check("default-src 'self'" in csp and "frame-ancestors 'none'" in csp, f"{what}: CSP")
    check(response.getheader("X-Frame-Options") == "DENY", f"{what}: X-Frame-Options DENY")
    check(response.getheader("X-Content-Type-Options") == "nosniff", f"{what}: nosniff")
    check(response.getheader("Referrer-Policy") == "same-origin", f"{what}: Referrer-Policy same-origin")
    check(bool(response.getheader("X-Request-ID")), f"{what}: X-Request-ID")


def main() -> int:
    # Public pages.
    for path in ("/", "/convenant/"):
        response, html = request("GET", path)
        check(response.status == 200, f"GET {path} -> {response.status}")
        security_headers(response, path)
    response, html = request("GET", "/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    check(stylesheet is not None, "the home page links the hashed site.css from the manifest")
    if stylesheet:
        response, _ = request("GET", stylesheet.group(1))
        check(response.status == 200, f"GET {stylesheet.group(1)} -> {response.status}")
    response, _ = request("GET", "/convenant/?" + urlencode({"q": MARKER}))
    check(response.status == 200, "GET /convenant/ with a query string")
    response, _ = request("GET", "/", https=False)
    check(response.status == 301 and response.getheader("Location", "").startswith("https://"), "HTTP -> HTTPS")
    response, _ = request("GET", "/werk/")
    check(response.status == 302 and "/inloggen/" in response.getheader("Location", ""), "/werk/ needs a login")

    # Login: password, then a real TOTP code.
    response, html = request("GET", "/inloggen/")
    check(response.status == 200, f"GET /inloggen/ -> {response.status}")
    security_headers(response, "/inloggen/")
    form = {"csrfmiddlewaretoken": csrf_token(html), "username": USER, "password": PASSWORD, "next": "/werk/"}
    response, _ = request("POST", "/inloggen/", form)
    check(
        response.status == 302 and "/inloggen/code/" in location_path(response), f"password step -> {response.status}"
    )
    code_path = location_path(response)
    response, html = request("GET", code_path)
    check(response.status == 200, f"GET {code_path} -> {response.status}")
    form = {"csrfmiddlewaretoken": csrf_token(html), "code": totp_code(), "next": "/werk/"}
    response, _ = request("POST", code_path, form)
    check(response.status == 302, f"code step -> {response.status} {location_path(response)}")

    # A work screen (accept the secrecy duty first if the demo user has not yet).
    response, html = request("GET", "/werk/weegploeg/")
    if response.status == 302 and "/werk/geheimhouding/" in location_path(response):
        accept_path = location_path(response)
        response, html = request("GET", accept_path)
        form = {"csrfmiddlewaretoken": csrf_token(html), "accept": "on"}
        version = re.search(r'name="text_version" value="([^"]+)"', html)
        if version:
            form["text_version"] = unescape(version.group(1))
        response, _ = request("POST", accept_path, form)
        check(response.status == 302, f"secrecy acceptance -> {response.status}")
        response, html = request("GET", "/werk/weegploeg/")
    check(response.status == 200, f"GET /werk/weegploeg/ (logged in) -> {response.status}")
    security_headers(response, "/werk/weegploeg/")
    check("no-store" in response.getheader("Cache-Control", ""), "work screen: Cache-Control no-store")

    # Health.
    response, body = request("GET", "/gezondheid/")
    check(response.status == 200 and json.loads(body) == {"status": "ok"}, f"/gezondheid/ -> {response.status}")

    # The server's log: JSON lines with the request fields, no query strings, no personal data.
    time.sleep(1)
    with open(LOGFILE, encoding="utf-8", errors="replace") as handle:
        log = handle.read()
    check(MARKER not in log and "Kleuskens" not in log, "the query string's name is not in the log")
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    app_lines = [line for line in lines if line.get("logger") == "casus.request"]
    check(
        any(line.get("path") == "/werk/weegploeg/" and line.get("user_id") for line in app_lines),
        "a request line with user id and path",
    )
    check(all("?" not in line.get("path", "") for line in lines), "no path in the log carries a query string")
    check(PASSWORD not in log, "the password is not in the log")

    print(f"\n{len(failures)} failure(s)" if failures else "\nsmoke test passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
