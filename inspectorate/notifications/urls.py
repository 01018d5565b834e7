"""The outbox's routes, under /notifications/."""

from django.urls import path

from inspectorate.notifications import views

urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:message_id>/", views.outbox_message, name="outbox-message"),
]
