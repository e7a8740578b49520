"""The solvers' answers, kept beside the files they produce (territorio/reconstruct/solutions.json).

Both solvers the generator uses are deterministic: HiGHS (scipy.optimize.milp) runs on one thread
and CP-SAT runs with a fixed seed and a deterministic time budget, so the same model, the same
options and the same solver version always give the same solution. Solving takes minutes (the
experiences stage's MIP about 4, the answers' two CP-SAT rounds about 3 on a 2-core machine),
while everything around the solvers takes seconds.

So each solve is stored under its stage's name with its **fingerprint**: the SHA-256 of the model
exactly as the solver receives it (matrices and bounds for HiGHS, the serialized CpModelProto
with its hints for CP-SAT), the options and the solver's name and version. A later run that
builds a model with the same fingerprint takes the stored solution instead of searching again;
anything that changes a model (the generator's code, a printed figure, an earlier stage's
result, a solver upgrade) changes its fingerprint, and that stage is solved again. A stored
solution is never taken on trust: it is checked against the model before it is used (HiGHS:
bounds, integrality, every row and the objective; CP-SAT: the model with every variable fixed
to it, solved, must be feasible with the stored objective), so a solution that does not satisfy
its model stops the run.

``python -m territorio.reconstruct --solve`` (make reconstruct SOLVE=1) searches every stage
again and rewrites the file; tests/test_reconstruct.py runs the generator both ways (the
stored solutions for the byte-for-byte check, and a full search of the stages that take
seconds).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from territorio.figures import REPO_ROOT

R = TypeVar("R")

SOLUTIONS_FILE = REPO_ROOT / "territorio" / "reconstruct" / "solutions.json"


class StoredSolutionError(RuntimeError):
    """A stored solution that does not satisfy the model it was stored for."""


def fingerprint(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


@dataclass
class Solution:
    fingerprint: str
    solver: str
    status: str
    objective: int
    values: list[int]

    def as_json(self) -> dict:
        return {
            "fingerprint": self.fingerprint,
            "solver": self.solver,
            "status": self.status,
            "objective": self.objective,
            "values": self.values,
        }


@dataclass
class SolutionStore:
    """The stored solutions a run may reuse (``reuse``), and those this run used or found."""

    stored: dict[str, Solution] = field(default_factory=dict)
    reuse: bool = True
    used: dict[str, Solution] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)
    solved: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path = SOLUTIONS_FILE, reuse: bool = True) -> SolutionStore:
        stored = {}
        if reuse and path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            stored = {stage: Solution(**entry) for stage, entry in data.items()}
        return cls(stored=stored, reuse=reuse)

    def lookup(self, stage: str, key: str) -> Solution | None:
        """The stored solution of ``stage`` if it was found for this very model, else None."""
        if stage in self.used:
            raise ValueError(f"stage {stage!r} is solved twice in one run")
        found = self.stored.get(stage) if self.reuse else None
        return found if found is not None and found.fingerprint == key else None

    def record(self, stage: str, solution: Solution, reused: bool) -> None:
        self.used[stage] = solution
        (self.reused if reused else self.solved).append(stage)

    def solve(
        self, stage: str, key: str, search: Callable[[], tuple[Solution, R]], replay: Callable[[Solution], R]
    ) -> tuple[Solution, R]:
        """The solution of ``stage``, whose model has the fingerprint ``key``, and what the caller
        needs of it.

        When a solution was stored for this very model, ``replay(stored)`` checks it against the
        model (raising :func:`rejected` when it does not satisfy it) and returns what the caller
        needs; otherwise ``search()`` solves the model and returns the solution found and that.
        Either way the solution is recorded for the file this run writes.
        """
        stored = self.lookup(stage, key)
        if stored is not None:
            result = replay(stored)
            self.record(stage, stored, reused=True)
            return stored, result
        found, result = search()
        self.record(stage, found, reused=False)
        return found, result

    def render(self) -> str:
        """The file: one line per stage, in the order the run solved them."""
        lines = [
            f"{json.dumps(stage)}: {json.dumps(solution.as_json(), separators=(',', ':'))}"
            for stage, solution in self.used.items()
        ]
        return "{\n" + ",\n".join(lines) + "\n}\n"


def rejected(stage: str, detail: str) -> StoredSolutionError:
    """The error of a stored solution that does not satisfy its stage's model."""
    return StoredSolutionError(
        f"calibration {stage}: the stored solution in {SOLUTIONS_FILE.name} does not satisfy the model "
        f"({detail}); run `make reconstruct SOLVE=1`"
    )


_active = SolutionStore(reuse=False)


def active() -> SolutionStore:
    """The store of the run under way (a store that reuses nothing outside ``using``)."""
    return _active


@contextmanager
def using(store: SolutionStore):
    global _active
    previous, _active = _active, store
    try:
        yield store
    finally:
        _active = previous
