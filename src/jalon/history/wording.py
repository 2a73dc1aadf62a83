"""A recorded change in words: each field by its translated name, each value as people read it.

A ``Change`` keeps ``field -> [before, after]`` as stored values (``history.services.plain``): dates in ISO,
amounts as text, linked objects by id, many-to-many links by key. Here they become what the pages show:
``15/03/2027``, ``1 500,50 €``, the choice's label, the linked object's name. What the services record
beside the model's fields (an activity's assignments under the person's key, its ``after`` dependencies,
the roadmap's ``team``, a KPI's measurements, an indicator's ``rating``) has its own wording; a name this
module does not know reads « another detail », never the stored name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from jalon.formatting import describe_rule, format_number, format_quantity, labelled
from jalon.history.origin import COPY_OF, RESTORED
from jalon.planning.models import Activity, Person
from jalon.strategy.models import KPI, Roadmap
from jalon.workspaces.models import Workspace

Scope = Roadmap | Workspace  # a log: a roadmap's, or its workspace's (the changes of no roadmap)

SHORT_TEXT = 120  # longer texts are shortened, the whole text a click away
MONEY = frozenset({"budget", "cost", "spent"})
# the stored name of the field a deletion records (``delete_recorded``'s ``named_by``)
NAMING_FIELDS = frozenset({"key", "title", "name", "id"})

# What services record beside a model's own fields (model label, name) -> its label.
EXTRA_LABELS: dict[tuple[str, str], Promise] = {
    ("strategy.Roadmap", "team"): gettext_lazy("Team"),
    ("planning.Activity", "after"): gettext_lazy("comes after"),
    ("strategy.KPI", "date"): gettext_lazy("Measurement date"),
    ("strategy.KPI", "value"): gettext_lazy("Measured value"),
    ("strategy.KPI", "source"): gettext_lazy("Measurement source"),
    ("strategy.KPI", "measurements"): gettext_lazy("Measurements added"),
    ("framing.QualitativeIndicator", "rating"): gettext_lazy("Rating"),
    ("strategy.Roadmap", COPY_OF): gettext_lazy("Copy of the roadmap"),
    ("strategy.Roadmap", RESTORED): gettext_lazy("Version restored"),
    ("planning.Person", "absence"): gettext_lazy("Absence"),
}


@dataclass(frozen=True)
class Shown:
    """A value as read: ``text`` (shortened when long), and the whole of it when shortened."""

    text: str
    full: str = ""

    def html(self) -> SafeString:
        """The value in the page: a long one as a summary that unfolds the whole text."""
        if not self.full:
            return format_html('<span class="journal-value">{}</span>', self.text)
        return format_html(
            '<details class="journal-long"><summary>{}</summary><p>{}</p></details>',
            self.text,
            linebreaksbr(self.full, autoescape=True),
        )


NOTHING = Shown("—")


@dataclass(frozen=True)
class FieldLine:
    label: str
    before: Shown
    after: Shown


def is_deletion(fields: Mapping[str, Any]) -> bool:
    """Whether a change is a deletion: ``delete_recorded`` writes the naming field (and the key of an item
    named otherwise) going to nothing."""
    return bool(fields) and all(
        name in NAMING_FIELDS and isinstance(values, list) and len(values) == 2 and values[1] is None
        for name, values in fields.items()
    )


@cache
def _field(model: type[models.Model], name: str) -> models.Field[Any, Any] | None:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:  # a name the services record themselves
        return None
    return found if isinstance(found, models.Field) else None  # a reverse relation is no recorded field


@cache
def _positions(model: type[models.Model]) -> dict[str, int]:
    """Each field's place in the model: a change lists its fields in the order forms show them."""
    return {f.name: index for index, f in enumerate(model._meta.get_fields())}


def _shown(text: str) -> Shown:
    if len(text) <= SHORT_TEXT:
        return Shown(text)
    return Shown(text[: SHORT_TEXT - 1].rstrip() + "…", text)


class Names:
    """The names of the objects the values of a page of changes point to, looked up in one query per kind,
    within the roadmap (or its workspace, for the team) only."""

    def __init__(self, scope: Scope) -> None:
        self.roadmap = scope if isinstance(scope, Roadmap) else None
        self.workspace = scope.workspace
        self._by_pk: dict[type[models.Model], set[Any]] = defaultdict(set)
        self._by_key: dict[type[models.Model], set[str]] = defaultdict(set)
        self._names: dict[tuple[type[models.Model], str, Any], str] = {}

    def want(self, model: type[models.Model], value: Any, *, by_key: bool = False) -> None:
        (self._by_key[model] if by_key else self._by_pk[model]).add(value)

    def load(self) -> None:
        for model, pks in self._by_pk.items():
            for obj in self._scope(model).filter(pk__in=[pk for pk in pks if isinstance(pk, int)]):
                self._names[(model, "pk", obj.pk)] = str(obj)
        for model, keys in self._by_key.items():
            for obj in self._scope(model).filter(key__in=[str(k) for k in keys]):
                self._names[(model, "key", obj.key)] = str(obj)

    def name(self, model: type[models.Model], value: Any, *, by_key: bool = False) -> str:
        found = self._names.get((model, "key" if by_key else "pk", value))
        if found is not None:
            return found
        return str(value) if by_key else _("(deleted)")  # a key is what people typed; an id never shows

    def _scope(self, model: type[models.Model]) -> models.QuerySet[Any]:
        manager = model._default_manager
        fields = _positions(model)
        if self.roadmap is not None and model is Roadmap:
            return manager.filter(pk=self.roadmap.pk)
        links = ("roadmap", "strategy__roadmap", "framing__roadmap", "objective__roadmap", "kpi__roadmap")
        link = next((link for link in links if link.split("__")[0] in fields), None)
        if link is not None:  # none of a roadmap's objects in the workspace's log
            return manager.filter(**{link: self.roadmap}) if self.roadmap is not None else manager.none()
        if "workspace" in fields:
            return manager.filter(workspace=self.workspace)
        if "memberships" in fields:  # a user: one of the workspace's members
            return manager.filter(memberships__workspace=self.workspace)
        return manager.none()


class Wording:
    """The lines of the changes of one kind of object (``model``)."""

    def __init__(self, model: type[models.Model], names: Names, currency: str) -> None:
        self.model, self.names, self.currency = model, names, currency
        self.label_key = model._meta.label
        self._choices: dict[str, dict[str, str]] = {}

    def want(self, fields: Mapping[str, Any]) -> None:
        """Note what the values of ``fields`` point to, for ``Names.load``."""
        for name, values in fields.items():
            if not isinstance(values, list) or len(values) != 2:
                continue
            for value in values:
                self._want(name, value)

    def _want(self, name: str, value: Any) -> None:
        if value is None or value == "":
            return
        field = _field(self.model, name)
        if self._is_person_key(name, field):
            self.names.want(Person, name if self.model is Activity else value, by_key=True)
        elif name == "after" and self.model is Activity and isinstance(value, str):
            self.names.want(Activity, value.rpartition("+")[0] or value, by_key=True)
        elif isinstance(field, models.ForeignKey):
            self.names.want(field.related_model, value)  # type: ignore[arg-type]
        elif isinstance(field, models.ManyToManyField) and isinstance(value, list):
            related = field.related_model
            keyed = any(f.name == "key" for f in related._meta.get_fields())  # type: ignore[union-attr]
            for item in value:
                self.names.want(related, item, by_key=keyed and isinstance(item, str))  # type: ignore[arg-type]

    def _is_person_key(self, name: str, field: models.Field[Any, Any] | None) -> bool:
        """An activity's assignment (recorded under the person's key) or the roadmap's ``team``."""
        return (self.model is Activity and field is None and name not in EXTRA_NAMES) or (
            self.model is Roadmap and name == "team"
        )

    def lines(self, fields: Mapping[str, Any]) -> list[FieldLine]:
        found = []
        for name, values in sorted(fields.items(), key=lambda item: self._order(item[0])):
            if not isinstance(values, list) or len(values) != 2:
                continue
            before, after = (self.value(name, v) for v in values)
            if before != after:  # 3500.00 -> 3500, recorded before amounts were compared
                found.append(FieldLine(self.label(name), before, after))
        return found

    def _order(self, name: str) -> tuple[int, str]:
        positions = _positions(self.model)
        return (positions.get(name, len(positions)), name)

    def label(self, name: str) -> str:
        extra = EXTRA_LABELS.get((self.label_key, name))
        if extra is not None:
            return capfirst(str(extra))
        field = _field(self.model, name)
        if self._is_person_key(name, field) and self.model is Activity:
            return _("Assignment of {name}").format(name=self.names.name(Person, name, by_key=True))
        if field is not None and isinstance(field.verbose_name, Promise):  # a translated name
            return capfirst(str(field.verbose_name))
        return _("Another detail")  # an untranslated field name never shows

    def value(self, name: str, value: Any) -> Shown:
        if value is None or value == "" or value == []:
            return NOTHING
        field = _field(self.model, name)
        if self._is_person_key(name, field):
            if self.model is Activity:
                return Shown(_("{hours} h a week").format(hours=format_number(_number(value))))
            return Shown(self.names.name(Person, value, by_key=True))
        if name == "after" and self.model is Activity and isinstance(value, str):
            return Shown(self._predecessor(value))
        if self.model is KPI and field is None:
            return self._measurement(name, value)
        if name == RESTORED and self.model is Roadmap:
            return Shown(moment(str(value)))
        if name == "absence" and self.model is Person:
            return Shown(_period(str(value)))
        if name == "rating" and isinstance(value, list) and len(value) == 2:
            return Shown(labelled(_date(str(value[0])), f"{value[1]}/5"))
        if field is None:
            return _shown(_plain_text(value))
        return self._field_value(field, value)

    def _field_value(self, field: models.Field[Any, Any], value: Any) -> Shown:
        if field.name == "deadline_rule":
            return Shown(describe_rule(str(value)))
        if field.name == "fiscal_year_start_month" and str(value).isdigit() and 1 <= int(value) <= 12:
            return Shown(str(MONTHS[int(value)]))
        if field.choices:
            if field.name not in self._choices:  # once per page, in the page's language
                self._choices[field.name] = {str(k): str(v) for k, v in field.flatchoices}
            return Shown(self._choices[field.name].get(str(value), _("(unknown)")))
        if isinstance(field, models.ForeignKey):
            return Shown(self.names.name(field.related_model, value))  # type: ignore[arg-type]
        if isinstance(field, models.ManyToManyField):
            items = value if isinstance(value, list) else [value]
            related = field.related_model
            return _shown(
                ", ".join(
                    self.names.name(related, item, by_key=isinstance(item, str))  # type: ignore[arg-type]
                    for item in items
                )
            )
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            return Shown(moment(value))
        if isinstance(field, models.DateField) and isinstance(value, str):
            return Shown(_date(value))
        if isinstance(field, models.BooleanField):
            return Shown(_("yes") if value else _("no"))
        if field.name in MONEY:
            return Shown(format_quantity(_number(value), self.currency))
        if isinstance(field, models.DecimalField | models.FloatField | models.IntegerField):
            return Shown(format_number(_number(value)))
        if field.name == "language":
            return Shown(str(dict(settings.LANGUAGES).get(str(value), value)))
        if field.name in ("sector", "benchmark_metric"):
            return Shown(_knowledge_name(field.name, str(value)))
        if isinstance(value, dict):
            return _shown(_mapping(value))
        return _shown(_plain_text(value))

    def _predecessor(self, recorded: str) -> str:
        key, plus, lag = recorded.rpartition("+")
        if not plus or not lag.lstrip("-").isdigit():
            return self.names.name(Activity, recorded, by_key=True)
        title = self.names.name(Activity, key, by_key=True)
        return f"{title} ({lag_words(int(lag))})" if int(lag) else title

    def _measurement(self, name: str, value: Any) -> Shown:
        if name == "date":
            return Shown(_date(str(value)))
        if name in ("value", "measurements"):
            return Shown(format_number(_number(value)))
        return _shown(_plain_text(value))


def lag_words(lag_days: int) -> str:
    """``2 days later`` / ``3 days before the end``: when it may start after its predecessor's end."""
    if lag_days < 0:
        return ngettext("{days} day before the end", "{days} days before the end", -lag_days).format(
            days=-lag_days
        )
    return ngettext("{days} day later", "{days} days later", lag_days).format(days=lag_days)


EXTRA_NAMES = frozenset({"after", *NAMING_FIELDS})


def _french() -> bool:
    return (get_language() or "fr").startswith("fr")


def _number(value: Any) -> float:
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return 0.0


def _date(value: str) -> str:
    try:
        return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except ValueError:
        return value


def moment(value: str) -> str:
    """A recorded date and time (ISO) as the pages write it, in local time."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "SHORT_DATETIME_FORMAT")


def _period(value: str) -> str:
    """An absence as recorded (``2027-03-01..2027-03-05``): from one date to the other."""
    start, dots, end = value.partition("..")
    if not dots:
        return value
    return _("{start} to {end}").format(start=_date(start), end=_date(end))


def _knowledge_name(name: str, code: str) -> str:
    """A sector or a benchmark metric of the advisor's knowledge, by its name in the page's language."""
    from jalon.knowledge.loader import load_knowledge

    knowledge = load_knowledge()
    if name == "sector":
        labels = knowledge.vocabulary.sectors.get(code)
    else:
        metric = knowledge.metrics.get(code)
        labels = metric.name if metric is not None else None
    return labels.get("fr" if _french() else "en") if labels is not None else _("(unknown)")


def _mapping(value: Mapping[str, Any]) -> str:
    """A per-channel setting (``{"email": 2}``): each channel by its label."""
    from jalon.framing.models import Channel

    labels = dict(Channel.choices)
    return ", ".join(labelled(labels.get(k, _("(unknown)")), _plain_text(v)) for k, v in value.items())


def _plain_text(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(_plain_text(v) for v in value)
    return str(value)


def wordings(models_: Iterable[type[models.Model]], names: Names, currency: str) -> dict[Any, Wording]:
    return {model: Wording(model, names, currency) for model in models_}
