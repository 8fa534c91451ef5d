"""The process row lock for flows whose transitions run inside an outer transaction.

Every work screen runs inside the access entry point's transaction (the change and its log row
commit together). Viewflow's ``select_for_update_lock`` probes the row with ``NOWAIT`` and, when
another request holds it, catches the database error *inside* its own atomic block and retries:
at the top level PostgreSQL's COMMIT quietly rolls the aborted transaction back, but nested in
the entry point's transaction the savepoint cannot be released and the request ends in a 500.
This lock probes in a savepoint of its own, so a refused ``NOWAIT`` rolls back only the probe;
the row lock taken by a successful probe is kept until the outer transaction ends.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager

from django.db import DatabaseError, transaction
from viewflow.workflow.exceptions import FlowLockFailed


class SavepointSelectForUpdateLock:
    def __init__(self, nowait: bool = True, attempts: int = 5):
        self.nowait = nowait
        self.attempts = attempts

    @contextmanager
    def __call__(self, flow_class, process_pk):
        rows = flow_class.process_class._default_manager.filter(pk=process_pk)
        for attempt in range(self.attempts):
            try:
                with transaction.atomic():
                    rows.select_for_update(nowait=self.nowait).exists()
            except DatabaseError:
                if attempt == self.attempts - 1:
                    raise FlowLockFailed(f"Lock failed for {flow_class}") from None
                time.sleep(((attempt + 1) * random.random() + 2**attempt) / 2.5)  # noqa: S311 - back-off only
                continue
            with transaction.atomic():
                yield
            return


savepoint_select_for_update_lock = SavepointSelectForUpdateLock()
