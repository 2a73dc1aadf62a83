"""Match a KPI named in the user's words to a known metric, in French or English.

"taux d'ouverture des newsletters", "Open rates" and "Réduire l'abandon de panier" are compared with
each metric's synonyms after normalisation: case and accents ignored, apostrophes and hyphens as
spaces, plurals folded ("paniers" = "panier", "canaux" = "canal"), a few compounds joined ("e-mail" =
"email"), small words dropped. Words weigh by how rare they are among all synonyms, so "abandon"
counts more than "taux". A synonym scores by the share of its words found in the text (a close
misspelling, or another form of the word, "fidéliser" for "fidélisation", earns part of the credit)
and by the share of the text's known words it explains; the best synonym gives the metric's score. A
metric's opposites ("inactive customers" for the reactivation rate) match it too, and say so. Between
two full matches the one named first wins (an objective names its KPI, then qualifies it: "repeat
purchases among first-time buyers").

The match carries a confidence (lowered when two metrics are nearly tied), the synonym that won, the
runners-up, and a device named in the text ("mobile", "ordinateur"). A user correction, keyed by
:func:`phrase_key`, overrides everything with confidence 1. Pure functions; no I/O.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from jalon.engines.memo import Memo
from jalon.engines.smart_text import normalize

__all__ = [
    "MatchSource",
    "MetricCandidate",
    "MetricEntry",
    "MetricIndex",
    "MetricMatch",
    "content_words",
    "phrase_key",
    "stem",
    "subject_words",
]

# fmt: off
_STOP_WORDS = frozenset((
    "de", "du", "des", "la", "le", "les", "l", "d", "un", "une", "au", "aux", "a", "en", "et", "ou",
    "par", "pour", "sur", "dans", "avec", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "leur",
    "leurs", "son", "sa", "ses", "ce", "cet", "cette", "ces", "qui", "que", "se", "sans",
    "the", "of", "an", "and", "or", "for", "on", "in", "to", "by", "with", "our", "my", "your",
    "their", "its", "per", "at", "from", "is", "are",
))
# fmt: on
# Verbs that say nothing of the subject, in their common forms (accents and case aside): « Faire connaître la
# marque » is about the brand being known, not about « faire », which a tactic « Faire parler les clients »
# shares with it by chance; likewise make, do, get, have, be. They stay in a KPI's name as the user wrote it
# (``content_words``, ``phrase_key``: a correction stays keyed as it was), and drop out of the words that
# rank the playbook (``subject_words``). Each form is folded as ``stem`` folds a word, and none folds onto a
# word of the playbook that carries a subject (a test holds it); « été » is left out, the summer of « soldes
# d'été » being a subject.
# fmt: off
CONTENT_FREE_VERB_FORMS = (
    "faire", "fais", "fait", "faite", "faites", "font", "faisons", "faisant",
    "rendre", "rend", "rendent", "rendu", "rendue", "mettre", "met", "mettent", "mis", "mise",
    "avoir", "avons", "avez", "ont", "eu", "etre", "suis", "est", "sommes", "etes", "sont",
    "aller", "va", "vont", "allons", "pouvoir", "peut", "peuvent", "devoir", "doit", "doivent",
    "permettre", "permet", "permettent",
    "make", "makes", "making", "made", "do", "does", "doing", "did", "done", "get", "gets", "getting",
    "got", "gotten", "have", "has", "having", "had", "be", "being", "been", "was", "were", "let", "lets",
    "letting", "put", "puts", "putting", "go", "goes", "going", "went", "gone", "take", "takes", "taking",
    "took", "taken", "can", "could", "will", "would", "should", "must", "might", "shall",
)
# fmt: on
_COMPOUNDS = (
    (re.compile(r"\be[\s-]?mails?\b"), "email"),
    (re.compile(r"\bcourriels?\b"), "email"),
    (re.compile(r"\be[\s-]?commerce\b"), "ecommerce"),
    (re.compile(r"\bpop[\s-]?ups?\b"), "popup"),
    (re.compile(r"\bopt[\s-]?ins?\b"), "optin"),
    (re.compile(r"\bopt[\s-]?outs?\b"), "optout"),
    (re.compile(r"\bwin[\s-]?backs?\b"), "winback"),
    (re.compile(r"\bsign[\s-]?ups?\b"), "signup"),
    (re.compile(r"\bclick\s*(?:[\s-]and[\s-]|&|[\s-]n[\s-])\s*collect\b"), "clickandcollect"),
    (re.compile(r"\bweb[\s-]to[\s-]store\b"), "webtostore"),
    (re.compile(r"\bre[\s-]?achats?\b"), "reachat"),
)
# Abbreviations that are a KPI only in capitals: « le CA » is the revenue, « ça » (folded to "ca") is "that"
_CAPITALS = ((re.compile(r"\bCA\b"), "chiffre d'affaires"),)
_TOKEN = re.compile(r"[a-z0-9]+")
# Words that name a metric in one language and something else in the other: the English "turnover" is
# revenue, the French « turnover » is staff leaving (« le turnover des vendeurs »). In a text whose small
# words say it is in the other language, the word names no metric.
_LANGUAGE_BOUND: Mapping[str, str] = {"turnover": "en"}
# fmt: off
_FRENCH_SMALL_WORDS = frozenset((
    "le", "la", "les", "des", "du", "de", "un", "une", "et", "au", "aux", "nos", "notre", "sur", "pour",
    "dans", "avec", "par", "en",
))
_ENGLISH_SMALL_WORDS = frozenset((
    "the", "of", "our", "and", "in", "for", "to", "by", "with", "on", "from", "a", "an", "at",
))
# fmt: on
_DEVICE_WORDS: Mapping[str, str] = {
    "mobile": "mobile",
    "smartphone": "mobile",
    "desktop": "desktop",
    "ordinateur": "desktop",
    "computer": "desktop",
    "tablet": "tablet",
    "tablette": "tablet",
}
_FUZZY_MIN_LENGTH = 5
_FUZZY_MIN_RATIO = 0.84
_PREFIX_CREDIT = 0.9
# two forms of one word ("fidéliser", "fidélisation"; "convertir", "conversion"): a long shared beginning,
# all but the last few letters of the shorter, and lengths close ("delivery" is not "deliverability")
_ROOT_MIN = 6
_ROOT_ENDING = 3
_ROOT_LENGTH_GAP = 4
_ROOT_CREDIT = 0.85
_EARLY_BONUS = 0.15
_CONTIGUOUS_BONUS = 0.03
_BEST_SCORE = 1.0 + _CONTIGUOUS_BONUS + _EARLY_BONUS
_SEEN_LIMIT = 4096
_TIE_MARGIN = 0.05
_TIE_PENALTY = 0.85


class MatchSource(StrEnum):
    SYNONYM = "synonym"
    CORRECTION = "correction"


@dataclass(frozen=True)
class MetricEntry:
    """A metric as the matcher sees it: its id, its synonyms in every language, which way is good."""

    id: str
    phrases: tuple[str, ...]
    better: Literal["higher", "lower"] = "higher"
    related: tuple[str, ...] = ()
    # names of the opposite quantity ("inactive customers" for the reactivation rate): matched like the
    # synonyms, the match says so (``MetricMatch.opposite``) and the objective's change reads the other way
    opposites: tuple[str, ...] = ()


@dataclass(frozen=True)
class MetricCandidate:
    metric_id: str
    score: float
    phrase: str
    opposite: bool = False


@dataclass(frozen=True)
class MetricMatch:
    """``confidence`` is 0 to 1; ``phrase`` is the synonym that matched (the correction's text for a
    correction); ``alternatives`` are the next best metrics, for a person to pick another."""

    metric_id: str
    confidence: float
    phrase: str
    source: MatchSource = MatchSource.SYNONYM
    alternatives: tuple[MetricCandidate, ...] = ()
    device: str | None = None
    ambiguous: bool = False
    opposite: bool = False  # ``phrase`` names the metric's opposite ("inactive customers")


def stem(word: str) -> str:
    """Fold French and English plurals: "paniers" -> "panier", "canaux" -> "canal", "rates" -> "rate"."""
    if len(word) <= 3:
        return word
    if word.endswith("aux"):
        return word[:-3] + "al" if len(word) > 4 else word  # "canaux" -> "canal"; "taux" stays
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("s", "x")) and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """The normalised, stemmed words of ``text`` that carry meaning, in order."""
    for pattern, replacement in _CAPITALS:
        text = pattern.sub(replacement, text)
    norm = normalize(text)
    for pattern, replacement in _COMPOUNDS:
        norm = pattern.sub(replacement, norm)
    return [stem(word) for word in _TOKEN.findall(norm) if word not in _STOP_WORDS]


def _language(words: Sequence[str]) -> str | None:
    """ "fr" or "en" when the small words of a text say which, else None (too short, or mixed)."""
    french = sum(word in _FRENCH_SMALL_WORDS for word in words)
    english = sum(word in _ENGLISH_SMALL_WORDS for word in words)
    if french == english:
        return None
    return "fr" if french > english else "en"


def _meant_words(text: str) -> list[str]:
    """The content words a KPI is matched on: a word that means a metric in one language only
    (``_LANGUAGE_BOUND``) is dropped from a text written in the other."""
    words = [w for w in content_words(text) if w not in _DEVICE_WORDS]
    language = _language(_TOKEN.findall(normalize(text)))
    return [w for w in words if _LANGUAGE_BOUND.get(w, language) == language or language is None]


CONTENT_FREE_VERBS = frozenset(stem(form) for form in CONTENT_FREE_VERB_FORMS)


def subject_words(text: str) -> list[str]:
    """The content words of ``text`` that say what it is about: without the verbs that say nothing of it
    (``CONTENT_FREE_VERBS``). What the advisor ranks the playbook by."""
    return [word for word in content_words(text) if word not in CONTENT_FREE_VERBS]


def phrase_key(text: str) -> str:
    """The key under which a user's correction of ``text`` is stored: its content words."""
    return " ".join(content_words(text))


@dataclass(frozen=True)
class _Phrase:
    metric_id: str
    text: str
    words: tuple[str, ...]
    weight: float = 0.0
    opposite: bool = False


@dataclass(frozen=True)
class MetricIndex:
    """Synonyms cut into words once, with each word's weight; build with :meth:`build`."""

    metrics: Mapping[str, MetricEntry]
    phrases: tuple[_Phrase, ...]
    weights: Mapping[str, float] = field(default_factory=dict)
    long_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # for each word, the synonyms that contain it: only those are scored
    phrases_with: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # the candidates of texts already seen (a page matches the same KPI names again and again)
    _seen: Memo[str, tuple[MetricCandidate, ...]] = field(
        default_factory=lambda: Memo(_SEEN_LIMIT), repr=False, compare=False
    )
    _near_words: Memo[str, tuple[tuple[str, float], ...]] = field(
        default_factory=lambda: Memo(_SEEN_LIMIT), repr=False, compare=False
    )

    @classmethod
    def build(cls, metrics: Iterable[MetricEntry]) -> MetricIndex:
        by_id = {metric.id: metric for metric in metrics}
        phrases = tuple(
            _Phrase(metric.id, text, tuple(dict.fromkeys(content_words(text))), opposite=opposite)
            for metric in by_id.values()
            for opposite, texts in ((False, metric.phrases), (True, metric.opposites))
            for text in texts
        )
        metrics_with: dict[str, set[str]] = {}
        for phrase in phrases:
            for word in phrase.words:
                metrics_with.setdefault(word, set()).add(phrase.metric_id)
        total = max(len(by_id), 1)
        weights = {word: math.log(1.0 + total / len(ids)) for word, ids in metrics_with.items()}
        long_words: dict[str, list[str]] = {}
        for word in sorted(weights):
            if len(word) >= _FUZZY_MIN_LENGTH:
                long_words.setdefault(word[0], []).append(word)
        kept = tuple(
            _Phrase(p.metric_id, p.text, p.words, sum(weights[w] for w in p.words), p.opposite)
            for p in phrases
            if p.words
        )
        phrases_with: dict[str, list[int]] = {}
        for position, phrase in enumerate(kept):
            for word in phrase.words:
                phrases_with.setdefault(word, []).append(position)
        return cls(
            metrics=by_id,
            phrases=kept,
            weights=weights,
            long_words={letter: tuple(words) for letter, words in long_words.items()},
            phrases_with={word: tuple(positions) for word, positions in phrases_with.items()},
        )

    def candidates(self, text: str) -> tuple[MetricCandidate, ...]:
        """Every metric with a score above zero, best first (ties by id)."""
        seen = self._seen.get(text)
        return self._seen.remember(text, self._rank(text)) if seen is None else seen

    def _rank(self, text: str) -> tuple[MetricCandidate, ...]:
        words = _meant_words(text)
        found = self._resolve(words)
        if not found:
            return ()
        raw: dict[str, tuple[float, _Phrase]] = {}
        positions = sorted({p for word in found for p in self.phrases_with.get(word, ())})
        for phrase in (self.phrases[p] for p in positions):
            score = self._score(phrase, words, found)
            current = raw.get(phrase.metric_id)
            if score > 0 and (current is None or score > current[0]):
                raw[phrase.metric_id] = (score, phrase)
        ranked = sorted(raw.items(), key=lambda item: (-item[1][0], item[0]))
        return tuple(MetricCandidate(m, round(score, 6), p.text, p.opposite) for m, (score, p) in ranked)

    def match(
        self, text: str, *, corrections: Mapping[str, str] | None = None, minimum: float = 0.5
    ) -> MetricMatch | None:
        """The metric ``text`` names, or None when no metric reaches ``minimum`` confidence."""
        device = _device(text)
        corrected = (corrections or {}).get(phrase_key(text))
        if corrected is not None and corrected in self.metrics:
            return MetricMatch(corrected, 1.0, text.strip(), MatchSource.CORRECTION, device=device)
        ranked = self.candidates(text)
        if not ranked:
            return None
        top, others = ranked[0], ranked[1:4]
        ambiguous = bool(others) and others[0].score >= top.score - _TIE_MARGIN
        confidence = top.score * (_TIE_PENALTY if ambiguous else 1.0)
        if confidence < minimum:
            return None
        return MetricMatch(
            top.metric_id,
            round(confidence, 4),
            top.phrase,
            alternatives=others,
            device=device,
            ambiguous=ambiguous,
            opposite=top.opposite,
        )

    def _resolve(self, words: Sequence[str]) -> dict[str, float]:
        """Each text word as synonym words with their credit: 1 when spelt the same; for a long word
        not in any synonym, part credit for a close spelling ("abandonement" for "abandonment"), a
        shared stem ("abandonnement" starts with "abandon") or a lost apostrophe ("douverture")."""
        found: dict[str, float] = {}
        for word in words:
            for known, credit in self._near(word):
                if credit > found.get(known, 0.0):
                    found[known] = credit
        return found

    def _near(self, word: str) -> tuple[tuple[str, float], ...]:
        """The synonym words ``word`` stands for, with their credit (remembered per word)."""
        if word in self.weights:
            return ((word, 1.0),)
        if len(word) < _FUZZY_MIN_LENGTH:
            return ()
        if word[0] in "dl" and word[1:] in self.weights:  # an elision typed without its apostrophe
            return ((word[1:], _PREFIX_CREDIT),)
        remembered = self._near_words.get(word)
        if remembered is not None:
            return remembered
        near: list[tuple[str, float]] = []
        matcher = difflib.SequenceMatcher(None, b=word)  # word's index is built once for all comparisons
        for known in self.long_words.get(word[0], ()):
            if word.startswith(known) or known.startswith(word):
                near.append((known, _PREFIX_CREDIT))
                continue
            if _same_root(word, known):
                near.append((known, _ROOT_CREDIT))
                continue
            if 2 * min(len(word), len(known)) < _FUZZY_MIN_RATIO * (len(word) + len(known)):
                continue  # the lengths alone rule it out
            matcher.set_seq1(known)
            if matcher.quick_ratio() >= _FUZZY_MIN_RATIO and (ratio := matcher.ratio()) >= _FUZZY_MIN_RATIO:
                near.append((known, ratio))
        return self._near_words.remember(word, tuple(near))

    def _score(self, phrase: _Phrase, words: Sequence[str], found: Mapping[str, float]) -> float:
        weight = self.weights
        coverage = sum(weight[w] * found.get(w, 0.0) for w in phrase.words) / phrase.weight
        if coverage <= 0:
            return 0.0
        explained = sum(weight[w] for w in found if w in phrase.words) / sum(weight[w] for w in found)
        score = coverage * coverage * (0.85 + 0.15 * explained)
        if coverage == 1.0 and _contiguous(phrase.words, words):
            score += _CONTIGUOUS_BONUS
        # An objective names its KPI first and qualifies it after ("grow repeat purchases among
        # first-time buyers"): between two full matches, the earlier one wins.
        start = next((i for i, w in enumerate(words) if w in phrase.words), len(words))
        score += _EARLY_BONUS * (1 - start / max(len(words), 1))
        return score / _BEST_SCORE  # 1 for a synonym that is the whole text


def _same_root(word: str, known: str) -> bool:
    if abs(len(word) - len(known)) > _ROOT_LENGTH_GAP:
        return False
    shorter = min(len(word), len(known))
    shared = next((i for i in range(shorter) if word[i] != known[i]), shorter)
    return shared >= max(_ROOT_MIN, shorter - _ROOT_ENDING)


def _contiguous(needle: Sequence[str], haystack: Sequence[str]) -> bool:
    size = len(needle)
    return any(tuple(haystack[i : i + size]) == tuple(needle) for i in range(len(haystack) - size + 1))


def _device(text: str) -> str | None:
    for word in content_words(text):
        if word in _DEVICE_WORDS:
            return _DEVICE_WORDS[word]
    return None
