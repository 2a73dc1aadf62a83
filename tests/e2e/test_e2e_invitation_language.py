"""Someone invited reads Jalon in their browser's language, in Chromium with the locale en-GB and fr-FR: the
owner, who reads Jalon in the other language, invites them choosing the e-mail's language for them; the
invitation's page, the sign-up on it and the first page after it are in the browser's language, and the new
account keeps it. Each page fits at 1440 and 1280 px (screenshots invitation-language-*), has no serious or
critical axe fault, and has no word of the other language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BROWSERS = {"en": "en-GB", "fr": "fr-FR"}
OTHER = {"en": "fr", "fr": "en"}
EMAIL = "zoe@example.com"
PASSWORD = "a-long-pass-phrase"
SUBJECT = {"en": "invites you to", "fr": "vous invite"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_invited_person_signs_up_in_their_browsers_language_and_keeps_it(
    language: str, members: dict[str, Any], logged_in_page: Any, new_context: Any, shot: Any
) -> None:
    from jalon.accounts.models import User

    owner = members["owner"]
    content = ("Cloud Kicks", "Zoé", EMAIL, owner.display_name or owner.email)
    inviter = logged_in_page(owner.email, OTHER[language])
    inviter.goto("/w/cloud-kicks/members/")
    assert inviter.locator("#id_language").input_value() == OTHER[language]  # the inviter's own, offered
    Look(shot, OTHER[language], content=content)(inviter, f"invitation-language-members-{OTHER[language]}")
    inviter.locator("#id_email").fill(EMAIL)
    inviter.locator("#id_language").select_option(language)
    inviter.locator("form:has(#id_email) button[type=submit]").click()
    link = inviter.locator("#invitation-link").input_value()
    assert SUBJECT[language] in mail.outbox[-1].subject

    look = Look(shot, language, content=content)
    page = new_context(locale=BROWSERS[language]).new_page()
    page.goto(link)
    look(page, f"invitation-language-invitation-{language}")
    page.locator("#id_display_name").fill("Zoé")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/w/cloud-kicks/$"))
    look(page, f"invitation-language-first-page-{language}")
    assert User.objects.get(email=EMAIL).language == language
