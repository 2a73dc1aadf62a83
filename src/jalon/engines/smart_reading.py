"""What an objective says changes: its metric, its deliverable, its target and its current level.

Works on the views of ``smart_clauses.Parse`` (main clause, context, reason) with the deadline phrase
blanked out. A metric is a measurable quantity named anywhere in the main clause ("le taux d'ouverture
doit remonter"); a countable word ("customers", "magasins") is a metric only after "more", "number of"
or a change verb. A deliverable is a deliverable verb used as a verb, with a concrete object ("launch the
preference center", not "create buzz"; "develop a mobile app", not "develop partnerships").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jalon.engines.smart_clauses import Parse
from jalon.engines.smart_lexicon import (
    ARTIFACT,
    ASPIRATION,
    DELIVERABLE_VERBS,
    GENERIC_MAKERS,
    METRIC,
    REACH_NOUN,
    WEAK_COUNT,
    is_deliverable_verb,
    verb_direction,
)
from jalon.engines.smart_numbers import TargetFound, baseline_only, find_target
from jalon.engines.smart_reasons import is_verbal
from jalon.engines.smart_text import Prepared, normalize, words_regex

__all__ = ["Reading", "read"]

Span = tuple[int, int]


@dataclass(frozen=True)
class Reading:
    metric: Span | None  # the metric word in the prepared text
    metric_phrase: str | None  # the metric in the user's words
    deliverable: Span | None  # verb and object
    target: TargetFound | None
    baseline: float | None
    verb: tuple[str, int, int] | None  # (direction, start, end) of the change verb


_MORE_BEFORE = re.compile(
    r"\b(?:more|plus de|plus d|davantage de|davantage d|number of|nombre de|nombre d|new|nouveaux|"
    r"nouvelles|additional|supplementaires|extra|fewer|moins de|moins d)\s+(?:[a-z0-9-]+\s+){0,2}$"
)
_INCREASE_LIKE = frozenset(("increase", "decrease"))
_PEOPLE_VERBS = re.compile(
    r"\b(?:reactivat|reactiv|acquir|acquer|attract|attir|win|recruit|recrut|convert|retain|retien|fidelis|"
    r"conquer|conquier|reconquer|reconquier|sign|gagn|onboard|embarqu|engag)[a-z]*(?:\s+back)?"
    r"(?:\s+(?:lapsed|dormant|inactive|lost|former|churned|sleeping|inactifs|perdus|anciens|dormants))?\s*$"
)
_SELL_MORE = re.compile(r"\b(?:sell|sells|selling|vendre|vendez|vendons|vend)\s+(?:more|davantage|plus)\b")
_AFTER_VERB_WINDOW = re.compile(
    r"\s*(?:(?:the|our|a|an|le|la|les|l|nos|notre|des|de|d|du|its|their|more|plus)\s+){0,2}$"
)
_VAGUE_OBJECT = re.compile(
    r"(?:du|de la|de l|des|some|more|plus de|davantage de|davantage|a bit of|things?|les choses|choses|"
    r"stuff|trucs|quelque chose|something|everything|tout|un peu|a little|better|mieux)\b"
)
_OBJECT_LEAD = re.compile(
    r"\s*(?:(?:the|our|a|an|its|their|your|this|le|la|les|l|un|une|notre|nos|votre|vos|leur|leurs|ce|cette|"
    r"ces|son|sa|ses|new|nouveau|nouvelle|nouveaux|nouvelles|first|premier|premiere|all|toutes|tous|tout|"
    r"toute)\s+)*"
)
_OUTCOME_OBJECT = re.compile(
    r"(?:[a-z-]+\s+){0,2}(?:growth|croissance|performance|value|valeur|revenue|sales|"
    r"ventes|chiffre|profit|margin|marge|roi|impact)s?"
)
# Where the object's head noun phrase stops: a preposition, or the end.
_HEAD_STOP = re.compile(
    r"\s(?:sur|on|in|at|dans|aupres|across|for|pour|with|avec|au|aux|a|among|parmi|chez)\s|$"
)
_PREPOSITION = {
    "fr": re.compile(r"(?:en|a|au|aux|sur|dans|avec|pour|par|et|ou)\b"),
    "en": re.compile(r"(?:in|on|at|with|for|into|to|from|about|and|or|up|out)\b"),
}
_COMPOUND_NOUN = re.compile(r"\s+(?:rate|rates|time|times|ups|date|score|results?|taux)\b")
_GET_DONE = re.compile(
    r"\b(?:get|got|have|faire)\s+(?:[a-z0-9&'-]+\s+){1,6}?(?:live|done|shot|edited|uploaded|published|"
    r"approved|signed|translated|delivered|built|launched|fixed|finished|completed|ready|out|online|"
    r"printed|reprinted|redone|listed|indexed|verified|installed|recorded|written|designed|redesigned|"
    r"produced|filmed|sent|shipped|tested|"
    r"imprimes|imprimees|installe|installes|installee|installees|traduit|traduits|traduites|"
    r"en ligne|valide|valides|validee|validees|livre|livres|livree|livrees)\b"
)
_STORES = (
    r"(?:app\s+store|apple\s+store|play\s+store|google\s+play|google\s+maps|google\s+business(?:\s+profile)?|"
    r"amazon|etsy|the\s+shelves|shelves|rayons|les\s+rayons)"
)
# "Have the app in the App Store", "Put the shop on Google Maps": a placement that is done or not.
_PLACED = re.compile(
    r"\b(?:get|gets|getting|have|has|having|put|puts|putting|place|mettre|mettez|mettons|avoir)\s+"
    r"(?:[a-z0-9&'-]+\s+){1,6}?(?:in|on|into|onto|dans|sur|en)\s+(?:the\s+|l\s+|le\s+|la\s+)?"
    + _STORES
    + r"\b"
)
_STORE_WORD = re.compile(_STORES)
_OUT_THERE = re.compile(r"\s+there\b")
# "Grow our Instagram", "boost the TikTok": a change verb on a channel means its audience.
_CHANNEL = re.compile(
    r"(?:our|the|my|your|their|its|notre|nos|mon|ma|votre|leur)\s+(?:[a-z0-9-]+\s+)?(?:instagram|insta|tiktok|"
    r"linkedin|facebook|youtube|youtube channel|twitter|discord|pinterest|snapchat|twitch|threads|substack|"
    r"mailing list|email list|newsletter|podcast|chaine youtube|compte instagram|liste de diffusion)\b"
)
# A means ("cibler les 25-34 ans", "focus on students") whose purpose clause names the metric that changes.
_MEANS_VERB = re.compile(
    r"\s*(?:[-*]\s*)?(?:cibler|ciblez|ciblons|target|focus on|se concentrer sur|concentrons nous sur|"
    r"miser sur|misez sur|misons sur|leverage|tirer parti de|s appuyer sur|rely on)\b"
)
_PURPOSE_CHANGE = re.compile(r"\s*(?:pour|afin de|afin d|to|in order to|so as to)\s+(?P<v>[a-z]+)\b")
_NOMINAL_DELIVERABLE = re.compile(
    r"\s*(?:[-*]\s*)?(?:(?:mise\s+en\s+(?:place|ligne|production|service)|lancement|refonte|creation|"
    r"deploiement|migration|ouverture|publication|redaction|livraison|launch|rollout|roll\s+out|redesign|"
    r"implementation|delivery|go\s+live|release)(?:\s+(?:complete|totale|globale|full))?"
    r"\s+(?:of|du|de\s+la|des|de\s+l|d|de)\b|"
    r"(?:livrable|deliverable|deliver|livrer)\s*:)"
)
# English writes a deliverable as a noun phrase followed by its change or its done-state, and a cadence of
# artefacts as the artefact and its period: "Pricing page redesign in Q2", "New brochure site live by 3/31",
# "Agency brief + photo shoot wrapped by 7/15", "Customer webinar every month", « Webinar client tous les
# mois ».
_NOUN_PHRASE = r"\s*(?:[-*]\s*)?(?:[a-z0-9&'+-]+\s+){0,8}?"
_CHANGE_NOUNS = (
    "redesign", "relaunch", "rebrand", "overhaul", "revamp", "refresh", "rebuild", "rollout", "roll out",
    "migration", "go live", "launch", "upgrade",
)  # fmt: skip
_DONE_WORDS = (
    "live", "launched", "wrapped", "done", "shipped", "delivered", "published", "completed", "finished",
    "ready", "signed off", "approved", "in place", "up and running", "redone", "refreshed", "installed",
    "set up", "rolled out", "en ligne", "refait", "refaits", "refaite", "refaites", "installe", "installes",
    "installee", "installees", "boucle", "boucles", "bouclee", "bouclees", "livre", "livres", "livree",
    "livrees", "pret", "prets", "prete", "pretes", "termine", "termines", "terminee", "terminees", "finalise",
    "finalises", "finalisee", "finalisees",
)  # fmt: skip
_CADENCE_WORDS = ("every", "each", "tous les", "toutes les", "chaque")
_NOUN_THEN_CHANGE = re.compile(
    _NOUN_PHRASE + r"[a-z0-9&'-]+\s+(?P<k>" + words_regex(*_CHANGE_NOUNS, space=r"\s+") + r")"
    r"(?=\s*$|\s+(?:in|by|before|for|on|at|due|end|within)\b|[,.;:])"
)
_NOUN_THEN_DONE = re.compile(
    _NOUN_PHRASE + r"(?P<k>" + words_regex(*_DONE_WORDS, space=r"\s+") + r")"
    r"(?=\s*$|\s+(?:by|before|in|on|for|d\s+ici|avant|pour|au|le|fin|end)\b|[,.;:])"
)
_NOUN_THEN_CADENCE = re.compile(
    _NOUN_PHRASE + r"(?P<k>" + words_regex(*_CADENCE_WORDS, space=r"\s+") + r")\s+(?:day|week|month|quarter|"
    r"jours|semaines|mois|trimestres|semaine|trimestre)\b"
)
# One pass to tell whether any of the three can match (most statements hold none of their words).
_NOUN_THEN_KEY = re.compile(
    r"\b(?:" + words_regex(*_CHANGE_NOUNS, *_DONE_WORDS, *_CADENCE_WORDS, space=r"\s+") + r")\b"
)
_COUNT_WORD = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|un|une|deux|trois|quatre|cinq|six|sept|"
    r"huit|neuf|dix)"
)
_CADENCE_OUTPUT = re.compile(  # "Post on Instagram four times a week": a count of posts per period
    r"\b(?:post|posts|poster|postez|postons|publish|publier|publiez|publions|tweet|tweeter|blog|bloguer|"
    r"send|envoyer|envoyez|envoyons)\b(?:\s+[a-z0-9&-]+){0,5}?\s+"
    + _COUNT_WORD
    + r"\s+(?:times?|fois)\s+(?:a|per|par|each|chaque)\s+(?:day|week|month|jour|semaine|mois)\b"
)
_WORD_OUT = re.compile(r"\bword\s+out$")
_METRIC_STOP = re.compile(
    r"\s(?:by|from|to|de|d|du|a|within|in the next|for|dans|d ici|avant|before|until|on|sur|pour|en|of|at|"
    r"across|aupres|grace|is|est|are|sont|needs|doit|should|must|keeps|has|was)\s|[,;:]|\s\(|\s{3,}"
)
_OF_WORDS = frozenset(("de", "d", "of", "du"))
_HEADS_WITH_OF = frozenset(
    ("taux", "rate", "nombre", "number", "part", "share", "temps", "volume", "cout", "cost", "chiffre")
)
_STOP_AT = re.compile(r"[,;.(]|\s{3,}|\b(?:by|d ici|avant|before|within|sous|dans les|pour|to|afin|so)\b")
_STOP_SHORT = re.compile(r"[,;.(]|\s{3,}|\b(?:by|d ici|avant|before|within|pour|to|afin|so)\b")
_SPACES_DASH = re.compile(r"[\s-]+")
_TWO_WORDS_BEFORE = re.compile(r"(?:[a-z0-9-]+\s+){0,2}$")
_LEADING_WORDS = {
    "the", "our", "a", "an", "its", "their", "le", "la", "les", "l", "un", "une", "des", "du", "de",
    "d", "nos", "notre", "ses", "sa", "son", "ce", "cette", "ces", "average", "overall", "more",
    "plus", "davantage", "we", "nous", "it",
}  # fmt: skip
_TRAILING_WORDS = {
    "nettement", "fortement", "significativement", "sensiblement", "davantage", "encore", "plus", "more",
    "again", "a", "lot", "bit", "beaucoup", "vraiment", "up", "down", "further",
}  # fmt: skip
_STRIP = " ,;:.!?-–—\t\n()"


def _verbal(view: str, verbs: tuple[tuple[int, str], ...], lang: str) -> list[tuple[int, int, str]]:
    """The verb forms still visible in ``view`` and used as verbs: (start, end, form)."""
    found = []
    for start, form in verbs:
        end = start + len(form)
        if view[start:end] != form or _COMPOUND_NOUN.match(view, end):
            continue
        if is_verbal(view, start, form, lang):
            found.append((start, end, form))
    return found


def _change_verb(verbs: list[tuple[int, int, str]]) -> tuple[str, int, int] | None:
    for start, end, form in verbs:
        direction = verb_direction(form)
        if direction is not None:
            return direction, start, end
    return None


def _metric(view: str, verb: tuple[str, int, int] | None) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for pattern in (METRIC, REACH_NOUN):
        if pattern is REACH_NOUN and "reach" not in view:
            continue  # every match holds the word
        match = pattern.search(view)
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is not None:
        return best
    sell = _SELL_MORE.search(view) if "sell" in view or "vend" in view else None
    if sell is not None:
        return sell
    if verb is not None and verb[0] == "increase":
        channel = _CHANNEL.match(view, verb[2] + 1)
        if channel is not None:
            return channel
    for match in WEAK_COUNT.finditer(view):
        if ASPIRATION.match(view, match.end() + 1):
            continue  # "customer loyalty", "customer experience": the aspiration, not a count of customers
        before = view[max(0, match.start() - 40) : match.start()]
        if _MORE_BEFORE.search(before) or _PEOPLE_VERBS.search(before):
            return match
        after_verb = verb is not None and verb[0] in _INCREASE_LIKE and 0 <= match.start() - verb[2] <= 30
        if after_verb and verb is not None and _AFTER_VERB_WINDOW.fullmatch(view[verb[2] : match.start()]):
            return match
    return None


def _object_is_concrete(view: str, verb: tuple[int, int, str], target: TargetFound | None, lang: str) -> bool:
    rest = view[verb[1] : verb[1] + 80]
    stop = _STOP_AT.search(rest)
    obj = rest[: stop.start()] if stop else rest
    if not obj.strip() or _PREPOSITION["fr" if lang == "fr" else "en"].match(obj.strip()):
        return False  # "remettre en ordre de bataille", "créer et déployer …": no direct object here
    if _VAGUE_OBJECT.match(obj.strip()):
        return False
    lead = _OBJECT_LEAD.match(obj)
    head = obj[lead.end() if lead else 0 :]
    if not head.strip():
        return False
    stripped = head.strip()
    found = _HEAD_STOP.search(stripped)  # "$" always matches
    head_end = found.start() if found else len(stripped)
    phrase = head if "\n" in stripped[:head_end] else stripped[:head_end]
    if ASPIRATION.match(head.strip()) and not ARTIFACT.search(phrase[:40]):
        return False  # "build thought leadership", "présence sur les salons"; but "the loyalty program"
    short = len(phrase.split()) <= 2  # "developer love", not "a new logo and visual identity"
    last = ASPIRATION.search(phrase.strip()[-24:]) if lang == "en" and short else None
    if last is not None and last.end() == len(phrase.strip()[-24:]):
        return False  # "build developer love": the English head noun comes last
    if _OUTCOME_OBJECT.fullmatch(head.strip()) and target is None:
        return False  # "deliver double-digit growth", "livrer des résultats": an outcome, not a deliverable
    if DELIVERABLE_VERBS.get(_SPACES_DASH.sub(" ", verb[2])) in GENERIC_MAKERS:
        return ARTIFACT.search(obj) is not None or (target is not None and target.start >= verb[1])
    return True


def _deliverable(
    view: str, parse: Parse, verbs: list[tuple[int, int, str]], lang: str, target: TargetFound | None
) -> Span | None:
    for verb in verbs:
        if is_deliverable_verb(verb[2]) and _object_is_concrete(view, verb, target, lang):
            rest = view[verb[1] : verb[1] + 80]
            stop = _STOP_SHORT.search(rest)
            return verb[0], verb[1] + (stop.start() if stop else len(rest.rstrip()))
    done = None
    if "get" in view or "got" in view or "have" in view or "faire" in view:  # words every match holds
        done = _GET_DONE.search(view)
    if done is None and ("time" in view or "fois" in view):
        done = _CADENCE_OUTPUT.search(view)
    if done is None and _STORE_WORD.search(view):
        done = _PLACED.search(view)
    if done is not None and (_WORD_OUT.search(done.group(0)) or _OUT_THERE.match(view, done.end())):
        done = None  # "get the word out", "get my style out there": idioms, not deliverables
    if done:
        return done.start(), done.end()
    for start, end in parse.main_spans:
        nominal = _NOMINAL_DELIVERABLE.match(view, start)
        if nominal and nominal.end() < end:
            return start, end
        if not _NOUN_THEN_KEY.search(view, start, end):
            continue
        for pattern in (_NOUN_THEN_CHANGE, _NOUN_THEN_DONE, _NOUN_THEN_CADENCE):
            after = pattern.match(view, start, end)
            if after is None or any(start <= verb[0] < after.start("k") for verb in verbs):
                continue  # a verb before the noun phrase reads the goal ("grow subscribers every month")
            head = (start, after.start("k"))
            if ARTIFACT.search(view, *head) and not METRIC.search(view, *head):
                return start, after.end()  # "Pricing page redesign in Q2", "New brochure site live by 3/31"
    return None


def metric_phrase(prepared: Prepared, view: str, start: int, end: int) -> str | None:
    """The words naming the metric between ``start`` and ``end``, in the user's spelling."""
    window = view[start:end]
    cut = len(window)
    for stop in _METRIC_STOP.finditer(window):
        word = stop.group(0).strip()
        if stop.start() == 0:
            continue
        if word in _OF_WORDS:
            head = window[: stop.start()].split()
            if stop.start() < 4 or (head and head[-1] in _HEADS_WITH_OF):
                continue  # keep "taux de conversion", "cost of goods" whole
        cut = stop.start()
        break
    words = prepared.source(start, start + cut).split()
    while words and normalize(words[0]).strip(_STRIP) in _LEADING_WORDS:
        words.pop(0)
    while words and (
        words[-1].strip(_STRIP).endswith("ly") or normalize(words[-1]).strip(_STRIP) in _TRAILING_WORDS
    ):
        words.pop()
    phrase = " ".join(words).strip(_STRIP)
    return phrase or None


def _phrase_around(
    prepared: Prepared, view: str, match: re.Match[str], verb: tuple[str, int, int] | None
) -> str | None:
    """The metric's noun phrase: from after the change verb (or the phrase start) to the first stop."""
    start = match.start()
    if verb is not None and verb[2] <= start and start - verb[2] <= 40:
        start = verb[2]
    else:
        before = view[max(0, start - 25) : start]
        words = _TWO_WORDS_BEFORE.search(before)
        if words:
            start -= len(words.group(0))
    return metric_phrase(prepared, view, start, min(len(view), match.end() + 60))


def read(prepared: Prepared, parse: Parse, blank: Span | None) -> Reading:
    """Metric, deliverable, target and baseline of the main clause (``blank``: the deadline phrase)."""
    goal = parse.goal
    main = parse.main
    context = parse.view(parse.context_spans)
    if blank is not None:
        filler = " " * (blank[1] - blank[0])
        goal = goal[: blank[0]] + filler + goal[blank[1] :]
        main = main[: blank[0]] + filler + main[blank[1] :]
    lang = parse.lang
    verbs = _verbal(goal, parse.verbs, lang)
    verb = _change_verb(verbs)
    target = find_target(goal, lang=lang, verb=verb, context=context)
    metric = _metric(main, verb)
    deliverable = _deliverable(goal, parse, verbs, lang, target)
    phrase = None
    if metric is None and deliverable is None and target is None and _MEANS_VERB.match(main):
        purpose = _PURPOSE_CHANGE.match(
            parse.reason
        )  # "Cibler les 25-34 ans pour augmenter les installations"
        if purpose is not None and verb_direction(purpose.group("v")) in _INCREASE_LIKE:
            metric = METRIC.search(parse.reason, purpose.end("v"), purpose.end("v") + 50)
            if metric is not None:
                return Reading(
                    (metric.start(), metric.end()),
                    _phrase_around(prepared, parse.reason, metric, None),
                    None,
                    None,
                    baseline_only(goal, lang=lang, context=context),
                    None,
                )
    if metric is not None:
        phrase = _phrase_around(prepared, main, metric, verb)
    elif target is not None and target.baseline is None:
        phrase = metric_phrase(prepared, goal, target.end, min(len(goal), target.end + 60))
    baseline = target.baseline if target is not None else baseline_only(goal, lang=lang, context=context)
    return Reading(
        metric=(metric.start(), metric.end()) if metric else None,
        metric_phrase=phrase,
        deliverable=deliverable,
        target=target,
        baseline=baseline,
        verb=verb,
    )
