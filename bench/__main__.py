"""One entry point for the benchmarks: ``python -m bench NAME [options]`` (``make bench`` runs them all).

Each benchmark prints its figures next to a baseline measured the same way in the same run.
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "learning": "bench.learning",
    "sandbox": "bench.sandbox",
    "mutation": "bench.mutation",
    "certificates": "bench.certificates",
    "reports": "bench.reports",
    "web": "bench.web",
    "soak": "bench.soak",
    "roster": "bench.roster",
    "gradebook": "bench.gradebook",
    "growth": "bench.growth",
    "profile": "bench.profile",
    "floor": "bench.floor",
    "run": "bench.run",
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in BENCHMARKS:
        print(f"usage: python -m bench {{{'|'.join(BENCHMARKS)}}} [options]")
        raise SystemExit(2)
    importlib.import_module(BENCHMARKS[sys.argv[1]]).main(sys.argv[2:])


if __name__ == "__main__":
    main()
