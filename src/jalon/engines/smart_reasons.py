"""The reason readers of the light parse (``smart_clauses``): where a piece's "why" starts.

Inside a piece that says what changes, the reason starts at a "why" marker ("afin de", "pour" + a verb,
"to" + a verb, "so that", "because", "which will"…), at an absolute clause (", returning buyers carrying
most of the margin"), or the piece opens with its reason ("Because …, grow …"). Whether a verb form is used
as a verb (``is_verbal``) is decided here too: the markers and the clause finder both ask it.
"""

from __future__ import annotations

import re

from jalon.engines.smart_lexicon import BUSINESS, DELIVERABLE_VERBS, VERB_DIRECTIONS
from jalon.engines.smart_patterns import (
    ABSOLUTE,
    CAUSATIVE,
    EN_REASON_VERB_HINT,
    FOR_STAKE,
    FR_NOT_INFINITIVE,
    FR_PARTICIPLE,
    GERUND_SUBJECT,
    NOT_PARTICIPLES,
    REASON_VERBS,
    WRAPPERS_BEFORE_TO,
)
from jalon.engines.smart_text import word_set, words_regex

__all__ = ["DIGIT", "TOKEN", "Verbs", "has_objective_verb", "inline_marker", "is_verbal", "leading_reason"]

Verbs = tuple[tuple[int, str], ...]
TOKEN = re.compile(r"[a-z0-9]+")
DIGIT = re.compile(r"\d")
_DETERMINERS = word_set(
    "the a an our your their its this that these those my his her le la les l un une des du au aux "
    "notre nos votre vos leur leurs ce cette ces mon ma mes son sa ses of for at in on with from per "
    "par sur dans avec de d"
)
_EN_VERBAL_PREV = word_set(
    "to and or then will shall should must can could would might may we i you they please also let us "
    "s ll first finally just now also still always immediately quickly and, we ll"
)
_FR_SUBJECTS = word_set("on il elle ils elles qui je j nous vous tu ne se s y etre soit soient sera seront")
_FR_UNAMBIGUOUS = (
    "er",
    "ir",
    "re",
    "oir",
    "ez",
    "ons",
    "era",
    "eront",
    "erons",
    "ira",
    "iront",
    "ra",
    "ront",
)
_WORD_BEFORE = re.compile(r"([a-z0-9]+|[,:;(>-])\s*$")


def is_verbal(text: str, start: int, form: str, lang: str, floor: int = 0) -> bool:
    """Is the verb form at ``start`` used as a verb ("launch the app"), not a noun ("the spring launch")?

    French infinitives, imperatives and futures are verbs wherever they stand (unless an article makes
    them nouns); other French forms need a subject before them; English base forms need what objectives
    put before a verb: nothing, "to", "will", "and", a comma, a subject pronoun or an adverb.
    """
    before = _WORD_BEFORE.search(text, max(floor, start - 24), start)
    prev = before.group(1) if before else ""
    first = form.split()[0]
    if prev in ("", ",", ":", ";", "(", ">", "-"):
        return True
    if prev.isdigit():
        return False
    if lang == "fr":
        if first.endswith(_FR_UNAMBIGUOUS):
            return prev not in _DETERMINERS or prev in ("de", "d", "a", "le", "la", "les", "l")
        return prev in _FR_SUBJECTS
    return prev in _EN_VERBAL_PREV or prev.endswith("ly")


# --- reason markers -------------------------------------------------------------------------------

# The "why" markers. A trie regex (``words_regex``) matches what the flat alternation did: where two
# markers start at one place ("so that", "so"), the longer is tried first.
_MARKER_WORDS = (
    "in order to", "so as to", "so that", "in a bid to", "with a view to", "with the aim of",
    "for the sake of", "with the goal of", "with the objective of", "in the hope of", "to make sure",
    "l idee etant", "le but etant", "histoire de", "avec pour objectif de", "avec pour objectif d",
    "dans l objectif de", "dans l objectif d", "avec l objectif de", "in line with", "aligned with",
    "in support of", "as part of", "given that", "because", "since", "which", "this will", "that will",
    "it will", "means", "so", "as", "to", "for", "key for", "essential for", "crucial for", "vital for",
    "afin de", "afin d", "afin que", "afin qu", "parce que", "parce qu", "puisque", "puisqu", "car",
    "dans le but de", "dans le but d", "en vue de", "en vue d", "de facon a", "de maniere a", "de sorte que",
    "pour que", "pour qu", "dans l optique de", "dans l optique d", "dans le cadre de", "dans le cadre du",
    "dans le cadre d", "dans l interet de", "dans l interet d", "l enjeu etant", "l objectif etant", "ce qui",
    "cela permettra", "ceci permettra", "ca permettra", "de quoi", "sans quoi", "sinon", "vu", "etant donne",
    "sachant que", "sachant qu", "c est", "signifie", "pour", "=", "gage de", "gage d", "signe de",
    "a sign of", "a driver of", "key to", "cle de", "cle d", "would", "will",
    "parceque", "parcequ", "that s how", "that is how", "this is how", "c est comme ca que",
    "c est ainsi que",
)  # fmt: skip
_MARKER = re.compile(
    r"(?:^|(?<=[\s,;:(]))(?P<m>" + words_regex(*_MARKER_WORDS, space=" ") + r")(?=[\s,.;:!?)]|$)"
)
_ADVERBS = word_set(
    "moins mieux plus davantage enfin ainsi vraiment encore bien aussi surtout notamment ultimately "
    "also further finally better really eventually quickly then"
)
_PARTICIPLE = re.compile(r",\s+(?P<v>[a-z]+ing)\b")
_NOT_AFTER_TO = word_set(
    "the a an our your their its this that these those my all every each his her them it us me more "
    "less fewer"
)
_CAUSATIVE_OBJECTS = re.compile(
    r"\b(?:visitors|customers|users|people|shoppers|members|subscribers|fans|followers|readers|buyers|"
    r"clients|prospects|leads|trials|trial users|guests|attendees|participants|free users)\s*$"
)
_SO_CONSEQUENCE = re.compile(
    r"^\s*(?:let s|lets|let us|we should|we need|we must|we ll|we will|we want|we re)\b"
)
# "as our fee income is flat": "as" opening a clause with its own subject and verb gives a reason.
_AS_CLAUSE = re.compile(
    r"\s*(?:our|their|the|your|my)\s+(?:[a-z]+\s+){0,3}?(?:is|are|was|were|has|have|keeps|keep|remains|remain|"
    r"stays|stay)\b"
)
_FR_CONSEQUENCE = re.compile(
    r",\s+(?P<m>(?:ca|cela|ceci)\s+(?:nous\s+|vous\s+|leur\s+|en\s+|y\s+)?[a-z]{2,}(?:ra|ront|rait|raient)\b)"
)
_PEOPLE_AFTER_SO = re.compile(r"^\s*(?:far|much|many|long|on|called)\b")
_SINCE_DATE = re.compile(
    r"^\s*(?:\d|last|then|the start|the beginning|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|q[1-4])"
)
_FR_ARTICLE = re.compile(
    r"^\s*(?:le|la|les|l|un|une|des|du|de|d|nos|notre|vos|votre|leurs|leur|ce|cette|ces|ses|son|sa|"
    r"mon|ma|mes|tous|toutes|tout|chaque|plus de|davantage de)\b"
)
_WHICH_OK = re.compile(
    r"^\s*(?:will|would|should|could|can|may|might|means|helps|gives|lets|allows|is how|is key|"
    r"is essential|is crucial|is vital|is critical|is what|drives|grows|lifts|improves|increases|reduces|"
    r"lowers|protects|brings|feeds|supports|saves|cuts|keeps|boosts|funds|pays|adds|generates|creates)\b"
)
_FOR_OK = re.compile(
    r"^\s*(?:the sake of|the\s+(?:[a-z0-9&-]+\s+){0,5}(?:plan|target|goal|objective|budget)s?\s+to)\b"
)
_LAST_TOKEN = re.compile(r"([a-z0-9]+)[^a-z0-9]*$")
_CLAUSE_CUT = re.compile(r"[,;:]|\b(?:d ici|avant|by|before)\b")
_AS_SUBJECT = re.compile(r"\s*(?:repeat|more|our|every|each|we|they|loyal|satisfied)\b")
_COMMA = re.compile(r"[,:]\s*")
_PRONOUN = re.compile(r"\s*(?:we|i|on|nous|je|let)\b")


def _next_words(text: str, end: int, count: int = 3) -> list[str]:
    return TOKEN.findall(text, end, end + 60)[:count]


def _prev_word(text: str, start: int) -> str:
    before = _LAST_TOKEN.search(text, max(0, start - 30), start)
    return before.group(1) if before else ""


def _looks_like_verb(word: str, lang: str) -> bool:
    if word in VERB_DIRECTIONS or word in DELIVERABLE_VERBS or word in REASON_VERBS:
        return True
    if lang == "fr":
        return word.endswith(("er", "ir", "re", "oir")) and len(word) > 3 and word not in FR_NOT_INFINITIVE
    return False


def inline_marker(text: str, start: int, end: int, lang: str) -> tuple[int, bool] | None:
    """First "why" marker inside ``text[start:end]``: (position, the part before it is the reason)."""
    found = _first_marker(text, start, end, lang)
    if lang == "en":
        for participle in _PARTICIPLE.finditer(text, start, end):
            base = participle.group("v")[:-3]
            if any(form in VERB_DIRECTIONS or form in REASON_VERBS for form in (base, base + "e", base[:-1])):
                if found is None or participle.start("v") < found[0]:
                    return participle.start("v"), False
                break
    for absolute in ABSOLUTE.finditer(text, start, end):
        if found is not None and absolute.start() > found[0]:
            break
        verb = absolute.group("v")
        is_participle = verb.endswith("ant" if lang == "fr" else "ing") and verb not in NOT_PARTICIPLES
        if (
            is_participle
            and absolute.start() - start > 12
            and BUSINESS.search(text, absolute.start() + 1, end)
        ):
            return absolute.start() + 1, False
    if lang == "fr":  # ", ça ramènera des clients", ", cela fera baisser nos coûts": a consequence
        consequence = _FR_CONSEQUENCE.search(text, start, end)
        if (
            consequence is not None
            and (found is None or consequence.start("m") < found[0])
            and BUSINESS.search(text, consequence.end(), end)
        ):
            return consequence.start("m"), False
    if lang == "fr":  # ", réduisant notre dépendance aux gros contrats"
        for participle in FR_PARTICIPLE.finditer(text, start, end):
            if found is not None and participle.start() > found[0]:
                break
            if participle.group("v") not in NOT_PARTICIPLES and BUSINESS.search(text, participle.end(), end):
                return participle.start("v"), False
    return found


def _first_marker(text: str, start: int, end: int, lang: str) -> tuple[int, bool] | None:
    for match in _MARKER.finditer(text, start, end):
        word, pos, after = match.group("m"), match.start("m"), match.end("m")
        if word in ("would", "will"):
            if lang == "fr" or not GERUND_SUBJECT.match(text, start, pos):
                continue  # only "Hitting 200 test rides by June would fill the pipeline"
            return pos, False
        if pos - start <= 1 and word not in ("means", "signifie", "=", "so"):
            continue  # a marker opening the piece is handled by the caller
        nxt = _next_words(text, after)
        if word == "to":
            prev, head = _prev_word(text, pos), text[start:pos]  # only "to" looks behind itself
            while len(nxt) > 1 and (nxt[0].endswith("ly") or nxt[0] in _ADVERBS):
                nxt = nxt[1:]
            if not nxt or nxt[0] in _NOT_AFTER_TO or nxt[0][0].isdigit() or prev in WRAPPERS_BEFORE_TO:
                continue
            comma = text[max(start, pos - 2) : pos].strip() in (",", "(")
            if prev == "time" and not comma:
                continue  # "time to fill", "time to market" name a metric
            verb = _looks_like_verb(nxt[0], "en") or (len(nxt) > 1 and nxt[1] in EN_REASON_VERB_HINT)
            if not (comma or verb):
                continue
            if (_CAUSATIVE_OBJECTS.search(head) or CAUSATIVE.search(head)) and not comma:
                continue
            if not comma and _nominal_goal(text, start, pos, nxt[0], text[after:end]):
                continue  # "Click & collect to reach 30% of online orders": the goal, not its reason
            return pos, False
        if word == "so":
            rest = text[after:end]
            if _SO_CONSEQUENCE.match(rest):
                return after, True
            if not nxt or _PEOPLE_AFTER_SO.match(rest):
                continue
            return pos, False
        if word == "as":
            if (
                text[max(start, pos - 2) : pos].strip() == ","
                or (nxt and nxt[0] in ("this", "it", "they", "we", "every", "each"))
                or _AS_CLAUSE.match(text, after, end)
            ):
                return pos, False
            continue
        if word == "since":
            if _SINCE_DATE.match(text[after:end]):
                continue
            return pos, False
        if word == "which":
            if _WHICH_OK.match(text[after:end]):
                return pos, False
            continue
        if word == "for":
            if _FOR_OK.match(text[after:end]) or FOR_STAKE.match(text[after:end]):
                return pos, False
            continue
        if word in ("car",) and lang != "fr":
            continue
        if word == "vu" and not (
            nxt and nxt[0] in ("le", "la", "les", "leur", "leurs", "notre", "nos", "ses", "son", "sa", "l")
        ):
            continue
        if word in ("c est", "ce qui", "de quoi") and not text[start:pos].rstrip().endswith(
            (",", ":", ";", "-")
        ):
            continue
        if word == "pour":
            rest = text[after:end]
            if _FR_ARTICLE.match(rest):
                window = rest[:70]
                if not BUSINESS.search(window[: _clause_cut(window)]):
                    continue
                return pos, False
            while len(nxt) > 1 and nxt[0] in _ADVERBS:
                nxt = nxt[1:]
            if not nxt or not (_looks_like_verb(nxt[0], "fr") or nxt[0] in ("s", "se", "y", "ne", "en")):
                continue
            return pos, False
        if word in ("means", "signifie", "="):
            return pos, False
        return pos, False
    return None


def _nominal_goal(text: str, start: int, pos: int, verb: str, rest: str) -> bool:
    """A verbless head followed by "to" + a change verb and a number: the goal written as a fragment."""
    if verb not in VERB_DIRECTIONS or DIGIT.search(text, start, pos):
        return False
    words = list(TOKEN.finditer(text, start, pos))
    if not words or len(words) > 6:
        return False
    for word in words:
        form = word.group(0)
        if text[start : word.start()].rstrip().endswith("&"):
            continue  # "click & collect"
        if (form in VERB_DIRECTIONS or form in DELIVERABLE_VERBS) and is_verbal(
            text, word.start(), form, "en", floor=start
        ):
            return False
    clause = rest.split(",", 1)[0]
    return DIGIT.search(clause) is not None


def _clause_cut(window: str) -> int:
    cut = _CLAUSE_CUT.search(window)
    return cut.start() if cut else len(window)


_LEADING_OPENER = re.compile(
    r"\s*(?:because|since|as|given that|given|in order to|to|so as to|pour|afin de|afin d|parce que|"
    r"parce qu|parceque|parcequ|puisque|puisqu|comme|sachant que|sachant qu|etant donne que|etant donne|"
    r"car)\b"
)


def leading_reason(text: str, start: int, end: int, lang: str, verbs: Verbs) -> int | None:
    """A piece that opens with its reason ("Because …, grow …", "Pour relancer les ventes, lancer …"):
    the position where its main clause starts, or None."""
    opener = _LEADING_OPENER.match(text[start:end])
    if opener is None:
        return None
    word = opener.group(0).strip()
    rest_start = start + opener.end()
    if word == "pour" and _FR_ARTICLE.match(text[rest_start:end]):
        window = text[rest_start : min(end, rest_start + 70)]
        if not BUSINESS.search(window[: _clause_cut(window)]):
            return None
    if word == "since" and _SINCE_DATE.match(text[rest_start:end]):
        return None
    if word == "as" and not _AS_SUBJECT.match(text, rest_start, end):
        return None
    for comma in _COMMA.finditer(text, rest_start, end):
        main_start = comma.end()
        if has_objective_verb(text, main_start, end, lang, verbs) or _PRONOUN.match(text, main_start, end):
            return main_start
    return None


def has_objective_verb(text: str, start: int, end: int, lang: str, verbs: Verbs) -> bool:
    for position, form in verbs:
        if (
            start <= position
            and position + len(form) <= end
            and is_verbal(text, position, form, lang, floor=start)
        ):
            return True
    return False
