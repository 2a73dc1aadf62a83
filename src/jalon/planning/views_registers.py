"""Placeholder: replaced by the pages of this module."""

from __future__ import annotations

from django.urls import path

from jalon.planning.placeholder import placeholder

urlpatterns = [
    path("budget/", placeholder("Budget"), name="budget"),
    path("milestones/", placeholder("Milestones"), name="milestones"),
    path("risks/", placeholder("Risks"), name="risks"),
    path("communication/", placeholder("Communication plan"), name="communications"),
]
