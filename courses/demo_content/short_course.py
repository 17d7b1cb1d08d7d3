"""The two modules of the short course „Stark im Beruf kompakt“."""

from types import SimpleNamespace


def _kontaktstellen_body(media):
    return [
        {"type": "heading", "value": {"text": "Was Kontaktstellen leisten", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Die „Stark im Beruf“-Kontaktstellen sind Anlaufstellen für Mütter mit "
                "Migrationshintergrund, die in Deutschland arbeiten wollen. Sie kennen "
                "Förderangebote, den regionalen Arbeitsmarkt und Einstiegswege – und sie sind "
                "vernetzt: mit Arbeitsverwaltung, Unternehmen, Bildungseinrichtungen und "
                "Migrantenorganisationen.</p>"
            ),
        },
        {
            "type": "checklist",
            "value": {
                "title": "Die Kooperationsregeln auf einen Blick",
                "items": [
                    "Zusammenarbeit mit vorhandenen Netzwerken und Akteuren ist verbindlich.",
                    "Pflichtpartner: das Jobcenter oder die Agentur für Arbeit vor Ort.",
                    "Dazu mindestens zwei weitere Partner, z. B. Migrantenorganisationen "
                    "oder Bildungsträger.",
                ],
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "info",
                "title": "Beispiel Oberhausen",
                "text": (
                    "In Oberhausen arbeiten der Integrationsrat der Stadt, die Beauftragte für "
                    "Chancengleichheit am Arbeitsmarkt des Jobcenters und ein Bildungsträger "
                    "der katholischen Jugendarbeit mit der Kontaktstelle zusammen."
                ),
            },
        },
    ]


def _zugaenge_body(media):
    return [
        {"type": "heading", "value": {"text": "Vertrauen entsteht vor Ort", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Fachkräfte aus dem Oberhausener Netzwerk berichten: In der Kontaktstelle "
                "sind Frauen offener und gesprächsbereiter als in einem nüchternen Büro, und "
                "viele bauen erst dort – manchmal nach Jahren in Deutschland – ein "
                "persönliches Netzwerk und Vertrauen zu Jobcenter und Agentur für Arbeit "
                "auf.</p>"
                "<ul>"
                "<li>Beraten Sie an vertrauten Orten: Familienzentrum, Elterncafé, "
                "Migrantenorganisation.</li>"
                "<li>Organisieren Sie Sprachmittlung und Kinderbetreuung während der "
                "Termine.</li>"
                "<li>Verweisen Sie früh auf die Anerkennungsberatung, wenn ausländische "
                "Abschlüsse vorhanden sind.</li>"
                "</ul>"
            ),
        },
        {
            "type": "reflection",
            "value": {
                "question": (
                    "Wo begegnen Mütter mit Migrationshintergrund in Ihrer Region Ihrer "
                    "Einrichtung – und wo könnten Sie ihnen begegnen?"
                ),
                "hint": "Denken Sie an Orte, die die Frauen wegen ihrer Kinder ohnehin besuchen.",
            },
        },
    ]


MODULES = [
    SimpleNamespace(
        TITLE="Kontaktstellen und ihr Netzwerk",
        SLUG="kontaktstellen-und-ihr-netzwerk",
        UNITS="1.0",
        MINUTES=40,
        INTRO="<p>Was eine „Stark im Beruf“-Kontaktstelle ausmacht und mit wem sie "
        "zusammenarbeiten muss.</p>",
        body=_kontaktstellen_body,
    ),
    SimpleNamespace(
        TITLE="Zugänge schaffen",
        SLUG="zugaenge-schaffen",
        UNITS="1.0",
        MINUTES=40,
        INTRO="<p>Wie Sie Vertrauen aufbauen und Hürden wie Sprache und Kinderbetreuung "
        "abbauen.</p>",
        body=_zugaenge_body,
    ),
]
