"""French typography: a non-breaking space before : ; ! ? and inside « », but not inside URLs, times,
placeholders, HTML tags, "::" or a scheme name."""

from __future__ import annotations

import pytest

from jalon.typography import NBSP, french


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Objectif : {text}", f"Objectif{NBSP}: {{text}}"),
        ("Abandon !", f"Abandon{NBSP}!"),
        ("Pas encore de compte?", f"Pas encore de compte{NBSP}?"),
        ("a ; b", f"a{NBSP}; b"),
        ("x\u202f; y", f"x{NBSP}; y"),  # the narrow NBSP becomes the one rule's U+00A0
        ("(un nombre infini ?)", f"(un nombre infini{NBSP}?)"),
        ("« %(title)s »", f"«{NBSP}%(title)s{NBSP}»"),
        ("«Brief»", f"«{NBSP}Brief{NBSP}»"),
        ("Vraiment ?!", f"Vraiment{NBSP}?!"),
        ('Étape suivante : <a href="#step">x</a>', f'Étape suivante{NBSP}: <a href="#step">x</a>'),
    ],
)
def test_prose_punctuation_gets_a_non_breaking_space(text: str, expected: str) -> None:
    assert french(text) == expected
    assert french(expected) == expected  # applying the rule twice changes nothing


@pytest.mark.parametrize(
    "text",
    [
        "Jalon est servi sur http://{host}:{port}/",
        "doit commencer par console:, smtp:// ou smtps://",
        "https://example.com/a:b?c=d",
        "à 10:30",
        "un rapport 3:2",
        "a :: b",
        "ajouter {hours:g} h/jour",
        "{option} invalide ({value!r})",
        '<span style="color:red">x</span>',
        "%(count)s ou 60 %%",
    ],
)
def test_tokens_that_hold_the_same_signs_are_left_alone(text: str) -> None:
    assert french(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Membre de l'équipe", "Membre de l’équipe"),
        ("aujourd'hui, qu'il s'agisse d'un jalon", "aujourd’hui, qu’il s’agisse d’un jalon"),
        ("L'Objectif n'a pas d'échéance", "L’Objectif n’a pas d’échéance"),
        ("jusqu'à {date} : l'objectif", f"jusqu’à {{date}}{NBSP}: l’objectif"),
        ("« %(title)s » n'est pas", f"«{NBSP}%(title)s{NBSP}» n’est pas"),
        ("l’objectif d'abord", "l’objectif d’abord"),  # an apostrophe already right stays
    ],
)
def test_an_apostrophe_between_letters_becomes_the_typographic_one(text: str, expected: str) -> None:
    assert french(text) == expected
    assert french(expected) == expected


@pytest.mark.parametrize(
    "text",
    [
        "<a title='l'équipe' href='#x'>x</a>",  # inside an HTML tag and its attributes
        "<code>SELECT nom FROM t WHERE a='l'</code>",
        "<kbd>echo l'a</kbd>",
        "lancez `jalon import l'export.csv`",
        "'citation' et 'x'",  # quotes around a word, not an elision
        "l' espace",
        "{value!r}",
    ],
)
def test_apostrophes_in_code_tags_and_quotes_are_left_alone(text: str) -> None:
    assert french(text) == text
