"""Where the app keeps what officers upload, and how it names a folder to them."""

from __future__ import annotations

import glob
import hashlib
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping

from chitieu.saving import save_bytes, write_error
from chitieu.settings import load_settings


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


def save_uploads(uploaded: Iterable[Mapping[str, Any]], folder: Path) -> tuple[list[Path], list[str]]:
    """Where each file of an upload widget's value is kept (``saved_upload``), and a note for the
    officer on each: stored now, or the copy stored earlier used again."""
    paths, notes = [], []
    for item in uploaded:
        path, seen = saved_upload(item["name"], bytes(item["content"]), folder)
        paths.append(path)
        notes.append(f"'{item['name']}': " + ("đã tải lên trước đây, dùng lại bản đã lưu" if seen
                                              else f"đã lưu bản gốc trong {shown_path(folder)}"))
    return paths, notes
