"""The logged-in user of a request, typed for the services."""

from __future__ import annotations

from django.http import HttpRequest

from jalon.accounts.models import User


def current_user(request: HttpRequest) -> User:
    """The authenticated user; views behind ``login_required`` only."""
    assert isinstance(request.user, User)
    return request.user
