"""An activity's history as people read it: each change with the field's label and its values in the
reader's language (dates, numbers and money the local way, titles rather than keys)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from jalon.formatting import format_number, format_quantity
from jalon.history.models import Change
from jalon.planning.models import Activity

HISTORY_LIMIT = 20
MONEY = frozenset({"cost", "spent", "value"})


def activity_history(activity: Activity, names: dict[str, dict[Any, str]]) -> list[dict[str, Any]]:
    """The latest changes, each field with its label and its values as people read them.

    ``names`` maps what a change records to what people read: ``person`` (key -> name), ``owner`` and
    ``theme`` (id -> name), ``objectives`` and ``activity`` (key -> title), ``tactic`` (id -> title)."""
    labels = {f.name: f.verbose_name for f in Activity._meta.get_fields() if hasattr(f, "verbose_name")}
    labels["after"] = gettext_lazy("comes after")
    changes = list(
        Change.objects.filter(content_type=ContentType.objects.get_for_model(Activity), object_id=activity.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:HISTORY_LIMIT]
    )
    currency = activity.roadmap.currency
    entries = []
    for change in changes:
        fields = [
            (
                labels.get(name) or names["person"].get(name) or name,
                history_value(name, before, names, currency),
                history_value(name, after, names, currency),
            )
            for name, (before, after) in sorted(change.fields.items())
            if not _same_amount(name, before, after)  # 3500.00 -> 3500, recorded before amounts were compared
        ]
        if fields:  # saving the same values again leaves an empty record: nothing to show
            entries.append({"change": change, "fields": fields})
    created = [change for change in changes if change.version == 1 and not change.fields]
    if created:  # the oldest empty first version is the creation
        entries.append({"change": created[-1], "fields": []})
    return entries


def history_value(name: str, value: Any, names: dict[str, dict[Any, str]], currency: str) -> str:
    if value is None or value == "":
        return "—"
    if name in ("theme", "owner", "tactic"):  # recorded as the linked object's id
        return names[name].get(value, str(value))
    if name == "objectives" and isinstance(value, list):  # recorded as the objectives' keys
        return ", ".join(names["objectives"].get(v, str(v)) for v in value) or "—"
    if name == "after" and isinstance(value, str):  # "predecessor-key+lag", or the key once removed
        return _predecessor(value, names["activity"])
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if name in MONEY and isinstance(value, str | int | float):
        amount = _amount(value)
        return str(value) if amount is None else format_quantity(float(amount), currency)
    if name in ("start", "end", "not_before", "must_finish_by") and isinstance(value, str):
        try:
            return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float | int):
        return format_number(value)
    return str(value)


def _predecessor(recorded: str, titles: dict[Any, str]) -> str:
    key, plus, lag = recorded.rpartition("+")
    if not plus or not lag.lstrip("-").isdigit():
        return titles.get(recorded, recorded)
    return f"{titles.get(key, key)} ({lag_words(int(lag))})" if int(lag) else titles.get(key, key)


def lag_words(lag_days: int) -> str:
    """``2 days later`` / ``3 days before the end``: when it may start after its predecessor's end."""
    if lag_days < 0:
        return ngettext("{days} day before the end", "{days} days before the end", -lag_days).format(
            days=-lag_days
        )
    return ngettext("{days} day later", "{days} days later", lag_days).format(days=lag_days)


def _amount(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _same_amount(name: str, before: Any, after: Any) -> bool:
    if name not in MONEY or before is None or after is None:
        return False
    return _amount(before) is not None and _amount(before) == _amount(after)
