from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "inspectorate.register"
    verbose_name = "National school register"
