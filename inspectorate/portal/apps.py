from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "inspectorate.portal"
    default_auto_field = "django.db.models.BigAutoField"
