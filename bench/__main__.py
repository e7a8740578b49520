"""`python -m bench` (make bench): the benchmark harness, bench/run.py."""

import sys

from bench.run import main

sys.exit(main())
