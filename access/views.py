"""The access matrix page for the functioneel beheerder: generated from the screens' declarations."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from access.matrix import access_matrix
from access.screens import work_screen


@work_screen(
    rule="access.view_matrix",
    purpose="Toegangsmatrix inzien (art. 15.2c-d)",
    object_type="toegangsmatrix",
    screen_ref="toegangsmatrix",
    secrecy=False,
    personal_data=False,  # screens and rules only: no personal data
)
def matrix(request: HttpRequest) -> HttpResponse:
    return render(request, "access/matrix.html", {"rows": access_matrix()})
