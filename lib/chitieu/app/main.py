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
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from chitieu.app.campaign import CampaignForm
from chitieu.app.confirm import ConfirmPanel
from chitieu.app.dashboard import Dashboard
from chitieu.app.export import ReportFields, export_report
from chitieu.app.filelist import SAMPLE_QUOTA_BANNER, SAMPLES_BANNER, FileList, banner_html
from chitieu.app.files import FilesPanel
from chitieu.app.filters import FilterPanel
from chitieu.app.kernel import give_back_memory, is_spare_kernel, take_page_request
from chitieu.app.meeting import MeetingPanel
from chitieu.app.reads import (
    ColumnReview,
    FileRead,
    chosen_mapping,
    column_reviews,
    kept_summary,
    mapping_label,
    merged,
    read_file,
    unmatched_units,
)
from chitieu.app.review import ReviewPanel
from chitieu.app.uploads import purge_expired_lists, save_uploads
from chitieu.app.views import (
    DATES_NEEDED,
    PAGE_STYLE,
    error_html,
    files_html,
    findings_html,
    findings_title,
    hint_html,
    note_html,
)
from chitieu.app.worklist import WorklistPanel
from chitieu.app.workspace import (
    DATE_FIELDS,
    Workspace,
    clear_workspace,
    describe_file,
    files_in_use,
    load_workspace,
    refuse_uncounted,
    save_workspace,
    stamp,
    typed_campaign,
    workspace_path,
)
from chitieu.findings import ChitieuError, fail
from chitieu.mapping.catalog import load_catalog
from chitieu.mapping.overrides import Overrides
from chitieu.mapping.profiles import load_profile, save_profile
from chitieu.settings import load_settings, sample_files, startup_files
from chitieu.summary.files import distinct_files, summarise_loaded
from chitieu.summary.selection import filtered_table
from chitieu.summary.table import TABLE_COLUMNS, Summary
from chitieu.text import fold

KEPT_FILES_NOTE = " Vẫn dùng các tệp đã đọc được trước đó (liệt kê ở mục 1); số liệu trên trang giữ nguyên."


class ChitieuApp:
    """The app's panels and the state behind them: the officer's workspace (files in use, campaign,
    filters; saved), the files read, the corrections and the summary.

    ``quota_files``/``result_files`` are the files the page opens on while the workspace has none of
    the officer's own (default: ``startup_files``)."""

    def __init__(self, quota_files: list[Path] | None = None, result_files: list[Path] | None = None,
                 upload_dir: Path | None = None, output_dir: Path | None = None, profile: Path | None = None):
        settings = load_settings()
        default_quota, default_results = startup_files() if quota_files is None else sample_files()
        self.opening = (list(quota_files or default_quota),
                        list(result_files if result_files is not None else default_results))
        self.samples = self.opening == sample_files()
        self.upload_dir = upload_dir or settings.uploads
        self.output_dir = output_dir or settings.outputs
        self.profile = profile or settings.profile
        self.workspace_file = workspace_path(self.upload_dir)
        self.workspace = load_workspace(self.workspace_file)
        self.catalog = load_catalog()
        purge_expired_lists(self.upload_dir, settings.keep_lists_days)  # citizen lists kept past their days
        self.catalog_labels = {code: indicator.label for code, indicator in self.catalog.indicators.items()}
        self.summary: Summary | None = None
        self.reads: dict[tuple[Path, str], FileRead] = {}
        self.elapsed = 0.0
        self._build_panels()
        self.widget = self._page()
        self.overrides = self._saved_overrides()
        self.built_on = self._inputs_stamp()
        self.campaign.fill_typed(self.workspace.campaign)
        self.refresh()

    @property
    def quota_files(self) -> list[Path]:
        return files_in_use(self.workspace, self.opening)[0]

    @property
    def result_files(self) -> list[Path]:
        return files_in_use(self.workspace, self.opening)[1]

    def _build_panels(self) -> None:
        self.message = w.HTML()
        self.banner = w.HTML()
        self.files = FilesPanel(self._on_upload)
        self.file_list = FileList(self.remove_file)
        self.restart_button = w.Button(description="Bắt đầu lại", icon="refresh",
                                       tooltip="Bỏ mọi tệp, ngày và bộ lọc đã lưu; mở lại dữ liệu mẫu")
        self.restart_button.on_click(lambda _: self.start_over())
        self.review = ReviewPanel(self.catalog, self.correct_column, self.accept_unit)
        self.campaign = CampaignForm(self.recalculate)
        for field in (self.campaign.unit_name, self.campaign.place):
            field.observe(lambda _: self._save_heading(), "value")
        self.filters = FilterPanel(self._on_filter)
        self.dashboard = Dashboard()
        self.findings = w.HTML()
        self.confirm = ConfirmPanel(self.confirm_figure)
        self.meeting = MeetingPanel()
        self.report_fields = ReportFields(self.profile, self.campaign)
        self.export_button = w.Button(description="Xuất báo cáo Excel", button_style="success",
                                      layout=w.Layout(width="200px"))
        self.export_button.on_click(lambda _: self.export())
        self.download = w.HTML()
        self.worklist = WorklistPanel([self.files.quota_upload, self.files.result_upload], self.output_dir)

    def _page(self) -> w.VBox:
        """The page: the files, their reading and the findings folded to a line each, then the campaign,
        the filters, the cards and the table on the first screen, the charts and the report below."""
        self.findings_fold = w.Accordion(children=[self.findings], selected_index=None)
        return w.VBox([
            w.HTML(f"{PAGE_STYLE}<h2>Theo dõi chỉ tiêu Đề án 06</h2>"), self.banner, self.message,
            self.worklist.notice, self.files.widget, w.HBox([self.file_list.widget, self.restart_button]),
            self.review.widget, self.findings_fold, self.campaign.widget,
            self.filters.widget, self.dashboard.cards, self.dashboard.pager, self.dashboard.table,
            w.HTML("<h3>Biểu đồ</h3>"), self.dashboard.charts, self.meeting.widget,
            w.HTML("<h3>Báo cáo</h3>"), self.report_fields.widget, w.HBox([self.export_button, self.download]),
            w.HTML("<h3>Danh sách cần vận động</h3>"), self.worklist.widget])

    def _inputs_stamp(self) -> tuple[tuple[Path, int | None], ...]:
        """When the saved corrections, the workspace and the workbooks in use were last changed."""
        paths = [self.profile, self.workspace_file, *self.quota_files, *self.result_files]
        return tuple((path, stamp(path)) for path in paths)

    def wait_for_page(self) -> None:
        """In a spare kernel (``chitieu app`` pre-heats one), wait until an officer's page takes it,
        then catch up on what changed meanwhile; elsewhere return at once."""
        if is_spare_kernel():
            take_page_request()
            self.catch_up()

    def catch_up(self) -> None:
        """Read again if the corrections, the workspace or the workbooks changed since the app was built
        (by a spare kernel, before its officer opened the page: another tab may have saved meanwhile)."""
        stamp_now = self._inputs_stamp()
        if stamp_now == self.built_on:
            return
        self.built_on = stamp_now
        self.overrides = self._saved_overrides()
        self.workspace = load_workspace(self.workspace_file)
        self.reads.clear()
        self.campaign.fill_typed(self.workspace.campaign)
        self.refresh()

    def _saved_overrides(self) -> Overrides:
        """The corrections saved earlier (none, and a message, when the profile cannot be read)."""
        try:
            return load_profile(self.profile, self.catalog)
        except ChitieuError as error:
            self.message.value = error_html(f"Lỗi: {error}")
            return Overrides()

    def _on_upload(self, uploaded: tuple[dict[str, Any], ...], kind: str) -> None:
        """Add the uploaded workbooks to the workspace as ``kind``, unless reading them fails: then
        nothing else changes on the page."""
        if not uploaded:
            return
        try:
            paths, _notes = save_uploads(uploaded, self.upload_dir)
        except ChitieuError as error:  # a full disk: said in the page, the files shown stay
            self.message.value = error_html(f"Lỗi: {error}")
            return
        # emptied, so that choosing the same file again is an upload again (an equal value is no change)
        (self.files.quota_upload if kind == "quota" else self.files.result_upload).value = ()
        workspace, repeated = self.workspace.with_files(paths, kind, lambda path: describe_file(path, kind))
        if self._apply(workspace, KEPT_FILES_NOTE, new=[p for p in paths if p not in repeated]):
            self.files.show_upload_notes([f"'{path.name}' đã có trong các tệp đang dùng nên chỉ được dùng một lần."
                                          for path in repeated])

    def remove_file(self, path: Path, kind: str) -> bool:
        """Stop using one workbook, and summarise again without it."""
        return self._apply(self.workspace.without(path, kind))

    def start_over(self) -> bool:
        """Forget the workspace (files, dates, heading, filters): the page opens on its opening files again."""
        clear_workspace(self.workspace_file)
        self.workspace = Workspace()
        self.campaign.fill_typed(self.workspace.campaign)
        return self._apply(self.workspace)

    def recalculate(self) -> bool:
        """Summarise again with the campaign fields as typed now ("Tính lại"); kept in the workspace."""
        return self._apply(self.workspace.with_campaign(self.campaign.typed(self.workspace.campaign, self.summary)))

    def refresh(self, failure_note: str = "") -> bool:
        """Read the files not read yet, summarise with the workspace's campaign and the corrections, and
        redraw everything; False (and a Vietnamese message, ending with ``failure_note``) when that failed."""
        return self._apply(self.workspace, failure_note)

    def _apply(self, workspace: Workspace, failure_note: str = "", new: list[Path] = ()) -> bool:
        """Read and summarise ``workspace``; when that works (or only the campaign dates are missing) it
        becomes the page's workspace and is saved, else the page stays as it was and says why."""
        started = time.perf_counter()
        reads: list[FileRead] = []
        try:
            reads, fresh = self._read_files(workspace)
            refuse_uncounted(fresh, new)
            summary = self._summarise(reads, workspace)
        except ChitieuError as error:
            if error.finding.code == "campaign-dates-missing" and reads:
                self._ask_for_dates(reads, workspace)
                return True
            self.message.value = error_html(f"Lỗi: {error}{failure_note}")
            return False
        except Exception as error:  # the officer sees a Vietnamese message, never a traceback
            self.message.value = error_html(f"Lỗi không mong đợi khi đọc tệp ({type(error).__name__}). "
                                            f"Hãy kiểm tra lại tệp đã tải lên.{failure_note}")
            return False
        self.elapsed = time.perf_counter() - started
        self._keep(workspace, reads, fresh)
        self._show_summary(reads, summary)
        give_back_memory()
        return True

    def _summarise(self, reads: list[FileRead], workspace: Workspace) -> Summary:
        """The summary of the files read, with the campaign typed in the workspace (else the workbooks')."""
        campaign = workspace.campaign
        quota_files, result_files, repeated = distinct_files(*files_in_use(workspace, self.opening))
        quota = merged([r for r in reads if r.kind == "quota"])
        quota.findings[:0] = repeated
        summary = summarise_loaded(quota, merged([r for r in reads if r.kind == "result"]), quota_files, result_files,
                                   catalog=self.catalog, unit_aliases=self.overrides.units,
                                   accepted=self.overrides.accepted, **typed_campaign(campaign, self.catalog_labels))
        return kept_summary(self.meeting.judge(summary, workspace))

    def _read_files(self, workspace: Workspace) -> tuple[list[FileRead], list[FileRead]]:
        """Every file the workspace uses, reading only those not read yet; and those read now."""
        quota_files, result_files, _ = distinct_files(*files_in_use(workspace, self.opening))
        wanted = [(path, "quota") for path in quota_files] + [(path, "result") for path in result_files]
        todo = [key for key in wanted if key not in self.reads]
        fresh = self.files.read_all(todo, lambda path, kind: read_file(path, kind, self.catalog, self.overrides))
        reads = self.reads | fresh
        return [reads[key] for key in wanted], list(fresh.values())

    def _keep(self, workspace: Workspace, reads: list[FileRead], fresh: list[FileRead]) -> None:
        """Make ``workspace`` the page's and save it; the files read are kept for the next summary."""
        self.workspace = workspace.with_rows({(r.path, r.kind): r.rows() for r in reads})
        self._save_workspace()
        self.reads = {(r.path, r.kind): r for r in reads}
        self.message.value = ""
        self.files.files_info.value = files_html(fresh, self.elapsed) if fresh else ""
        own = {f.path for f in self.workspace.files}
        quota_files, result_files = files_in_use(self.workspace, self.opening)
        self.file_list.show(list(self.workspace.files), [(p, "quota") for p in quota_files if p not in own]
                            + [(p, "result") for p in result_files if p not in own])
        self.banner.value = banner_html(self._banner_text())
        self.campaign.highlight_missing(())

    def _banner_text(self) -> str:
        if not self.samples or self.workspace.has_own("quota"):
            return ""
        return SAMPLE_QUOTA_BANNER if self.workspace.has_own() else SAMPLES_BANNER

    def _ask_for_dates(self, reads: list[FileRead], workspace: Workspace) -> None:
        """The workbooks read but no campaign period: keep them, and ask for the dates in place."""
        self._keep(workspace, reads, [])
        self.summary = None
        self.meeting.clear()
        self.campaign.fill_typed(workspace.campaign, DATE_FIELDS)  # never the dates of the files used before
        self.campaign.highlight_missing([key for key in ("start", "end") if not workspace.campaign.get(key)])
        self.message.value, self.campaign.info.value = hint_html(DATES_NEEDED), ""
        self.filters.fill(pd.DataFrame(columns=TABLE_COLUMNS), {})
        self.review.show(column_reviews(reads, self.catalog, self.overrides), [])
        self.findings.value, self.findings_fold.selected_index = "", None
        self.findings_fold.set_title(0, "Các vấn đề phát hiện: chưa tính (thiếu thời gian của đợt)")
        self.show()

    def _show_summary(self, reads: list[FileRead], summary: Summary) -> None:
        self.summary = summary
        self.campaign.show(summary, self.workspace.campaign)
        self.filters.fill(summary.table, self.workspace.filters)
        self.review.show(column_reviews(reads, self.catalog, self.overrides),
                         unmatched_units(reads, summary, self.overrides.units), summary.findings)
        self.findings.value = findings_html(summary.findings, self.catalog_labels, reviewed=self.review.anchored)
        self.findings_fold.set_title(0, findings_title(summary.findings))
        self.confirm.show(summary)
        self.meeting.show()
        self.show()

    def _save_heading(self) -> None:
        """Keep the report's heading fields as they are typed."""
        heading = {"unit_name": self.campaign.unit_name.value.strip(), "place": self.campaign.place.value.strip()}
        self.workspace = self.workspace.with_campaign({**self.workspace.campaign, **heading})
        self._save_workspace()

    def _save_workspace(self) -> None:
        """Save the workspace; a disk that refuses it is said, the page goes on."""
        try:
            save_workspace(self.workspace, self.workspace_file)
        except OSError as error:
            self.message.value = error_html(f"Không lưu được các tệp và lựa chọn đang dùng ({type(error).__name__}); "
                                            "chúng chỉ có hiệu lực đến khi đóng trang.")

    def correct_column(self, review: ColumnReview, value: str) -> None:
        """Map a column as the officer chose, save the choice for its template, and read again."""
        header = fold(review.header)
        chosen = self.overrides.profiles.setdefault(header, {})
        chosen[fold(review.label)] = chosen_mapping(value, review, self.catalog)
        columns = {r.label: chosen[fold(r.label)] for r in self.review.reviews
                   if fold(r.header) == header and fold(r.label) in chosen}
        saved = self._save(lambda: save_profile(self.profile, {review.header: columns}))
        self.reads.clear()  # the choice may change how any file of this template reads
        if self.refresh() and saved:
            self.review.note.value = note_html(f"Đã lưu: cột '{review.label}' được tính là "
                                               f"“{mapping_label(value, self.catalog)}” (trong {self.profile.name}).")

    def accept_unit(self, name: str, unit: str) -> None:
        """Count the results of ``name`` for the quota unit ``unit`` from now on, saved as an alias."""
        self.overrides.units[fold(name)] = unit
        saved = self._save(lambda: save_profile(self.profile, {}, {name: unit}))
        if self.refresh() and saved:
            self.review.note.value = note_html(
                f"Đã lưu: '{name}' trong sổ kết quả là '{unit}' (trong {self.profile.name}).")

    def confirm_figure(self, unit: str, indicator: str, as_of: date) -> None:
        """Rank ``unit``'s doubtful ``indicator`` figures up to ``as_of``, which the officer checked; saved."""
        self.overrides.accepted[unit, indicator] = as_of
        self._save(lambda: save_profile(self.profile, {}, accepted={(unit, indicator): as_of}))
        self.refresh()

    def _save(self, write: Callable[[], None]) -> bool:
        """Write to the profile; on failure say so (the choice still holds until the page is closed)."""
        try:
            self.profile.parent.mkdir(parents=True, exist_ok=True)
            write()
        except (OSError, ChitieuError) as error:
            self.review.note.value = error_html(fail("profile-unsaved", file=self.profile.name,
                                                     reason=type(error).__name__).finding.message)
            return False
        return True

    def _on_filter(self) -> None:
        self.dashboard.page = 0
        self.workspace = self.workspace.with_filters(self.filters.picks())
        self._save_workspace()
        self.show()

    def current_rows(self) -> pd.DataFrame:
        """The summary rows the current filters keep."""
        return pd.DataFrame() if self.summary is None else filtered_table(self.summary.table, **self.filters.selection())

    def show(self) -> None:
        """Redraw the table, the cards and the charts from the filters."""
        if self.summary is None:
            return self.dashboard.clear()
        self.dashboard.show(self.current_rows(), self.summary)

    def export(self) -> Path | None:
        """Write the report of the rows the filters keep under outputs/ and offer it for download."""
        rows_left = self.summary is not None and not self.current_rows().empty
        path, self.download.value = export_report(self.summary if rows_left else None, self.output_dir,
                                                  self.report_fields, self.filters.selection(),
                                                  reporting=self.meeting.reporting, rules=self.meeting.rules)
        return path
