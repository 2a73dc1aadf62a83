"""Over a real socket: a server answers a file far past its page's limit before the browser has sent the
body (the client sends 5.5 MB of a 40 MB body to the backlog's 5 MB page, then reads the answer)."""

from __future__ import annotations

import http.client
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BACKLOG = "/w/cloud-kicks/r/cloud-kicks/backlog/import/"
MB = 1024 * 1024
TOKEN = "a" * 32  # a CSRF secret of ours, sent as the cookie and the header alike


def test_a_file_far_past_the_limit_is_answered_before_the_body_is_sent(
    live_server: Any, members: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(members["editor"])
    session = client.cookies["sessionid"].value
    boundary = "jalonboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="grand.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    declared = len(head) + 40 * MB + len(tail)
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=120)
    connection.putrequest("POST", BACKLOG)
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(declared))
    connection.putheader("Cookie", f"sessionid={session}; csrftoken={TOKEN}; jalon_language=fr")
    connection.putheader("X-CSRFToken", TOKEN)
    connection.endheaders()
    connection.send(head)
    for _ in range(11):  # 5.5 MB of the 40 MB declared
        connection.send(b"x" * (MB // 2))
    response = connection.getresponse()  # answered with 34.5 MB never sent
    body = response.read().decode()
    connection.close()
    assert response.status == 422
    assert "Le fichier dépasse 5\u00a0Mo." in body
