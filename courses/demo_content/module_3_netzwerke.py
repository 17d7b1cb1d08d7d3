"""Modul 3: Netzwerke – „Stark im Beruf“ und Familienzentren als Zugang."""

from quizzes.demo import multiple, numeric, short, single, true_false

from .quiz_categories import KNOWLEDGE, PRACTICE

TITLE = "Netzwerke: „Stark im Beruf“ und Familienzentren"
SLUG = "netzwerke-stark-im-beruf-und-familienzentren"
UNITS = "1.5"
MINUTES = 65
INTRO = (
    "<p>Keine Stelle erreicht und begleitet Berufsrückkehrerinnen allein. Dieses Modul "
    "stellt zwei Ansätze vor, die Kooperation verbindlich machen: die Kontaktstellen "
    "„Stark im Beruf“ und die Arbeit mit Familienzentren in einem nordrhein-westfälischen "
    "Projekt.</p>"
)


def body(media):
    return [
        {
            "type": "heading",
            "value": {"text": "Die Kontaktstellen „Stark im Beruf“", "level": "h2"},
        },
        {
            "type": "text",
            "value": (
                "<p>Die Kontaktstellen „Stark im Beruf“ begleiten <strong>Mütter mit "
                "Migrationshintergrund</strong> auf dem Weg in den deutschen Arbeitsmarkt. "
                "Die Fachkräfte dort kennen Förderangebote, den Arbeitsmarkt der Region und "
                "die möglichen Einstiegswege – Wissen, das einzelne Ratsuchende selten "
                "haben.</p>"
                "<p>Tragend ist die <strong>Vernetzung</strong>: Die Mütter profitieren "
                "besonders, wenn die Kontaktstelle vor Ort eng eingebunden ist – in ein Netz "
                "aus Arbeitsverwaltung, Unternehmen, Bildungseinrichtungen und "
                "Migrantenorganisationen. Dafür gelten klare Regeln:</p>"
                "<ul>"
                "<li>Die Zusammenarbeit mit vorhandenen Netzwerken und Akteuren ist für jede "
                "Kontaktstelle <strong>verbindlich</strong>.</li>"
                "<li>Pflicht ist die Kooperation mit dem <strong>Jobcenter oder der Agentur "
                "für Arbeit</strong> vor Ort und mit <strong>mindestens zwei weiteren "
                "Partnern</strong>.</li>"
                "<li>Das breite Netzwerk erlaubt es, flexibel auf die Bedarfe der Mütter "
                "<em>und</em> der Unternehmen zu reagieren.</li>"
                "</ul>"
            ),
        },
        {
            "type": "image",
            "value": {
                "image": media["network"].pk,
                "alt_text": (
                    "Schaubild „Das Netzwerk einer Kontaktstelle“: In der Mitte die "
                    "Kontaktstelle „Stark im Beruf“, verbunden mit sechs Partnern: Jobcenter "
                    "oder Agentur für Arbeit (hervorgehoben als verbindlicher Partner), "
                    "Migrantenorganisationen, Bildungseinrichtungen, Familienzentren und "
                    "Kitas, Unternehmen und Kammern sowie Kommune und Integrationsrat."
                ),
                "caption": (
                    "Pflicht sind das Jobcenter oder die Agentur für Arbeit und mindestens "
                    "zwei weitere Partner."
                ),
            },
        },
        {
            "type": "case_study",
            "value": {
                "title": "Das Netzwerk der Kontaktstelle Oberhausen",
                "situation": (
                    "In Oberhausen arbeiten der Integrationsrat der Stadt, die Beauftragte für "
                    "Chancengleichheit am Arbeitsmarkt des Jobcenters und ein Bildungsträger "
                    "der katholischen Jugendarbeit (ZIB Bildungsinitiative, „Die Kurbel“) "
                    "zusammen. Die Beauftragte des Jobcenters berichtet, dass sie ihre "
                    "Kundinnen in der Kontaktstelle offener und gesprächsbereiter erlebt als "
                    "im Büro, weil das Umfeld ihrem soziokulturellen Hintergrund "
                    "entgegenkommt; Themen kommen zur Sprache, die im Amt wohl nicht "
                    "angesprochen würden. Der Bildungsträger beobachtet, dass viele "
                    "Teilnehmerinnen – auch nach Jahren in Deutschland – erst im Projekt ein "
                    "persönliches Netzwerk und Vertrauen in die Arbeitsmarktinstitutionen "
                    "aufbauen."
                ),
                "takeaway": (
                    "Der Ort und die Beziehung entscheiden mit über den Erfolg einer "
                    "Beratung. Wenn die Fachkraft des Jobcenters dorthin geht, wo die Frauen "
                    "schon sind, entsteht Vertrauen, das im Amt allein kaum wachsen würde."
                ),
            },
        },
        {"type": "heading", "value": {"text": "Familienzentren als Zugang", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Ein Projekt des Instituts Arbeit und Qualifikation (IAQ) der Universität "
                "Duisburg-Essen setzt bei den <strong>Familienzentren</strong> an. Weil sie "
                "über die Kita hinaus Familien im Stadtteil unterstützen, erreichen sie sehr "
                "viele Mütter – ein idealer Ort für erste, niedrigschwellige Beratung zum "
                "Wiedereinstieg. Das NRW-Arbeitsministerium fördert das "
                "Projekt mit Mitteln aus dem Europäischen Sozialfonds (ESF).</p>"
                "<p>Projektregionen sind <strong>Düsseldorf, Gelsenkirchen, Hamm, die "
                "StädteRegion Aachen, der Kreis Borken und der Rhein-Erft-Kreis</strong>. "
                "Im Projekt entstehen:</p>"
                "<ul>"
                "<li>Veranstaltungen in den Familienzentren, die Mütter auf das Thema "
                "Berufseinstieg aufmerksam machen und erste Informationen geben – auch in "
                "eigens entwickelten <strong>Elternkursen</strong>,</li>"
                "<li>Veranstaltungskonzepte und Informationsmaterialien,</li>"
                "<li><strong>„Kooperative Fortbildungen“</strong> für Fachkräfte aus "
                "Jugendhilfe, Arbeitsagenturen und Jobcentern,</li>"
                "<li>ein <strong>Transferhandbuch</strong>, das die Praxiskonzepte "
                "dokumentiert, damit sie landesweit genutzt werden können.</li>"
                "</ul>"
                "<p>Auf einer Fachtagung mit über 80 Beteiligten aus Nordrhein-Westfalen "
                "wurden zudem Erfahrungen aus dem Programm „Gute Arbeit für "
                "Alleinerziehende“ vorgestellt.</p>"
            ),
        },
        {
            "type": "callout",
            "value": {
                "kind": "info",
                "title": "Was ist eine Kooperative Fortbildung?",
                "text": (
                    "Fachkräfte aus Jugendhilfe, Agentur für Arbeit und Jobcenter lernen "
                    "gemeinsam statt getrennt: Sie lernen die Aufträge und Grenzen der "
                    "anderen Rechtskreise kennen, besprechen Fälle aus ihrer Region und "
                    "verabreden Wege der Zusammenarbeit. Auch diese Online-Fortbildung folgt "
                    "dieser Idee."
                ),
            },
        },
        {
            "type": "links",
            "value": {
                "title": "Weiterführende Informationen",
                "links": [
                    {
                        "title": "Institut Arbeit und Qualifikation (IAQ)",
                        "url": "https://www.iaq.uni-due.de/",
                        "description": "Forschung zu Arbeitsmarkt, Familie und Kooperation.",
                    },
                    {
                        "title": "Europäischer Sozialfonds Plus in Deutschland",
                        "url": "https://www.esf.de/",
                        "description": "Programme, die Beschäftigung und Teilhabe fördern.",
                    },
                    {
                        "title": "Perspektive Wiedereinstieg",
                        "url": "https://www.perspektive-wiedereinstieg.de/",
                        "description": "Informationsportal des Bundesfamilienministeriums.",
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
        single(
            "An wen richten sich die „Stark im Beruf“-Kontaktstellen?",
            "An Mütter mit Migrationshintergrund, die ins Erwerbsleben einsteigen wollen",
            [
                "An Arbeitgeber, die Fachkräfte aus dem Ausland anwerben",
                "An Jugendliche beim Übergang von der Schule in den Beruf",
                "An Väter in Elternzeit",
            ],
            "Die Kontaktstellen unterstützen Mütter mit Migrationshintergrund beim Berufseinstieg.",
            KNOWLEDGE,
        ),
        numeric(
            "Mit wie vielen weiteren Partnern muss eine Kontaktstelle neben dem Jobcenter "
            "oder der Agentur für Arbeit mindestens kooperieren?",
            "2",
            "Pflicht sind Jobcenter oder Agentur für Arbeit und mindestens zwei weitere Partner.",
            category=KNOWLEDGE,
        ),
        true_false(
            "Für „Stark im Beruf“-Kontaktstellen ist die Zusammenarbeit mit vorhandenen "
            "Netzwerken freiwillig.",
            False,
            "Die Zusammenarbeit mit vorhandenen Netzwerken und Akteuren ist verbindlich.",
            KNOWLEDGE,
        ),
        multiple(
            "Welche Regionen waren Projektregionen des IAQ-Projekts mit Familienzentren?",
            ["Gelsenkirchen", "Kreis Borken", "Rhein-Erft-Kreis"],
            ["Köln", "Kreis Wesel"],
            "Projektregionen: Düsseldorf, Gelsenkirchen, Hamm, StädteRegion Aachen, Kreis "
            "Borken und Rhein-Erft-Kreis.",
            KNOWLEDGE,
        ),
        short(
            "In welchem Dokument werden die Praxiskonzepte des Projekts gesammelt, damit "
            "sie landesweit abrufbar sind? (ein Wort)",
            ["Transferhandbuch", "das Transferhandbuch", "Transfer-Handbuch"],
            "Die Praxiskonzepte werden in einem Transferhandbuch dokumentiert.",
            KNOWLEDGE,
        ),
        single(
            "Was beobachtete die Beauftragte für Chancengleichheit des Jobcenters "
            "Oberhausen in der Kontaktstelle?",
            "Die Frauen waren offener und sprachen Themen an, die im Büro kaum zur Sprache kämen",
            [
                "Die Frauen kamen seltener zu ihren Terminen",
                "Beratung war dort nur mit Dolmetscherin möglich",
                "Die Frauen wünschten ausschließlich Minijobs",
            ],
            "Ein vertrautes Umfeld schafft Offenheit und Vertrauen.",
            PRACTICE,
        ),
        single(
            "Wer nimmt an „Kooperativen Fortbildungen“ teil?",
            "Fachkräfte aus Jugendhilfe, Arbeitsagenturen und Jobcentern gemeinsam",
            [
                "Nur Leitungskräfte der Jobcenter",
                "Eltern aus den Familienzentren",
                "Ausschließlich Fachkräfte der Jugendhilfe",
            ],
            "Kooperative Fortbildungen bringen die Fachkräfte aller Rechtskreise zusammen.",
            KNOWLEDGE,
        ),
    ],
}
