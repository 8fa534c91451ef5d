"""gunicorn configuration (issue 15): ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

Values that differ per server come from the environment through ``config.env`` (GUNICORN_BIND,
GUNICORN_WORKERS, GUNICORN_TIMEOUT, LOG_LEVEL). The access log writes one JSON line per request
with the path *without* its query string: no ``%(q)s``, ``%(r)s`` (the request line) or
``%(f)s`` (the referrer, which may hold another page's query string).
"""

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config.env import env

wsgi_app = "config.wsgi:application"
bind = env("GUNICORN_BIND")
workers = env("GUNICORN_WORKERS")
worker_class = "sync"
# A request that takes longer than this is killed (a PDF of a large plan renders in about a second).
timeout = env("GUNICORN_TIMEOUT")
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak in a library cannot grow without bound.
max_requests = 1000
max_requests_jitter = 100
# Request size limits (the application's own form limits apply after these).
limit_request_line = 8190
limit_request_fields = 100
# Only nginx on this machine talks to gunicorn; it sets X-Forwarded-Proto (Django reads it through
# SECURE_PROXY_SSL_HEADER) and X-Forwarded-For (core.http.client_address trusts one hop).
forwarded_allow_ips = "127.0.0.1,::1"
proxy_allow_ips = "127.0.0.1,::1"

# gunicorn 27's runtime control socket ($HOME/.gunicorn/gunicorn.ctl) is not used: systemd reloads
# with HUP (`systemctl reload casusoverleg`), and the service's home is not a place for sockets.
control_socket_disable = True

# A fresh worker's first request pays for lazy imports, the URL resolver, template compilation and
# the database connection (~0.7 s for the convenant PDF, issue 18). Each worker (at start and after
# each recycling) first answers these public requests to itself, before it accepts a connection.
# gunicorn's access log does not list them; a failure (a database still starting) is logged and ignored.
WARM_UP_PATHS = ("/", "/convenant/pdf/")
WARM_UP_BUDGET_SECONDS = 10


def post_worker_init(worker):
    from django.conf import settings  # Django belongs to the worker, not to reading this file

    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    host = hosts[0] if hosts else "localhost"
    started = time.monotonic()
    for path in WARM_UP_PATHS:
        if time.monotonic() - started > WARM_UP_BUDGET_SECONDS:
            break
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": host,
            "SERVER_PORT": "443",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": host,
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_ACCEPT_ENCODING": "gzip",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        try:
            body = worker.wsgi(environ, lambda status, headers, exc_info=None: None)
            try:
                for _ in body:
                    pass
            finally:
                if hasattr(body, "close"):
                    body.close()  # request_finished: the connection is kept or closed as for a visit
        except Exception as exc:
            worker.log.warning("opwarmen %s mislukt: %s", path, type(exc).__name__)


loglevel = env("LOG_LEVEL").lower()
errorlog = "-"
accesslog = "-"
access_log_format = (
    '{"logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", "status": "%(s)s", '
    '"duration_ms": %(M)s, "bytes": "%(b)s", "request_id": "%({x-request-id}o)s"}'
)
