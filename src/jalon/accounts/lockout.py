"""Login throttling (django-axes): the page shown to a locked-out visitor, and lifting a lock."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """django-axes' lockout answer: 429 and a page that says what happened and for how long."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def unlock(*, email: str | None = None, address: str | None = None) -> int:
    """Forget the failed logins of an account, of an address, or (neither given) of everyone; how many
    records were removed."""
    from axes.utils import reset

    if email is not None:
        return int(reset(username=email))
    if address is not None:
        return int(reset(ip=address))
    return int(reset())


def username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The account a login attempt names, as the lock counts it: ``Demo@Jalon.local`` is
    ``demo@jalon.local``, so changing the case does not buy more attempts."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw).strip().lower()
