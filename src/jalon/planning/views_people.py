"""Placeholder: replaced by the pages of this module."""

from __future__ import annotations

from django.urls import path

from jalon.planning.placeholder import placeholder

urlpatterns = [
    path("workload/", placeholder("Workload"), name="workload"),
    path("people/", placeholder("Team"), name="people"),
]
