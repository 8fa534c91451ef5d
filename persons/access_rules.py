"""Who may search for a person: whoever may see a file of either kind, or consult the archive.
The hits are then filtered by each file's own rule (``persons.selectors``)."""

from access.registry import access_rule
from casusoverleg.access_rules import casus_deelnemer, casus_uitvoerder
from retention.access_rules import may_consult_archive
from rights.access_rules import may_handle_rights
from weegploeg.access_rules import may_see_files

access_rule(
    "persons.search",
    may_see_files | casus_uitvoerder | casus_deelnemer | may_consult_archive,
    "Art. 8.4, 10.4, 13.2: alleen dossiers die de gebruiker ook op hun eigen scherm mag zien",
)
access_rule(
    "persons.no_data_letter",
    may_handle_rights,
    "Art. 12.1: de uitvoerder beantwoordt verzoeken van betrokkenen",
)
