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
from chitieu.mapping.profiles import chosen_templates, overrides_from_options, save_profile
from chitieu.mapping.record_checks import duplicate_units, nothing_counted
from chitieu.mapping.records import empty_records, read_records
from chitieu.mapping.register import register_findings
from chitieu.reading.layout import Table
from chitieu.report.worklist import worklist_workbook
from chitieu.report.write import free_path, write_report
from chitieu.saving import save_bytes
from chitieu.summary.columns import SUMMARY_COLUMNS, ColumnSpec
from chitieu.summary.files import read_inputs, summarise_loaded
from chitieu.summary.table import Summary

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
    _add_reading_options(read)

    check = sub.add_parser("check", help="kiểm tra tệp và liệt kê các vấn đề")
    check.add_argument("files", nargs="+", metavar="FILE")
    _add_reading_options(check)
    check.add_argument("--register", metavar="TỈNH",
                       help="đối chiếu tên xã, phường với danh mục từ 1/7/2025 của tỉnh, thành phố này, "
                            "ví dụ \"Cần Thơ\"")

    report = sub.add_parser("report", help="xuất báo cáo Excel đã định dạng")
    _add_campaign_options(report)
    report.add_argument("--unit-name", default="", help="tên đơn vị lập báo cáo, ví dụ \"CÔNG AN XÃ MINH THẮNG\"")
    report.add_argument("--place", default="", help="địa danh ghi cạnh ngày tháng, ví dụ \"Minh Thắng\"")
    report.add_argument("--units", nargs="+", help="chỉ báo cáo các đơn vị này")
    report.add_argument("--indicators", nargs="+", help="chỉ báo cáo các chỉ tiêu này (mã hoặc tên)")
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


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    """The options of every command that reads workbooks: how columns and units are read, where the
    choices are kept, whether hidden sheets are read."""
    parser.add_argument("--map", action="append", default=[], metavar='"TÊN CỘT=mã:vai trò"',
                        help="chọn chỉ tiêu và vai trò cho một cột, ví dụ \"Số ĐDĐT=dddt:result\"")
    parser.add_argument("--alias", action="append", default=[], metavar='"TÊN GỌI=ĐƠN VỊ"',
                        help="tên gọi khác của một đơn vị trong chỉ tiêu, ví dụ \"KP 2=Ấp 2\"")
    parser.add_argument("--profile", metavar="FILE.yaml",
                        help="tệp lưu các lựa chọn cột và tên gọi đơn vị; lựa chọn mới được lưu thêm vào")
    parser.add_argument("--hidden", action="store_true", help="đọc cả các trang tính bị ẩn")


def _overrides(args: argparse.Namespace) -> Overrides:
    """The mapping options: ``--map`` and ``--alias`` over the ``--profile`` file's choices."""
    return overrides_from_options(args.map, args.alias, load_catalog(), args.profile)


def _save_choices(args: argparse.Namespace, overrides: Overrides, tables: list[Table]) -> None:
    """With ``--profile``, this run's ``--map`` and ``--alias`` choices are kept for next time."""
    if args.profile and (args.map or args.alias):
        save_profile(args.profile, chosen_templates(tables, overrides), overrides.units)


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
    summary = summarise_loaded(inputs.quota, inputs.results, inputs.quota_files, inputs.result_files,
                               start=args.start, end=args.end, as_of=args.as_of, days=args.days,
                               unit_aliases=overrides.units)
    _save_choices(args, overrides, inputs.quota.tables + inputs.results.tables)
    return summary


def run_summary(args: argparse.Namespace) -> int:
    summary = _summary(args)
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
    if args.format == "json":
        rows = loaded.records.astype(object).where(loaded.records.notna(), None).to_dict(orient="records")
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=_json_value))
    else:
        sys.stdout.write(loaded.records.to_csv(index=False))
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
    summary = _summary(args)
    written = write_report(summary, args.out, unit_name=args.unit_name, place=args.place,
                           units=args.units, indicators=args.indicators)
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
    return "  " * int(row["level"]) + text if spec.key == "unit" else text


def _line(cells: list[str], widths: list[int]) -> str:
    """One line of the terminal table, each cell padded to its width on the side its column aligns to."""
    return "  ".join(cell.ljust(w) if spec.align == "left" else cell.rjust(w)
                     for spec, cell, w in zip(TERMINAL_COLUMNS, cells, widths)).rstrip()


if __name__ == "__main__":
    sys.exit(main())
