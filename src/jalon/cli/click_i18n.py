"""Click's and Typer's own words ("Usage:", "Options", "Missing option"...) in the command line's language.

Click and Typer translate through the standard library's ``gettext`` with no catalogue of their own, so
they always speak English. ``install`` points their modules' ``_`` and ``ngettext`` at Jalon's catalogue
(jalon.i18n, which follows JALON_LANGUAGE and a command's --lang). Their strings are repeated below, marked
but never called, so that ``make messages`` puts them in the French catalogue; a string Click adds in a
later version stays English until it is added here.
"""

from __future__ import annotations

import importlib

from jalon.i18n import gettext, ngettext

MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "typer.core",
)


def gettext_noop(message: str) -> str:
    return message


MESSAGES = (
    gettext_noop("Usage:"),
    gettext_noop("Options"),
    gettext_noop("Arguments"),
    gettext_noop("Commands"),
    gettext_noop("Positional arguments"),
    gettext_noop("Show this message and exit."),
    gettext_noop("Show the version and exit."),
    gettext_noop("%(prog)s, version %(version)s"),
    gettext_noop("Aborted!"),
    gettext_noop("deprecated"),
    gettext_noop("required"),
    gettext_noop("default: {default}"),
    gettext_noop("env var: {var}"),
    gettext_noop("(dynamic)"),
    gettext_noop("Error: {message}"),
    gettext_noop("Try '{command} {option}' for help."),
    gettext_noop("Missing command."),
    gettext_noop("Missing argument"),
    gettext_noop("Missing option"),
    gettext_noop("Missing parameter"),
    gettext_noop("Missing parameter: {param_name}"),
    gettext_noop("Missing {param_type}"),
    gettext_noop("No such option {name!r}."),
    gettext_noop("No such command {name!r}."),
    gettext_noop("Invalid value: {message}"),
    gettext_noop("Invalid value for {param_hint}: {message}"),
    gettext_noop("Value must be an iterable."),
    gettext_noop("unknown error"),
    gettext_noop("Could not open file {filename!r}: {message}"),
    gettext_noop("Option {name!r} does not take a value."),
    gettext_noop("Argument {name!r} takes {nargs} values."),
    gettext_noop("Choose from:\n\t{choices}"),
    gettext_noop("{value} is not in the range {range}."),
    gettext_noop("{value!r} is not a valid boolean. Recognized values: {states}"),
    gettext_noop("{value!r} is not a valid {number_type}."),
    gettext_noop("{value!r} is not a valid UUID."),
    gettext_noop("file"),
    gettext_noop("directory"),
    gettext_noop("path"),
    gettext_noop("{name} {filename!r} is a file."),
    gettext_noop("{name} {filename!r} is a directory."),
    gettext_noop("{name} {filename!r} is not readable."),
    gettext_noop("{name} {filename!r} is not writable."),
    gettext_noop("{name} {filename!r} is not executable."),
    gettext_noop("{name} {filename!r} does not exist."),
    gettext_noop("Do you want to continue?"),
    gettext_noop("Confirm the action without prompting."),
    gettext_noop("Repeat for confirmation"),
    gettext_noop("Error: The two entered values do not match."),
    gettext_noop("Error: invalid input"),
    gettext_noop("Press any key to continue..."),
)


def _plurals() -> tuple[str, ...]:
    """Never called: shows ``make messages`` the plural strings (xgettext reads ``ngettext`` calls)."""
    return (
        ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1),
        ngettext("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.", 1),
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1),
        ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1),
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1),
        ngettext(
            "{value!r} does not match the format {format}.",
            "{value!r} does not match the formats {formats}.",
            1,
        ),
        ngettext(
            "{len_type} values are required, but {len_value} was given.",
            "{len_type} values are required, but {len_value} were given.",
            1,
        ),
    )


def install() -> None:
    """Make Click and Typer translate through Jalon's catalogue from now on (idempotent)."""
    for name in MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
