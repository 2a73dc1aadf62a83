"""Helpers of the invitation tests: the members invited and the link an invitation e-mail carries."""

from __future__ import annotations

import re

from django.core import mail

PASSWORD = "a-long-pass-phrase"
MEMBERS = "/w/cloud-kicks/members/"


def link_for(token: str) -> str:
    return f"http://testserver/invitations/{token}/"


def sent_link() -> str:
    match = re.search(r"http://testserver/invitations/[^/\s]+/", str(mail.outbox[-1].body))
    assert match, mail.outbox[-1].body
    return match.group(0)
