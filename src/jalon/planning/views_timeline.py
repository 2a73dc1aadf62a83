"""Placeholder: replaced by the pages of this module."""

from __future__ import annotations

from django.urls import path

from jalon.planning.placeholder import placeholder

urlpatterns = [
    path("timeline/", placeholder("Operational view"), name="timeline"),
    path("executive/", placeholder("Executive view"), name="executive"),
]
