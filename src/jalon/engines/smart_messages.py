"""The SMART coach's reason, warning and suggestion texts, in French and English.

The engine is pure and runs without Django, so its sentences live here rather than in gettext.
"""

from __future__ import annotations

from datetime import date

__all__ = ["format_date", "format_number", "text"]

_TEXTS: dict[str, tuple[str, str]] = {
    "specific.ok": ("Nomme ce qui change : « {what} ».", "Names what changes: “{what}”."),
    "specific.no": (
        "Ne nomme ni indicateur, ni livrable, ni périmètre concret : c'est un souhait vague.",
        "Names no concrete metric, deliverable or scope: this is a vague wish.",
    ),
    "measurable.target": ("Cible chiffrée : {target}.", "Quantified target: {target}."),
    "measurable.deliverable": (
        "Livrable vérifiable : « {what} » (fait ou pas fait).",
        "Verifiable deliverable: “{what}” (done or not done).",
    ),
    "measurable.no_target": (
        "Nomme l'indicateur mais sans cible chiffrée : « plus » ou « mieux » ne se mesure pas.",
        "Names the metric but no quantified target: “more” or “better” cannot be measured.",
    ),
    "measurable.no": (
        "Ni quantité à atteindre ni livrable vérifiable.",
        "Neither a quantity to reach nor a verifiable deliverable.",
    ),
    "time_bound.ok": ("Échéance : {date} (règle {rule}).", "Deadline: {date} (rule {rule})."),
    "time_bound.no": (
        "Aucune échéance datée : « bientôt », « à terme », une cadence ou un événement sans date "
        "ne suffisent pas.",
        "No dated deadline: “soon”, “ASAP”, a cadence or an undated event is not enough.",
    ),
    "relevant.text": ("Donne la raison métier : « {why} ».", "States the business reason: “{why}”."),
    "relevant.context": (
        "La raison métier vient du contexte ({field}) : « {why} ».",
        "The business reason comes from the context ({field}): “{why}”.",
    ),
    "relevant.no": (
        "N'explique pas pourquoi : aucun enjeu métier (ventes, fidélisation, coûts, satisfaction…).",
        "Does not say why: no business stake (revenue, retention, cost, satisfaction…).",
    ),
    "field.impact": ("impact métier", "business impact"),
    "field.parent_objective": ("objectif parent", "parent objective"),
    "field.vision": ("énoncé de vision", "vision statement"),
    "achievable.no_evidence": (
        "Pas de valeur de départ ni d'historique pour en juger.",
        "No baseline or history to judge.",
    ),
    "achievable.no_target": (
        "Pas de cible chiffrée avec une échéance : rien à confronter aux données.",
        "No quantified target with a deadline: nothing to check against the data.",
    ),
    "achievable.past": (
        "L'échéance est passée : le rythme nécessaire ne peut pas être calculé.",
        "The deadline has passed: the required pace cannot be computed.",
    ),
    "achievable.baseline_only": (
        "Départ {baseline}, cible {level} : il faut {required} par mois, mais sans historique "
        "le rythme observé est inconnu.",
        "From {baseline} to {level} needs {required} per month, but with no history the observed pace "
        "is unknown.",
    ),
    "achievable.met": (
        "Déjà atteint : la valeur actuelle {baseline} satisfait la cible {level}.",
        "Already reached: the current value {baseline} meets the target {level}.",
    ),
    "achievable.on_track": (
        "Réaliste : au rythme observé ({observed} par mois), l'indicateur atteindrait {projected} "
        "à l'échéance pour une cible de {level}.",
        "Realistic: at the observed pace ({observed} per month) the KPI would reach {projected} by the "
        "deadline, against a target of {level}.",
    ),
    "achievable.ambitious": (
        "Ambitieux : il faut {required} par mois contre {observed} observés (dispersion {spread} par mois) ; "
        "projection à l'échéance : {projected} pour une cible de {level}.",
        "Ambitious: needs {required} per month against {observed} observed (spread {spread} per month); "
        "projected {projected} by the deadline against a target of {level}.",
    ),
    "achievable.out_of_reach": (
        "Hors de portée au rythme observé : il faut {required} par mois contre {observed} observés "
        "(dispersion {spread} par mois) ; projection à l'échéance : {projected} pour une cible de {level}.",
        "Out of reach at the observed pace: needs {required} per month against {observed} observed "
        "(spread {spread} per month); projected {projected} by the deadline against a target of {level}.",
    ),
    "achievable.maintain_ok": (
        "Tenable : la valeur actuelle {baseline} respecte le seuil {level} et la projection ({projected}) "
        "aussi.",
        "Sustainable: the current value {baseline} respects the threshold {level}, and so does the "
        "projection ({projected}).",
    ),
    "achievable.maintain_drift": (
        "Menacé : au rythme observé ({observed} par mois) la valeur passerait à {projected}, au-delà du "
        "seuil {level}.",
        "At risk: at the observed pace ({observed} per month) the value would drift to {projected}, past "
        "the threshold {level}.",
    ),
    "achievable.benchmark_in": (
        "Dans la fourchette publiée ({low} – {high}) : {value}.",
        "Within the published range ({low} – {high}): {value}.",
    ),
    "achievable.benchmark_out": (
        "Hors de la fourchette publiée ({low} – {high}) : {value}.",
        "Outside the published range ({low} – {high}): {value}.",
    ),
    "warning.past": (
        "L'échéance ({date}) est déjà passée au {today}.",
        "The deadline ({date}) has already passed on {today}.",
    ),
    "warning.far": (
        "L'échéance ({date}) est à plus de cinq ans : découpez l'objectif en jalons.",
        "The deadline ({date}) is more than five years away: split the objective into milestones.",
    ),
    "suggest.vague": (
        "Faire passer <indicateur clé> de {baseline} à <cible chiffrée>",
        "Move <key metric> from {baseline} to <numeric target>",
    ),
    "suggest.target": (" : passer de {baseline} à {level}", ": from {baseline} to {level}"),
    "suggest.deadline": (" d'ici le {date}", " by {date}"),
    "suggest.deadline_fy": (
        " d'ici la fin de l'exercice ({date})",
        " by the end of the fiscal year ({date})",
    ),
    "suggest.reason": (", afin de {why}", ", to {why}"),
    "suggest.reason_context": (", afin de contribuer à : {why}", ", in support of: {why}"),
    "suggest.reason_missing": (
        ", afin de <raison métier : ventes, fidélisation, coûts…>",
        ", to <business reason: revenue, retention, cost…>",
    ),
    "suggest.realistic": (
        " (cible réaliste au rythme observé : {level})",
        " (realistic target at the observed pace: {level})",
    ),
    "current": ("<valeur actuelle>", "<current value>"),
}

_MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def text(key: str, lang: str, **values: object) -> str:
    french, english = _TEXTS[key]
    template = french if lang == "fr" else english
    return template.format(**values) if values else template


def format_date(day: date, lang: str) -> str:
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


_UNIT_LABEL = {
    "%": ("%", "%"),
    "pts": ("points", "points"),
    "EUR": ("€", "€"),
    "USD": ("$", "$"),
    "GBP": ("£", "£"),
    "score": ("", ""),
    "days": ("jours", "days"),
    "weeks": ("semaines", "weeks"),
    "hours": ("heures", "hours"),
    "minutes": ("minutes", "minutes"),
    "seconds": ("secondes", "seconds"),
    "months": ("mois", "months"),
    "count": ("", ""),
}


def format_number(value: float, lang: str, unit: str = "count") -> str:
    rounded = round(value, 2)
    whole = rounded == int(rounded)
    body = f"{int(rounded):,}" if whole else f"{rounded:,.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        body = body.replace(",", " ").replace(".", ",")
    label = _UNIT_LABEL.get(unit, (unit, unit))[0 if lang == "fr" else 1]
    if not label:
        return body
    if unit in ("USD", "GBP") and lang == "en":
        return f"{label}{body}"
    if unit == "%" and lang == "en":
        return f"{body}%"
    return f"{body} {label}"
