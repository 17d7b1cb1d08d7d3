"""Modul 4: Beratung und Kinderbetreuung."""

from quizzes.demo import multiple, numeric, short, single, true_false

from .quiz_categories import KNOWLEDGE, PRACTICE

TITLE = "Beratung und Kinderbetreuung"
SLUG = "beratung-und-kinderbetreuung"
UNITS = "1.5"
MINUTES = 70
INTRO = (
    "<p>Das Erstgespräch entscheidet oft darüber, ob eine Frau den nächsten Schritt geht. "
    "Dieses Modul zeigt, wie Sie berufliche Ziele und Kinderbetreuung zusammen denken, "
    "Randzeiten mitplanen und gezielt an Kolleginnen und Kollegen anderer Stellen "
    "verweisen.</p>"
)

# The printable checklist (a PDF document in the module) and the on-page checklist share
# these items, so both always say the same.
ERSTGESPRAECH = [
    (
        "Vor dem Gespräch",
        [
            "Ort und Zeit passen zum Familienalltag (z. B. im Familienzentrum, während der "
            "Kita-Zeit); Kinderbetreuung während des Termins ist geklärt.",
            "Sprachmittlung ist bei Bedarf organisiert.",
            "Sie wissen, welche Stelle für welche Leistung zuständig ist (SGB II, III, VIII).",
        ],
    ),
    (
        "Im Gespräch",
        [
            "Berufliche Vorerfahrungen, Abschlüsse (auch aus dem Ausland) und Interessen.",
            "Alter der Kinder, heutige Betreuung, gewünschter Arbeitsumfang und Arbeitszeiten.",
            "Betreuungsbedarf zu Randzeiten (früh, abends, Wochenende, Ferien).",
            "Unterstützung im Umfeld: Partner, Familie, Nachbarschaft.",
            "Leistungsbezug und bisherige Kontakte zu Jobcenter, Agentur, Jugendamt.",
            "Was wünscht sich die Ratsuchende als nächsten Schritt?",
        ],
    ),
    (
        "Nach dem Gespräch",
        [
            "Vereinbarte Schritte schriftlich mitgeben, mit Ansprechpersonen und Terminen.",
            "Einwilligung eingeholt, bevor Daten an andere Stellen gehen.",
            "Verweis an die zuständige Stelle begleitet (Kontakt angebahnt, nicht nur genannt).",
            "Termin für eine Rückmeldung vereinbart.",
        ],
    ),
]


def body(media):
    return [
        {"type": "heading", "value": {"text": "Das Erstgespräch", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Ein gutes Erstgespräch klärt die berufliche Perspektive <strong>und</strong> "
                "die Familiensituation. Es beginnt mit dem, was die Ratsuchende mitbringt: "
                "ihre Erfahrungen, ihre Wünsche, ihre Sorgen. Fragen Sie offen, hören Sie "
                "zu, und vermeiden Sie, Leistungen oder Pflichten zu früh in den Mittelpunkt "
                "zu stellen.</p>"
                "<p>Aus der Praxis der Familienzentren kommt eine wiederkehrende Frage: "
                "<strong>Erst die Kinderbetreuung suchen und dann den Arbeitsplatz – oder "
                "umgekehrt?</strong> Es gibt keine allgemeine Antwort. Ohne Job fehlt oft der "
                "Nachweis für einen Betreuungsplatz mit passendem Umfang, ohne Betreuung kann "
                "keine Stelle angetreten werden. Deshalb sollten beide Suchen parallel laufen "
                "und die beteiligten Stellen früh voneinander wissen.</p>"
            ),
        },
        {
            "type": "document",
            "value": {
                "document": media["checklist_pdf"].pk,
                "title": "Checkliste Erstgespräch Berufsrückkehr (PDF)",
                "description": (
                    "Eine Seite zum Ausdrucken: Was Sie vor, im und nach dem Erstgespräch "
                    "klären sollten."
                ),
            },
        },
        {"type": "heading", "value": {"text": "Kinderbetreuung und Randzeiten", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Wer im Einzelhandel, in der Pflege oder in der Gastronomie arbeitet, braucht "
                "oft Betreuung außerhalb der Kita-Öffnungszeiten: früh am Morgen, am Abend, am "
                "Wochenende oder in den Ferien. Für diese <strong>Randzeitenbetreuung</strong> "
                "gibt es mehrere Bausteine:</p>"
                "<ul>"
                "<li>ergänzende <strong>Kindertagespflege</strong>, die die Kita-Zeiten "
                "verlängert (Auskunft gibt das Jugendamt),</li>"
                "<li>erweiterte Öffnungszeiten einzelner Einrichtungen oder Familienzentren,</li>"
                "<li>Angebote von Arbeitgebern, etwa Belegplätze oder Zuschüsse,</li>"
                "<li>private Netzwerke, die verlässlich, aber nicht überlastet sein sollten.</li>"
                "</ul>"
                "<p>Für einen <strong>Wiedereinstieg mit einem Kind unter drei Jahren</strong> "
                "lohnt sich der frühe Kontakt zum Jugendamt: Der Anspruch auf einen "
                "Betreuungsplatz besteht ab dem ersten Geburtstag, Plätze werden aber oft "
                "lange im Voraus vergeben. Arbeitgeber können helfen – mit planbaren "
                "Schichten, Teilzeit oder einem gleitenden Einstieg.</p>"
            ),
        },
        {
            "type": "checklist",
            "value": {
                "title": "Betreuung klären – bevor die Stelle beginnt",
                "items": [
                    "Arbeitszeiten inklusive Wegezeiten mit den Betreuungszeiten abgleichen.",
                    "Randzeiten und Schulferien einplanen.",
                    "Einen Plan B für Krankheitstage des Kindes besprechen.",
                    "Antrag auf einen Betreuungsplatz beim Jugendamt früh stellen.",
                    "Klären, wer Kosten übernimmt (Elternbeitrag, Kindertagespflege, "
                    "ggf. Leistungen des Jobcenters).",
                ],
            },
        },
        {"type": "heading", "value": {"text": "Verweisberatung, die ankommt", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Verweisberatung heißt nicht: „Da sind Sie bei uns falsch.“ Gute "
                "Verweisberatung erklärt, <strong>warum</strong> eine andere Stelle zuständig "
                "ist, nennt eine <strong>konkrete Ansprechperson</strong> und bahnt den "
                "Kontakt an – mit Einverständnis der Ratsuchenden, am besten mit einem "
                "Termin. Kennen Sie Ihre Kolleginnen und Kollegen in den anderen "
                "Rechtskreisen persönlich, fällt das leichter.</p>"
            ),
        },
        {
            "type": "case_study",
            "value": {
                "title": "Schichtdienst ab sechs Uhr",
                "situation": (
                    "Frau D. ist alleinerziehend, ihre Tochter ist vier. Ein Supermarkt bietet "
                    "ihr eine Teilzeitstelle an, die Frühschicht beginnt um 6 Uhr, die Kita "
                    "öffnet um 7:30 Uhr. Die Integrationsfachkraft im Jobcenter möchte die "
                    "Chance nicht verstreichen lassen."
                ),
                "takeaway": (
                    "Die Fachkraft ruft – mit Einverständnis von Frau D. – die Fachberatung "
                    "Kindertagespflege des Jugendamts an. Eine Tagespflegeperson in der "
                    "Nähe übernimmt die frühen Stunden und bringt das Kind in die Kita. Bis "
                    "die Eingewöhnung abgeschlossen ist, setzt der Arbeitgeber Frau D. nur in "
                    "Schichten ab 8 Uhr ein. Ein Anruf bei der richtigen Ansprechperson hat "
                    "den Arbeitsplatz gesichert."
                ),
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "warning",
                "title": "Keine Zusagen über fremde Leistungen",
                "text": (
                    "Versprechen Sie keine Leistungen, über die eine andere Stelle entscheidet "
                    "(etwa einen Betreuungsplatz oder eine Kostenübernahme). Beschreiben Sie "
                    "die Möglichkeit und verweisen Sie an die Stelle, die entscheidet."
                ),
            },
        },
        {
            "type": "reflection",
            "value": {
                "question": (
                    "An welche Stelle haben Sie zuletzt verwiesen – und wissen Sie, ob die "
                    "Ratsuchende dort angekommen ist? Was könnten Sie beim nächsten Mal "
                    "anders machen?"
                ),
                "hint": (
                    "Denken Sie an Name, Telefonnummer und Sprechzeiten der Ansprechperson "
                    "und daran, wie Sie eine Rückmeldung bekommen."
                ),
            },
        },
    ]


# The module's Lernkontrolle (see quizzes.demo.ensure_quiz).
# Passing the Lernkontrolle completes the module.
QUIZ_COMPLETES_MODULE = True
QUIZ = {
    "title": TITLE,  # shown as „Lernkontrolle: <title>“
    "questions": [
        single(
            "Erst die Kinderbetreuung oder erst den Arbeitsplatz suchen – was empfiehlt das Modul?",
            "Beides parallel, und die beteiligten Stellen wissen früh voneinander",
            [
                "Immer zuerst den Arbeitsplatz",
                "Immer zuerst die Kinderbetreuung",
                "Das entscheidet allein das Jobcenter",
            ],
            "Ohne Job fehlt oft der Nachweis für den Betreuungsumfang, ohne Betreuung kann "
            "keine Stelle angetreten werden – deshalb parallel.",
            PRACTICE,
        ),
        short(
            "Wie nennt man Kinderbetreuung früh morgens, abends oder am Wochenende? (ein Wort)",
            ["Randzeitenbetreuung", "Randzeitbetreuung", "Randzeiten-Betreuung"],
            "Randzeitenbetreuung brauchen besonders Mütter im Schichtdienst.",
            KNOWLEDGE,
        ),
        numeric(
            "Frau D.s Frühschicht beginnt um 6:00 Uhr, die Kita öffnet um 7:30 Uhr. Wie "
            "viele Stunden Betreuung müssen (ohne Wegezeit) überbrückt werden? "
            "(z. B. 2,5)",
            "1.5",
            "Von 6:00 bis 7:30 Uhr sind es 1,5 Stunden.",
            tolerance="0.01",
            category=PRACTICE,
        ),
        multiple(
            "Was gehört zu guter Verweisberatung?",
            [
                "Erklären, warum eine andere Stelle zuständig ist",
                "Eine konkrete Ansprechperson nennen",
                "Den Kontakt mit Einverständnis anbahnen",
            ],
            ["Der Ratsuchenden eine Leistung der anderen Stelle zusagen"],
            "Zusagen über Leistungen anderer Stellen sind zu vermeiden.",
            PRACTICE,
        ),
        true_false(
            "Ergänzende Kindertagespflege kann Betreuungszeiten abdecken, die die Kita "
            "nicht anbietet.",
            True,
            "Kindertagespflege eignet sich oft für Randzeiten; Auskunft gibt das Jugendamt.",
            KNOWLEDGE,
        ),
        single(
            "Welche Stelle ist die richtige Ansprechpartnerin für einen Platz in der "
            "Kindertagespflege?",
            "Das Jugendamt",
            ["Die Agentur für Arbeit", "Die Krankenkasse", "Das Finanzamt"],
            "Kindertagesbetreuung ist Aufgabe der Jugendhilfe (SGB VIII).",
            KNOWLEDGE,
        ),
    ],
}
