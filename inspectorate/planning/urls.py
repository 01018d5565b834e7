from django.urls import path

from inspectorate.planning import views

urlpatterns = [path("due/", views.due_queue_page, name="due-queue")]
