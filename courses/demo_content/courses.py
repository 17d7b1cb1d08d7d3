"""Course-level texts of the two demo courses (the modules live in their own modules)."""

from organisations.models import OrganisationKind

from . import (
    module_1_zielgruppe,
    module_2_recht,
    module_3_netzwerke,
    module_4_beratung,
    module_5_transfer,
    short_course,
)

MAIN = {
    "slug": "berufsrueckkehr-begleiten",
    "title": "Berufsrückkehr begleiten: Kooperation von Jugendhilfe, Agentur für Arbeit und "
    "Jobcenter",
    "summary": (
        "Wie Fachkräfte aus Jugendhilfe, Agentur für Arbeit, Jobcenter und Familienzentren "
        "Berufsrückkehrerinnen gemeinsam beraten – von der Zielgruppe über die Rechtskreise "
        "bis zur Kooperationsvereinbarung."
    ),
    "description": (
        "<p>Fast alle Frauen, die nach einer Familienphase in den Beruf zurückkehren wollen, "
        "müssen zugleich die Kinderbetreuung lösen. Dafür sind mehrere Stellen zuständig: "
        "das Jobcenter (SGB II), die Agentur für Arbeit (SGB III) und die Jugendhilfe mit dem "
        "Jugendamt (SGB VIII). Diese Fortbildung zeigt, wie die Rechtskreise "
        "zusammenwirken und wie Kooperation vor Ort gelingt – am Beispiel der Kontaktstellen "
        "„Stark im Beruf“ und der Arbeit mit Familienzentren in Nordrhein-Westfalen.</p>"
        "<p>Die Fortbildung ist als <strong>Kooperative Fortbildung</strong> angelegt: "
        "Sie richtet sich an Fachkräfte aller beteiligten Stellen und lädt dazu ein, die "
        "Perspektive der anderen kennenzulernen. Sie umfasst fünf Module mit zusammen acht "
        "Unterrichtseinheiten (UE).</p>"
    ),
    "learning_objectives": (
        "<p>Nach dieser Fortbildung können Sie …</p><ul>"
        "<li>typische Lebenslagen von Berufsrückkehrerinnen beschreiben und in der Beratung "
        "berücksichtigen,</li>"
        "<li>die Aufgaben von Jobcenter, Agentur für Arbeit und Jugendhilfe unterscheiden und "
        "Ratsuchende an die zuständige Stelle verweisen,</li>"
        "<li>Netzwerke wie „Stark im Beruf“ und Familienzentren als Zugang zur Zielgruppe "
        "nutzen,</li>"
        "<li>ein Erstgespräch führen, das Beruf und Kinderbetreuung zusammen denkt,</li>"
        "<li>eine Kooperationsvereinbarung und eine Fallkonferenz vorbereiten.</li></ul>"
    ),
    "target_groups": [
        OrganisationKind.YOUTH_SERVICES,
        OrganisationKind.EMPLOYMENT_AGENCY,
        OrganisationKind.JOB_CENTRE,
        OrganisationKind.FAMILY_CENTRE,
    ],
    "topics": ["Berufsrückkehr", "Kooperation", "SGB II", "SGB III", "SGB VIII", "Kinderbetreuung"],
    "cover": ("Berufsrückkehr begleiten", "Jugendhilfe · Agentur für Arbeit · Jobcenter"),
    "cover_alt": (
        "Titelbild: drei sich überschneidende Kreise in Hellblau, Hellgrün und Hellorange "
        "auf dunkelblauem Grund, daneben der Titel „Berufsrückkehr begleiten“."
    ),
    "modules": [
        module_1_zielgruppe,
        module_2_recht,
        module_3_netzwerke,
        module_4_beratung,
        module_5_transfer,
    ],
}

SHORT = {
    "slug": "stark-im-beruf-kompakt",
    "title": "Stark im Beruf kompakt: Netzwerke für Mütter mit Migrationshintergrund",
    "summary": (
        "In zwei kurzen Modulen: wie die Kontaktstellen „Stark im Beruf“ arbeiten und wie "
        "Sie Müttern mit Migrationshintergrund den Zugang zu Beratung und Arbeit erleichtern."
    ),
    "description": (
        "<p>Eine kompakte Einführung für Fachkräfte, die mit Müttern mit "
        "Migrationshintergrund arbeiten oder mit einer „Stark im Beruf“-Kontaktstelle "
        "kooperieren wollen. Zwei Module, zusammen zwei Unterrichtseinheiten (UE).</p>"
    ),
    "learning_objectives": (
        "<p>Nach dieser Fortbildung können Sie …</p><ul>"
        "<li>die verbindlichen Kooperationsregeln der Kontaktstellen nennen,</li>"
        "<li>Zugänge beschreiben, über die Mütter mit Migrationshintergrund Vertrauen zu "
        "Arbeitsmarktinstitutionen aufbauen.</li></ul>"
    ),
    # A yearly refresher: the recertification demo (certificates/demo.py) relies on it.
    "validity_months": 12,
    "target_groups": [
        OrganisationKind.JOB_CENTRE,
        OrganisationKind.EMPLOYMENT_AGENCY,
        OrganisationKind.FAMILY_CENTRE,
    ],
    "topics": ["Stark im Beruf", "Migration", "Netzwerk", "Kooperation"],
    "cover": ("Stark im Beruf kompakt", "Netzwerke für Mütter mit Migrationshintergrund"),
    "cover_alt": (
        "Titelbild: drei sich überschneidende Kreise auf dunkelgrünem Grund, daneben der "
        "Titel „Stark im Beruf kompakt“."
    ),
    "modules": short_course.MODULES,
}
