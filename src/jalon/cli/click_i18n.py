"""Typer's own words ("Usage:", "Show this message and exit.", "Error: Missing option"...) in the command
line's language (JALON_LANGUAGE, or a command's --lang).

Typer 0.29 carries its own copy of Click (``typer._click``) whose texts are plain English f-strings, with
no catalogue to hook into. ``install`` therefore changes three places of that copy, at start:

- the usage line (its prefix, ``[OPTIONS]``, ``COMMAND [ARGS]...``) and the headings' colon
  (``HelpFormatter.write_usage``, ``write_heading``), and the value types beside options (``<str>``);
- the help option's help text (``Command.get_help_option``);
- what a usage error prints (the ``echo`` of ``typer._click.exceptions``): ``Error: ...``, the
  ``Try '...' for help.`` hint and the usual messages are recognised by the patterns below and translated.

A message Typer words differently in a later version stays English until a pattern is added here; the
tests in tests/cli/test_cli_language.py show it. Typer's ``typer.core`` translates its own few strings
through ``gettext``; its ``_`` is pointed at Jalon's catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jalon.i18n import gettext, ngettext

_: Callable[[str], str] = gettext


def _message(text: str) -> str:
    """One error message of Typer, translated when it is one of the usual ones."""
    for pattern, translate in _MESSAGES:
        match = pattern.match(text)
        if match:
            return translate(match)
    return text


def _missing(match: re.Match[str]) -> str:
    kind, name = match.group(1), match.group(2)
    if kind == "option":
        return _("Missing option {name}.").format(name=name)
    if kind == "argument":
        return _("Missing argument {name}.").format(name=name)
    return _("Missing parameter {name}.").format(name=name)


def _no_such_option(match: re.Match[str]) -> str:
    text = _("No such option: {name}").format(name=match.group(1))
    if match.group(2):
        text += " " + _("(Possible options: {options})").format(options=match.group(2))
    return text


def _requires(match: re.Match[str]) -> str:
    count = 1 if match.group(2) == "an argument" else int(match.group(2).split()[0])
    return ngettext(
        "Option {name} requires an argument.", "Option {name} requires {count} arguments.", count
    ).format(name=match.group(1), count=count)


_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^Missing (option|argument|parameter) ?(.*)\.$"), _missing),
    (
        re.compile(r"^Invalid value for (.+?): (.*)$", re.S),
        lambda m: _("Invalid value for {param_hint}: {message}").format(
            param_hint=m.group(1), message=_message(m.group(2))
        ),
    ),
    (
        re.compile(r"^Invalid value: (.*)$", re.S),
        lambda m: _("Invalid value: {message}").format(message=_message(m.group(1))),
    ),
    (re.compile(r"^No such option: (\S+)(?: \(Possible options: (.*)\))?$"), _no_such_option),
    (
        re.compile(r"^Got unexpected extra argument\(s\) \((.*)\)$"),
        lambda m: _("Got unexpected extra arguments ({args})").format(args=m.group(1)),
    ),
    (re.compile(r"^Option (.+) requires (an argument|\d+ arguments)\.$"), _requires),
    (
        re.compile(r"^Option (.+) does not take a value\.$"),
        lambda m: _("Option {name} does not take a value.").format(name=m.group(1)),
    ),
    (
        re.compile(r"^(.+) is not one of (.+)\.$"),
        lambda m: _("{value} is not one of {choices}.").format(value=m.group(1), choices=m.group(2)),
    ),
    (
        re.compile(r"^Value (.+) is not a valid (.+)\.$"),
        lambda m: _("Value {value} is not a valid {type}.").format(value=m.group(1), type=m.group(2)),
    ),
    (
        re.compile(r"^Input should be a valid integer.*$"),
        lambda m: _("Enter a whole number."),
    ),
    (
        re.compile(r"^Input should be a valid number.*$"),
        lambda m: _("Enter a number."),
    ),
    (
        re.compile(r"^Input should be greater than or equal to (.+)$"),
        lambda m: _("Enter a number of at least {minimum}.").format(minimum=m.group(1)),
    ),
    (
        re.compile(r"^Input should be less than or equal to (.+)$"),
        lambda m: _("Enter a number of at most {maximum}.").format(maximum=m.group(1)),
    ),
]


def gettext_noop(message: str) -> str:
    return message


# What typer.core translates through gettext, repeated so that ``make messages`` extracts it.
TYPER_CORE = (
    gettext_noop("Arguments"),
    gettext_noop("Options"),
    gettext_noop("Commands"),
    gettext_noop("required"),
    gettext_noop("default: {default}"),
    gettext_noop("env var: {var}"),
    gettext_noop("(dynamic)"),
    gettext_noop("Missing command."),
    gettext_noop("No such command {name!r}."),
    gettext_noop("Aborted!"),
)


def _type_label(shown: str) -> str:
    """The value type shown beside an option (``<str>``, ``<int range>``...) in the reader's words."""
    labels = {
        "<str>": _("<text>"),
        "<int>": _("<integer>"),
        "<int range>": _("<integer>"),
        "<float>": _("<number>"),
        "<float range>": _("<number>"),
        "<path>": _("<path>"),
        "<file>": _("<file>"),
        "<directory>": _("<folder>"),
        "<bool>": _("<yes/no>"),
    }
    return labels.get(shown, shown)


_TRY = re.compile(r"^Try '(.+) (\S+)' for help\.$")


def translate_output(text: str) -> str:
    """What a usage error prints, line by line: the hint and the ``Error: ...`` line translated."""
    lines = []
    for line in text.split("\n"):
        hint = _TRY.match(line)
        if hint:
            line = _("Try '{command} {option}' for help.").format(command=hint.group(1), option=hint.group(2))
        elif line.startswith("Error: "):
            line = _("Error: {message}").format(message=_message(line.removeprefix("Error: ")))
        lines.append(line)
    return "\n".join(lines)


def install() -> None:
    """Make Typer print its own words in Jalon's language from now on (calling it twice changes nothing)."""
    import typer.core
    from typer._click import core, exceptions, formatting

    if getattr(formatting.HelpFormatter.write_usage, "_jalon", False):
        return
    typer.core._ = gettext  # type: ignore[attr-defined]

    write_usage = formatting.HelpFormatter.write_usage

    def translated_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", _("[OPTIONS]")).replace("COMMAND [ARGS]...", _("COMMAND [ARGS]..."))
        write_usage(self, prog, args, _("Usage:") + " " if prefix is None else prefix)

    translated_usage._jalon = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = translated_usage  # type: ignore[method-assign]

    def translated_heading(self: Any, heading: str) -> None:
        label = _("{heading}:").format(heading=heading)
        self.write(f"{'':>{self.current_indent}}{label}\n")

    formatting.HelpFormatter.write_heading = translated_heading  # type: ignore[method-assign]

    display_type = typer.core._TyperParameter.display_type

    def translated_type(self: Any, ctx: Any) -> str:
        shown = display_type(self, ctx)
        return _type_label(shown)

    typer.core._TyperParameter.display_type = translated_type  # type: ignore[method-assign]

    get_help_option = core.Command.get_help_option

    def translated_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    core.Command.get_help_option = translated_help_option  # type: ignore[method-assign]

    echo = getattr(exceptions, "echo")  # noqa: B009 (not exported by name)

    def translated_echo(message: Any = None, *args: Any, **kwargs: Any) -> None:
        echo(translate_output(message) if isinstance(message, str) else message, *args, **kwargs)

    setattr(exceptions, "echo", translated_echo)  # noqa: B010
