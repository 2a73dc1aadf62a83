"""The default lifecycle stages in words: their definitions in RFM terms, and their names and definitions in
the reader's language.

A framing gets the default stages in its roadmap's language (« Client à risque », « dernière commande il y a
plus de 180 jours »). They are stored as data, so that a team may rename them; but while a stage still bears
the words Jalon gave it, they are Jalon's interface, not the team's: an English reader of a French roadmap
reads "At-risk customer", in the page and in every file, as the page's other words. A name or a definition
the team typed stays as typed.
"""

from __future__ import annotations

from functools import cache

from django.utils import translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from jalon.engines import rfm_stages

RULES = {rule.key: rule for rule in rfm_stages.DEFAULT_STAGES}
LANGUAGES = ("fr", "en")


def stage_definition(rule: rfm_stages.StageRule) -> str:
    """A rule in RFM words, in the active language."""
    parts: list[str] = []
    if rule.orders_max == 0:
        return _("no order yet")
    if rule.orders_min:
        parts.append(
            ngettext("at least {n} order", "at least {n} orders", rule.orders_min).format(n=rule.orders_min)
        )
    if rule.tenure_days_max is not None:
        parts.append(_("first order within {n} days").format(n=rule.tenure_days_max))
    if rule.recency_days_min is not None:
        parts.append(_("last order over {n} days ago").format(n=rule.recency_days_min - 1))
    if rule.recency_days_max is not None:
        parts.append(_("last order within {n} days").format(n=rule.recency_days_max))
    return ", ".join(parts)


@cache
def _definitions(key: str) -> dict[str, str]:
    with translation.override("fr"):
        french = stage_definition(RULES[key])
    with translation.override("en"):
        english = stage_definition(RULES[key])
    return {"fr": french, "en": english}


def _reader() -> str:
    return "en" if (get_language() or "fr").startswith("en") else "fr"


def shown_name(key: str, name: str) -> str:
    """``name`` in the active language when it is a default stage's name in either language."""
    rule = RULES.get(key)
    if rule is None or name not in (rule.name_fr, rule.name_en):
        return name
    return rule.name(_reader())


def shown_definition(key: str, definition: str) -> str:
    """``definition`` in the active language when it is a default stage's definition in either language."""
    if key not in RULES or definition not in _definitions(key).values():
        return definition
    return _definitions(key)[_reader()]
