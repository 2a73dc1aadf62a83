"""A page announced in the roadmap navigation before it is built (removed once every page exists)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jalon.planning.pages import roadmap_page


def placeholder(title: str) -> Callable[..., HttpResponse]:
    @login_required
    def view(request: HttpRequest, workspace: str, roadmap: str, **_kwargs: str) -> HttpResponse:
        _found, context = roadmap_page(request, workspace, roadmap)
        return render(request, "planning/placeholder.html", {**context, "title": title})

    return view
