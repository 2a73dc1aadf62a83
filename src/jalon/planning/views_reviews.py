"""Placeholder: replaced by the pages of this module."""

from __future__ import annotations

from django.urls import path

from jalon.planning.placeholder import placeholder

urlpatterns = [
    path("reviews/", placeholder("Quarterly reviews"), name="reviews"),
]
