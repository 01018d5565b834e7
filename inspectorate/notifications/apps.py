from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "inspectorate.notifications"
    default_auto_field = "django.db.models.BigAutoField"
