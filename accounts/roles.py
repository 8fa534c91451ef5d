"""Roles, which parties may hold them, and the permissions they carry.

A role is a Django group. The tables below are the single source: ``roles_sync`` makes the
groups match them after every migrate, and the grant service refuses a role to a user whose
party may not hold it.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.module_loading import import_string

from parties.models import PartyRole


class Role(models.TextChoices):
    MELDER = "melder", "Melder"
    WEEGPLOEGLID = "weegploeglid", "Weegploeglid"
    CASUSOVERLEG_DEELNEMER = "casusoverleg-deelnemer", "Casusoverleg-deelnemer"
    UITVOERDER = "uitvoerder", "Uitvoerder"
    BELEIDSREDACTEUR = "beleidsredacteur", "Beleidsredacteur"
    PUBLICATIE_GOEDKEURDER = "publicatie-goedkeurder", "Publicatie-goedkeurder"
    EXTERNE_CASUSPARTNER = "externe-casuspartner", "Externe casuspartner"
    FUNCTIONEEL_BEHEERDER = "functioneel-beheerder", "Functioneel beheerder"
    FUNCTIONARIS_GEGEVENSBESCHERMING = "functionaris-gegevensbescherming", "Functionaris gegevensbescherming"

    @property
    def group_name(self) -> str:
        """The group is named by the stable code: renaming a label changes nobody's access."""
        return self.value

    @classmethod
    def from_group_name(cls, name: str) -> Role | None:
        return next((role for role in cls if role.value == name), None)


KERN = frozenset({PartyRole.KERNPARTIJ})

# Which parties may hold each role, with the article that says so.
ROLE_ELIGIBILITY: dict[Role, frozenset[str]] = {
    Role.MELDER: KERN,  # art. 7.1-2: signals reach the weegploeg only through kernpartijen
    Role.WEEGPLOEGLID: KERN,  # art. 8.4: the weegploeg file is for kernpartijen only
    Role.CASUSOVERLEG_DEELNEMER: frozenset({PartyRole.KERNPARTIJ, PartyRole.CASUSPARTIJ}),  # art. 9.1
    Role.UITVOERDER: KERN,  # art. 5: acts for the controller, i.e. the kernpartijen (art. 4)
    Role.BELEIDSREDACTEUR: frozenset({PartyRole.KERNPARTIJ, PartyRole.CASUSPARTIJ}),
    Role.PUBLICATIE_GOEDKEURDER: KERN,  # the controller approves what is published (art. 11.1)
    Role.EXTERNE_CASUSPARTNER: frozenset({PartyRole.EXTERNE_CASUSPARTNER}),  # art. 10.5
    Role.FUNCTIONEEL_BEHEERDER: KERN,  # art. 15.2c: authorisations are the controller's
    Role.FUNCTIONARIS_GEGEVENSBESCHERMING: KERN,  # art. 37-39 AVG: the controller's privacy officer (FG)
}

# Permissions per role as "app_label.codename": the one literal table (issue 12). The access rules
# (``<app>/access_rules.py``) read it through ``access.predicates.holds_permission``; a role's
# Dutch label plays no part in who may do what.
_CASUS_WORK = [
    "casusoverleg.view_casusoverlegprocess",
    "casusoverleg.casusoverleg_adopt_plan",  # art. 9.3
    "casusoverleg.casusoverleg_review",  # art. 9.4: progress reviews and the advice to close
    "casusoverleg.change_planversion",  # drafting the plan and its adjustments
    "casusoverleg.add_casusparticipant",  # art. 9.1
    "casusoverleg.add_casusperson",  # art. 10.2f-g
    "casusoverleg.add_datacontribution",  # art. 6, 9.2
    "casusoverleg.add_advicerequest",  # art. 9.5
    "casusoverleg.change_advicerequest",
    "casusoverleg.add_disclosure",  # art. 10.5
    "casusoverleg.change_casusoverlegfile",  # the review interval (art. 9.4)
]
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.MELDER: ["weegploeg.add_signal"],  # art. 7.1-2: intake
    Role.WEEGPLOEGLID: [
        # art. 7, 8.4, 11.2-4: the weegploeg's tasks
        "flows.view_weegploegprocess",
        "flows.weegploeg_analyse",
        "flows.weegploeg_supply_information",
        "flows.weegploeg_decide",
        "flows.weegploeg_information_duty",
        # art. 15.2g: kernpartij representatives see and report incidents
        "incidents.view_incidentprocess",
        "incidents.register_incident",
        # art. 9.4: the kernpartijen decide on closure; only kernpartij users hold this role (7.2)
        "casusoverleg.casusoverleg_decide_closure",
    ],
    Role.CASUSOVERLEG_DEELNEMER: _CASUS_WORK,  # art. 9.1-9.5, 10.2; per case: casusoverleg.access_rules
    Role.UITVOERDER: [
        # art. 5, 8.3, 11: the weegploeg file, reassigning its tasks, the accuracy review, the information duty
        "flows.view_weegploegprocess",
        "flows.manage_weegploegprocess",
        "flows.weegploeg_information_duty",
        "flows.view_accuracyreviewprocess",
        "flows.manage_accuracyreviewprocess",
        "flows.weegploeg_accuracy_review",
        # art. 15.2c, e, f, 15.3, 14: the access log, authorisations, security plan, secrecy
        "accesslog.view_accesslogentry",
        "accesslog.add_accesslogreview",
        "authorisations.view_authorisationevent",
        "authorisations.view_rightsreview",
        "authorisations.view_all_rightsreviews",
        "authorisations.add_securityplanevaluation",
        "secrecy.view_secrecyacceptance",
        "secrecy.view_all_parties",
        # art. 15.2g: the incident and data-breach register
        "incidents.view_incidentprocess",
        "incidents.manage_incidentprocess",
        "incidents.register_incident",
        "incidents.classify_incident",
        "incidents.notify_ap_incident",
        "incidents.inform_subjects_incident",
        "incidents.close_incident",
        # art. 5, 10.1, 10.3: every casusoverleg file, and handing its tasks on
        *_CASUS_WORK,
        "casusoverleg.manage_casusoverlegprocess",
        "flows.casusoverleg_accuracy_review",  # art. 10.3: the periodic check of the casusoverleg file
        # art. 12.1: requests of data subjects, every task of the rights flow
        "rights.view_rightsrequestprocess",
        "rights.manage_rightsrequestprocess",
        "rights.rights_register",
        "rights.rights_identity",
        "rights.rights_inzage",
        "rights.rights_correction_decide",
        "rights.rights_correction_execute",
        "rights.rights_deadlines",
        "rights.rights_information_followup",
        # art. 13.1, 13.4: destruction lists, holds and reactivation
        "retention.manage_retention",
    ],
    Role.BELEIDSREDACTEUR: ["wagtailadmin.access_admin"],
    Role.PUBLICATIE_GOEDKEURDER: ["wagtailadmin.access_admin"],
    Role.EXTERNE_CASUSPARTNER: ["casusoverleg.view_planversion"],  # art. 10.5: the plan only
    Role.FUNCTIONEEL_BEHEERDER: [
        "wagtailadmin.access_admin",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "parties.add_party",
        "parties.change_party",
        "parties.view_party",
        # art. 15.2c, f: the party's contact for rights reviews (own party only)
        "authorisations.view_authorisationevent",
        "authorisations.view_rightsreview",
        "authorisations.add_rightsreview",
        "secrecy.view_secrecyacceptance",
    ],
    Role.FUNCTIONARIS_GEGEVENSBESCHERMING: [
        # art. 38-39 AVG: reads, never changes; no case data (no weegploeg, casusoverleg or rights task)
        "accesslog.view_accesslogentry",
        "authorisations.view_authorisationevent",
        "authorisations.view_rightsreview",
        "authorisations.view_all_rightsreviews",
        "incidents.view_incidentprocess",
    ],
}

# Dotted paths of functions called at the end of ``roles_sync`` (after the groups exist), for
# permissions that are not plain model permissions (e.g. Wagtail page permissions, workflows).
ROLE_SYNC_HOOKS: list[str] = [
    "pages.permissions.pages_permissions_sync",
]

# Wagtail's install creates these; they would let anyone in them edit every page, outside the
# role rules, so they are removed.
UNMANAGED_DEFAULT_GROUPS = ("Editors", "Moderators")


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def roles_sync() -> None:
    """Make the role groups and their permissions match ``ROLE_PERMISSIONS`` exactly."""
    Group.objects.filter(name__in=UNMANAGED_DEFAULT_GROUPS).delete()
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.group_name)
        group.permissions.set([_permission(p) for p in ROLE_PERMISSIONS[role]])
    for hook in ROLE_SYNC_HOOKS:
        import_string(hook)()


def roles_sync_after_migrate(sender, apps=None, using="default", **kwargs) -> None:
    """After ``migrate``: create every app's permissions first (their own post_migrate handlers
    may run after ours, since this app is listed first), then sync the role groups."""
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    roles_sync()


def role_may_be_held_by(role: Role, party_role: str) -> bool:
    return party_role in ROLE_ELIGIBILITY[role]
