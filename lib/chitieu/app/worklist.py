"""The page's worklist section: choose a citizen list uploaded in this page, the indicator, the
hamlets and (optionally) a span of birth years, and download the worklist to print.

The list is read from the upload widget's bytes, in memory, and the workbook is made in memory and
handed to the browser as a data URI: nothing with a name or an ID number is written on the server,
unless the officer ticks "keep a copy under outputs/". ``PRIVACY_NOTE`` is shown beside the upload
buttons, so the officer knows before uploading what is kept of a citizen list.
"""

from __future__ import annotations

import base64
import html
import re
from datetime import datetime
from pathlib import Path

import ipywidgets as w
import pandas as pd

from chitieu.app.views import XLSX_TYPE, error_html, note_html
from chitieu.citizens.worklist import DONE, list_hamlets, make_worklist
from chitieu.findings import ChitieuError
from chitieu.mapping.catalog import load_catalog
from chitieu.report.worklist import worklist_file_name, worklist_workbook
from chitieu.report.write import free_path
from chitieu.saving import save_bytes
from chitieu.settings import load_settings

_YEARS = re.compile(r"\s*(\d{4})\s*(?:[-–—]\s*(\d{4})\s*)?")


def _said_elsewhere(error: ChitieuError) -> bool:
    """Whether an error needs no word from this section: a file that is no citizen list, or one the
    upload section already names as empty, damaged or refused (too large, to count as to list)."""
    code = error.finding.code
    return code in ("not-a-citizen-list", "list-too-large") or code.startswith(("file-", "zip-"))


def privacy_note(keep_days: int) -> str:
    """What happens to a citizen list once uploaded, said before the officer uploads one."""
    kept = (f"bản gốc được giữ {keep_days} ngày rồi tự xoá" if keep_days > 0
            else "bản gốc (họ tên, số định danh, ngày sinh) không được lưu trên máy chủ")
    return ("<p class='ct-privacy' style='color:#444;background:#eef5ff;padding:6px'>Danh sách công dân "
            f"(mỗi dòng một người): ứng dụng chỉ lưu số đếm theo đơn vị và mã SHA-256 của tệp; {kept}. "
            "Sổ chỉ tiêu, sổ kết quả được lưu nguyên như khi tải lên.</p>")


class WorklistPanel:
    """The worklist section, fed by the page's upload widgets (their files stay in memory)."""

    def __init__(self, uploads: list[w.FileUpload], output_dir: Path):
        self.output_dir = output_dir
        self.lists: dict[str, tuple[bytes, list[str]]] = {}  # a citizen list's name → its bytes, its hamlets
        self.notice = w.HTML(privacy_note(load_settings().keep_lists_days))
        catalog = load_catalog()
        self.source = w.Dropdown(description="Danh sách", options=[], layout=w.Layout(width="420px"))
        self.indicator = w.Dropdown(description="Chỉ tiêu", value="dddt", layout=w.Layout(width="420px"),
                                    options=[(catalog.label(code), code) for code in sorted(DONE)])
        self.hamlets = w.SelectMultiple(description="Ấp / KDC", options=[], rows=6, layout=w.Layout(width="420px"))
        self.hamlets.add_class("ct-worklist-hamlets")
        self.years = w.Text(description="Năm sinh", placeholder="ví dụ 2005-2009 (để trống: mọi người)",
                            layout=w.Layout(width="420px"))
        self.keep_copy = w.Checkbox(description="Lưu thêm một bản trong outputs/", value=False, indent=False)
        self.button = w.Button(description="Lập danh sách cần vận động", button_style="primary",
                               layout=w.Layout(width="240px"))
        self.download = w.HTML()
        self.button.on_click(lambda _: self.make())
        self.source.observe(lambda _: self._show_hamlets(), "value")
        for upload in uploads:  # the page empties an upload widget once read: keep each list as it comes
            upload.observe(lambda change: self.add_lists(change["new"]), "value")
        self.widget = w.VBox([w.HTML("<p>Chọn một danh sách công dân đã tải lên ở mục 1 (giữ trong bộ nhớ, không "
                                     "lưu), chỉ tiêu và các ấp; tải về để in và đi vận động.</p>"),
                              self.source, self.indicator, self.hamlets, self.years, self.keep_copy,
                              w.HBox([self.button, self.download])])
        self._show_hamlets()

    def add_lists(self, uploaded: tuple[dict, ...]) -> None:
        """The citizen lists among newly uploaded files, each kept in memory with its hamlets; the
        newest is chosen."""
        added = None
        for item in uploaded:
            content = bytes(item["content"])
            try:
                self.lists[item["name"]] = content, list_hamlets(item["name"], content)
            except ChitieuError as error:
                if not _said_elsewhere(error):  # a list, but no worklist can be made of it
                    self.download.value = error_html(f"Không lập được danh sách cần vận động từ '{item['name']}': "
                                                     f"{error}")
                continue
            added = item["name"]
        if added:
            self.source.options = list(self.lists)
            self.source.value = added
            self._show_hamlets()

    def _show_hamlets(self) -> None:
        self.hamlets.options = self.lists[self.source.value][1] if self.source.value in self.lists else []
        self.hamlets.value = tuple(self.hamlets.options)

    def make(self) -> bytes | None:
        """The worklist chosen, offered for download (and saved under outputs/ when asked); None
        and a message when nothing can be made."""
        years = _YEARS.fullmatch(self.years.value) if self.years.value.strip() else None
        if self.source.value not in self.lists or not self.hamlets.value:
            self.download.value = error_html("Hãy tải lên một danh sách công dân ở mục 1 và chọn ít nhất một ấp.")
            return None
        if self.years.value.strip() and years is None:
            self.download.value = error_html("Năm sinh cần ghi dạng 2005-2009 hoặc một năm, ví dụ 2007.")
            return None
        span = (int(years.group(1)), int(years.group(2) or years.group(1))) if years else None
        name = self.source.value
        try:
            worklist = make_worklist(name, self.indicator.value, self.hamlets.value, span, content=self.lists[name][0])
            content = worklist_workbook(worklist)
        except ChitieuError as error:
            self.download.value = error_html(f"Lỗi: {error}")
            return None
        file_name = worklist_file_name(worklist)
        self.download.value = _download_html(file_name, content) + note_html(_counts_text(worklist.counts))
        if self.keep_copy.value:
            self._save_copy(file_name, content)
        return content

    def _save_copy(self, file_name: str, content: bytes) -> None:
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            path = save_bytes(content, free_path(self.output_dir / file_name, datetime.now()), self.output_dir)
        except (OSError, ChitieuError) as error:
            self.download.value += error_html(f"Không lưu được bản sao: {error}")
            return
        self.download.value += note_html(f"Đã lưu một bản trong {path.parent.name}/{path.name}.")


def _download_html(name: str, content: bytes) -> str:
    data = base64.b64encode(content).decode("ascii")
    return (f"<a class='ct-worklist-download' download=\"{html.escape(name, quote=True)}\" "
            f"href=\"data:{XLSX_TYPE};base64,{data}\" style='font-weight:bold'>⬇ Tải về: {html.escape(name)}</a>")


def _counts_text(counts: pd.DataFrame) -> str:
    return "; ".join(f"{row.hamlet}: {row.on_worklist} người" for row in counts.itertuples(index=False))
