"""A roadmap file's YAML is read as a person means it (YAML 1.2's core schema, decimal numbers only):
``1:30``, ``0x1F``, ``1_000`` and ``0o17`` are not numbers, ``on``, ``yes`` and ``NO`` are texts, and
what Jalon exports reads back as it was."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.utils import translation

from jalon.documents.roadmap_file import FileProblems, dump, parse
from jalon.documents.safe_load import load
from tests.documents.roadmap_files import as_yaml, base_document

NOT_NUMBERS = ["1:30", "0x1F", "1_000", "0o17", "0b101", "1_0.5", "190:20:30.15"]


def measured(written: str) -> str:
    text = as_yaml(base_document())
    assert "value: 10\n" in text
    return text.replace("value: 10\n", f"value: {written}\n", 1)


@pytest.mark.parametrize("written", NOT_NUMBERS)
def test_a_yaml_1_1_number_form_is_not_a_number_in_a_roadmap_file(written: str) -> None:
    with pytest.raises(FileProblems) as refused, translation.override("fr"):
        parse(measured(written), "yaml")
    assert refused.value.problems == [("kpis[0].measurements[0].value", "Ce n’est pas un nombre.")]


@pytest.mark.parametrize("written", ["'1_000'", "'1_0.5'"])
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_number_written_as_text_with_underscores_is_not_a_number(written: str, fmt: str) -> None:
    text = measured(written)
    if fmt == "json":
        document = base_document()
        document["kpis"][0]["measurements"][0]["value"] = written.strip("'")
        document["roadmap"]["fiscal_year_start_month"] = "1_0"
        text = json.dumps(document)
    with pytest.raises(FileProblems) as refused, translation.override("en"):
        parse(text, fmt)  # type: ignore[arg-type]
    problems = dict(refused.value.problems)
    assert problems.pop("kpis[0].measurements[0].value") == "Not a number."
    assert problems == ({"roadmap.fiscal_year_start_month": "Not a number."} if fmt == "json" else {})


@pytest.mark.parametrize("written", ["1e3", "1.5e3", "-2E-1", ".5", "12", "+12", "-0.25"])
def test_a_decimal_number_in_any_written_form_is_still_a_number(written: str) -> None:
    value = parse(measured(written), "yaml").kpis[0].measurements[0].value
    assert value == float(written)


@pytest.mark.parametrize("word", ["on", "off", "yes", "no", "NO", "Y", "n", "On", "="])
def test_a_yaml_1_1_boolean_word_stays_the_text_written(word: str) -> None:
    text = as_yaml(base_document()).replace("title: Plan 2027", f"title: {word}")
    assert parse(text, "yaml").roadmap.title == word


def test_the_yaml_1_2_plain_values_still_read() -> None:
    assert load("[true, True, FALSE, null, ~, Null, '', 7, -3, 2.5, .inf, -.Inf, .nan]", "yaml")[:11] == [
        True, True, False, None, None, None, "", 7, -3, 2.5, float("inf"),
    ][:11]  # fmt: skip
    assert load("[-.Inf]", "yaml") == [float("-inf")]


TRICKY_TEXTS = ["on", "NO", "yes", "1:30", "0x1F", "1_000", "0o17", "1e3", "1.5e3", ".5e3", "=", "True"]


@pytest.mark.parametrize("title", TRICKY_TEXTS)
def test_a_text_that_looks_like_a_number_or_a_boolean_exports_and_reads_back_as_text(title: str) -> None:
    document: dict[str, Any] = base_document()
    document["roadmap"]["title"] = title
    document["objectives"][0]["title"] = title
    text = dump(document, "yaml")
    read = parse(text, "yaml")
    assert (read.roadmap.title, read.objectives[0].title) == (title, title)


@pytest.mark.parametrize("title", ["Lancement 🚀 de la campagne ✅", "« Soldes » d’été ★"])
def test_a_title_with_emoji_and_quotes_is_written_in_the_file_as_typed(title: str) -> None:
    # libyaml's emitter (tried for speed) wrote "Lancement \U0001F680 de la campagne ✅" in double quotes.
    document: dict[str, Any] = base_document()
    document["roadmap"]["title"] = title
    text = dump(document, "yaml")
    assert f"title: {title}\n" in text
    assert parse(text, "yaml").roadmap.title == title
