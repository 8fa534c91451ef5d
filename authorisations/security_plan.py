"""The measures of the security plan (art. 15.2 a–g) and where each lives in the system."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    letter: str
    title: str
    where: str
    url_name: str = ""


MEASURES: list[Measure] = [
    Measure(
        "a",
        "Fysieke maatregelen voor toegangsbeveiliging, inclusief de organisatorische controle",
        "Buiten dit systeem: serverruimte en werkplekken bij de partijen. De server accepteert alleen HTTPS "
        "(HSTS) en zet strikte beveiligingskoppen (Content-Security-Policy, frame-ancestors 'none').",
    ),
    Measure(
        "b",
        "De lees- en schrijfbevoegdheden van de partijen",
        "Rollen per partij (alleen rollen die een partij mag hebben); kernpartijen alleen voor het "
        "weegploegbestand; externe casuspartners zien alleen het plan van aanpak.",
        "dashboard",
    ),
    Measure(
        "c",
        "Wijze van toekennen, wijzigen en intrekken van autorisaties",
        "Gebruikersbeheer in de beheeromgeving met verplichte reden; elke wijziging staat in het autorisatielog. "
        "Intrekken van een rol of deactiveren beëindigt direct alle sessies.",
        "authorisations:events",
    ),
    Measure(
        "d",
        "Logische toegangscontroles",
        "Wachtwoord plus tweede factor (authenticator-app) voor elke niet-openbare pagina; sessies verlopen na "
        "30 minuten inactiviteit en na 12 uur; blokkade na herhaalde mislukte pogingen; geheimhoudingsverklaring "
        "vóór de eerste inzage in casusgegevens (art. 14).",
        "secrecy:accept",
    ),
    Measure(
        "e",
        "Automatische logging van toegang tot gegevens, inclusief een periodieke controleprocedure",
        "Het toegangslog: elke regel ondertekend met een geheime sleutel buiten de database, verzegeld in een "
        "doorlopende keten met controlepunten buiten de database; dagelijks automatisch gecontroleerd, en "
        "periodiek gecontroleerd en afgetekend door de uitvoerder.",
        "accesslog:index",
    ),
    Measure(
        "f",
        "Controle op toegekende bevoegdheden",
        "De periodieke rechtencontrole per partij: de contactpersoon bevestigt of trekt de rechten in.",
        "authorisations:reviews",
    ),
    Measure(
        "g",
        "Incidentenregistratie, inclusief datalekken (art. 33 en 34 AVG)",
        "Het incidenten- en datalekregister met de 72-uurstermijn voor de melding aan de Autoriteit Persoonsgegevens.",
        "incidents:index",
    ),
]
