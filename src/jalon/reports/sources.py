"""Every read of the roadmap's data and every picture the reports reuse, imported in this one module.

The reports only read: through the strategy and planning apps' query functions, their pure helpers and
their SVG renderers (the same pictures as the pages). When those apps move a module, only these imports
change.
"""

from __future__ import annotations

from jalon.charts import line_chart
from jalon.planning.job_pages import ProgressPanel, job_url, status_response
from jalon.planning.models import Status
from jalon.planning.pages import roadmap_page
from jalon.planning.people.workload_grid import load_team, workload_view
from jalon.planning.queries import activities_of, milestones_of
from jalon.planning.registers.budget import BudgetSummary, budget_summary
from jalon.planning.registers.risk_matrix import PlacedRisk, level, level_label, risk_matrix
from jalon.planning.registers.views import communication_rows, risk_rows
from jalon.planning.timeline.model import COMPACT, NORMAL, Chart, Frame, MilestoneMark
from jalon.planning.timeline.svg import ink_on, period_label
from jalon.planning.timeline.svg import render as render_timeline
from jalon.planning.timeline.views import (
    build_chart,
    frame_for,
    lanes_of,
    objective_health,
    plan_of,
    theme_bands,
)
from jalon.strategy.coaching import CRITERIA, coach_objective
from jalon.strategy.queries import kpis_with_measurements, objectives_of, strategies_of

__all__ = [
    "COMPACT",
    "CRITERIA",
    "NORMAL",
    "BudgetSummary",
    "Chart",
    "Frame",
    "MilestoneMark",
    "PlacedRisk",
    "ProgressPanel",
    "Status",
    "activities_of",
    "budget_summary",
    "build_chart",
    "coach_objective",
    "communication_rows",
    "frame_for",
    "ink_on",
    "job_url",
    "kpis_with_measurements",
    "lanes_of",
    "level",
    "level_label",
    "line_chart",
    "load_team",
    "milestones_of",
    "objective_health",
    "objectives_of",
    "period_label",
    "plan_of",
    "render_timeline",
    "risk_matrix",
    "risk_rows",
    "roadmap_page",
    "status_response",
    "strategies_of",
    "theme_bands",
    "workload_view",
]
