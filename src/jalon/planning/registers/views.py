"""The roadmap's registers: thematic groups and the budget, milestones, risks (with their matrix) and the
communication plan.

Each register is one page that lists its items, adds one, edits one in place and deletes one after a
confirmation page. With htmx the page's register region is swapped; without JavaScript the same URLs
answer with whole pages and redirects. Every page costs a fixed number of SQL queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from jalon.accounts.auth import current_user
from jalon.engines.number_text import localise_digits, with_unit
from jalon.formatting import MINUS, format_share
from jalon.forms import Submission, submit
from jalon.keys import free_key
from jalon.planning import queries, services
from jalon.planning.models import Audience, CommunicationItem, Milestone, Risk, RiskStatus, Theme
from jalon.planning.registers.budget import BudgetSummary, ThemeBudget, budget_summary
from jalon.planning.registers.forms import (
    CommunicationForm,
    MilestoneForm,
    RegisterForm,
    RiskForm,
    ThemeForm,
)
from jalon.planning.registers.risk_matrix import HIGH, PlacedRisk, level, level_label, risk_matrix
from jalon.strategy.models import InRoadmap, Roadmap
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.permissions import require

UPCOMING_DAYS = 30


@dataclass(frozen=True)
class Column:
    """A column heading of a register's table; ``amount`` right-aligns it over the figures."""

    label: Promise
    amount: bool = False


@dataclass(frozen=True)
class Register:
    """One register page: what it lists, with which form, under which URL names, under which column
    headings (the Actions column is added for those who may edit)."""

    name: str  # URL name of the page
    kind: type[InRoadmap]
    form: type[RegisterForm]
    template: str
    item_url: str
    delete_url: str
    add_title: Promise
    after_delete: Promise  # what deleting an item does to what is linked to it
    rows: Callable[[Roadmap, date], dict[str, Any]] = field(compare=False)
    load: Callable[[Roadmap], Any] = field(compare=False)  # the queryset items are looked up in
    columns: tuple[Column, ...] = ()

    def span(self, *, can_edit: bool) -> int:
        """How many columns the table shows this reader: what an empty or an edited row spans."""
        return len(self.columns) + int(can_edit)


# Money ----------------------------------------------------------------------------------------------


def format_money(amount: Decimal, currency: str) -> str:
    """``12 500 €`` / ``€12,500``; cents only when there are some (``12 500,50 €``); minus sign ``−``."""
    whole = amount == amount.to_integral_value()
    french = (get_language() or "fr").startswith("fr")
    number = localise_digits(f"{abs(amount):,.{0 if whole else 2}f}", french=french)
    return (MINUS if amount < 0 else "") + with_unit(number, currency, french=french)


# Budget ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar of the budget chart, placed in SVG units."""

    kind: str  # planned | committed | spent
    label: str
    amount: str
    over: bool  # more than the planned budget
    y: float
    width: float
    empty: bool = False  # nothing to draw: no amount beside it (the table and the description keep it)

    @property
    def text_x(self) -> float:
        return CHART_LABEL_WIDTH + self.width + 6

    @property
    def text_y(self) -> float:
        return self.y + CHART_BAR - 3


@dataclass(frozen=True)
class BudgetRow:
    line: ThemeBudget
    planned: str
    committed: str
    spent: str
    remaining: str  # what is left, or the overrun when over budget (``ThemeBudget.remaining``'s size)
    bars: list[Bar]
    y: float  # top of its group in the chart
    same_colour: str = ""  # the other groups of its colour, named: two groups alike on every timeline

    @property
    def item(self) -> Theme | None:
        return self.line.theme

    @property
    def label_y(self) -> float:
        return self.y + CHART_BAR + 12


CHART_LABEL_WIDTH, CHART_BAR_AREA, CHART_BAR, CHART_GROUP = 190, 330, 14, 62


def _bars(line: ThemeBudget, top: float, scale: Decimal, money: Callable[[Decimal], str]) -> list[Bar]:
    labels = {"planned": _("planned"), "committed": _("committed"), "spent": _("spent")}
    amounts = {"planned": line.planned, "committed": line.committed, "spent": line.spent}
    return [
        Bar(kind, labels[kind], money(amounts[kind]), kind != "planned" and amounts[kind] > line.planned,
            top + index * (CHART_BAR + 2), float(amounts[kind] / scale * CHART_BAR_AREA) if scale else 0.0,
            not amounts[kind])
        for index, kind in enumerate(("planned", "committed", "spent"))
    ]  # fmt: skip


def _same_colour(theme: Theme | None, summary: BudgetSummary) -> str:
    """The other groups of ``theme``'s colour, quoted ("" for none): a colour chosen by hand is kept, even
    another group's (a form's offered colour taken meanwhile is not, ``ThemeForm``), so the page says it."""
    if theme is None:
        return ""
    colour = theme.colour.lower()
    others = (line.theme for line in summary.lines if line.theme and line.theme != theme)
    alike = [other.name for other in others if other.colour.lower() == colour]
    return ", ".join(_("“{name}”").format(name=name) for name in alike)


def budget_rows(roadmap: Roadmap, today: date) -> dict[str, Any]:
    """The themes with planned, committed and spent, the totals, the maintenance share and the chart."""
    summary: BudgetSummary = budget_summary(roadmap)

    def money(amount: Decimal) -> str:
        return format_money(amount, roadmap.currency)

    scale = max((max(x.planned, x.committed, x.spent) for x in summary.lines), default=Decimal(0))
    rows = [
        BudgetRow(line, money(line.planned), money(line.committed), money(line.spent),
                  money(abs(line.remaining)), _bars(line, 8 + index * CHART_GROUP, scale, money),
                  8 + index * CHART_GROUP, _same_colour(line.theme, summary))
        for index, line in enumerate(summary.lines)
    ]  # fmt: skip
    total = summary.total
    return {
        "rows": rows,
        "summary": summary,
        "total": BudgetRow(total, money(total.planned), money(total.committed), money(total.spent),
                           money(abs(total.remaining)), [], 0),
        "maintenance": money(summary.maintenance),
        "maintenance_share": format_share(summary.maintenance_share),
        "has_maintenance": any(row.item and row.item.is_maintenance for row in rows),
        "chart": {
            "width": CHART_LABEL_WIDTH + CHART_BAR_AREA + 130,
            "height": 16 + max(len(rows), 1) * CHART_GROUP,
            "label_width": CHART_LABEL_WIDTH,
        },
    }  # fmt: skip


# Milestones -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneRow:
    item: Milestone
    missed: bool
    days_left: int | None  # set when it is due in the next UPCOMING_DAYS days and not reached
    waiting: tuple[str, ...] = ()  # the titles of the ideas it depends on: out of reach until planned


def milestone_rows(roadmap: Roadmap, today: date) -> dict[str, Any]:
    rows = []
    for milestone in queries.milestones_of(roadmap):  # sorted by date
        days = (milestone.date - today).days
        upcoming = milestone.reached_on is None and 0 <= days <= UPCOMING_DAYS
        waiting = tuple(a.title for a in milestone.waiting_ideas())
        rows.append(MilestoneRow(milestone, milestone.is_missed(today), days if upcoming else None, waiting))
    return {"rows": rows, "missed": sum(r.missed for r in rows), "upcoming_days": UPCOMING_DAYS}


# Risks ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RiskRow:
    item: Risk
    number: int
    level: str
    level_label: str

    @property
    def needs_contingency(self) -> bool:
        """A high risk still open (or mitigated) without a plan for when it happens."""
        risk = self.item
        return self.level == HIGH and risk.status != RiskStatus.CLOSED and not risk.contingency.strip()


def risk_rows(roadmap: Roadmap, today: date) -> dict[str, Any]:
    risks = sorted(roadmap.risks.all(), key=lambda r: (-r.severity, r.position, r.pk))
    rows = [
        RiskRow(risk, number, level(risk.probability, risk.impact),
                level_label(level(risk.probability, risk.impact)))
        for number, risk in enumerate(risks, start=1)
    ]  # fmt: skip
    placed = [
        PlacedRisk(row.number, row.item.title, row.item.probability, row.item.impact)
        for row in rows
        if row.item.status != RiskStatus.CLOSED
    ]
    return {
        "rows": rows,
        "matrix": risk_matrix(placed),
        "without_plan": sum(row.needs_contingency for row in rows),
    }


# Communication plan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommunicationRow:
    item: CommunicationItem
    overdue: bool


def communication_rows(roadmap: Roadmap, today: date) -> dict[str, Any]:
    items = sorted(
        roadmap.communications.all(), key=lambda c: (c.next_date is None, c.next_date or today, c.position)
    )
    groups = []
    for audience, label in Audience.choices:
        rows = [
            CommunicationRow(item, item.next_date is not None and item.next_date < today)
            for item in items
            if item.audience == audience
        ]
        if rows:
            groups.append((audience, label, rows))
    overdue = sum(row.overdue for _audience, _label, rows in groups for row in rows)
    return {"groups": groups, "overdue": overdue, "count": len(items)}


REGISTERS = {
    "budget": Register(
        "budget", Theme, ThemeForm, "planning/budget.html", "budget_theme", "budget_theme_delete",
        gettext_lazy("Add a thematic group"),
        gettext_lazy("Its activities are kept, outside any thematic group."),
        budget_rows, lambda roadmap: roadmap.themes.all(),
        columns=(
            Column(gettext_lazy("Thematic group")), Column(gettext_lazy("Planned"), amount=True),
            Column(gettext_lazy("Committed"), amount=True), Column(gettext_lazy("Spent"), amount=True),
            Column(gettext_lazy("Remaining"), amount=True), Column(gettext_lazy("Status")),
        ),
    ),
    "milestones": Register(
        "milestones", Milestone, MilestoneForm, "planning/milestones.html", "milestone_item",
        "milestone_delete", gettext_lazy("Add a milestone"),
        gettext_lazy("The objectives and activities it was linked to are kept."),
        milestone_rows, lambda roadmap: roadmap.milestones.all(),
        columns=(
            Column(gettext_lazy("Date")), Column(gettext_lazy("Milestone")), Column(gettext_lazy("Status")),
            Column(gettext_lazy("Objectives")), Column(gettext_lazy("Activities")),
        ),
    ),
    "risks": Register(
        "risks", Risk, RiskForm, "planning/risks.html", "risk_item", "risk_delete",
        gettext_lazy("Add a risk"), gettext_lazy("Its contingency plan is deleted with it."),
        risk_rows, lambda roadmap: roadmap.risks.all(),
        columns=(
            Column(gettext_lazy("No.")), Column(gettext_lazy("Risk")), Column(gettext_lazy("Severity")),
            Column(gettext_lazy("Owner")), Column(gettext_lazy("Contingency plan")),
            Column(gettext_lazy("Status")),
        ),
    ),
    "communications": Register(
        "communications", CommunicationItem, CommunicationForm, "planning/communication.html",
        "communication_item", "communication_delete", gettext_lazy("Add to the communication plan"),
        gettext_lazy("Nothing else is changed."),
        communication_rows, lambda roadmap: roadmap.communications.all(),
        columns=(
            Column(gettext_lazy("Message")), Column(gettext_lazy("Channel")),
            Column(gettext_lazy("Frequency")), Column(gettext_lazy("Owner")),
            Column(gettext_lazy("Next date")),
        ),
    ),
}  # fmt: skip


# The pages ------------------------------------------------------------------------------------------


def _page_url(register: Register, roadmap: Roadmap) -> str:
    return reverse(register.name, args=[roadmap.workspace.slug, roadmap.slug])


def _item(register: Register, roadmap: Roadmap, key: str) -> Any:
    return queries.item_for(register.load(roadmap), roadmap, key)


def _render(
    request: HttpRequest,
    register: Register,
    roadmap: Roadmap,
    context: dict[str, Any],
    *,
    editing: str = "",
    edit_form: RegisterForm | None = None,
    conflict: Any = None,
    new_form: RegisterForm | None = None,
    saved: str = "",
    said: str = "",
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    if new_form is None and context["can_edit"]:
        new_form = register.form(roadmap=roadmap, instance=register.kind(roadmap=roadmap))
    page = {
        **context,
        **register.rows(roadmap, today),
        "register": register,
        "span": register.span(can_edit=context["can_edit"]),
        "page_url": _page_url(register, roadmap),
        "today": today,
        "editing": editing,
        "edit_form": edit_form,
        "conflict": conflict,
        "new_form": new_form,
        "saved": saved,
        "said": said,
    }
    return render(request, register.template, page, status=status)


def _after_save(
    request: HttpRequest, register: Register, roadmap: Roadmap, context: dict[str, Any], item: InRoadmap
) -> HttpResponse:
    """htmx: the fresh register with the focus back on the saved item, a screen reader told it was saved;
    otherwise a redirect to it."""
    said = _("“{name}” was saved.").format(name=item)
    if request.htmx:  # type: ignore[attr-defined]
        return _render(request, register, roadmap, context, saved=item.key, said=said)
    messages.success(request, said)
    return redirect(f"{_page_url(register, roadmap)}#item-{item.key}")


def _page_view(register: Register) -> Callable[..., HttpResponse]:
    @login_required
    def view(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
        """GET: the register (``?edit=<key>`` opens an item's form without JavaScript); POST: add one."""
        found, context = roadmap_page(request, workspace, roadmap)
        if request.method == "POST":
            return _create(request, register, found, context)
        editing = request.GET.get("edit", "") if context["can_edit"] else ""
        edit_form = None
        if editing:
            item = _item(register, found, editing)
            edit_form = register.form(instance=item, initial={"version": item.version}, roadmap=found)
        return _render(request, register, found, context, editing=editing, edit_form=edit_form)

    return view


def _create(
    request: HttpRequest, register: Register, roadmap: Roadmap, context: dict[str, Any]
) -> HttpResponse:
    user = current_user(request)
    require(user, "edit", roadmap)

    def save(form: RegisterForm) -> InRoadmap:
        changes = form.changes()
        key = form.cleaned_data.get("key") or free_key(
            register.load(roadmap), str(changes[form.key_source]), fallback=register.kind.__name__.lower()
        )
        return services.create(register.kind, actor=user, roadmap=roadmap, key=key, **changes)

    form = register.form(request.POST, instance=register.kind(roadmap=roadmap), roadmap=roadmap)
    submission: Submission[RegisterForm] = submit(form, save)
    if submission.saved:
        return _after_save(request, register, roadmap, context, submission.result)
    return _render(request, register, roadmap, context, new_form=submission.form, status=submission.status)


def _item_view(register: Register) -> Callable[..., HttpResponse]:
    @login_required
    def view(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
        """GET ``?edit=1``: the register with this item's form; POST: save it unless someone saved first."""
        user = current_user(request)
        found, context = roadmap_page(request, workspace, roadmap)
        item = _item(register, found, key)
        if request.method == "POST":
            require(user, "edit", found)
            form = register.form(request.POST, instance=_item(register, found, key), roadmap=found)
            submission = submit(
                form,
                lambda f: services.update(
                    item, actor=user, expected_version=f.cleaned_data["version"], changes=f.changes()
                ),
            )
            if submission.saved:
                return _after_save(request, register, found, context, submission.result)
            return _render(
                request, register, found, context, editing=key, edit_form=submission.form,
                conflict=submission.conflict, status=submission.status,
            )  # fmt: skip
        if request.GET.get("edit"):
            require(user, "edit", found)
            form = register.form(instance=item, initial={"version": item.version}, roadmap=found)
            return _render(request, register, found, context, editing=key, edit_form=form)
        return redirect(f"{_page_url(register, found)}#item-{key}")

    return view


def _delete_view(register: Register) -> Callable[..., HttpResponse]:
    @login_required
    def view(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
        """GET: ask for confirmation (works without JavaScript); POST: delete and go back to the list."""
        user = current_user(request)
        found, context = roadmap_page(request, workspace, roadmap)
        require(user, "edit", found)
        item = _item(register, found, key)
        if request.method == "POST":
            services.delete(item, actor=user)
            messages.success(request, _("“{name}” was deleted.").format(name=item))
            return redirect(_page_url(register, found))
        page = {**context, "register": register, "item": item, "page_url": _page_url(register, found)}
        return render(request, "planning/_register_delete.html", page)

    return view


@login_required
def risk_matrix_svg(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """The matrix alone, for the executive view, documents and slides."""
    found, _context = roadmap_page(request, workspace, roadmap)
    svg = risk_rows(found, timezone.localdate())["matrix"]
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def _routes(register: Register, prefix: str, item_prefix: str) -> list[Any]:
    return [
        path(prefix, _page_view(register), name=register.name),
        path(f"{item_prefix}<slug:key>/", _item_view(register), name=register.item_url),
        path(f"{item_prefix}<slug:key>/delete/", _delete_view(register), name=register.delete_url),
    ]


urlpatterns = [
    *_routes(REGISTERS["budget"], "budget/", "budget/themes/"),
    *_routes(REGISTERS["milestones"], "milestones/", "milestones/"),
    path("risks/matrix.svg", risk_matrix_svg, name="risk_matrix"),
    *_routes(REGISTERS["risks"], "risks/", "risks/"),
    *_routes(REGISTERS["communications"], "communication/", "communication/"),
]
