"""Pages and text files travel gzip-compressed to a browser that accepts it; files already compressed
(a workbook) and streamed answers (the change log's CSV) are left as they are."""

from __future__ import annotations

import gzip

import pytest

pytestmark = pytest.mark.django_db

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_page_is_compressed_for_a_browser_that_accepts_gzip(client, members) -> None:
    client.force_login(members["viewer"])
    plain = client.get(ROADMAP + "backlog/")
    packed = client.get(ROADMAP + "backlog/", **GZIP)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    page = gzip.decompress(packed.content).decode()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    # The same page but for the per-response tokens (the CSRF token is masked anew, the CSP nonce is new).
    assert len(page) == pytest.approx(len(plain.content.decode()), abs=200)
    assert len(packed.content) < len(plain.content) / 4


def test_a_text_file_is_compressed_too(client, members) -> None:
    client.force_login(members["viewer"])
    response = client.get(ROADMAP + "export.yaml", **GZIP)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).decode().startswith("format: jalon/1")


def test_a_workbook_is_not_compressed_again(client, members) -> None:
    client.force_login(members["viewer"])
    response = client.get(ROADMAP + "backlog.xlsx", **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert response.content.startswith(b"PK")  # the workbook's own zip


def test_a_streamed_csv_is_passed_on_as_it_comes(client, members) -> None:
    client.force_login(members["owner"])
    response = client.get(ROADMAP + "history/journal.csv", **GZIP)
    assert response.status_code == 200 and response.streaming
    assert "Content-Encoding" not in response.headers
    assert b"".join(response.streaming_content).decode("utf-8-sig").count("\n") > 1
