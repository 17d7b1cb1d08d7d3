from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("<int:pk>/", views.start, name="start"),
    path("versuch/<uuid:public_id>/", views.take, name="take"),
    path("versuch/<uuid:public_id>/frage/<int:number>/", views.question, name="question"),
    path("versuch/<uuid:public_id>/frage/<int:number>/speichern/", views.save, name="save"),
    path("versuch/<uuid:public_id>/pruefen/", views.confirm, name="confirm"),
    path("versuch/<uuid:public_id>/abgeben/", views.submit, name="submit"),
    path("versuch/<uuid:public_id>/ergebnis/", views.result, name="result"),
]
