"""``{{ role|role_label }}``: a workspace role in the reader's language (``owner`` → ``propriétaire``)."""

from __future__ import annotations

from django import template

from jalon.workspaces.models import Role

register = template.Library()


@register.filter
def role_label(value: str) -> str:
    return str(Role(value).label) if value in Role.values else value
