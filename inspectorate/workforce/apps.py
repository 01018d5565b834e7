from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "inspectorate.workforce"
    default_auto_field = "django.db.models.BigAutoField"
