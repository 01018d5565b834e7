"""The staff workspace's routes (being built)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
