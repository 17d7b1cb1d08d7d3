"""Demo home page text and the legal pages linked in the footer."""

from wagtail.models import Site

from .models import ContentPage, FooterLinks
from .site import ensure_site

LEGAL_PAGES = {
    "imprint": (
        "Impressum",
        "impressum",
        "<p>KoFo – Kooperative Fortbildung ist eine Demo-Installation. Verantwortlich im "
        "Sinne des § 18 MStV: die betreibende Stelle, Anschrift und Kontakt werden von der "
        "Administration in der Verwaltung gepflegt.</p>",
    ),
    "privacy": (
        "Datenschutz",
        "datenschutz",
        "<p>Wir verarbeiten Ihren Namen, Ihre E-Mail-Adresse, Ihre Organisation und Ihren "
        "Lernfortschritt, um Fortbildungen durchzuführen und Teilnahmebescheinigungen "
        "auszustellen (Art. 6 Abs. 1 lit. b und e DSGVO). Führungskräfte Ihrer Organisation "
        "sehen Ihren Fortschritt in zugewiesenen Fortbildungen. Sie können Auskunft, "
        "Berichtigung und Löschung verlangen.</p>",
    ),
    "accessibility": (
        "Erklärung zur Barrierefreiheit",
        "barrierefreiheit",
        "<p>Diese Website soll die Anforderungen der BITV 2.0 und der WCAG 2.1 auf Stufe AA "
        "erfüllen. Jede Seite wird bei jeder Änderung automatisch mit axe-core geprüft.</p>"
        "<h2>Nicht barrierefreie Inhalte</h2>"
        "<p>Die Teilnahmebescheinigung als PDF ist nur teilweise barrierefrei: Sie enthält "
        "Titel, Sprache, eingebettete Schriften und eine sinnvolle Lesereihenfolge, aber keine "
        "Tags (Strukturelemente). Sie erfüllt daher PDF/UA nicht; Screenreader lesen sie als "
        "einfachen Text. Als Alternative öffnen Sie jede Bescheinigung unter „Meine "
        "Teilnahmebescheinigungen“ über den Link „Barrierefreie Fassung“ als Webseite mit "
        "demselben Inhalt und denselben Prüfangaben; sie lässt sich auch ausdrucken.</p>"
        "<h2>Feedback und Kontakt</h2>"
        "<p>Wenn Ihnen Barrieren auffallen, schreiben Sie uns bitte; Sie erhalten innerhalb von "
        "sechs Wochen eine Antwort.</p>",
    ),
}

HOME_INTRO = (
    "<p>Online-Fortbildungen für Fachkräfte aus Jugendhilfe, Agentur für Arbeit, Jobcenter "
    "und Familienzentren: gemeinsam lernen, wie Kooperation Familien und Berufsrückkehrerinnen "
    "wirklich hilft – in Ihrem Tempo, mit Lernkontrolle und Teilnahmebescheinigung.</p>"
)


def seed(stdout):
    home = ensure_site()
    if not home.intro:
        home.intro = HOME_INTRO
        home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    links = FooterLinks.for_site(site)
    for field, (title, slug, body) in LEGAL_PAGES.items():
        page = ContentPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = ContentPage(title=title, slug=slug, body=body)
            home.add_child(instance=page)
            page.save_revision().publish()
        setattr(links, field, page)
    links.save()
    stdout.write(f"  Startseite und {len(LEGAL_PAGES)} Rechtsseiten")
