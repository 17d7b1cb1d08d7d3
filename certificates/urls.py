from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.my_certificates, name="mine"),
    path("<int:pk>/", views.certificate_page, name="view"),
    path("<int:pk>/herunterladen/", views.download, name="download"),
    path("neuer-name/", views.reissue_with_new_name, name="reissue_with_new_name"),
    path("pruefen/", views.verify_form, name="verify_form"),
    path("pruefen/<str:code>/", views.verify, name="verify"),
]
