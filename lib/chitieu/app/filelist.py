"""The workbooks in use, folded to one line until opened: each with its name, kind, when it was added,
size, rows and a button that removes it; the samples' banner."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import ipywidgets as w

from chitieu.app.reads import size_text
from chitieu.app.workspace import WorkspaceFile
from chitieu.values import format_number

KIND_NAMES = {"quota": "Sổ chỉ tiêu", "result": "Sổ kết quả"}
SAMPLES_BANNER = ("Dữ liệu mẫu (xã Minh Thắng) đang hiển thị để làm quen. Tải sổ chỉ tiêu của đơn vị mình lên "
                  "(mục 1) thì dữ liệu mẫu được thay.")
SAMPLE_QUOTA_BANNER = ("Dữ liệu mẫu: đang dùng sổ chỉ tiêu mẫu (xã Minh Thắng) với sổ kết quả của đơn vị. "
                       "Tải sổ chỉ tiêu của đơn vị mình lên để thay.")


def file_line(entry: WorkspaceFile) -> str:
    """One file as the list shows it: name, kind, when added, size, rows (HTML)."""
    added = datetime.fromisoformat(entry.read_at).strftime("%d/%m/%Y %H:%M")
    rows = f"{format_number(entry.rows)} dòng" if entry.rows is not None else "chưa đọc"
    cells = [f"<b>{html.escape(entry.path.name)}</b>", KIND_NAMES[entry.kind], f"thêm lúc {added}",
             size_text(entry.size), rows]
    return "<span class='ct-file'>" + " · ".join(cells) + "</span>"


def opening_line(path: Path, kind: str) -> str:
    """A file the page opened on (a sample, or one named by ``chitieu app --quota/--results``)."""
    return f"<span class='ct-file'><b>{html.escape(path.name)}</b> · {KIND_NAMES[kind]} · tệp mở sẵn</span>"


def banner_html(text: str) -> str:
    """A banner above the page (the samples in use)."""
    return ("<div class='ct-banner' style='background:#ddebf7;border-left:6px solid #2f5597;padding:6px 10px;"
            f"font-weight:bold'>{html.escape(text)}</div>") if text else ""


class FileList:
    """The files in use in a folded section; ``on_remove(path, kind)`` when a file's button is pressed."""

    def __init__(self, on_remove: Callable[[Path, str], None]):
        self.on_remove = on_remove
        self.rows = w.VBox()
        self.widget = w.Accordion(children=[self.rows], selected_index=None)

    def show(self, own: list[WorkspaceFile], opening: list[tuple[Path, str]]) -> None:
        """The officer's files, each removable, then the opening files still in use."""
        rows = [self._row(entry) for entry in own]
        rows += [w.HTML(opening_line(path, kind)) for path, kind in opening]
        self.rows.children = rows
        counts = [sum(1 for e in own if e.kind == kind) + sum(1 for _, k in opening if k == kind)
                  for kind in ("quota", "result")]
        self.widget.set_title(0, f"Tệp đang dùng: {counts[0]} sổ chỉ tiêu, {counts[1]} sổ kết quả "
                                 "(bấm để xem, bỏ bớt tệp)")

    def _row(self, entry: WorkspaceFile) -> w.HBox:
        remove = w.Button(description="Bỏ tệp", tooltip=f"Bỏ '{entry.path.name}' khỏi các tệp đang dùng",
                          layout=w.Layout(width="80px"))
        remove.on_click(lambda _: self.on_remove(entry.path, entry.kind))
        return w.HBox([remove, w.HTML(file_line(entry))], layout=w.Layout(align_items="center"))
