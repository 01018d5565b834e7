from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "inspectorate.concerns"
    default_auto_field = "django.db.models.BigAutoField"
