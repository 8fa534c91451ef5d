"""The rights-request flow (art. 12): identiteit → [inzage] → [besluit correctie → [uitvoeren]] → einde.

``rights.services.registration.rights_request_register`` starts it (through ``core.processes``).
Every human task has an explicit permission (declared in ``RightsRequestProcess.Meta``) and,
through ``RightsTask.can_assign``, is only for the uitvoerder of a participating kernpartij. The
flow takes a ``SELECT ... FOR UPDATE NOWAIT`` lock on the process row for every transition.

Its task screen is the request's own page (``/werk/rechten/verzoek/<nummer>/``): the open task's
step form sits in it, driven by ``SCREENS`` through the one task-screen machinery
(``flows.screens.step_form`` / ``step_post``) — per node the form and the domain service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.models import Task

from access.screens import work_screen
from core.tasks import OPEN_STATUSES
from flows.locks import savepoint_select_for_update_lock
from flows.screens import Step, StepContext, TaskScreens, step_form, step_post
from rights import deferral
from rights.forms import CorrectionDecideForm, CorrectionExecuteForm, DeferralAssessForm, IdentityForm, InzageForm
from rights.models import CorrectionDecision, InzageDecision, RequestStatus, RightsRequest, RightsRequestProcess
from rights.selectors.overview import subject_file_numbers
from rights.selectors.requests import rights_may_use
from rights.services.correction import correction_decide, correction_execute
from rights.services.inzage import inzage_answer
from rights.services.registration import identity_record
from rights.views import CASUS_TYPE, FILE_TYPE, HANDLE, OBJECT_TYPE, has_refusal, request_load


@dataclass
class TaskOnRequest:
    """The open task of a rights request with the request (``.file``: what the log rows name)."""

    task: Task
    file: RightsRequest


def open_task(rights_request: RightsRequest) -> Task | None:
    if not rights_request.process_id:
        return None
    return (
        Task.objects.filter(
            process_id=rights_request.process_id, process__flow_class=RightsRequestFlow, status__in=OPEN_STATUSES
        )
        .select_related("process", "owner")
        .order_by("-pk")
        .first()
    )


# --- The steps: per node the form and the service --------------------------------------------


def _identify(ctx: StepContext, form):
    d = form.cleaned_data
    return lambda: identity_record(ctx.file, established_on=d["established_on"], method=d["method"], note=d["note"])


def _inzage(ctx: StepContext, form):
    d = form.cleaned_data
    return lambda: inzage_answer(
        ctx.file,
        decision=d["decision"],
        answered_on=d["answered_on"],
        ground=d["ground"],
        motivation=d["motivation"],
        withheld_sections=d["withheld_sections"],
    )


def _inzage_after(ctx: StepContext, result) -> None:
    """Art. 12.3: the overview was handed over to the requester: an export of every file it covers."""
    request, rights_request = ctx.request, ctx.file
    rights_request.refresh_from_db()
    if rights_request.inzage_decision == InzageDecision.GEWEIGERD:
        return
    request.access.exported(rights_request)
    weegploeg, casus = subject_file_numbers(rights_request)
    for number in weegploeg:
        request.access.exported(number, object_type=FILE_TYPE)
    for number in casus:
        request.access.exported(number, object_type=CASUS_TYPE)


def _correction_decide(ctx: StepContext, form):
    d = form.cleaned_data
    return lambda: correction_decide(
        ctx.file,
        decided_on=d["decided_on"],
        accepted_ids=[int(pk) for pk in d["accepted"]],
        motivation=d["motivation"],
    )


def _correction_execute(ctx: StepContext, form):
    return lambda: correction_execute(ctx.file, executed_on=form.cleaned_data["executed_on"])


def _correction_execute_after(ctx: StepContext, result: dict) -> None:
    """Art. 12.6: the correction changed the subject's data in these files."""
    for number in result.get("weegploeg", []):
        ctx.request.access.changed(number, object_type=FILE_TYPE)
    for number in result.get("casusoverleg", []):
        ctx.request.access.changed(number, object_type=CASUS_TYPE)


def _detail_url(target: TaskOnRequest) -> str:
    return reverse("rights:detail", kwargs={"number": target.file.number})


SCREENS = TaskScreens(
    namespace="rights",
    label="rechten",
    object_type=OBJECT_TYPE,
    screen_ref="rechten-verzoek",
    flows=lambda: (RightsRequestFlow,),
    target=lambda task: None,  # the request page finds its open task itself (``open_task``)
    rule=HANDLE,
    panel="",
    done_url=_detail_url,
    back=lambda target: (reverse("rights:index"), "Terug naar de verzoeken"),
    noun="verzoek",
    steps={
        "identify": Step(form=lambda ctx: IdentityForm(ctx.data), service=_identify),
        "inzage": Step(form=lambda ctx: InzageForm(ctx.data), service=_inzage, after=_inzage_after),
        "correction_decide": Step(
            form=lambda ctx: CorrectionDecideForm(ctx.data, corrections=list(ctx.file.corrections.all())),
            service=_correction_decide,
        ),
        "correction_execute": Step(
            form=lambda ctx: CorrectionExecuteForm(ctx.data),
            service=_correction_execute,
            after=_correction_execute_after,
        ),
    },
)


# --- The request page: the rights flow's task screen -----------------------------------------


@work_screen(
    rule=HANDLE,
    purpose="rechten: verzoek behandelen",
    object_type=OBJECT_TYPE,
    screen_ref="rechten-verzoek",
    load=request_load,
    methods=("GET", "POST"),
)
def detail(request: HttpRequest, rights_request: RightsRequest, number: str) -> HttpResponse:
    task = open_task(rights_request)
    ctx = StepContext(request, TaskOnRequest(task, rights_request)) if task is not None else None
    form = step_form(ctx, SCREENS) if ctx is not None else None
    if request.method == "POST":
        if ctx is None:
            messages.error(request, "Deze stap kan nu niet worden vastgelegd. Er is niets gewijzigd.")
            return redirect("rights:detail", number=rights_request.number)
        response = step_post(ctx, SCREENS, form, _detail_url(ctx.target))
        if response is not None:
            return response
        rights_request.refresh_from_db()
    request.access.read(rights_request)
    return _detail_render(request, rights_request, task, form)


def _detail_render(request, rights_request, task, form, deferral_form=None) -> HttpResponse:
    today = timezone.localdate()
    deadlines = [
        {"what": what, "due": due, "days_left": (due - today).days, "overdue": due < today}
        for what, due in rights_request.open_deadlines()
    ]
    items = deferral.deferral_items(rights_request) if rights_request.wants_inzage else []
    open_items = deferral.deferral_open(items)
    if deferral_form is None and items and rights_request.status == RequestStatus.INZAGE:
        deferral_form = DeferralAssessForm(items=items)
    context = {
        "r": rights_request,
        "task": task,
        "form": form,
        "deadlines": deadlines,
        "corrections": list(rights_request.corrections.all()),
        "notices": list(rights_request.notices.select_related("party")),
        "may_download_overview": rights_request.wants_inzage
        and rights_request.identity_established_on is not None
        and not open_items,
        "has_refusal": has_refusal(rights_request),
        "deferral_items": items,
        "deferral_open": open_items,
        "deferral_form": deferral_form,
    }
    errors = (form is not None and form.errors) or (deferral_form is not None and deferral_form.errors)
    return render(request, "rights/detail.html", context, status=400 if errors else 200)


@work_screen(
    rule=HANDLE,
    purpose="rechten: uitgestelde informatieplicht per onderdeel beoordelen (art. 11.4, 12.4)",
    object_type=OBJECT_TYPE,
    screen_ref="rechten-uitstel",
    load=request_load,
    methods=("POST",),
)
def deferral_assess(request: HttpRequest, rights_request: RightsRequest, number: str) -> HttpResponse:
    """Art. 11.4, 12.4: record per covered item whether the art. 41 UAVG ground still applies."""
    items = deferral.deferral_items(rights_request)
    form = DeferralAssessForm(request.POST, items=items)
    if form.is_valid():
        data = form.cleaned_data
        try:
            deferral.deferral_item_assess(
                rights_request,
                by=request.user,
                item_key=data["item"],
                consulted_party=data["consulted_party"],
                consulted_on=data["consulted_on"],
                still_applies=data["still_applies"] == "ja",
                reasoning=data["reasoning"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.access.changed(rights_request)
            messages.success(request, f"De beoordeling is vastgelegd voor verzoek {rights_request.number}.")
            return redirect("rights:detail", number=rights_request.number)
    request.access.read(rights_request)
    task = open_task(rights_request)
    step = None
    if task is not None:  # the task's form beside it, unbound (this POST was the assessment's)
        step = step_form(StepContext(request, TaskOnRequest(task, rights_request), bound=False), SCREENS)
    return _detail_render(request, rights_request, task, step, form)


urlpatterns = [
    path("verzoek/<str:number>/", detail, name="detail"),
    path("verzoek/<str:number>/uitstel/", deferral_assess, name="deferral_assess"),
]


class RightsTask(flow.View):
    """A human task of a rights request: the task permission plus the uitvoerder rule."""

    def can_assign(self, user, task):
        if not super().can_assign(user, task):
            return False
        return rights_may_use(user)


class RightsRequestFlow(flow.Flow):
    """Verzoek inzage of correctie

    De uitvoerder behandelt een verzoek van de betrokkene om inzage of correctie (art. 12).
    """

    process_class = RightsRequestProcess
    lock_impl = savepoint_select_for_update_lock  # see flows.locks

    start = flow.StartHandle(this.start_process).Annotation(title="Verzoek ontvangen").Next(this.identify)
    identify = (
        RightsTask(detail)
        .Annotation(title="Identiteit vaststellen (art. 12.3)")
        .Permission("rights.rights_identity")
        .Next(this.after_identity)
    )
    after_identity = (
        flow.If(this.wants_inzage).Annotation(title="Inzage gevraagd?").Then(this.inzage).Else(this.after_inzage)
    )
    inzage = (
        RightsTask(detail)
        .Annotation(title="Inzage geven of weigeren (art. 12.3-4)")
        .Permission("rights.rights_inzage")
        .Next(this.after_inzage)
    )
    after_inzage = (
        flow.If(this.wants_correctie)
        .Annotation(title="Correctie gevraagd?")
        .Then(this.correction_decide)
        .Else(this.end)
    )
    correction_decide = (
        RightsTask(detail)
        .Annotation(title="Besluiten over correctie (art. 12.5)")
        .Permission("rights.rights_correction_decide")
        .Next(this.after_decision)
    )
    after_decision = (
        flow.If(this.correction_accepted)
        .Annotation(title="Correctie toegewezen?")
        .Then(this.correction_execute)
        .Else(this.end)
    )
    correction_execute = (
        RightsTask(detail)
        .Annotation(title="Correctie uitvoeren en partijen inlichten (art. 12.6)")
        .Permission("rights.rights_correction_execute")
        .Next(this.end)
    )
    end = flow.End().Annotation(title="Afgerond")

    def start_process(self, activation, request: RightsRequest):
        activation.process.artifact = request
        return activation.process

    def _request(self, activation) -> RightsRequest:
        return RightsRequest.objects.get(process_id=activation.process.pk)

    def wants_inzage(self, activation) -> bool:
        return self._request(activation).wants_inzage

    def wants_correctie(self, activation) -> bool:
        return self._request(activation).wants_correctie

    def correction_accepted(self, activation) -> bool:
        return self._request(activation).correction_decision in (
            CorrectionDecision.TOEGEWEZEN,
            CorrectionDecision.DEELS,
        )
