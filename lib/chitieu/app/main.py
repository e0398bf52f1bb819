"""The Voilà app officers open: upload workbooks, review how they were read, set the campaign,
filter, see, download.

The UI is one class, ``ChitieuApp``; ``notebooks/app.ipynb`` only builds and shows it,
so the tests drive the same widgets without a browser.

An officer's corrections (a column's indicator and role, a unit's other spelling) are saved in a
mapping profile (``mapping.save_profile``): by default ``inputs/uploads/mapping_profile.yaml``, which
git ignores with the uploads; ``CHITIEU_PROFILE`` or the ``profile`` argument names another file.

>>> app = ChitieuApp()  # doctest: +SKIP
>>> app.widget  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

import ipywidgets as w
import pandas as pd
from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

from chitieu.findings import SEVERITY_LABELS, ChitieuError, Finding, fail
from chitieu.mapping.catalog import ROLE_LABELS, Catalog, ColumnMapping, load_catalog
from chitieu.mapping.overrides import Choice, Overrides
from chitieu.mapping.profiles import load_profile, save_profile
from chitieu.mapping.records import Loaded, empty_records, read_records
from chitieu.mapping.units import UnitMatch, match_units
from chitieu.report.write import write_report
from chitieu.saving import save_bytes, write_error
from chitieu.settings import load_settings
from chitieu.summary.campaign import Campaign
from chitieu.summary.columns import SUMMARY_COLUMNS, ColumnSpec
from chitieu.summary.files import summarise_loaded
from chitieu.summary.selection import among, descendants, filtered_table, topmost_rows
from chitieu.summary.status import UNIT_STATUS_ORDER, Status
from chitieu.summary.table import Summary
from chitieu.text import clean, fold
from chitieu.values import format_number, format_percent, parse_date

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50
CHART_UNITS = 30
REVIEW_UNITS = 30  # unmatched units listed for review; the findings list names the rest
FINDINGS_SHOWN = 200
UNIT_INDENT = 14  # pixels a unit's name moves right per level below the top
LEVEL_LABELS = {0: "Cấp trên (tổng)", 1: "Cấp dưới trực tiếp", 2: "Cấp 2", 3: "Cấp 3"}
KIND_LABELS = {"quota": "Sổ chỉ tiêu", "result": "Sổ kết quả"}
NOT_COUNTED = ""  # the dropdown value of a column that is not counted
CARD_RULE = ("Mỗi đơn vị được đếm một lần, theo các chỉ tiêu đang chọn: chậm nếu chậm ở ít nhất một chỉ tiêu; "
             "nếu không, chưa báo cáo nếu chưa có kết quả ở một chỉ tiêu; nếu không, đạt tiến độ nếu có chỉ tiêu "
             "chưa vượt; vượt khi vượt ở mọi chỉ tiêu.")
CARD_CAPTION = ("Mỗi đơn vị đếm một lần: chậm nếu chậm ở ít nhất một chỉ tiêu đang chọn, vượt khi vượt ở mọi chỉ "
                "tiêu (di chuột lên thẻ để xem đủ quy tắc).")
OVERALL_RULE = ("Tổng kết quả chia tổng chỉ tiêu của các đơn vị cấp cao nhất đang hiển thị "
                "(cấp trên đã gồm cấp dưới nên không cộng hai lần).")


def sample_files() -> tuple[list[Path], list[Path]]:
    """The sample quota and result workbooks the app opens on (Minh Thắng)."""
    return load_settings().startup_files({})


def startup_files() -> tuple[list[Path], list[Path]]:
    """The workbooks the app opens on: those ``chitieu app --quota F... --results F...`` named, else the samples."""
    return load_settings().startup_files()


def take_page_request() -> None:
    """Block until a page takes this spare kernel, then take on the page's request variables.

    What ``voila.utils.wait_for_request`` does, without importing Jupyter Server with it (4 s).
    """
    url = (f"ws://{os.environ.get('VOILA_APP_IP', '127.0.0.1')}:{os.environ['VOILA_APP_PORT']}"
           f"{os.environ.get('VOILA_SERVER_URL', '/')}voila/query/{os.environ['VOILA_KERNEL_ID']}")
    try:
        with connect(url, open_timeout=5) as socket:
            os.environ.update(json.loads(socket.recv()))
    except (OSError, WebSocketException):  # the server is gone: the notebook just goes on
        return


def saved_upload(name: str, content: bytes, folder: Path, today: date | None = None) -> tuple[Path, bool]:
    """Where the uploaded bytes are kept, and whether the same bytes were uploaded before.

    Each upload goes in its own folder ``YYYY-MM-DD_<sha256>/`` under its original name (so the
    dates in that name still tell the reader what the workbook is as of), written once and never
    overwritten.
    """
    digest = hashlib.sha256(content).hexdigest()
    earlier = sorted(folder.glob(f"*_{digest}/[!.]*"))
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


def unit_statuses(rows: pd.DataFrame) -> pd.Series:
    """Each unit's one status over the indicators shown: the first of ``UNIT_STATUS_ORDER`` any of its
    rows has (behind if any indicator is behind, else not reported …; see CARD_RULE)."""
    if rows.empty:
        return pd.Series(dtype=object)
    rank = rows["status"].map({status: i for i, status in enumerate(UNIT_STATUS_ORDER)})
    return rank.groupby(rows["unit"], sort=False).min().map(dict(enumerate(UNIT_STATUS_ORDER)))


def card_numbers(rows: pd.DataFrame) -> dict[str, float | int]:
    """Overall percent (result / quota of the topmost rows shown, so roll-ups are not counted twice),
    the number of units shown and the number of units per status."""
    top = topmost_rows(rows)
    quota = top["quota"].sum()
    numbers: dict[str, float | int] = {"percent": float(top["result"].sum() / quota) if quota else 0.0}
    statuses = unit_statuses(rows)
    counts = statuses.value_counts()
    numbers["units"] = len(statuses)
    numbers.update({status: int(counts.get(status, 0)) for status in UNIT_STATUS_ORDER})
    return numbers


def page_count(rows: int) -> int:
    """How many table pages ``rows`` rows fill (at least one)."""
    return max(1, -(-rows // PAGE_SIZE))


def cards_html(numbers: dict[str, float | int]) -> str:
    """The summary cards: overall percent, units shown and units per status (in the order a unit is
    counted under them), each with its rule as tooltip."""
    items = [("Tỷ lệ chung", format_percent(numbers["percent"]), "#fff2cc", "overall", OVERALL_RULE),
             ("Số đơn vị", str(numbers["units"]), "#f2f2f2", "units", CARD_RULE)]
    items += [(f"Đơn vị {status}", str(numbers[status]), status.colour, f"status-{status.code}", CARD_RULE)
              for status in UNIT_STATUS_ORDER]
    cards = "".join(
        f'<div class="ct-card" data-card="{key}" title="{html.escape(rule)}" style="background:{colour};'
        f'padding:8px 14px;margin:4px;border-radius:6px;min-width:120px;cursor:help">'
        f'<div style="font-size:12px">{html.escape(label)}</div>'
        f'<div class="ct-value" style="font-size:22px;font-weight:bold">{value}</div></div>'
        for label, value, colour, key, rule in items)
    return (f'<div style="display:flex;flex-wrap:wrap">{cards}</div>'
            f'<div style="font-size:12px;color:#555;margin:2px 4px">{html.escape(CARD_CAPTION)}</div>')


def table_html(rows: pd.DataFrame) -> str:
    """The summary rows as an HTML table with the summary's columns, each row coloured by its status."""
    head = "".join(f"<th style='padding:2px 6px;border:1px solid #999'>{html.escape(column.heading)}</th>"
                   for column in SUMMARY_COLUMNS)
    body = "".join(_row_html(row) for row in rows.to_dict("records"))
    return (f"<table class='ct-table' style='border-collapse:collapse;font-size:13px'><thead><tr>{head}"
            f"</tr></thead><tbody>{body}</tbody></table>")


def _row_html(row: dict[str, object]) -> str:
    cells = "".join(_cell_html(column, row) for column in SUMMARY_COLUMNS)
    return f"<tr style='background:{Status(row['status']).colour}'>{cells}</tr>"


def _cell_html(column: ColumnSpec, row: dict[str, object]) -> str:
    """A cell named by its column (``data-column``); the unit's name indented by its level."""
    left = 6 + UNIT_INDENT * int(row["level"]) if column.key == "unit" else 6
    return (f"<td data-column='{column.key}' style='padding:2px 6px 2px {left}px;border:1px solid #ccc;"
            f"text-align:{column.align}'>{html.escape(column.text(row[column.key]))}</td>")


def findings_html(findings: list[Finding], limit: int = FINDINGS_SHOWN) -> str:
    """The findings list with where each happened (file, sheet, row, column); the first ``limit``."""
    if not findings:
        return "<p>Không phát hiện vấn đề nào.</p>"
    items = "".join(f"<li><b>{SEVERITY_LABELS[f.severity]}</b> [{f.code}]: {html.escape(f.text())}</li>"
                    for f in findings[:limit])
    more = (f"<p>… và {format_number(len(findings) - limit)} vấn đề khác (xem trong báo cáo Excel).</p>"
            if len(findings) > limit else "")
    return f"<ul class='ct-findings'>{items}</ul>{more}"


def chart_html(rows: pd.DataFrame, summary: Summary) -> str:
    """Two charts side by side, drawn as inline SVG: percent by unit (sorted, 100 % line; the
    CHART_UNITS lowest when there are more) and the cumulative result of the rows' units against the plan."""
    by_unit = rows.groupby("unit")[["result", "quota"]].sum()
    percent = (by_unit["result"] / by_unit["quota"].where(by_unit["quota"] > 0)).fillna(0).sort_values() * 100
    units = descendants(rows["unit"].unique().tolist(), summary.table)
    history = summary.history
    mine = history[among(history["unit"], units) & among(history["indicator"], rows["indicator"].unique())]
    cumulative = mine.groupby("as_of")["result"].sum().sort_index()
    planned = rows.loc[~among(rows["unit"], rows["parent"].dropna().unique()), "quota"].sum()
    return (f"<div class='ct-chart' style='display:flex;flex-wrap:wrap;gap:12px'>{_bars_svg(percent)}"
            f"{_cumulative_svg(cumulative, summary.campaign, float(planned))}</div>")


CHART_W, CHART_H, CHART_FONT = 560, 330, "font-family:sans-serif;font-size:11px"


def _bars_svg(percent: pd.Series) -> str:
    """Percent achieved by unit as horizontal bars, lowest first, with a dashed 100 % line."""
    shown = percent.iloc[:CHART_UNITS]
    title = ("Tỷ lệ đạt theo đơn vị (%)" if len(percent) <= CHART_UNITS
             else f"Tỷ lệ đạt (%): {CHART_UNITS} đơn vị thấp nhất / {len(percent)}")
    left, top, width, step = 150, 24, CHART_W - 210, 16
    height = top + step * max(len(shown), 1) + 10
    scale = width / max(100.0, float(shown.max()) if len(shown) else 0.0)
    bars = "".join(
        f"<text x='{left - 4}' y='{top + (i + 0.7) * step:.1f}' text-anchor='end'>{html.escape(str(unit)[:24])}</text>"
        f"<rect x='{left}' y='{top + i * step + 1:.1f}' width='{value * scale:.1f}' height='{step - 2}' "
        f"fill='#4472c4'/><text x='{left + value * scale + 3:.1f}' y='{top + (i + 0.7) * step:.1f}'>"
        f"{format_number(value, 1)}</text>"
        for i, (unit, value) in enumerate(shown.items()))
    line = (f"<line x1='{left + 100 * scale:.1f}' x2='{left + 100 * scale:.1f}' y1='{top}' y2='{height - 10}' "
            "stroke='#c00000' stroke-dasharray='5,3'/>")
    return _svg(title, bars + line, height)


def _cumulative_svg(cumulative: pd.Series, campaign: Campaign, planned: float) -> str:
    """The cumulative result by date (dots joined) and the plan line from 0 at the start to the quota at the end."""
    left, top, right, bottom = 60, 24, CHART_W - 20, CHART_H - 40
    days = max((campaign.end - campaign.start).days, 1)
    highest = max(planned, float(cumulative.max()) if len(cumulative) else 0.0, 1.0)

    def point(day: date, value: float) -> tuple[float, float]:
        return (left + (right - left) * (day - campaign.start).days / days,
                bottom - (bottom - top) * value / highest)

    done = [point(day, value) for day, value in cumulative.items()]
    dots = "".join(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='#4472c4'/>" for x, y in done)
    axes = (f"<polyline points='{left},{top} {left},{bottom} {right},{bottom}' fill='none' stroke='#666'/>"
            f"<text x='{left - 4}' y='{top + 4}' text-anchor='end'>{format_number(highest)}</text>"
            f"<text x='{left - 4}' y='{bottom}' text-anchor='end'>0</text>"
            f"<text x='{left}' y='{bottom + 16}'>{campaign.start:%d/%m/%Y}</text>"
            f"<text x='{right}' y='{bottom + 16}' text-anchor='end'>{campaign.end:%d/%m/%Y}</text>")
    plan = (f"<polyline points='{_points([point(campaign.start, 0), point(campaign.end, planned)])}' fill='none' "
            "stroke='#ed7d31' stroke-dasharray='6,4'/>")
    result = f"<polyline points='{_points(done)}' fill='none' stroke='#4472c4' stroke-width='2'/>{dots}" if done else ""
    legend = (f"<text x='{left + 10}' y='{CHART_H - 6}' fill='#4472c4'>— Kết quả lũy kế</text>"
              f"<text x='{left + 150}' y='{CHART_H - 6}' fill='#ed7d31'>- - Kế hoạch</text>")
    return _svg("Kết quả lũy kế so với kế hoạch", axes + plan + result + legend, CHART_H)


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _svg(title: str, body: str, height: int) -> str:
    return (f"<svg width='{CHART_W}' height='{height}' style='{CHART_FONT};background:#fff' role='img' "
            f"aria-label='{html.escape(title, quote=True)}'><text x='{CHART_W / 2}' y='14' text-anchor='middle' "
            f"style='font-size:13px;font-weight:bold'>{html.escape(title)}</text>{body}</svg>")


@dataclass(frozen=True)
class FileRead:
    """One workbook read: what it gave and the time the reading took."""

    path: Path
    kind: str  # "quota" or "result"
    loaded: Loaded
    seconds: float

    def rows(self) -> int:
        """Table rows read, plus the people of a citizen list (whose records are only counts)."""
        people = sum(f.params["people"] for f in self.loaded.findings if f.code == "citizen-list")
        records = self.loaded.records.dropna(subset=["row"])
        return people + len(records.drop_duplicates(["sheet", "row"]))

    def text(self) -> str:
        """What the officer reads once the file is read: Đã đọc 'x.xlsx' (12,3 MB, 200.000 dòng, 4,1 giây)."""
        return (f"Đã đọc '{self.path.name}' ({size_text(self.path.stat().st_size)}, "
                f"{format_number(self.rows())} dòng, {format_number(self.seconds, 1)} giây)")


def size_text(size: int) -> str:
    """A file size as an officer reads it: "12,3 MB", "18 KB"."""
    if size >= 1024 * 1024:
        return f"{format_number(size / 1024 / 1024, 1)} MB"
    return f"{format_number(max(1, round(size / 1024)))} KB"


def read_file(path: Path, kind: str, catalog: Catalog, overrides: Overrides) -> FileRead:
    started = time.perf_counter()
    loaded = read_records([path], kind, catalog, overrides)
    return FileRead(path, kind, loaded, time.perf_counter() - started)


def merged(reads: list[FileRead]) -> Loaded:
    """The files' records, findings, campaign period and tables as one ``read_records`` would give them."""
    if not reads:
        return Loaded(empty_records())
    return Loaded(pd.concat([r.loaded.records for r in reads], ignore_index=True),
                  [f for r in reads for f in r.loaded.findings],
                  next((r.loaded.period for r in reads if r.loaded.period), None),
                  [t for r in reads for t in r.loaded.tables])


@dataclass
class ColumnReview:
    """A column of one template (header) as the reader mapped it, and the files it was seen in."""

    header: str
    label: str
    mapping: ColumnMapping
    files: list[str]
    chosen: bool = False  # the officer chose the mapping (saved in the profile)


def column_reviews(reads: list[FileRead], catalog: Catalog, overrides: Overrides) -> list[ColumnReview]:
    """Each column of each template read, once however many files share the template, with the
    (indicator, role) and confidence chosen for it (an officer's earlier choice wins)."""
    found: dict[tuple[str, str], ColumnReview] = {}
    for read in reads:
        for table in read.loaded.tables:
            if table.increments:  # mapped row by row from the indicator named in each row
                continue
            for col in table.columns:
                key = (fold(table.header_text), fold(col.label))
                if key in found:
                    if table.file not in found[key].files:
                        found[key].files.append(table.file)
                    continue
                chosen = overrides.mapping_for(col.label, table.header_text)
                mapping = chosen or catalog.map_column(col.label, table.title, read.kind)
                found[key] = ColumnReview(clean(table.header_text), col.label, mapping, [table.file], bool(chosen))
    return list(found.values())


def mapping_options(catalog: Catalog) -> list[tuple[str, str]]:
    """The dropdown's choices: "not counted", then every indicator × role as "indicator:role"."""
    return [("Không tính", NOT_COUNTED)] + [
        (f"{indicator.label} — {ROLE_LABELS[role]}", f"{code}:{role}")
        for code, indicator in catalog.indicators.items() for role in ("quota", "daily_quota", "result")]


def mapping_value(mapping: ColumnMapping) -> str:
    return f"{mapping.indicator}:{mapping.role}" if mapping.indicator and mapping.role != "other" else NOT_COUNTED


def chosen_mapping(value: str, review: ColumnReview, catalog: Catalog) -> Choice:
    """The (indicator, role) an officer's dropdown value means; "not counted" keeps the indicator
    (a profile needs one) with the role "other", which nothing adds up."""
    if value != NOT_COUNTED:
        indicator, role = value.split(":")
        return indicator, role
    indicator = review.mapping.indicator or (review.mapping.candidates or tuple(catalog.indicators))[0]
    return indicator, "other"


def unmatched_units(reads: list[FileRead], summary: Summary, aliases: dict[str, str]) -> list[tuple[UnitMatch, str]]:
    """Result units that match no quota unit (with their suggestions), and the file each first appears in;
    only units of counted columns, as the summary sees them."""
    results = merged([r for r in reads if r.kind == "result"]).records
    results = results[(results["role"] == "result") & results["indicator"].notna() & results["value"].notna()]
    # whole columns as lists: iterating Arrow-backed text value by value is slow at 200,000 records
    first = results.drop_duplicates("unit")
    first_file = dict(zip(first["unit"].tolist(), first["file"].tolist()))
    matches = match_units(list(first_file), summary.table["unit"].unique().tolist(), aliases)
    return [(m, first_file[m.name]) for m in matches.values() if m.matched is None]


def confidence_html(review: ColumnReview) -> str:
    """The confidence in percent; below 80 % it asks the officer to check the column."""
    if review.chosen:
        return "<span style='color:#375623'>đã chọn tay</span>"
    mapping = review.mapping
    text = f"{mapping.confidence * 100:.0f}%"
    if mapping.confidence >= 0.8:
        return f"<span style='color:#375623'>{text}</span>"
    return f"<span style='background:#ffeb9c;padding:1px 4px'>{text} — cần kiểm tra</span>"


def shown_path(path: Path) -> str:
    """A folder as the officer knows it: relative to the repo when inside it."""
    home = load_settings().home
    return str(path.relative_to(home)) if path.is_relative_to(home) else str(path)


def close_widget(widget: w.Widget) -> None:
    """Close a widget and every widget inside it, so rebuilt review rows do not pile up in the kernel."""
    for child in getattr(widget, "children", ()):
        close_widget(child)
    widget.close()


def download_link_html(path: Path) -> str:
    """An anchor that hands the workbook to the browser as a data URI, keeping its Vietnamese name."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    name = html.escape(path.name, quote=True)
    return (f"<a class='ct-download' download=\"{name}\" href=\"data:{XLSX_TYPE};base64,{data}\" "
            f"style='font-weight:bold'>⬇ Tải về: {html.escape(path.name)}</a>")


def error_html(message: str) -> str:
    return f"<div class='ct-error' style='color:#9c0006;background:#ffc7ce;padding:8px'>{html.escape(message)}</div>"


class ChitieuApp:
    """The app's widgets and the state behind them (files read, corrections, summary, filters)."""

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
        self.summary: Summary | None = None
        self.reads: dict[tuple[Path, str], FileRead] = {}
        self.reviews: list[ColumnReview] = []
        self.page = 0
        self.elapsed = 0.0
        self._build_widgets()
        self.overrides = self._saved_overrides()
        self.built_on = self._inputs_stamp()
        self.refresh()

    def _inputs_stamp(self) -> tuple[tuple[Path, int | None], ...]:
        """When the saved corrections and the workbooks in use were last changed."""
        paths = [self.profile, *self.quota_files, *self.result_files]
        return tuple((path, path.stat().st_mtime_ns if path.exists() else None) for path in paths)

    def wait_for_page(self) -> None:
        """In a spare kernel (``chitieu app`` pre-heats one), wait until an officer's page takes it,
        then catch up on what changed meanwhile; elsewhere return at once."""
        if os.environ.get("VOILA_PREHEAT") == "True":
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

    def _build_widgets(self) -> None:
        # ipywidgets adds the number of files picked in this page: "Tải lên sổ chỉ tiêu (0)" reads as
        # "none uploaded yet", where "Sổ chỉ tiêu (0)" read as "no quota workbook" beside the samples in use
        self.quota_upload = w.FileUpload(accept=".xlsx,.xlsm,.xls,.ods,.csv", multiple=True,
                                         description="Tải lên sổ chỉ tiêu", layout=w.Layout(width="auto"))
        self.result_upload = w.FileUpload(accept=".xlsx,.xlsm,.xls,.ods,.csv", multiple=True,
                                          description="Tải lên sổ kết quả", layout=w.Layout(width="auto"))
        self.quota_upload.observe(lambda change: self._on_upload(change, "quota"), "value")
        self.result_upload.observe(lambda change: self._on_upload(change, "result"), "value")
        self.progress = w.IntProgress(value=0, min=0, max=1, description="Đọc tệp", bar_style="info")
        self.progress_info = w.HTML(layout=w.Layout(margin="0 0 0 8px"))
        self.files_info = w.HTML()
        self.upload_info = w.HTML()
        self.message = w.HTML()
        self.column_review = w.VBox()
        self.column_panel = w.Accordion([self.column_review])
        self.unit_review = w.VBox()
        self.review_note = w.HTML()
        self.start = w.Text(description="Bắt đầu", placeholder="ngày/tháng/năm")
        self.end = w.Text(description="Kết thúc", placeholder="ngày/tháng/năm")
        self.as_of = w.Text(description="Tính đến", placeholder="ngày/tháng/năm")
        self.days = w.IntText(value=0, description="Số ngày", tooltip="0: tự tính, cả ngày đầu và ngày cuối")
        self.campaign_info = w.HTML()
        self.unit_name = w.Text(description="Đơn vị", placeholder="CÔNG AN XÃ ...")
        self.place = w.Text(description="Địa danh", placeholder="Minh Thắng")
        self.apply_campaign = w.Button(description="Tính lại", button_style="primary")
        self.apply_campaign.on_click(lambda _: self.refresh(keep_dates=True))
        self.levels = w.SelectMultiple(description="Cấp", rows=3)
        self.units = w.SelectMultiple(description="Đơn vị", rows=8)
        self.indicators = w.SelectMultiple(description="Chỉ tiêu", rows=6, layout=w.Layout(width="420px"))
        self.statuses = w.SelectMultiple(description="Tình trạng", options=list(tuple(Status)), rows=4)
        for control in (self.levels, self.units, self.indicators, self.statuses):
            control.observe(self._on_filter, "value")
        self.cards = w.HTML()
        self.table = w.HTML()
        self.previous = w.Button(description="◀ Trang trước")
        self.next = w.Button(description="Trang sau ▶")
        self.previous.on_click(lambda _: self._turn(-1))
        self.next.on_click(lambda _: self._turn(1))
        self.page_info = w.Label()
        self.chart = w.HTML()
        self.findings = w.HTML()
        self.build_report = w.Button(description="Xuất báo cáo Excel", button_style="success",
                                     layout=w.Layout(width="200px"))
        self.build_report.on_click(lambda _: self.export())
        self.download = w.HTML()
        uploads = w.HBox([self.quota_upload, self.result_upload])
        campaign = w.VBox([w.HBox([self.start, self.end, self.as_of]),
                           w.HBox([self.days, self.unit_name, self.place, self.apply_campaign]), self.campaign_info])
        filters = w.HBox([self.levels, self.units, self.indicators, self.statuses])
        pager = w.HBox([self.previous, self.page_info, self.next])
        self.widget = w.VBox([
            w.HTML("<h2>Theo dõi chỉ tiêu Đề án 06</h2>"), self.message,
            w.HTML("<h3>1. Dữ liệu</h3>"), uploads, w.HBox([self.progress, self.progress_info]), self.files_info,
            self.upload_info,
            w.HTML("<h3>2. Kiểm tra cách đọc</h3>"), self.column_panel, self.unit_review, self.review_note,
            w.HTML("<h3>3. Đợt cao điểm</h3>"), campaign,
            w.HTML("<h3>4. Lọc</h3>"), filters, self.cards,
            w.HTML("<h3>5. Bảng tiến độ</h3>"), pager, self.table,
            w.HTML("<h3>6. Biểu đồ</h3>"), self.chart,
            w.HTML("<h3>7. Báo cáo</h3>"), w.HBox([self.build_report, self.download]),
            w.HTML("<h3>8. Các vấn đề phát hiện</h3>"), self.findings])

    def _saved_overrides(self) -> Overrides:
        """The corrections saved earlier (none, and a message, when the profile cannot be read)."""
        try:
            return load_profile(self.profile, self.catalog)
        except ChitieuError as error:
            self.message.value = error_html(f"Lỗi: {error}")
            return Overrides()

    def _on_upload(self, change: dict, kind: str) -> None:
        uploaded = change["new"]
        if not uploaded:
            return
        notes, paths = [], []
        for item in uploaded:
            try:
                path, seen = saved_upload(item["name"], bytes(item["content"]), self.upload_dir)
            except ChitieuError as error:  # a full disk: said in the page, the files shown stay
                self.message.value = error_html(f"Lỗi: {error}")
                return
            paths.append(path)
            notes.append(f"'{item['name']}': " + ("đã tải lên trước đây, dùng lại bản đã lưu" if seen
                                                  else f"đã lưu bản gốc trong {shown_path(self.upload_dir)}"))
        before = self.quota_files, self.result_files
        if kind == "quota":
            self.quota_files = paths
        else:
            self.result_files = paths
        if not self.refresh(failure_note=" Vẫn dùng các tệp đã đọc được trước đó (liệt kê ở mục 1)."):
            self.quota_files, self.result_files = before  # keep showing the last workbooks that worked
        self.upload_info.value = "<p style='color:#555'>" + "<br>".join(html.escape(n) for n in notes) + "</p>"

    def refresh(self, keep_dates: bool = False, failure_note: str = "") -> bool:
        """Read the files not read yet, summarise with the campaign and corrections set, and redraw
        everything; False (and a Vietnamese message in the page, ending with ``failure_note``) when that
        failed."""
        started = time.perf_counter()
        try:
            dates = self._entered_dates() if keep_dates else {}
            reads = self._read_files()
            summary = summarise_loaded(
                merged([r for r in reads if r.kind == "quota"]), merged([r for r in reads if r.kind == "result"]),
                self.quota_files, self.result_files, days=self.days.value or None, catalog=self.catalog,
                unit_aliases=self.overrides.units, **dates)
        except ChitieuError as error:
            self.message.value = error_html(f"Lỗi: {error}{failure_note}")
            return False
        except Exception as error:  # the officer sees a Vietnamese message, never a traceback
            self.message.value = error_html(f"Lỗi không mong đợi khi đọc tệp ({type(error).__name__}). "
                                            f"Hãy kiểm tra lại tệp đã tải lên.{failure_note}")
            return False
        self.message.value = ""
        self.reads = {(r.path, r.kind): r for r in reads}
        self.summary = summary
        self.elapsed = time.perf_counter() - started
        self._show_campaign(summary)
        self._fill_filters(summary.table)
        self.files_info.value = self._files_text()
        self.findings.value = findings_html(summary.findings)
        self._show_review(reads, summary)
        self.show()
        return True

    def _read_files(self) -> list[FileRead]:
        """Every file in use, reading only those not read yet, with the progress bar moving per file."""
        wanted = [(path, "quota") for path in self.quota_files] + [(path, "result") for path in self.result_files]
        todo = [key for key in wanted if key not in self.reads]
        reads = dict(self.reads)
        if todo:
            self.progress.max, self.progress.value, self.progress.bar_style = len(todo), 0, "info"
            for i, (path, kind) in enumerate(todo, start=1):
                self.progress_info.value = html.escape(f"Đang đọc tệp {i}/{len(todo)}: {path.name} …")
                try:
                    reads[(path, kind)] = read_file(path, kind, self.catalog, self.overrides)
                except Exception:
                    self.progress.value, self.progress.bar_style = self.progress.max, "danger"  # a full red bar
                    self.progress_info.value = html.escape(f"Không đọc được '{path.name}' (xem thông báo ở trên).")
                    raise
                self.progress.value = i
            self.progress.bar_style = "success"
            self.progress_info.value = html.escape(f"Đã đọc xong {len(todo)} tệp.")
        return [reads[key] for key in wanted]

    def _entered_dates(self) -> dict[str, date | None]:
        """The campaign dates typed in (dd/mm/yyyy); an empty field leaves the workbooks' date."""
        dates = {}
        for key, field in (("start", self.start), ("end", self.end), ("as_of", self.as_of)):
            text = field.value.strip()
            dates[key] = parse_date(text) if text else None
            if text and dates[key] is None:
                raise fail("date-invalid", field=field.description, value=text)
        return dates

    def _files_text(self) -> str:
        """Each workbook in use: its kind, size, rows read, and the dates its sheets are as of."""
        lines = []
        for (path, kind), read in self.reads.items():
            sheets = self.summary.sources[self.summary.sources["file"] == path.name] if self.summary else None
            dates = ", ".join(f"trang '{r['sheet']}' tính đến {r['as_of']:%d/%m/%Y}"
                              for r in ([] if sheets is None else sheets.to_dict("records"))
                              if isinstance(r["as_of"], date))
            lines.append(f"{KIND_LABELS[kind]}: {read.text()}{' — ' + dates if dates else ''}")
        seconds = format_number(self.elapsed, 1)
        return "<br>".join(html.escape(line) for line in lines) + f"<br><i>Đọc và tính trong {seconds} giây.</i>"

    def _show_campaign(self, summary: Summary) -> None:
        campaign = summary.campaign
        self.start.value, self.end.value, self.as_of.value = (f"{d:%d/%m/%Y}" for d in
                                                              (campaign.start, campaign.end, campaign.as_of))
        self.campaign_info.value = html.escape(
            f"Đợt {campaign.days_total} ngày; đến ngày {campaign.as_of:%d/%m/%Y} đã qua {campaign.days_elapsed} "
            f"ngày, còn {campaign.days_left} ngày. Ô “Số ngày” để 0 thì tự tính (cả ngày đầu và ngày cuối).")

    def _show_review(self, reads: list[FileRead], summary: Summary) -> None:
        """The columns as read, each with a dropdown to correct it, and the unmatched units with their
        suggestions, each with a button to accept it."""
        self.reviews = column_reviews(reads, self.catalog, self.overrides)
        for old in (*self.column_review.children, *self.unit_review.children):
            close_widget(old)
        self.column_review.children = [self._column_heading(), *(self._column_row(r) for r in self.reviews)]
        doubtful = sum(r.mapping.confidence < 0.8 for r in self.reviews)
        self.column_panel.set_title(0, f"Các cột đã đọc: {len(self.reviews)} cột"
                                    + (f", {doubtful} cột cần kiểm tra" if doubtful else ", máy đọc chắc chắn"))
        if doubtful:
            self.column_panel.selected_index = 0  # opened for the officer; never closed under their hands
        unmatched = unmatched_units(reads, summary, self.overrides.units)
        rows = [self._unit_row(match, file) for match, file in unmatched[:REVIEW_UNITS]]
        if len(unmatched) > REVIEW_UNITS:
            rows.append(w.HTML(f"… và {format_number(len(unmatched) - REVIEW_UNITS)} đơn vị khác "
                               "(xem mục 8. Các vấn đề phát hiện)."))
        heading = ("<b>Đơn vị trong sổ kết quả không có trong sổ chỉ tiêu</b> (chưa được tính; bấm "
                   "“Chấp nhận” nếu đúng là đơn vị được gợi ý, tên gọi này sẽ được nhớ cho các lần sau):"
                   if unmatched else "Mọi đơn vị trong sổ kết quả đều khớp với sổ chỉ tiêu.")
        self.unit_review.children = [w.HTML(heading), *rows]

    def _column_heading(self) -> w.HTML:
        cells = "".join(f"<div style='width:{width};font-weight:bold'>{text}</div>" for text, width in (
            ("Tệp", "200px"), ("Tiêu đề cột", "380px"), ("Máy đọc là (chọn lại nếu sai)", "440px"),
            ("Độ tin cậy", "160px")))
        note = ("Các cột số máy đã đọc. Chọn lại ở cột giữa nếu máy đọc sai; lựa chọn được lưu cho mẫu biểu này "
                "và dùng lại ở các lần sau.")
        return w.HTML(f"<div>{note}</div><div style='display:flex;gap:4px;margin-top:4px'>{cells}</div>")

    def _column_row(self, review: ColumnReview) -> w.HBox:
        files = review.files[0] + (f" và {len(review.files) - 1} tệp khác" if len(review.files) > 1 else "")
        dropdown = w.Dropdown(options=mapping_options(self.catalog), value=mapping_value(review.mapping),
                              layout=w.Layout(width="440px"))
        dropdown.observe(lambda change: self.correct_column(review, change["new"]), "value")
        row = w.HBox([w.HTML(html.escape(files), layout=w.Layout(width="200px")),
                      w.HTML(html.escape(review.label), layout=w.Layout(width="380px")), dropdown,
                      w.HTML(confidence_html(review), layout=w.Layout(width="160px"))])
        row.add_class("ct-column-row")
        return row

    def _unit_row(self, match: UnitMatch, file: str) -> w.HBox:
        label = w.HTML(f"<b>{html.escape(match.name)}</b> <span style='color:#555'>(tệp "
                       f"'{html.escape(file)}')</span>", layout=w.Layout(width="380px"))
        if not match.suggestions:
            return w.HBox([label, w.HTML("không có đơn vị nào trong sổ chỉ tiêu có tên gần giống")])
        buttons = []
        for unit in match.suggestions:
            button = w.Button(description=f"Chấp nhận: {unit}", button_style="info", layout=w.Layout(width="auto"),
                              tooltip=f"Coi '{match.name}' là '{unit}' từ nay về sau")
            button.on_click(self._accept_handler(match.name, unit))
            buttons.append(button)
        row = w.HBox([label, w.HTML("Có phải là:"), *buttons])
        row.add_class("ct-unit-row")
        return row

    def _accept_handler(self, name: str, unit: str) -> Callable[[w.Button], None]:
        return lambda _button: self.accept_unit(name, unit)

    def correct_column(self, review: ColumnReview, value: str) -> None:
        """Map a column as the officer chose, save the choice for its template, and read again."""
        choice = chosen_mapping(value, review, self.catalog)
        header = fold(review.header)
        self.overrides.profiles.setdefault(header, {})[fold(review.label)] = choice
        chosen = self.overrides.profiles[header]
        columns = {r.label: chosen[fold(r.label)] for r in self.reviews
                   if fold(r.header) == header and fold(r.label) in chosen}
        saved = self._save(lambda: save_profile(self.profile, {review.header: columns}))
        self.reads.clear()  # the choice may change how any file of this template reads
        if self.refresh(keep_dates=True) and saved:
            label = dict((v, k) for k, v in mapping_options(self.catalog))[value]
            self.review_note.value = ("<p style='color:#375623'>" + html.escape(
                f"Đã lưu: cột '{review.label}' được tính là “{label}” (trong {self.profile.name}).") + "</p>")

    def accept_unit(self, name: str, unit: str) -> None:
        """Count the results of ``name`` for the quota unit ``unit`` from now on, saved as an alias."""
        self.overrides.units[fold(name)] = unit
        saved = self._save(lambda: save_profile(self.profile, {}, {name: unit}))
        if self.refresh(keep_dates=True) and saved:
            self.review_note.value = ("<p style='color:#375623'>" + html.escape(
                f"Đã lưu: '{name}' trong sổ kết quả là '{unit}' (trong {self.profile.name}).") + "</p>")

    def _save(self, write: Callable[[], None]) -> bool:
        """Write to the profile; on failure say so (the choice still holds until the page is closed)."""
        try:
            self.profile.parent.mkdir(parents=True, exist_ok=True)
            write()
        except (OSError, ChitieuError) as error:
            self.review_note.value = error_html(fail("profile-unsaved", file=str(self.profile),
                                                     reason=type(error).__name__).finding.message)
            return False
        return True

    def _fill_filters(self, table: pd.DataFrame) -> None:
        for control in (self.levels, self.units, self.indicators, self.statuses):
            control.unobserve(self._on_filter, "value")
        self.levels.value = ()
        self.units.value = ()
        self.indicators.value = ()
        self.statuses.value = ()
        levels = sorted(int(v) for v in table["level"].unique())
        self.levels.options = [(LEVEL_LABELS.get(v, f"Cấp {v}"), v) for v in levels]
        self.units.options = list(dict.fromkeys(table["unit"]))
        self.indicators.options = [(label, code) for code, label in
                                   dict(zip(table["indicator"], table["indicator_label"])).items()]
        for control in (self.levels, self.units, self.indicators, self.statuses):
            control.observe(self._on_filter, "value")

    def _on_filter(self, _change: dict) -> None:
        self.page = 0
        self.show()

    def _turn(self, step: int) -> None:
        self.page = max(0, min(self.page + step, self._pages() - 1))
        self.show()

    def _pages(self) -> int:
        return page_count(len(self.current_rows()))

    def current_rows(self) -> pd.DataFrame:
        """The summary rows the current filters keep."""
        if self.summary is None:
            return pd.DataFrame()
        return filtered_table(self.summary.table, **self.selection())

    def selection(self) -> dict[str, tuple]:
        """The filters as ``filtered_table``'s (and ``write_report``'s) keywords; nothing picked keeps all."""
        return {"levels": self.levels.value, "units": self.units.value, "indicators": self.indicators.value,
                "statuses": self.statuses.value}

    def show(self) -> None:
        """Redraw the current page of the table first (each value set reaches the page at once),
        then the cards and the charts, from the filters."""
        rows = self.current_rows()
        page = rows.iloc[self.page * PAGE_SIZE:(self.page + 1) * PAGE_SIZE]
        self.table.value = table_html(page)
        self.page_info.value = f"Trang {self.page + 1}/{page_count(len(rows))} ({len(rows)} dòng)"
        self.cards.value = cards_html(card_numbers(rows))
        self.chart.value = chart_html(rows, self.summary) if len(rows) else ""

    def export(self) -> Path | None:
        """Write the report of the rows the filters keep under outputs/ and offer it for download."""
        rows = self.current_rows()
        if self.summary is None or rows.empty:
            self.download.value = error_html("Không có dòng nào để xuất báo cáo; hãy nới bộ lọc.")
            return None
        self.output_dir.mkdir(parents=True, exist_ok=True)
        try:
            path = write_report(self.summary, self.output_dir / f"Báo cáo tiến độ {self.summary.campaign.as_of:%d-%m-%Y}.xlsx",
                                unit_name=self.unit_name.value, place=self.place.value, **self.selection())
        except ChitieuError as error:  # a full disk
            self.download.value = error_html(f"Lỗi: {error}")
            return None
        except Exception as error:  # the officer sees a Vietnamese message, never a traceback
            self.download.value = error_html(f"Không xuất được báo cáo ({type(error).__name__}).")
            return None
        self.download.value = download_link_html(path)
        return path
