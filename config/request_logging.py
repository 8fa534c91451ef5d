"""Operational logging (issue 15): one JSON object per line on stdout.

A line names ids only: the request id, the user id, the user's party id, the method, the path
*without* its query string, the status and the duration. Never a name, BSN, address, free text or
form value: the formatter writes an allowlist of fields, never the request, its body or its query.
Errors carry the stack trace (file, line, code) but no local variables, and database ``DETAIL``
lines (which quote the offending values) are cut from exception text.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # settings import this module: keep it free of Django imports at load time
    from django.http import HttpRequest, HttpResponse

request_logger = logging.getLogger("casus.request")

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_INCOMING_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
# Extra attributes a log call may add (``logger.info(..., extra={...})``); everything else is dropped.
ALLOWED_EXTRA = ("request_id", "user_id", "party_id", "method", "path", "status", "duration_ms", "command")
_DETAIL_LINE = re.compile(r"^\s*DETAIL:.*$", re.MULTILINE)


def current_request_id() -> str:
    return _request_id.get()


def _scrub(text: str) -> str:
    return _DETAIL_LINE.sub("DETAIL: [weggelaten]", text)


class RequestIdFilter(logging.Filter):
    """Adds the id of the request being served (or "") to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line with a fixed set of keys."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _scrub(record.getMessage()),
        }
        for key in ALLOWED_EXTRA:
            value = getattr(record, key, None)
            if value not in (None, ""):
                line[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            # traceback.format_exception shows code lines, never the frames' local variables.
            line["exception"] = _scrub("".join(traceback.format_exception(*record.exc_info)))
        return json.dumps(line, ensure_ascii=False, default=str)


def _user_ids(request: HttpRequest) -> tuple[int | None, int | None]:
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None, None
    return user.pk, getattr(user, "party_id", None)


class RequestLogMiddleware:
    """First in the chain: gives each request an id, and logs one line when it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user_id, party_id = _user_ids(request)
            request_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,  # never request.get_full_path(): no query string
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "user_id": user_id,
                    "party_id": party_id,
                },
            )
            return response
        finally:
            _request_id.reset(token)


def logging_config(level: str) -> dict:
    """The ``LOGGING`` setting: JSON lines on stdout for everything; noisy or chatty loggers tamed."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "config.request_logging.RequestIdFilter"}},
        "formatters": {"json": {"()": "config.request_logging.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
                "filters": ["request_id"],
            },
            "null": {"class": "logging.NullHandler"},
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # Everything reaches the root handler once (Django's own console/mail handlers removed).
            "django": {"handlers": [], "level": level, "propagate": True},
            # The development server's request line carries the query string; our middleware logs
            # each request already.
            "django.server": {"handlers": ["null"], "level": "INFO", "propagate": False},
            # SQL with parameters: never.
            "django.db.backends": {"handlers": [], "level": "WARNING", "propagate": True},
            # django-axes writes the attempted username into its info and warning lines; lockouts
            # are recorded in its tables (AccessAttempt / AccessFailureLog) instead.
            "axes": {"handlers": [], "level": "ERROR", "propagate": True},
        },
    }
