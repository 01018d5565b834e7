"""The staff workspace's routes, under /workspace/."""

from django.urls import path

from inspectorate.inspections import views

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("plan/", views.plan, name="inspection-plan"),
    path("inspections/<int:inspection_id>/", views.inspection_detail, name="inspection-detail"),
    path("inspections/<int:inspection_id>/act/<slug:action>/", views.act, name="inspection-act"),
    path("inspections/<int:inspection_id>/evidence/", views.evidence, name="inspection-evidence"),
    path("inspections/<int:inspection_id>/judgements/", views.judgements, name="inspection-judgements"),
    path("inspections/<int:inspection_id>/report/", views.report, name="inspection-report"),
    path("inspections/<int:inspection_id>/comment/", views.comment, name="inspection-comment"),
]
