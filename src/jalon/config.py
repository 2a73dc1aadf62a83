"""Settings from JALON_* environment variables, checked once at start.

Every problem is reported as one line naming the variable, so a bad value fails before anything runs.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url

from jalon.i18n import LANGUAGES
from jalon.i18n import gettext as _

SQLITE_BUSY_TIMEOUT_S = 5
"""How long a SQLite write waits for another one to finish before giving up (then a page answers
"busy, try again", jalon.busy). Jalon's write transactions last milliseconds; one still holding the lock
after 5 s is a long job, and the person is better told to come back than left before a frozen page."""

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


SIGNUP_MODES = ("closed", "invite", "open")
"""Who may create an account once the first one exists: nobody but the administrator at the command line
(closed), people invited to a workspace (invite), anyone (open)."""

CONSOLE_EMAIL: dict[str, Any] = {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
_EMAIL_BACKENDS = {
    "console": CONSOLE_EMAIL["EMAIL_BACKEND"],
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


class ConfigError(Exception):
    """A JALON_* variable holds a value Jalon cannot use."""


@dataclass(frozen=True)
class Config:
    home: Path
    database: dict[str, Any]
    debug: bool
    allowed_hosts: list[str]
    language: str
    secret_key: str
    https: bool = False
    trusted_proxies: tuple[str, ...] = ()
    signup: str = "invite"
    email: dict[str, Any] = field(default_factory=lambda: dict(CONSOLE_EMAIL))
    source_memory_mb: int = 1024
    source_seconds: int = 60


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(_("{name} must be true or false, not {value!r}.").format(name=name, value=raw))


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def _private_folder(path: Path) -> None:
    """Create ``path`` readable by its owner only (an existing folder keeps the rights it was given)."""
    if not path.exists():
        path.mkdir(parents=True, mode=PRIVATE_FOLDER)
        path.chmod(PRIVATE_FOLDER)  # mkdir's mode goes through the umask


def _home() -> Path:
    home = Path(os.environ.get("JALON_HOME", "./var")).expanduser().resolve()
    try:
        _private_folder(home)
        _private_folder(home / "uploads")
        (home / "static").mkdir(exist_ok=True)
    except OSError as error:
        raise ConfigError(
            _("JALON_HOME {path} cannot be created: {error}").format(path=home, error=error.strerror)
        ) from error
    return home


def _database(home: Path) -> dict[str, Any]:
    url = os.environ.get("JALON_DATABASE_URL", "").strip()
    if not url:
        path = home / "jalon.sqlite3"
        # Created by its owner for its owner: SQLite gives its -wal and -shm files the same rights.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_BUSY_TIMEOUT_S,
            },
            # Tests run on a file in WAL mode like Jalon itself, not on Django's default in-memory
            # shared-cache database: there a reader's table lock fails another thread's write at once
            # ("database table is locked"), which Jalon's real database never does.
            "TEST": {"NAME": str(home / "test.sqlite3")},
        }
    if not url.startswith(("postgres://", "postgresql://")):
        raise ConfigError(
            _("JALON_DATABASE_URL must be a postgresql:// URL, not {value!r}.").format(value=url)
        )
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as error:
        raise ConfigError(_("JALON_DATABASE_URL is not a valid URL: {error}").format(error=error)) from error
    if not config.get("NAME"):
        raise ConfigError(_("JALON_DATABASE_URL must name a database."))
    return config


def _secret_key(home: Path) -> str:
    path = home / "secret_key"
    if not path.exists():
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_urlsafe(50))
    return path.read_text(encoding="utf-8").strip()


def _trusted_proxies() -> tuple[str, ...]:
    raw = os.environ.get("JALON_TRUSTED_PROXY", "").strip()
    addresses = tuple(a.strip() for a in raw.split(",")) if raw else ()
    for address in addresses:
        try:
            ipaddress.ip_network(address)
        except ValueError as error:
            raise ConfigError(
                _("JALON_TRUSTED_PROXY must list IP addresses or networks, not {value!r}.").format(
                    value=address
                )
            ) from error
    return addresses


def _signup() -> str:
    mode = os.environ.get("JALON_SIGNUP", "invite").strip().lower() or "invite"
    if mode not in SIGNUP_MODES:
        raise ConfigError(
            _("JALON_SIGNUP must be one of {choices}, not {value!r}.").format(
                choices=", ".join(SIGNUP_MODES), value=mode
            )
        )
    return mode


def _positive(name: str, default: int, least: int) -> int:
    """A whole number of at least ``least`` (a KPI source's memory in MB, its seconds)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < least:
        raise ConfigError(
            _("{name} must be a whole number of at least {least}, not {value!r}.").format(
                name=name, least=least, value=raw
            )
        )
    return int(raw)


def email_settings(url: str) -> dict[str, Any]:
    """Django's EMAIL_* settings from a URL: ``console:`` (the default, mail printed in the server's
    output), ``smtp://user:password@host:587?starttls=true`` or ``smtps://user:password@host:465``
    (TLS from the start); ``?from=jalon@example.com`` sets the sender."""
    url = url.strip()
    if not url:
        return dict(CONSOLE_EMAIL)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _EMAIL_BACKENDS:
        raise ConfigError(
            _("JALON_EMAIL_URL must start with console:, smtp:// or smtps://, not {value!r}.").format(
                value=url.split(":", 1)[0]
            )
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    result: dict[str, Any] = {"EMAIL_BACKEND": _EMAIL_BACKENDS[scheme]}
    if query.get("from"):
        result["DEFAULT_FROM_EMAIL"] = result["SERVER_EMAIL"] = query["from"]
    if scheme == "console":
        return result
    try:
        port = parts.port
    except ValueError as error:
        raise ConfigError(_("JALON_EMAIL_URL has an invalid port.")) from error
    if not parts.hostname:
        raise ConfigError(_("JALON_EMAIL_URL must name a mail server."))
    result.update(
        EMAIL_HOST=parts.hostname,
        EMAIL_PORT=port or (465 if scheme == "smtps" else 25),
        EMAIL_HOST_USER=unquote(parts.username or ""),
        EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
        EMAIL_USE_SSL=scheme == "smtps",
        EMAIL_USE_TLS=scheme == "smtp" and query.get("starttls", "").lower() in _TRUE,
        EMAIL_TIMEOUT=30,
    )
    return result


def load() -> Config:
    home = _home()
    language = os.environ.get("JALON_LANGUAGE", "fr").strip().lower()
    if language not in LANGUAGES:
        raise ConfigError(
            _("JALON_LANGUAGE must be one of {choices}, not {value!r}.").format(
                choices=", ".join(LANGUAGES), value=language
            )
        )
    hosts = [h.strip() for h in os.environ.get("JALON_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]
    if not all(hosts):
        raise ConfigError(_("JALON_ALLOWED_HOSTS must be a comma-separated list of host names."))
    return Config(
        home=home,
        database=_database(home),
        debug=_bool("JALON_DEBUG", False),
        allowed_hosts=hosts,
        language=language,
        secret_key=_secret_key(home),
        https=_bool("JALON_HTTPS", False),
        trusted_proxies=_trusted_proxies(),
        signup=_signup(),
        email=email_settings(os.environ.get("JALON_EMAIL_URL", "")),
        source_memory_mb=_positive("JALON_SOURCE_MEMORY_MB", 1024, 256),
        source_seconds=_positive("JALON_SOURCE_SECONDS", 60, 1),
    )
