"""The national case: 34 provinces × 3,321 communes (the 2025 register), a quota workbook and 30 daily
result files, summarised by chitieu against a plain pandas read + groupby of the same files.

    PYTHONPATH=lib python benchmarks/bench_national.py [--days 30] [--repeat 5] [--profile]

The workbooks are built from the ``vietnam-provinces`` package's names, with their repeats across
provinces ("Xã Tân Phú" in several) and their diacritic pairs ("Xã Sơn Hà" / "Xã Sơn Hạ"), and cached in
benchmarks/.cache/national/. The quota workbook has a "Tỉnh, thành phố" column and a "Xã, phường" column;
each result file the same columns and the cumulative result as of its day.

The two sides take ``--repeat`` turns, each run in a fresh process (the least wall and CPU seconds and the
most peak memory are kept; peak memory is the process's high-water resident size, VmHWM, above its size
after imports):
- **chitieu**: ``summarise_files(quota, results)``, what ``chitieu summary`` runs;
- **pandas**: ``pandas.read_excel(engine="calamine")`` of every file and a ``groupby`` of the quota and of
  the last day's results by (province, commune).
Then every commune's quota and result in chitieu's summary, keyed by (province, commune), is compared with
the truth the files were written from, and the mismatches are counted. ``--profile`` prints chitieu's
cProfile instead (the 15 functions of most cumulative time).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import xlsxwriter
from vietnam_provinces import Province, Ward

CACHE = Path(__file__).with_name(".cache") / "national"
START = date(2025, 7, 1)
END = date(2025, 9, 28)
HEADER = ["STT", "Tỉnh, thành phố", "Xã, phường"]
QUOTA_LABEL = "Chỉ tiêu kích hoạt định danh điện tử (mức 1 + mức 2)"
RESULT_LABEL = "Kết quả kích hoạt định danh điện tử (mức 1 + mức 2)"


def register() -> list[tuple[str, str]]:
    """(province, commune) of every commune of the 2025 register, province by province."""
    provinces = {p.code: p.name for p in Province.iter_all()}
    return [(provinces[w.province_code], w.name) for w in Ward.iter_all()]


def truth(communes: list[tuple[str, str]], days: int, seed: int = 25) -> tuple[list[int], list[list[int]]]:
    """Each commune's quota and its cumulative result on each of ``days`` days: ordinary daily progress,
    between half and one and a half times the daily quota."""
    rng = random.Random(seed)
    quotas = [rng.randrange(500, 20000) for _ in communes]
    campaign_days = (END - START).days + 1
    results, totals = [], [0] * len(communes)
    for _ in range(days):
        totals = [t + round(q / campaign_days * rng.uniform(0.5, 1.5)) for t, q in zip(totals, quotas)]
        results.append(totals)
    return quotas, results


def write_table(path: Path, title: str, label: str, communes: list[tuple[str, str]], values: list[int]) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Sheet1")
    sheet.write_row(0, 0, [title])
    sheet.write_row(2, 0, [*HEADER, label])
    for i, ((province, commune), value) in enumerate(zip(communes, values)):
        sheet.write_row(3 + i, 0, [i + 1, province, commune, value])
    book.close()
    return path


def build(days: int) -> tuple[Path, list[Path], Path]:
    """The quota workbook, the daily result files and the truth (JSON), cached."""
    folder = CACHE / f"days_{days}"
    quota_path, truth_path = folder / "chi_tieu.xlsx", folder / "truth.json"
    result_paths = [folder / f"ket_qua_{START + timedelta(days=d):%Y-%m-%d}.xlsx" for d in range(days)]
    if truth_path.exists():
        return quota_path, result_paths, truth_path
    folder.mkdir(parents=True, exist_ok=True)
    communes = register()
    quotas, results = truth(communes, days)
    write_table(quota_path, f"CHỈ TIÊU KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ (từ ngày {START:%d/%m/%Y} đến ngày {END:%d/%m/%Y})",
                QUOTA_LABEL, communes, quotas)
    for d, (path, values) in enumerate(zip(result_paths, results)):
        write_table(path, f"KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ (tính đến ngày {START + timedelta(days=d):%d/%m/%Y})",
                    RESULT_LABEL, communes, values)
    truth_path.write_text(json.dumps({"communes": communes, "quota": quotas, "result": results[-1]},
                                     ensure_ascii=False), encoding="utf-8")
    return quota_path, result_paths, truth_path


RUNS = {
    "chitieu": "from chitieu.summary.files import summarise_files\n"
               "summary = summarise_files([QUOTA], RESULTS)\n"
               "table = summary.table\n"
               "out['rows'] = [[r.parent, r.unit, r.quota, r.result] for r in table.itertuples()]\n"
               "out['findings'] = len(summary.findings)",
    "pandas": "import pandas as pd\n"
              "frames = [pd.read_excel(p, engine='calamine', header=2) for p in [QUOTA, *RESULTS]]\n"
              "keys = ['Tỉnh, thành phố', 'Xã, phường']\n"
              "quota = frames[0].groupby(keys)[frames[0].columns[-1]].sum()\n"
              "last = [f.assign(day=i).groupby(keys + ['day'])[f.columns[-1]].sum() for i, f in enumerate(frames[1:])]\n"
              "out['rows'] = len(quota)",
}
IMPORTS = {"chitieu": "import chitieu.summary.files", "pandas": "import pandas, python_calamine"}
CHILD = """
import json, os, resource, sys, time
def rss(field):
    for line in open('/proc/self/status'):
        if line.startswith(field):
            return int(line.split()[1]) * 1024
{imports}
QUOTA, RESULTS = {quota!r}, {results!r}
base = rss('VmRSS:')
out = {{}}
wall, cpu = time.perf_counter(), time.process_time()
{run}
out['seconds'], out['cpu'] = time.perf_counter() - wall, time.process_time() - cpu
out['peak_mib'] = (rss('VmHWM:') - base) / 2**20
print(json.dumps(out, ensure_ascii=False, default=float))
"""


def run_child(side: str, quota: Path, results: list[Path]) -> dict:
    code = CHILD.format(imports=IMPORTS[side], quota=str(quota), results=[str(p) for p in results], run=RUNS[side])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(quota: Path, results: list[Path], repeat: int) -> dict[str, dict]:
    """Each side's best of ``repeat`` turns, the sides taking turns: on a shared machine the best run is the
    one others slowed least, and turns let both sides meet the same spells of load."""
    runs: dict[str, list[dict]] = {"pandas": [], "chitieu": []}
    for turn in range(1, repeat + 1):
        for side, done in runs.items():
            done.append(run_child(side, quota, results))
        print(f"turn {turn}: " + ", ".join(f"{side} {done[-1]['seconds']:.2f} s ({done[-1]['cpu']:.2f} CPU s)"
                                           for side, done in runs.items()), flush=True)
    return {side: done[0] | {"seconds": min(r["seconds"] for r in done), "cpu": min(r["cpu"] for r in done),
                             "peak_mib": max(r["peak_mib"] for r in done)} for side, done in runs.items()}


def mismatches(rows: list[list], truth_path: Path) -> tuple[int, int, int, int]:
    """How many communes' quota or result in chitieu's rows (parent, unit, quota, result) differ from the
    truth, keyed by (province, commune), of how many; and the same keyed by the name alone, among the
    names that only one commune has."""
    known = json.loads(truth_path.read_text(encoding="utf-8"))
    known["communes"] = [[spaced(province), spaced(commune)] for province, commune in known["communes"]]
    by_place: dict[tuple[str, str], tuple[float, float]] = {}
    by_name: dict[str, tuple[float, float]] = {}
    for parent, unit, quota, result in rows:
        by_place.setdefault((parent, unit), (quota, result))
        by_name.setdefault(unit, (quota, result))
    names = Counter(commune for _, commune in known["communes"])
    truth = [((province, commune), (float(quota), float(result)))
             for (province, commune), quota, result in zip(known["communes"], known["quota"], known["result"])]
    unique = [(place, figures) for place, figures in truth if names[place[1]] == 1]
    return (sum(by_place.get(place) != figures for place, figures in truth), len(truth),
            sum(by_name.get(place[1]) != figures for place, figures in unique), len(unique))


def spaced(name: str) -> str:
    """A name with single spaces, as a cell shows it: the register writes some with two ("Xã  Tân An")."""
    return " ".join(name.split())


def profile(quota: Path, results: list[Path]) -> None:
    import cProfile
    import pstats

    from chitieu.summary.files import summarise_files
    profiler = cProfile.Profile()
    profiler.runcall(summarise_files, [quota], results)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    quota, results, truth_path = build(args.days)
    if args.profile:
        profile(quota, results)
        return
    print(f"{len(register()):,} communes, 1 quota workbook + {len(results)} daily result files; "
          f"load average {os.getloadavg()[0]:.1f}")
    found = measure(quota, results, args.repeat)
    print("| side | seconds | CPU seconds | peak MiB |\n| --- | ---: | ---: | ---: |")
    for side, m in found.items():
        print(f"| {side} | {m['seconds']:.2f} | {m['cpu']:.2f} | {m['peak_mib']:.0f} |")
    ratio = found["chitieu"]["seconds"] / found["pandas"]["seconds"]
    cpu_ratio = found["chitieu"]["cpu"] / found["pandas"]["cpu"]
    print(f"chitieu / pandas: {ratio:.2f}× wall, {cpu_ratio:.2f}× CPU (target ≤ 2×)")
    wrong, total, wrong_unique, unique = mismatches(found["chitieu"]["rows"], truth_path)
    print(f"communes whose quota or result differs from the truth, keyed by (province, commune): "
          f"{wrong:,} of {total:,}; keyed by name, among the {unique:,} names only one commune has: "
          f"{wrong_unique:,}; findings: {found['chitieu']['findings']:,}; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
