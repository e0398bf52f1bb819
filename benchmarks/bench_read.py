"""Reading a citizen list: chitieu against pandas + openpyxl and bare fastexcel.

    PYTHONPATH=lib python benchmarks/bench_read.py [--rows 200000 1000000] [--openpyxl-max 200000]
                                                   [--repeat 3] [--strings inline shared]

Builds synthetic citizen lists (cached in benchmarks/.cache), then times each reader in
a fresh process and prints seconds and peak memory (the process's high-water resident
size, VmHWM, above its resident size after imports; not ru_maxrss, which a child forked
from this process inherits from it) in one table, with the ratios the issue targets. Each
reader but openpyxl runs ``--repeat`` times; the least wall and CPU seconds and the most
peak memory are kept: the machine is shared, and the fastest run is the one least slowed
by others (the load average is printed).
xlsxwriter's constant-memory mode writes every text inline (``--strings inline``, the
default); ``--strings shared`` builds the lists with a shared-strings table, as Excel saves them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import xlsxwriter

CACHE = Path(__file__).with_name(".cache")
HEADER = ["STT", "Họ và tên", "Số định danh cá nhân", "Ngày sinh", "Giới tính", "Xã/Phường", "Ấp",
          "Nơi tiếp nhận", "Trạng thái"]
COMMUNES = {"Xã Mỹ Phú Đông": ["Ấp Tân Phú", "Ấp Tân Mỹ", "Ấp Tân Đông"],
            "Xã Minh Thắng": [f"Ấp {i}" for i in range(1, 6)] + ["Ấp Đồng Tân", "Ấp Bàu Sen"]}
RECEIVING = ["Công an xã Mỹ Phú Đông", "Công an xã Minh Thắng", "Công an huyện"]
STATUSES = ["Đã kích hoạt mức 2", "Đã kích hoạt mức 1", "Chưa kích hoạt", "Chưa đăng ký"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Thị Dung", "Hữu Phước", "Ngọc Hân"]


def write_citizen_list(path: Path, rows: int, seed: int = 6, shared_strings: bool = False) -> Path:
    """A list as exported from the population database: one row per (invented) person."""
    rng = random.Random(seed)
    hamlets = [(c, h) for c, hs in COMMUNES.items() for h in hs]
    book = xlsxwriter.Workbook(path, {"constant_memory": not shared_strings})
    sheet = book.add_worksheet("Danh sách")
    sheet.write_row(0, 0, HEADER)
    for i in range(1, rows + 1):
        commune, hamlet = hamlets[rng.randrange(len(hamlets))]
        sheet.write_row(i, 0, [i, f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}", f"0{rng.randrange(10**10, 10**11)}",
                               f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1940, 2010)}",
                               rng.choice(["Nam", "Nữ"]), commune, hamlet, rng.choice(RECEIVING),
                               rng.choice(STATUSES)])
    book.close()
    return path


READERS = {
    "chitieu": "from chitieu.mapping.records import read_records\n"
               "frame = read_records([PATH], 'result').records\n"
               "size = int(frame.memory_usage(deep=True).sum())",
    "openpyxl": "import pandas as pd\n"
                "frame = pd.read_excel(PATH, engine='openpyxl')\n"
                "size = int(frame.memory_usage(deep=True).sum())",
    "fastexcel": "import fastexcel\n"
                 "frame = fastexcel.read_excel(PATH).load_sheet(0).to_arrow()\n"
                 "size = int(frame.nbytes)",
    # What chitieu counts from: the four columns it keeps (commune, hamlet, receiving unit, status), as Arrow.
    "counted frame": "import fastexcel\n"
                     "frame = fastexcel.read_excel(PATH).load_sheet(0, use_columns=[5, 6, 7, 8], dtypes='string')"
                     ".to_arrow()\nsize = int(frame.nbytes)",
}
IMPORTS = {"chitieu": "import chitieu.mapping.records", "openpyxl": "import pandas, openpyxl",
           "fastexcel": "import fastexcel, pyarrow", "counted frame": "import fastexcel, pyarrow"}


def measure(reader: str, path: Path, repeat: int) -> dict[str, float]:
    """Wall and CPU seconds (each the least of ``repeat`` fresh processes) and peak memory
    (the most) of one reader."""
    runs = [_measure_once(reader, path) for _ in range(repeat)]
    return {"seconds": min(r["seconds"] for r in runs), "cpu": min(r["cpu"] for r in runs),
            "peak": max(r["peak"] for r in runs), "size": runs[0]["size"]}


def _measure_once(reader: str, path: Path) -> dict[str, float]:
    code = f"""
import json, resource, time
{IMPORTS[reader]}
def status(field):
    with open('/proc/self/status') as f:
        return next(int(l.split()[1]) for l in f if l.startswith(field)) * 1024
base = status('VmRSS')
PATH = {str(path)!r}
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
t, c = time.perf_counter(), cpu()
{READERS[reader]}
seconds, cpu_seconds = time.perf_counter() - t, cpu() - c
peak = status('VmHWM') - base
print(json.dumps({{"seconds": seconds, "cpu": cpu_seconds, "peak": peak, "size": size}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[200_000, 1_000_000])
    parser.add_argument("--openpyxl-max", type=int, default=200_000,
                        help="skip the openpyxl baseline above this many rows (it takes minutes)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per reader but openpyxl; the fastest is kept")
    parser.add_argument("--strings", choices=["inline", "shared"], nargs="+", default=["inline"],
                        help="how the lists store their text: inline, or a shared-strings table as Excel does")
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    mib = 1024 * 1024
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| rows | strings | reader | seconds | CPU seconds | peak MiB | frame MiB |")
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: |")
    for kind, rows in [(kind, rows) for kind in args.strings for rows in args.rows]:
        path = CACHE / f"citizens_{rows}{'_shared' if kind == 'shared' else ''}.xlsx"
        if not path.exists():
            write_citizen_list(path, rows, shared_strings=kind == "shared")
        results = {}
        for reader in READERS:
            if reader == "openpyxl" and rows > args.openpyxl_max:
                continue
            results[reader] = measure(reader, path, 1 if reader == "openpyxl" else args.repeat)
            r = results[reader]
            print(f"| {rows:,} | {kind} | {reader} | {r['seconds']:.2f} | {r['cpu']:.2f} | {r['peak'] / mib:.0f} | "
                  f"{r['size'] / mib:.1f} |", flush=True)
        ours, bare = results["chitieu"], results["fastexcel"]
        ratios = [f"chitieu / bare fastexcel: {ours['seconds'] / bare['seconds']:.2f}× wall, "
                  f"{ours['cpu'] / bare['cpu']:.2f}× CPU",
                  f"chitieu peak / counted frame: {ours['peak'] / results['counted frame']['size']:.1f}×"]
        if "openpyxl" in results:
            ratios.insert(0, f"openpyxl / chitieu: {results['openpyxl']['seconds'] / ours['seconds']:.0f}× wall, "
                             f"{results['openpyxl']['cpu'] / ours['cpu']:.0f}× CPU")
        else:
            ratios.insert(0, "openpyxl baseline skipped (minutes at this size)")
        print(f"|  | | {rows:,} rows: {'; '.join(ratios)} | | | | |", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
