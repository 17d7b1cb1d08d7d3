from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("meine-karte/", views.my_card, name="my_card"),
    path("meine-karte/zurueckziehen/", views.withdraw, name="withdraw"),
]
