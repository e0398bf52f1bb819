"""Quota and result workbooks generated in pairs from the seeds' shapes, with their true figures, and the
property they must keep: every figure of the summary is the true one, or a warning or an error names the
unit or the column (tests/mapping/test_unseen_layouts.py, benchmarks/bench_layouts.py).

Quotas come under a header naming the indicator, or the indicator's name merged over role words, with a
daily quota or not; CCCD as Phụ lục I's residence groups (a total and its parts) or as age groups. Results
come whole, as level 1 + level 2 parts, or both (agreeing or not), with the quota, the eligible population,
done before, not done, percentages or households beside them. One annex may hold quotas and results side by
side, given as the quota workbook or in both slots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st

from chitieu.findings import Finding
from chitieu.mapping.catalog import load_catalog
from chitieu.summary.files import summarise_files
from chitieu.values import format_number
from layouts import AS_OF, DAYS, END, LEVELS, NOTES, START, Figures, SheetSpec, named, shown, totals_rows, write_sheet
from layouts import letter as _letter

# Each indicator as the seeds name it, in a header or over a group of columns.
NAMES = {
    "dddt": ["Định danh điện tử", "Kích hoạt định danh điện tử (Mức 1 + Mức 2)", "Tài khoản ĐDĐT",
             "Kích hoạt tài khoản định danh điện tử", "Thu nhận và kích hoạt ĐDĐT (Mức 1+Mức 2)"],
    "cccd_truoc_7_2010": ["Cấp CCCD cho công dân sinh trước tháng 7/2010", "CCCD sinh trước 7/2010"],
    "cccd_truoc_2009": ["Cấp CCCD cho công dân sinh trước năm 2009", "CCCD sinh trước năm 2009"],
    "cccd": ["Thu nhận hồ sơ cấp CCCD", "Hồ sơ CCCD", "Căn cước công dân"],
    "sim": ["Đăng ký sim chính chủ, tích hợp chữ ký số", "SIM chính chủ kèm chữ ký số"],
    "smartphone": ["Trang bị điện thoại thông minh 4G", "Điện thoại thông minh 4G", "Smartphone 4G"],
    "vneid": ["Cài đặt ứng dụng VNeID", "Cài đặt VNeID"],
}
QUOTA_HEADERS = ["Chỉ tiêu thu nhận và kích hoạt (Mức 1+Mức 2)", "Chỉ tiêu kích hoạt định danh điện tử",
                 "Chỉ tiêu được giao - Kích hoạt định danh điện tử", "Kế hoạch kích hoạt tài khoản ĐDĐT",
                 "Số phải thực hiện (định danh điện tử)", "CHỈ TIÊU ĐỊNH DANH ĐIỆN TỬ MỨC 1 + MỨC 2",
                 "Chỉ tiêu (90% dân số) kích hoạt định danh điện tử"]
QUOTA_FORMS = ["Chỉ tiêu {}", "{} (chỉ tiêu)", "Kế hoạch {}", "Chỉ tiêu được giao: {}", "Phân bổ chỉ tiêu {}"]
QUOTA_SUBS = ["Chỉ tiêu", "Chỉ tiêu được giao", "Kế hoạch", "Chỉ tiêu giao"]
DAILY_FORMS = ["Chỉ tiêu trong ngày ({})", "{} - bình quân/ngày", "Chỉ tiêu hàng ngày {}"]
DAILY_SUBS = ["Trong ngày", "Chỉ tiêu trong ngày", "Bình quân/ngày", "Chỉ tiêu hàng ngày", "Mỗi ngày"]
BARE_DAILY = ["Chỉ tiêu trong ngày", "Chỉ tiêu trong ngày (Tính từ ngày 18/7/2023 đến ngày 18/8/2023)",
              "Bình quân/ngày", "Chỉ tiêu hàng ngày"]
RESULT_FORMS = ["Kết quả {}", "Đã thực hiện ({})", "Lũy kế {}", "{} - kết quả đạt được", "Kết quả thực hiện: {}"]
RESULT_SUBS = ["Kết quả", "Đã thực hiện", "Lũy kế", "Kết quả đạt được", "Số đạt"]
DDDT_WHOLES = ["Kết quả thu nhận và kích hoạt (Mức 1+Mức 2) lũy kế", "Đã kích hoạt định danh điện tử",
               "Kết quả kích hoạt ĐDĐT", "Lũy kế kích hoạt tài khoản định danh điện tử",
               "Số tài khoản ĐDĐT đã kích hoạt (mức 1 + mức 2)"]
DDDT_PARTS = [("Số TK mức 1 đã kích hoạt", "Số TK mức 2 đã kích hoạt"),
              ("Đã kích hoạt mức độ 1", "Đã thu nhận, kích hoạt mức độ 2"), ("ĐDĐT mức 1", "ĐDĐT mức 2"),
              ("Kích hoạt ĐDĐT mức 1", "Thu nhận, kích hoạt ĐDĐT mức 2"),
              ("Tài khoản định danh điện tử mức 1", "Tài khoản định danh điện tử mức độ 2")]
DDDT_GROUPS = ["Kết quả kích hoạt định danh điện tử", "Số tài khoản ĐDĐT đã kích hoạt", "Kết quả kích hoạt"]
PART_SUBS = [("Mức 1", "Mức 2"), ("Mức độ 1", "Mức độ 2"), ("TK mức 1", "TK mức 2")]
WHOLE_SUBS = ["Tổng", "Tổng số", "Cộng", "Tổng cộng"]
# Phụ lục I of Mỹ Phú Đông: people to invite by residence, each a group total and its parts.
RESIDENCE_GROUPS = ["Thường trú chưa cấp CCCD", "Tạm trú chưa Cấp CCCD", "Tạm trú ngoài địa bàn"]
RESIDENCE_PARTS = ["Không ngày tháng sinh", "Có ngày tháng sinh"]
RESIDENCE_TOTALS = ["Tổng", "Tổng số", "Cộng", "Số người"]  # "Số người": a total known by its figures only
# Columns beside the figures, never counted: header → kind of figure.
CONTEXT = {"Dân số từ đủ 14 tuổi trở lên": "eligible", "Số người đủ điều kiện": "eligible",
           "Tổng số hộ": "households", "Số hộ gia đình": "households", "Tỷ lệ (%)": "percent",
           "Tỷ lệ đạt": "percent", "Đạt (%)": "percent", "Tỉ lệ % so với chỉ tiêu": "percent",
           "Đã kích hoạt trước đợt": "baseline", "Số đã cấp trước ngày 18/7/2023": "baseline",
           "Chưa kích hoạt": "not_done", "Còn lại chưa thực hiện": "not_done"}


@dataclass
class Truth:
    """The true figures of a pair: (unit, indicator) → quota, published daily quota, result."""

    quota: dict = field(default_factory=dict)
    daily: dict = field(default_factory=dict)
    result: dict = field(default_factory=dict)


@dataclass
class Pair:
    """A quota workbook and a result workbook (or one annex holding both, given as quota or in both slots)."""

    parent: str
    units: list[str]
    quota: SheetSpec
    results: SheetSpec | None
    slots: str  # "pair", "annex" (the annex as quota only) or "annex-both"
    truth: Truth
    warned: set = field(default_factory=set)  # (unit, indicator) whose figures disagree on purpose
    codes: list[str] = field(default_factory=list)
    result_name: str = "ket_qua_2023-07-27.xlsx"

    def write(self, folder: Path) -> tuple[list[Path], list[Path]]:
        """The workbooks written into ``folder``: the quota files and the result files, as given to chitieu."""
        if self.results is None:
            annex = write_sheet(folder / "phu_luc.xlsx", self.quota, "Phụ lục")
            return [annex], [annex] if self.slots == "annex-both" else []
        return ([write_sheet(folder / "chi_tieu.xlsx", self.quota, "Phụ lục")],
                [write_sheet(folder / self.result_name, self.results, "Kết quả")])


def _figures(label: str, values: list, code: str, dotted: bool, group: str = "", total: object = "sum") -> Figures:
    """A column of counts (None: a blank cell), its totals-row figure their sum unless given."""
    total = sum(v for v in values if v is not None) if total == "sum" else total
    return Figures(label, [shown(v, dotted) for v in values], group, shown(total, dotted), (code,))


def quota_columns(draw: st.DrawFn, code: str, quotas: list[int], dotted: bool, alone: bool) -> list[Figures]:
    """The quota of ``code`` and perhaps its published daily quota (``Figures.values`` of the second): under
    a header naming both, or under the indicator's name merged over role words; a daily quota naming no
    indicator only when it is the table's one (``alone``)."""
    name = draw(st.sampled_from(NAMES[code]))
    daily = [-(-q // 30) for q in quotas] if draw(st.booleans()) else None
    if draw(st.booleans()):
        columns = [_figures(draw(st.sampled_from(QUOTA_SUBS)), quotas, code, dotted, name)]
        if daily:
            columns.append(_figures(draw(st.sampled_from(DAILY_SUBS)), daily, code, dotted, name))
        return columns
    plain = code == "dddt" and draw(st.booleans())
    label = draw(st.sampled_from(QUOTA_HEADERS)) if plain else draw(st.sampled_from(QUOTA_FORMS)).format(name)
    columns = [_figures(label, quotas, code, dotted)]
    if daily:
        form = draw(st.sampled_from(BARE_DAILY if alone else DAILY_FORMS))
        columns.append(_figures(form.format(name), daily, code, dotted))
    return columns


def residence_columns(draw: st.DrawFn, quotas: list[int], dotted: bool, alone: bool) -> tuple[list, list]:
    """Phụ lục I's groups (people to invite by residence, each a total and its parts, the total first or
    last); the CCCD quota of each unit is the sum of the group totals. A named total may disagree with its
    parts (the first unit's): the total counts, with a warning; returns the columns and the units warned.
    A group not naming CCCD ("Tạm trú ngoài địa bàn") only in a table of CCCD alone (``alone``), under a
    title naming it, as in the seed."""
    groups = draw(st.lists(st.sampled_from(RESIDENCE_GROUPS[:None if alone else 2]), min_size=1, max_size=3,
                           unique=True))
    label, first = draw(st.sampled_from(RESIDENCE_TOTALS)), draw(st.booleans())
    clash = label != "Số người" and draw(st.integers(0, 4)) == 0
    shares = [draw(st.lists(st.integers(0, 10), min_size=len(quotas), max_size=len(quotas))) for _ in groups]
    columns, remaining = [], list(quotas)
    for g, group in enumerate(groups):  # the groups' totals make the unit's quota
        last = g == len(groups) - 1
        totals = remaining if last else [r * share // 10 for r, share in zip(remaining, shares[g])]
        remaining = [r - t for r, t in zip(remaining, totals)]
        undated = [t // 3 for t in totals]
        dated = [t - u + (1 if clash and i == 0 else 0) for i, (t, u) in enumerate(zip(totals, undated))]
        total = _figures(label, totals, "cccd", dotted, group)
        parts = [_figures(RESIDENCE_PARTS[0], undated, "cccd", dotted, group),
                 _figures(RESIDENCE_PARTS[1], dated, "cccd", dotted, group)]
        columns += [total, *parts] if first else [*parts, total]
    return columns, [0] if clash else []


def result_columns(draw: st.DrawFn, code: str, results: list, dotted: bool, worded: bool) -> tuple[list, list]:
    """The results of ``code`` (None: a blank cell). Level 1 + level 2 accounts come whole, as parts, or both
    (agreeing, or the first unit's parts not: the whole counts, with a warning), under headers of their own
    or a group's "Tổng" and levels; ``worded``: every header says it holds results (an annex beside quotas).
    Returns the columns and the indices of the units warned."""
    name = draw(st.sampled_from(NAMES[code]))
    if code != "dddt":
        if draw(st.booleans()):
            return [_figures(draw(st.sampled_from(RESULT_SUBS)), results, code, dotted, name)], []
        return [_figures(draw(st.sampled_from(RESULT_FORMS)).format(name), results, code, dotted)], []
    mode = draw(st.sampled_from(["whole", "parts", "both", "clash"]))
    shares = draw(st.lists(st.integers(0, 10), min_size=len(results), max_size=len(results)))
    first = [None if r is None else r * s // 10 for r, s in zip(results, shares)]
    second = [None if r is None else r - f for r, f in zip(results, first)]
    clash = mode == "clash" and results[0] is not None
    if clash:
        second[0] += 1
    if mode != "whole" and draw(st.booleans()):  # a group: "Tổng" and the levels under it
        group = draw(st.sampled_from(DDDT_GROUPS))
        labels = [draw(st.sampled_from(WHOLE_SUBS)), *draw(st.sampled_from(PART_SUBS))]
    else:
        group = ""
        wholes, parts = DDDT_WHOLES, DDDT_PARTS[:2] if worded else DDDT_PARTS
        labels = [draw(st.sampled_from(wholes)), *draw(st.sampled_from(parts))]
    whole = _figures(labels[0], results, code, dotted, group)
    levels = [_figures(labels[1], first, code, dotted, group), _figures(labels[2], second, code, dotted, group)]
    if mode == "whole":
        return [whole], []
    if mode == "parts":
        return levels, []
    return ([whole, *levels] if draw(st.booleans()) else [*levels, whole]), [0] if clash else []


def context_columns(draw: st.DrawFn, code: str, quotas: list[int], results: list | None,
                    dotted: bool, not_done: bool = True) -> list[Figures]:
    """Columns never counted beside the figures of ``code``: eligible population, households, done before,
    not done (of the eligible population, else of the quota), percentages; their header naming the indicator
    or not."""
    choices = sorted(h for h in CONTEXT if not_done or CONTEXT[h] != "not_done")
    headers = draw(st.lists(st.sampled_from(choices), max_size=2, unique_by=lambda h: CONTEXT[h]))
    kinds = {CONTEXT[h] for h in headers}
    if {"households", "not_done"} <= kinds:
        headers = [h for h in headers if CONTEXT[h] != "households"]
    given, results = results is not None, results or [None] * len(quotas)
    wholes = [3 * q + 7 for q in quotas] if "eligible" in kinds else quotas
    style = draw(st.sampled_from(["text", "percent", "fraction"]))
    columns = []
    for header in headers:
        kind = CONTEXT[header]
        label = f"{header} ({draw(st.sampled_from(NAMES[code]))})" if draw(st.booleans()) else header
        if kind == "percent":
            ratios = [None if r is None or not q else r / q for q, r in zip(quotas, results)]
            done = [r for r in results if r is not None]
            overall = sum(done) / sum(quotas) if done and sum(quotas) else None
            columns.append(Figures(label, [_percent(x, style) for x in ratios], total=_percent(overall, style),
                                   codes=(code,)))
            continue
        values = {"eligible": wholes, "households": [q // 2 + 3 for q in quotas], "baseline": [q // 3 for q in quotas],
                  "not_done": [None if r is None and given else max(w - (r or 0), 0)
                               for w, r in zip(wholes, results)]}[kind]
        columns.append(_figures(label, values, code, dotted))
    return columns


def _percent(ratio: float | None, style: str) -> object:
    if ratio is None:
        return None
    return {"text": format_number(100 * ratio, 1) + "%", "percent": round(100 * ratio, 1),
            "fraction": round(ratio, 4)}[style]


KINDS = {"dddt": ["dddt"], "sim": ["sim"], "smartphone": ["smartphone"], "vneid": ["vneid"],
         "age": ["cccd_truoc_7_2010", "cccd_truoc_2009"], "residence": ["cccd"]}
QUOTA_TITLES = ["CHỈ TIÊU THỰC HIỆN ĐỀ ÁN 06", "BẢNG PHÂN BỔ CHỈ TIÊU", "CHỈ TIÊU MỤC TIÊU “4 PHỦ”"]
RESULT_TITLES = ["KẾT QUẢ THỰC HIỆN ĐỀ ÁN 06", "BÁO CÁO TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU", "KẾT QUẢ ĐỢT CAO ĐIỂM"]
CCCD_TITLE = "Chỉ tiêu mời thu nhận hồ sơ CCCD trên địa bàn xã Mỹ Phú Đông"
DATE_LINES = ["(Kèm theo Kế hoạch số 142/KH-UBND ngày 14/7/2023 của Ủy ban nhân dân tỉnh Sóc Trăng)",
              "Tính từ ngày 18/7/2023 đến ngày 18/8/2023"]
AS_OF_LINES = ["Tính đến ngày 27/7/2023", "(Số liệu tính đến ngày 27/7/2023)", ""]
RESULT_NAMES = ["ket_qua_2023-07-27.xlsx", "KQ 27.7.2023.xlsx", "bao_cao_ket_qua.xlsx"]
UNIT_HEADERS = ["Đơn vị", "Tên đơn vị", "Địa bàn", "Địa phương"]


@st.composite
def pairs(draw: st.DrawFn) -> Pair:
    """A quota workbook and its results in the seeds' shapes, with the true figures."""
    parent = draw(st.sampled_from(sorted(LEVELS)))
    units = draw(st.lists(st.sampled_from(LEVELS[parent]), min_size=2, max_size=len(LEVELS[parent]), unique=True))
    kinds = draw(st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=3, unique=True))
    slots, dotted = draw(st.sampled_from(["pair", "pair", "annex", "annex-both"])), draw(st.booleans())
    if "residence" in kinds and ("age" in kinds or slots != "pair"):  # Phụ lục I is a quota workbook's
        kinds.remove("residence")
    codes = [code for kind in kinds or ["dddt"] for code in KINDS[kind]]
    # The units reporting, in the result workbook's order (an annex keeps the quota's, with blanks).
    order = draw(st.permutations(range(len(units)))) if slots == "pair" else list(range(len(units)))
    order = order[:draw(st.integers(1, len(units)))] if slots == "pair" else order
    pair = Pair(parent, units, None, None, slots, Truth(), set(), codes)
    quota_cols, result_cols, beside = [], [], []
    for code in codes:
        quotas = draw(st.lists(st.integers(1, 120_000), min_size=len(units), max_size=len(units)))
        tenths = draw(st.lists(st.one_of(st.none(), st.integers(0, 15)), min_size=len(units), max_size=len(units)))
        results = [None if t is None or i not in order else q * t // 10
                   for i, (q, t) in enumerate(zip(quotas, tenths))]
        if code == "cccd":
            columns, clashes = residence_columns(draw, quotas, dotted, alone=len(codes) == 1)
        else:
            columns, clashes = quota_columns(draw, code, quotas, dotted, alone=len(codes) == 1), []
        quota_cols += columns
        # beside people to invite (the quota), no other count of people not done
        beside += context_columns(draw, code, quotas, None if slots == "pair" else results, dotted,
                                  not_done=code != "cccd")
        mine = [results[i] for i in order]
        found, more = result_columns(draw, code, mine, dotted, worded=slots != "pair")
        if slots == "pair":
            theirs = [quotas[i] for i in order]
            found = (quota_columns(draw, code, theirs, dotted, alone=len(codes) == 1) if draw(st.booleans())
                     else []) + found + context_columns(draw, code, theirs, mine, dotted)
        result_cols += found
        pair.warned |= {(units[i], code) for i in clashes} | {(units[order[i]], code) for i in more}
        for unit, q, r in zip(units, quotas, results):
            pair.truth.quota[(unit, code)] = q
            pair.truth.result.update({(unit, code): r} if r is not None else {})
            if code != "cccd" and len(columns) == 2:
                pair.truth.daily[(unit, code)] = -(-q // 30)
    title = draw(st.lists(st.sampled_from(QUOTA_TITLES + DATE_LINES), max_size=3, unique=True))
    title = [CCCD_TITLE] if codes == ["cccd"] else title
    pair.quota = sheet_spec(draw, title, parent, units, quota_cols + beside)
    if slots != "pair":
        pair.quota.columns += result_cols
    else:
        title = [draw(st.sampled_from(RESULT_TITLES)), draw(st.sampled_from(AS_OF_LINES))]
        pair.result_name = draw(st.sampled_from(RESULT_NAMES))
        pair.results = sheet_spec(draw, [line for line in title if line], parent, [units[i] for i in order],
                                  result_cols)
    return pair


def sheet_spec(draw: st.DrawFn, title: list[str], parent: str, units: list[str], columns: list) -> SheetSpec:
    return SheetSpec(title, units, columns, totals_rows(draw, parent),
                     draw(st.lists(st.sampled_from(NOTES), max_size=2)), draw(st.booleans()),
                     draw(st.sampled_from(UNIT_HEADERS)), draw(st.sampled_from(["STT", "TT", "Stt"])))


def summarise_pair(pair: Pair, folder: Path) -> tuple[object, list[Path], list[Path]]:
    """The pair written into ``folder`` and summarised as an officer would: the summary and the files."""
    quota, results = pair.write(folder)
    return summarise_files(quota, results, start=START, end=END, as_of=AS_OF, days=DAYS), quota, results


def subtracted(findings: list[Finding], code: str, baseline: float) -> bool:
    """Whether the summary took a baseline off the results of indicator ``code`` (and said so)."""
    label = load_catalog().label(code)
    return not pd.isna(baseline) and any(f.code == "baseline-subtracted" and f.params["indicator"] == label
                                         for f in findings)


def wrong_figures(pair: Pair, summary: object) -> list[str]:
    """Every figure of the summary that is not the true one and that no warning or error names (by its unit
    or its column); every unit the summary invents that none names; every disagreement put in on purpose
    that none names. Empty when the property holds."""
    findings = summary.findings
    quota_file = "phu_luc.xlsx" if pair.results is None else "chi_tieu.xlsx"
    result_file, result_sheet = (quota_file, pair.quota) if pair.results is None else (pair.result_name,
                                                                                         pair.results)
    table = summary.table
    rows = {(unit, code): row for unit, code, row in zip(table["unit"], table["indicator"], table.itertuples())}
    wrong = []
    for (unit, code), quota in pair.truth.quota.items():
        row = rows.get((unit, code))
        figures = {"quota": (quota, quota_file, pair.quota), "result": (pair.truth.result.get((unit, code)),
                                                                        result_file, result_sheet)}
        if (unit, code) in pair.truth.daily:
            figures["daily_quota"] = (pair.truth.daily[(unit, code)], quota_file, pair.quota)
        if figures["result"][0] is not None and row is not None and subtracted(findings, code, row.baseline):
            # the results read as counting what was done before the campaign too: its baseline is taken off,
            # said once for the indicator (both readings are right while one is said)
            figures["result"] = (figures["result"][0] - row.baseline, *figures["result"][1:])
        for key, (truth, file, sheet) in figures.items():
            got = None if row is None or pd.isna(getattr(row, key)) else getattr(row, key)
            if got != truth and not named(findings, unit, file, letters(sheet, code)):
                wrong.append(f"{unit} / {code} / {key}: {got} instead of {truth}")
    for unit, code in pair.warned:
        if not named(findings, unit, result_file, letters(result_sheet, code)):
            wrong.append(f"{unit} / {code}: its disagreeing figures are not said")
    invented = set(table.loc[table["level"] > 0, "unit"]) - set(pair.units) - {pair.parent}
    wrong += [f"{unit}: not a unit of the workbooks" for unit in sorted(invented) if not _said(findings, unit)]
    return wrong


def letters(sheet: SheetSpec, code: str) -> set[str]:
    """The letters of the sheet's columns holding or explaining figures of ``code`` (B holds the units)."""
    return {_letter(c) for c, col in enumerate(sheet.columns, start=2) if code in col.codes}


def _said(findings: list[Finding], unit: str) -> bool:
    return named(findings, unit, "", set())
