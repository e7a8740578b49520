"""The analyst SQL console: one read-only statement over ``marts`` and ``reports``, nothing more.

Each run goes through these layers, any of which refuses the query on its own:

1. **Parse** (DuckDB's own parser, ``extract_statements``): exactly one statement, of type
   ``SELECT`` (which covers ``WITH``, ``VALUES``, ``FROM …``, ``DESCRIBE``, ``SHOW``,
   ``SUMMARIZE``). ``COPY``, ``EXPORT``, ``ATTACH``, ``DETACH``, ``INSTALL``/``LOAD``, ``SET``,
   ``RESET``, ``PRAGMA``, ``CALL`` and every write are refused before anything runs.
2. **A private process** (this file, run as a script) with operating-system limits: address
   space (``RLIMIT_AS``), CPU seconds and no file may be written (``RLIMIT_FSIZE`` 0). It is
   killed when the time limit plus a grace period has passed, so even a single uninterruptible
   function call (``len(range(10^9))``) cannot hold the machine.
3. **A private in-memory database** in that process. It attaches the published warehouse
   ``READ_ONLY``, copies the tables of ``marts`` and ``reports`` (small: a few MB), detaches the
   file, then disables external access (no file, network, extension or secret access: no
   ``read_csv('/etc/passwd')``, no ``COPY … TO``, no ``httpfs``), turns extension autoloading and
   autoinstalling off and locks the configuration, so ``SET``/``RESET``/``PRAGMA`` cannot undo
   any of it. Only ``marts`` and ``reports`` exist in it; the other schemas of the warehouse
   (``raw``, ``staging``, ``intermediate``) are not reachable, and the file is never written
   (it is opened read-only and detached before the analyst's statement runs).
4. **Limits on the statement**: memory (``memory_limit``, no spilling to disk), threads, a timer
   that calls ``connection.interrupt()`` at the time limit, at most ``max_rows`` + 1 rows
   fetched (the result says when it was cut), and a cap on the size of the result.

A fresh process and database serve every run, so a newly published warehouse (``make build``
replaces the file by atomic rename) is seen by the next run. The module imports neither
Streamlit nor pandas at import time; every refusal is a :class:`SandboxError` with a message
key (translated by the page) and an English message, never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

MEMORY_LIMIT = "1GB"
"""DuckDB ``memory_limit`` of the console's database (nothing spills to disk)."""
THREADS = 1
"""DuckDB ``threads`` of the console's database."""
TIME_LIMIT_S = 5.0
"""Default time limit of one statement, in seconds."""
MAX_ROWS = 1000
"""Default number of rows returned; one more is fetched to tell that the result was cut."""
MAX_SQL_CHARS = 20_000
"""Longest statement accepted."""
MAX_RESULT_BYTES = 50 * 2**20
"""Largest result (Arrow bytes of the returned rows) sent back to the page."""
ADDRESS_SPACE_BYTES = 5 * 2**29
"""``RLIMIT_AS`` of the console's process: DuckDB's memory limit plus the interpreter's own
address space, so that allocations DuckDB does not account (one huge value) fail too."""
GRACE_S = 1.0
"""Seconds after the time limit (and the process start) before the process is killed."""
STARTUP_S = 3.0
"""Seconds allowed for the process to start and copy the marts before the query runs."""
MAX_CONCURRENT_RUNS = 2
"""Statements run at the same time by the whole app; others wait, then are told to retry."""
BUSY_WAIT_S = 10.0
"""Seconds a run waits for a free slot before it is refused as busy."""
SCHEMAS = ("marts", "reports")
"""The only schemas visible in the console."""

READY = b"ready\n"
ALLOWED_TYPES = frozenset({duckdb.StatementType.SELECT})

_slots = threading.BoundedSemaphore(MAX_CONCURRENT_RUNS)

MESSAGES = {
    "empty": "Write a query first.",
    "too_long": "The query is too long (at most {max_chars:,} characters).",
    "syntax": "The query could not be read: {detail}",
    "multiple": "Only one statement per run: this console runs a single read-only query "
    "(SELECT, WITH, VALUES, FROM, DESCRIBE, SUMMARIZE).",
    "not_read": "Only one read-only query (SELECT, WITH, VALUES, FROM, DESCRIBE, SUMMARIZE) is "
    "allowed: {kind} statements are refused in this console.",
    "file_access": "File, network and extension access are disabled in this console.",
    "attach": "Attaching or detaching databases is disabled in this console.",
    "extension": "Installing or loading extensions is disabled in this console.",
    "settings": "Settings are locked in this console (SET, RESET and PRAGMA are refused).",
    "timeout": "The query was stopped after {seconds:g} s (the console's time limit).",
    "memory": "The query needed more memory than the console allows ({memory}).",
    "too_large": "The result is too large to show (more than {max_mb} MB); select fewer columns or rows.",
    "busy": "The console is busy with other queries; try again in a moment.",
    "no_warehouse": "No published warehouse at {path}: run `make build`.",
    "failed": "The query failed: {detail}",
    "crashed": "The query could not be completed (the console's process stopped).",
}

_KIND_REASONS = {
    "COPY": "file_access",
    "COPY_DATABASE": "file_access",
    "EXPORT": "file_access",
    "ATTACH": "attach",
    "DETACH": "attach",
    "LOAD": "extension",
    "EXTENSION": "extension",
    "SET": "settings",
    "VARIABLE_SET": "settings",
    "PRAGMA": "settings",
}


class SandboxError(Exception):
    """A refused or failed run; ``code`` keys the translated message, ``params`` fill it in."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code].format(**params))

    @property
    def message(self) -> str:
        return str(self)


@dataclass
class Result:
    """The rows of one run: at most ``max_rows``; ``truncated`` when the query returned more."""

    frame: Any  # pandas.DataFrame
    truncated: bool
    elapsed_s: float
    max_rows: int
    columns: list[str] = field(default_factory=list)
    wall_s: float = 0.0

    @property
    def n_rows(self) -> int:
        return len(self.frame)


def _detail(error: BaseException) -> str:
    """DuckDB's message of an error, shortened to 600 characters."""
    text = str(error).strip()
    return text if len(text) <= 600 else text[:600] + "…"


def check_statement(sql: str) -> str:
    """The one read-only statement of ``sql``; raises :class:`SandboxError` otherwise."""
    if not sql or not sql.strip() or not sql.strip().strip(";").strip():
        raise SandboxError("empty")
    if len(sql) > MAX_SQL_CHARS:
        raise SandboxError("too_long", max_chars=MAX_SQL_CHARS)
    parser = duckdb.connect(":memory:", config={"enable_external_access": False})
    try:
        statements = parser.extract_statements(sql)
    except duckdb.Error as error:
        raise SandboxError("syntax", detail=_detail(error)) from None
    finally:
        parser.close()
    if not statements:
        raise SandboxError("empty")
    if len(statements) > 1:
        raise SandboxError("multiple")
    statement = statements[0]
    if statement.type not in ALLOWED_TYPES:
        kind = statement.type.name
        raise SandboxError(_KIND_REASONS.get(kind, "not_read"), kind=kind)
    return statement.query.strip().rstrip(";").strip()


def _classify(error: BaseException, time_limit_s: float, interrupted: bool) -> SandboxError:
    """The user-facing refusal for an error DuckDB raised while running the statement."""
    text = str(error)
    if interrupted or isinstance(error, duckdb.InterruptException):
        return SandboxError("timeout", seconds=time_limit_s)
    if isinstance(error, (duckdb.OutOfMemoryException, MemoryError)):
        return SandboxError("memory", memory=MEMORY_LIMIT)
    if isinstance(error, duckdb.PermissionException) or "disabled by configuration" in text:
        return SandboxError("file_access")
    if "configuration has been locked" in text:
        return SandboxError("settings")
    return SandboxError("failed", detail=_detail(error))


# --- the console's process ----------------------------------------------------------------------


def _limit_process(time_limit_s: float) -> None:
    """Operating-system limits of the console's own process (where the platform has them)."""
    try:
        import resource
    except ImportError:  # not a POSIX system: DuckDB's own limits still apply
        return
    limits = {
        "RLIMIT_AS": ADDRESS_SPACE_BYTES,
        "RLIMIT_FSIZE": 0,
        "RLIMIT_CORE": 0,
        "RLIMIT_CPU": int(STARTUP_S + time_limit_s + GRACE_S) + 2,
    }
    for name, value in limits.items():
        kind = getattr(resource, name, None)
        if kind is None:
            continue
        _, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(kind, (value, hard if name == "RLIMIT_CPU" else value))
    with contextlib.suppress(OSError):
        os.nice(5)


def _open_database(db: str) -> duckdb.DuckDBPyConnection:
    """An in-memory database holding a copy of ``marts`` and ``reports``, then locked down."""
    con = duckdb.connect(
        ":memory:",
        config={
            "memory_limit": MEMORY_LIMIT,
            "threads": THREADS,
            "temp_directory": "",
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "allow_community_extensions": False,
            "allow_unsigned_extensions": False,
            "python_enable_replacements": False,
        },
    )
    escaped = db.replace("'", "''")
    con.execute(f"attach '{escaped}' as warehouse (read_only)")
    relations = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = 'warehouse' and table_schema in (select unnest(?)) order by 1, 2",
        [list(SCHEMAS)],
    ).fetchall()
    for schema in SCHEMAS:
        con.execute(f'create schema memory."{schema}"')
    for schema, name in relations:
        quoted = '"' + name.replace('"', '""') + '"'
        con.execute(f'create table memory."{schema}".{quoted} as select * from warehouse."{schema}".{quoted}')
    con.execute("use memory")
    con.execute("detach warehouse")
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


def _child() -> None:
    """Run one request read from stdin; write a JSON header line and the rows as Arrow IPC."""
    request = json.loads(sys.stdin.readline())
    _limit_process(request["time_limit_s"])
    out = sys.stdout.buffer

    def reply(header: dict, payload: bytes = b"") -> None:
        out.write(json.dumps(header).encode() + b"\n" + payload)
        out.flush()

    try:
        sql = check_statement(request["sql"])
        con = _open_database(request["db"])
    except SandboxError as error:
        reply({"error": error.code, "params": error.params})
        return
    except duckdb.Error as error:
        reply({"error": "failed", "params": {"detail": _detail(error)}})
        return

    import pyarrow as pa  # before the clock starts
    import pyarrow.ipc as ipc

    out.write(READY)
    out.flush()
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        con.interrupt()

    timer = threading.Timer(request["time_limit_s"], stop)
    timer.daemon = True
    started = time.perf_counter()
    timer.start()
    try:
        table = con.sql(sql).limit(request["max_rows"] + 1).to_arrow_table()
    except BaseException as error:  # noqa: BLE001 - every failure becomes a message
        timer.cancel()
        refusal = _classify(error, request["time_limit_s"], stopped.is_set())
        reply({"error": refusal.code, "params": refusal.params})
        return
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - started
    truncated = table.num_rows > request["max_rows"]
    if truncated:
        table = table.slice(0, request["max_rows"])
    if table.nbytes > MAX_RESULT_BYTES:
        reply({"error": "too_large", "params": {"max_mb": MAX_RESULT_BYTES // 2**20}})
        return
    sink = pa.BufferOutputStream()
    with ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    reply({"ok": True, "truncated": truncated, "elapsed_s": elapsed}, sink.getvalue().to_pybytes())


# --- the page's side ----------------------------------------------------------------------------


def _unique(names: list[str]) -> list[str]:
    """Column names made unique (``a``, ``a_2``): the page's table needs distinct names."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        count = seen.get(name, 0) + 1
        seen[name] = count
        unique.append(name if count == 1 else f"{name}_{count}")
    return unique


def run(
    sql: str, db: str | os.PathLike[str], *, max_rows: int = MAX_ROWS, time_limit_s: float = TIME_LIMIT_S
) -> Result:
    """Run one read-only statement on the published warehouse ``db``; see the module's doc.

    Raises :class:`SandboxError` (with a user-facing message) for every refusal or failure.
    """
    check_statement(sql)  # refuse early, without starting a process
    path = Path(db)
    if not path.is_file():
        raise SandboxError("no_warehouse", path=str(path))
    if not _slots.acquire(timeout=BUSY_WAIT_S):
        raise SandboxError("busy")
    try:
        return _run_process(sql, str(path.resolve()), max_rows, time_limit_s)
    finally:
        _slots.release()


def _run_process(sql: str, db: str, max_rows: int, time_limit_s: float) -> Result:
    request = json.dumps({"sql": sql, "db": db, "max_rows": int(max_rows), "time_limit_s": float(time_limit_s)}) + "\n"
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-I", str(Path(__file__).resolve()), "--child"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=Path(db).parent,
        close_fds=True,
    )
    ready = threading.Event()
    answer: list[bytes] = []

    def read() -> None:
        first = process.stdout.readline()
        if first == READY:
            ready.set()
            answer.append(process.stdout.read())
        else:
            answer.append(first + process.stdout.read())
        ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        process.stdin.write(request.encode())
        process.stdin.close()
    except OSError:
        pass
    # the clock of the time limit starts when the process says the statement is starting
    ready.wait(STARTUP_S)
    reader.join(time_limit_s + GRACE_S)
    if reader.is_alive():
        process.kill()
        process.wait()
        reader.join()
        raise SandboxError("timeout", seconds=time_limit_s)
    process.wait()
    header_line, _, payload = (answer[0] if answer else b"").partition(b"\n")
    try:
        header = json.loads(header_line)
    except ValueError:
        # no answer: the process died (address-space or CPU limit, or a crash)
        if process.returncode in (-9, -24):  # SIGKILL, SIGXCPU
            raise SandboxError("timeout", seconds=time_limit_s) from None
        raise SandboxError("crashed") from None
    if "error" in header:
        code = header["error"] if header["error"] in MESSAGES else "failed"
        raise SandboxError(code, **header.get("params", {}))
    import pyarrow.ipc as ipc

    table = ipc.open_stream(payload).read_all()
    columns = list(table.column_names)
    frame = table.rename_columns(_unique(columns)).to_pandas()
    return Result(
        frame=frame,
        truncated=bool(header["truncated"]),
        elapsed_s=float(header["elapsed_s"]),
        max_rows=max_rows,
        columns=columns,
        wall_s=time.perf_counter() - started,
    )


if __name__ == "__main__" and sys.argv[1:] == ["--child"]:
    _child()
