"""Counting a province-sized citizen list saved as CSV: chitieu against DuckDB and plain pandas.

    PYTHONPATH=lib python benchmarks/bench_citizens.py [--rows 5000000] [--repeat 2]
    PYTHONPATH=lib python benchmarks/bench_citizens.py --xlsx [--rows 1048575] [--strings inline shared]

Writes a CSV list of ``--rows`` made-up people (9 columns, like the population database's export:
≈ 500 MB at 5,000,000 rows) into a temporary folder, deleted at the end. Each way of counting it runs
in a fresh process, ``--repeat`` times; the least wall seconds and the most peak memory (the
process's high-water resident size, VmHWM, everything included: Python, pandas, pyarrow) are kept,
since the machine is shared (the load average is printed). The ways:

- chitieu: ``read_records([list], "result")``, the path the app and the CLI take (recognition,
  pyarrow's streaming reader, counts per unit × indicator, findings);
- DuckDB: its own ``read_csv`` + ``GROUP BY`` of the same four columns (as fast as a CSV is counted);
- pandas: ``read_csv(usecols=…)`` of the four columns + ``groupby().size()``, the plain baseline.

With ``--xlsx`` the list is an xlsx workbook of at most 1,048,575 people (Excel's sheet; built by
bench_read.py and cached in ``benchmarks/.cache/``), with its text inline or in a shared-strings
table, and the ways are the worklist of everyone not yet done (``make_worklist``, the sheet streamed
chunk by chunk), the count (``read_records``), and plain pandas reading the same columns with calamine
and filtering them (``read_excel(engine="calamine", usecols=…)``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

HEADER = ["STT", "Họ và tên", "Số định danh cá nhân", "Ngày sinh", "Giới tính", "Xã/Phường", "Ấp",
          "Nơi tiếp nhận", "Trạng thái"]
COUNTED = ["Xã/Phường", "Ấp", "Nơi tiếp nhận", "Trạng thái"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Hữu", "Thanh", "Quốc", "Kim"]
GIVEN = ["An", "Bình", "Châu", "Dung", "Phước", "Hân", "Khoa", "Lan", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm"]
STATUSES = ["Đã kích hoạt mức 2", "Đã kích hoạt mức 1", "Chưa kích hoạt", "Chưa đăng ký"]
BLOCK = 500_000  # rows generated and written at a time

# Each way: what it imports (not timed: a server has imported it before any file comes), what it runs.
WAYS = {
    "chitieu": ("from chitieu.mapping.records import read_records",
                ("records = read_records([PATH], 'result').records\n"
                 "people = int(records.loc[records['indicator'] == 'dddt', 'value'].sum())")),
    "duckdb": ("import duckdb",
               ("rows = duckdb.sql(f\"SELECT \\\"Ấp\\\", \\\"Xã/Phường\\\", \\\"Nơi tiếp nhận\\\", \\\"Trạng thái\\\", "
                "count(*) AS n FROM read_csv('{PATH}', all_varchar=true) GROUP BY ALL\").fetchall()\n"
                "people = sum(n for *_, status, n in rows if status.startswith('Đã kích hoạt'))")),
    "pandas": ("import pandas as pd",
               (f"frame = pd.read_csv(PATH, usecols={COUNTED!r}, dtype=str)\n"
                "counted = frame.groupby(list(frame.columns), dropna=False).size()\n"
                "people = int(counted[counted.index.get_level_values(3).str.startswith('Đã kích hoạt')].sum())")),
}
XLSX_WAYS = {
    "worklist": ("from chitieu.citizens.worklist import make_worklist",
                 "people = len(make_worklist(PATH, 'dddt').people)"),
    "count": WAYS["chitieu"],
    "pandas": ("import pandas as pd",
               ("frame = pd.read_excel(PATH, engine='calamine', dtype=str, usecols=[1, 2, 3, 5, 6, 8])\n"
                "people = int((~frame['Trạng thái'].str.startswith('Đã kích hoạt')).sum())")),
}
MEASURE = """
import json, sys, time
def peak():
    return next(int(l.split()[1]) * 1024 for l in open('/proc/self/status') if l.startswith('VmHWM'))
PATH = sys.argv[1]
{setup}
started = time.perf_counter()
{code}
print(json.dumps({{"seconds": time.perf_counter() - started, "peak": peak(), "people": people}}))
"""


def write_list(path: Path, rows: int, seed: int = 18) -> int:
    """A CSV citizen list of ``rows`` made-up people, written a block at a time; its size in bytes."""
    rng = np.random.default_rng(seed)
    names = pa.array([f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN])
    places = [(f"Xã {c}", f"Ấp {h}") for c in ("Mỹ Phú Đông", "Minh Thắng", "Tân Phú", "Long Hưng") for h in range(1, 12)]
    communes, hamlets = pa.array([c for c, _ in places]), pa.array([h for _, h in places])
    receiving, statuses = pa.array(["Công an xã", "Công an huyện", "Bộ phận một cửa", ""]), pa.array(STATUSES)
    days = pa.array([f"{d:02d}/{m:02d}/{y}" for y in range(1940, 2012) for m in range(1, 13) for d in range(1, 29)])
    with pacsv.CSVWriter(path, pa.schema([(h, pa.string()) for h in HEADER]),
                         write_options=pacsv.WriteOptions(quoting_style="none")) as writer:
        for first in range(0, rows, BLOCK):
            n = min(BLOCK, rows - first)
            place = rng.integers(0, len(places), n)
            columns = [pa.array(np.arange(first + 1, first + n + 1)).cast(pa.string()),
                       names.take(rng.integers(0, len(names), n)),
                       pa.array(rng.integers(10**11, 10**12, n)).cast(pa.string()),
                       days.take(rng.integers(0, len(days), n)), pa.array(np.where(rng.random(n) < 0.5, "Nam", "Nữ")),
                       communes.take(place), hamlets.take(place), receiving.take(rng.integers(0, 4, n)),
                       statuses.take(rng.integers(0, len(STATUSES), n))]
            writer.write_table(pa.Table.from_arrays(columns, names=HEADER))
    return path.stat().st_size


def measure(way: str, path: Path, ways: dict[str, tuple[str, str]] = WAYS) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "lib")}
    done = subprocess.run([sys.executable, "-c", MEASURE.format(setup=ways[way][0], code=ways[way][1]), str(path)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{way} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best_runs(path: Path, ways: dict[str, tuple[str, str]], repeat: int) -> dict[str, dict[str, float]]:
    """Each way run ``repeat`` times in a fresh process: its least seconds and its most peak memory."""
    best: dict[str, dict[str, float]] = {}
    for _ in range(repeat):
        for way in ways:
            run = measure(way, path, ways)
            kept = best.setdefault(way, run)
            kept.update(seconds=min(kept["seconds"], run["seconds"]), peak=max(kept["peak"], run["peak"]))
    return best


def print_runs(best: dict[str, dict[str, float]], baseline: str, what: str) -> None:
    print(f"{'way':<10}{'seconds':>10}{'peak MiB':>10}{f'× {baseline}':>12}")
    for way, run in best.items():
        ratio = run["seconds"] / best[baseline]["seconds"] if baseline in best else float("nan")
        print(f"{way:<10}{run['seconds']:>10.1f}{run['peak'] / 2**20:>10.0f}{ratio:>12.2f}")
    print(what, {way: run["people"] for way, run in best.items()})


def xlsx_lists(rows: int, kinds: list[str], repeat: int) -> None:
    """The worklist of an xlsx list against its count and plain pandas, per way of storing its text."""
    from bench_read import CACHE, write_citizen_list  # the lists of the reading benchmark, cached

    rows = min(rows, 1_048_575)  # Excel's sheet less its header
    for kind in kinds:
        path = CACHE / f"citizens_{rows}{'_shared' if kind == 'shared' else ''}.xlsx"
        if not path.exists():
            CACHE.mkdir(exist_ok=True)
            write_citizen_list(path, rows, shared_strings=kind == "shared")
        print(f"\nxlsx, {rows:,} rows, {kind} strings, {path.stat().st_size / 2**20:,.0f} MiB; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print_runs(best_runs(path, XLSX_WAYS, repeat), "pandas",
                   "people on the worklist / activated counted / not activated by pandas:")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--ways", nargs="+", default=list(WAYS), choices=list(WAYS))
    parser.add_argument("--xlsx", action="store_true", help="an xlsx list: its worklist, count and pandas")
    parser.add_argument("--strings", choices=["inline", "shared"], nargs="+", default=["inline", "shared"])
    args = parser.parse_args()
    if args.xlsx:
        xlsx_lists(args.rows, args.strings, args.repeat)
        return
    folder = Path(tempfile.mkdtemp(prefix="bench_citizens_"))
    try:
        path = folder / "danh_sach_2024-05-31.csv"
        size = write_list(path, args.rows)
        print(f"{args.rows:,} rows, {size / 2**20:,.0f} MiB; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        best = best_runs(path, {way: WAYS[way] for way in args.ways}, args.repeat)
        print_runs(best, "duckdb", "activated people counted:")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
