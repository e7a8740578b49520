"""`python -m territorio.reconstruct`: calibrate and write the raw CSVs (make reconstruct).

The solvers' solutions are kept in territorio/reconstruct/solutions.json and reused where a
stage's model is unchanged (territorio.reconstruct.solutions); ``--solve`` (make reconstruct
SOLVE=1) searches every stage again.

With ``--scale N`` (make reconstruct SCALE=N) nothing is calibrated: N copies of the committed
raw CSVs are written as Parquet under data/scale/x<N>/ (territorio.reconstruct.scale).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from territorio.figures import load_figures
from territorio.reconstruct.pipeline import RAW_DIR, reconstruct, write
from territorio.reconstruct.solutions import SOLUTIONS_FILE, SolutionStore, using


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw-dir", type=Path, default=RAW_DIR, help="where to write the raw CSVs")
    parser.add_argument("--docs-dir", type=Path, default=None, help="where to write calibration.md")
    parser.add_argument(
        "--scale",
        type=int,
        default=None,
        metavar="N",
        help="do not calibrate: write N copies of the raw CSVs of --raw-dir as Parquet under "
        "data/scale/x<N>/ (python -m territorio.reconstruct.scale)",
    )
    parser.add_argument(
        "--solve",
        action="store_true",
        help="search every stage again instead of reusing the stored solutions of unchanged models",
    )
    parser.add_argument(
        "--solutions",
        type=Path,
        default=SOLUTIONS_FILE,
        help="where to write the solutions (they are always read from territorio/reconstruct/solutions.json)",
    )
    args = parser.parse_args(argv)
    if args.scale is not None:
        from territorio.reconstruct import scale

        return scale.main([str(args.scale), "--raw-dir", str(args.raw_dir)])
    started = time.monotonic()
    figures = load_figures()
    store = SolutionStore.load(reuse=not args.solve)
    with using(store):
        rec = reconstruct(figures)
    kwargs = {"docs_dir": args.docs_dir} if args.docs_dir else {}
    for path in write(rec, figures, args.raw_dir, **kwargs):
        print(f"wrote {path}")
    args.solutions.write_text(store.render(), encoding="utf-8")
    print(f"wrote {args.solutions}")
    print(
        f"solved: {', '.join(store.solved) or 'none'}; "
        f"stored solutions reused (model unchanged): {', '.join(store.reused) or 'none'}"
    )
    given_up = sum(len(ids) for ids in rec.sacrificed.values())
    print(f"{len(figures)} published figures; {given_up} given up by calibration; {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
