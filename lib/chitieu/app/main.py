"""The Voilà app officers open: upload workbooks, review how they were read, set the campaign,
filter, see, download.

The UI is one class, ``ChitieuApp``, made of one panel per section of the page (``files``,
``review``, ``campaign``, ``filters``, ``dashboard``); ``notebooks/app.ipynb`` only builds and shows
it, so the tests drive the same widgets without a browser.

An officer's corrections (a column's indicator and role, a unit's other spelling) are saved in a
mapping profile (``mapping.save_profile``): by default ``inputs/uploads/mapping_profile.yaml``, which
git ignores with the uploads; ``CHITIEU_PROFILE`` or the ``profile`` argument names another file.

>>> app = ChitieuApp()  # the samples, or the workbooks `chitieu app --quota/--results` named
>>> type(app.widget).__name__, app.summary.campaign.as_of
('VBox', datetime.date(2024, 5, 31))
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any, Callable

import ipywidgets as w
import pandas as pd

from chitieu.app.campaign import CampaignForm
from chitieu.app.confirm import ConfirmPanel
from chitieu.app.dashboard import Dashboard
from chitieu.app.files import FilesPanel
from chitieu.app.filters import FilterPanel
from chitieu.app.kernel import is_spare_kernel, take_page_request
from chitieu.app.reads import (
    ColumnReview,
    FileRead,
    chosen_mapping,
    column_reviews,
    mapping_label,
    merged,
    read_file,
    unmatched_units,
)
from chitieu.app.review import ReviewPanel
from chitieu.app.uploads import purge_expired_lists, save_uploads
from chitieu.app.views import download_link_html, error_html, files_html, findings_html, note_html
from chitieu.app.worklist import WorklistPanel
from chitieu.findings import ChitieuError, fail
from chitieu.mapping.catalog import load_catalog
from chitieu.mapping.overrides import Overrides
from chitieu.mapping.profiles import load_profile, save_profile
from chitieu.report.write import write_report
from chitieu.settings import load_settings
from chitieu.summary.files import distinct_files, summarise_loaded
from chitieu.summary.selection import filtered_table
from chitieu.summary.table import Summary
from chitieu.text import fold

KEPT_FILES_NOTE = " Vẫn dùng các tệp đã đọc được trước đó (liệt kê ở mục 1)."


def sample_files() -> tuple[list[Path], list[Path]]:
    """The sample quota and result workbooks the app opens on (Minh Thắng)."""
    return load_settings().startup_files({})


def startup_files() -> tuple[list[Path], list[Path]]:
    """The workbooks the app opens on: those ``chitieu app --quota F... --results F...`` named, else the samples."""
    return load_settings().startup_files()


class ChitieuApp:
    """The app's panels and the state behind them (files read, corrections, summary)."""

    def __init__(self, quota_files: list[Path] | None = None, result_files: list[Path] | None = None,
                 upload_dir: Path | None = None, output_dir: Path | None = None, profile: Path | None = None):
        settings = load_settings()
        default_quota, default_results = sample_files()
        self.quota_files = list(quota_files or default_quota)
        self.result_files = list(result_files if result_files is not None else default_results)
        self.upload_dir = upload_dir or settings.uploads
        self.output_dir = output_dir or settings.outputs
        self.profile = profile or settings.profile
        self.catalog = load_catalog()
        purge_expired_lists(self.upload_dir, settings.keep_lists_days)  # citizen lists kept past their days
        self.summary: Summary | None = None
        self.reads: dict[tuple[Path, str], FileRead] = {}
        self.elapsed = 0.0
        self._build_panels()
        self.widget = self._page()
        self.overrides = self._saved_overrides()
        self.built_on = self._inputs_stamp()
        self.refresh()

    def _build_panels(self) -> None:
        self.message = w.HTML()
        self.files = FilesPanel(self._on_upload)
        self.review = ReviewPanel(self.catalog, self.correct_column, self.accept_unit)
        self.campaign = CampaignForm(lambda: self.refresh(keep_dates=True))
        self.filters = FilterPanel(self._on_filter)
        self.dashboard = Dashboard()
        self.findings = w.HTML()
        self.confirm = ConfirmPanel(self.confirm_figure)
        self.export_button = w.Button(description="Xuất báo cáo Excel", button_style="success",
                                      layout=w.Layout(width="200px"))
        self.export_button.on_click(lambda _: self.export())
        self.download = w.HTML()
        self.worklist = WorklistPanel([self.files.quota_upload, self.files.result_upload], self.output_dir)

    def _page(self) -> w.VBox:
        """The page: a heading and the panels of each numbered section."""
        return w.VBox([
            w.HTML("<h2>Theo dõi chỉ tiêu Đề án 06</h2>"), self.message,
            w.HTML("<h3>1. Dữ liệu</h3>"), self.worklist.notice, self.files.widget,
            w.HTML("<h3>2. Kiểm tra cách đọc</h3>"), self.review.widget,
            w.HTML("<h3>3. Đợt cao điểm</h3>"), self.campaign.widget,
            w.HTML("<h3>4. Lọc</h3>"), self.filters.widget, self.dashboard.cards,
            w.HTML("<h3>5. Bảng tiến độ</h3>"), self.dashboard.pager, self.dashboard.table,
            w.HTML("<h3>6. Biểu đồ</h3>"), self.dashboard.chart,
            w.HTML("<h3>7. Báo cáo</h3>"), w.HBox([self.export_button, self.download]),
            w.HTML("<h3>8. Các vấn đề phát hiện</h3>"), self.confirm.widget, self.findings,
            w.HTML("<h3>9. Danh sách cần vận động</h3>"), self.worklist.widget])

    def _inputs_stamp(self) -> tuple[tuple[Path, int | None], ...]:
        """When the saved corrections and the workbooks in use were last changed."""
        paths = [self.profile, *self.quota_files, *self.result_files]
        return tuple((path, path.stat().st_mtime_ns if path.exists() else None) for path in paths)

    def wait_for_page(self) -> None:
        """In a spare kernel (``chitieu app`` pre-heats one), wait until an officer's page takes it,
        then catch up on what changed meanwhile; elsewhere return at once."""
        if is_spare_kernel():
            take_page_request()
            self.catch_up()

    def catch_up(self) -> None:
        """Read again if the corrections or the workbooks changed since the app was built (by a spare
        kernel, before its officer opened the page: another officer may have saved a correction)."""
        stamp = self._inputs_stamp()
        if stamp == self.built_on:
            return
        self.built_on = stamp
        self.overrides = self._saved_overrides()
        self.reads.clear()
        self.refresh()

    def _saved_overrides(self) -> Overrides:
        """The corrections saved earlier (none, and a message, when the profile cannot be read)."""
        try:
            return load_profile(self.profile, self.catalog)
        except ChitieuError as error:
            self.message.value = error_html(f"Lỗi: {error}")
            return Overrides()

    def _on_upload(self, uploaded: tuple[dict[str, Any], ...], kind: str) -> None:
        """Keep the uploaded workbooks and use them as the quota or result workbooks, unless they fail."""
        if not uploaded:
            return
        try:
            paths, notes = save_uploads(uploaded, self.upload_dir)
        except ChitieuError as error:  # a full disk: said in the page, the files shown stay
            self.message.value = error_html(f"Lỗi: {error}")
            return
        before = self.quota_files, self.result_files
        if kind == "quota":
            self.quota_files = paths
        else:
            self.result_files = paths
        if not self.refresh(failure_note=KEPT_FILES_NOTE):
            self.quota_files, self.result_files = before  # keep showing the last workbooks that worked
        self.files.show_upload_notes(notes)

    def refresh(self, keep_dates: bool = False, failure_note: str = "") -> bool:
        """Read the files not read yet, summarise with the campaign and corrections set, and redraw
        everything; False (and a Vietnamese message in the page, ending with ``failure_note``) when that
        failed."""
        started = time.perf_counter()
        try:
            reads, summary = self._summarise(keep_dates)
        except ChitieuError as error:
            self.message.value = error_html(f"Lỗi: {error}{failure_note}")
            return False
        except Exception as error:  # the officer sees a Vietnamese message, never a traceback
            self.message.value = error_html(f"Lỗi không mong đợi khi đọc tệp ({type(error).__name__}). "
                                            f"Hãy kiểm tra lại tệp đã tải lên.{failure_note}")
            return False
        self.elapsed = time.perf_counter() - started
        self._show_summary(reads, summary)
        return True

    def _summarise(self, keep_dates: bool) -> tuple[list[FileRead], Summary]:
        """The workbooks in use, read, and their summary with the campaign typed in (``keep_dates``) or found."""
        dates = self.campaign.entered_dates() if keep_dates else {}
        quota_files, result_files, repeated = distinct_files(self.quota_files, self.result_files)
        reads = self._read_files(quota_files, result_files)
        quota = merged([r for r in reads if r.kind == "quota"])
        quota.findings[:0] = repeated
        summary = summarise_loaded(
            quota, merged([r for r in reads if r.kind == "result"]), quota_files, result_files,
            days=self.campaign.entered_days(), catalog=self.catalog, unit_aliases=self.overrides.units,
            accepted=self.overrides.accepted, **dates)
        return reads, summary

    def _read_files(self, quota_files: list[Path], result_files: list[Path]) -> list[FileRead]:
        """Every file in use, reading only those not read yet."""
        wanted = [(path, "quota") for path in quota_files] + [(path, "result") for path in result_files]
        todo = [key for key in wanted if key not in self.reads]
        reads = self.reads | self.files.read_all(todo, lambda path, kind: read_file(path, kind, self.catalog,
                                                                                   self.overrides))
        return [reads[key] for key in wanted]

    def _show_summary(self, reads: list[FileRead], summary: Summary) -> None:
        self.message.value = ""
        self.reads = {(r.path, r.kind): r for r in reads}
        self.summary = summary
        self.campaign.show(summary.campaign)
        self.filters.fill(summary.table)
        self.files.files_info.value = files_html(reads, summary.sources, self.elapsed)
        self.findings.value = findings_html(summary.findings)
        self.confirm.show(summary)
        self.review.show(column_reviews(reads, self.catalog, self.overrides),
                         unmatched_units(reads, summary, self.overrides.units), summary.findings)
        self.show()

    def correct_column(self, review: ColumnReview, value: str) -> None:
        """Map a column as the officer chose, save the choice for its template, and read again."""
        header = fold(review.header)
        chosen = self.overrides.profiles.setdefault(header, {})
        chosen[fold(review.label)] = chosen_mapping(value, review, self.catalog)
        columns = {r.label: chosen[fold(r.label)] for r in self.review.reviews
                   if fold(r.header) == header and fold(r.label) in chosen}
        saved = self._save(lambda: save_profile(self.profile, {review.header: columns}))
        self.reads.clear()  # the choice may change how any file of this template reads
        if self.refresh(keep_dates=True) and saved:
            self.review.note.value = note_html(f"Đã lưu: cột '{review.label}' được tính là "
                                               f"“{mapping_label(value, self.catalog)}” (trong {self.profile.name}).")

    def accept_unit(self, name: str, unit: str) -> None:
        """Count the results of ``name`` for the quota unit ``unit`` from now on, saved as an alias."""
        self.overrides.units[fold(name)] = unit
        saved = self._save(lambda: save_profile(self.profile, {}, {name: unit}))
        if self.refresh(keep_dates=True) and saved:
            self.review.note.value = note_html(
                f"Đã lưu: '{name}' trong sổ kết quả là '{unit}' (trong {self.profile.name}).")

    def confirm_figure(self, unit: str, indicator: str, as_of: date) -> None:
        """Rank ``unit``'s doubtful ``indicator`` figures up to ``as_of``, which the officer checked; saved."""
        self.overrides.accepted[unit, indicator] = as_of
        self._save(lambda: save_profile(self.profile, {}, accepted={(unit, indicator): as_of}))
        self.refresh(keep_dates=True)

    def _save(self, write: Callable[[], None]) -> bool:
        """Write to the profile; on failure say so (the choice still holds until the page is closed)."""
        try:
            self.profile.parent.mkdir(parents=True, exist_ok=True)
            write()
        except (OSError, ChitieuError) as error:
            self.review.note.value = error_html(fail("profile-unsaved", file=str(self.profile),
                                                     reason=type(error).__name__).finding.message)
            return False
        return True

    def _on_filter(self) -> None:
        self.dashboard.page = 0
        self.show()

    def current_rows(self) -> pd.DataFrame:
        """The summary rows the current filters keep."""
        if self.summary is None:
            return pd.DataFrame()
        return filtered_table(self.summary.table, **self.filters.selection())

    def show(self) -> None:
        """Redraw the table, the cards and the charts from the filters."""
        self.dashboard.show(self.current_rows(), self.summary)

    def export(self) -> Path | None:
        """Write the report of the rows the filters keep under outputs/ and offer it for download."""
        if self.summary is None or self.current_rows().empty:
            self.download.value = error_html("Không có dòng nào để xuất báo cáo; hãy nới bộ lọc.")
            return None
        try:
            path = self._write_report()
        except ChitieuError as error:  # a full disk
            self.download.value = error_html(f"Lỗi: {error}")
            return None
        except Exception as error:  # the officer sees a Vietnamese message, never a traceback
            self.download.value = error_html(f"Không xuất được báo cáo ({type(error).__name__}).")
            return None
        self.download.value = download_link_html(path)
        return path

    def _write_report(self) -> Path:
        """The report of the rows the filters keep, written under the output folder."""
        self.output_dir.mkdir(parents=True, exist_ok=True)
        name = f"Báo cáo tiến độ {self.summary.campaign.as_of:%d-%m-%Y}.xlsx"
        return write_report(self.summary, self.output_dir / name, unit_name=self.campaign.unit_name.value,
                            place=self.campaign.place.value, **self.filters.selection())
