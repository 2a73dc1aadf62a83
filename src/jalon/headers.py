"""Security headers Django has no setting for, and the client's address behind a trusted proxy."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils.deprecation import MiddlewareMixin

# What is worth compressing: text Jalon writes (pages, htmx fragments, CSV, ICS, YAML, JSON, Markdown, SVG).
# A PDF, a workbook, a deck or an image is compressed already.
COMPRESSED_TYPES = ("text/", "application/json", "application/yaml", "image/svg+xml")


class PermissionsPolicyMiddleware(MiddlewareMixin):
    """Tell the browser that no page of Jalon uses the camera, the microphone, the position…"""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class NoStoreMiddleware(MiddlewareMixin):
    """Every page Jalon makes is one person's view of their data at one moment: ``Cache-Control: no-store``
    unless the view chose otherwise. Without it, Back (and Forward) showed a page from the browser's cache
    as it was first loaded: the changes made in place on it since (an htmx save, an added row) were not
    there, and a row deleted on another page was there. The static files, served above this middleware by
    WhiteNoise, keep their long cache."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response.headers.setdefault("Cache-Control", "no-store")
        return response


class CompressTextMiddleware(GZipMiddleware):
    """Pages and text files travel gzip-compressed to a browser that accepts it: four to six times lighter
    on the demo (docs/operations.md). Django's middleware does it, with its BREACH mitigation (random bytes
    in the gzip header; Django masks the CSRF token in every response); here it is kept to text answered
    whole: files already compressed are left as they are, and a streamed answer is passed on as it comes."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        content_type = str(response.headers.get("Content-Type", ""))
        if response.streaming or not content_type.startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in settings.JALON_TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str:
    """The browser's address, for login throttling. Behind a trusted proxy every request comes from the
    proxy, so the address is the last one the proxies added to X-Forwarded-For; from anyone else that
    header is ignored (a client could write anything in it)."""
    address = str(request.META.get("REMOTE_ADDR", ""))
    if not _trusted(address):
        return address
    hops = [
        hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if hop.strip()
    ]
    while hops and _trusted(hops[-1]):
        hops.pop()
    return hops[-1] if hops else address
