"""The interface language: a logged-in user's saved choice, else the language cookie (the header's switch),
else, for a visitor without a session, the browser's Accept-Language, else the instance's
(``JALON_LANGUAGE``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin


class UserLanguageMiddleware(MiddlewareMixin):
    """Before LocaleMiddleware: someone logged in never reads the browser's Accept-Language (their account's
    language, else the cookie, else the instance's). A visitor who is not (someone invited, signing up,
    on the login page) reads Jalon in their browser's language, as Django's LocaleMiddleware reads it,
    until they pick one with the header's switch; signing up keeps that language on the account."""

    def process_request(self, request: HttpRequest) -> None:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY) is not None:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)


class ActivateUserLanguageMiddleware(MiddlewareMixin):
    """After authentication: a logged-in user's saved language wins over the cookie."""

    def process_request(self, request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
