"""The deferral pages, under /deferrals/."""

from django.urls import path

from inspectorate.deferrals import views

urlpatterns = [
    path("", views.request_list, name="deferral-list"),
    path("request/<int:inspection_id>/", views.request_deferral, name="deferral-request"),
    path("<int:request_id>/decide/", views.decide, name="deferral-decide"),
    path("blanket-windows/", views.blanket_windows, name="blanket-window-list"),
    path("refused-entry/<int:inspection_id>/", views.refused_entry, name="refused-entry-record"),
]
