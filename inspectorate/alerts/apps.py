from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "inspectorate.alerts"
    default_auto_field = "django.db.models.BigAutoField"
