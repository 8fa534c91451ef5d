from tests.weegploeg.fixtures import published_referentiekader  # noqa: F401
