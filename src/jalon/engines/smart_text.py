"""Text helpers for the SMART coach: normalisation, clauses and the FR/EN lexicons.

Every pattern works on the *normalised* statement: lower case, accents removed, apostrophes
and unusual spaces turned into plain spaces. Normalisation maps each character to exactly one
character, so a span found in the normalised text is the same span in the original text (used to
quote the metric in the user's own spelling).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Clauses",
    "business_reason",
    "deliverable",
    "direction_verb",
    "has_metric",
    "normalize",
    "split_clauses",
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
    for char in "‐‑‒–—":
        table[ord(char)] = "-"
    table[ord("«")] = " "
    table[ord("»")] = " "
    table[ord("“")] = " "
    table[ord("”")] = " "
    table[ord("œ")] = "o"
    table[ord("Œ")] = "o"
    table[ord("æ")] = "a"
    return table


_TABLE = _build_table()


def normalize(text: str) -> str:
    """Lower case, accents stripped, apostrophes and odd spaces as spaces; same length as ``text``."""
    out = text.translate(_TABLE)
    return out if len(out) == len(text) else text.lower()


def _words(*phrases: str) -> str:
    """A regex alternation of phrases where a space matches spaces or a hyphen.

    Built as a trie (alternatives grouped by shared prefix) because Python's ``re`` tries every
    branch of a flat alternation at every position; the trie keeps the coach fast.
    """
    trie: dict[str, Any] = {}
    for phrase in set(phrases):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        head = r"[\s-]+" if char == " " else re.escape(char)
        branches.append(head + _trie_regex(node[char]))
    if not branches:
        return ""
    # Longer continuations first, so "ventes" wins over "vente" before a word boundary check.
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


# --- reasons: where the "why" starts --------------------------------------------------------------

# fmt: off
_EN_REASON_VERBS = [
    "increase", "grow", "raise", "boost", "lift", "improve", "support", "win", "lower", "reduce", "cut",
    "protect", "drive", "deepen", "strengthen", "make", "avoid", "help", "spot", "bring", "gain",
    "acquire", "retain", "hit", "keep", "generate", "capture", "limit", "save", "attract", "convert",
    "recover", "secure", "fuel", "accelerate", "maximize", "maximise", "minimize", "minimise",
    "decrease", "prevent", "stop", "free", "unlock", "enable", "ensure", "offset", "recoup", "build",
    "expand", "reach", "meet", "feed", "sustain", "earn", "turn", "encourage", "lock", "engage",
    "reengage", "reactivate", "prove", "justify", "better", "achieve", "lift", "boost", "double",
    "halve", "defend", "nurture", "re-engage", "differentiate", "monetize", "monetise", "shorten",
    "speed", "stretch", "stay", "remain", "fill", "tap", "compete", "outperform", "beat", "exceed",
    "match", "fund", "pay", "safeguard", "position", "optimize", "optimise", "streamline", "grab",
    "lure", "turn", "push", "scale", "sharpen", "cross", "upsell", "contribute", "deliver", "lift",
    "raise", "sell", "serve", "drive", "give", "let", "open", "win",
]
# fmt: on
_EN_REASON = re.compile(
    r"(?:^|[\s,;:(])(?P<m>so that|so we can|so as to|so sales|so the|so our|so it|so|in order to|"
    r"because|as this|as it|since|which will|in a bid to|with the aim of|aiming to|"
    rf"to (?:{_words(*_EN_REASON_VERBS)}|re[a-z]{{3,}})|(?<=,\s)to(?=\s+[a-z]))(?=[\s,.;:!?]|$)"
)
# fmt: off
_FR_ARTICLES = [
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "nos", "notre", "vos", "votre", "leurs",
    "leur", "ce", "cette", "ces", "ses", "son", "sa", "mon", "ma", "mes", "tous", "toutes", "tout",
    "chaque",
]
# fmt: on
_FR_REASON = re.compile(
    r"(?:^|[\s,;:(])(?P<m>afin de|afin d|afin que|afin qu|parce que|parce qu|car|dans le but de|"
    r"dans le but d|en vue de|en vue d|de facon a|de maniere a|pour que|pour qu|"
    rf"pour(?=\s+(?!(?:{'|'.join(_FR_ARTICLES)})\b)[a-z]))(?=[\s,.;:!?]|$)"
)


@dataclass(frozen=True)
class Clauses:
    """The normalised statement cut into what changes (main) and why (reason)."""

    text: str
    main_start: int
    main_end: int
    reason: str

    @property
    def main(self) -> str:
        return self.text[self.main_start : self.main_end]


def _reason_marker(norm: str, lang: str) -> re.Match[str] | None:
    if lang != "fr":
        return _EN_REASON.search(norm)
    match = _FR_REASON.search(norm)
    # "pour les ventes": "pour" + article opens a reason only when a business word follows.
    business = _FR_POUR_BUSINESS.search(norm)
    if business is not None and (match is None or business.start() < match.start()):
        return business
    return match


def split_clauses(norm: str, lang: str) -> Clauses:
    match = _reason_marker(norm, lang)
    if match is None:
        return Clauses(norm, 0, len(norm), "")
    start = match.start("m")
    if start <= 2:
        # A sentence that opens with its reason: "Pour relancer les ventes, lancer …".
        comma = norm.find(",", match.end("m"))
        if comma < 0:
            return Clauses(norm, 0, len(norm), "")
        rest = split_clauses(norm[comma + 1 :], lang)
        offset = comma + 1
        return Clauses(
            norm, rest.main_start + offset, rest.main_end + offset, norm[: comma + 1] + " " + rest.reason
        )
    return Clauses(norm, 0, start, norm[start:])


# --- business reasons -----------------------------------------------------------------------------

# fmt: off
_BUSINESS = re.compile(
    r"\b(?:"
    + _words(
        "vente", "ventes", "vendre", "sales", "sell", "chiffre d affaires", "revenue", "revenus", "ca",
        "marge", "marges", "margin", "margins", "profit", "profits", "benefice", "rentabilite",
        "rentable", "rentables", "profitable", "profitability", "fidelite", "fidelisation", "fideliser",
        "fidelisant", "loyalty", "loyal", "retention", "retenir", "retain", "attrition", "churn",
        "reachat", "reachats", "repeat", "recurrents", "recurrentes", "recurring", "clv", "ltv",
        "valeur vie client", "lifetime value", "cout", "couts", "couteux", "cost", "costs", "depenses",
        "depensent", "depenser", "depense", "spend", "acquisition", "acquerir", "acquire", "conquete",
        "conquerir", "nouveaux clients", "new customers", "new clients", "new accounts", "new logo",
        "new b2b", "nouveaux comptes", "satisfaction", "satisfaits", "satisfied", "nps",
        "experience client", "experience d achat", "customer experience", "shopping experience",
        "panier moyen", "basket", "order value", "conversion", "conversions", "convert", "transformer",
        "acheteurs", "buyers", "purchases", "purchase", "achats", "commandes", "orders", "pipeline",
        "signatures", "deals", "manque a gagner", "lost revenue", "walk in", "store visits",
        "croissance", "growth", "part de marche", "market share", "roi", "tickets", "support client",
        "customer support", "stocks", "inventory", "clients b2b", "b2b accounts", "b2b", "notoriete",
        "awareness", "parts de marche", "chiffre", "rentabiliser", "wasted", "gaspillage",
        "canal de vente", "sales channel", "customers", "clients", "clientele", "abandoned",
        "abandonnees", "abandons", "resiliation", "cancellations", "upsell", "cross sell",
    )
    + r")(?:s|es|x)?\b"
)
# fmt: on


_FR_POUR_BUSINESS = re.compile(
    r"(?:^|[\s,;:(])(?P<m>pour)\s+(?:le|la|les|l|nos|notre|plus\s+de|davantage\s+de)\s+(?:[a-z]+\s+){0,2}?(?:"
    + _BUSINESS.pattern[len(r"\b(?:") :]
)


def business_reason(reason: str) -> str | None:
    """The business word found in the reason clause, if any."""
    match = _BUSINESS.search(reason)
    return match.group(0) if match else None


# --- metrics --------------------------------------------------------------------------------------

# fmt: off
_METRIC = re.compile(
    r"\b(?:"
    + _words(
        "taux", "rate", "rates", "ratio", "share", "part", "parts", "nombre", "number", "volume",
        "volumes", "revenue", "sales", "ventes", "chiffre d affaires", "ca", "ctr", "cpm", "cpc", "cpa",
        "cac", "cpl", "roas", "roi", "csat", "nps", "ces", "clv", "ltv", "aov", "arpu", "panier moyen",
        "order value", "orders", "commandes", "conversions", "conversion", "leads", "lead", "pipeline",
        "opt ins", "opt in", "optins", "inscrits", "subscribers", "abonnes", "followers", "downloads",
        "telechargements", "visits", "visites", "visitors", "visiteurs", "traffic", "trafic", "sessions",
        "impressions", "clicks", "clics", "engagement", "rating", "ratings", "note", "notes", "avis",
        "reviews", "score", "temps", "time", "delai", "delais", "duree", "cost", "costs", "cout",
        "couts", "margin", "marge", "backlinks", "mots cles", "keywords", "ranking", "classement",
        "notoriete", "awareness", "retention", "churn", "attrition", "plaintes", "complaints", "tickets",
        "returns", "retours", "doublons", "duplicates", "bounce", "rebond", "ouverture", "ouvertures",
        "opens", "demandes", "requests", "registrations", "inscriptions", "members", "membres",
        "adherents", "sign ups", "signups", "installs", "installations", "users", "utilisateurs", "mau",
        "dau", "redemption", "utilisation", "usage", "adoption", "penetration", "part de marche",
        "market share", "saves", "likes", "shares", "partages", "mentions", "views", "vues",
        "completion", "watch time", "unsubscribes", "desabonnements", "deliverability", "delivrabilite",
        "share of voice", "opportunities", "opportunites", "mql", "mqls", "sql", "sqls", "devis",
        "quotes", "rendez vous", "appointments", "transactions", "achats", "purchases", "reachat",
        "frequency", "frequence", "abandon", "abandonment", "profiles", "profils", "cartes", "cards",
        "personas", "episodes", "videos", "articles", "posts", "publications", "newsletters",
        "campagnes", "campaigns", "tests", "webinars", "webinaires", "avis clients", "open rate", "roas",
        "customers", "clients actifs", "nouveaux clients", "new customers", "active customers",
        "numeros", "numbers", "contacts", "prospects", "accounts", "comptes actifs", "budget",
    )
    + r")\b"
)
# fmt: on


def has_metric(main: str, after: int = 0) -> str | None:
    """The first metric word of the main clause at or after ``after`` (the change verb's end)."""
    match = _METRIC.search(main, after)
    return match.group(0) if match else None


# --- verbs ----------------------------------------------------------------------------------------

# fmt: off
_INCREASE = _words(
    "beat", "outperform", "exceed", "surpass", "depasser", "battre", "faire mieux", "do better",
    "increase", "increasing", "grow", "raise", "boost", "lift", "improve", "expand", "drive up", "push",
    "double", "triple", "maximize", "maximise", "accelerate", "augmenter", "accroitre", "developper",
    "faire progresser", "progresser", "faire grimper", "ameliorer", "gagner", "gain", "hausser",
    "relever", "booster", "doubler", "tripler", "stimuler", "maximiser", "faire croitre", "intensifier",
    "add", "ajouter", "elever", "renforcer", "strengthen", "step up", "ramp up", "scale",
)
# fmt: on
# fmt: off
_DECREASE = _words(
    "reduce", "cut", "lower", "decrease", "drop", "bring down", "halve", "shrink", "minimize",
    "minimise", "shorten", "reduire", "baisser", "diminuer", "ramener", "abaisser", "limiter", "diviser",
    "faire baisser", "faire chuter", "faire reculer", "raccourcir", "eliminate", "eliminer", "contenir",
    "decrease", "limit", "trim",
)
# fmt: on
# fmt: off
_MAINTAIN = _words(
    "keep", "maintain", "hold", "sustain", "stay", "maintenir", "garder", "conserver", "rester",
    "stabiliser", "preserver", "preserve", "remain",
)
# fmt: on
# fmt: off
_REACH = _words(
    "reach", "achieve", "attain", "hit", "get", "sell", "collect", "generate", "win", "acquire",
    "recruit", "sign", "obtain", "earn", "bring", "record", "capture", "book", "score", "atteindre",
    "vendre", "collecter", "generer", "obtenir", "recruter", "signer", "conquerir", "realiser",
    "positionner", "reactiver", "reactivate", "convertir", "convert", "enregistrer", "decrocher",
    "faire passer", "passer", "run", "send", "envoyer", "mener", "organiser", "organize", "organise",
    "host",
)
# fmt: on
_VERB_PATTERNS = (
    ("decrease", re.compile(rf"\b(?:{_DECREASE})(?:s|es|ed|ing|e|ons|ez|ent)?\b")),
    ("maintain", re.compile(rf"\b(?:{_MAINTAIN})(?:s|es|ed|ing|e|ons|ez|ent)?\b")),
    ("increase", re.compile(rf"\b(?:{_INCREASE})(?:s|es|ed|ing|e|ons|ez|ent)?\b")),
    ("reach", re.compile(rf"\b(?:{_REACH})(?:s|es|ed|ing|e|ons|ez|ent)?\b")),
)


def direction_verb(main: str) -> tuple[str, int, int] | None:
    """The first change verb of the main clause: (direction, start, end)."""
    best: tuple[str, int, int] | None = None
    for direction, pattern in _VERB_PATTERNS:
        match = pattern.search(main)
        if match and (best is None or match.start() < best[1]):
            best = (direction, match.start(), match.end())
    return best


# --- deliverables ---------------------------------------------------------------------------------

# fmt: off
_DELIVERABLE = re.compile(
    r"\b(?:"
    + _words(
        "create", "build", "launch", "deploy", "roll out", "rollout", "publish", "document", "write",
        "draft", "deliver", "release", "implement", "set up", "complete", "finish", "design", "produce",
        "map", "audit", "migrate", "integrate", "ship", "go live", "put live", "redesign", "define",
        "formalize", "formalise", "finalize", "finalise", "install", "open", "conduct", "establish",
        "introduce", "creer", "construire", "lancer", "deployer", "mettre en place", "mettre en ligne",
        "publier", "documenter", "rediger", "diffuser", "livrer", "concevoir", "produire",
        "cartographier", "auditer", "migrer", "integrer", "ouvrir", "mener une etude",
        "realiser une etude", "elaborer", "definir", "formaliser", "finaliser", "installer", "refondre",
        "mettre en service", "outiller", "tourner", "etablir", "send", "envoyer", "organiser",
        "organize", "organise", "host", "signer", "examiner",
    )
    + r")(?:s|es|ed|ing|e|ons|ez|ent|ee|ees|d)?\b\s+(?P<obj>[a-z0-9][a-z0-9\s-]{2,})"
)
# fmt: on
_VAGUE_OBJECT = re.compile(
    r"^(?:(?:du|de la|des|some|more|plus de|davantage de|a bit of|things?|les choses|choses|"
    r"the buzz|buzz|du buzz|momentum|hype|quelque chose|something)\b)"
)


def deliverable(main: str) -> tuple[int, int] | None:
    """A deliverable verb with a concrete object ("documenter l'architecture des données")."""
    for match in _DELIVERABLE.finditer(main):
        obj = match.group("obj").strip()
        before = main[: match.start()].strip()
        # Objectives are imperative: the deliverable verb leads the clause or follows "et"/"and".
        leads = len(before.split()) <= 1 or _JOINED.search(before) is not None
        if leads and not _VAGUE_OBJECT.match(obj):
            return match.start(), match.end()
    return None


_JOINED = re.compile(r"(?:\bet|\band|\bthen|\bpuis|,|;|:)$")
