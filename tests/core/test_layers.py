"""Issue 16 item 3: the layers of the code are a contract (``[tool.importlinter]`` in pyproject.toml),
checked by ``lint-imports`` in ``make lint`` and .ci/run. These tests run the same contract from
Python: it holds for the code as it is, and it fails as soon as one forbidden import is added."""

from __future__ import annotations

import pytest
from importlinter import configuration
from importlinter.application import use_cases
from importlinter.application.app_config import settings

pytestmark = pytest.mark.django_db(databases=[])


def _passes(*extra_imports: tuple[str, str]) -> bool:
    """``lint-imports`` on today's code plus ``extra_imports`` (importer, imported) added to its graph."""
    configuration.configure()
    builder = settings.GRAPH_BUILDER

    class WithExtraImports:
        def build(self, **options):
            graph = builder.build(**options)
            for importer, imported in extra_imports:
                graph.add_import(importer=importer, imported=imported)
            return graph

    settings.configure(GRAPH_BUILDER=WithExtraImports())
    try:
        return use_cases.lint_imports(cache_dir=None, is_debug_mode=True, no_logo=True)
    finally:
        configuration.configure()


def test_issue_16_the_code_keeps_its_layers():
    assert _passes(), "lint-imports: a lower layer imports a higher one (see the output above)"


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("weegploeg.services", "flows.weegploeg"),  # a domain app may not import the process layer
        ("weegploeg.services", "casusoverleg.agendering"),  # the weegploeg file sits below casusoverleg
        ("accesslog.services", "rights.models"),  # the access log sits below the file apps
        ("core.months", "accounts.models"),  # the kernel imports nothing of ours
    ],
)
def test_issue_16_a_forbidden_import_breaks_the_contract(importer, imported):
    assert not _passes((importer, imported))
