"""The certificate PDF as a PDF tool, a screen reader and a printer see it."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pikepdf
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from certificates.models import Certificate
from certificates.pdf import render_pdf
from certificates.services import UnprintableTextError, certificate_issue
from lms.roles import ADMINISTRATION
from tests.factories import UserFactory, make_course

from .factories import completed_enrolment, pdf_text
from .pdfcheck import A4_WIDTH, SIDE_MARGIN, fonts, link_uris, overflowing, text_runs

NAMES = [
    "Ayşe Yıldız-Şahin",
    "Łukasz Wójcik",
    "Nguyễn Thị Minh",
    "Zoë Müller-Lüdenscheidt",
]
PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TOKEN_60 = "Kooperationsvereinbarungsfortschreibungsbeauftragtenstelle60"
assert len(TOKEN_60) == 60


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """``collectstatic`` into a temporary STATIC_ROOT with production's hashed storage."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=root):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


def snapshot(**fields):
    """A made-up certificate (no database) for layout tests."""
    values = {
        "holder_name": "Zoë Müller-Lüdenscheidt",
        "organisation_name": "Jugendamt Musterstadt",
        "course_title": "Netzwerke stärken",
        "modules": [{"title": "Modul 1", "units": "2.0"}],
        "total_units": Decimal("2.0"),
        "completed_on": date(2026, 11, 20),
        "issued_at": datetime(2026, 11, 21, 9, 0, tzinfo=UTC),
        "valid_until": None,
        "issuer_name": "KoFo – Kooperative Fortbildung",
        "issuer_address": "Musterstraße 12\n46045 Oberhausen",
        "place": "Oberhausen",
        "signatory_name": "Dr. Hanna Schäfer",
        "signatory_role": "Leitung Fortbildung",
        "extra_text": "",
        "footer_text": "",
        "serial": "KOFO-2026-000001",
        "code": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    }
    return SimpleNamespace(**(values | fields))


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES)
def test_under_production_static_storage_every_font_is_embedded_and_names_are_exact(
    collected_static, name
):
    first, last = name.rsplit(" ", 1)
    with override_settings(STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=collected_static):
        enrolment = completed_enrolment(user=UserFactory(first_name=first, last_name=last))
    certificate = enrolment.certificates.get()
    with certificate.pdf.open("rb") as handle:
        data = handle.read()

    used = fonts(data)
    assert used, "the certificate lists no font"
    assert [font for font, embedded in used if not embedded] == []
    assert not any("Helvetica" in font for font, _embedded in used)
    assert name in pdf_text(data)


@pytest.mark.django_db
def test_a_name_in_chinese_characters_is_refused_with_a_message_naming_them():
    admin = UserFactory(email="admin@example.org")
    admin.groups.add(Group.objects.get(name=ADMINISTRATION))
    holder = UserFactory(first_name="李", last_name="娜")

    enrolment = completed_enrolment(user=holder, title="Netzwerke stärken")

    assert not Certificate.objects.filter(holder=holder).exists()
    refusal = [m for m in mail.outbox if m.to == ["admin@example.org"]]
    assert [m.subject for m in refusal] == [
        "Teilnahmebescheinigung nicht ausgestellt: Netzwerke stärken"
    ]
    body = refusal[0].body
    assert "Die Teilnahmebescheinigung für 李 娜 wurde nicht ausgestellt" in body
    assert "李 (U+674E" in body and "娜 (U+5A1C" in body
    assert "Name der Inhaberin / des Inhabers: 李 (U+674E" in body
    assert holder.email in body
    with pytest.raises(UnprintableTextError, match="lateinischen Buchstaben"):
        certificate_issue(enrolment=enrolment)


@pytest.mark.django_db
def test_a_course_or_module_title_with_unprintable_characters_is_refused_too():
    course = make_course(modules=1, title="Kooperation 🀄 im Netzwerk")
    with pytest.raises(UnprintableTextError, match="U\\+1F004"):
        certificate_issue(enrolment=completed_enrolment(course=course))


@pytest.mark.parametrize(
    "fields",
    [
        {"course_title": f"Fortbildung {TOKEN_60} kompakt"},
        {"holder_name": f"Maria {TOKEN_60}"},
        {"modules": [{"title": f"Grundlagen {TOKEN_60}", "units": "2.0"}]},
        {"course_title": (" ".join([TOKEN_60] * 5))[:255]},
        {"course_title": "https://www.example.org/" + "a" * 231},
    ],
    ids=["course-60", "name-60", "module-60", "course-255-words", "course-255-url"],
)
def test_long_words_wrap_inside_the_page_margins(fields):
    data = render_pdf(snapshot=snapshot(**fields))
    assert overflowing(data) == []
    if "modules" in fields:
        # A module title also stays in its column, clear of the units column (6.2 cm wide).
        units_column = A4_WIDTH - SIDE_MARGIN - 6.2 / 2.54 * 72
        title = fields["modules"][0]["title"]
        pieces = [run for run in text_runs(data) if run[0] in title]
        assert "".join(run[0] for run in pieces).replace(" ", "") == title.replace(" ", "")
        assert [run for run in pieces if run[2] > units_column] == []
    text = pdf_text(data).replace("\n", "").replace(" ", "")
    for value in fields.values():
        if isinstance(value, str):
            assert value.replace(" ", "") in text


@pytest.mark.django_db
def test_text_reads_header_holder_course_modules_signature_footer_in_that_order():
    data = render_pdf(snapshot=snapshot(modules=[{"title": "Rechtliche Rahmen", "units": "2.0"}]))
    text = pdf_text(data)
    order = [
        "KoFo – Kooperative",
        "Musterstraße 12",
        "Teilnahmebescheinigung",
        "Zoë Müller-Lüdenscheidt",
        "„Netzwerke stärken“",
        "Rechtliche Rahmen",
        "Dr. Hanna Schäfer",
        "Seriennummer KOFO-2026-000001",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions), text


@pytest.mark.django_db
def test_metadata_xmp_pdfa_output_intent_language_and_a_clickable_verification_link(
    settings,
):
    settings.SITE_URL = "https://kofo.example.org"
    data = render_pdf(snapshot=snapshot())

    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        assert str(info.Title) == "Teilnahmebescheinigung KOFO-2026-000001"
        assert str(info.Author) == "KoFo – Kooperative Fortbildung"
        assert str(info.Subject) == "Zoë Müller-Lüdenscheidt: Netzwerke stärken"
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Teilnahmebescheinigung KOFO-2026-000001"
        assert str(pdf.Root.Lang) == "de-DE"
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"  # an ICC profile
        for page in pdf.pages:
            assert all(int(annot.F) & 4 for annot in page.get("/Annots", []))

    verify = "https://kofo.example.org/bescheinigungen/pruefen/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567/"
    assert link_uris(data) == [verify]
    assert "https://kofo.example.org/bescheinigungen/pruefen/" in pdf_text(data)
    assert "127.0.0.1" not in pdf_text(data)
