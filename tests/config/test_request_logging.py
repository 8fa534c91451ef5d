"""Issue 15, logging: JSON lines with ids, the path without its query string, status and duration;
never a name, BSN, address or form value, not even when a request carries them; errors with a
stack trace but without local variables."""

from __future__ import annotations

import datetime
import io
import json
import logging
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from config.request_logging import JsonFormatter, RequestIdFilter
from rights.models import RequesterKind, RequestKind
from tests.accesslog.test_personal_data_screens import _personal_values, _rights_request, _screens
from tests.casusoverleg.fixtures import GENNEP, deelnemer
from tests.helpers import HOST, verified_client
from tests.rights.fixtures import SUBJECT_A, build_case, uitvoerder
from tests.weegploeg.fixtures import intake_post, melder, published_referentiekader, weegploeglid  # noqa: F401

pytestmark = pytest.mark.django_db

NAME = f"{SUBJECT_A['given_names']} {SUBJECT_A['surname']}"
REQUESTER = "Gerardus Wilhelmus Peeters"
REPLY_ADDRESS = "Molenweg 212, 6596 XX Milsbeek"
CORRECTION = "Kleuskens-Driessen"


@pytest.fixture
def log_output():
    """Everything the configured loggers emit, formatted exactly as on stdout in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def _query(value: str) -> str:
    return "?" + "&".join(f"{k}={v}" for k, v in {"q": value, "naam": NAME, "bsn": SUBJECT_A["bsn"]}.items())


def test_issue_15_3_logging_is_json_on_stdout_for_every_logger():
    """Issue 15."""
    root = settings.LOGGING["root"]
    handler = settings.LOGGING["handlers"][root["handlers"][0]]
    assert handler["stream"] == "ext://sys.stdout"
    assert settings.LOGGING["formatters"][handler["formatter"]]["()"] == "config.request_logging.JsonFormatter"
    assert settings.MIDDLEWARE[0] == "config.request_logging.RequestLogMiddleware"


def test_issue_15_3_a_request_line_has_ids_path_without_query_status_and_duration(log_output):
    """Issue 15."""
    user = deelnemer(GENNEP)
    response = verified_client(user).get("/werk/casussen/" + _query(SUBJECT_A["surname"]))
    assert response.status_code == 200
    request_id = response["X-Request-ID"]
    lines = [line for line in _lines(log_output) if line["logger"] == "casus.request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["request_id"] == request_id
    assert line["user_id"] == user.pk
    assert line["party_id"] == user.party_id
    assert line["path"] == "/werk/casussen/"
    assert line["method"] == "GET"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert SUBJECT_A["surname"] not in log_output.getvalue()


def test_art_15_1_personal_data_sent_to_every_personal_data_screen_never_reaches_the_log(
    published_referentiekader,  # noqa: F811
    log_output,
):
    case = build_case()
    rights_request = _rights_request(case, uitvoerder())
    clients = {
        "weegploeglid": verified_client(weegploeglid()),
        "deelnemer": verified_client(deelnemer(GENNEP)),
        "uitvoerder": verified_client(uitvoerder()),
        "melder": verified_client(melder()),
    }
    sent = 0
    # Every read screen of the subject's files and rights request, with personal data in the query.
    for who, path in _screens(case, rights_request.number):
        assert clients[who].get(path + _query(SUBJECT_A["surname"])).status_code == 200, (who, path)
        sent += 1
    # Searches and lists with a name and a BSN in the query string.
    for who, path in [
        ("deelnemer", "/werk/casussen/"),
        ("weegploeglid", "/werk/weegploeg/"),
        ("uitvoerder", "/werk/rechten/"),
        ("uitvoerder", "/werk/rechten/informatieplicht/"),
        ("melder", "/werk/weegploeg/mijn-meldingen/"),
    ]:
        for value in (SUBJECT_A["surname"], SUBJECT_A["bsn"], NAME):
            assert clients[who].get(path + _query(value)).status_code == 200, (who, path)
            sent += 1
    # Forms posting personal data: the intake (a valid one and an invalid one) and a rights request.
    subject = {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in SUBJECT_A.items()}
    intake = intake_post(**subject, melder="namens", melder_name=REQUESTER, melder_contact=REPLY_ADDRESS)
    for data, expected in ((intake, 302), ({**intake, "observed_on": "geen datum"}, 400)):
        response = clients["melder"].post("/werk/weegploeg/melden/" + _query(NAME), data)
        assert response.status_code == expected
        sent += 1
    register = {
        "weegploeg_number": case.file.number,
        "kind": RequestKind.CORRECTIE,
        "received_on": timezone.localdate().strftime("%d-%m-%Y"),
        "requester_kind": RequesterKind.VERTEGENWOORDIGER,
        "requester_name": REQUESTER,
        "under_curatele": "on",  # an adult subject: a representative only under curatele (art. 12.1)
        "reply_address": REPLY_ADDRESS,
        "field_1": "surname",
        "value_1": CORRECTION,
        "reason_1": f"Naam is {CORRECTION} sinds het huwelijk",
    }
    for data, expected in ((register, 302), ({**register, "kind": ""}, 400)):
        response = clients["uitvoerder"].post("/werk/rechten/nieuw/" + _query(NAME), data)
        assert response.status_code in (expected, 200), response.status_code
        sent += 1
    # A login attempt with a name as username, and a page that does not exist.
    assert clients["deelnemer"].get("/werk/bestaat-niet/" + _query(NAME)).status_code == 404
    anonymous = Client(HTTP_HOST=HOST)
    for _ in range(6):  # past the lockout threshold: django-axes logs the username it refuses
        anonymous.post("/inloggen/" + _query(NAME), {"username": REQUESTER, "password": SUBJECT_A["bsn"]})
    sent += 7

    output = log_output.getvalue()
    request_lines = [line for line in _lines(log_output) if line["logger"] == "casus.request"]
    assert len(request_lines) >= sent
    assert all("?" not in line["path"] for line in request_lines)
    forbidden = [*_personal_values(), NAME, REQUESTER, REPLY_ADDRESS, CORRECTION, "Molenweg", "Peeters"]
    for datum in forbidden:
        assert datum.lower() not in output.lower(), datum


def _fails_with_a_bsn_in_a_local_variable():
    bsn = SUBJECT_A["bsn"]  # noqa: F841 - the formatter must not show it
    naam = NAME  # noqa: F841
    raise RuntimeError("registratie mislukt")


def test_art_15_1_an_error_has_a_stack_trace_without_local_variables():
    """Issue 15."""
    try:
        _fails_with_a_bsn_in_a_local_variable()
    except RuntimeError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/werk/",), sys.exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Internal Server Error: /werk/"
    assert "_fails_with_a_bsn_in_a_local_variable" in line["exception"]
    assert "RuntimeError: registratie mislukt" in line["exception"]
    assert SUBJECT_A["bsn"] not in line["exception"]
    assert SUBJECT_A["surname"] not in line["exception"]


def test_art_15_1_database_detail_lines_that_quote_values_are_cut():
    """Issue 15."""
    message = 'duplicate key value violates unique constraint "x"\nDETAIL:  Key (bsn)=(111222333) already exists.'
    try:
        raise ValueError(message)
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "fout", (), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert "111222333" not in json.dumps(line)
    assert "duplicate key value" in line["exception"]


def test_art_15_1_request_log_never_serialises_the_request_object():
    """Issue 15."""
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/x/",), None)
    record.request = object()  # Django attaches the request; it must not be written
    record.status_code = 404
    line = json.loads(JsonFormatter().format(record))
    assert set(line) <= {"time", "level", "logger", "message", "request_id"}
