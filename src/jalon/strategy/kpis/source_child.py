"""The child process that runs a KPI source's DuckDB work, under an operating-system memory cap.

DuckDB's ``memory_limit`` bounds its buffer pool, not every allocation: a query whose strings differ per
row (``length(repeat('x', 1000000 + i))``) took about 2 GB per chunk inside DuckDB whatever it said, for
about 50 seconds, in the web server's or the worker's own process. Run here, such a query meets the
process's ``RLIMIT_DATA`` (set before DuckDB is imported) and fails, or the child dies; either way the
server's memory never grows and the parent says it in words (``sources.run_query``).

Started as ``python -m jalon.strategy.kpis.source_child <parent pid>`` (never a fork of a threaded Django
process), it first makes sure it ends with its parent (``end_with_parent``), then reads one pickled
request on its standard input and writes pickled messages on its standard output: ``("loaded",)`` once the
file is read, then ``("rows", names, columns, rows)`` or ``("error", what, ...)``.
It imports neither Django nor the rest of Jalon: the words are the parent's.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import resource
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

# The Python types of a result column that reach the parent as they are; any other is cast to text by
# DuckDB and cut at ``cut`` characters (the parent's MAX_CELL_CHARS).
_SCALAR_TYPES = frozenset(
    {
        "date",
        "timestamp",
        "timestamp_s",
        "timestamp_ms",
        "timestamp_ns",
        "timestamp with time zone",
        "boolean",
    }
    | {"tinyint", "smallint", "integer", "bigint", "hugeint", "utinyint", "usmallint", "uinteger"}
    | {"ubigint", "uhugeint", "float", "double", "decimal"}
)


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
PARENT_CHECK_SECONDS = 0.5  # where the kernel cannot say the parent died, how often the child looks


def end_with_parent(parent: int) -> None:
    """End this process when ``parent`` (the web server's or the worker's process) dies: a server killed
    mid-query (out of memory, SIGKILL, a crash) left its child running DuckDB until the child's own time
    limit, a minute and more of a core and up to ``JALON_SOURCE_MEMORY_MB``.

    On Linux the kernel sends SIGKILL the moment the parent dies (``PR_SET_PDEATHSIG``): no thread of this
    process has to run for it, so a DuckDB call holding the interpreter stops as well. The parent may have
    died before the request was set, so ``os.getppid()`` is compared with it right after (an orphan's
    parent is another process). Elsewhere, or if ``prctl`` is refused, a daemon thread looks every
    ``PARENT_CHECK_SECONDS``. Standard input is no sign: the parent closes it once the request is sent."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            watched = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            watched = False
    else:
        watched = False
    if os.getppid() != parent:  # it died before the request to the kernel (or between)
        os._exit(PARENT_GONE)
    if not watched:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(PARENT_GONE)


def cap_memory(megabytes: int) -> None:
    """At most ``megabytes`` of data for this process (heap and private mappings: DuckDB's allocator).
    ``RLIMIT_AS`` would count DuckDB's reserved but unused address space too, and refused normal queries."""
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


@contextmanager
def _stopped_after(connection: Any, seconds: float) -> Iterator[None]:
    """Within: DuckDB's statement on ``connection`` is interrupted after ``seconds``."""
    timer = threading.Timer(seconds, connection.interrupt)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _cut(text: str, cut: int) -> str:
    """SQL for ``text`` cut at ``cut`` characters, ending with "…" when cut: a cut text is never read as a
    date or a number it did not say (``5`` followed by a thousand spaces and ``x``)."""
    return f"CASE WHEN length({text}) > {cut} THEN left({text}, {cut}) || '…' ELSE {text} END"


def _bounded_rows(
    connection: Any, statement: str, rows: int, cut: int
) -> tuple[int, list[tuple[object, ...]]]:
    """How many columns ``statement`` returns and, when they are two, its first ``rows`` rows with every
    text cut at ``cut`` by DuckDB (a statement returning nothing, such as a comment alone or SET, has no
    column)."""
    relation = connection.sql(statement)  # bound, not run: its columns and their types
    if relation is None:
        return 0, []
    if len(relation.columns) != 2:
        return len(relation.columns), []
    if all(kind.id in _SCALAR_TYPES for kind in relation.types):  # dates and numbers only: run as written
        return 2, connection.execute(statement).fetchmany(rows)
    # through a relation, DuckDB sorted 10 million rows two to three times slower: kept for texts only
    cells = ", ".join(
        name if kind.id in _SCALAR_TYPES else _cut(f"CAST({name} AS VARCHAR)", cut)
        for name, kind in zip(("q.day", "q.value"), relation.types, strict=True)
    )
    bounded = relation.query("result", f"SELECT {cells} FROM result AS q(day, value) LIMIT {rows}")
    return 2, bounded.fetchall()


def run(request: dict[str, Any], out: IO[bytes]) -> None:
    """Load the file of ``request`` into the table ``data``, lock DuckDB, run the statement; each message
    is written to ``out``. DuckDB's errors are sent as their class name and text, for the parent to say."""
    import duckdb

    def send(*message: object) -> None:
        pickle.dump(message, out)
        out.flush()

    seconds = float(request["seconds"])
    started = time.monotonic()
    connection = duckdb.connect(":memory:", config=request["settings"])
    try:
        with _stopped_after(connection, seconds):
            if request["parquet"]:
                connection.execute("CREATE TABLE data AS SELECT * FROM read_parquet(?)", [request["path"]])
            else:
                read = f"CREATE TABLE data AS SELECT * FROM read_csv(?, {request['csv']})"
                connection.execute(read, [request["path"]])
        send("loaded")
        names = [
            str(column[0]) for column in connection.execute("SELECT * FROM data LIMIT 0").description or ()
        ]
        connection.execute("SET enable_external_access = false")
        connection.execute("SET lock_configuration = true")
        # an inline budget is for reading and query together; otherwise each step has its seconds
        left = max(0.1, seconds - (time.monotonic() - started)) if request.get("whole") else seconds
        try:
            with _stopped_after(connection, left):
                columns, rows = _bounded_rows(
                    connection, request["statement"], request["rows"], request["cut"]
                )
        except duckdb.InterruptException:
            return send("error", "query_too_long")
        except duckdb.OutOfMemoryException as error:
            return send("error", "query", type(error).__name__, str(error), names)
        except MemoryError:
            return send("error", "memory")
        except duckdb.Error as error:
            return send("error", "query", type(error).__name__, str(error), names)
        send("rows", names, columns, rows)
    except duckdb.InterruptException:
        send("error", "file_too_long")
    except duckdb.OutOfMemoryException:
        send("error", "file_too_large")
    except MemoryError:
        send("error", "memory")
    except duckdb.Error as error:
        send("error", "unreadable", str(error))
    finally:
        connection.close()


MEMORY_EXIT = 3  # the exit status when Python itself ran out of memory (read by source_process)
PARENT_GONE = 4  # the exit status when the parent died first (no one reads it)


def main() -> None:
    if len(sys.argv) > 1:  # the parent's pid, as the parent knows it (``source_process.run_child``)
        end_with_parent(int(sys.argv[1]))
    request = pickle.load(sys.stdin.buffer)
    cap_memory(int(request["memory_mb"]))
    try:
        run(request, sys.stdout.buffer)
    except MemoryError:
        os._exit(MEMORY_EXIT)


if __name__ == "__main__":
    main()
