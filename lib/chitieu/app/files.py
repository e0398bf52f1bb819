"""Section 1 of the page: the upload buttons, the reading progress and the workbooks in use."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Callable

import ipywidgets as w

from chitieu.app.reads import FileRead
from chitieu.citizens.rows import reading_progress

WORKBOOK_TYPES = ".xlsx,.xlsm,.xls,.ods,.csv"
STEPS = 100  # steps of the bar per file
FileKey = tuple[Path, str]  # a workbook and the kind it is read as ("quota" or "result")


class FilesPanel:
    """The upload buttons (``on_upload`` gets the widget's files and the kind), the progress bar of
    the reading, the files in use and what became of the last upload."""

    def __init__(self, on_upload: Callable[[tuple[dict[str, Any], ...], str], None]):
        # ipywidgets adds the number of files picked in this page: "Tải lên sổ chỉ tiêu (0)" reads as
        # "none uploaded yet", where "Sổ chỉ tiêu (0)" read as "no quota workbook" beside the samples in use
        self.quota_upload = w.FileUpload(accept=WORKBOOK_TYPES, multiple=True, description="Tải lên sổ chỉ tiêu",
                                         layout=w.Layout(width="auto"))
        self.result_upload = w.FileUpload(accept=WORKBOOK_TYPES, multiple=True, description="Tải lên sổ kết quả",
                                          layout=w.Layout(width="auto"))
        self.quota_upload.observe(lambda change: self._counting(lambda: on_upload(change["new"], "quota")), "value")
        self.result_upload.observe(lambda change: self._counting(lambda: on_upload(change["new"], "result")), "value")
        self.progress = w.IntProgress(value=0, min=0, max=1, description="Đọc tệp", bar_style="info")
        self.progress_info = w.HTML(layout=w.Layout(margin="0 0 0 8px"))
        self.files_info = w.HTML()
        self.upload_info = w.HTML()
        self.widget = w.VBox([w.HBox([self.quota_upload, self.result_upload]),
                              w.HBox([self.progress, self.progress_info]), self.files_info, self.upload_info])

    def _counting(self, handle: Callable[[], None]) -> None:
        """Handle an upload, the bar following a citizen list counted as it is kept (app.uploads)."""
        self.progress.max, self.progress.value = STEPS, 0
        with reading_progress(lambda share: setattr(self.progress, "value", int(share * STEPS))):
            handle()

    def read_all(self, todo: list[FileKey], read: Callable[[Path, str], FileRead]) -> dict[FileKey, FileRead]:
        """Each workbook of ``todo`` read, the bar moving per file; a file that cannot be read fills
        the bar red and its error goes on up."""
        reads: dict[FileKey, FileRead] = {}
        if not todo:
            return reads
        self.progress.max, self.progress.value, self.progress.bar_style = len(todo) * STEPS, 0, "info"
        for i, (path, kind) in enumerate(todo, start=1):
            self.progress_info.value = html.escape(f"Đang đọc tệp {i}/{len(todo)}: {path.name} …")
            try:  # a long citizen list moves the bar while it is read (citizens.rows.reading_progress)
                with reading_progress(lambda share, done=(i - 1) * STEPS: setattr(self.progress, "value",
                                                                                 done + int(share * STEPS))):
                    reads[(path, kind)] = read(path, kind)
            except Exception:
                self.progress.value, self.progress.bar_style = self.progress.max, "danger"  # a full red bar
                self.progress_info.value = html.escape(f"Không đọc được '{path.name}' (xem thông báo ở trên).")
                raise
            self.progress.value = i * STEPS
        self.progress.bar_style = "success"
        self.progress_info.value = html.escape(f"Đã đọc xong {len(todo)} tệp.")
        return reads

    def show_upload_notes(self, notes: list[str]) -> None:
        self.upload_info.value = "<p style='color:#555'>" + "<br>".join(html.escape(n) for n in notes) + "</p>"
