"""The marketing-pressure check in the words every document uses: the PDF's template
(``reports/_framing.html``) writes the same messages, and the deck (``slides_pressure``) and the Markdown
(``markdown``) take their headers, cells, the weeks' heading and the count of the weeks left out from here.
The PDF and the Markdown cite the actions that cause a line or a week by their keys (``A1, A3 ×2``) and name
each once in the key that follows; the deck names them in its cells, cut to their column, whole in the notes.
All of them read the ``PressureCheck`` the report collected (``collect_framing``), capped at
``collect_framing.PRESSURE_WEEKS_PRINTED`` weeks: nothing is counted twice, no document says another thing.
Call under the report's language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext

from jalon.formatting import format_quantity, labelled
from jalon.reports.framing_model import PressureCheck, PressureLine, PressureWeek


def whole(count: int) -> str:
    return format_quantity(count, "")


def line_headers(pressure: PressureCheck) -> tuple[str, ...]:
    """The summary's columns: one numbered line per persona's stages over the ceiling alike; *Stages* heads
    the stages' column when a line names several, as the PDF and the animation plan's page say."""
    stages = npgettext("pressure summary column", "Stage", "Stages", pressure.most_stages)
    return ("#", _("Persona"), stages, _("Weeks over"), _("From"), _("To"), _("Most contacts"),
            _("Caused by"))  # fmt: skip


def week_headers() -> tuple[str, ...]:
    """The worst weeks' columns, as the PDF prints them; ``#`` is the summary line the week belongs to. The
    persona is said once above its weeks (``by_persona``), not in every row."""
    return (_("Week of"), "#", _("Channel"), _("Contacts"), _("Caused by"))


def by_persona(weeks: Sequence[PressureWeek]) -> list[tuple[str, list[PressureWeek]]]:
    """The weeks under their personas, each persona once: in the order of its worst week (the list comes worst
    first), its own weeks worst first, as a reader groups them rather than naming the persona in every row."""
    groups: dict[str, list[PressureWeek]] = {}
    for week in weeks:
        groups.setdefault(week.persona, []).append(week)
    return list(groups.items())


def persona_words(persona: str) -> str:
    """The line naming the persona of the weeks under it: *Persona : Léa*."""
    return labelled(_("Persona"), persona)


def against(contacts: int, ceiling: int) -> str:
    """The contacts one customer receives against the ceiling: ``5 / 3``."""
    return f"{whole(contacts)} / {whole(ceiling)}"


def channel(name: str) -> str:
    return name or _("all channels")


def most(line: PressureLine, day: Callable[[date], str]) -> str:
    """A line's worst week as the PDF says it: ``5 / 3 (all channels, 12/01/2027)``."""
    return f"{against(line.contacts, line.ceiling)} ({channel(line.channel)}, {day(line.worst_week)})"


def caused_by(actions: tuple[str, ...], keyed: PressureCheck | None) -> str:
    """The actions that cause a line or a week: by their keys in ``keyed``'s key (``A1, A3 ×2``), each once,
    as the PDF cites them; without a key, by their names."""
    return keyed.keys(actions) if keyed is not None else ", ".join(actions)


def line_cells(
    number: int, line: PressureLine, day: Callable[[date], str], *, keyed: PressureCheck | None = None
) -> tuple[str, ...]:
    """A summary line's cells (texts as typed: the caller escapes or shortens them)."""
    return (str(number), line.persona, ", ".join(line.stages), whole(line.weeks), day(line.first),
            day(line.last), most(line, day), caused_by(line.actions, keyed))  # fmt: skip


def week_cells(
    week: PressureWeek, day: Callable[[date], str], *, keyed: PressureCheck | None = None
) -> tuple[str, ...]:
    return (day(week.week), str(week.line), channel(week.channel), against(week.contacts, week.ceiling),
            caused_by(week.actions, keyed))  # fmt: skip


def key_heading() -> str:
    return _("The actions that cause them")


def key_headers() -> tuple[str, ...]:
    """The key's columns: the key the tables cite (``A1``), the action's name."""
    return (_("Key"), _("Action"))


def weeks_heading(pressure: PressureCheck) -> str:
    """*The 50 worst weeks over the ceiling* when some are left out, else *Week by week (4 rows)*."""
    shown = len(pressure.weeks)
    if pressure.more:
        return ngettext(
            "The worst week over the ceiling", "The %(counter)s worst weeks over the ceiling", shown
        ) % {"counter": shown}
    return ngettext("Week by week (%(shown)s row)", "Week by week (%(shown)s rows)", shown) % {
        "shown": whole(shown)
    }


def more_words(pressure: PressureCheck) -> str:
    """How many weeks over the ceiling the document leaves to the animation plan's page ("" for none)."""
    if not pressure.more:
        return ""
    return ngettext(
        "… and %(more)s more week over the ceiling, on the animation plan's page.",
        "… and %(more)s more weeks over the ceiling, on the animation plan's page.",
        pressure.more,
    ) % {"more": whole(pressure.more)}
