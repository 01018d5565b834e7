"""The workforce's routes, under /workforce/."""

from django.urls import path

from inspectorate.workforce import views

urlpatterns = [
    path("", views.workforce, name="workforce"),
    path("inspectors/<int:user_id>/", views.inspector_detail, name="inspector-detail"),
]
