"""A throw-away PostgreSQL server for the tests: Debian's server binaries, a temporary cluster.

``PostgresServer`` runs ``initdb`` into a temporary folder, starts the server with ``pg_ctl``
listening on 127.0.0.1 only, on a free port, with trust authentication for one local user, and
creates one database; ``stop()`` stops it and removes the folder. As root (CI), the server
binaries run as the ``postgres`` system user (``initdb`` refuses root), in a folder that user
owns. Run as a script it starts a server and prints the environment for ``--target postgres``
until interrupted.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVER_USER = "postgres"  # the system user that runs the server when the tests run as root
INSTALL_HINT = (
    "Debian's PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are missing: "
    ".ci/run installs them (apt-get install postgresql)"
)


def find_bindir() -> Path | None:
    """The bin folder of the newest PostgreSQL server installed by Debian, or None."""
    candidates = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    candidates = [c for c in candidates if (c / "pg_ctl").exists() and (c / "postgres").exists()]
    if not candidates:
        return None

    def major(bindir: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", bindir.parent.name)) or (0,)

    return max(candidates, key=major)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A PostgreSQL cluster in a temporary folder, started on 127.0.0.1:<free port>."""

    def __init__(self, bindir: Path, *, user: str = "territorio", dbname: str = "territorio") -> None:
        self.bindir = bindir
        self.user = user
        self.dbname = dbname
        self.host = "127.0.0.1"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        # as root, a folder under /tmp, which the server's user can reach whatever TMPDIR is
        self.root = Path(tempfile.mkdtemp(prefix="territorio-pg-", dir="/tmp" if self.as_root else None))
        self.datadir = self.root / "data"
        self.logfile = self.root / "server.log"
        self.started = False
        if self.as_root:
            owner = pwd.getpwnam(SERVER_USER)
            os.chown(self.root, owner.pw_uid, owner.pw_gid)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed (exit code {result.returncode}):\n"
                f"{result.stdout}{result.stderr}{self.log_tail()}"
            )
        return result

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of the server log, if there is one."""
        try:
            text = self.logfile.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\nserver log:\n" + "\n".join(text.splitlines()[-lines:])

    def start(self) -> PostgresServer:
        """initdb, start the server, create the database."""
        self._run(
            "initdb",
            "--pgdata",
            str(self.datadir),
            "--username",
            self.user,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
            "--no-sync",
        )
        options = " ".join(
            [
                f"-p {self.port}",
                f"-c listen_addresses={self.host}",
                f"-c unix_socket_directories={self.root}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
            ]
        )
        self._run(
            "pg_ctl",
            "--pgdata",
            str(self.datadir),
            "--log",
            str(self.logfile),
            "--options",
            options,
            "--wait",
            "--timeout",
            "60",
            "start",
        )
        self.started = True
        self._run("createdb", "--host", self.host, "--port", str(self.port), "--username", self.user, self.dbname)
        return self

    def stop(self) -> None:
        """Stop the server (if started) and remove its folder."""
        try:
            if self.started:
                self._run("pg_ctl", "--pgdata", str(self.datadir), "--mode", "fast", "--wait", "stop")
                self.started = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def env(self) -> dict[str, str]:
        """The environment variables the profile's `postgres` target reads."""
        return {
            "TERRITORIO_PG_PORT": str(self.port),
            "TERRITORIO_PG_USER": self.user,
            "TERRITORIO_PG_PASSWORD": "",
            "TERRITORIO_PG_DBNAME": self.dbname,
        }

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":
    import signal
    import sys
    import time

    # stop the server on Ctrl-C and on kill (SIGTERM), also when started in the background
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    found = find_bindir()
    if found is None:
        raise SystemExit(INSTALL_HINT)
    with PostgresServer(found) as server:
        for key, value in server.env().items():
            print(f"export {key}={value}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
