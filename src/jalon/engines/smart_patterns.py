"""The words and shapes the SMART coach's light parse (``smart_clauses``) looks for around a statement's
reason: verbs that open a "to …" reason, participles, causative and "for …" phrases, labelled fields.

Written normalised (lower case, no accents, apostrophes and hyphens as spaces), like ``smart_lexicon``.
"""

from __future__ import annotations

import re

from jalon.engines.smart_lexicon import BUSINESS, HEADING_LABEL, REASON_VERB_WORDS
from jalon.engines.smart_text import word_set

__all__ = [
    "ABSOLUTE",
    "CAUSATIVE",
    "DUE_LABELS",
    "EN_REASON_VERB_HINT",
    "FOR_STAKE",
    "FR_NOT_INFINITIVE",
    "FR_PARTICIPLE",
    "GERUND_SUBJECT",
    "LABEL_ONLY",
    "NOT_PARTICIPLES",
    "NUMBERED_HEADING",
    "REASON_LABELS",
    "REASON_VERBS",
    "STAKE_IN_BRACKETS",
    "WRAPPERS_BEFORE_TO",
    "is_stake_only",
]

# --- words the light parse (smart_clauses) looks for around its reason markers ---

# A broad list of verbs that open a "to …" reason in English (besides the change and deliverable verbs).
REASON_VERBS = word_set(REASON_VERB_WORDS)


NOT_PARTICIPLES = word_set(
    "avant pendant durant maintenant cependant important importants suffisant croissant croissants "
    "restaurant restaurants montant montants enfant enfants habitant habitants etudiant etudiants "
    "participant participants commercant commercants gagnant constant courant puissant vivant tant "
    "quant devant instant plaisant during including morning evening spring pricing marketing branding "
    "shipping something anything everything nothing thing king ring bring string clothing ceiling "
    "building wedding meeting booking training onboarding housing funding setting ranking listing "
    "trading landing packaging advertising sourcing consulting coaching catering parking shopping "
    "remaining existing upcoming incoming outgoing ongoing leading"
)


FR_NOT_INFINITIVE = word_set(
    "premier dernier janvier fevrier septembre octobre novembre decembre leur notre votre hiver super "
    "poster manager leader entre contre autre cadre centre chiffre nombre membre ordre titre lettre "
    "livre libre propre genre soir espoir avenir plaisir desir loisir panier quartier metier dossier "
    "fichier atelier calendrier"
)


WRAPPERS_BEFORE_TO = word_set(
    "want wants wanted aim aims aiming plan plans planning need needs needed have has had going like "
    "love hope hopes intend intends expect expects try tries trying strive strives commit commits "
    "decide decided seek seeks able ought used is are was were be been how objective goal mission "
    "ambition priority focus order as"
)


EN_REASON_VERB_HINT = word_set(
    "the our a an more new its their us it them up down back out in into on off every each all fewer "
    "less faster better sure people customers sales revenue margin margins costs cost churn repeat "
    "and for with into onto from at about toward towards future existing potential loyal online "
    "local buyers shoppers clients users visitors prospects"
)


# "Get 40 of our target accounts to book a demo": after a causative verb, more objects do things
CAUSATIVE = re.compile(
    r"^\s*(?:(?:we|i)\s+(?:want\s+to\s+|will\s+)?)?(?:get|have|help|encourage|convince|persuade|invite|"
    r"ask|push|incite|inspire|bring)\b.*\b(?:accounts|teams|companies|businesses|retailers|stores|partners|"
    r"franchisees|donors|patients|students|members|shops|resellers|distributors|dealers|agents|brokers|"
    r"hotels|restaurants|families|residents|fans|owners|managers|reps)\s*$"
)


# "… for the sales team's pipeline", "for our Q4 revenue": a short phrase ending the piece on a stake
FOR_STAKE = re.compile(
    r"\s*(?:the|our|its|their|next|this)\s+(?:[a-z0-9&]+\s+){0,4}?(?:pipeline|pipe|revenue|revenues|sales|"
    r"margin|margins|profit|profits|profitability|bottom line|ebitda|arr|mrr|cash flow|bookings)"
    r"(?:\s+(?:plan|plans|target|targets|goal|goals|forecast|objective|objectives))?\s*[.!]?\s*$"
)


# An absolute clause after the goal: ", les clients fidèles portant l'essentiel de la marge",
# ", returning buyers carrying most of the margin" (a reason when it names a business stake).
ABSOLUTE = re.compile(
    r",\s+(?:the|our|their|its|these|those|les|le|la|l|nos|ces|ce|cette|leurs|returning|repeat|loyal)\s+"
    r"(?:[a-z]+\s+){0,3}?(?P<v>[a-z]{3,}(?:ant|ing))\b"
)


FR_PARTICIPLE = re.compile(r",\s+(?P<v>[a-z]{4,}ant)\b")

# Labelled fields ("Why: …", "Échéance : …") and the other shapes of a statement the parse recognises.
REASON_LABELS = re.compile(
    r"\b(?:why|reason|reasons|rationale|pourquoi|raison|raisons|enjeu|enjeux|impact|because|benefit|"
    r"benefice|benefices|interet|business case|justification)\b"
)
DUE_LABELS = re.compile(
    r"^(?:deadline|echeance|date|date cible|target date|due|due date|date limite|when|quand|timing|"
    r"horizon|by when|delai|timeline|calendrier)$"
)
LABEL_ONLY = re.compile(
    r"\s*(?:objective|objectif|goal|but|target|cible|kpi|okr|aim|ambition|mission)s?\s*:?\s*"
)
# A numbered heading standing as a piece of its own ("AXE 2 - …", "Proposition 12 – …", "Workstream 2 -"):
# a label, neither the goal nor a number to reach.
NUMBERED_HEADING = re.compile(r"\s*(?:[-*]\s*)?" + HEADING_LABEL + r"\s*\d{1,3}\s*:?\s*")
STAKE_IN_BRACKETS = re.compile(r"\(([^()]{1,40})\)\s*[.!]?\s*$")
_STAKE_WORDS = word_set(
    "pipeline pipe margin margins marge marges profit profits revenue "
    "growth croissance retention fidelisation churn rentabilite"
)


def is_stake_only(words: str) -> bool:
    """A short bracket that names a business stake and no number: "(pipeline)", "(for the margin)"."""
    tokens = words.split()
    if not tokens or len(tokens) > 4 or re.search(r"\d", words) or BUSINESS.search(words) is None:
        return False
    return len(tokens) > 1 or tokens[0] in _STAKE_WORDS


# The goal as the subject ("Hitting 200 test rides by June would …"): a gerund with its object, not a noun
# in -ing ("Marketing will source …").
GERUND_SUBJECT = re.compile(
    r"\s*(?!(?:marketing|branding|pricing|advertising|training|funding|booking|hosting|shipping|"
    r"retargeting|everything|nothing|something|spring|morning|evening)\b)[a-z]+ing\s+"
    r"(?!(?:to|for|will|would|is|are|should|must)\b)[a-z0-9]"
)
