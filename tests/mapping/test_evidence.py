"""Each column says why it was read as it was — the header's words, the merged group over it, the table's
title, its figures, the kind of file, the table's other columns — and how sure that is; a column that would
be counted but is below the confidence bar is not counted until an officer confirms it, and a warning
names its file and column."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.mapping.catalog import COUNTED_ROLES, SURE, load_catalog
from chitieu.mapping.overrides import Overrides
from chitieu.mapping.records import column_mappings, column_readings, read_records, table_records
from chitieu.reading.layout import Column, Row, Table
from chitieu.text import fold
from test_gallery import write_xlsx

HAMLETS = {"Ấp 1": (131, 40, 25), "Ấp 2": (117, 35, 20), "Ấp 3": (96, 30, 14)}


def readings(path: Path, kind: str, overrides: Overrides | None = None) -> dict[str, dict]:
    loaded = read_records([path], kind, overrides=overrides)
    frame = column_readings(loaded.tables, load_catalog(), kind, overrides)
    return {row["label"]: row for row in frame.to_dict("records")}


def test_the_header_words_say_the_indicator_and_the_role(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "chi_tieu.xlsx", {"CT": [
        ["STT", "Đơn vị", "Chỉ tiêu kích hoạt định danh điện tử", "Tỷ lệ %"],
        *[[i, unit, quota, 12] for i, (unit, (quota, _, _)) in enumerate(HAMLETS.items(), 1)]]})
    columns = readings(path, "quota")
    quota = columns["Chỉ tiêu kích hoạt định danh điện tử"]
    assert (quota["indicator"], quota["role"], quota["confidence"], quota["counted"]) == ("dddt", "quota", 1.0, True)
    assert quota["evidence"] == "tiêu đề cột có 'chỉ tiêu' và 'định danh điện tử'"
    percent = columns["Tỷ lệ %"]
    assert percent["role"] == "percent" and not percent["counted"]
    assert "tiêu đề cột có 'tỷ lệ'" in percent["evidence"]


def test_a_percent_sign_is_a_percentage_even_above_100_but_not_after_a_number(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "chi_tieu.xlsx", {"CT": [
        ["STT", "Đơn vị", "Chỉ tiêu (90% dân số) định danh điện tử", "% so với dân số", "Đạt (%)"],
        *[[i, unit, quota, 64, 109.7] for i, (unit, (quota, _, _)) in enumerate(HAMLETS.items(), 1)]]})
    columns = readings(path, "quota")
    for header in ["% so với dân số", "Đạt (%)"]:
        assert columns[header]["role"] == "percent" and not columns[header]["counted"]
        assert columns[header]["evidence"].startswith("tiêu đề cột có '%'")
    assert columns["Chỉ tiêu (90% dân số) định danh điện tử"]["role"] == "quota"


def test_a_merged_group_label_is_evidence_of_its_own(tmp_path: Path) -> None:
    rows = [["STT", "Đơn vị", "Kết quả", None], [None, None, "Định danh điện tử", "Điện thoại thông minh 4G"],
            *[[i, unit, done, phones] for i, (unit, (_, done, phones)) in enumerate(HAMLETS.items(), 1)]]
    path = write_xlsx(tmp_path / "kq.xlsx", {"KQ": rows}, {"KQ": ["A1:A2", "B1:B2", "C1:D1"]})
    column = readings(path, "result")["Kết quả - Định danh điện tử"]
    assert (column["indicator"], column["role"], column["counted"]) == ("dddt", "result", True)
    assert column["evidence"] == ("tiêu đề cột có 'định danh điện tử'; "
                                  "nằm trong nhóm 'Kết quả' (tiêu đề gộp) có 'kết quả'")


def results_titled(tmp_path: Path, title: str, header: str) -> Path:
    return write_xlsx(tmp_path / "bao_cao.xlsx", {"Báo cáo": [
        [title], [], ["STT", "Đơn vị", header],
        *[[i, unit, done] for i, (unit, (_, done, _)) in enumerate(HAMLETS.items(), 1)]]})


def test_an_indicator_named_only_by_the_title_is_counted_when_the_header_names_the_role(tmp_path: Path) -> None:
    path = results_titled(tmp_path, "BÁO CÁO ĐỊNH DANH ĐIỆN TỬ XÃ MINH THẮNG", "Số đã kích hoạt")
    column = readings(path, "result")["Số đã kích hoạt"]
    assert column["indicator"] == "dddt" and column["counted"] and SURE <= column["confidence"] < 1
    assert column["evidence"] == "tiêu đề cột có 'đã kích hoạt'; tiêu đề bảng có 'định danh điện tử'"


def test_a_column_only_the_title_and_the_kind_of_file_explain_waits_for_confirmation(tmp_path: Path) -> None:
    path = results_titled(tmp_path, "BÁO CÁO ĐỊNH DANH ĐIỆN TỬ XÃ MINH THẮNG", "Số lượng")
    column = readings(path, "result")["Số lượng"]
    assert (column["indicator"], column["role"], column["counted"], column["needs_confirmation"]) == (
        "dddt", "result", False, True)
    assert column["confidence"] < SURE
    assert column["evidence"] == ("tiêu đề bảng có 'định danh điện tử'; "
                                  "tiêu đề không nói vai trò: tệp được nạp là sổ kết quả")
    loaded = read_records([path], "result")
    assert loaded.records.empty  # not one figure counted until confirmed
    [warning] = [f for f in loaded.findings if f.code == "column-unconfirmed"]
    assert (warning.severity, warning.file, warning.sheet, warning.column) == ("warning", "bao_cao.xlsx", "Báo cáo", "C")
    assert "'Số lượng'" in warning.message and "72%" in warning.message
    assert '--map "Số lượng=dddt:result"' in warning.message


def test_a_confirmed_column_is_counted_with_the_officers_choice_as_evidence(tmp_path: Path) -> None:
    path = results_titled(tmp_path, "BÁO CÁO ĐỊNH DANH ĐIỆN TỬ XÃ MINH THẮNG", "Số lượng")
    overrides = Overrides(columns={fold("Số lượng"): ("dddt", "result")})
    loaded = read_records([path], "result", overrides=overrides)
    assert dict(zip(loaded.records["unit"], loaded.records["value"])) == {u: d for u, (_, d, _) in HAMLETS.items()}
    assert not [f for f in loaded.findings if f.code == "column-unconfirmed"]
    column = readings(path, "result", overrides)["Số lượng"]
    assert column["counted"] and column["confidence"] == 1.0 and column["evidence"] == "chọn bằng --map"


def test_a_title_saying_the_role_the_kind_of_file_says_confirms_it(tmp_path: Path) -> None:
    path = results_titled(tmp_path, "KẾT QUẢ KÍCH HOẠT ĐỊNH DANH ĐIỆN TỬ", "Số lượng")
    column = readings(path, "result")["Số lượng"]
    assert column["counted"] and column["evidence"] == "tiêu đề bảng có 'định danh điện tử' và 'kết quả'"


def test_a_column_naming_a_role_only_takes_the_tables_indicator(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "chi_tieu.xlsx", {"CT": [
        ["STT", "Đơn vị", "Chỉ tiêu kích hoạt định danh điện tử", "Chỉ tiêu trong ngày"],
        *[[i, unit, quota, 4] for i, (unit, (quota, _, _)) in enumerate(HAMLETS.items(), 1)]]})
    daily = readings(path, "quota")["Chỉ tiêu trong ngày"]
    assert (daily["indicator"], daily["role"], daily["counted"]) == ("dddt", "daily_quota", True)
    assert daily["evidence"] == ("tiêu đề cột có 'trong ngày'; "
                                 "các cột khác của bảng đều thuộc 'Kích hoạt tài khoản định danh điện tử (mức 1 + mức 2)'")


def test_a_group_total_and_its_parts_say_so(tmp_path: Path) -> None:
    rows = [["CHỈ TIÊU CẤP CCCD"], ["STT", "Đơn vị", "Thường trú", None, None],
            [None, None, "Số người", "Không ngày tháng sinh", "Có ngày tháng sinh"],
            [1, "Ấp 1", 94, 22, 72], [2, "Ấp 2", 10, 4, 6]]
    path = write_xlsx(tmp_path / "cccd.xlsx", {"PL": rows}, {"PL": ["A2:A3", "B2:B3", "C2:E2"]})
    columns = readings(path, "quota")
    assert columns["Thường trú - Số người"]["evidence"].endswith(
        "bằng tổng các cột 'Không ngày tháng sinh' và 'Có ngày tháng sinh' (cột tổng)")
    part = columns["Thường trú - Có ngày tháng sinh"]
    assert part["role"] == "part" and not part["counted"]
    assert part["evidence"].endswith("thành phần của cột tổng 'Thường trú - Số người' nên không cộng thêm")


# The property, on tables composed in memory: whatever a header and a title say, every column that would
# be counted is counted at or above the bar, or not counted with a warning naming its file and column;
# every word an evidence quotes is in the header or the title.
CATALOG = load_catalog()
ROLE_WORDS = [None, "chỉ tiêu", "kết quả", "đã kích hoạt", "trong ngày", "dân số", "còn lại", "tỷ lệ"]
INDICATOR_WORDS = [None, "định danh điện tử", "CCCD", "VNeID", "điện thoại thông minh", "mức 2", "SIM"]
FILLERS = ["Số", "Tổng số", "Số lượng", "(lũy kế)", "năm 2024", "18/07"]


@st.composite
def tables(draw: st.DrawFn) -> tuple[Table, str]:
    count = draw(st.integers(1, 4))
    labels = []
    for _ in range(count):
        words = [draw(st.sampled_from(ROLE_WORDS)), draw(st.sampled_from(FILLERS)),
                 draw(st.sampled_from(INDICATOR_WORDS))]
        labels.append(" ".join(w for w in draw(st.permutations(words)) if w))
    title = " ".join(w for w in (draw(st.sampled_from(["BÁO CÁO", "KẾT QUẢ", "CHỈ TIÊU", ""])),
                                 draw(st.sampled_from(INDICATOR_WORDS))) if w)
    columns = [Column(i + 2, "CDEF"[i], label) for i, label in enumerate(dict.fromkeys(labels))]
    rows = [Row(3 + r, unit, {col.index: float(draw(st.integers(0, 500))) for col in columns})
            for r, unit in enumerate(HAMLETS)]
    table = Table("so.xlsx", "Trang 1", title, columns, rows, header_text=" ".join(c.label for c in columns))
    return table, draw(st.sampled_from(["quota", "result"]))


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_column_is_counted_below_the_bar_nor_left_out_without_a_warning(drawn: tuple[Table, str]) -> None:
    table, kind = drawn
    records, findings = table_records(table, CATALOG, kind, None)
    mapped = column_mappings(table, CATALOG, kind)[0]
    counted = set(records.loc[records["indicator"].notna() & records["role"].isin(COUNTED_ROLES), "column"])
    unconfirmed = {(f.file, f.sheet, f.column) for f in findings if f.code == "column-unconfirmed"}
    said = fold(f"{table.title} {table.header_text}")
    # two columns read as one figure: one kept when they agree, neither when they differ (record_checks)
    doubled = {letter for f in findings if f.code in ("column-repeated", "column-duplicate")
               for letter in f.column.split(", ") if f.code == "column-duplicate" or letter != f.params["kept"]}
    for col, mapping in mapped:
        would_count = mapping.indicator is not None and mapping.role in COUNTED_ROLES
        assert (col.letter in counted) == (would_count and mapping.confidence >= SURE and col.letter not in doubled)
        assert ((table.file, table.sheet, col.letter) in unconfirmed) == (would_count and mapping.confidence < SURE)
        assert mapping.evidence, col.label
        for reason in mapping.evidence:
            for word in str(reason.params.get("words", "")).split("'")[1::2]:
                assert fold(word) in said, (word, col.label, table.title)
