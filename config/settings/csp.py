"""The Content-Security-Policy (django-csp 4) of every environment, imported by ``base``."""

# Content-Security-Policy (django-csp 4): strict everywhere — only our own files, no inline
# script, no inline style, no framing, no plugins. Tested in tests/security/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'none'"],
    }
}
# Per path prefix, changes to the strict policy (authorisations.middleware.ScopedCSPMiddleware):
# - /admin/: the Wagtail 8 admin sets inline styles (style attributes, <style> in templates and from
#   its JavaScript) and shows the page preview in a same-origin iframe, so it may frame itself
#   (frame-src/frame-ancestors 'self'; X-Frame-Options stays DENY except on Wagtail's own preview
#   views, which ask for SAMEORIGIN). It still runs no inline script and loads nothing foreign:
#   the few inline ``initDateChooser(...)`` calls of Wagtail's list filters are blocked, so those
#   date filters fall back to a plain text field (type the date as YYYY-MM-DD).
CSP_PATH_OVERRIDES = {
    "/admin/": {
        "update": {"style-src": ["'unsafe-inline'"]},
        "replace": {"frame-src": ["'self'"], "frame-ancestors": ["'self'"]},
    },
}
