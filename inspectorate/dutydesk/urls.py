"""The duty desk's route, under /duty-desk/."""

from django.urls import path

from inspectorate.dutydesk import views

urlpatterns = [path("", views.duty_desk, name="duty-desk")]
