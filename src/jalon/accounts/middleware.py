"""The interface language: a logged-in user's saved choice, else the language cookie (the header's switch),
else, for a visitor without a session, the browser's Accept-Language, else the instance's
(``JALON_LANGUAGE``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _


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


class SessionEndedMiddleware(MiddlewareMixin):
    """A form sent after the session ended (a log out in another tab, a long pause) is sent to the login
    page, which used to say nothing: what was typed seemed saved. It now says that nothing was, and how to
    get the form back as it was left: the browser's Back, once logged in again, brings the page back with
    the fields as typed (a fresh form, its fields restored by the browser). An in-place save (htmx) used to
    follow the redirect and put the whole login page inside the table row; it is answered 401 with the same
    words, which the page says on top (static/jalon/refused.js), the form left as typed, to be saved again
    once logged in in another tab. Below MessageMiddleware, whose response step runs after this one and
    keeps the message for the login page."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        user = getattr(request, "user", None)
        if not (
            request.method == "POST"
            and user is not None
            and not user.is_authenticated
            and response.status_code == 302
            and response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL) + "?")
        ):
            return response
        if request.headers.get("HX-Request") == "true":
            return render(request, "session_ended.html", status=401)
        messages.warning(
            request,
            _(
                "Your session had ended (a log out in another tab, or a long pause): what you sent was "
                "not saved. To get it back as you typed it, log in again in another tab, then come back "
                "to this one and press your browser’s Back button."
            ),
        )
        return response
