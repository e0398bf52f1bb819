"""An uploaded citizen list is not kept as it came: its counts and SHA-256 are. An officer may keep
originals for some days; they are deleted when the app starts after that."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

from chitieu.app.uploads import purge_expired_lists, save_uploads
from chitieu.mapping.records import read_records
from chitieu.settings import load_settings

from .test_worklist import people, write_list

DAY = date(2024, 5, 31)


def upload(path: Path) -> dict[str, object]:
    return {"name": path.name, "content": memoryview(path.read_bytes())}


def counts(path: Path) -> dict[tuple[str, str], float]:
    r = read_records([path], "result").records
    return dict(zip(zip(r["unit"], r["indicator"]), r["value"]))


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_a_citizen_list_is_counted_and_its_original_not_kept(tmp_path: Path) -> None:
    rows = people(50)
    original = write_list(tmp_path / "ds_2024-05-31.xlsx", rows)
    folder = tmp_path / "uploads"
    paths, notes = save_uploads([upload(original)], folder, keep_days=0, today=DAY)
    digest = hashlib.sha256(original.read_bytes()).hexdigest()
    assert [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()] == [
        f"2024-05-31_{digest}/ds_2024-05-31 (số đếm).csv"]
    assert "không được lưu" in notes[0] and "SHA-256" in notes[0]
    kept = every_byte(folder).decode("utf-8")
    assert not any(row[1] in kept or row[2] in kept or row[3] in kept for row in rows)
    assert counts(paths[0]) == counts(original) and counts(original)
    loaded = read_records(paths, "result")
    assert {r.file for r in loaded.records.itertuples()} == {original.name}
    assert set(loaded.records["as_of"]) == {DAY}
    again, notes = save_uploads([upload(original)], folder, keep_days=0, today=DAY + timedelta(days=1))
    assert again == paths and "trước đây" in notes[0]


def test_originals_kept_for_some_days_are_purged_after(tmp_path: Path) -> None:
    original = write_list(tmp_path / "ds.xlsx", people(20))
    folder = tmp_path / "uploads"
    paths, notes = save_uploads([upload(original)], folder, keep_days=3, today=DAY)
    kept = paths[0].with_name("ds.xlsx")
    assert kept.read_bytes() == original.read_bytes() and "03/06/2024" in notes[0]
    assert purge_expired_lists(folder, 3, today=DAY + timedelta(days=2)) == [] and kept.exists()
    assert purge_expired_lists(folder, 3, today=DAY + timedelta(days=3)) == [kept]
    assert not kept.exists() and counts(paths[0]) == counts(original)


def test_workbooks_without_personal_data_are_kept_as_they_came(tmp_path: Path) -> None:
    quota = tmp_path / "chi_tieu.csv"
    quota.write_text("STT,Đơn vị,Chỉ tiêu kích hoạt định danh điện tử\n1,Ấp 1,120\n", encoding="utf-8")
    folder = tmp_path / "uploads"
    paths, _ = save_uploads([upload(quota)], folder, keep_days=0, today=DAY)
    assert paths[0].name == "chi_tieu.csv" and paths[0].read_bytes() == quota.read_bytes()
    assert purge_expired_lists(folder, 0, today=DAY + timedelta(days=400)) == [] and paths[0].exists()


def test_how_long_originals_are_kept_is_a_setting() -> None:
    assert load_settings({}).keep_lists_days == 0
    assert load_settings({"CHITIEU_KEEP_LISTS_DAYS": "7"}).keep_lists_days == 7
    assert load_settings({"CHITIEU_KEEP_LISTS_DAYS": "bảy"}).keep_lists_days == 0
