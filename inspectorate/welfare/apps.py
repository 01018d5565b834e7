from django.apps import AppConfig


class WelfareConfig(AppConfig):
    name = "inspectorate.welfare"
    default_auto_field = "django.db.models.BigAutoField"
