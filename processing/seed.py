"""The register's first text, taken from the convenant (art. 4-6, 8, 10, 12, 15)."""

BASIS = (
    "Art. 6 convenant: voor het OM art. 39f Wjsg; voor de politie art. 16, 18 lid 2 en 20 Wpg; voor de gemeenten, "
    "de Raad voor de Kinderbescherming en de Reclassering art. 6 lid 1 onder e AVG (taak van algemeen belang), "
    "voor de Reclassering mede art. 8 Reclasseringsregeling 1995. Strafrechtelijke gegevens: art. 10 AVG met "
    "de genoemde bijzondere wetten."
)

INITIAL = {
    "weegploeg": {
        "purposes": (
            "Het wegen van signalen over een persoon die mogelijk radicaliseert, op basis van het referentiekader, "
            "om te besluiten of het subject in het casusoverleg wordt geagendeerd (art. 7-8)."
        ),
        "data_categories": (
            "NAW-gegevens van het subject; omschrijving van de signalen; naam en contactgegevens van de melder; de "
            "analyse op basis van het referentiekader; het besluit al dan niet te agenderen; het besluit dat het "
            "plan van aanpak is afgesloten (art. 8.2 a-f). Kan strafrechtelijke gegevens bevatten."
        ),
        "subject_categories": "Subjecten over wie een signaal is ingebracht; melders.",
        "legal_basis": BASIS,
    },
    "casusoverleg": {
        "purposes": (
            "Het opstellen, uitvoeren en monitoren van een integraal, persoonsgericht plan van aanpak voor een "
            "geagendeerd subject (art. 9-10)."
        ),
        "data_categories": (
            "NAW-gegevens van het subject; omschrijving van de signalen; naam en contactgegevens van de partij die de "
            "signalen inbracht; de analyse; de acties van de partijen; gegevens van achterblijvers en van personen "
            "uit het sociale netwerk voor zover nodig voor het plan; het besluit tot afsluiting (art. 10.2 a-h)."
        ),
        "subject_categories": (
            "Geagendeerde subjecten; achterblijvers; personen uit het sociale netwerk van het subject."
        ),
        "legal_basis": BASIS,
    },
    "rechten": {
        "purposes": (
            "Het behandelen van verzoeken om inzage en correctie (art. 12 convenant, art. 15-16 AVG) en het nakomen "
            "van de informatieplicht (art. 11 convenant, art. 14 AVG)."
        ),
        "data_categories": (
            "Gegevens van de verzoeker en diens vertegenwoordiger, vaststelling van de identiteit, het verzoek, de "
            "beslissing en de verstrekte of gecorrigeerde gegevens."
        ),
        "subject_categories": "Betrokkenen die een verzoek doen; hun wettelijke vertegenwoordigers.",
        "legal_basis": "Art. 12 AVG en volgende (rechten van betrokkenen); art. 41 UAVG voor uitstel of beperking.",
    },
    "toegangslog": {
        "purposes": (
            "Het vastleggen en controleren van elke inzage in en wijziging van persoonsgegevens, en van elke "
            "geweigerde poging, om onrechtmatige toegang te ontdekken (art. 15.2e)."
        ),
        "data_categories": (
            "Gebruikersnummer, partij, rol, tijdstip, handeling, pseudoniem dossierkenmerk, doel en netwerkadres. "
            "Geen gegevens van subjecten zelf."
        ),
        "subject_categories": "Gebruikers van het systeem (medewerkers van de partijen).",
        "legal_basis": "Art. 32 AVG (beveiliging van de verwerking); art. 15 convenant.",
    },
}
