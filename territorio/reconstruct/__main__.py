"""`python -m territorio.reconstruct`: calibrate and write the raw CSVs (make reconstruct).

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
    args = parser.parse_args(argv)
    if args.scale is not None:
        from territorio.reconstruct import scale

        return scale.main([str(args.scale), "--raw-dir", str(args.raw_dir)])
    started = time.monotonic()
    figures = load_figures()
    rec = reconstruct(figures)
    kwargs = {"docs_dir": args.docs_dir} if args.docs_dir else {}
    for path in write(rec, figures, args.raw_dir, **kwargs):
        print(f"wrote {path}")
    given_up = sum(len(ids) for ids in rec.sacrificed.values())
    print(f"{len(figures)} published figures; {given_up} given up by calibration; {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
