"""The optimiser's rules, reasons and statuses in the reader's words (titles and names, not keys)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jalon.engines import portfolio as engine
from jalon.formatting import format_number, format_quantity
from jalon.planning.portfolio.problem import Built, Score
from jalon.planning.portfolio.proposal import Row

Kind = engine.ConstraintKind
Code = engine.ReasonCode


class Words:
    def __init__(self, built: Built) -> None:
        plan = built.plan
        self.built = built
        self.currency = plan.roadmap.currency
        self.titles = {a.key: a.title for a in plan.activities}
        self.themes = {t.key: t.name for t in plan.themes}
        self.people = {p.key: p.name for p in plan.people}
        self.objectives = {o.key: o.title for o in plan.objectives}
        self.by_value = built.rules.maximise is Score.VALUE

    def money(self, amount: float | None) -> str:
        return format_quantity(amount, self.currency)

    def quarter(self, quarter_id: str) -> str:
        number, year = self.built.quarters.get(quarter_id, (0, 0))
        return _("Q{number} of fiscal year {year}").format(number=number, year=year)

    def _spent_already(self, sunk: float, kept: float = 0.0) -> str:
        if sunk and kept:
            text = _("(of which {sunk} already spent on done activities and {kept} kept for maintenance)")
        elif sunk:
            text = _("(of which {sunk} already spent on done activities)")
        elif kept:
            text = _("(of which {kept} kept for maintenance)")
        else:
            return ""
        return " " + text.format(sunk=self.money(sunk), kept=self.money(kept))

    def _booked(self, person: str, quarter: str) -> tuple[str, str]:
        """The days ``person`` is booked on the workspace's other roadmaps in ``quarter``, and on which
        ("North: 8.0 days, South: 2.0 days"); ("", "") when none."""
        booked = self.built.elsewhere.get((person, quarter))
        if not booked:
            return "", ""
        each = _("{roadmap}: {days} days")
        total = format_number(sum(days for _title, days in booked), decimals=1)
        return total, ", ".join(
            each.format(roadmap=title, days=format_number(days, decimals=1)) for title, days in booked
        )

    def _after_elsewhere(self, person: str, quarter: str) -> str:
        """ ", after 8.0 days on other roadmaps (North: 8.0 days)", or nothing."""
        days, roadmaps = self._booked(person, quarter)
        if not days:
            return ""
        return _(", after {days} days on other roadmaps ({roadmaps})").format(days=days, roadmaps=roadmaps)

    def elsewhere(self) -> str:
        """Every capacity that leaves out work on the workspace's other roadmaps, as a note; or nothing."""
        pairs = sorted(self.built.elsewhere, key=lambda pair: (pair[1], self.people.get(pair[0], pair[0])))
        if not pairs:
            return ""
        item = _("{person} in {quarter}: {days} days ({roadmaps})")
        note = _("The capacity leaves out the days booked on the workspace's other roadmaps: {items}.")
        return note.format(
            items=pgettext("between rules in a sentence", "; ").join(
                item.format(
                    person=self.people.get(person, person),
                    quarter=self.quarter(quarter),
                    days=days,
                    roadmaps=roadmaps,
                )
                for person, quarter in pairs
                for days, roadmaps in [self._booked(person, quarter)]
            )
        )

    def rule(self, ref: engine.ConstraintRef) -> str:
        """One rule of the problem, as a phrase that fits in a list or after a colon."""
        subject, built = ref.subject, self.built
        title = self.titles.get(subject[0], subject[0]) if subject else ""
        if ref.kind is Kind.BUDGET:
            return _("the overall budget of {amount}").format(
                amount=self.money(ref.limit)
            ) + self._spent_already(built.sunk_eur, built.kept_for_maintenance_eur)
        if ref.kind in (Kind.THEME_MIN, Kind.THEME_MAX):
            theme = self.themes.get(subject[0], subject[0])
            if ref.kind is Kind.THEME_MIN:
                text = _("the minimum of {amount} for {theme}")
            else:
                text = _("the maximum of {amount} for {theme}")
            sunk = built.sunk_by_theme.get(subject[0], 0.0)
            return text.format(amount=self.money(ref.limit), theme=theme) + self._spent_already(sunk)
        if ref.kind is Kind.CAPACITY:
            return _("the {days} days {person} has free in {quarter}").format(
                days=format_number(ref.limit, decimals=1),
                person=self.people.get(subject[0], subject[0]),
                quarter=self.quarter(subject[1]),
            ) + self._after_elsewhere(subject[0], subject[1])
        if ref.kind is Kind.REQUIRES:
            return _("“{activity}” needs “{other}”").format(
                activity=title, other=self.titles.get(subject[1], subject[1])
            )
        if ref.kind is Kind.EXCLUDES:
            return _("“{activity}” and “{other}” exclude each other").format(
                activity=title, other=self.titles.get(subject[1], subject[1])
            )
        if ref.kind is Kind.AT_MOST:
            return _("at most {count} of {group}").format(count=format_number(ref.limit), group=subject[0])
        if ref.kind is Kind.MUST_DO:
            why, other = built.must_do_why.get(subject[0], ("chosen", ""))
            if why == "in_progress":
                return _("“{activity}” is in progress").format(activity=title)
            if why == "needed":
                return _("“{activity}” is needed by “{other}”, which is in progress").format(
                    activity=title, other=other
                )
            if why == "pinned":
                return _("“{activity}” is pinned").format(activity=title)
            return _("“{activity}” is a must-do").format(activity=title)
        if ref.kind is Kind.MUST_NOT:
            dropped = built.must_not_why.get(subject[0], "")
            if dropped:
                return _("“{activity}” needs “{other}”, which was dropped").format(
                    activity=title, other=dropped
                )
            return _("“{activity}” is ruled out").format(activity=title)
        return _("objective “{objective}” needs a funded activity").format(
            objective=self.objectives.get(subject[0], subject[0])
        )

    def rules(self, refs: tuple[engine.ConstraintRef, ...]) -> str:
        return pgettext("between rules in a sentence", "; ").join(self.rule(ref) for ref in refs)

    def status(self, status: engine.Status) -> str:
        return {
            engine.Status.OPTIMAL: _("Best possible portfolio under these rules (proven)."),
            engine.Status.FEASIBLE: _("A valid portfolio, not proven to be the best in the time allowed."),
            engine.Status.INFEASIBLE: _("No portfolio obeys all these rules."),
            engine.Status.TIMED_OUT: _("No portfolio was found in the time allowed."),
        }[status]

    def _decision(self, row: Row, reason: engine.Reason) -> str:
        key = row.activity.key
        if reason.code is Code.MUST_DO:
            why, other = self.built.must_do_why.get(key, ("chosen", ""))
            if why == "in_progress":
                return _("Must-do: it is in progress.")
            if why == "needed":
                return _("Must-do: “{other}”, in progress, needs it.").format(other=other)
            if why == "pinned":
                return _("Must-do: it is pinned.")
            return _("Must-do: your choice.")
        if reason.code is Code.HELD_BY_RULES:
            return _("Funded: leaving it out would break {rules}.").format(
                rules=self.rules(reason.constraints)
            )
        if reason.code is Code.WORTH_ITS_COST:
            return _("Funded on merit.")
        if reason.code is Code.MUST_NOT:
            dropped = self.built.must_not_why.get(key, "")
            if dropped:
                return _("Ruled out: it needs “{other}”, which was dropped.").format(other=dropped)
            return _("Ruled out: your choice.")
        if reason.code is Code.BLOCKED_BY_RULES:
            return _("Left out: funding it too would break {rules}.").format(
                rules=self.rules(reason.constraints)
            )
        return _("Left out: it adds nothing to what is maximised.")

    def _ratio(self, reason: engine.Reason, cutoff: float | None) -> str:
        if reason.code in (Code.MUST_DO, Code.MUST_NOT):
            return ""
        if reason.value_per_eur is None:
            return _("It costs nothing.")
        if cutoff is None:
            return ""
        if self.by_value:
            return _("Value per euro: {ratio} (cut-off: {cutoff}).").format(
                ratio=format_number(reason.value_per_eur), cutoff=format_number(cutoff)
            )
        return _("Score per 1,000 euros: {ratio} (cut-off: {cutoff}).").format(
            ratio=format_number(reason.value_per_eur * 1000), cutoff=format_number(cutoff * 1000)
        )

    def _what_it_takes(self, reason: engine.Reason) -> str:
        if not reason.funded and reason.flip_possible is False and reason.code is not Code.MUST_NOT:
            return _("No portfolio obeying these rules can include it.")
        gap = reason.value_gap_to_flip
        if gap is None or reason.code in (Code.MUST_DO, Code.MUST_NOT):
            return ""
        if self.by_value:
            text = (
                _("It would get in with {gap} more value.")
                if not reason.funded
                else _("It would stay in with up to {gap} less value.")
            )
            return text.format(gap=self.money(gap))
        text = (
            _("It would get in with a score {gap} higher.")
            if not reason.funded
            else _("It would stay in with a score up to {gap} lower.")
        )
        return text.format(gap=format_number(gap))

    def reason(self, row: Row, *, cutoff: float | None) -> str:
        """Why ``row`` is in or out, its value per euro against the cut-off, and what would flip it."""
        if row.reason is None:
            return ""
        parts = [
            self._decision(row, row.reason),
            self._ratio(row.reason, cutoff),
            self._what_it_takes(row.reason),
        ]
        return " ".join(part for part in parts if part)
