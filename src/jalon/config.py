"""Settings from JALON_* environment variables, checked once at start.

Every problem is reported as one line naming the variable, so a bad value fails before anything runs.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url

from jalon.i18n import LANGUAGES
from jalon.i18n import gettext as _

SQLITE_BUSY_TIMEOUT_S = 20
"""How long a SQLite write waits for another one to finish before giving up."""

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


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


def _home() -> Path:
    home = Path(os.environ.get("JALON_HOME", "./var")).expanduser().resolve()
    try:
        home.mkdir(parents=True, exist_ok=True)
        (home / "uploads").mkdir(exist_ok=True)
        (home / "static").mkdir(exist_ok=True)
    except OSError as error:
        raise ConfigError(
            _("JALON_HOME {path} cannot be created: {error}").format(path=home, error=error.strerror)
        ) from error
    return home


def _database(home: Path) -> dict[str, Any]:
    url = os.environ.get("JALON_DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(home / "jalon.sqlite3"),
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
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


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
    )
