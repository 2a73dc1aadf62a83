"""Use cases on KPI sources: attach a file and a query, and refresh the KPI's measurements from them.

A refresh writes the query's rows up to today as measurements (a date that already has one takes the new
value), all or nothing, and leaves out and counts the rows dated after it (a plan's weeks to come); a
failing query changes no measurement and its error is kept, in words, for the page. A new file is
queried once: the rows that prove it works are the measurements written with it. From the page,
a large file is refreshed by a background job with its progress (``source_jobs``).
``refresh_due_sources`` refreshes each source on its KPI's frequency (``jalon worker``).

A source's file is named relative to the uploads folder (``kpi-sources/<kpi>/<random>.<suffix>``) and
found under the current JALON_HOME when read, so a restored backup or a moved home keeps its sources.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.documents.tables import OLD_OFFICE_SIGNATURE, file_label, old_excel_hint
from jalon.errors import ValidationFailed
from jalon.history import origin
from jalon.jobs.registry import Progress
from jalon.strategy.kpis import services as measurements
from jalon.strategy.kpis.source_words import Day, Words, said_in_each_language, shown
from jalon.strategy.kpis.sources import SOURCE_SUFFIXES, SourceError, checked_query, run_query
from jalon.strategy.models import KPI, KPISource
from jalon.workspaces.permissions import require, require_actor

logger = logging.getLogger(__name__)

MAX_SOURCE_BYTES = 50 * 1024 * 1024
BACKGROUND_FROM_BYTES = 1_000_000
"""From this file size a refresh asked from the page runs as a background job (the 2 MB CDNOW orders
file takes about 2 seconds) at once; a smaller file runs inline within ``INLINE_SECONDS``."""
INLINE_SECONDS = 2.0
"""How long a smaller file's run may hold the page: past it DuckDB is stopped and the run handed over to a
background job (``RunsLong``). No size read beforehand tells: a Parquet file of 48 kB took 1.35 s quiet
and 28 s under load (its footer says 2,000 rows, 260 kB), and a query joining a table of 2,000 rows to
itself runs for minutes over a file of 30 kB."""


def source_file(source: KPISource) -> Path:
    """Where ``source``'s file is under the current uploads folder; :class:`SourceError` in words for a
    stored name that would lead out of it (absolute, or going up with "..")."""
    return _stored_file(source.stored_path)


def _stored_file(stored_path: str) -> Path:
    name = PurePosixPath(stored_path)
    refused = SourceError(
        gettext_noop("The data file of this source is not in the uploads folder; attach it again.")
    )
    if not stored_path or name.is_absolute() or ".." in name.parts or "\\" in stored_path:
        raise refused
    try:
        return Path(default_storage.path(stored_path))
    except SuspiciousFileOperation as error:
        raise refused from error


def _remove_stored(stored_path: str) -> None:
    with contextlib.suppress(SourceError):  # a name out of the folder is never followed
        _stored_file(stored_path).unlink(missing_ok=True)


@dataclass(frozen=True)
class LaterRows:
    """The query's rows dated after today, left out of a refresh: how many, and their first and last day.

    A source's file is often a plan or a budget with weeks or months still to come; its rows up to today
    are measurements, the later ones are not observations yet (``measurements.checked`` refuses them), so
    they are left out and said, rather than failing the whole refresh."""

    count: int
    first: date
    last: date

    def words(self) -> str:
        """In the active language, dates in the page's short format."""
        if self.count == 1:
            return _("1 row dated after today was left out: {day}.").format(day=_short(self.first))
        return ngettext(
            "{count} row dated after today was left out: {first} to {last}.",
            "{count} rows dated after today were left out: {first} to {last}.",
            self.count,
        ).format(count=self.count, first=_short(self.first), last=_short(self.last))

    def as_params(self) -> dict[str, object]:
        """As a job's result keeps it (JSON), to be said in the reader's language when the page shows it."""
        return {"count": self.count, "first": self.first.isoformat(), "last": self.last.isoformat()}

    @classmethod
    def from_params(cls, params: object) -> LaterRows | None:
        if not isinstance(params, dict):
            return None
        try:
            first, last = date.fromisoformat(str(params["first"])), date.fromisoformat(str(params["last"]))
            return cls(int(params["count"]), first, last)
        except (KeyError, TypeError, ValueError):
            return None


def left_out(source: KPISource) -> LaterRows | None:
    """The rows ``source``'s last refresh left out for being dated after today (kept with the refresh, said
    on the KPI's page until the next one), None when it kept them all or never ran."""
    return LaterRows.from_params(source.later_rows) if source.refreshed_at is not None else None


def last_error(source: KPISource) -> str:
    """``source``'s last error in the reader's language, whoever refreshed (an error kept as plain text
    before errors were kept as message ids is shown as it was written); empty when it has none."""
    return shown(source.error, source.error_params) if source.error else ""


def _short(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class SourceOutcome(measurements.BulkOutcome):
    """The measurements a refresh wrote, and the query's rows it left out for being dated after today (kept
    on the source too: ``left_out``)."""

    later: LaterRows | None = None

    @property
    def count(self) -> int:
        return self.added + self.replaced


def refreshed_words(count: int, later: LaterRows | None) -> str:
    """What a refresh did, as the KPI's page and ``jalon worker`` say it (in the active language): how many
    measurements it wrote, then the rows it left out for being dated after today."""
    refreshed = ngettext(
        "Refreshed: {count} measurement from the query.",
        "Refreshed: {count} measurements from the query.",
        count,
    ).format(count=count)
    return f"{refreshed} {later.words()}" if later is not None else refreshed


@dataclass(frozen=True)
class Attached:
    source: KPISource
    refreshed: SourceOutcome | None
    """The measurements written from a new file's rows; None when only the query changed (not run)."""


def attach_source(
    *, actor: User, kpi: KPI, upload: UploadedFile | None, query: str, budget: float | None = None
) -> Attached:
    """Keep the file (a new one replaces the old) and the query; the first attachment needs a file.

    A new file is all or nothing: it is read and the query run over it once; its rows are written as
    measurements in the transaction that keeps the file and the query (a refresh done with the
    attachment, never a second run). If the query fails the error is raised in words, the new file
    leaves the uploads folder and the source (its old file and query, or no source at all) and the
    measurements are as they were. The old file leaves once the new one is committed. Without a file only
    the query is kept: the caller refreshes (inline or in the background). A large file is kept with
    :func:`keep_file` and attached by a background job with :func:`attach_kept`, in the same way."""
    require(actor, "edit", kpi.roadmap)
    require_query(query)
    existing = KPISource.objects.filter(kpi=kpi).first()
    if upload is None:  # a new query over the kept file: kept with its measurements, or not at all
        if existing is None:
            raise ValidationFailed({"file": [_("Choose a data file.")]})
        outcome = refresh_source(actor=actor, kpi=kpi, query=query, budget=budget)
        return Attached(KPISource.objects.get(pk=existing.pk), outcome)
    kept = keep_file(actor=actor, kpi=kpi, upload=upload)
    return attach_kept(actor=actor, kpi=kpi, kept=kept, query=query, budget=budget)


def require_query(query: str) -> None:
    """:class:`ValidationFailed` in words for a query that cannot be a source's (empty, too long, several
    statements), before anything is kept: a megabyte of query took 10 seconds to refuse, each time."""
    try:
        checked_query(query)
    except SourceError as error:
        raise ValidationFailed({"query": error.messages()}) from error


@dataclass(frozen=True)
class KeptFile:
    """A new data file saved under the uploads folder, not attached yet: its label and stored name."""

    name: str
    stored: str


def attaches_in_background(upload: UploadedFile | None) -> bool:
    """Whether attaching ``upload`` from the page is slow enough for a background job."""
    return upload is not None and (upload.size or 0) >= BACKGROUND_FROM_BYTES


def keep_file(*, actor: User, kpi: KPI, upload: UploadedFile) -> KeptFile:
    """Check a new data file (its kind, its size) and save it under the uploads folder, unattached; in
    words (ValidationFailed) when it cannot be a source's file."""
    require(actor, "edit", kpi.roadmap)
    name = file_label(upload.name or "")
    head = upload.read(len(OLD_OFFICE_SIGNATURE))
    upload.seek(0)
    if hint := old_excel_hint(head, _):
        raise ValidationFailed({"file": [hint]})
    if not name.lower().endswith(SOURCE_SUFFIXES):
        raise ValidationFailed({"file": [_("Choose a CSV, text, XLSX or Parquet file.")]})
    if (upload.size or 0) > MAX_SOURCE_BYTES:
        raise ValidationFailed({"file": [_("The file is larger than 50 MB.")]})
    stored = default_storage.save(f"{_folder(kpi)}{uuid.uuid4().hex}{Path(name).suffix.lower()}", upload)
    return KeptFile(name, stored)


def _folder(kpi: KPI) -> str:
    return f"kpi-sources/{kpi.pk}/"


def attach_kept(
    *,
    actor: User | None,
    kpi: KPI,
    kept: KeptFile,
    query: str,
    progress: Progress | None = None,
    budget: float | None = None,
) -> Attached:
    """Attach the saved file ``kept`` with ``query``: its rows become measurements, all or nothing; on
    any failure the file leaves the uploads folder and the source and measurements are as they were."""
    try:
        require_actor(actor, "edit", kpi.roadmap)
        if not kept.stored.startswith(_folder(kpi)):  # another KPI's file is never taken
            raise ValidationFailed({"file": [_("Choose a data file.")]})
        if progress is not None:
            progress(5, gettext_noop("Reading the data file…"))
        try:
            path, reading = _stored_file(kept.stored), _reading(None)
            found = _query_rows(path, query, reading, loaded=_running(progress), budget=budget)
        except SourceError as error:
            raise ValidationFailed({"query": error.messages()}) from error
        if progress is not None:
            progress(80, gettext_noop("Writing the measurements…"))
        with transaction.atomic():
            existing = KPISource.objects.select_for_update().filter(kpi=kpi).first()
            source = _keep_source(kpi, existing, kept.name, kept.stored, query)
            return Attached(source, _write_measurements(actor, kpi, source, found))
    except BaseException:  # nothing kept: the new file goes too
        _remove_stored(kept.stored)
        raise


def _running(progress: Progress | None) -> Callable[[], None] | None:
    """What tells ``progress`` that the file is loaded and the query runs."""
    if progress is None:
        return None
    return lambda: progress(40, gettext_noop("Running the query…"))


@dataclass(frozen=True)
class QueryRows:
    """The query's rows dated up to today (the measurements to write) and those after it, left out."""

    rows: list[tuple[date, float]]
    later: LaterRows | None


def _reading(source: KPISource | None) -> str:
    """The language whose way reads ``source``'s text dates and numbers: the one its query was kept in, the
    site's for a source kept before it was recorded; the active one for a query being kept (None)."""
    if source is None:
        return get_language() or settings.LANGUAGE_CODE
    return source.reading or settings.LANGUAGE_CODE


def _query_rows(
    path: Path,
    query: str,
    reading: str,
    loaded: Callable[[], None] | None = None,
    budget: float | None = None,
) -> QueryRows:
    """The query's rows over ``path``, as a refresh reads them (text dates and numbers in ``reading``'s
    way when they tell none), split at today (the site's day, as ``measurements.checked`` reads it);
    :class:`SourceError` in words when none is left."""
    rows = run_query(path, query, loaded=loaded, reading=reading, budget=budget)
    if not rows:
        raise SourceError(gettext_noop("The query returned no row."))
    today = timezone.localdate()
    kept = [row for row in rows if row[0] <= today]
    later_days = sorted(day for day, _value in rows if day > today)
    later = LaterRows(len(later_days), later_days[0], later_days[-1]) if later_days else None
    if not kept:
        assert later is not None
        raise SourceError(
            gettext_noop(
                "Every row of the query is dated after today ({first} to {last}): a measurement records "
                "what was observed. Keep the rows up to today, or wait for them."
            ),
            first=Day(later.first),
            last=Day(later.last),
        )
    return QueryRows(kept, later)


def _keep_source(kpi: KPI, existing: KPISource | None, name: str, stored: str, query: str) -> KPISource:
    with transaction.atomic():
        source = existing or KPISource(kpi=kpi)
        replaced = existing.stored_path if existing is not None and existing.stored_path != stored else ""
        source.file_name, source.stored_path = name, stored
        source.query, source.reading = query, _reading(None)  # the way its rows were read, and will be
        source.version = (existing.version + 1) if existing else 1
        source.save()
        if replaced:
            transaction.on_commit(lambda: _remove_stored(replaced), robust=True)
    return source


def refreshes_in_background(kpi: KPI) -> bool:
    """Whether a refresh of ``kpi``'s source from the page is slow enough for a background job."""
    source = KPISource.objects.filter(kpi=kpi).first()
    if source is None:
        return False
    try:
        return source_file(source).stat().st_size >= BACKGROUND_FROM_BYTES
    except (OSError, SourceError):  # a missing or refused file fails inline, in words
        return False


def refresh_source(
    *,
    actor: User | None,
    kpi: KPI,
    progress: Progress | None = None,
    query: str | None = None,
    budget: float | None = None,
) -> SourceOutcome:
    """Run the source's query and write its rows up to today as measurements (the later ones are left out
    and counted in the outcome), or keep its error and raise it. ``progress`` (a background job's) hears
    of each stage. A new ``query`` runs instead and is kept with the measurements it writes, all or
    nothing: refused, the source keeps its query, its error and its way of reading (the worker's next
    round ran the refused query, and the working one was lost)."""
    require_actor(actor, "edit", kpi.roadmap)
    source = KPISource.objects.get(kpi=kpi)
    if query is not None and query == source.query:
        query = None  # the same query: a refresh
    if query is not None:
        require_query(query)
    running, reading = (source.query, _reading(source)) if query is None else (query, _reading(None))

    if progress is not None:
        progress(5, gettext_noop("Reading the data file…"))
    try:
        path = source_file(source)
        if not path.is_file():  # deleted by hand, or an uploads folder not restored with the database
            raise SourceError(
                gettext_noop("The data file {file} is missing; attach it again."), file=source.file_name
            )
        found = _query_rows(path, running, reading, loaded=_running(progress), budget=budget)
    except SourceError as error:
        if query is None:  # the kept query's error, for the page; a new one refused changes nothing
            _keep_error(source, error.words)
        raise ValidationFailed({"query": error.messages()}) from error
    if progress is not None:
        progress(80, gettext_noop("Writing the measurements…"))
    kept = {} if query is None else {"query": query, "reading": reading, "version": F("version") + 1}
    try:
        return _write_measurements(actor, kpi, source, found, kept)
    except ValidationFailed as error:  # a row the KPI refuses (beyond its typed range): kept as its error
        if query is None and isinstance(error.__cause__, SourceError):
            _keep_error(source, error.__cause__.words)
        raise


def _keep_error(source: KPISource, words: Words) -> None:
    """Keep ``words`` as ``source``'s error: its message id and parameters, worded by each reader's page
    (``KPISource.error_text``) in their language, not in the language of whoever refreshed."""
    KPISource.objects.filter(pk=source.pk).update(error=words.message, error_params=words.params_data())


def _refused_rows(kpi: KPI, source: KPISource, found: QueryRows) -> SourceError | None:
    """The KPI's refusal of ``found``'s rows as words kept in each language, as the model's rules say them
    (a source's error, a background job's failure: each reader reads their own); None when its rules
    accept the rows (the refusal came from elsewhere)."""
    refused = said_in_each_language(lambda: _refusals(kpi, source, found))
    if not any(refused.texts.values()):
        return None
    return SourceError(Words("{refusals}", {"refusals": refused}))


def _refusals(kpi: KPI, source: KPISource, found: QueryRows) -> str:
    """What the KPI's rules say of ``found``'s rows, in the active language (empty if they accept them)."""
    try:
        measurements.check_rows(kpi, found.rows, source.file_name[:200])
    except ValidationFailed as error:
        return " ".join(str(m) for messages in error.errors.values() for m in messages)
    return ""


def _write_measurements(
    actor: User | None, kpi: KPI, source: KPISource, found: QueryRows, kept: dict[str, Any] | None = None
) -> SourceOutcome:
    """The query's rows up to today as the KPI's measurements, and the source marked refreshed without
    error (with ``kept``'s changes to it: a new query, in the same transaction). Rows the KPI refuses
    raise :class:`ValidationFailed` caused by a :class:`SourceError` whose words say why in each language."""
    with transaction.atomic():
        try:
            outcome = measurements.add_measurements(
                # the file's name, as an import writes it: stored text in no one language, read on French
                # and English pages alike
                actor=actor,
                kpi=kpi,
                rows=found.rows,
                source=source.file_name[:200],
            )
        except ValidationFailed as error:
            if (refused := _refused_rows(kpi, source, found)) is None:
                raise
            raise error from refused
        later = found.later.as_params() if found.later is not None else {}
        KPISource.objects.filter(pk=source.pk).update(
            error="", error_params=None, refreshed_at=timezone.now(), later_rows=later, **(kept or {})
        )
    return SourceOutcome(added=outcome.added, replaced=outcome.replaced, later=found.later)


@dataclass(frozen=True)
class Refreshed:
    kpi: KPI
    measurements: int
    error: str = ""
    later: LaterRows | None = None


def refresh_due_sources(*, today: date | None = None) -> list[Refreshed]:
    """Refresh every source never refreshed, or whose KPI's next measurement is due (``jalon worker``
    calls this on each round, as the terminal's operator). An archived roadmap's sources are left as
    they are: the roadmap is kept, not run."""
    day = today or timezone.localdate()
    done: list[Refreshed] = []
    sources = KPISource.objects.filter(kpi__roadmap__archived_at__isnull=True)
    for source in sources.select_related("kpi__roadmap__workspace"):
        kpi = source.kpi
        if source.refreshed_at is not None and kpi.due_after(timezone.localdate(source.refreshed_at)) > day:
            continue
        try:
            with origin.acting(origin.Origin.JOB):
                outcome = refresh_source(actor=None, kpi=kpi)
        except ValidationFailed as error:
            message = " ".join(str(m) for msgs in error.errors.values() for m in msgs)
            done.append(Refreshed(kpi, 0, message))
            continue
        except Exception:  # a fault in one source must not stop the others' refresh, nor the worker
            logger.exception("refreshing the source of KPI %s failed", kpi.pk)
            done.append(Refreshed(kpi, 0, _("The refresh failed unexpectedly; the server's log says why.")))
            continue
        done.append(Refreshed(kpi, outcome.count, later=outcome.later))
    return done
