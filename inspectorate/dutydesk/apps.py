from django.apps import AppConfig


class DutydeskConfig(AppConfig):
    name = "inspectorate.dutydesk"
    default_auto_field = "django.db.models.BigAutoField"
