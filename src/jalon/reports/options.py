"""What a report shows: its sections, language, timeline zoom and lanes, and whether budgets appear.

Two presets are built in (the audiences the method's guides name: a board, an operational team); they are
plain ``ReportOptions`` values, so a saved preset and a built-in one are read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

Format = Literal["pdf", "pptx", "md", "ics", "xlsx"]
FORMATS: tuple[Format, ...] = ("pdf", "pptx", "md", "ics", "xlsx")
LANGUAGES = ("fr", "en")
ZOOMS = ("month", "quarter", "year")
LANE_KINDS = ("theme", "objective", "owner")

# (section key, title) in the order the report shows them.
SECTIONS: tuple[tuple[str, Promise], ...] = (
    ("vision", _("Vision and horizon")),
    ("smart", _("SMART objectives")),
    ("objectives", _("Objectives and KPIs")),
    ("chains", _("Goals, strategies and tactics")),
    ("timeline", _("Timeline")),
    ("budget", _("Thematic groups and budgets")),
    ("milestones", _("Milestones")),
    ("activities", _("Activities")),
    ("workload", _("Workload")),
    ("risks", _("Risks")),
    ("communication", _("Communication plan")),
    ("review", _("Latest quarterly review")),
    ("framing", _("Framing")),  # shown only when the roadmap has a framing
)
SECTION_KEYS = tuple(key for key, _title in SECTIONS)
MONEY_SECTIONS = frozenset({"budget"})


class BadOptions(ValueError):
    """Options a report cannot be made with; the message is translated and says what to choose."""


@dataclass(frozen=True)
class ReportOptions:
    sections: tuple[str, ...] = SECTION_KEYS
    language: str = "fr"
    zoom: str = "quarter"
    lanes: str = "theme"
    include_budgets: bool = True

    def __post_init__(self) -> None:
        unknown = [s for s in self.sections if s not in SECTION_KEYS]
        if unknown:
            raise BadOptions(
                gettext("Unknown section {section}; choose among {choices}.").format(
                    section=unknown[0], choices=", ".join(SECTION_KEYS)
                )
            )
        for value, choices, name in (
            (self.language, LANGUAGES, gettext("language")),
            (self.zoom, ZOOMS, gettext("zoom")),
            (self.lanes, LANE_KINDS, gettext("lanes")),
        ):
            if value not in choices:
                raise BadOptions(
                    gettext("The {name} must be one of {choices}.").format(
                        name=name, choices=", ".join(choices)
                    )
                )

    def shows(self, section: str) -> bool:
        if section in MONEY_SECTIONS and not self.include_budgets:
            return False
        return section in self.sections

    def in_language(self, language: str) -> ReportOptions:
        return replace(self, language=language)


BUILT_IN_PRESETS: dict[str, tuple[Promise, ReportOptions]] = {
    "board": (
        _("Board"),
        ReportOptions(
            sections=(
                "vision",
                "smart",
                "objectives",
                "timeline",
                "budget",
                "milestones",
                "risks",
                "review",
                "framing",
            ),
            zoom="year",
        ),
    ),
    "team": (
        _("Operational team"),
        ReportOptions(
            sections=(
                "vision",
                "objectives",
                "chains",
                "timeline",
                "milestones",
                "activities",
                "workload",
                "risks",
                "communication",
                "framing",
            ),
            zoom="month",
            lanes="owner",
            include_budgets=False,
        ),
    ),
}
