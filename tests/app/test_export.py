"""The officer fills in the report's form in the app's "Báo cáo" section, downloads the workbook and finds
the fields in its heading and closing; the next session (or the command line) finds them in the profile."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from chitieu.app.main import ChitieuApp
from chitieu.report.form import BLANK
from report.sheets import below, report_texts

FILLED = {"superior": "Công an huyện Châu Thành", "number": "15/BC-CAX", "signer_title": "Trưởng Công an xã",
          "signer_name": "Nguyễn Văn An", "preparer": "Trần Thị Bình"}
RECIPIENTS = "Công an huyện (để báo cáo)\n\n- Đảng ủy, UBND xã;"


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    return {"upload_dir": tmp_path / "uploads", "output_dir": tmp_path / "out", "profile": tmp_path / "ho_so.yaml"}


def test_the_form_filled_in_the_app_heads_and_closes_the_download_and_is_kept(folders):
    app = ChitieuApp(**folders)
    fields = app.report_fields
    assert [fields.texts[key].value for key in FILLED] == [""] * len(FILLED)  # nothing kept yet
    app.campaign.unit_name.value, app.campaign.place.value = "Công an xã Minh Thắng", "Minh Thắng"
    for key, value in FILLED.items():
        fields.texts[key].value = value
    fields.recipients.value = RECIPIENTS
    found = report_texts(app.export())
    assert (found["A1"], found["A2"], found["A3"]) == ("CÔNG AN HUYỆN CHÂU THÀNH", "CÔNG AN XÃ MINH THẮNG", "Số: 15/BC-CAX")
    assert found["I3"] == "Minh Thắng, ngày 31 tháng 5 năm 2024"
    assert [below(found, "Nơi nhận:", n) for n in (1, 2, 3)] == [
        "- Công an huyện (để báo cáo);", "- Đảng ủy, UBND xã;", "- Lưu: VT."]
    assert below(found, "TRƯỞNG CÔNG AN XÃ", 1) == "(Ký tên, đóng dấu)"
    assert below(found, "TRƯỞNG CÔNG AN XÃ", 6) == "Nguyễn Văn An"
    assert below(found, "NGƯỜI LẬP BIỂU", 6) == "Trần Thị Bình"
    kept = yaml.safe_load(folders["profile"].read_text(encoding="utf-8"))["report"]
    assert kept["signer_name"] == "Nguyễn Văn An" and kept["place"] == "Minh Thắng"

    again = ChitieuApp(**folders).report_fields  # the next session: prefilled from the profile
    assert {key: again.texts[key].value for key in FILLED} == FILLED
    assert again.recipients.value.splitlines() == ["Công an huyện (để báo cáo)", "- Đảng ủy, UBND xã;"]


def test_a_field_emptied_prints_a_line_to_fill_by_hand_and_the_order_is_kept(folders):
    app = ChitieuApp(**folders)
    app.report_fields.texts["signer_title"].value = "Trưởng Công an xã"
    app.report_fields.texts["signer_name"].value = "Nguyễn Văn An"
    app.report_fields.texts["signer_name"].value = ""
    app.report_fields.order.value = "lag"
    found = report_texts(app.export())
    assert below(found, "TRƯỞNG CÔNG AN XÃ", 6) == BLANK and below(found, "NGƯỜI LẬP BIỂU", 6) == BLANK
    assert yaml.safe_load(folders["profile"].read_text(encoding="utf-8"))["report"]["sort"] == "lag"
    assert ChitieuApp(**folders).report_fields.order.value == "lag"
