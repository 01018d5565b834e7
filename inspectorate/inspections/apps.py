from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspectorate.inspections"
    default_auto_field = "django.db.models.BigAutoField"
