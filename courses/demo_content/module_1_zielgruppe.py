"""Modul 1: Zielgruppe und Lebenslagen."""

from quizzes.demo import multiple, numeric, short, single, true_false

from .quiz_categories import KNOWLEDGE, PRACTICE

TITLE = "Zielgruppe und Lebenslagen"
SLUG = "zielgruppe-und-lebenslagen"
UNITS = "1.5"
MINUTES = 65
INTRO = (
    "<p>Wer sind die Frauen (und Männer), die nach einer Familienphase in den Beruf "
    "zurückkehren wollen? Dieses Modul beschreibt typische Lebenslagen, Hürden und Stärken – "
    "als Grundlage für eine Beratung, die an der Situation der Familie ansetzt.</p>"
)


def body(media):
    return [
        {"type": "heading", "value": {"text": "Wer kehrt in den Beruf zurück?", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Das Arbeitsförderungsrecht spricht von <strong>Berufsrückkehrenden</strong>: "
                "Menschen, die ihre Erwerbstätigkeit wegen der Betreuung und Erziehung von "
                "Kindern oder der Pflege von Angehörigen unterbrochen haben und in angemessener "
                "Zeit wieder erwerbstätig sein wollen (§ 20 SGB III). In der Praxis sind es ganz "
                "überwiegend Frauen, und sie unterscheiden sich stark: Manche haben eine "
                "Ausbildung oder ein Studium, andere keinen Abschluss; manche sind hier "
                "aufgewachsen, andere haben eine Zuwanderungsgeschichte.</p>"
                "<p>Eines verbindet fast alle: Wer in den Beruf einsteigt, muss gleichzeitig die "
                "<strong>Kinderbetreuung</strong> lösen. Beratung, die diese Frage ausklammert, "
                "geht an der Lebenswirklichkeit der Familien vorbei.</p>"
            ),
        },
        {"type": "heading", "value": {"text": "Typische Lebenslagen", "level": "h3"}},
        {
            "type": "text",
            "value": (
                "<ul>"
                "<li><strong>Rückkehr nach der Elternzeit:</strong> Es besteht oft noch ein "
                "Arbeitsverhältnis. Fragen betreffen Arbeitszeit, Teilzeit und die "
                "Betreuungszeiten der Kita.</li>"
                "<li><strong>Wiedereinstieg nach langer Familienphase:</strong> Nach vielen "
                "Jahren ohne Erwerbstätigkeit fehlen aktuelle Berufserfahrung, Kontakte und "
                "manchmal das Zutrauen in die eigenen Fähigkeiten.</li>"
                "<li><strong>Alleinerziehende:</strong> Sie tragen Betreuung und Einkommen "
                "allein. Verlässliche Betreuung – auch zu Randzeiten – entscheidet oft darüber, "
                "ob eine Stelle angenommen werden kann. Der Fachkräftemangel kann ihnen neue "
                "Chancen eröffnen, etwa bei Arbeitgebern, die flexible Arbeitszeiten "
                "anbieten.</li>"
                "<li><strong>Mütter mit Migrationshintergrund:</strong> Häufig bringen sie "
                "Berufserfahrung oder Abschlüsse aus dem Herkunftsland mit, die in Deutschland "
                "noch nicht anerkannt sind. Sprachförderung, Anerkennungsberatung und ein "
                "persönliches Netzwerk sind oft erste Schritte.</li>"
                "<li><strong>Frauen ohne Berufsabschluss:</strong> Für Geringqualifizierte "
                "droht eine Sackgasse aus Helfertätigkeiten. Teilqualifizierungen und "
                "abschlussorientierte Weiterbildung können Wege heraus sein.</li>"
                "<li><strong>Wiedereinstieg mit einem Kind unter drei Jahren:</strong> Hier "
                "stellen sich Betreuungs- und Vereinbarkeitsfragen besonders früh und "
                "dringlich.</li>"
                "</ul>"
            ),
        },
        {
            "type": "callout",
            "value": {
                "kind": "info",
                "title": "Lebenslagen überschneiden sich",
                "text": (
                    "Eine alleinerziehende Mutter mit ausländischem Abschluss und einem "
                    "Kleinkind gehört zu mehreren der genannten Gruppen zugleich. Nutzen Sie "
                    "die Beschreibungen als Gesprächsanlass, nicht als Schublade."
                ),
            },
        },
        {"type": "heading", "value": {"text": "Hürden und Ressourcen", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Die Hürden liegen selten nur bei der Person selbst. Häufig genannt werden:</p>"
                "<ol>"
                "<li>fehlende oder nicht passende Kinderbetreuung, besonders am frühen Morgen, "
                "am Abend und am Wochenende,</li>"
                "<li>Unsicherheit über Zuständigkeiten: Jobcenter, Agentur für Arbeit, "
                "Jugendamt, Familienzentrum – wer hilft wobei?</li>"
                "<li>geringe Erfahrung mit Behörden oder schlechte Erfahrungen in einem "
                "„nüchternen“ Büro,</li>"
                "<li>Sprachbarrieren und nicht anerkannte Qualifikationen,</li>"
                "<li>Rollenerwartungen in der Familie und im Umfeld.</li>"
                "</ol>"
                "<p>Dem stehen <strong>Ressourcen</strong> gegenüber, die in der Beratung "
                "sichtbar werden sollten: Organisationstalent aus dem Familienalltag, "
                "ehrenamtliches Engagement, Mehrsprachigkeit, frühere Berufserfahrung und eine "
                "hohe Motivation, für die eigenen Kinder ein Vorbild zu sein.</p>"
            ),
        },
        {
            "type": "heading",
            "value": {"text": "Wo Fachkräfte die Zielgruppe erreichen", "level": "h2"},
        },
        {
            "type": "text",
            "value": (
                "<p>Viele Mütter suchen nicht von sich aus das Jobcenter oder die Agentur für "
                "Arbeit auf. Sie sind aber an Orten, die sie wegen ihrer Kinder ohnehin "
                "besuchen: in der Kita, im <strong>Familienzentrum</strong>, in Elterncafés "
                "und Elternkursen, in Migrantenorganisationen. Familienzentren verbinden die "
                "Kita mit Beratung und Unterstützung für Familien im Stadtteil; viele Mütter "
                "kennen und vertrauen ihnen. Dort lassen sich erste, "
                "<strong>niedrigschwellige</strong> Gespräche über den Wiedereinstieg gut "
                "anbieten.</p>"
            ),
        },
        {
            "type": "case_study",
            "value": {
                "title": "Frau K., 34 Jahre, zwei Kinder",
                "situation": (
                    "Frau K. hat in ihrem Herkunftsland als Buchhalterin gearbeitet und lebt "
                    "seit sechs Jahren in Deutschland. Ihre Kinder sind zwei und fünf Jahre alt; "
                    "das jüngere hat noch keinen Kita-Platz. Die Familie erhält Leistungen vom "
                    "Jobcenter. Im "
                    "Elterncafé des Familienzentrums erzählt sie der Leiterin, dass sie gern "
                    "„wieder etwas mit Zahlen“ machen würde, aber nicht weiß, ob ihr Abschluss "
                    "hier etwas zählt."
                ),
                "takeaway": (
                    "Der Wunsch wurde nicht im Jobcenter geäußert, sondern an einem vertrauten "
                    "Ort. Drei Fragen liegen auf dem Tisch: Anerkennung des Abschlusses, "
                    "Betreuungsplatz für das jüngere Kind und berufliche Perspektive. Keine "
                    "Stelle kann alle drei allein beantworten – gute Verweisberatung und "
                    "Kooperation machen den Unterschied."
                ),
            },
        },
        {
            "type": "reflection",
            "value": {
                "question": (
                    "Denken Sie an eine Frau, die Sie zuletzt beraten haben und die in den "
                    "Beruf zurückkehren wollte: Welche Hürden hat sie selbst genannt, welche "
                    "haben Sie vermutet – und welche Ressourcen haben Sie erkannt?"
                ),
                "hint": (
                    "Trennen Sie beim Notieren zwischen dem, was die Person gesagt hat, und "
                    "Ihrer eigenen Einschätzung."
                ),
            },
        },
    ]


# The module's Lernkontrolle (see quizzes.demo.ensure_quiz).
# For practice only: the learner marks the module as done (so the demo learner's manual
# completion of this module stays valid).
QUIZ_COMPLETES_MODULE = False
QUIZ = {
    "title": TITLE,  # shown as „Lernkontrolle: <title>“
    "questions": [
        single(
            "Welches Problem müssen fast alle Berufsrückkehrerinnen beim Einstieg "
            "gleichzeitig lösen?",
            "Die Kinderbetreuung",
            [
                "Die Anerkennung eines ausländischen Abschlusses",
                "Den Führerschein",
                "Einen Umzug in eine andere Stadt",
            ],
            "Fast alle müssen mit dem Berufseinstieg zugleich die Kinderbetreuung lösen; "
            "die anderen Punkte betreffen nur einen Teil der Frauen.",
            KNOWLEDGE,
        ),
        true_false(
            "Unter den potenziellen Berufsrückkehrerinnen sind nur Frauen mit "
            "abgeschlossener Berufsausbildung.",
            False,
            "Die Gruppe ist vielfältig: Frauen mit und ohne Ausbildung, mit und ohne "
            "Zuwanderungsgeschichte.",
            KNOWLEDGE,
        ),
        multiple(
            "Welche Hürden werden beim Wiedereinstieg häufig genannt? (Mehrere Antworten "
            "sind richtig.)",
            [
                "Fehlende Betreuung zu Randzeiten",
                "Unsicherheit über Zuständigkeiten",
                "Nicht anerkannte Qualifikationen",
            ],
            ["Zu viele Stellenangebote für Teilzeit"],
            "Randzeiten, unklare Zuständigkeiten und nicht anerkannte Abschlüsse gehören zu "
            "den typischen Hürden.",
            KNOWLEDGE,
        ),
        short(
            "Wie heißt die Einrichtung, die neben der Kita auch soziale Unterstützung für "
            "Familien im Stadtteil anbietet? (ein Wort)",
            ["Familienzentrum", "Familienzentren", "das Familienzentrum"],
            "Familienzentren eignen sich besonders für erste, niedrigschwellige Beratungsangebote.",
            KNOWLEDGE,
        ),
        numeric(
            "In welchem Paragrafen des SGB III sind Berufsrückkehrende definiert? (Nur die Zahl)",
            "20",
            "§ 20 SGB III beschreibt Berufsrückkehrende.",
            category=KNOWLEDGE,
        ),
        single(
            "Frau K. äußert ihren Berufswunsch im Elterncafé des Familienzentrums. Was ist "
            "der beste nächste Schritt der Leiterin?",
            "Mit Frau K. klären, welche Stellen helfen, und den Kontakt anbahnen",
            [
                "Frau K. raten, erst einmal abzuwarten, bis das jüngere Kind in der Schule ist",
                "Selbst über die Anerkennung des Abschlusses entscheiden",
                "Das Jobcenter ohne Wissen von Frau K. informieren",
            ],
            "Gute Verweisberatung bahnt den Kontakt mit Einverständnis der Ratsuchenden an.",
            PRACTICE,
        ),
    ],
}
