"""Welfare's routes, under /welfare/: check-ins, distress and its follow-up, and asking for a pause."""

from django.urls import path

from inspectorate.welfare import views

urlpatterns = [
    path("inspections/<int:inspection_id>/check-ins/", views.checkin, name="checkin-record"),
    path("inspections/<int:inspection_id>/distress/", views.distress, name="distress-record"),
    path("distress/<int:distress_id>/follow-up/", views.distress_follow_up_view, name="distress-follow-up"),
    path("inspections/<int:inspection_id>/pause/", views.pause, name="pause-request"),
]
