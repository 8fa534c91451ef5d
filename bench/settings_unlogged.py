"""Settings for bench/compare.py's unlogged server only: the production settings, unchanged.

The access log is switched off by ``bench/wsgi_unlogged.py``, which refuses to start under any other
settings module, so ``config.settings.production`` (the deployed site) can never run without it.
"""

from config.settings.production import *  # noqa: F403
