"""Person search (POST only: names and BSNs never go in a URL) and the "no data" letter."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from access.screens import access_allowed, work_screen
from pdf.render import render_to_pdf
from persons.forms import NoDataLetterForm, PersonSearchForm
from persons.selectors import persons_held, persons_search

OBJECT_TYPE = "persoon"


@work_screen(
    rule="persons.search",
    purpose="Persoon zoeken in de dossiers",
    object_type=OBJECT_TYPE,
    screen_ref="personen-zoeken",
    methods=("GET", "POST"),
)
def person_search(request: HttpRequest) -> HttpResponse:
    form = PersonSearchForm(request.POST if request.method == "POST" else None)
    hits = None
    if request.method == "POST" and form.is_valid():
        hits = persons_search(request.user, **form.cleaned_data)
    # One row naming every file shown, never the search terms (art. 15.2e).
    request.access.listed(hit.number for hit in hits or [])
    may_write_letter = access_allowed(request.user, "persons.no_data_letter")
    context = {
        "form": form,
        "hits": hits,
        "may_write_letter": may_write_letter,
        "show_letter": may_write_letter and hits == [],
        "letter_form": NoDataLetterForm(initial=form.cleaned_data if hits == [] else None),
    }
    return render(request, "persons/search.html", context, status=400 if form.errors else 200)


@work_screen(
    rule="persons.no_data_letter",
    purpose="Brief: geen gegevens over betrokkene (art. 12)",
    object_type=OBJECT_TYPE,
    screen_ref="geen-gegevens",
    methods=("POST",),
)
def no_data_letter(request: HttpRequest) -> HttpResponse:
    form = NoDataLetterForm(request.POST)
    if form.is_valid() and persons_held(**{k: form.cleaned_data[k] for k in ("surname", "date_of_birth", "bsn")}):
        form.add_error(None, "Er zijn wél gegevens over deze persoon vastgelegd: deze brief kan niet worden verstuurd.")
    if not form.is_valid():
        request.access.read("geen-gegevens")
        context = {"form": PersonSearchForm(), "hits": None, "may_write_letter": True, "show_letter": True}
        context["letter_form"] = form
        return render(request, "persons/search.html", context, status=400)
    request.access.exported("geen-gegevens")
    context = {**form.cleaned_data, "today": timezone.localdate()}
    response = HttpResponse(render_to_pdf("persons/no_data_letter_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="antwoord-geen-gegevens.pdf"'
    return response
