"""Demo regions and organisations, taken from the project regions in the source texts."""

from .models import Organisation, OrganisationKind, Region

REGIONS = [
    "Düsseldorf",
    "Gelsenkirchen",
    "Hamm",
    "StädteRegion Aachen",
    "Kreis Borken",
    "Rhein-Erft-Kreis",
    "Oberhausen",
]

ORGANISATIONS = [
    ("Jobcenter Oberhausen", OrganisationKind.JOB_CENTRE, "Oberhausen"),
    ("Agentur für Arbeit Oberhausen", OrganisationKind.EMPLOYMENT_AGENCY, "Oberhausen"),
    ("Familienzentrum Oberhausen-Osterfeld", OrganisationKind.FAMILY_CENTRE, "Oberhausen"),
    ("Agentur für Arbeit Düsseldorf", OrganisationKind.EMPLOYMENT_AGENCY, "Düsseldorf"),
    ("Jugendamt Gelsenkirchen", OrganisationKind.YOUTH_SERVICES, "Gelsenkirchen"),
    ("Jobcenter Gelsenkirchen", OrganisationKind.JOB_CENTRE, "Gelsenkirchen"),
    ("Familienzentrum Hamm-Mitte", OrganisationKind.FAMILY_CENTRE, "Hamm"),
    ("Jugendamt StädteRegion Aachen", OrganisationKind.YOUTH_SERVICES, "StädteRegion Aachen"),
    ("Jobcenter Kreis Borken", OrganisationKind.JOB_CENTRE, "Kreis Borken"),
    (
        "Familienzentrum Bergheim (Rhein-Erft-Kreis)",
        OrganisationKind.FAMILY_CENTRE,
        "Rhein-Erft-Kreis",
    ),
    (
        "Bildungswerk Ruhr – Netzwerk Berufsrückkehr",
        OrganisationKind.EDUCATION_PROVIDER,
        "Gelsenkirchen",
    ),
]


def seed(stdout):
    regions = {name: Region.objects.get_or_create(name=name)[0] for name in REGIONS}
    for name, kind, region in ORGANISATIONS:
        Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "region": regions[region]}
        )
    stdout.write(f"  {len(REGIONS)} Regionen, {len(ORGANISATIONS)} Organisationen")
