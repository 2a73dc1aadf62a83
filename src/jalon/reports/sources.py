"""Every read of the roadmap's data and every picture the reports reuse, imported in this one module.

The reports only read: through the strategy, planning and framing apps' query functions, their pure
helpers and their SVG renderers (the same pictures as the pages). When those apps move a module, only these
imports change.
"""

from __future__ import annotations

from jalon.charts import line_chart
from jalon.framing.forms import workshop_keys, workshop_label
from jalon.framing.journey_svg import journey_svg
from jalon.framing.models import Channel, Framing, JourneyStep, Persona, PlanAction, WorkshopStatus
from jalon.framing.plan import (
    Overload,
    PressureLine,
    by_segment,
    dated_contacts,
    months_of,
    pressure,
    pressure_lines,
)
from jalon.framing.services import framing_for
from jalon.framing.votes import tally as vote_tally
from jalon.job_pages import ProgressPanel, job_url, status_response
from jalon.planning.models import Status, is_late
from jalon.planning.people.workload_grid import load_team, workload_view
from jalon.planning.queries import activities_of, milestones_of
from jalon.planning.registers.budget import BudgetSummary, budget_summary
from jalon.planning.registers.risk_matrix import PlacedRisk, level, level_label, risk_matrix
from jalon.planning.registers.views import communication_rows, risk_rows
from jalon.planning.reviews.views import snapshot_view
from jalon.planning.timeline.marks import ink_on
from jalon.planning.timeline.model import (
    COMPACT,
    NORMAL,
    SCALES,
    Bar,
    Chart,
    Frame,
    Lane,
    Layout,
    MilestoneMark,
    PlanRow,
    periods,
)
from jalon.planning.timeline.reach import Far, Reach, in_reach, in_sight, out_of_reach_note, reach_of
from jalon.planning.timeline.svg import render as render_timeline
from jalon.planning.timeline.views import (
    build_chart,
    frame_for,
    lanes_of,
    objective_health,
    plan_of,
    theme_bands,
)
from jalon.planning.timeline.words import period_label
from jalon.strategy.coaching import CRITERIA, coach_objective
from jalon.strategy.kpis.executive import with_odds
from jalon.strategy.pages import roadmap_page
from jalon.strategy.queries import (
    in_tree_order,
    kpis_by_objective,
    kpis_with_measurements,
    objectives_of,
    strategies_of,
)

__all__ = [
    "COMPACT",
    "CRITERIA",
    "NORMAL",
    "SCALES",
    "Bar",
    "BudgetSummary",
    "Channel",
    "Chart",
    "Far",
    "Frame",
    "Framing",
    "JourneyStep",
    "Lane",
    "Layout",
    "MilestoneMark",
    "Overload",
    "Persona",
    "PlacedRisk",
    "PlanAction",
    "PlanRow",
    "PressureLine",
    "ProgressPanel",
    "Reach",
    "Status",
    "WorkshopStatus",
    "activities_of",
    "budget_summary",
    "build_chart",
    "by_segment",
    "coach_objective",
    "communication_rows",
    "dated_contacts",
    "frame_for",
    "framing_for",
    "in_reach",
    "in_sight",
    "in_tree_order",
    "ink_on",
    "is_late",
    "job_url",
    "journey_svg",
    "kpis_by_objective",
    "kpis_with_measurements",
    "lanes_of",
    "level",
    "level_label",
    "line_chart",
    "load_team",
    "milestones_of",
    "months_of",
    "objective_health",
    "objectives_of",
    "out_of_reach_note",
    "period_label",
    "periods",
    "plan_of",
    "pressure",
    "pressure_lines",
    "reach_of",
    "render_timeline",
    "risk_matrix",
    "risk_rows",
    "roadmap_page",
    "snapshot_view",
    "status_response",
    "strategies_of",
    "theme_bands",
    "vote_tally",
    "with_odds",
    "workload_view",
    "workshop_keys",
    "workshop_label",
]
