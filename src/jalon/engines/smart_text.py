"""Text helpers for the SMART coach: normalisation, spelling repair, language, verb forms, tries.

Every pattern works on the *normalised* statement: lower case, accents removed, apostrophes and unusual
spaces turned into plain spaces. Normalisation maps each character to exactly one character. Spelling
repair ("chrun" → "churn", "aquisition" → "acquisition") may change lengths, so a repaired text keeps,
for each of its characters, the position it came from in the original statement (``Prepared.origin``):
every span found in the repaired text can be quoted in the user's own spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jalon.engines.memo import Memo

__all__ = [
    "Prepared",
    "SpellFixer",
    "detect_language",
    "en_forms",
    "fr_forms",
    "normalize",
    "word_set",
    "words_regex",
]


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char.lower())[:1]
        if base and base.isascii() and base.isalpha():
            table[code] = base
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for char in "'’‘`´ʼ":
        table[ord(char)] = " "
    for char in "\u00a0\u202f\u2009\u2007\t\n\r":
        table[ord(char)] = " "
    for char in "‐‑‒–—\u2212":
        table[ord(char)] = "-"
    for char in "«»“”":
        table[ord(char)] = " "
    table[ord("œ")] = "o"
    table[ord("Œ")] = "o"
    table[ord("æ")] = "a"
    table[ord("→")] = ">"
    table[ord("•")] = "-"
    # Characters that stay as they are, listed too: ``str.translate`` on a non-ASCII text raises and
    # clears a KeyError for every character its table lacks, which made normalising French slow.
    for char in (*map(chr, range(0x0250)), "€", "…", "°", "²", "³", "×", "№", "™", "®", "©"):
        table.setdefault(ord(char), char)
    return table


_TABLE = _build_table()


_SHORT_YEAR = re.compile(r"(?<=[qtsh][1-4])\s(?=\d\d\b)")


def normalize(text: str) -> str:
    """Lower case, accents stripped, apostrophes and odd spaces as spaces; same length as ``text``.

    A year written after a quarter with an apostrophe ("Q1'27") keeps a mark: "q1/27".
    """
    out = text.translate(_TABLE)
    if len(out) != len(text):
        return text.lower()
    if "'" in text or "’" in text:
        for match in _SHORT_YEAR.finditer(out):
            if text[match.start()] in "'’":
                out = out[: match.start()] + "/" + out[match.end() :]
    return out


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list (compact lexicons)."""
    return frozenset(text.split())


def words_regex(*phrases: str, space: str = r"[\s-]+") -> str:
    """A regex alternation of phrases where a space matches ``space`` (spaces or a hyphen by default).

    Built as a trie (alternatives grouped by shared prefix) because Python's ``re`` tries every branch of a
    flat alternation at every position; the trie keeps the coach fast. It matches what the flat alternation
    ``longest|…|shortest`` matches: where two phrases match at one position, the longer is tried first.
    """
    trie: dict[str, Any] = {}
    for phrase in set(phrases):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie, space)


def _trie_regex(node: dict[str, Any], space: str) -> str:
    ends = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        head = space if char == " " else re.escape(char)
        branches.append(head + _trie_regex(node[char], space))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


# --- verb forms ------------------------------------------------------------------------------------

_EN_DOUBLE = re.compile(r"(?:^|[^aeiou])[aeiou][bdgmnprt]$")


def en_forms(phrase: str) -> list[str]:
    """Base, third person and -ing forms of an English verb phrase (the first word is conjugated).

    Past forms are left out on purpose: objectives are written in the base form, the imperative, the
    future ("will launch") or "to launch"; "the pages we redesigned" describes, it does not aim.
    """
    head, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    third = head + ("es" if head.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    if head.endswith("y") and head[-2:-1] not in ("a", "e", "o", "u"):
        third = head[:-1] + "ies"
    if head.endswith("ie"):
        ing = head[:-2] + "ying"
    elif head.endswith("e") and not head.endswith(("ee", "ye", "oe")):
        ing = head[:-1] + "ing"
    elif _EN_DOUBLE.search(head) and len(head) <= 4:
        ing = head + head[-1] + "ing"
    else:
        ing = head + "ing"
    return [head + tail, third + tail, ing + tail]


_FR_IRREGULAR: dict[str, tuple[str, ...]] = {
    "faire": ("fais", "fait", "faisons", "faites", "font", "fera", "ferons", "feront"),
    "mettre": ("mets", "met", "mettons", "mettez", "mettent", "mettra", "mettrons", "mettront", "mis"),
    "prendre": ("prends", "prend", "prenons", "prenez", "prennent", "prendra", "prendront", "pris"),
    "atteindre": ("atteins", "atteint", "atteignons", "atteignez", "atteignent", "atteindra", "atteindront"),
    "accroitre": ("accrois", "accroit", "accroissons", "accroissez", "accroissent", "accroitra"),
    "obtenir": ("obtiens", "obtient", "obtenons", "obtenez", "obtiennent", "obtiendra", "obtenu"),
    "maintenir": ("maintiens", "maintient", "maintenons", "maintenez", "maintiennent", "maintiendra"),
    "tenir": ("tiens", "tient", "tenons", "tenez", "tiennent", "tiendra", "tiendrons"),
    "retenir": ("retiens", "retient", "retenons", "retenez", "retiennent", "retiendra"),
    "devenir": ("deviens", "devient", "devenons", "devenez", "deviennent", "deviendra"),
    "conquerir": ("conquiers", "conquiert", "conquerons", "conquerez", "conquierent", "conquerra", "conquis"),
    "reconquerir": ("reconquiers", "reconquiert", "reconquerons", "reconquerez", "reconquerra"),
    "ouvrir": ("ouvre", "ouvres", "ouvrons", "ouvrez", "ouvrent", "ouvrira", "ouvriront", "ouvert"),
    "offrir": ("offre", "offrons", "offrez", "offrent", "offrira"),
    "recueillir": ("recueille", "recueillons", "recueillez", "recueillent", "recueillera"),
    "ecrire": ("ecris", "ecrit", "ecrivons", "ecrivez", "ecrivent", "ecrira"),
    "produire": ("produis", "produit", "produisons", "produisez", "produisent", "produira"),
    "reduire": ("reduis", "reduit", "reduisons", "reduisez", "reduisent", "reduira", "reduiront"),
    "construire": ("construis", "construit", "construisons", "construisez", "construisent", "construira"),
    "conduire": ("conduis", "conduit", "conduisons", "conduisez", "conduisent", "conduira"),
    "vendre": ("vends", "vend", "vendons", "vendez", "vendent", "vendra", "vendrons", "vendu"),
    "rendre": ("rends", "rend", "rendons", "rendez", "rendent", "rendra"),
    "etendre": ("etends", "etend", "etendons", "etendez", "etendent", "etendra"),
    "descendre": ("descends", "descend", "descendons", "descendez", "descendent", "descendra"),
    "remettre": ("remets", "remet", "remettons", "remettez", "remettent", "remettra"),
    "promouvoir": ("promeus", "promeut", "promouvons", "promouvez", "promeuvent", "promouvra"),
    "refaire": ("refais", "refait", "refaisons", "refaites", "refont", "refera"),
    "soumettre": ("soumets", "soumet", "soumettons", "soumettez", "soumettent", "soumettra"),
    "sortir": ("sors", "sort", "sortons", "sortez", "sortent", "sortira"),
    "battre": ("bats", "bat", "battons", "battez", "battent", "battra"),
    "rejoindre": ("rejoins", "rejoint", "rejoignons", "rejoignez", "rejoignent", "rejoindra"),
}
_FR_SECOND_GROUP = {
    "finir", "definir", "etablir", "convertir", "investir", "reussir", "garantir", "enrichir", "elargir",
    "grossir", "grandir", "ralentir", "choisir", "saisir", "fournir", "remplir", "accomplir", "agrandir",
    "reagir", "reflechir", "bondir", "rajeunir", "unifier", "blanchir", "fleurir",
}  # fmt: skip


def fr_forms(phrase: str) -> list[str]:
    """Infinitive, present, imperative, future and participle forms of a French verb phrase.

    Accents are already stripped by ``normalize``; the first word of the phrase is conjugated.
    """
    head, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {head}
    if head in _FR_IRREGULAR:
        forms.update(_FR_IRREGULAR[head])
    elif head in _FR_SECOND_GROUP:
        stem = head[:-2]
        forms.update(stem + end for end in ("is", "it", "issons", "issez", "issent", "ira", "iront", "i"))
    elif head.endswith("er"):
        stem = head[:-2]
        soft = stem + ("e" if stem.endswith("g") else "")
        forms.update(stem + end for end in ("e", "es", "ent", "ez", "ee", "ees", "era", "eront", "erons"))
        forms.update((soft + "ons", stem + "erez", stem + "erai"))
    return [form + tail for form in forms]


# --- language --------------------------------------------------------------------------------------

_FR_WORDS = word_set(
    "le la les des du de d l et en pour afin avec nos notre sur dans est une un au aux qui que ce "
    "cette ici fin plus par nous je on vos votre leur leurs son sa ses mois jours semaines annee "
    "exercice trimestre taux nombre ventes clients chiffre affaires d ici avant apres"
)
_EN_WORDS = word_set(
    "the and of to by our in for with is we on from this that at be end more it its their your my "
    "year month months weeks days quarter rate number sales customers revenue within before after "
    "will should"
)


def detect_language(norm: str, hint: str | None = None) -> str:
    """``fr`` or ``en`` from the function words of a normalised statement; ``hint`` breaks ties."""
    words = norm.split()
    fr = sum(map(_FR_WORDS.__contains__, words))
    en = sum(map(_EN_WORDS.__contains__, words))
    if fr == en or (abs(fr - en) < 2 and min(fr, en) > 0):
        return hint if hint in ("fr", "en") else ("fr" if fr >= en else "en")
    return "fr" if fr > en else "en"


# --- spelling repair ------------------------------------------------------------------------------


def _osa_distance_is_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or transposition.

    A substitution only counts in words of seven letters or more: in shorter words it too often turns a
    real word into another one ("cours" / "couts", "parti" / "parts").
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return len(a) >= 7
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


_MEMO_SIZE = 20_000  # words remembered by a fixer (their answers never change); emptied when full


class SpellFixer:
    """Repairs one-letter slips in a closed vocabulary (lexicon words of five letters or more).

    A word is repaired only when it is unknown (neither in the vocabulary nor in the known words), keeps
    its first letter, and is one edit away from exactly one vocabulary word. The index holds every word
    and every word with one letter deleted (the symmetric-delete method), so a lookup costs a few dict
    probes per word.
    """

    def __init__(
        self, vocabulary: Iterable[str], known: Iterable[str], same: Iterable[tuple[str, ...]] = ()
    ) -> None:
        self._same = {word: group[0] for group in same for word in group}
        self._targets = frozenset(word for word in vocabulary if len(word) >= 5 and word.isalpha())
        self._known = frozenset(known) | self._targets
        index: dict[str, set[str]] = {}
        for word in self._targets:
            index.setdefault(word, set()).add(word)
            for i in range(len(word)):
                index.setdefault(word[:i] + word[i + 1 :], set()).add(word)
        self._index = {key: tuple(sorted(value)) for key, value in index.items()}
        self._memo: Memo[str, str | None] = Memo(_MEMO_SIZE)

    @property
    def known(self) -> frozenset[str]:
        return self._known

    def fix(self, word: str) -> str | None:
        """The vocabulary word ``word`` is a slip of, or None (remembered per word: the answer is fixed)."""
        try:
            return self._memo[word]
        except KeyError:
            pass
        return self._memo.remember(word, self._fix(word))

    def _fix(self, word: str) -> str | None:
        if len(word) < 5 or word in self._known or not word.isalpha():
            return None
        if word.endswith("que") and word[:-3] + "c" in self._targets:
            return word[:-3] + "c"  # French "trafique" for "trafic"
        index = self._index
        found: set[str] = set(index.get(word, ()))
        for i in range(len(word)):
            hit = index.get(word[:i] + word[i + 1 :])
            if hit:
                found.update(hit)
        if not found:
            return None
        first = word[0]
        candidates = sorted(c for c in found if c[0] == first and _osa_distance_is_one(word, c))
        if len({self._same.get(c, c) for c in candidates}) == 1:
            return candidates[0]  # one word, or words that mean the same ("octobre", "october")
        return None


_LONG_WORD = re.compile(r"[a-z]{5,}")


@dataclass(frozen=True)
class Prepared:
    """A statement ready to read: normalised, spelling repaired, and mapped back to the original."""

    original: str
    text: str
    origin: tuple[int, ...]  # origin[i]: index in ``original`` of text[i]; one extra entry for the end

    @classmethod
    def of(cls, statement: str, fixer: SpellFixer | None = None) -> Prepared:
        norm = normalize(statement)
        if fixer is None:
            return cls(statement, norm, tuple(range(len(norm) + 1)))
        fixable = {
            word for word in set(_LONG_WORD.findall(norm)) - fixer.known if fixer.fix(word) is not None
        }
        if not fixable:  # the usual case: nothing to repair, the text maps to itself
            return cls(statement, norm, tuple(range(len(norm) + 1)))
        unknown = [m for m in _LONG_WORD.finditer(norm) if m.group(0) in fixable]
        parts: list[str] = []
        origin: list[int] = []
        last = 0
        for match in unknown:
            fixed = fixer.fix(match.group(0))
            if fixed is None:
                continue
            parts.append(norm[last : match.start()])
            origin.extend(range(last, match.start()))
            parts.append(fixed)
            width = match.end() - match.start()
            origin.extend(match.start() + min(i, width - 1) for i in range(len(fixed)))
            last = match.end()
        if not parts:
            return cls(statement, norm, tuple(range(len(norm) + 1)))
        parts.append(norm[last:])
        origin.extend(range(last, len(norm) + 1))
        return cls(statement, "".join(parts), tuple(origin))

    def source(self, start: int, end: int) -> str:
        """The original wording of ``text[start:end]``."""
        if end <= start:
            return ""
        return self.original[self.origin[start] : self.origin[end - 1] + 1]

    def at(self, position: int) -> int:
        """Index in the original statement of ``text[position]`` (the end maps to the end)."""
        return self.origin[min(max(position, 0), len(self.origin) - 1)]
