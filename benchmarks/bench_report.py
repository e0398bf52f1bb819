"""Time the formatted report against a plain ``DataFrame.to_excel`` of the same frames.

10,000 units (100 districts × 99 communes + the districts themselves) × 7 indicators, 90 days of
cumulative results. Run: ``PYTHONPATH=lib python benchmarks/bench_report.py [UNITS] [REPEATS]``.
The two are timed in turns, REPEATS times each (2 by default), and the best time of each is kept, as
``timeit`` does: on a shared machine the best run is the one least slowed by others.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from chitieu.report.write import write_report
from chitieu.summary.comparison import compare_periods
from chitieu.summary.emulation import rank_emulation
from chitieu.summary.campaign import Campaign
from chitieu.summary.status import Status
from chitieu.summary.table import TABLE_COLUMNS, Summary

INDICATORS, DAYS, CHILDREN = 7, 90, 99


def synthetic_summary(units: int, seed: int = 6) -> Summary:
    """A summary of ``units`` units: parents first, each followed by its children."""
    rng = np.random.default_rng(seed)
    campaign = Campaign(date(2024, 1, 1), date(2024, 3, 30), date(2024, 3, 30))
    parents = units // (CHILDREN + 1)
    names, parent_of, levels = [], [], []
    for p in range(parents):
        names.append(f"Huyện {p + 1}"), parent_of.append(None), levels.append(0)
        for c in range(CHILDREN):
            names.append(f"Xã {p + 1}.{c + 1}"), parent_of.append(f"Huyện {p + 1}"), levels.append(1)
    n = len(names)
    places = [name if parent is None else f"{parent} › {name}" for name, parent in zip(names, parent_of)]
    frames = []
    for i in range(INDICATORS):
        quota = rng.integers(50, 5000, n).astype(float)
        result = np.where(rng.random(n) < 0.05, np.nan, quota * rng.uniform(0.2, 1.3, n)).round()
        status = np.select([np.isnan(result), result >= quota, result >= quota * 0.9],
                           [Status.NOT_REPORTED, Status.EXCEEDED, Status.ON_PACE], Status.BEHIND)
        frames.append(pd.DataFrame({
            "unit": names, "parent": parent_of, "level": levels, "indicator": f"ct_{i + 1}",
            "indicator_label": f"Chỉ tiêu số {i + 1} của Đề án 06", "quota": quota, "daily_quota": quota / DAYS,
            "result": result, "percent": result / quota, "expected_to_date": quota * 0.9, "pace": result / quota / 0.9,
            "remaining": np.maximum(quota - np.nan_to_num(result), 0), "required_per_day": quota / 10,
            "projected": result * 1.1, "status": status, "rank": rng.integers(1, 100, n), "check": None,
            "place": places, "parent_place": parent_of, "label": names, "eligible": np.nan, "baseline": np.nan}))
    table = pd.concat(frames, ignore_index=True)[TABLE_COLUMNS]
    leaves = table[table["level"] == 1]
    days = [campaign.start + timedelta(days=d) for d in range(DAYS)]
    share = np.arange(1, DAYS + 1) / DAYS
    history = pd.DataFrame({
        "unit": np.repeat(leaves["unit"].to_numpy(), DAYS), "place": np.repeat(leaves["place"].to_numpy(), DAYS),
        "indicator": np.repeat(leaves["indicator"].to_numpy(), DAYS),
        "as_of": np.tile(np.array(days, dtype=object), len(leaves)),
        "result": (np.repeat(np.nan_to_num(leaves["result"].to_numpy()), DAYS) * np.tile(share, len(leaves))).round(),
        "file": "ket_qua.xlsx"})
    return Summary(campaign, table, [], history)


def plain_frames(summary: Summary) -> dict[str, pd.DataFrame]:
    """The same tables as the report's sheets, as plain frames (computed before the timing, as the pivot is)."""
    table = summary.table
    frames = {"Tổng hợp": table}
    for i, (_, part) in enumerate(table[table["level"] == 1].groupby("indicator", sort=False), start=1):
        frames[f"{i}. chỉ tiêu"] = part.sort_values("percent", ascending=False)
    frames["Xếp hạng thi đua"] = rank_emulation(summary).table
    frames["So sánh kỳ"] = compare_periods(summary).table
    frames["Theo ngày"] = summary.history.pivot(index=["indicator", "unit"], columns="as_of", values="result")
    return frames


def seconds(run) -> float:
    began = time.perf_counter()
    run()
    return time.perf_counter() - began


def main(units: int = 10_000, repeats: int = 2) -> None:
    summary = synthetic_summary(units)
    frames = plain_frames(summary)
    folder = Path(tempfile.mkdtemp())

    def plain() -> None:
        with pd.ExcelWriter(folder / "plain.xlsx", engine="xlsxwriter") as writer:
            for name, frame in frames.items():
                frame.to_excel(writer, sheet_name=name)

    plain_runs, report_runs = [], []
    for turn in range(repeats):
        plain_runs.append(seconds(plain))
        report_runs.append(seconds(lambda: write_report(summary, folder / f"report_{turn}.xlsx")))
        print(f"turn {turn + 1}: plain {plain_runs[-1]:.1f} s, report {report_runs[-1]:.1f} s", flush=True)
    plain_s, report_s = min(plain_runs), min(report_runs)
    cells = sum(f.size for f in frames.values())
    print(f"{len(summary.table):,} summary rows, {len(summary.history):,} history rows, {cells:,} cells")
    print(f"plain DataFrame.to_excel (xlsxwriter): {plain_s:.1f} s (best of {repeats})")
    print(f"chitieu report, fully formatted:       {report_s:.1f} s (best of {repeats})")
    print(f"ratio report / plain:                  {report_s / plain_s:.2f}")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
