from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "inspectorate.web"
    verbose_name = "Public pages"
