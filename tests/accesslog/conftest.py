"""Each access-log test writes its checkpoints to a file of its own (the database is rolled back
after each test; a shared checkpoint file would not be)."""

import pytest


@pytest.fixture(autouse=True)
def _own_checkpoint_file(settings, tmp_path):
    settings.ACCESS_LOG_CHECKPOINT_PATH = str(tmp_path / "toegangslog" / "controlepunten.jsonl")
    return settings.ACCESS_LOG_CHECKPOINT_PATH
