"""The editor's form of the intake question list (issue 19.3): conditions and list-wide guardrails.

Per question the rules run in ``IntakeQuestion.clean`` (``forms.guardrails.question_errors``), so
each refusal appears at the field it concerns. Here: "show when" offers the questions already in
the list by label (stored by their stable id), and the list-wide rules (a condition points at an
*earlier* choice question and one of its answers; no question twice).
"""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from forms.guardrails import questions_errors

NO_CONDITION = ("", "— altijd tonen —")


class IntakeFormPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("questions")
        if formset is None:
            return
        choices = [NO_CONDITION]
        for index, question in enumerate(self.instance.questions.all(), start=1):
            choices.append((str(question.uuid), f"{index}. {question.label}"))

        def condition_field() -> forms.ChoiceField:
            return forms.ChoiceField(
                label="Alleen tonen als vraag",
                choices=choices,
                required=False,
                help_text=(
                    "Kies een eerdere (opgeslagen) keuzevraag; deze vraag verschijnt alleen bij het antwoord ernaast."
                ),
                error_messages={"invalid_choice": "Kies een vraag uit de lijst."},
            )

        base = formset.form

        class QuestionForm(base):
            def __init__(self, *a, **kw):
                super().__init__(*a, **kw)
                self.fields["show_when_question"] = condition_field()

        QuestionForm.__name__ = base.__name__
        formset.form = QuestionForm
        for form in formset.forms:
            form.fields["show_when_question"] = condition_field()

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("questions")
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        kept.sort(key=lambda f: (f.cleaned_data.get("ORDER") is None, f.cleaned_data.get("ORDER") or 0))
        for index, errors in questions_errors([f.instance for f in kept]).items():
            for field, message in errors.items():
                kept[index].add_error(field, message)
        if any(f.errors for f in kept):
            self.add_error(None, "Niet alle vragen kunnen zo worden opgeslagen; zie de meldingen bij de vragen.")
        return cleaned
