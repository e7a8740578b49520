"""Run a command and measure it: wall-clock seconds and peak memory of its whole process tree.

Peak memory is taken two ways, both in bytes:

- ``peak_rss_bytes``: the largest SUM of the resident set sizes of the command and all its
  descendants, sampled every ``interval`` seconds from ``/proc`` (Linux). A spike shorter than
  the interval can be missed; a process that has exited no longer counts.
- ``max_rss_single_bytes``: the kernel's ``ru_maxrss`` of the child as returned by ``wait4``:
  the largest resident set of any single process of the tree (the child or a descendant it
  waited for), never missed, but not a sum.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass
class Measurement:
    """One run of a command."""

    seconds: float
    peak_rss_bytes: int
    max_rss_single_bytes: int
    returncode: int

    def as_dict(self) -> dict:
        return asdict(self)


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: fields follow the last ')'
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def tree_rss_bytes(root: int) -> int:
    """Sum of the resident set sizes of ``root`` and all its descendants (0 when gone)."""
    children = _children_map()
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            pass
        stack.extend(children.get(pid, ()))
    return total


def run_measured(
    cmd: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    log: Path | None = None,
    interval: float = 0.05,
) -> Measurement:
    """Run ``cmd`` (output to ``log``, or discarded) and return its wall time and peak memory."""
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    peak = 0
    try:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), env=dict(env) if env else None, cwd=cwd, stdout=out, stderr=subprocess.STDOUT
        )
        done = threading.Event()

        def poll() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss_bytes(proc.pid))
                done.wait(interval)

        sampler = threading.Thread(target=poll, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log:
            out.close()
    return Measurement(
        seconds=seconds,
        peak_rss_bytes=peak,
        max_rss_single_bytes=usage.ru_maxrss * 1024,  # Linux reports kilobytes
        returncode=proc.returncode,
    )
