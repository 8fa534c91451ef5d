"""The evaluation page with its CSV and PDF export (art. 18.4): counts only, small ones suppressed."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from access.screens import work_screen
from evaluation.figures import evaluation_years
from evaluation.services import evaluation_csv, evaluation_publish
from evaluation.suppression import suppress_below
from pdf.render import render_to_pdf


class YearForm(forms.Form):
    jaar = forms.TypedChoiceField(
        label="Jaar", coerce=int, error_messages={"invalid_choice": "Kies een jaar uit de lijst."}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(y, str(y)) for y in evaluation_years()]


def evaluation_screen(purpose: str):
    return work_screen(
        rule="evaluation.view_figures",
        purpose=purpose,
        object_type="evaluatie",
        screen_ref="evaluatie",
        secrecy=False,  # counts only: no case data (art. 14 covers the files)
        personal_data=False,
    )


def _year(request: HttpRequest, year: int | None) -> tuple[YearForm, int | None]:
    data = {"jaar": year} if year is not None else (request.GET if "jaar" in request.GET else None)
    form = YearForm(data or {"jaar": evaluation_years()[0]})
    return form, form.cleaned_data["jaar"] if form.is_valid() else None


@evaluation_screen("Evaluatie van het convenant (art. 18.4)")
def evaluation_page(request: HttpRequest) -> HttpResponse:
    form, year = _year(request, None)
    entries = evaluation_publish(year) if year is not None else []
    context = {"form": form, "year": year, "entries": entries, "threshold": suppress_below()}
    return render(request, "evaluation/page.html", context, status=200 if year is not None else 400)


@evaluation_screen("Evaluatie van het convenant: CSV (art. 18.4)")
def evaluation_export_csv(request: HttpRequest, year: int) -> HttpResponse:
    form, year = _year(request, year)
    if year is None:
        return render(request, "evaluation/page.html", {"form": form, "entries": []}, status=400)
    response = HttpResponse(evaluation_csv(year, evaluation_publish(year)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluatie-{year}.csv"'
    return response


@evaluation_screen("Evaluatie van het convenant: PDF (art. 18.4)")
def evaluation_export_pdf(request: HttpRequest, year: int) -> HttpResponse:
    form, year = _year(request, year)
    if year is None:
        return render(request, "evaluation/page.html", {"form": form, "entries": []}, status=400)
    context = {"year": year, "entries": evaluation_publish(year), "threshold": suppress_below()}
    response = HttpResponse(render_to_pdf("evaluation/report_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="evaluatie-{year}.pdf"'
    return response
