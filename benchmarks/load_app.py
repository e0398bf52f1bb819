"""Load on one `chitieu app`: N officers at once (default 10; each a Chromium and a kernel) upload
the sample workbooks, filter and export; prints whether all succeeded, the wall time, and the server's
memory (Voilà and its kernels: the RSS of its process tree, sampled every 0.2 s).
Run: ``PYTHONPATH=lib python benchmarks/load_app.py [SESSIONS]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from appdriver import assert_sessions_succeeded, peak_rss, running_app, sessions_at_once, tree_rss  # noqa: E402

MIB = 1024 * 1024


def main(sessions: int = 10) -> None:
    with running_app() as (url, process), tempfile.TemporaryDirectory() as folder:
        idle = tree_rss(process.pid)
        began = time.perf_counter()
        with peak_rss(process.pid) as peak:
            reports = sessions_at_once(url, sessions, Path(folder))
        elapsed = time.perf_counter() - began
        after = tree_rss(process.pid)
        failed = [r for r in reports if not isinstance(r, Path)]
        print(f"{sessions} sessions at once: {sessions - len(failed)} succeeded in {elapsed:.0f} s")
        print(f"server memory (Voilà + kernels, RSS): idle {idle / MIB:.0f} MiB, peak {peak[0] / MIB:.0f} MiB, "
              f"after {after / MIB:.0f} MiB; {(peak[0] - idle) / sessions / MIB:.0f} MiB per session")
        assert_sessions_succeeded(reports, url)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
