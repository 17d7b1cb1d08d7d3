import pytest
from tests.certificates.factories import completed_enrolment, stored_pdf_text
from tests.factories import UserFactory
from certificates.models import Certificate
@pytest.mark.django_db(transaction=True)
def test_try():
    user = UserFactory(first_name="Nguyễn Thị", last_name="Minh")
    e = completed_enrolment(user=user, title="Berufsrückkehr begleiten: Kooperation von Jugendhilfe, Agentur für Arbeit und Jobcenter", validity_months=24, certificate_extra_text="Anerkannt als Fortbildung nach § 72 SGB VIII.")
    c = Certificate.objects.get()
    print(stored_pdf_text(c))
    import shutil; shutil.copy(c.pdf.path, "/tmp/cert.pdf")
