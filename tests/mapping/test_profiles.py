"""An officer settles what chitieu could not guess — a column's indicator, a unit's
other name — once, on the command line, and the choice is kept for next time."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
import yaml

from chitieu.cli import main
from test_gallery import HAMLETS, HEADER, write_xlsx

AMBIGUOUS = "Đã kích hoạt mức 1/mức 2"


@pytest.fixture
def ambiguous_book(tmp_path: Path) -> Path:
    rows = [["STT", "Đơn vị", AMBIGUOUS], [1, "Ấp 1", 40], [2, "Ấp 2", 35]]
    return write_xlsx(tmp_path / "bao_cao_xa.xlsx", {"Tuần 1": rows})


def read_csv(capsys: pytest.CaptureFixture, argv: list[str]) -> tuple[pd.DataFrame, str]:
    assert main(argv) == 0
    out, err = capsys.readouterr()
    return pd.read_csv(io.StringIO(out)), err


def test_an_ambiguous_column_is_a_finding_naming_the_candidates(ambiguous_book: Path, capsys) -> None:
    assert main(["check", str(ambiguous_book)]) == 1  # its only column: nothing counted until it is mapped
    out = capsys.readouterr().out
    assert "[file-nothing-counted]" in out
    assert "[column-ambiguous]" in out
    assert "dddt_muc1, dddt_muc2" in out and "--map" in out
    assert "trang tính 'Tuần 1'" in out and "cột 'C'" in out


def test_map_option_settles_the_column(ambiguous_book: Path, capsys) -> None:
    records, err = read_csv(capsys, ["read", str(ambiguous_book), "--kind", "result",
                                     "--map", f"{AMBIGUOUS}=dddt_muc2:result"])
    assert list(zip(records["unit"], records["indicator"], records["role"], records["value"])) == [
        ("Ấp 1", "dddt_muc2", "result", 40), ("Ấp 2", "dddt_muc2", "result", 35)]
    assert "column-ambiguous" not in err


def test_a_saved_profile_is_applied_next_time(ambiguous_book: Path, tmp_path: Path, capsys) -> None:
    profile = tmp_path / "mau_bieu.yaml"
    read_csv(capsys, ["read", str(ambiguous_book), "--map", f"{AMBIGUOUS}=dddt_muc2:result",
                      "--profile", str(profile)])
    saved = yaml.safe_load(profile.read_text(encoding="utf-8"))
    assert saved["profiles"] == [{"header": f"STT Đơn vị {AMBIGUOUS}", "columns": {AMBIGUOUS: "dddt_muc2:result"}}]
    # Next week's report, same template, other figures: no --map needed.
    next_week = write_xlsx(tmp_path / "tuan_2.xlsx", {"Tuần 2": [["STT", "Đơn vị", AMBIGUOUS], [1, "Ấp 1", 52]]})
    records, err = read_csv(capsys, ["read", str(next_week), "--profile", str(profile)])
    assert list(zip(records["indicator"], records["role"], records["value"])) == [("dddt_muc2", "result", 52)]
    assert "column-ambiguous" not in err


@pytest.mark.parametrize("choice, code", [("không có dấu bằng", "map-invalid"),
                                          (f"{AMBIGUOUS}=dinh_danh:result", "map-unknown-indicator"),
                                          (f"{AMBIGUOUS}=dddt:ket_qua", "map-unknown-role")])
def test_a_wrong_map_option_is_one_vietnamese_line(ambiguous_book: Path, capsys, choice: str, code: str) -> None:
    assert main(["read", str(ambiguous_book), "--map", choice]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Lựa chọn cột") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_unit_alias_matches_a_result_unit_and_is_kept(tmp_path: Path, capsys) -> None:
    quota = write_xlsx(tmp_path / "chi_tieu.xlsx", {"S": [HEADER, *HAMLETS]})
    result = write_xlsx(tmp_path / "ket_qua_2023-07-27.xlsx", {"S": [
        ["STT", "Đơn vị", "Kết quả kích hoạt định danh điện tử"], [1, "Ấp 1", 60], [2, "Xóm Mới", 20]]})
    argv = ["summary", "--quota", str(quota), "--results", str(result), "--start", "2023-07-18",
            "--end", "2023-08-18", "--format", "csv"]
    main(argv)
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert pd.isna(dict(zip(table["unit"], table["result"]))["Ấp 2"])  # "Xóm Mới" unmatched: Ấp 2 has nothing
    profile = tmp_path / "don_vi.yaml"
    main([*argv, "--alias", "Xóm Mới=Ấp 2", "--profile", str(profile)])
    capsys.readouterr()
    assert yaml.safe_load(profile.read_text(encoding="utf-8"))["units"] == {"xom moi": "Ấp 2"}
    main([*argv, "--profile", str(profile)])
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert dict(zip(table["unit"], table["result"]))["Ấp 2"] == 20
