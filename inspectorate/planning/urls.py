from django.urls import path

from inspectorate.planning import views

urlpatterns = [
    path("due/", views.due_queue_page, name="due-queue"),
    path("plans/", views.schedule_plans_page, name="schedule-plans"),
    path("plans/<int:plan_id>/", views.schedule_plan_page, name="schedule-plan"),
    path("plans/<int:plan_id>/accept/", views.schedule_plan_accept_page, name="schedule-plan-accept"),
]
