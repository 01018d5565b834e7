from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "inspectorate.statistics"
    verbose_name = "Official statistics"
