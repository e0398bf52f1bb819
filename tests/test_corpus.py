"""Every corpus case as an officer meets it: ``chitieu check`` on the file, and the library.

The command must end with the expected exit code, print the expected findings in Vietnamese
naming the file (and the sheet, row and column where they apply), never a traceback, and stay
under 1 GiB of memory, measured in the process that ran it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from chitieu.cli import main
from chitieu.findings import ChitieuError
from chitieu.mapping.records import read_records
from conftest import ROOT
from corpus import CASES, ODD_NAMES, Case, counted_sums

GIB = 1024 ** 3
# Runs the command and reports the process's own peak memory on the last line of stderr. Linux's VmHWM
# is this program's own; ru_maxrss also keeps the parent's peak across exec (pytest's, after heavy tests).
MEASURED = """
import re, resource, sys
from pathlib import Path
from chitieu.{module} import {function}

def peak() -> int:
    status = Path("/proc/self/status")
    if status.exists():
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read_text()).group(1)) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

try:
    code = {function}(sys.argv[1:])
finally:
    print(f"peak_rss={{peak()}}", file=sys.stderr)
sys.exit(code)
"""
# The library's reading of one file, as JSON: the finding codes and the sums counted.
LIBRARY = """
import json, sys
sys.path.insert(0, "{tests}")
from chitieu.findings import ChitieuError
from chitieu.mapping.records import read_records
from corpus import counted_sums

def read(argv):
    try:
        loaded = read_records(argv)
    except ChitieuError as error:
        print(json.dumps({{"error": error.finding.code}}))
        return 0
    print(json.dumps({{"codes": [f.code for f in loaded.findings], "sums": counted_sums(loaded)}}))
    return 0
"""


def run_measured(code: str, args: list[str]) -> tuple[subprocess.CompletedProcess, int]:
    """Run ``code`` in a fresh Python; its result and its peak resident memory in bytes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib"), "CHITIEU_DEBUG": ""}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False,
                          timeout=300)
    *rest, last = done.stderr.rstrip("\n").split("\n")
    done.stderr = "\n".join(rest)
    return done, int(last.removeprefix("peak_rss="))


def check(path: Path) -> tuple[subprocess.CompletedProcess, int]:
    return run_measured(MEASURED.format(module="cli", function="main") + "", ["check", str(path)])


def lines_of(output: str, code: str) -> list[str]:
    return [line for line in output.splitlines() if f"[{code}]" in line]


def assert_said(case: Case, path: Path, output: str) -> None:
    """Each expected finding printed, in Vietnamese, at the file (and sheet, row, column)."""
    for code in case.codes:
        found = lines_of(output, code)
        assert found, f"{code} not in {output!r}"
        assert re.match(r"^(Lỗi|Cảnh báo|Thông tin) \[", found[0]), found[0]
        assert f"tệp '{path.name}'" in found[0]
        for word in case.where:
            assert word in found[0], (word, found[0])
    assert "Traceback" not in output and "Lỗi ngoài dự kiến" not in output


LIGHT = [case for case in CASES if not case.heavy]
HEAVY = [case for case in CASES if case.heavy]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("corpus")


def test_the_corpus_holds_every_kind_of_bad_input() -> None:
    assert len(CASES) >= 40 and len({case.name for case in CASES}) == len(CASES)
    assert sum(case.exit == 1 for case in CASES) >= 20 and sum(case.reading is not None for case in CASES) >= 15


@pytest.mark.parametrize("case", LIGHT, ids=[c.name for c in LIGHT])
def test_chitieu_check_answers_each_case(case: Case, folder: Path) -> None:
    path = case.path(folder)
    done, peak = check(path)
    assert done.returncode == case.exit, done.stdout + done.stderr
    assert_said(case, path, done.stdout + done.stderr)
    assert peak < GIB


@pytest.mark.parametrize("case", LIGHT, ids=[c.name for c in LIGHT])
def test_the_library_raises_only_its_own_error_and_says_the_same(case: Case, folder: Path) -> None:
    path = case.path(folder)
    try:
        loaded = read_records([path])
    except ChitieuError as error:
        assert case.reading is None and error.finding.code in case.codes
        assert error.finding.file == path.name
        return
    assert case.reading is not None, f"{case.name} was expected to be refused"
    assert set(case.codes) - {"duplicate-unit"} <= {f.code for f in loaded.findings}
    assert counted_sums(loaded) == pytest.approx(case.reading)


@pytest.mark.parametrize("case", HEAVY, ids=[c.name for c in HEAVY])
def test_heavy_and_hostile_files_are_answered_in_bounded_memory(case: Case, folder: Path) -> None:
    path = case.path(folder)
    done, peak = check(path)
    assert done.returncode == case.exit, done.stdout + done.stderr
    assert_said(case, path, done.stdout + done.stderr)
    assert peak < GIB, f"chitieu check used {peak / 2 ** 20:.0f} MiB"
    library = MEASURED.format(module="cli", function="main").replace(
        "from chitieu.cli import main", LIBRARY.format(tests=ROOT / "tests")).replace("main(", "read(")
    done, peak = run_measured(library, [str(path)])
    read = json.loads(done.stdout)
    assert peak < GIB, f"read_records used {peak / 2 ** 20:.0f} MiB"
    if case.reading is None:
        assert read == {"error": case.codes[0]}
    else:
        assert set(case.codes) <= set(read["codes"]) and read["sums"] == pytest.approx(case.reading)


def test_units_named_like_formulas_stay_text_in_the_report(folder: Path, tmp_path: Path, capsys) -> None:
    path = next(c for c in CASES if c.name == "ten_nhu_cong_thuc.xlsx").path(folder)
    assert main(["report", "--quota", str(path), "--start", "2024-04-04", "--end", "2024-07-03",
                 "--as-of", "2024-05-15", "--out", str(tmp_path / "bao_cao.xlsx")]) == 0
    written = Path(capsys.readouterr().out.strip().splitlines()[-1])
    cells = [cell for sheet in openpyxl.load_workbook(written) for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value.strip() in ODD_NAMES]
    assert {cell.value.strip() for cell in cells} == set(ODD_NAMES)
    assert all(cell.data_type == "s" for cell in cells)  # text, not a formula Excel would run
