"""The ``chitieu`` command: a thin shell over the package's functions."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from chitieu.app.launch import launch_app
from chitieu.citizens.worklist import DONE, make_worklist
from chitieu.findings import SEVERITY_LABELS, ChitieuError, Finding, has_errors
from chitieu.mapping.catalog import load_catalog
from chitieu.mapping.overrides import Overrides
from chitieu.mapping.profiles import (
    chosen_templates,
    deadlines_from_options,
    load_report_fields,
    overrides_from_options,
    save_profile,
    save_report_fields,
)
from chitieu.mapping.record_checks import duplicate_units, nothing_counted
from chitieu.mapping.records import column_readings, empty_records, read_records
from chitieu.mapping.register import register_findings
from chitieu.reading.layout import Table
from chitieu.report.form import Form
from chitieu.report.order import ORDERS, TREE
from chitieu.report.worklist import worklist_workbook
from chitieu.report.write import free_path, write_report
from chitieu.saving import save_bytes
from chitieu.summary.columns import SUMMARY_COLUMNS, ColumnSpec
from chitieu.summary.comparison import WEEK
from chitieu.summary.emulation import Rules, load_rules
from chitieu.summary.files import read_inputs, summarise_loaded
from chitieu.summary.table import Summary
from chitieu.summary.timeliness import Reporting, judged, parse_schedule

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
# the terminal table's columns; each indicator's label is the title of its block
TERMINAL_COLUMNS = [spec for spec in SUMMARY_COLUMNS if spec.key != "indicator_label"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own words stay English; say it is a usage error
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi cú pháp lệnh: {message}\n")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày '{text}' không đúng dạng YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="chitieu", description="Theo dõi chỉ tiêu Đề án 06 từ các sổ Excel.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    summary = sub.add_parser("summary", help="bảng tiến độ theo đơn vị và chỉ tiêu")
    _add_campaign_options(summary)
    summary.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _add_reading_options(summary)

    read = sub.add_parser("read", help="các bản ghi đọc được từ tệp")
    read.add_argument("files", nargs="+", metavar="FILE")
    read.add_argument("--kind", choices=["quota", "result"], default="quota",
                      help="vai trò mặc định của cột chỉ nêu tên chỉ tiêu")
    read.add_argument("--format", choices=["csv", "json"], default="csv")
    read.add_argument("--columns", action="store_true",
                      help="thay cho các bản ghi, liệt kê từng cột: chỉ tiêu, vai trò, độ tin cậy, có được tính "
                           "không, có cần xác nhận không và căn cứ")
    _add_reading_options(read)

    check = sub.add_parser("check", help="kiểm tra tệp và liệt kê các vấn đề")
    check.add_argument("files", nargs="+", metavar="FILE")
    _add_reading_options(check)
    check.add_argument("--register", metavar="TỈNH",
                       help="đối chiếu tên xã, phường với danh mục từ 1/7/2025 của tỉnh, thành phố này, "
                            "ví dụ \"Cần Thơ\"")

    report = sub.add_parser("report", help="xuất báo cáo Excel đã định dạng")
    _add_campaign_options(report)
    _add_form_options(report)
    report.add_argument("--units", nargs="+", help="chỉ báo cáo các đơn vị này")
    report.add_argument("--indicators", nargs="+", help="chỉ báo cáo các chỉ tiêu này (mã hoặc tên)")
    report.add_argument("--sort", choices=ORDERS, help="thứ tự đơn vị trong bảng Tổng hợp: tree = theo cây đơn vị "
                        "(mặc định), lag = đơn vị chậm nhiều nhất lên đầu trong mỗi cấp; lưu vào --profile")
    report.add_argument("--emulation", metavar="FILE.yaml", help="quy tắc xếp hạng thi đua (mặc định: emulation.yaml "
                        "kèm theo chương trình; xem README); lưu vào --profile")
    report.add_argument("--compare-days", type=_days_count, default=WEEK, metavar="N",
                        help="so sánh N ngày gần nhất với N ngày trước đó (mặc định 7)")
    report.add_argument("--out", required=True, metavar="PATH.xlsx", help="tệp báo cáo sẽ ghi")
    _add_reading_options(report)

    worklist = sub.add_parser("worklist", help="danh sách công dân cần vận động, theo từng ấp, để in")
    worklist.add_argument("list", metavar="DANH_SÁCH", help="danh sách công dân (xlsx, xls, ods, csv)")
    worklist.add_argument("--indicator", choices=sorted(DONE), default="dddt", help="chỉ tiêu (mặc định dddt)")
    worklist.add_argument("--hamlets", nargs="+", metavar="ẤP", help="chỉ các ấp, khu dân cư này (mặc định: tất cả)")
    worklist.add_argument("--born", type=_year_span, metavar="NĂM-NĂM", help="nhóm ưu tiên theo năm sinh, ví dụ 2005-2009")
    worklist.add_argument("--out", required=True, metavar="PATH.xlsx", help="tệp danh sách sẽ ghi (không ghi đè)")

    app = sub.add_parser("app", help="mở ứng dụng web (Voilà) trên notebooks/app.ipynb")
    app.add_argument("--port", type=int, default=8866, help="cổng (mặc định 8866)")
    app.add_argument("--host", default="127.0.0.1",
                     help="địa chỉ lắng nghe (mặc định 127.0.0.1; địa chỉ khác thì cần mã truy cập)")
    app.add_argument("--quota", nargs="+", default=[], metavar="FILE",
                     help="sổ chỉ tiêu mở khi vào ứng dụng (mặc định: dữ liệu mẫu)")
    app.add_argument("--results", nargs="*", default=[], metavar="FILE", help="sổ kết quả mở khi vào ứng dụng")
    return parser


def _add_campaign_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quota", nargs="+", required=True, metavar="FILE", help="sổ chỉ tiêu")
    parser.add_argument("--results", nargs="*", default=[], metavar="FILE", help="sổ kết quả")
    parser.add_argument("--start", type=_iso_date, help="ngày bắt đầu đợt (YYYY-MM-DD)")
    parser.add_argument("--end", type=_iso_date, help="ngày kết thúc đợt (YYYY-MM-DD)")
    parser.add_argument("--as-of", type=_iso_date, help="tính đến ngày (YYYY-MM-DD)")
    parser.add_argument("--days", type=int, help="số ngày của đợt (mặc định: tính cả ngày đầu và ngày cuối)")
    parser.add_argument("--deadline", action="append", default=[], metavar='"mã=NGÀY"',
                        help="hạn riêng của một chỉ tiêu (lặp lại cho mỗi chỉ tiêu), ví dụ \"cccd=20/06/2023\"; hai ngày "
                             "\"dddt=01/06/2023-30/06/2023\" cho cả ngày bắt đầu; lưu vào --profile")
    parser.add_argument("--schedule", metavar='"LỊCH"',
                        help="lịch báo cáo: \"hằng ngày 17:00\" hoặc thứ và giờ, ví dụ \"thứ 5 09:00\", \"T5 9h\"; "
                             "đơn vị báo cáo muộn, thiếu, báo cáo cũ được chỉ ra; lưu vào --profile")
    parser.add_argument("--received", action="append", default=[], type=_received, metavar='"TỆP=YYYY-MM-DD HH:MM"',
                        help="thời điểm nhận một sổ kết quả (mặc định: thời điểm sửa tệp)")


def _days_count(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' không phải số ngày (từ 1 trở lên)")
    return int(text)


def _received(text: str) -> tuple[str, datetime]:
    name, _, when = text.rpartition("=")
    try:
        return Path(name.strip()).name, datetime.fromisoformat(when.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' không đúng dạng \"TỆP=YYYY-MM-DD HH:MM\"") from None


def _add_form_options(parser: argparse.ArgumentParser) -> None:
    """The state form's fields (Nghị định 30/2020); with ``--profile`` they are kept for next time,
    and one not given is taken from there; left empty, it prints as a line to fill in by hand."""
    form = parser.add_argument_group("thể thức văn bản (để trống: in dòng chấm để điền tay)")
    form.add_argument("--superior", default="", help="cơ quan chủ quản, ví dụ \"CÔNG AN HUYỆN CHÂU THÀNH\"")
    form.add_argument("--unit-name", default="", help="tên đơn vị lập báo cáo, ví dụ \"CÔNG AN XÃ MINH THẮNG\"")
    form.add_argument("--number", default="", help="số và ký hiệu sau \"Số:\", ví dụ \"15/BC-CAX\"")
    form.add_argument("--place", default="", help="địa danh ghi cạnh ngày tháng, ví dụ \"Minh Thắng\"")
    form.add_argument("--recipient", action="append", default=[], metavar="NƠI NHẬN",
                      help="một dòng của \"Nơi nhận\" (lặp lại cho mỗi nơi), ví dụ \"Công an huyện\"")
    form.add_argument("--signer-title", default="", help="chức vụ người ký, ví dụ \"TRƯỞNG CÔNG AN XÃ\"")
    form.add_argument("--signer-name", default="", help="họ tên người ký")
    form.add_argument("--preparer", default="", help="họ tên người lập biểu")


def _form(args: argparse.Namespace) -> Form:
    """The form's fields from the options, each one not given from the ``--profile`` file; the ones given
    are kept there."""
    given = Form(args.superior, args.unit_name, args.number, args.place, tuple(args.recipient),
                 args.signer_title, args.signer_name, args.preparer)
    if not args.profile:
        return given
    if given.to_dict():
        save_report_fields(args.profile, given.to_dict())
    return given.over(Form.from_dict(load_report_fields(args.profile)))


def _order(args: argparse.Namespace) -> str:
    """The order of "Tổng hợp"'s units: the option (kept in the ``--profile`` file), else the one kept
    there, else the tree's."""
    if args.sort:
        if args.profile:
            save_report_fields(args.profile, {"sort": args.sort})
        return args.sort
    saved = load_report_fields(args.profile).get("sort") if args.profile else None
    return saved if saved in ORDERS else TREE


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    """The options of every command that reads workbooks: how columns and units are read, where the
    choices are kept, whether hidden sheets are read."""
    parser.add_argument("--map", action="append", default=[], metavar='"TÊN CỘT=mã:vai trò"',
                        help="chọn chỉ tiêu và vai trò cho một cột, ví dụ \"Số ĐDĐT=dddt:result\"")
    parser.add_argument("--alias", action="append", default=[], metavar='"TÊN GỌI=ĐƠN VỊ"',
                        help="tên gọi khác của một đơn vị trong chỉ tiêu, ví dụ \"KP 2=Ấp 2\"")
    parser.add_argument("--accept", action="append", default=[], metavar='"ĐƠN VỊ:mã chỉ tiêu"',
                        help="xác nhận số liệu bị cảnh báo là đúng để được xếp hạng, ví dụ \"Mỹ Tú:dddt\"")
    parser.add_argument("--profile", metavar="FILE.yaml",
                        help="tệp lưu các lựa chọn cột và tên gọi đơn vị; lựa chọn mới được lưu thêm vào")
    parser.add_argument("--hidden", action="store_true", help="đọc cả các trang tính bị ẩn")


def _overrides(args: argparse.Namespace) -> Overrides:
    """The mapping options: ``--map``, ``--alias`` and ``--accept`` over the ``--profile`` file's choices."""
    return overrides_from_options(args.map, args.alias, load_catalog(), args.profile, args.accept)


def _save_choices(args: argparse.Namespace, overrides: Overrides, tables: list[Table],
                  as_of: date | None = None) -> None:
    """With ``--profile``, this run's ``--map``, ``--alias`` and ``--accept`` choices are kept for next time;
    a figure confirmed in this run, up to its ``as_of`` date."""
    if args.profile and (args.map or args.alias or (args.accept and as_of)):
        accepted = {key: through or as_of for key, through in overrides.accepted.items()} if as_of else None
        save_profile(args.profile, chosen_templates(tables, overrides), overrides.units, accepted)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ChitieuError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return EXIT_FINDINGS
    except Exception as error:  # a bug of ours: one line for the officer, the traceback on request
        if os.environ.get("CHITIEU_DEBUG"):
            raise
        print(f"Lỗi ngoài dự kiến ({type(error).__name__}); chạy lại với CHITIEU_DEBUG=1 để xem chi tiết "
              "và gửi cho người phát triển.", file=sys.stderr)
        return EXIT_FINDINGS


def _summary(args: argparse.Namespace) -> Summary:
    """The summary of ``--quota`` and ``--results`` read with the reading options over the campaign
    options; with ``--profile``, this run's choices are saved once it succeeded."""
    overrides = _overrides(args)
    inputs = read_inputs(args.quota, args.results, overrides=overrides, hidden=args.hidden)
    deadlines = deadlines_from_options(args.deadline, load_catalog(), args.profile)
    summary = summarise_loaded(inputs.quota, inputs.results, inputs.quota_files, inputs.result_files,
                               start=args.start, end=args.end, as_of=args.as_of, days=args.days,
                               unit_aliases=overrides.units, accepted=overrides.accepted, deadlines=deadlines)
    _save_choices(args, overrides, inputs.quota.tables + inputs.results.tables, summary.campaign.as_of)
    return summary


def _kept(args: argparse.Namespace, key: str, given: str | None) -> str | None:
    """An option's value ``given`` (then kept in the ``--profile`` file's report section), else the one kept."""
    if given and args.profile:
        save_report_fields(args.profile, {key: given})
    kept = load_report_fields(args.profile).get(key) if args.profile else None
    return given or (str(kept) if kept else None)


def _judged(args: argparse.Namespace, summary: Summary) -> tuple[Summary, Reporting | None]:
    """With a reporting schedule (``--schedule`` or the profile's), each unit's reports judged against it
    (received at ``--received``, else the file's time) and the stale units not ranked; else the summary."""
    schedule = _kept(args, "schedule", args.schedule)
    if schedule is None:
        return summary, None
    return judged(summary, parse_schedule(schedule), dict(args.received))


def _rules(args: argparse.Namespace) -> Rules:
    """The emulation rules of ``--emulation`` or the profile's, else the shipped defaults."""
    return load_rules(_kept(args, "emulation", args.emulation and str(Path(args.emulation).resolve())))


def run_summary(args: argparse.Namespace) -> int:
    summary, _ = _judged(args, _summary(args))
    if args.format == "json":
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1, default=_json_value))
    elif args.format == "csv":
        sys.stdout.write(summary.table.to_csv(index=False))
    else:
        print(summary_text(summary))
    return EXIT_OK


def run_read(args: argparse.Namespace) -> int:
    overrides = _overrides(args)
    loaded = read_records(args.files, args.kind, overrides=overrides, hidden=args.hidden)
    _save_choices(args, overrides, loaded.tables)
    shown = (column_readings(loaded.tables, load_catalog(), args.kind, overrides) if args.columns
             else loaded.records)
    if args.format == "json":
        rows = shown.astype(object).where(shown.notna(), None).to_dict(orient="records")
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=_json_value))
    else:
        sys.stdout.write(shown.to_csv(index=False))
    _print_findings(loaded.findings, sys.stderr)
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    findings: list[Finding] = []
    overrides = _overrides(args)
    records = []
    for path in map(Path, args.files):
        try:
            loaded = read_records([path], overrides=overrides, hidden=args.hidden)
        except ChitieuError as error:
            findings.append(error.finding)
            continue
        # duplicate units: the summary says so too; a file that gave nothing to count is an error
        findings += loaded.findings + duplicate_units(loaded.records) + nothing_counted(loaded.records, path.name)
        records.append(loaded.records)
        _save_choices(args, overrides, loaded.tables)
    if args.register:
        findings += register_findings(pd.concat(records) if records else empty_records(), args.register)
    _print_findings(findings, sys.stdout)
    if not findings:
        print("Không phát hiện vấn đề nào.")
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    summary, reporting = _judged(args, _summary(args))
    written = write_report(summary, args.out, form=_form(args), units=args.units, indicators=args.indicators,
                           order=_order(args), reporting=reporting, rules=_rules(args),
                           compare_days=args.compare_days)
    _print_findings(summary.findings, sys.stderr)
    print(written)
    return EXIT_OK


def run_app(args: argparse.Namespace) -> int:
    launch_app(args.quota, args.results, args.port, args.host)


def _year_span(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    if not (first.strip().isdigit() and (last or first).strip().isdigit()):
        raise argparse.ArgumentTypeError(f"'{text}' không phải khoảng năm sinh dạng 2005-2009")
    return int(first), int(last or first)


def run_worklist(args: argparse.Namespace) -> int:
    """Write the worklist where --out says, and print per hamlet how many are on it (never who)."""
    worklist = make_worklist(args.list, args.indicator, args.hamlets, args.born)
    out = Path(args.out)
    written = save_bytes(worklist_workbook(worklist), free_path(out, datetime.now()), out.parent)
    for row in worklist.counts.itertuples(index=False):
        print(f"{row.hamlet}: {row.on_worklist} người cần vận động ({row.not_done} chưa thực hiện / {row.listed})")
    print(written)
    return EXIT_OK


COMMANDS = {"summary": run_summary, "read": run_read, "check": run_check, "report": run_report,
            "app": run_app, "worklist": run_worklist}


def _print_findings(findings: list[Finding], stream) -> None:
    for f in findings:
        print(f"{SEVERITY_LABELS[f.severity]} [{f.code}]: {f.text()}", file=stream)


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if np.isnan(value) else float(value)
    raise TypeError(type(value).__name__)


def summary_text(summary: Summary) -> str:
    """The summary as a plain-text table, one block per indicator."""
    c = summary.campaign
    lines = [f"Đợt: {c.start:%d/%m/%Y} – {c.end:%d/%m/%Y} ({c.days_total} ngày); "
             f"tính đến ngày {c.as_of:%d/%m/%Y}: đã qua {c.days_elapsed} ngày, còn {c.days_left} ngày."]
    for label, block in summary.table.groupby("indicator_label", sort=False):
        if (code := block["indicator"].iloc[0]) in c.periods:
            own = c.of(code)
            label = (f"{label} (hạn riêng: {own.start:%d/%m/%Y} – {own.end:%d/%m/%Y}, {own.days_total} ngày; "
                     f"đã qua {own.days_elapsed} ngày, còn {own.days_left} ngày)")
        rows = [[_terminal_cell(spec, row) for spec in TERMINAL_COLUMNS] for row in block.to_dict("records")]
        headings = [spec.heading for spec in TERMINAL_COLUMNS]
        widths = [max(len(cell) for cell in column) for column in zip(headings, *rows)]
        lines += ["", f"■ {label}", _line(headings, widths), _line(["-" * w for w in widths], widths)]
        lines += [_line(row, widths) for row in rows]
    if summary.findings:
        lines += ["", "Các vấn đề phát hiện:"]
        lines += [f"- {SEVERITY_LABELS[f.severity]} [{f.code}]: {f.text()}" for f in summary.findings]
    return "\n".join(lines)


def _terminal_cell(spec: ColumnSpec, row: dict) -> str:
    """A cell of the terminal table: the column's text of the value, a unit indented by its level."""
    text = spec.text(row[spec.key])
    return "  " * int(row["level"]) + text if spec.key == "label" else text


def _line(cells: list[str], widths: list[int]) -> str:
    """One line of the terminal table, each cell padded to its width on the side its column aligns to."""
    return "  ".join(cell.ljust(w) if spec.align == "left" else cell.rjust(w)
                     for spec, cell, w in zip(TERMINAL_COLUMNS, cells, widths)).rstrip()


if __name__ == "__main__":
    sys.exit(main())
