"""``/gezondheid/``: is this instance able to serve? For monitoring and the load balancer.

200 when the database answers and every migration the code knows is applied, 503 otherwise.
The answer names no version, no host, no error text and no personal data.
"""

from __future__ import annotations

import logging
import time

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


# Reading the migration graph costs ~0.1-0.2 s: a positive answer is reused for this many seconds
# (per process). The database itself is asked on every request.
MIGRATIONS_OK_SECONDS = 30.0
_migrations_ok_until = 0.0


def _migrations_applied() -> bool:
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return True
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        logger.warning("health: %d migration(s) not applied", len(plan))
        return False
    _migrations_ok_until = time.monotonic() + MIGRATIONS_OK_SECONDS
    return True


def health_cache_clear() -> None:
    global _migrations_ok_until
    _migrations_ok_until = 0.0


def database_ready() -> bool:
    """The database answers and has no unapplied migrations."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return _migrations_applied()
    except DatabaseError:
        logger.warning("health: database not reachable", exc_info=True)
        return False


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    ready = database_ready()
    response = JsonResponse({"status": "ok" if ready else "niet beschikbaar"}, status=200 if ready else 503)
    add_never_cache_headers(response)
    return response
