"""Modul 2: Rechtliche Rahmen und Zuständigkeiten (SGB II, SGB III, SGB VIII)."""

from quizzes.demo import multiple, numeric, short, single, true_false

TITLE = "Rechtliche Rahmen und Zuständigkeiten"
SLUG = "rechtliche-rahmen-und-zustaendigkeiten"
UNITS = "2.0"
MINUTES = 90
INTRO = (
    "<p>Drei Rechtskreise, drei Institutionen, eine Familie: Dieses Modul ordnet, was "
    "Jobcenter (SGB II), Agentur für Arbeit (SGB III) und Jugendhilfe (SGB VIII) für "
    "Berufsrückkehrerinnen leisten – und wo sie aufeinander angewiesen sind.</p>"
)

GESETZE = "https://www.gesetze-im-internet.de"


def body(media):
    return [
        {"type": "heading", "value": {"text": "Drei Rechtskreise im Überblick", "level": "h2"}},
        {
            "type": "image",
            "value": {
                "image": media["responsibilities"].pk,
                "alt_text": (
                    "Schaubild „Wer ist zuständig?“ mit drei Kästen: SGB II – Jobcenter: "
                    "Grundsicherung für Arbeitsuchende, Eingliederung in Arbeit, nach § 16a "
                    "unter anderem Kinderbetreuung. SGB III – Agentur für Arbeit: "
                    "Arbeitsförderung mit Beratung, Vermittlung, Weiterbildung und Beauftragten "
                    "für Chancengleichheit. SGB VIII – Jugendamt: Kinder- und Jugendhilfe mit "
                    "Kindertagesbetreuung nach § 24 und Familienförderung. Darunter: Gemeinsam "
                    "abgestimmte Beratung für die ganze Familie."
                ),
                "caption": "Die drei Rechtskreise und ihre Schwerpunkte für Berufsrückkehrende.",
            },
        },
        {"type": "heading", "value": {"text": "SGB II: das Jobcenter", "level": "h3"}},
        {
            "type": "text",
            "value": (
                "<p>Das Zweite Buch Sozialgesetzbuch regelt die <strong>Grundsicherung für "
                "Arbeitsuchende</strong>. Zuständig ist das Jobcenter – als "
                "gemeinsame Einrichtung von Agentur für Arbeit und Kommune oder als "
                "zugelassener kommunaler Träger. Es sichert den Lebensunterhalt der "
                "Bedarfsgemeinschaft und unterstützt die Eingliederung in Arbeit.</p>"
                "<ul>"
                "<li><strong>§ 16 SGB II</strong> öffnet den Jobcentern die Instrumente der "
                "Arbeitsförderung, zum Beispiel <strong>Maßnahmen zur Aktivierung und "
                "beruflichen Eingliederung</strong> nach § 45 SGB III (Coaching, Bewerbungs- "
                "und Orientierungsangebote, auch in Teilzeit).</li>"
                "<li><strong>§ 16a SGB II</strong> nennt die <strong>kommunalen "
                "Eingliederungsleistungen</strong>: Betreuung minderjähriger oder behinderter "
                "Kinder und häusliche Pflege von Angehörigen, Schuldnerberatung, "
                "psychosoziale Betreuung und Suchtberatung. Die Kinderbetreuung ist damit "
                "ausdrücklich Teil der Eingliederung.</li>"
                "<li>Nach <strong>§ 10 SGB II</strong> ist eine Arbeit nicht zumutbar, wenn "
                "sie die Erziehung eines Kindes gefährden würde. Ab dem dritten Geburtstag "
                "ist das in der Regel nicht der Fall, wenn die Betreuung sichergestellt ist; "
                "Eltern jüngerer Kinder entscheiden deshalb meist selbst, ob sie schon "
                "wieder einsteigen. Die kommunalen Träger sollen darauf hinwirken, dass "
                "Erziehenden vorrangig ein Betreuungsplatz angeboten wird.</li>"
                "</ul>"
            ),
        },
        {"type": "heading", "value": {"text": "SGB III: die Agentur für Arbeit", "level": "h3"}},
        {
            "type": "text",
            "value": (
                "<p>Das Dritte Buch regelt die <strong>Arbeitsförderung</strong>. Die Agentur "
                "für Arbeit berät und vermittelt – auch Menschen, die keine Geldleistung "
                "beziehen. Für Berufsrückkehrende ohne Leistungsanspruch ist sie deshalb oft "
                "die erste Adresse: Berufsberatung im Erwerbsleben, Vermittlung, Förderung "
                "beruflicher Weiterbildung (bei der auch Kinderbetreuungskosten übernommen "
                "werden können) und Maßnahmen nach § 45 SGB III.</p>"
                "<p>In jeder Agentur für Arbeit und in den Jobcentern gibt es "
                "<strong>Beauftragte für Chancengleichheit am Arbeitsmarkt (BCA)</strong>. "
                "Sie unterstützen Frauen und Männer beim Wiedereinstieg, beraten zur "
                "Vereinbarkeit von Familie und Beruf und arbeiten mit Netzwerken vor Ort "
                "zusammen – für Kooperationen sind sie zentrale Ansprechpersonen.</p>"
            ),
        },
        {
            "type": "heading",
            "value": {"text": "SGB VIII: Jugendhilfe und Jugendamt", "level": "h3"},
        },
        {
            "type": "text",
            "value": (
                "<p>Das Achte Buch regelt die <strong>Kinder- und Jugendhilfe</strong>. Das "
                "Jugendamt als örtlicher Träger plant und sichert die Angebote, freie Träger "
                "(Wohlfahrtsverbände, Vereine, Kirchen) führen viele davon durch.</p>"
                "<ul>"
                "<li><strong>§ 24 SGB VIII</strong>: Kinder haben ab dem vollendeten ersten "
                "Lebensjahr einen <strong>Anspruch auf Förderung in einer Tageseinrichtung "
                "oder in Kindertagespflege</strong>, ab drei Jahren bis zum Schuleintritt auf "
                "einen Platz in einer Tageseinrichtung. Jüngere Kinder "
                "sind zu fördern, wenn die Eltern erwerbstätig sind, Arbeit suchen oder sich "
                "in Ausbildung befinden. Für Grundschulkinder wird seit dem Schuljahr 2026/27 "
                "schrittweise ein Anspruch auf ganztägige Förderung eingeführt.</li>"
                "<li>Die Familienbildung und -beratung unterstützt Eltern in ihrer "
                "Erziehungsverantwortung – etwa in Familienzentren und Elternkursen.</li>"
                "<li>Kindertagespflege eignet sich oft für Randzeiten, die Kitas nicht "
                "abdecken.</li>"
                "</ul>"
            ),
        },
        {
            "type": "video",
            "value": {
                "title": media["video_title"],
                "video": media["video_url"],
                "transcript": (
                    "<p><strong>Sprecherin:</strong> Frau M. möchte wieder arbeiten. Ihre "
                    "Familie erhält Leistungen vom Jobcenter, ihr Sohn ist zwei Jahre alt.</p>"
                    "<p>Im <strong>Jobcenter</strong> klärt ihre Integrationsfachkraft die "
                    "berufliche Perspektive und spricht die Kinderbetreuung als kommunale "
                    "Eingliederungsleistung an.</p>"
                    "<p>Das <strong>Jugendamt</strong> ist für den Betreuungsplatz zuständig: "
                    "Ab dem ersten Geburtstag hat der Sohn einen Anspruch auf Förderung in "
                    "Kita oder Kindertagespflege.</p>"
                    "<p>Die <strong>Agentur für Arbeit</strong> kommt ins Spiel, wenn Frau M. "
                    "keine Leistungen des Jobcenters mehr bezieht und etwa eine Beratung zur "
                    "Weiterbildung sucht.</p>"
                    "<p>Damit Frau M. nicht dreimal dieselbe Geschichte erzählen muss, "
                    "verabreden die Fachkräfte – mit ihrer Einwilligung – einen gemeinsamen "
                    "Termin.</p>"
                ),
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "warning",
                "title": "Datenschutz: Sozialgeheimnis beachten",
                "text": (
                    "Sozialdaten dürfen zwischen Jobcenter, Agentur für Arbeit und Jugendhilfe "
                    "nur im gesetzlich erlaubten Rahmen übermittelt werden (§ 35 SGB I, "
                    "§§ 67 ff. SGB X; für die Jugendhilfe zusätzlich § 65 SGB VIII). Holen Sie "
                    "für Fallbesprechungen die schriftliche Einwilligung der Ratsuchenden ein "
                    "oder besprechen Sie den Fall anonymisiert."
                ),
            },
        },
        {"type": "heading", "value": {"text": "Kooperation ist gesetzlich gewollt", "level": "h2"}},
        {
            "type": "text",
            "value": (
                "<p>Beide Seiten sind zur Zusammenarbeit aufgefordert: Die Jobcenter arbeiten "
                "mit den Beteiligten des örtlichen Arbeitsmarktes zusammen, etwa mit "
                "Kommunen, Trägern der freien Wohlfahrtspflege und Kammern (§ 18 SGB II), "
                "die Jugendhilfe mit "
                "Stellen und öffentlichen Einrichtungen, deren Tätigkeit sich auf die "
                "Lebenssituation junger Menschen und ihrer Familien auswirkt – ausdrücklich "
                "auch mit den Trägern von Sozialleistungen nach dem SGB II und SGB III "
                "(§ 81 SGB VIII).</p>"
                "<p>Die Gesetze geben den Rahmen vor, nicht die Form. Wie Kooperation im "
                "Alltag gelingt, zeigen die Netzwerke in Modul 3.</p>"
            ),
        },
        {
            "type": "links",
            "value": {
                "title": "Gesetzestexte und Informationen",
                "links": [
                    {
                        "title": "SGB II – Grundsicherung für Arbeitsuchende",
                        "url": f"{GESETZE}/sgb_2/",
                        "description": "Volltext beim Bundesministerium der Justiz.",
                    },
                    {
                        "title": "§ 16a SGB II – Kommunale Eingliederungsleistungen",
                        "url": f"{GESETZE}/sgb_2/__16a.html",
                        "description": "Kinderbetreuung als Eingliederungsleistung.",
                    },
                    {
                        "title": "SGB III – Arbeitsförderung",
                        "url": f"{GESETZE}/sgb_3/",
                        "description": "Volltext, u. a. § 45 Aktivierung und Eingliederung.",
                    },
                    {
                        "title": "§ 24 SGB VIII – Anspruch auf Förderung in Tageseinrichtungen",
                        "url": f"{GESETZE}/sgb_8/__24.html",
                        "description": "Rechtsanspruch auf einen Betreuungsplatz.",
                    },
                    {
                        "title": "Bundesagentur für Arbeit",
                        "url": "https://www.arbeitsagentur.de/",
                        "description": "Beratung, Vermittlung und Förderung bundesweit.",
                    },
                ],
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
            "Welche Stelle ist für die Grundsicherung für Arbeitsuchende (SGB II) zuständig?",
            "Das Jobcenter",
            ["Das Jugendamt", "Die Familienkasse", "Das Standesamt"],
            "Das Jobcenter setzt das SGB II um – als gemeinsame Einrichtung oder als "
            "zugelassener kommunaler Träger.",
            "SGB II",
        ),
        multiple(
            "Welche Leistungen nennt § 16a SGB II als kommunale Eingliederungsleistungen?",
            [
                "Betreuung minderjähriger oder behinderter Kinder",
                "Schuldnerberatung",
                "Psychosoziale Betreuung",
                "Suchtberatung",
            ],
            ["Arbeitslosengeld", "Elterngeld"],
            "§ 16a SGB II nennt Kinderbetreuung und häusliche Pflege von Angehörigen, "
            "Schuldnerberatung, psychosoziale Betreuung und Suchtberatung.",
            "SGB II",
        ),
        true_false(
            "Die Agentur für Arbeit berät auch Berufsrückkehrende, die keine Geldleistung "
            "beziehen.",
            True,
            "Beratung und Vermittlung nach dem SGB III stehen allen offen, nicht nur "
            "Leistungsbeziehenden.",
            "SGB III",
        ),
        single(
            "Wer ist in Agenturen für Arbeit und Jobcentern Ansprechperson für den "
            "Wiedereinstieg und die Vereinbarkeit von Familie und Beruf?",
            "Die Beauftragte für Chancengleichheit am Arbeitsmarkt",
            [
                "Die Gleichstellungsbeauftragte der Kommune",
                "Die Datenschutzbeauftragte",
                "Die Fachberatung Kindertagespflege",
            ],
            "Die Beauftragten für Chancengleichheit am Arbeitsmarkt (BCA) sind zentrale "
            "Ansprechpersonen für Wiedereinstieg und Kooperation.",
            "SGB III",
        ),
        numeric(
            "Ab welchem vollendeten Lebensjahr hat ein Kind nach § 24 SGB VIII einen "
            "Anspruch auf Förderung in einer Tageseinrichtung oder in Kindertagespflege?",
            "1",
            "Der Anspruch besteht ab dem vollendeten ersten Lebensjahr; ab drei Jahren bis "
            "zum Schuleintritt auf einen Platz in einer Tageseinrichtung.",
            category="SGB VIII",
        ),
        short(
            "Welches Buch des Sozialgesetzbuchs regelt die Kinder- und Jugendhilfe? "
            "(z. B. „SGB II“)",
            ["SGB VIII", "SGB 8", "VIII", "Achtes Buch", "8"],
            "Die Kinder- und Jugendhilfe steht im Achten Buch (SGB VIII).",
            "SGB VIII",
        ),
        true_false(
            "Für eine Fallbesprechung dürfen Sozialdaten ohne Weiteres zwischen Jobcenter "
            "und Jugendamt ausgetauscht werden.",
            False,
            "Das Sozialgeheimnis gilt (§ 35 SGB I, §§ 67 ff. SGB X, § 65 SGB VIII): "
            "Einwilligung einholen oder anonym beraten.",
            "Kooperation",
        ),
        single(
            "Welche Vorschrift verpflichtet die Jugendhilfe zur Zusammenarbeit u. a. mit "
            "den Trägern von Leistungen nach dem SGB II und SGB III?",
            "§ 81 SGB VIII",
            ["§ 24 SGB VIII", "§ 16a SGB II", "§ 45 SGB III"],
            "§ 81 SGB VIII regelt die strukturelle Zusammenarbeit der Jugendhilfe.",
            "Kooperation",
        ),
    ],
}
