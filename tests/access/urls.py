"""The URL patterns of the project, walked by introspection (not from a hand-written list)."""

from access.matrix import url_patterns, work_patterns

__all__ = ["url_patterns", "work_patterns"]
