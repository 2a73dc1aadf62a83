"""The scheduling and portfolio engines' refusals of a problem, worded in the reader's language.

The engines are pure: they refuse a problem with a code and its parameters (the ids at fault). Here each
code has its English message id (in the French catalogue like every string): the command line words it at
once (``refusal``), a background job keeps the id and its parameters
(``refusal_message``) so that the page words it in its reader's language. No Django here.
"""

from __future__ import annotations

from jalon.engines.number_file import MAX_NUMBER, FileCode, NumberFileError
from jalon.engines.portfolio_model import ProblemCode as PortfolioCode
from jalon.engines.portfolio_model import ProblemError
from jalon.engines.scheduling_types import InvalidProblemError
from jalon.engines.scheduling_types import ProblemCode as ScheduleCode
from jalon.i18n import cli_language, gettext


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated where it is shown."""
    return message


SCHEDULE_MESSAGES: dict[ScheduleCode, str] = {
    ScheduleCode.DUPLICATE_ACTIVITY: gettext_noop("Two activities have the same id."),
    ScheduleCode.DUPLICATE_PERSON: gettext_noop("Two people have the same id."),
    ScheduleCode.CAPACITY_NOT_POSITIVE: gettext_noop(
        "{person}: the capacity must be a positive number of hours a day."
    ),
    ScheduleCode.ABSENCE_REVERSED: gettext_noop("{person}: an absence ends before it starts."),
    ScheduleCode.END_BEFORE_START: gettext_noop("The end of the plan is before its start."),
    ScheduleCode.NEGATIVE_DURATION: gettext_noop("Activity {activity}: the duration cannot be negative."),
    ScheduleCode.BAD_VALUE: gettext_noop("Activity {activity}: the value must be a number, zero or more."),
    ScheduleCode.WINDOW_REVERSED: gettext_noop(
        "Activity {activity}: the latest finish is before the earliest start."
    ),
    ScheduleCode.PINNED_WITHOUT_START: gettext_noop(
        "Activity {activity} is pinned but has no current start."
    ),
    ScheduleCode.UNKNOWN_PREDECESSOR: gettext_noop(
        "Activity {activity} comes after {other}, which is not in the problem."
    ),
    ScheduleCode.NEGATIVE_LAG: gettext_noop("Activity {activity}: a lag cannot be negative."),
    ScheduleCode.UNKNOWN_PERSON: gettext_noop(
        "Activity {activity} asks for {other}, who is not in the problem."
    ),
    ScheduleCode.HOURS_OR_SHARE: gettext_noop(
        "Activity {activity}: give each demand either hours_per_day or share, one of them."
    ),
    ScheduleCode.NEGATIVE_DEMAND: gettext_noop("Activity {activity}: a demand cannot be negative."),
    ScheduleCode.MILESTONE_UNKNOWN_ACTIVITY: gettext_noop(
        "Milestone {milestone} names {other}, which is not an activity of the problem."
    ),
}
PORTFOLIO_MESSAGES: dict[PortfolioCode, str] = {
    PortfolioCode.DUPLICATE_ACTIVITY: gettext_noop("Activity {activity} appears twice."),
    PortfolioCode.NOT_FINITE: gettext_noop("Activity {activity} has a number that is not finite."),
    PortfolioCode.NEGATIVE_COST: gettext_noop("Activity {activity} has a negative cost or effort."),
    PortfolioCode.NO_SCORE: gettext_noop("Activity {activity} has no score {score}, the one to maximise."),
    PortfolioCode.UNKNOWN_ACTIVITY: gettext_noop(
        "Activity {activity} refers to {other}, which is not in the problem."
    ),
    PortfolioCode.GROUP_UNKNOWN_ACTIVITY: gettext_noop(
        "Group {group} names {other}, which is not in the problem."
    ),
    PortfolioCode.GROUP_NEGATIVE_COUNT: gettext_noop("Group {group}: the count cannot be negative."),
    PortfolioCode.NEGATIVE_BUDGET: gettext_noop("The budget cannot be negative."),
    PortfolioCode.NEGATIVE_CAPACITY: gettext_noop("A capacity cannot be negative."),
    PortfolioCode.THEME_TWO_BUDGETS: gettext_noop("A theme has two budgets."),
    PortfolioCode.TEAM_TWO_CAPACITIES: gettext_noop("A team has two capacities for the same quarter."),
    PortfolioCode.TIME_LIMIT: gettext_noop("The time limit must be a positive number of seconds."),
}


def refusal_message(error: InvalidProblemError | ProblemError) -> tuple[str, dict[str, str]]:
    """The English message id of an engine's refusal and its parameters, to translate where it is shown."""
    if isinstance(error, InvalidProblemError):
        return SCHEDULE_MESSAGES[error.code], _with_blanks(error.params)
    return PORTFOLIO_MESSAGES[error.code], _with_blanks(error.params)


def refusal(error: InvalidProblemError | ProblemError) -> str:
    """Why the scheduler or the portfolio optimiser refuses the problem, in one sentence in the command's
    language."""
    message, params = refusal_message(error)
    return gettext(message).format(**params)


def _with_blanks(params: dict[str, str]) -> dict[str, str]:
    """The error's parameters, and "—" for any a sentence names that the error lacks."""
    names = ("activity", "person", "milestone", "other", "group", "score")
    return {name: "—" for name in names} | {key: str(value)[:80] for key, value in params.items()}


FILE_MESSAGES: dict[FileCode, str] = {
    FileCode.NUMBER: gettext_noop("“{text}” is not a whole number from 0 to {limit}."),
    FileCode.SHORT_LINE: gettext_noop("numbers are missing on this line."),
    FileCode.ENDS_EARLY: gettext_noop("the file ends before the instance does."),
    FileCode.EMPTY: gettext_noop("an instance needs at least one job or item, and one constraint."),
    FileCode.OUT_OF_RANGE: gettext_noop("successor {text} is not a job of the instance."),
    FileCode.EXTRA: gettext_noop("numbers remain after the last instance."),
}


def file_refusal(error: NumberFileError) -> str:
    """Why a benchmark reader refuses a file, in the command's language (the caller names the line)."""
    from jalon.engines.number_text import localise_digits

    limit = localise_digits(f"{MAX_NUMBER:,}", french=cli_language() == "fr")
    return gettext(FILE_MESSAGES[error.code]).format(text=error.text, limit=limit)
