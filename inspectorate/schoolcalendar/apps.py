from django.apps import AppConfig


class SchoolcalendarConfig(AppConfig):
    name = "inspectorate.schoolcalendar"
    default_auto_field = "django.db.models.BigAutoField"
