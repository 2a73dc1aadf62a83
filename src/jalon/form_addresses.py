"""A form's address opened in the browser: the site's page in the reader's language, not a blank 405.

The views that only receive forms answer another method with Django's empty 405 ("Method Not Allowed").
People meet it by reloading the page a refused form came back on, by a bookmark, or by opening a link copied
from the address bar; they get the site's error page, which says what the address is and leads back.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin


class FormAddressMiddleware(MiddlewareMixin):
    """After the language is chosen: an empty 405 answer to a page request becomes the 405 page."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code != 405 or request.method != "GET" or response.content:
            return response
        page = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
