"""Where the app keeps what officers upload, and how it names a folder to them.

Quota and result workbooks are kept as they came. A citizen list (names, ID numbers: personal data,
Decree 13/2023/NĐ-CP) is counted from the bytes in memory and only its counts and SHA-256 are kept
(citizens/kept.py); its original is written only when the settings keep originals for some days,
and `purge_expired_lists` deletes it once they are over.
"""

from __future__ import annotations

import glob
import hashlib
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable, Mapping

from chitieu.citizens.counts import count_citizen_list
from chitieu.citizens.kept import CitizenCount, counts_text, kept_counts_name
from chitieu.findings import ChitieuError
from chitieu.reading.guards import check_file
from chitieu.saving import save_bytes, write_error
from chitieu.settings import load_settings

_UPLOAD_FOLDER = re.compile(r"(\d{4}-\d{2}-\d{2})_[0-9a-f]{64}")


def saved_upload(name: str, content: bytes, folder: Path, today: date | None = None) -> tuple[Path, bool]:
    """Where the uploaded bytes are kept, and whether the same bytes were uploaded before.

    Each upload goes in its own folder ``YYYY-MM-DD_<sha256>/`` under its original name (so the
    dates in that name still tell the reader what the workbook is as of), written once and never
    overwritten.
    """
    digest = hashlib.sha256(content).hexdigest()
    earlier = sorted(folder.glob(f"*_{digest}/{glob.escape(Path(name).name)}"))  # same bytes under that name
    if earlier:
        return earlier[0], True
    path = folder / f"{(today or date.today()).isoformat()}_{digest}" / Path(name).name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return save_bytes(content, path, folder), False
    except FileExistsError:  # another session saved the same bytes a moment ago
        return path, True
    except OSError as error:  # no room even for the folder
        raise write_error(error, path.name) from None


def shown_path(path: Path) -> str:
    """A folder as the officer knows it: relative to the project folder when inside it."""
    home = load_settings().home
    return str(path.relative_to(home)) if path.is_relative_to(home) else str(path)


def save_uploads(uploaded: Iterable[Mapping[str, Any]], folder: Path, keep_days: int | None = None,
                 today: date | None = None) -> tuple[list[Path], list[str]]:
    """Where each file of an upload widget's value is kept (``kept_upload``), and a note for the
    officer on each: stored now, or the copy stored earlier used again, or what was kept of a list."""
    keep_days = load_settings().keep_lists_days if keep_days is None else keep_days
    paths, notes = [], []
    for item in uploaded:
        path, note = kept_upload(item["name"], bytes(item["content"]), folder, keep_days, today)
        paths.append(path)
        notes.append(f"'{item['name']}': {note}")
    return paths, notes


def kept_upload(name: str, content: bytes, folder: Path, keep_days: int = 0,
                today: date | None = None) -> tuple[Path, str]:
    """The file the app reads an upload from, and what was kept of it: a workbook as it came; of a
    citizen list its counts (and its original only for ``keep_days`` days, when more than 0)."""
    count = _citizen_count(name, content)
    if count is None:
        path, seen = saved_upload(name, content, folder, today)
        return path, ("đã tải lên trước đây, dùng lại bản đã lưu" if seen
                      else f"đã lưu bản gốc trong {shown_path(folder)}")
    today = today or date.today()
    digest = hashlib.sha256(content).hexdigest()
    earlier = sorted(folder.glob(f"*_{digest}/{kept_counts_name(name)}"))
    if earlier:
        return earlier[0], "danh sách công dân đã tải lên trước đây, dùng lại số đếm đã lưu"
    place = folder / f"{today.isoformat()}_{digest}"
    try:
        place.mkdir(parents=True, exist_ok=True)
        path = save_bytes(counts_text(count, name, digest).encode("utf-8"), place / kept_counts_name(name), folder)
        if keep_days > 0:
            save_bytes(content, place / Path(name).name, folder)
    except OSError as error:
        raise write_error(error, name) from None
    if keep_days > 0:
        return path, (f"danh sách công dân: đã lưu số đếm; bản gốc được giữ {keep_days} ngày "
                      f"(đến ngày {today + timedelta(days=keep_days):%d/%m/%Y}) rồi tự xoá")
    return path, ("danh sách công dân: chỉ lưu số đếm theo đơn vị và mã SHA-256 của tệp; "
                  "bản gốc (họ tên, số định danh) không được lưu")


def _citizen_count(name: str, content: bytes) -> CitizenCount | None:
    """What is counted of the upload if it is a citizen list, read from memory; None if it is not,
    or if it cannot be read (kept as it came, the reader then says what is wrong with it)."""
    try:
        check_file(Path(name), content, name, grid=False)
        return count_citizen_list(Path(name), content, grid=True)
    except ChitieuError:
        return None


def purge_expired_lists(folder: Path, keep_days: int, today: date | None = None) -> list[Path]:
    """Delete the originals of the citizen lists uploaded ``keep_days`` days ago or more (all of
    them when 0), keeping their counts; the files deleted."""
    today = today or date.today()
    purged = []
    for place in sorted(folder.glob("*_*")):
        match = _UPLOAD_FOLDER.fullmatch(place.name)
        if not match or not any(place.glob("* (số đếm).csv")):
            continue
        if date.fromisoformat(match.group(1)) + timedelta(days=keep_days) > today:
            continue
        for original in place.iterdir():
            if original.is_file() and not original.name.endswith(" (số đếm).csv"):
                original.unlink()
                purged.append(original)
    return purged
