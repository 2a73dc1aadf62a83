"""Quantities and targets in FR/EN marketing objectives.

Reads the quantities of ``smart_quantities`` (``2,5 %``, ``15 k€``, ``$1.2M``, ``+2 points``, ``4.7/5``…),
``de 1,8 % à 2,5 %``, ``from 3,000 to 12,000``, number words ("two", "un million"), ratios
(``3:1``, ``4x``) and multipliers ("double", "d'un tiers", "tenfold"). Works on the normalised main clause
(see ``smart_clauses``) with the deadline phrase blanked out, and tells targets from the numbers that are
not: a current level ("currently 2.1%", "(18 % en 2025)", "from €62" alone), a budget, a price, a scope
("in our 40 stores"), an age range or a definition ("inactive for 12+ months").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from jalon.engines.memo import Memo
from jalon.engines.smart_lexicon import HEADING_LABEL, START_WORDS, says_more_or_less
from jalon.engines.smart_quantities import DIGIT, Quantity, parse_number, quantities
from jalon.engines.smart_text import words_regex

__all__ = ["Quantity", "TargetFound", "find_target", "parse_number", "quantities"]


@dataclass(frozen=True)
class TargetFound:
    value: float
    unit: str
    direction: str
    relative: bool
    baseline: float | None
    start: int
    end: int
    bound: str | None = None  # "floor" / "ceiling" for a level to keep (see ``maintain_bound``)
    # The sign (-1 or +1) of a change written against its change verb ("augmenter de -10 %", "réduire de
    # +5 %") or doubling it ("reduce by -3 points"), so the direction the writer meant is in doubt; else 0.
    sign_against_verb: int = 0
    # The verb's own direction when the statement's from/to pair goes the other way (or nowhere):
    # "augmenter … de 5 % à 3 %" reads as a decrease to 3 % that the verb ("increase") contradicts.
    pair_against_verb: str | None = None


_SPACES = re.compile(r"\s+")
_TIME_UNITS = {"days", "weeks", "hours", "minutes", "seconds", "months", "years"}
_SCOPE_BEFORE = re.compile(
    r"\b(?:our|nos|notre|vos|your|their|leurs|all|across|tous|toutes|top|each|every|chaque|sur|in|dans|on|"
    r"among|parmi|with|avec|for|aux|au|plus|than|que|qu|since|depuis|over|under|age|ages|"
    r"aged|agees|entre|between|et|and|or|ou|x|fois)"
    r"(?:\s+(?:the|les|des|nos|our|all|tous|toutes|ses|its|their|leurs))?\s*$"
)
_NEW_AFTER = re.compile(
    r"\s*(?:new|nouveaux|nouvelles|nouveau|nouvelle|additional|supplementaires|extra|more|premiers|"
    r"premieres|first)\b"
)
_TO_NUMBER = re.compile(r"\s*(?:to|a|->|>|jusqu a)\s*[+-]?[$€£]?\s?\d")
_AGE_BEFORE = re.compile(
    r"\b(?:customers|clients|users|people|visitors|buyers|shoppers|students|members|followers|fans|gens|"
    r"utilisateurs|visiteurs|acheteurs|etudiants|membres|jeunes|adults|adultes)\s+(?:under|over|aged|below|"
    r"above|de\s+moins\s+de|de\s+plus\s+de|ages\s+de|agees\s+de)\s*$"
)
_HYPHEN_AFTER = re.compile(r"-[a-z]")
_REVIEW_BEFORE = re.compile(r"\b(?:avis|reviews?|ratings?|notes?|hotels?|hotel)\s*$")
_OF_AFTER = re.compile(r"\s*(?:of|des|de|d|du)\b")
_FROM_ALONE = re.compile(r"\b(?:from|a partir de|depuis)\s*$")
_PARTNER_BEFORE = re.compile(
    r"\b(?:partner|partners|partnering|partnerships?|partenariats?|ties?)\s+(?:with|avec)\s*$"
)
_ABSOLUTE_BEFORE = re.compile(
    r"\b(?:"
    + words_regex(
        "to", "a", "up to", "jusqu a", "at", "under", "below", "above", "over", "sous", "en dessous de",
        "au dessus de", "moins de", "less than", "at least", "au moins", "minimum", "maximum", "max", "min",
        "d au moins", "au minimum", "au maximum", "beyond", "au dela de", "within", "barre des", "barre de",
        "objectif de", "target of", "goal of", "aim for", "aims for", "aiming for", "target", "targeting",
        "vise", "visons", "viser", "vise a", space=" ",
    )
    + r")\s*$"
)  # fmt: skip
_DELTA_BEFORE = re.compile(r"\b(?:by|of|de|d)\s*$")
_CEILING = re.compile(r"(?:under|below|sous|dessous|moins|less|max|maximum|within|barre des|barre de)\s*$")
_FLOOR = re.compile(
    r"\b(?:at least|au moins|d au moins|au minimum|minimum|min|above|over|au dessus de|plus de|more than|"
    r"no less than|not less than|pas moins de|beyond|au dela de)\s*$"
)
_AT_MOST = re.compile(r"\b(?:at most|no more than|not more than|pas plus de|au plus)\s*$")


def maintain_bound(before: str) -> str | None:
    """The good side of a level to keep, from the words just before it: a floor, a ceiling or none."""
    if _AT_MOST.search(before):
        return "ceiling"
    if _FLOOR.search(before):  # before the ceiling words: "au moins" ends like "moins"
        return "floor"
    return "ceiling" if _CEILING.search(before) else None


_FROM_TO = re.compile(r"\b(?:from|de|d|passer de|du)\s*$")
_TO_WORD = re.compile(r"^\s*(?:to|a|->|>|jusqu a)\s*")
_YEARS = re.compile(r"^(?:19|20)\d\d$")
_BASELINE_BEFORE = re.compile(
    r"\b(?:"
    + words_regex(
        "currently", "today", "right now", "now", "presently", "actuellement", "aujourd hui", "en ce moment",
        "is", "are", "was", "were", "est de", "est a", "est", "etait de", "etait", "sommes a", "en sommes a",
        "on est a", "we are at", "we re at", "stuck at", "dropped to", "fell to", "stands at", "sits at",
        "at present", "up from", "down from", "contre", "vs", "versus", "compared to", "compared with",
        "par rapport a", "reached", "a atteint", "has been", "have been", "it s", "it is", "peaked at",
        "stood at", "soit", space=" ",
    )
    + r")(?:\s+(?:de|d|a|at|of|around|about|environ|autour de|roughly|only|seulement|just))?\s*$"
)  # fmt: skip
_BASELINE_AFTER = re.compile(
    r"^\s*(?:today|now|currently|at present|aujourd hui|actuellement|in (?:19|20)\d\d|en (?:19|20)\d\d|"
    r"last year|l an dernier|l annee derniere|in fy\s?\d\d|en fy\s?\d\d|on average|en moyenne|"
    r"so far|a ce jour|to date)\b"
)
_BUDGET = re.compile(
    r"\bbudget\b[^.;]{0,14}$|\b(?:spend|investment|investissement|enveloppe)\s+(?:of|de)\s*$"
)
_BUDGET_AFTER = re.compile(r"^\s*(?:de\s+)?budget\b")
_PRICE_BEFORE = {
    "en": re.compile(r"\b(?:our|the|a|an|its|their|this|your)\s*$"),
    "fr": re.compile(r"\b(?:notre|nos|le|la|les|un|une|son|sa|ses|leur|leurs|votre|ce|cette)\s*$"),
}
_GOAL_BEFORE = re.compile(
    r"\b(?:goal|objective|target|aim|ambition|cible|objectif|but|mission|priority|priorite)\b[^.;:]{0,40}$"
)
_STOCKED_IN = re.compile(
    r"\b(?:stocked|listed|available|sold|carried|referencee?s?|distribuee?s?|presente?s?|vendue?s?)\s+"
    r"(?:in|at|dans|chez)\s*$"
)
_NOT_PRICE_AFTER = re.compile(
    r"^\s*(?:of|de|d|in|en|du|des|per|par|a|by|to|within|from|for|on|and|et|ou|or|[a-z]{1,3}\b|"
    r"arr|mrr|gmv|revenue|sales|ventes|ca|pipeline|marge|margin|net|brut|ht|ttc|target|objectif|goal|"
    r"chaque|every|each|per|par|month|mois|week|semaine|max|maximum|minimum)"
)
_SELL_VERBS = re.compile(r"\b(?:vendre|vends|vend|vendez|sell|sells|proposer|offrir|offer)\b")
_MULTIPLY_VERBS = (
    (re.compile(r"\b(?:doubl(?:e|er|ed|ing|ons|ez|es|ent)|multipl(?:y|ier) by two|multiplier par deux|"
                r"deux fois plus|twice as many|twice as much)\b(?![\s-]+(?:digits?|down|chiffres?))"),
     100.0, "increase"),
    (re.compile(r"\b(?:tripl(?:e|er|ed|ing|ons|ez|es|ent)|multiplier par (?:3|trois)|multiply by (?:3|three)|"
                r"trois fois plus|three times as)\b"), 200.0, "increase"),
    (re.compile(r"\b(?:tenfold|ten fold|dix fois plus|multiplier par (?:10|dix)|multiply by (?:10|ten))\b"),
     900.0, "increase"),
    (re.compile(r"\b(?:halve|halving|diviser par deux|diviser de moitie|reduire de moitie|cut in half|"
                r"de moitie|by half|in half)\b"), 50.0, "decrease"),
    (re.compile(r"\b(?:by a third|d un tiers|by one third)\b"), 33.33, "decrease"),
)  # fmt: skip
_NUMBER_WORDS = {
    "two": 2, "deux": 2, "three": 3, "trois": 3, "four": 4, "quatre": 4, "five": 5, "cinq": 5, "six": 6,
    "seven": 7, "sept": 7, "eight": 8, "huit": 8, "nine": 9, "neuf": 9, "ten": 10, "dix": 10,
    "eleven": 11, "onze": 11, "twelve": 12, "douze": 12, "fifteen": 15, "quinze": 15, "twenty": 20,
    "vingt": 20, "thirty": 30, "trente": 30, "forty": 40, "quarante": 40, "fifty": 50, "cinquante": 50,
    "hundred": 100, "cent": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "une dizaine": 10,
    "une centaine": 100, "a thousand": 1e3, "one thousand": 1e3, "mille": 1e3, "a million": 1e6,
    "one million": 1e6, "un million": 1e6, "one billion": 1e9, "un milliard": 1e9,
}  # fmt: skip
_SCALE_WORDS = {
    "million": 1e6,
    "millions": 1e6,
    "thousand": 1e3,
    "mille": 1e3,
    "milliard": 1e9,
    "milliards": 1e9,
}
_NUMBER_WORD = re.compile(
    r"(?<![\w-])(?P<w>"
    + words_regex(*_NUMBER_WORDS, space=r"\s+")
    + r")(?:\s+(?P<scale>millions?|thousand|milliards?))?(?:\s+(?:de|d|of))?\s+(?=[a-z])"
)
_NUMBER_NAME = re.compile(  # with a digit (``DIGIT``): does the text hold a number at all?
    r"\b(?:"
    + words_regex(
        "two", "deux", "three", "trois", "four", "quatre", "five", "cinq", "six", "seven", "sept", "eight",
        "huit", "nine", "neuf", "ten", "dix", "eleven", "onze", "twelve", "douze", "fifteen", "quinze",
        "twenty", "vingt", "thirty", "trente", "forty", "quarante", "fifty", "cinquante", "hundred", "cent",
        "dozen", "dizaine", "centaine", "thousand", "mille", "million", "milliard", "billion",
    )
    + r")\b"
)  # fmt: skip
_MULTIPLY_OR_TOP = re.compile(
    words_regex(
        "doubl", "tripl", "tenfold", "ten fold", "fois plus", "multipl", "halv", "moitie", "half", "tiers",
        "third", "twice", "quart", "fifth", "first page", "premiere page", "first position",
        "premiere position", "cinquieme", "tenth", "dixieme", space=" ",
    )
    + r"|\b(?:top\b|(?:number|no|numero)\s+\d)|(?:#|n°)\s*\d"
)  # fmt: skip
_FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "la moitie": 50.0, "moitie": 50.0, "a third": 33.33,
    "one third": 33.33, "un tiers": 33.33, "tiers": 33.33, "two thirds": 66.67, "deux tiers": 66.67,
    "a quarter": 25.0, "one quarter": 25.0, "un quart": 25.0, "quart": 25.0, "three quarters": 75.0,
    "trois quarts": 75.0, "les trois quarts": 75.0, "a fifth": 20.0, "one fifth": 20.0,
    "un cinquieme": 20.0, "cinquieme": 20.0, "a tenth": 10.0, "un dixieme": 10.0, "dixieme": 10.0,
}  # fmt: skip
_FRACTION = re.compile(
    r"\b(?P<f>"
    + "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _FRACTIONS), key=len, reverse=True))
    + r")\b(?P<of>\s+(?:of|de|des|du|d))?"
)
_FRACTION_DELTA_BEFORE = re.compile(r"\b(?:by|de|d|in)\s*$")
_TOP = re.compile(
    r"\b(?:into|in|dans|entrer dans|reach|atteindre|rank|ranked|ranking|be|become|stay|remain|get|appear|"
    r"etre|devenir|rester|figurer|se classer|classer)\s+(?:(?:en|on|onto|to|in|dans|sur)\s+)?"
    r"(?:the\s+|le\s+|la\s+|du\s+|au\s+)?"
    r"(?:top\s*(?P<n>\d{1,3})\b|(?:#|n°\s*|no\s+|number\s+|numero\s+)(?P<rank>\d{1,2})\b|"
    r"(?P<first>first|premiere)\s+(?:page|position)\b)"
)


def _is_year(q: Quantity, text: str) -> bool:
    raw = text[q.start : q.end].strip()
    return q.unit == "count" and bool(_YEARS.match(raw))


_DURATION_WORD = re.compile(
    r"(?:jours?|days?|semaines?|weeks?|mois|months?|ans?|years?|annees?|trimestres?|quarters?|fois|times|"
    r"heures?|hours?)\b"
)
_RANGE_AFTER = re.compile(r"^\s*-\s*\d")
_RANGE_BEFORE = re.compile(r"\d\s*-\s*$")
_RANK_BEFORE = re.compile(r"\b(?:top|n|no|numero)\s*$|#\s*$")
_LABEL_NUMBER_BEFORE = re.compile(HEADING_LABEL + r"\s*$")
_LABEL_NUMBER_AFTER = re.compile(r"\s*(?:[:)]|-\s|\.\s|\.?\s*$)")  # or the heading alone: "Proposition 7"
_START_BEFORE = re.compile(
    r"\b(?:(?:" + START_WORDS + r")\s+(?:(?:on|in|from|the)\s+)?(?:[a-z]+\s+)?|"
    r"(?:des|a\s+compter)\s+(?:le|du|de\s+la|la)\s+)$"  # « dès le 15 mars », never the article « des »
)
# A band of bare numbers closing its clause ("ROAS entre 4 et 5", "between 40 and 50 by June"), not a
# band of things ("entre 20 et 30 magasins").
_BAND_BEFORE = re.compile(r"\b(?:entre|between)\s*$")
_BAND_AFTER = re.compile(
    r"\s*(?:et|and)\s+\d+(?:[.,]\d+)?\s*x?\s*(?:$|[,.;:)!?]|(?:d\s+ici|by|avant|before|en|in|au|pour|to|so|afin|"
    r"car|because|within|dans|sous|fin|end)\b)"
)
# "Fill all 12 places", « remplir les 40 chambres », "sell all 300 seats": every one of them is the target.
_FILL_ALL = re.compile(
    r"\b(?:(?:fill|filling|book|remplir|remplissez|louer|occuper)\s+(?:the|les)|"
    r"(?:fill|filling|book|sell|sell\s+out|remplir|remplissez|vendre|vendez|ecouler|louer|occuper)\s+"
    r"(?:all(?:\s+(?:the|our))?|every\s+one\s+of\s+(?:the|our)|tous\s+les|toutes\s+les))\s*$"
)
_RATIO_BEFORE = re.compile(r"\d\s*(?::|pour)\s*$")
_NOUN_A_BEFORE = re.compile(r"\b[a-z]{3,}\s+a\s*$")
_OPEN_BRACKET = re.compile(r"\(\s*$")


def _word_quantities(text: str) -> list[Quantity]:
    found = []
    for match in _NUMBER_WORD.finditer(text):
        value = _NUMBER_WORDS[_SPACES.sub(" ", match["w"])]
        if match["scale"]:
            value *= _SCALE_WORDS[match["scale"]]
        after = text[match.end() : match.end() + 14]
        if _DURATION_WORD.match(after):
            continue  # durations belong to deadlines or definitions
        found.append(Quantity(value, "count", 0, match.start(), match.end()))
    return found


def _kind(q: Quantity, text: str, verb: tuple[str, int, int] | None, lang: str) -> str:
    """'target', 'baseline' or 'other' for one quantity of the main clause."""
    before = text[max(0, q.start - 30) : q.start]
    after = text[q.end : q.end + 24]
    if _is_year(q, text) or _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before):
        return "other"  # a year, or a range such as "25-34 ans"
    if _HYPHEN_AFTER.match(after) or (q.unit == "score" and _REVIEW_BEFORE.search(before)):
        return "other"  # "5-star reviews", "avis 5 étoiles", "30-day trial" qualify a noun
    if q.unit == "count" and _AGE_BEFORE.search(before):
        return "other"  # "customers under 30", "les moins de 25 ans"
    if q.unit == "plus" and not _ABSOLUTE_BEFORE.search(before):
        return "other"  # "55+" (ages); "to 4.5+" is a floor target
    if q.unit == "years":
        return "other"  # ages and tenure
    if q.unit == "times" and not _ABSOLUTE_BEFORE.search(before) and not (verb and verb[0] == "increase"):
        return "other"  # "deux fois plus" describes; "to 4x" and "grow revenue 3x" target
    if _RANK_BEFORE.search(before) or before.endswith("n°"):
        return "other"  # "top 3", "n° 1"
    if q.unit == "count" and _LABEL_NUMBER_BEFORE.search(before) and _LABEL_NUMBER_AFTER.match(after):
        return "other"  # "Recommendation 2: …", "Phase 1 (…)", "Objectif n°2 :" number a heading
    if q.value == 1 and _RATIO_BEFORE.search(before):
        return "other"  # the "1" of a "3:1" ratio
    right_after_verb = verb is not None and 0 <= q.start - verb[2] <= 1
    if (
        q.unit in _TIME_UNITS
        and not _ABSOLUTE_BEFORE.search(before)
        and not _FROM_TO.search(before)
        and not right_after_verb
    ):
        return "other"  # "inactifs depuis 12 mois", "in 16 weeks" describe; "save 200 hours" targets
    if _BUDGET.search(before) or _BUDGET_AFTER.match(after):
        return "other"
    if q.unit in ("EUR", "USD", "GBP"):
        article = _PRICE_BEFORE["fr" if lang == "fr" else "en"].search(before)
        if (
            article
            and not _NOT_PRICE_AFTER.match(after)
            and not _ABSOLUTE_BEFORE.search(before[: article.start()])
        ):
            return "other"  # "our €49 starter kit"
        if _NOUN_A_BEFORE.search(before) and _SELL_VERBS.search(text[: q.start]):
            return "other"  # "vendre notre kit à 49 €"
    if (
        q.signed == 0
        and (_BASELINE_BEFORE.search(before) or _BASELINE_AFTER.match(after))
        and not (
            _GOAL_BEFORE.search(text[max(0, q.start - 60) : q.start]) and not _BASELINE_AFTER.match(after)
        )
    ):
        return "baseline"
    if (
        q.signed == 0
        and _FROM_ALONE.search(before)
        and not _TO_NUMBER.match(after)
        and not _OF_AFTER.match(after)
    ):
        return "baseline"  # "from €62" with no "to …"
    if q.signed == 0 and _OPEN_BRACKET.search(before) and not _ABSOLUTE_BEFORE.search(before[:-1]):
        return "baseline"  # "(1 500)", "(18 % en 2025)"
    if q.unit == "count" and _START_BEFORE.search(before):
        return "other"  # "beginning on March 15", « dès le 15 mars »: the day it starts, not a target
    if q.unit == "count" and _BAND_BEFORE.search(before) and _BAND_AFTER.match(text, q.end):
        return "target"  # "ROAS entre 4 et 5", "NPS between 40 and 50": a band to reach, not a scope
    verb_end = verb[2] if verb else 0
    scoped = q.unit == "count" and q.signed == 0 and q.start > verb_end + 1 and q.value == int(q.value)
    scoped = scoped and not (verb is not None and verb[0] == "maintain")
    scope = scoped and _SCOPE_BEFORE.search(before) and not _ABSOLUTE_BEFORE.search(before)
    if scope and not (
        _NEW_AFTER.match(after)
        or _PARTNER_BEFORE.search(before)
        or _STOCKED_IN.search(before)
        or _FILL_ALL.search(before)
    ):
        return "other"  # "sur nos 4 comptes", "across all 6 country sites"
    return "target"


Verb = tuple[str, int, int] | None
# The last few answers of ``_candidates``: the reader asks for the same clause twice when it finds no target
# (``find_target``, then ``baseline_only``), and for the context's baselines twice. Kept small on purpose:
# it serves the statement being read, not later ones.
_RECENT: Memo[tuple[str, str, Verb], tuple[tuple[Quantity, ...], tuple[Quantity, ...]]] = Memo(16)


def _candidates(text: str, lang: str, verb: Verb) -> tuple[list[Quantity], list[Quantity]]:
    """The quantities of ``text`` read as targets, and those read as baselines (fresh lists)."""
    key = (text, lang, verb)
    found = _RECENT.get(key)
    if found is None:
        found = _RECENT.remember(key, _read_candidates(text, lang, verb))
    return list(found[0]), list(found[1])


def _read_candidates(text: str, lang: str, verb: Verb) -> tuple[tuple[Quantity, ...], tuple[Quantity, ...]]:
    if DIGIT.search(text) is None and _NUMBER_NAME.search(text) is None:
        return (), ()
    targets: list[Quantity] = []
    baselines: list[Quantity] = []
    every = sorted([*quantities(text, lang), *_word_quantities(text)], key=lambda q: q.start)
    for q in every:
        kind = _kind(q, text, verb, lang)
        if kind == "target":
            targets.append(q)
        elif kind == "baseline":
            baselines.append(q)
    return tuple(targets), tuple(baselines)


def _more_or_less(verb: Verb, main: str) -> bool:
    """Is the change verb one that says "more" or "less" itself (not "improve", not "limit")?"""
    return verb is not None and says_more_or_less(main[verb[1] : verb[2]])


def _pair_against(verb: Verb, main: str, start: float, end: float) -> str | None:
    """The verb's direction when the from/to pair does not go its way ("increase from 5 % to 3 %")."""
    if verb is None or verb[0] not in ("increase", "decrease") or not _more_or_less(verb, main):
        return None
    wrong = end <= start if verb[0] == "increase" else end >= start
    return verb[0] if wrong else None


def find_target(
    main: str, *, lang: str, verb: tuple[str, int, int] | None, context: str = ""
) -> TargetFound | None:
    """The objective's target in its main clause, with direction and baseline when stated.

    ``context`` holds the statement's description of the current state, whose numbers are baselines.
    """
    verb_direction = verb[0] if verb else "reach"
    found, baselines = _candidates(main, lang, verb)
    if context.strip():
        baselines += _candidates(context, lang, None)[0]
    for first, second in itertools.pairwise(found):
        between = main[first.end : second.start]
        if _TO_WORD.fullmatch(between) and _FROM_TO.search(main[max(0, first.start - 12) : first.start]):
            unit = second.unit if second.unit != "count" else first.unit
            direction = verb_direction
            if direction in ("reach", "increase", "decrease") and second.value != first.value:
                direction = "increase" if second.value > first.value else "decrease"
            pair_against = _pair_against(verb, main, first.value, second.value)
            return TargetFound(
                second.value, unit, direction, False, first.value, first.start, second.end,
                pair_against_verb=pair_against,
            )  # fmt: skip
    baseline = baselines[0].value if baselines else None
    if found:
        q = found[0]
        before = main[max(0, q.start - 25) : q.start]
        if q.unit == "times" and not _ABSOLUTE_BEFORE.search(before):
            return TargetFound((q.value - 1) * 100, "%", "increase", True, baseline, q.start, q.end)
        if q.signed:
            direction = "increase" if q.signed > 0 else "decrease"
            against = 0
            if verb_direction in ("increase", "decrease"):
                direction = verb_direction
                # "reduce by -5 %" doubles the sign; "Lower CPA (-15%)" only restates the decrease; "réduire
                # de +5 %" contradicts the verb, "contenir la hausse à +3 %" does not.
                delta = _DELTA_BEFORE.search(before) is not None
                minus = q.signed < 0 and (direction == "increase" or delta)
                plus = q.signed > 0 and direction == "decrease" and delta and _more_or_less(verb, main)
                against = q.signed if minus or plus else 0
            return TargetFound(
                abs(q.value), q.unit, direction, True, baseline, q.start, q.end, sign_against_verb=against
            )
        if verb_direction == "maintain":
            bound = maintain_bound(before)
            return TargetFound(q.value, q.unit, "maintain", False, baseline, q.start, q.end, bound)
        absolute = _ABSOLUTE_BEFORE.search(before) is not None
        if verb_direction in ("increase", "decrease"):
            delta = (_DELTA_BEFORE.search(before) is not None and not absolute) or (
                q.unit == "pts" and not absolute
            )
            return TargetFound(q.value, q.unit, verb_direction, delta, baseline, q.start, q.end)
        if _CEILING.search(before):
            return TargetFound(q.value, q.unit, "maintain", False, baseline, q.start, q.end, "ceiling")
        relative = q.unit == "pts" and not absolute and verb is not None and verb[0] != "reach"
        return TargetFound(q.value, q.unit, "reach", relative, baseline, q.start, q.end)
    if not _MULTIPLY_OR_TOP.search(main):
        return None
    for pattern, percent, direction in _MULTIPLY_VERBS:
        match = pattern.search(main)
        if match:
            return TargetFound(percent, "%", direction, True, baseline, match.start(), match.end())
    for fraction in _FRACTION.finditer(main):
        value = _FRACTIONS[_SPACES.sub(" ", fraction["f"])]
        before = main[max(0, fraction.start() - 8) : fraction.start()]
        if fraction["of"]:  # "a third of sales", "les trois quarts de nos clients": a share to reach
            return TargetFound(value, "%", "reach", False, baseline, fraction.start(), fraction.end())
        if _FRACTION_DELTA_BEFORE.search(before) and verb is not None:  # "by a quarter", "d'un quart"
            direction = "decrease" if verb_direction == "decrease" else "increase"
            return TargetFound(value, "%", direction, True, baseline, fraction.start(), fraction.end())
    top = _TOP.search(main)
    if top:
        group = "n" if top["n"] else "rank" if top["rank"] else "first"
        value = float(top[group]) if group != "first" else 1.0  # "first page", "première position"
        return TargetFound(value, "count", "reach", False, baseline, top.start(group), top.end(group))
    return None


def baseline_only(main: str, *, lang: str, context: str = "") -> float | None:
    """The current level the statement gives when it gives no target ("currently 2.1%", "from €62")."""
    _, baselines = _candidates(main, lang, None)
    if context.strip():
        baselines += _candidates(context, lang, None)[0]
    return baselines[0].value if baselines else None
