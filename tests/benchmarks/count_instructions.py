"""Instructions per ballot: a measure of the app's work that other load on the machine leaves alone.

Run with `python -m tests.benchmarks.count_instructions` (needs valgrind; one to three minutes).
It runs tests.benchmarks.profile_ballot under valgrind's cachegrind twice, with COUNT_FEW and
COUNT_MANY ballots after the same warm-up, in its steady mode (PROFILE_STEADY=1), and prints
the difference per ballot: start-up and warm-up cancel out. Repeated runs agree within about
1 %, where wall times on a shared machine differ by a third, so a change of a few per cent is
visible. COUNT_TARGET=bare counts the bare view of `make bench`. The count
includes the test client's share (the same for every change), and, being instructions, not
time, it says nothing of waiting for the disk or for another worker's lock.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

FEW = int(os.environ.get("COUNT_FEW", "20"))
MANY = int(os.environ.get("COUNT_MANY", "120"))


def instructions(ballots: int) -> int:
    env = {
        **os.environ,
        "PROFILE_STEADY": "1",
        "PROFILE_WARM_UP": "30",
        "PROFILE_ROUNDS": "1",
        "PROFILE_TREE": "0",
        "PROFILE_BALLOTS": str(ballots),
        "PROFILE_TARGET": os.environ.get("COUNT_TARGET", "app"),
        "PYTHONHASHSEED": "0",
    }
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-m",
            "tests.benchmarks.profile_ballot",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    few, many = instructions(FEW), instructions(MANY)
    per_ballot = (many - few) / (MANY - FEW)
    target = os.environ.get("COUNT_TARGET", "app")
    print(f"{target}: {per_ballot / 1e6:.3f} million instructions per ballot ({FEW} and {MANY})")


if __name__ == "__main__":
    main()
