"""The Voilà app officers open: upload workbooks, set the campaign, filter, see, download.

The UI is one class, ``ChitieuApp``; ``notebooks/app.ipynb`` only builds and shows it,
so the tests drive the same widgets without a browser.

>>> app = ChitieuApp()  # doctest: +SKIP
>>> app.widget  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import time
from datetime import date
from pathlib import Path
from typing import Iterable

import ipywidgets as w
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .campaign import Campaign
from .checks import SEVERITY_LABELS, ChitieuError, Finding
from .cli import STARTUP_QUOTA, STARTUP_RESULTS, TABLE_HEADINGS, _cell_text
from .report import write_report
from .records import read_records
from .values import format_number, format_percent
from .progress import BEHIND, EXCEEDED, NOT_REPORTED, ON_PACE, STATUSES, Summary, summarise_files

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "inputs" / "minh_thang"
UPLOAD_DIR = ROOT / "inputs" / "uploads"
OUTPUT_DIR = ROOT / "outputs"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 50
CHART_UNITS = 30
STATUS_COLOURS = {EXCEEDED: "#c6efce", ON_PACE: "#ddebf7", BEHIND: "#ffc7ce", NOT_REPORTED: "#ededed"}
LEVEL_LABELS = {0: "Cấp trên (tổng)", 1: "Cấp dưới trực tiếp", 2: "Cấp 2", 3: "Cấp 3"}
# the indicator label, the unit and the status read left; the numbers right
CELL_ALIGN = ["left", "left", *["right"] * 9, "left", "right"]
ROLE_LABELS = {"quota": "chỉ tiêu", "daily_quota": "chỉ tiêu/ngày", "result": "kết quả", "other": "khác"}


def sample_files() -> tuple[list[Path], list[Path]]:
    """The sample quota and result workbooks the app opens on (Minh Thắng)."""
    return [SAMPLE_DIR / "chi_tieu_4_phu.xlsx"], sorted(SAMPLE_DIR.glob("KQ*.xlsx"))


def startup_files() -> tuple[list[Path], list[Path]]:
    """The workbooks the app opens on: those ``chitieu app --quota F... --results F...`` named
    (passed on to the kernels as CHITIEU_QUOTA and CHITIEU_RESULTS, paths joined by os.pathsep),
    else the samples."""
    quota, results = os.environ.get(STARTUP_QUOTA, ""), os.environ.get(STARTUP_RESULTS, "")
    if not quota:
        return sample_files()
    return [Path(f) for f in quota.split(os.pathsep)], [Path(f) for f in results.split(os.pathsep) if f]


def saved_upload(name: str, content: bytes, folder: Path = UPLOAD_DIR, today: date | None = None
                 ) -> tuple[Path, bool]:
    """Where the uploaded bytes are kept, and whether the same bytes were uploaded before.

    Each upload goes in its own folder ``YYYY-MM-DD_<sha256>/`` under its original name (so the
    dates in that name still tell the reader what the workbook is as of), written once and never
    overwritten.
    """
    digest = hashlib.sha256(content).hexdigest()
    earlier = sorted(folder.glob(f"*_{digest}/*"))
    if earlier:
        return earlier[0], True
    home = folder / f"{(today or date.today()).isoformat()}_{digest}"
    home.mkdir(parents=True, exist_ok=True)
    path = home / Path(name).name
    try:
        with open(path, "xb") as handle:
            handle.write(content)
    except FileExistsError:  # another session saved the same bytes a moment ago
        return path, True
    return path, False


def descendants(units: list[str], table: pd.DataFrame) -> set[str]:
    """The units chosen and every unit below them (children follow their parents)."""
    pairs = table[["unit", "parent"]].drop_duplicates("unit")
    children: dict[str, list[str]] = {}
    for unit, parent in zip(pairs["unit"].tolist(), pairs["parent"].tolist()):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(unit)
    chosen, todo = set(units), list(units)
    while todo:
        below = [child for child in children.get(todo.pop(), []) if child not in chosen]
        chosen.update(below)
        todo += below
    return chosen


def among(column: pd.Series, values: Iterable[str]) -> pd.Series:
    """``column.isin(values)`` for a text column, through Arrow's hash lookup: pandas' own ``isin``
    on Arrow-backed text takes ~0.5 s on the 70,000 rows of 10,000 units × 7 indicators, this ~20 ms."""
    column_array = pa.array(column.array)
    found = pc.is_in(column_array, value_set=pa.array(list(values), type=column_array.type))
    return pd.Series(pc.fill_null(found, False).to_numpy(zero_copy_only=False), index=column.index)


def filtered_table(table: pd.DataFrame, *, levels: tuple[int, ...] = (), units: tuple[str, ...] = (),
                   indicators: tuple[str, ...] = (), statuses: tuple[str, ...] = ()) -> pd.DataFrame:
    """The summary rows an officer's filters keep; an empty filter keeps everything."""
    keep = pd.Series(True, index=table.index)
    if levels:
        keep &= table["level"].isin(levels)
    if units:
        keep &= among(table["unit"], descendants(list(units), table))
    if indicators:
        keep &= among(table["indicator"], indicators)
    if statuses:
        keep &= among(table["status"], statuses)
    return table[keep]


def card_numbers(rows: pd.DataFrame) -> dict[str, float | int]:
    """Overall percent (result / quota of the topmost rows shown, so roll-ups are not counted twice)
    and the count of rows per status."""
    top = rows[~among(rows["parent"], rows["unit"].unique())]
    quota = top["quota"].sum()
    numbers: dict[str, float | int] = {"percent": float(top["result"].sum() / quota) if quota else 0.0}
    counts = rows["status"].value_counts()
    numbers.update({status: int(counts.get(status, 0)) for status in STATUSES})
    return numbers


def page_count(rows: int) -> int:
    """How many table pages ``rows`` rows fill (at least one)."""
    return max(1, -(-rows // PAGE_SIZE))


def cards_html(numbers: dict[str, float | int]) -> str:
    """The summary cards: overall percent and the status counts."""
    items = [("Tỷ lệ chung", format_percent(numbers['percent']), "#fff2cc", "overall")]
    items += [(f"Số dòng {status}", str(numbers[status]), STATUS_COLOURS[status], f"status-{i}")
              for i, status in enumerate(STATUSES)]
    cards = "".join(
        f'<div class="ct-card" data-card="{key}" style="background:{colour};padding:8px 14px;margin:4px;'
        f'border-radius:6px;min-width:120px"><div style="font-size:12px">{html.escape(label)}</div>'
        f'<div class="ct-value" style="font-size:22px;font-weight:bold">{value}</div></div>'
        for label, value, colour, key in items)
    return f'<div style="display:flex;flex-wrap:wrap">{cards}</div>'


def table_html(rows: pd.DataFrame) -> str:
    """The summary rows as an HTML table, each row coloured by its status."""
    head = "".join(f"<th style='padding:2px 6px;border:1px solid #999'>{h}</th>"
                   for _, h in (("indicator_label", "Chỉ tiêu"), *TABLE_HEADINGS))
    body = []
    for row in rows.to_dict("records"):
        cells = [html.escape(str(row["indicator_label"]))]
        cells += [html.escape(_cell_text(column, row)).replace("  ", "&nbsp;&nbsp;") for column, _ in TABLE_HEADINGS]
        tds = "".join(f"<td style='padding:2px 6px;border:1px solid #ccc;text-align:{align}'>{c}</td>"
                      for c, align in zip(cells, CELL_ALIGN))
        body.append(f"<tr style='background:{STATUS_COLOURS.get(row['status'], '#fff')}'>{tds}</tr>")
    return (f"<table class='ct-table' style='border-collapse:collapse;font-size:13px'><thead><tr>{head}"
            f"</tr></thead><tbody>{''.join(body)}</tbody></table>")


def findings_html(findings: list[Finding]) -> str:
    """The findings list with where each happened (file, sheet, row, column)."""
    if not findings:
        return "<p>Không phát hiện vấn đề nào.</p>"
    items = "".join(f"<li><b>{SEVERITY_LABELS[f.severity]}</b> [{f.code}]: {html.escape(f.text())}</li>"
                    for f in findings)
    return f"<ul class='ct-findings'>{items}</ul>"


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


def mapping_html(quota_files: list[Path], result_files: list[Path]) -> str:
    """Each column the reader used: the indicator and role it chose, with its confidence."""
    frames = [read_records(quota_files, "quota").records, read_records(result_files, "result").records]
    columns = pd.concat(frames, ignore_index=True).drop_duplicates(["file", "sheet", "column"])
    rows = "".join(
        f"<tr><td>{html.escape(str(r['file']))}</td><td>{html.escape(str(r['sheet']))}</td>"
        f"<td>{html.escape(str(r['column']))}</td><td>{html.escape(str(r['label']))}</td>"
        f"<td>{html.escape(str(r['indicator']) if isinstance(r['indicator'], str) else '—')}</td>"
        f"<td>{ROLE_LABELS.get(r['role'], r['role'])}</td><td style='text-align:right'>"
        f"{r['confidence'] * 100:.0f}%</td></tr>"
        for r in columns.to_dict("records"))
    head = "".join(f"<th>{h}</th>" for h in ("Tệp", "Trang tính", "Cột", "Tiêu đề cột", "Chỉ tiêu", "Vai trò",
                                             "Độ tin cậy"))
    return f"<table class='ct-mapping' style='font-size:12px'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def download_link_html(path: Path) -> str:
    """An anchor that hands the workbook to the browser as a data URI, keeping its Vietnamese name."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    name = html.escape(path.name, quote=True)
    return (f"<a class='ct-download' download=\"{name}\" href=\"data:{XLSX_TYPE};base64,{data}\" "
            f"style='font-weight:bold'>⬇ Tải về: {html.escape(path.name)}</a>")


def error_html(message: str) -> str:
    return f"<div class='ct-error' style='color:#9c0006;background:#ffc7ce;padding:8px'>{html.escape(message)}</div>"


class ChitieuApp:
    """The app's widgets and the state behind them (files, summary, filters)."""

    def __init__(self, quota_files: list[Path] | None = None, result_files: list[Path] | None = None,
                 upload_dir: Path = UPLOAD_DIR, output_dir: Path = OUTPUT_DIR):
        default_quota, default_results = sample_files()
        self.quota_files = list(quota_files or default_quota)
        self.result_files = list(result_files if result_files is not None else default_results)
        self.upload_dir = upload_dir
        self.output_dir = output_dir
        self.summary: Summary | None = None
        self.page = 0
        self._build_widgets()
        self.refresh()

    def _build_widgets(self) -> None:
        self.quota_upload = w.FileUpload(accept=".xlsx,.xlsm,.xls,.ods,.csv", multiple=True,
                                         description="Sổ chỉ tiêu")
        self.result_upload = w.FileUpload(accept=".xlsx,.xlsm,.xls,.ods,.csv", multiple=True,
                                          description="Sổ kết quả")
        self.quota_upload.observe(lambda change: self._on_upload(change, "quota"), "value")
        self.result_upload.observe(lambda change: self._on_upload(change, "result"), "value")
        self.files_info = w.HTML()
        self.message = w.HTML()
        self.start = w.DatePicker(description="Bắt đầu")
        self.end = w.DatePicker(description="Kết thúc")
        self.as_of = w.DatePicker(description="Tính đến")
        self.days = w.IntText(value=0, description="Số ngày", tooltip="0: tính cả ngày đầu và ngày cuối")
        self.unit_name = w.Text(description="Đơn vị", placeholder="CÔNG AN XÃ ...")
        self.place = w.Text(description="Địa danh", placeholder="Minh Thắng")
        self.apply_campaign = w.Button(description="Tính lại", button_style="primary")
        self.apply_campaign.on_click(lambda _: self.refresh(keep_dates=True))
        self.levels = w.SelectMultiple(description="Cấp", rows=3)
        self.units = w.SelectMultiple(description="Đơn vị", rows=8)
        self.indicators = w.SelectMultiple(description="Chỉ tiêu", rows=6, layout=w.Layout(width="420px"))
        self.statuses = w.SelectMultiple(description="Tình trạng", options=list(STATUSES), rows=4)
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
        self.mapping = w.HTML()
        self.build_report = w.Button(description="Xuất báo cáo Excel", button_style="success",
                                     layout=w.Layout(width="200px"))
        self.build_report.on_click(lambda _: self.export())
        self.download = w.HTML()
        uploads = w.HBox([self.quota_upload, self.result_upload])
        campaign = w.VBox([w.HBox([self.start, self.end, self.as_of]),
                           w.HBox([self.days, self.unit_name, self.place, self.apply_campaign])])
        filters = w.HBox([self.levels, self.units, self.indicators, self.statuses])
        pager = w.HBox([self.previous, self.page_info, self.next])
        self.widget = w.VBox([
            w.HTML("<h2>Theo dõi chỉ tiêu Đề án 06</h2>"), self.message,
            w.HTML("<h3>1. Dữ liệu</h3>"), uploads, self.files_info,
            w.HTML("<h3>2. Đợt cao điểm</h3>"), campaign,
            w.HTML("<h3>3. Lọc</h3>"), filters, self.cards,
            w.HTML("<h3>4. Bảng tiến độ</h3>"), pager, self.table,
            w.HTML("<h3>5. Biểu đồ</h3>"), self.chart,
            w.HTML("<h3>6. Báo cáo</h3>"), w.HBox([self.build_report, self.download]),
            w.HTML("<h3>7. Các vấn đề phát hiện</h3>"), self.findings,
            w.Accordion([self.mapping], titles=("Cách đọc các cột (chỉ tiêu, vai trò, độ tin cậy)",))])

    def _on_upload(self, change: dict, kind: str) -> None:
        uploaded = change["new"]
        if not uploaded:
            return
        notes, paths = [], []
        for item in uploaded:
            path, seen = saved_upload(item["name"], bytes(item["content"]), self.upload_dir)
            paths.append(path)
            notes.append(f"'{item['name']}' ({format_number(item['size'])} byte)"
                         + (": đã tải lên trước đây, dùng lại bản đã lưu" if seen else ": đã lưu"))
        before = self.quota_files, self.result_files
        if kind == "quota":
            self.quota_files = paths
        else:
            self.result_files = paths
        if not self.refresh():
            self.quota_files, self.result_files = before  # keep showing the last workbooks that worked
        self.files_info.value = self._files_text() + "<p>" + "<br>".join(html.escape(n) for n in notes) + "</p>"

    def refresh(self, keep_dates: bool = False) -> bool:
        """Read the files again, summarise with the campaign set, and redraw everything;
        False (and a Vietnamese message in the page) when the files could not be read."""
        dates = {"start": self.start.value, "end": self.end.value, "as_of": self.as_of.value} if keep_dates else {}
        started = time.perf_counter()
        try:
            summary = summarise_files(self.quota_files, self.result_files, days=self.days.value or None, **dates)
        except ChitieuError as error:
            self.message.value = error_html(f"Lỗi: {error}")
            return False
        except Exception as error:  # the officer sees a Vietnamese message, never a traceback
            self.message.value = error_html(f"Lỗi không mong đợi khi đọc tệp ({type(error).__name__}). "
                                            "Hãy kiểm tra lại tệp đã tải lên.")
            return False
        self.message.value = ""
        self.summary = summary
        self.elapsed = time.perf_counter() - started
        self._show_campaign(summary)
        self._fill_filters(summary.table)
        self.files_info.value = self._files_text()
        self.findings.value = findings_html(summary.findings)
        self.mapping.value = mapping_html(self.quota_files, self.result_files)
        self.show()
        return True

    def _files_text(self) -> str:
        """Each workbook in use: its kind, size, and per sheet the rows read and the date they are as of."""
        kinds = {"quota": "Sổ chỉ tiêu", "result": "Sổ kết quả"}
        lines = []
        for kind, paths in (("quota", self.quota_files), ("result", self.result_files)):
            for path in paths:
                sheets = self.summary.sources[self.summary.sources["file"] == path.name] if self.summary else None
                read = "; ".join(f"trang '{r['sheet']}': {r['rows']} dòng" + (f", tính đến {r['as_of']:%d/%m/%Y}"
                                 if isinstance(r["as_of"], date) else "")
                                 for r in ([] if sheets is None else sheets.to_dict("records")))
                size = format_number(path.stat().st_size)
                lines.append(f"{kinds[kind]}: {path.name} ({size} byte){' — ' + read if read else ''}")
        seconds = format_number(self.elapsed, 1)
        return "<br>".join(html.escape(line) for line in lines) + f"<br><i>Đọc và tính trong {seconds} giây.</i>"

    def _show_campaign(self, summary: Summary) -> None:
        campaign = summary.campaign
        self.start.value, self.end.value, self.as_of.value = campaign.start, campaign.end, campaign.as_of

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
        return filtered_table(self.summary.table, levels=self.levels.value, units=self.units.value,
                              indicators=self.indicators.value, statuses=self.statuses.value)

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
        """Write the report of the current filter under outputs/ and offer it for download."""
        rows = self.current_rows()
        if self.summary is None or rows.empty:
            self.download.value = error_html("Không có dòng nào để xuất báo cáo; hãy nới bộ lọc.")
            return None
        filtered = bool(self.levels.value or self.units.value or self.statuses.value)
        self.output_dir.mkdir(parents=True, exist_ok=True)
        try:
            path = write_report(self.summary, self.output_dir / f"Báo cáo tiến độ {self.summary.campaign.as_of:%d-%m-%Y}.xlsx",
                                unit_name=self.unit_name.value, place=self.place.value,
                                units=list(dict.fromkeys(rows["unit"])) if filtered else None,
                                indicators=list(self.indicators.value) or None)
        except Exception as error:  # the officer sees a Vietnamese message, never a traceback
            self.download.value = error_html(f"Không xuất được báo cáo ({type(error).__name__}).")
            return None
        self.download.value = download_link_html(path)
        return path
