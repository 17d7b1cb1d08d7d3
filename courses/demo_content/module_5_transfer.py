"""Modul 5: Transfer in die Praxis."""

from quizzes.demo import essay, multiple, numeric, short, single, true_false

from .quiz_categories import KNOWLEDGE, PRACTICE

TITLE = "Transfer in die Praxis"
SLUG = "transfer-in-die-praxis"
UNITS = "1.5"
MINUTES = 65
INTRO = (
    "<p>Kooperation braucht Verabredungen, die auch dann tragen, wenn Personen wechseln. "
    "Dieses Modul zeigt, wie Sie eine Kooperationsvereinbarung aufsetzen, Fallkonferenzen "
    "datenschutzgerecht durchführen und Ihre nächsten Schritte planen.</p>"
)


def body(media):
    return [
        {"type": "heading", "value": {"text": "Die Kooperationsvereinbarung", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Eine schriftliche Kooperationsvereinbarung macht aus guten Kontakten eine "
                "verlässliche Struktur. Sie muss nicht lang sein. Wichtig ist, dass alle "
                "Partner – zum Beispiel Jobcenter, Agentur für Arbeit, Jugendamt, "
                "Familienzentren und Bildungsträger – sie mittragen und ihre Leitungen sie "
                "unterschreiben. So überdauert die Zusammenarbeit auch einen Personalwechsel.</p>"
            ),
        },
        {
            "type": "checklist",
            "value": {
                "title": "Was in eine Kooperationsvereinbarung gehört",
                "items": [
                    "Gemeinsames Ziel und Zielgruppe (z. B. Berufsrückkehrerinnen im Stadtteil).",
                    "Partner mit Auftrag, Leistungen und Grenzen ihres Rechtskreises.",
                    "Feste Ansprechpersonen und Vertretungen mit Kontaktdaten.",
                    "Wege der Verweisung und Rückmeldung, mit Einwilligung der Ratsuchenden.",
                    "Gemeinsame Angebote, z. B. Sprechstunden im Familienzentrum.",
                    "Regeln zum Datenschutz und zur Fallkonferenz.",
                    "Termine für Netzwerktreffen und für die jährliche Auswertung.",
                ],
            },
        },
        {"type": "heading", "value": {"text": "Die Fallkonferenz", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>In einer Fallkonferenz beraten Fachkräfte verschiedener Stellen "
                "gemeinsam über eine Familie. Sie lohnt sich, wenn mehrere Rechtskreise "
                "beteiligt sind und die Schritte voneinander abhängen – etwa Weiterbildung, "
                "Betreuungsplatz und Anerkennung eines Abschlusses.</p>"
                "<ol>"
                "<li><strong>Einwilligung:</strong> Die Ratsuchende stimmt schriftlich zu, "
                "welche Stellen welche Informationen austauschen; sonst wird anonym "
                "beraten.</li>"
                "<li><strong>Beteiligung:</strong> Die Ratsuchende nimmt nach Möglichkeit "
                "selbst teil. Es wird über sie nur gesprochen, was auch mit ihr besprochen "
                "werden kann.</li>"
                "<li><strong>Ablauf:</strong> Anliegen, Sicht der Ratsuchenden, Beiträge der "
                "Stellen, vereinbarte Schritte mit Zuständigkeit und Frist.</li>"
                "<li><strong>Ergebnis:</strong> Ein kurzes Protokoll, das alle Beteiligten "
                "erhalten, und ein Termin für die Überprüfung.</li>"
                "</ol>"
            ),
        },
        {
            "type": "callout",
            "value": {
                "kind": "info",
                "title": "Klein anfangen",
                "text": (
                    "Sie müssen nicht gleich ein großes Netzwerk gründen. Eine monatliche "
                    "Sprechstunde des Jobcenters im Familienzentrum oder ein gemeinsamer "
                    "Infoabend mit der Beauftragten für Chancengleichheit ist ein guter "
                    "Anfang."
                ),
            },
        },
        {"type": "heading", "value": {"text": "Ihre nächsten Schritte", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Planen Sie den Transfer konkret: Was tun Sie in den nächsten vier Wochen, "
                "mit wem, und woran merken Sie, dass es wirkt? Halten Sie dazu drei Dinge "
                "fest:</p>"
                "<ul>"
                "<li>eine Person aus einem anderen Rechtskreis, die Sie ansprechen,</li>"
                "<li>ein Angebot, das Sie gemeinsam ausprobieren,</li>"
                "<li>einen Termin, an dem Sie prüfen, was daraus geworden ist.</li>"
                "</ul>"
            ),
        },
        {
            "type": "reflection",
            "value": {
                "question": (
                    "Welchen ersten Schritt gehen Sie in den nächsten vier Wochen, um die "
                    "Zusammenarbeit mit Jobcenter, Agentur für Arbeit oder Jugendhilfe in "
                    "Ihrer Region zu stärken?"
                ),
                "hint": (
                    "Formulieren Sie den Schritt so konkret, dass Sie ihn in Ihren Kalender "
                    "eintragen können: wer, was, bis wann."
                ),
            },
        },
        {
            "type": "links",
            "value": {
                "title": "Hilfreich für die Praxis",
                "links": [
                    {
                        "title": "Anerkennung in Deutschland",
                        "url": "https://www.anerkennung-in-deutschland.de/",
                        "description": "Portal der Bundesregierung zur Anerkennung "
                        "ausländischer Berufsabschlüsse.",
                    },
                    {
                        "title": "Bundesamt für Migration und Flüchtlinge",
                        "url": "https://www.bamf.de/",
                        "description": "Integrationskurse und berufsbezogene Sprachkurse.",
                    },
                    {
                        "title": "SGB VIII – Kinder- und Jugendhilfe",
                        "url": "https://www.gesetze-im-internet.de/sgb_8/",
                        "description": "Volltext, u. a. § 81 zur strukturellen Zusammenarbeit.",
                    },
                ],
            },
        },
    ]


# The module's Lernkontrolle (see quizzes.demo.ensure_quiz).
# Passing the Lernkontrolle completes the module.
QUIZ_COMPLETES_MODULE = True
QUIZ = {
    "title": TITLE,  # shown as „Lernkontrolle: <title>“
    "questions": [
        multiple(
            "Was gehört in eine Kooperationsvereinbarung?",
            [
                "Feste Ansprechpersonen und Vertretungen",
                "Wege der Verweisung und Rückmeldung",
                "Regeln zum Datenschutz",
            ],
            ["Namen der beratenen Familien"],
            "Eine Kooperationsvereinbarung regelt Strukturen, keine Einzelfälle.",
            PRACTICE,
        ),
        short(
            "Wie heißt die Besprechung, in der Fachkräfte mehrerer Stellen gemeinsam über "
            "eine Familie beraten? (ein Wort)",
            ["Fallkonferenz", "Fallbesprechung", "die Fallkonferenz"],
            "In der Fallkonferenz werden Schritte mit Zuständigkeit und Frist vereinbart.",
            KNOWLEDGE,
        ),
        true_false(
            "Eine Fallkonferenz mit personenbezogenen Daten setzt die Einwilligung der "
            "Ratsuchenden voraus; sonst wird anonym beraten.",
            True,
            "Einwilligung oder Anonymisierung schützt das Sozialgeheimnis.",
            KNOWLEDGE,
        ),
        single(
            "Warum sollten die Leitungen die Kooperationsvereinbarung unterschreiben?",
            "Damit die Zusammenarbeit auch einen Personalwechsel überdauert",
            [
                "Damit Fachkräfte keine eigenen Entscheidungen mehr treffen",
                "Weil sonst keine Förderung möglich ist",
                "Damit Ratsuchende keine Einwilligung mehr brauchen",
            ],
            "Die Unterschrift der Leitungen macht die Kooperation verbindlich.",
            PRACTICE,
        ),
        numeric(
            "Für wie viele Wochen sollen Sie Ihre nächsten Schritte konkret planen?",
            "4",
            "Das Modul empfiehlt einen Plan für die nächsten vier Wochen.",
            category=PRACTICE,
        ),
        essay(
            "Beschreiben Sie in fünf bis zehn Sätzen einen ersten Schritt, mit dem Sie die "
            "Zusammenarbeit mit Jobcenter, Agentur für Arbeit oder Jugendhilfe in Ihrer "
            "Region stärken: wen Sie ansprechen, welches Angebot Sie gemeinsam "
            "ausprobieren und woran Sie erkennen, dass es wirkt.",
            "Eine gute Antwort nennt eine konkrete Person oder Stelle, ein gemeinsames "
            "Angebot, einen Termin und ein Kriterium für den Erfolg. Ihre Trainerin "
            "bewertet die Antwort und gibt Ihnen eine Rückmeldung.",
            PRACTICE,
        ),
    ],
}

# The demo learner's essay, waiting in the trainers' marking queue after seeding.
DEMO_ESSAY_ANSWER = (
    "Ich spreche in den nächsten zwei Wochen die Leiterin des Familienzentrums in "
    "Oberhausen-Osterfeld an und schlage eine monatliche Sprechstunde des Jobcenters im "
    "Familienzentrum vor. Zum ersten Termin lade ich unsere Beauftragte für Chancengleichheit "
    "am Arbeitsmarkt ein, damit wir gemeinsam über Wiedereinstieg und Kinderbetreuung "
    "informieren. Während der Sprechstunde betreut das Familienzentrum die Kinder. Den ersten "
    "Termin planen wir für Anfang des nächsten Monats. Nach drei Terminen werten wir "
    "gemeinsam aus, wie viele Mütter gekommen sind und wie viele danach einen "
    "Beratungstermin im Jobcenter oder bei der Agentur für Arbeit vereinbart haben."
)
