"""French typography: a non-breaking space before : ; ! ?, inside « », before a unit sign and between a
number and its unit, but not inside URLs, times, placeholders, HTML tags, "::" or a scheme name."""

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
        "ajouter {hours:g}\u00a0h/jour",
        "{option} invalide ({value!r})",
        '<span style="color:red">x</span>',
        "%(count)s ou 60\u00a0%%",
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{ratio} par € (seuil {cutoff})", f"{{ratio}} par{NBSP}€ (seuil {{cutoff}})"),  # a portfolio reason
        ("à partir de 60 %%", f"à partir de 60{NBSP}%%"),
        ("10 $ ou 8 £", f"10{NBSP}$ ou 8{NBSP}£"),
        ("dans {n} jours", f"dans {{n}}{NBSP}jours"),
        ("%(hours)s h sur %(capacity)s h", f"%(hours)s{NBSP}h sur %(capacity)s{NBSP}h"),
        ("ajouter {hours:g} h/jour", f"ajouter {{hours:g}}{NBSP}h/jour"),
        ("3 650\u202fjours", f"3 650{NBSP}jours"),
        ("3 mois ou 2 ans", f"3{NBSP}mois ou 2{NBSP}ans"),
    ],
)
def test_a_unit_stays_with_its_number(text: str, expected: str) -> None:
    assert french(text) == expected
    assert french(expected) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Après %(limit)s connexion",  # a placeholder, not a percent sign
        "écrivez %d/%m/%Y pour 31/12/2026",
        "%(smart)d objectifs sur %(count)d",
        "le 2 juin",  # a date, not a unit
        "les 3 hôtes",
        "<code>SELECT 3 h</code>",
    ],
)
def test_placeholders_dates_and_code_are_not_units(text: str) -> None:
    assert french(text) == text
