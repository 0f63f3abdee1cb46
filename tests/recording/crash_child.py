"""A headless recording run as a child process by the crash test (which SIGKILLs it).

Usage: python -m tests.recording.crash_child OUT_DIR SECONDS
Prints "started <path>" once and "elapsed <seconds>" on every progress report.
"""

from __future__ import annotations

import sys
from pathlib import Path

from recording.api import DiskPolicy, RecorderStats, record_for
from tests.desk_binding import bind_test_desk
from tests.recording.conftest import META, SMALL


def main() -> None:
    out_dir, seconds = Path(sys.argv[1]), float(sys.argv[2])
    bind_test_desk()  # the parent's test desk, whose signing key the session made

    def progress(stats: RecorderStats) -> None:
        print(f"elapsed {stats.elapsed_s:.3f}", flush=True)

    record_for(seconds, "demo", out_dir, META, width=SMALL[0], height=SMALL[1],
               disk_policy=DiskPolicy(start_minutes=0.0, check_every_s=0.2),
               on_started=lambda path: print(f"started {path}", flush=True), on_progress=progress)
    print("finished", flush=True)


if __name__ == "__main__":
    main()
