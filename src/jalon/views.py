"""Site-wide pages: health check, favicon, language switch, and the 400 and 404 pages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.http import require_GET, require_POST

from jalon.accounts.auth import current_user
from jalon.accounts.services import set_language as set_language_of
from jalon.formatting import format_number
from jalon.history.deleted import gone_item
from jalon.workspaces.permissions import Archived


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return JsonResponse({"status": "error", "database": "down", "reason": reason}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """``/favicon.ico``, which a browser asks for on its own for a document that names no icon (the health
    check's JSON, a file shown in a tab): the site's mark, rather than a 404 in the log and the console."""
    response = HttpResponseRedirect(static("jalon/favicon.svg"))
    response["Cache-Control"] = "max-age=86400"
    return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language and remember it on the user (and in a cookie for the login page)."""
    language = request.POST.get("language", "")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        set_language_of(current_user(request), language)
    translation.activate(language)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 page, which also says when a form sent more than Django reads (a paste of megabytes
    refused before any of it is read). Rendered without the request, as Django does: a request with a
    forged host must not reach the context processors."""
    context = {}
    if isinstance(exception, RequestDataTooBig):
        context["too_large_mb"] = format_number(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024))
    return HttpResponseBadRequest(loader.get_template("400.html").render(context))


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 403 page, or, for a change to an archived roadmap, the page that says it is archived (the
    role is not what is missing) and that an owner can restore it."""
    if isinstance(exception, Archived):
        return render(request, "strategy/archived_refused.html", status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 page, except for a save that reached an item deleted meanwhile: that page says so, who
    deleted it and when when the change log knows (410 Gone then), with a link back to its list."""
    gone = gone_item(request)
    if gone is None:
        return defaults.page_not_found(request, exception)
    return render(request, "gone.html", {"gone": gone}, status=410 if gone.known else 404)
