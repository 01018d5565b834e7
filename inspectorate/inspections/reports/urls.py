"""Inspection reports: the page and its PDF, under /reports/."""

from django.urls import path

from inspectorate.inspections.reports import views

urlpatterns = [
    path("<int:inspection_id>/", views.report_page, name="report-page"),
    path("<int:inspection_id>.pdf", views.report_pdf_download, name="report-pdf"),
]
