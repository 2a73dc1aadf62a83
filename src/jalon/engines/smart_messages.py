"""The SMART coach's reason, warning and suggestion texts, in French and English.

The engine is pure and runs without Django, so its sentences live here rather than in gettext.
"""

from __future__ import annotations

from datetime import date

from jalon.engines.number_text import localise_digits, with_unit

__all__ = ["describe_deadline", "format_date", "format_number", "format_short_date", "text"]

_TEXTS: dict[str, tuple[str, str]] = {
    "specific.ok": ("Nomme ce qui change\u00a0: «\u00a0{what}\u00a0».", "Names what changes: “{what}”."),
    "specific.no": (
        "Ne nomme ni indicateur, ni livrable, ni périmètre concret\u00a0: c’est un souhait vague.",
        "Names no concrete metric, deliverable or scope: this is a vague wish.",
    ),
    "measurable.target": ("Cible chiffrée\u00a0: {target}.", "Quantified target: {target}."),
    "measurable.deliverable": (
        "Livrable vérifiable\u00a0: «\u00a0{what}\u00a0» (fait ou pas fait).",
        "Verifiable deliverable: “{what}” (done or not done).",
    ),
    "measurable.zero_change": (
        "Une variation de zéro ne fixe aucun niveau à atteindre\u00a0: chiffrez le changement visé.",
        "A change of zero sets no level to reach: quantify the change you aim for.",
    ),
    "measurable.no_target": (
        "Nomme l’indicateur mais sans cible chiffrée\u00a0: «\u00a0plus\u00a0» ou «\u00a0mieux\u00a0» ne se "
        "mesure pas.",
        "Names the metric but no quantified target: “more” or “better” cannot be measured.",
    ),
    "measurable.no": (
        "Ni quantité à atteindre ni livrable vérifiable.",
        "Neither a quantity to reach nor a verifiable deliverable.",
    ),
    "time_bound.ok": ("Échéance\u00a0: {label}.", "Deadline: {label}."),
    "time_bound.field": (
        "Échéance donnée par le champ «\u00a0échéance\u00a0»\u00a0: {label}.",
        "Deadline given by the deadline field: {label}.",
    ),
    "measurable.done_state": (
        "Livrable vérifiable, fait quand\u00a0: «\u00a0{what}\u00a0».",
        "Verifiable deliverable, done when: “{what}”.",
    ),
    "measurable.field": (
        "Cible chiffrée donnée par le champ «\u00a0cible\u00a0»\u00a0: {target}.",
        "Quantified target given by the target field: {target}.",
    ),
    "conflict.target": (
        "Le texte vise {text_value} mais le champ «\u00a0cible\u00a0» dit {field_value}\u00a0: "
        "c’est la cible du champ qui est jugée\u00a0; corrigez l’un ou l’autre.",
        "The text aims at {text_value} but the target field says {field_value}: the field's target is the "
        "one judged; correct one or the other.",
    ),
    "conflict.kpi_target": (
        "La cible de l’objectif ({objective}) n’est pas celle de l’indicateur «\u00a0{kpi}\u00a0» "
        "({kpi_value}).",
        "The objective's target ({objective}) is not the target of the KPI “{kpi}” ({kpi_value}).",
    ),
    "conflict.deadline": (
        "Le texte dit {text_date} mais le champ «\u00a0échéance\u00a0» dit {field_date}\u00a0: "
        "c’est l’échéance du champ qui est jugée.",
        "The text says {text_date} but the deadline field says {field_date}: the field's deadline is the "
        "one judged.",
    ),
    "conflict.unit": (
        "Le texte compte en {text_unit} mais l’indicateur «\u00a0{kpi}\u00a0» se mesure en {kpi_unit}.",
        "The text counts in {text_unit} but the KPI “{kpi}” is measured in {kpi_unit}.",
    ),
    "projection.trend": (
        "tendance en ligne droite de {count} mesures",
        "straight-line trend of {count} measurements",
    ),
    "projection.bounded": (", arrêtée à la limite de {limit}", ", stopped at the limit of {limit}"),
    "time_bound.no_such_day": (
        "L’échéance écrite, le {day}, n’existe pas dans le calendrier\u00a0: vérifiez le jour et le mois.",
        "The deadline written, {day}, is not on the calendar: check the day and the month.",
    ),
    "time_bound.no": (
        "Aucune échéance datée\u00a0: «\u00a0bientôt\u00a0», «\u00a0à terme\u00a0», une cadence ou "
        "un événement sans date ne suffisent pas.",
        "No dated deadline: “soon”, “ASAP”, a cadence or an undated event is not enough.",
    ),
    "relevant.text": (
        "Donne la raison métier\u00a0: «\u00a0{why}\u00a0».",
        "States the business reason: “{why}”.",
    ),
    "relevant.context": (
        "La raison métier vient du contexte ({field})\u00a0: «\u00a0{why}\u00a0».",
        "The business reason comes from the context ({field}): “{why}”.",
    ),
    "relevant.no": (
        "N’explique pas pourquoi\u00a0: aucun enjeu métier (ventes, fidélisation, coûts, satisfaction…).",
        "Does not say why: no business stake (revenue, retention, cost, satisfaction…).",
    ),
    "field.impact": ("impact métier", "business impact"),
    "field.parent_objective": ("objectif parent", "parent objective"),
    "field.vision": ("énoncé de vision", "vision statement"),
    "achievable.no_evidence": (
        "Pas de valeur de départ ni d’historique pour en juger.",
        "No baseline or history to judge.",
    ),
    "achievable.no_target": (
        "Pas de cible chiffrée avec une échéance\u00a0: rien à confronter aux données.",
        "No quantified target with a deadline: nothing to check against the data.",
    ),
    "achievable.past": (
        "L’échéance est passée\u00a0: le rythme nécessaire ne peut pas être calculé.",
        "The deadline has passed: the required pace cannot be computed.",
    ),
    "achievable.baseline_only": (
        "Départ {baseline}, cible {level}\u00a0: il faut {required} par mois, mais sans historique "
        "le rythme observé est inconnu.",
        "From {baseline} to {level} needs {required} per month, but with no history the observed pace "
        "is unknown.",
    ),
    "achievable.met": (
        "Déjà atteint\u00a0: la valeur actuelle {baseline} satisfait la cible {level}.",
        "Already reached: the current value {baseline} meets the target {level}.",
    ),
    "achievable.forecast_likely": (
        "Réaliste\u00a0: d’après la prévision de {points} mesures, {odds} de chances d’atteindre {level} à "
        "l’échéance (projection {projected}, intervalle à 80\u00a0% de {low} à {high}).",
        "Realistic: from the forecast of {points} measurements, a {odds} chance of reaching {level} by the "
        "deadline (projected {projected}, 80% interval {low} to {high}).",
    ),
    "achievable.forecast_ambitious": (
        "Ambitieux\u00a0: d’après la prévision de {points} mesures, {odds} de chances d’atteindre {level} à "
        "l’échéance (projection {projected}, intervalle à 80\u00a0% de {low} à {high}).",
        "Ambitious: from the forecast of {points} measurements, a {odds} chance of reaching {level} by the "
        "deadline (projected {projected}, 80% interval {low} to {high}).",
    ),
    "achievable.forecast_unlikely": (
        "Peu probable\u00a0: d’après la prévision de {points} mesures, {odds} de chances seulement "
        "d’atteindre {level} à l’échéance (projection {projected}, intervalle à 80\u00a0% de {low} à "
        "{high}).",
        "Unlikely: from the forecast of {points} measurements, only a {odds} chance of reaching {level} by "
        "the deadline (projected {projected}, 80% interval {low} to {high}).",
    ),
    "achievable.on_track": (
        "Réaliste\u00a0: au rythme observé ({observed} par mois), l’indicateur atteindrait {projected} "
        "à l’échéance ({how}) pour une cible de {level}.",
        "Realistic: at the observed pace ({observed} per month) the KPI would reach {projected} by the "
        "deadline ({how}), against a target of {level}.",
    ),
    "achievable.ambitious": (
        "Ambitieux\u00a0: il faut {required} par mois contre {observed} observés "
        "(dispersion {spread} par mois)\u00a0; projection à l’échéance\u00a0: {projected} ({how}) "
        "pour une cible de {level}.",
        "Ambitious: needs {required} per month against {observed} observed (spread {spread} per month); "
        "projected {projected} by the deadline ({how}) against a target of {level}.",
    ),
    "achievable.out_of_reach": (
        "Hors de portée au rythme observé\u00a0: il faut {required} par mois contre {observed} observés "
        "(dispersion {spread} par mois)\u00a0; projection à l’échéance\u00a0: {projected} ({how}) "
        "pour une cible de {level}.",
        "Out of reach at the observed pace: needs {required} per month against {observed} observed "
        "(spread {spread} per month); projected {projected} by the deadline ({how}) against a target "
        "of {level}.",
    ),
    "achievable.maintain_ok": (
        "Tenable\u00a0: la valeur actuelle {baseline} respecte le seuil {level} et la projection "
        "({projected}, {how}) aussi.",
        "Sustainable: the current value {baseline} respects the threshold {level}, and so does the "
        "projection ({projected}, {how}).",
    ),
    "achievable.maintain_not_held": (
        "Pas tenable\u00a0: la valeur actuelle {baseline} ne respecte pas le niveau à garder "
        "({level})\u00a0; il faut d’abord l’atteindre (un objectif d’augmentation ou de baisse, "
        "pas de maintien).",
        "Not sustainable: the current value {baseline} does not meet the level to keep ({level}); it has to "
        "be reached first (an objective to increase or decrease, not to maintain).",
    ),
    "achievable.maintain_drift": (
        "Menacé\u00a0: au rythme observé ({observed} par mois) la valeur passerait à {projected} ({how}), "
        "au-delà du seuil {level}.",
        "At risk: at the observed pace ({observed} per month) the value would drift to {projected} ({how}), "
        "past the threshold {level}.",
    ),
    "achievable.benchmark_in": (
        "Dans la fourchette publiée ({low} – {high})\u00a0: {value}.",
        "Within the published range ({low} – {high}): {value}.",
    ),
    "achievable.benchmark_out": (
        "Hors de la fourchette publiée ({low} – {high})\u00a0: {value}.",
        "Outside the published range ({low} – {high}): {value}.",
    ),
    "achievable.benchmark_source": ("Source\u00a0: {source}.", "Source: {source}."),
    "warning.past": (
        "L’échéance ({date}) est déjà passée au {today}.",
        "The deadline ({date}) has already passed on {today}.",
    ),
    "warning.before_start": (
        "L’échéance ({date}) tombe avant le début de la feuille de route ({start}).",
        "The deadline ({date}) falls before the roadmap’s start ({start}).",
    ),
    "warning.after_end": (
        "L’échéance ({date}) tombe après la fin de la feuille de route ({end}).",
        "The deadline ({date}) falls after the roadmap’s end ({end}).",
    ),
    "warning.not_above": (
        "La cible ({target}) n’est pas au-dessus de la valeur de départ ({baseline}) alors que le sens est "
        "«\u00a0augmenter\u00a0».",
        "The target ({target}) is not above the baseline ({baseline}) while the direction is “increase”.",
    ),
    "warning.not_below": (
        "La cible ({target}) n’est pas en dessous de la valeur de départ ({baseline}) alors que le sens est "
        "«\u00a0diminuer\u00a0».",
        "The target ({target}) is not below the baseline ({baseline}) while the direction is “decrease”.",
    ),
    "warning.sign_increase": (
        "La variation ({change}) est négative alors que le verbe dit «\u00a0augmenter\u00a0»\u00a0: le texte "
        "se contredit, corrigez le signe ou le verbe.",
        "The change ({change}) is negative while the verb says “increase”: the text contradicts itself; "
        "correct the sign or the verb.",
    ),
    "warning.sign_plus_decrease": (
        "La variation ({change}) est positive alors que le verbe dit «\u00a0diminuer\u00a0»\u00a0: le texte "
        "se contredit, corrigez le signe ou le verbe.",
        "The change ({change}) is positive while the verb says “decrease”: the text contradicts itself; "
        "correct the sign or the verb.",
    ),
    "warning.sign_decrease": (
        "La variation ({change}) est négative alors que le verbe dit déjà «\u00a0diminuer\u00a0»\u00a0: le "
        "sens voulu est ambigu, écrivez la baisse sans signe.",
        "The change ({change}) is negative while the verb already says “decrease”: the direction meant is "
        "ambiguous; write the decrease without a sign.",
    ),
    "warning.far": (
        "L’échéance ({date}) est à plus de cinq ans\u00a0: découpez l’objectif en jalons.",
        "The deadline ({date}) is more than five years away: split the objective into milestones.",
    ),
    "suggest.vague": (
        "Faire passer <indicateur clé> de {baseline} à <cible chiffrée>",
        "Move <key metric> from {baseline} to <numeric target>",
    ),
    "suggest.target": ("\u00a0: passer de {baseline} à {level}", ": from {baseline} to {level}"),
    "suggest.deadline": (" d’ici le {date}", " by {date}"),
    "suggest.deadline_fy": (
        " d’ici la fin de l’exercice ({date})",
        " by the end of the fiscal year ({date})",
    ),
    "suggest.reason": (", afin de {why}", ", to {why}"),
    "suggest.reason_context": (", afin de contribuer à\u00a0: {why}", ", in support of: {why}"),
    "suggest.reason_missing": (
        ", afin de <raison métier\u00a0: ventes, fidélisation, coûts…>",
        ", to <business reason: revenue, retention, cost…>",
    ),
    "suggest.metric": (
        "Faire passer «\u00a0{metric}\u00a0» de {baseline} à {level}",
        "Move “{metric}” from {baseline} to {level}",
    ),
    "suggest.deliverable": ("Livrer «\u00a0{what}\u00a0»", "Deliver “{what}”"),
    "suggest.keep": ("«\u00a0{what}\u00a0»", "“{what}”"),
    "suggest.realistic": (
        " (cible réaliste au rythme observé\u00a0: {level})",
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


_RULE_NAMES: dict[str, tuple[str, str]] = {
    "date": ("date fixée", "fixed date"),
    "month_end": ("fin de mois", "month end"),
    "fiscal_year_end": ("fin de l’exercice", "end of the fiscal year"),
    "fiscal_quarter_end": ("fin du T{n} de l’exercice", "end of fiscal Q{n}"),
    "fiscal_half_end": ("fin du S{n} de l’exercice", "end of fiscal H{n}"),
    "calendar_year_end": ("fin d’année", "year end"),
    "calendar_quarter_end": ("fin du T{n} {year}", "end of Q{n} {year}"),
    "calendar_half_end": ("fin du S{n} {year}", "end of H{n} {year}"),
    "in_days": ("dans {n}\u00a0jours", "in {n} days"),
    "in_weeks": ("dans {n}\u00a0semaines", "in {n} weeks"),
    "in_months": ("dans {n}\u00a0mois", "in {n} months"),
    "in_years": ("dans {n}\u00a0ans", "in {n} years"),
}
_ONE = {
    "in_days": ("dans 1\u00a0jour", "in 1 day"),
    "in_weeks": ("dans 1\u00a0semaine", "in 1 week"),
    "in_months": ("dans 1\u00a0mois", "in 1 month"),
    "in_years": ("dans 1 an", "in 1 year"),
}


def describe_deadline(rule: str | None, day: date, lang: str) -> str:
    """A deadline in words with where it comes from: "fin juillet 2027 (fin de mois)", never a rule code."""
    kind, _, arg = (rule or "date").partition(":")
    index = 0 if lang == "fr" else 1
    if kind == "month_end":
        month = (_MONTHS_FR if lang == "fr" else _MONTHS_EN)[day.month - 1]
        when = f"fin {month} {day.year}" if lang == "fr" else f"end of {month} {day.year}"
        return f"{when} ({_RULE_NAMES[kind][index]})"
    names = _RULE_NAMES.get(kind, _RULE_NAMES["date"])
    if kind in _ONE and arg == "1":
        how = _ONE[kind][index]
    elif kind.startswith("calendar_") and kind != "calendar_year_end":
        year, _, period = arg.partition("-")
        how = names[index].format(n=period[1:], year=year)
    else:
        how = names[index].format(n=arg)
    return f"{format_date(day, lang)} ({how})"


def text(key: str, lang: str, **values: object) -> str:
    french, english = _TEXTS[key]
    template = french if lang == "fr" else english
    return template.format(**values) if values else template


def format_day(year: int, month: int, day: int, lang: str) -> str:
    """A day as written, even one on no calendar (29 February 2027), for saying so."""
    if lang == "fr":
        return f"{'1er' if day == 1 else day} {_MONTHS_FR[month - 1]} {year}"
    return f"{day} {_MONTHS_EN[month - 1]} {year}"


def format_date(day: date, lang: str) -> str:
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def format_short_date(day: date, lang: str) -> str:
    """A table's date, as the web pages write it (``SHORT_DATE_FORMAT``): ``05/06/2026`` in French, ``5 Jun
    2026`` in English, day first so that no reader takes it for another month."""
    if lang == "fr":
        return day.strftime("%d/%m/%Y")
    return f"{day.day} {_MONTHS_EN[day.month - 1][:3]} {day.year}"


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


_MONEY = frozenset({"EUR", "USD", "GBP"})
_SINGULAR = {
    "points": "point", "jours": "jour", "semaines": "semaine", "heures": "heure", "secondes": "seconde",
    "days": "day", "weeks": "week", "hours": "hour", "months": "month", "seconds": "second",
}  # fmt: skip


def _label(unit: str, value: float, *, french: bool) -> str:
    """The unit's word, singular where the language wants it: in French under 2 (« 0 point », « 1,5 jour »),
    in English for one exactly ("1 day", "0 days", "1.5 days")."""
    label = _UNIT_LABEL.get(unit, (unit, unit))[0 if french else 1]
    singular = abs(value) < 2 if french else abs(value) == 1
    return _SINGULAR.get(label, label) if singular else label


def format_number(value: float, lang: str, unit: str = "count") -> str:
    """``10 000``, ``4 %``, ``2 500,50 €`` in French, ``10,000``, ``4%``, ``€2,500.50`` in English: the
    app's rule (:mod:`jalon.engines.number_text`), with the coach's unit words (``12 jours``)."""
    rounded = round(value, 2)
    whole = rounded == int(rounded)
    body = f"{int(rounded):,}" if whole else f"{rounded:,.2f}"
    if not whole and unit not in _MONEY:  # money keeps its cents (2 500,50 €), other figures do not
        body = body.rstrip("0").rstrip(".")
    french = lang == "fr"
    label = _label(unit, rounded, french=french)
    return with_unit(localise_digits(body, french=french), label, french=french)
