"""Smoke test of a running production server: API, health, admin and its static files.

    python .ci/smoke.py http://127.0.0.1:8766 [HOST]

Requests carry X-Forwarded-Proto: https, as the TLS proxy in front would send,
and the Host header HOST when given (the site's name in DJANGO_ALLOWED_HOSTS).
"""

import json
import re
import sys
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/")
HOST = {"Host": sys.argv[2]} if len(sys.argv) > 2 else {}
HTTPS = {"X-Forwarded-Proto": "https"}


def get(path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(
        BASE + path, headers={**HOST, **(HTTPS if headers is None else headers)}
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(condition: bool, message: str) -> None:
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        sys.exit(1)


status, _, body = get("/health", headers={})
check(
    (status, json.loads(body)) == (200, {"status": "ok"}),
    "/health answers over plain HTTP",
)

status, headers, _ = get("/dsrs/", headers={})
check(
    status == 301 and headers["Location"].startswith("https://"),
    "HTTP redirects to HTTPS",
)

status, headers, body = get("/dsrs/")
check(status == 200 and len(json.loads(body)) == 4, "/dsrs/ lists the 4 sample DSRs")
check(headers.get("X-Frame-Options") == "DENY", "X-Frame-Options: DENY")
check("max-age=" in headers.get("Strict-Transport-Security", ""), "HSTS header")
check(headers.get("X-Content-Type-Options") == "nosniff", "nosniff header")

status, _, body = get("/resources/percentile/100")
check(status == 200 and len(json.loads(body)) == 3737, "percentile 100 returns 3,737")

status, _, body = get("/dsrs/abc")
check(
    (status, json.loads(body)) == (404, {"detail": "Not found."}),
    "404 body as specified",
)

status, _, body = get("/admin/login/")
check(status == 200, "admin login page")
stylesheets = re.findall(rb'href="(/static/[^"]+\.css)"', body)
check(bool(stylesheets), "admin page links its stylesheets")
for href in stylesheets:
    status, headers, _ = get(href.decode())
    check(
        status == 200 and headers["Content-Type"].startswith("text/css"),
        f"{href.decode()} served by whitenoise",
    )

# Swagger UI's scripts are static files; ReDoc's comes through a view that
# strips the CDN logo from the bundle. Either way: this server, no other host.
for page in ("/api/docs/", "/api/redoc/"):
    status, _, body = get(page)
    scripts = re.findall(rb'<script[^>]* src="([^"]+)"', body)
    local = all(src.startswith(b"/") and not src.startswith(b"//") for src in scripts)
    check(status == 200 and bool(scripts) and local, f"{page} loads its scripts here")
    for src in scripts:
        status, _, script = get(src.decode())
        check(status == 200, f"{src.decode()} served")
        if page == "/api/redoc/":
            check(b"cdn.redoc.ly" not in script, f"{src.decode()} fetches no CDN logo")

status, headers, body = get("/api/schema/", headers={**HTTPS, "Accept": "text/html"})
check(
    status == 200 and headers["Content-Type"].startswith("text/html"),
    "/api/schema/ is a page for a browser",
)
status, _, body = get("/")
check(status == 200 and b'href="/api/docs/"' in body, "/ links the API docs")

request = urllib.request.Request(
    BASE + "/plays/jobs", data=b"", headers={**HOST, **HTTPS}, method="POST"
)
try:
    urllib.request.urlopen(request, timeout=30)
    status = 200
except urllib.error.HTTPError as error:
    status = error.code
check(status == 401, "an anonymous upload is 401: writes need a token")
