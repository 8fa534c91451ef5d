"""Request hygiene that protects every view at once."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _has_nul(params) -> bool:
    return any("\x00" in key or any("\x00" in value for value in params.getlist(key)) for key in params)


def _is_form_post(request: HttpRequest) -> bool:
    return request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    )


class RejectNullCharactersMiddleware:
    """A NUL character is never valid input. PostgreSQL refuses it in text, so a NUL that reached
    a query would end in a server error; refuse it up front with a Dutch 400 page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or _has_nul(request.GET) or (_is_form_post(request) and _has_nul(request.POST)):
            return render(request, "400.html", status=400)
        return self.get_response(request)
