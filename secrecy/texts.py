"""The secrecy statement users accept before their first access to case data (art. 14).

A new version of the text means a new ``SECRECY_TEXT_VERSION``: every user accepts again.
"""

SECRECY_TEXT_VERSION = "art14-2019-v1"

SECRECY_TEXT = (
    "Ik ben verplicht tot geheimhouding van de persoonsgegevens waarvan ik in het kader van het convenant "
    "Casusoverleg ter voorkoming van radicalisering en extremisme Limburg kennisneem, behalve voor zover een "
    "wettelijk voorschrift mij tot mededeling verplicht of uit mijn taak de noodzaak tot mededeling voortvloeit "
    "(artikel 14). Deze plicht blijft ook gelden nadat mijn organisatie haar deelname aan het convenant heeft "
    "opgezegd (artikel 18, tweede lid) en nadat ik mijn werkzaamheden heb beëindigd. Ik gebruik de gegevens "
    "alleen voor het doel waarvoor ze mij ter beschikking zijn gesteld."
)
