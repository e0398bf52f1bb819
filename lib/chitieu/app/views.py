"""The HTML the app's page shows: the cards, the summary table, the files read, the findings, the
columns' confidence and evidence, an error and the download link. Functions of data, no widgets."""

from __future__ import annotations

import base64
import html
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd

from chitieu.app.reads import ColumnReview, FileRead
from chitieu.findings import SEVERITY_LABELS, Finding
from chitieu.mapping.catalog import COUNTED_ROLES, ROLE_LABELS
from chitieu.messages import ERROR, INFO, WARNING
from chitieu.summary.columns import SUMMARY_COLUMNS, ColumnSpec
from chitieu.summary.selection import topmost_rows
from chitieu.summary.status import UNIT_STATUS_ORDER, Status
from chitieu.values import format_number, format_percent

DATES_NEEDED = ("Sổ chỉ tiêu không ghi thời gian của đợt: hãy nhập ngày bắt đầu và ngày kết thúc vào các ô tô vàng "
                "rồi bấm “Tính lại”.")
PAGE_STYLE = ("<style>.ct-date-missing input{background:#fff2cc!important;border:2px solid #e69500!important}"
              ".ct-hint{background:#fff2cc;padding:8px;border-left:6px solid #e69500}</style>")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FINDINGS_SHOWN = 200
FILES_SHOWN = 3  # files named after an upload; the list of files in use has them all
UNIT_INDENT = 14  # pixels a unit's name moves right per level below the top
KIND_LABELS = {"quota": "Sổ chỉ tiêu", "result": "Sổ kết quả"}
CARD_RULE = ("Mỗi đơn vị được đếm một lần, theo các chỉ tiêu đang chọn: chậm nếu chậm ở ít nhất một chỉ tiêu; "
             "nếu không, chưa báo cáo nếu chưa có kết quả ở một chỉ tiêu; nếu không, đạt tiến độ nếu có chỉ tiêu "
             "chưa vượt; vượt khi vượt ở mọi chỉ tiêu.")
CARD_CAPTION = ("Mỗi đơn vị đếm một lần: chậm nếu chậm ở ít nhất một chỉ tiêu đang chọn, vượt khi vượt ở mọi chỉ "
                "tiêu (di chuột lên thẻ để xem đủ quy tắc).")
OVERALL_RULE = ("Tổng kết quả chia tổng chỉ tiêu của các đơn vị cấp cao nhất đang hiển thị "
                "(cấp trên đã gồm cấp dưới nên không cộng hai lần).")


def unit_statuses(rows: pd.DataFrame) -> pd.Series:
    """Each unit's one status over the indicators shown: the first of ``UNIT_STATUS_ORDER`` any of its
    rows has (behind if any indicator is behind, else not reported …; see CARD_RULE)."""
    if rows.empty:
        return pd.Series(dtype=object)
    rank = rows["status"].map({status: i for i, status in enumerate(UNIT_STATUS_ORDER)})
    return rank.groupby(rows["place"], sort=False).min().map(dict(enumerate(UNIT_STATUS_ORDER)))


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
    left = 6 + UNIT_INDENT * int(row["level"]) if column.key == "label" else 6
    return (f"<td data-column='{column.key}' style='padding:2px 6px 2px {left}px;border:1px solid #ccc;"
            f"text-align:{column.align}'>{html.escape(column.text(row[column.key]))}</td>")


def files_html(reads: list[FileRead], seconds: float, limit: int = FILES_SHOWN) -> str:
    """The workbooks just read: kind, size, rows read and the dates their sheets are as of; more than
    ``limit`` in one line (each is in the list of files in use), so that the table stays near the top.
    Then the time taken."""
    lines = [f"{KIND_LABELS[read.kind]}: {read.text()}{_dates_text(read)}" for read in reads]
    if len(reads) > limit:
        kinds = Counter(read.kind for read in reads)
        lines = [f"Đã đọc {format_number(len(reads))} tệp: " + ", ".join(
            f"{format_number(count)} {KIND_LABELS[kind].lower()}" for kind, count in kinds.items())
            + f", {format_number(sum(read.rows() for read in reads))} dòng (xem danh sách tệp đang dùng)."]
    return ("<br>".join(html.escape(line) for line in lines)
            + f"<br><i>Đọc và tính trong {format_number(seconds, 1)} giây.</i>")


def _dates_text(read: FileRead) -> str:
    """" — trang 'x' tính đến 31/05/2024, …" for the sheets of a file that are as of a date."""
    sheets = read.loaded.records[["sheet", "as_of"]].drop_duplicates()
    newest: dict[str, date] = {}
    for sheet, as_of in zip(sheets["sheet"].tolist(), sheets["as_of"].tolist()):
        if isinstance(as_of, date):
            newest[sheet] = max(as_of, newest.get(sheet, as_of))
    dates = ", ".join(f"trang '{sheet}' tính đến {as_of:%d/%m/%Y}" for sheet, as_of in newest.items())
    return f" — {dates}" if dates else ""


def officer_finding(found: Finding, labels: Mapping[str, str]) -> Finding:
    """The finding as an officer reads it: an indicator code among its parameters shown by its label,
    a path by the file's name (the codes stay in the report and the command line)."""
    params = {key: labels.get(value, Path(value).name if key == "file" else value) if isinstance(value, str) else value
              for key, value in found.params.items()}
    return replace(found, params=params)


def findings_html(findings: list[Finding], labels: Mapping[str, str] | None = None, limit: int = FINDINGS_SHOWN) -> str:
    """The findings grouped by severity (errors first), in Vietnamese only: a kind found once is one line;
    a kind found several times is one line with its count, opened to list each (the first ``limit``)."""
    if not findings:
        return "<p>Không phát hiện vấn đề nào.</p>"
    parts = []
    for severity in (ERROR, WARNING, INFO):
        mine = [officer_finding(f, labels or {}) for f in findings if f.severity == severity]
        if not mine:
            continue
        kinds: dict[str, list[Finding]] = {}
        for found in mine:
            kinds.setdefault(found.code, []).append(found)
        items = "".join(_kind_html(same, limit) for same in kinds.values())
        parts.append(f"<div class='ct-severity-{severity}'><b>{SEVERITY_LABELS[severity]} "
                     f"({format_number(len(mine))})</b><ul class='ct-findings'>{items}</ul></div>")
    return "".join(parts)


def _kind_html(same: list[Finding], limit: int) -> str:
    """One kind of finding: its one line, or its first message with a count, opened to show each."""
    if len(same) == 1:
        return f"<li>{html.escape(same[0].text())}</li>"
    each = "".join(f"<li>{html.escape(f.text())}</li>" for f in same[:limit])
    more = (f"<li>… và {format_number(len(same) - limit)} mục khác (xem trong báo cáo Excel).</li>"
            if len(same) > limit else "")
    return (f"<li><details><summary>{html.escape(same[0].message)} <b>({format_number(len(same))} chỗ)</b>"
            f"</summary><ul>{each}{more}</ul></details></li>")


def findings_title(findings: list[Finding]) -> str:
    """The findings' folded line: how many of each severity."""
    counts = [f"{format_number(sum(f.severity == severity for f in findings))} {SEVERITY_LABELS[severity].lower()}"
              for severity in (ERROR, WARNING, INFO)]
    return "Các vấn đề phát hiện: " + ", ".join(counts) + " (bấm để xem)"


def confidence_html(review: ColumnReview) -> str:
    """The confidence in percent; below the bar (80 %) it asks the officer to check the column, and a
    column that would be counted says it is not, until confirmed."""
    if review.chosen:
        return "<span class='ct-confidence' style='color:#375623'>đã xác nhận</span>"
    text = f"{round(review.mapping.confidence * 100)}%"
    if not review.doubtful:
        return f"<span class='ct-confidence' style='color:#375623'>{text}</span>"
    if review.waits:
        return (f"<span class='ct-confidence' style='background:#ffc7ce;color:#9c0006;padding:1px 4px'>{text} · "
                "chưa tính — cần xác nhận</span>")
    return f"<span class='ct-confidence' style='background:#ffeb9c;padding:1px 4px'>{text} — cần kiểm tra</span>"


def evidence_html(review: ColumnReview) -> str:
    """The column's role, said whether it is counted, and why the reader chose it."""
    role = review.mapping.role
    shown = ROLE_LABELS[role] + ("" if role in COUNTED_ROLES else " (không tính)")
    return (f"<span class='ct-evidence' style='font-size:12px'><b>{html.escape(shown)}</b> — "
            f"{html.escape(review.mapping.evidence_text())}</span>")


def hint_html(message: str) -> str:
    """A request to the officer (what to type next), on yellow."""
    return f"<div class='ct-hint'>{html.escape(message)}</div>"


def note_html(message: str) -> str:
    """A note that something was done (saved, stored)."""
    return f"<p style='color:#375623'>{html.escape(message)}</p>"


def error_html(message: str) -> str:
    """A message of something that failed, on red."""
    return f"<div class='ct-error' style='color:#9c0006;background:#ffc7ce;padding:8px'>{html.escape(message)}</div>"


def download_link_html(path: Path) -> str:
    """An anchor that hands the workbook to the browser as a data URI, keeping its Vietnamese name."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    name = html.escape(path.name, quote=True)
    return (f"<a class='ct-download' download=\"{name}\" href=\"data:{XLSX_TYPE};base64,{data}\" "
            f"style='font-weight:bold'>⬇ Tải về: {html.escape(path.name)}</a>")
