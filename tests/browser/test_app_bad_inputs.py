"""Corpus files uploaded in the app, one after the other in one page: each shows its Vietnamese
message, and the app still reads the next upload."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from corpus import CASES  # tests/ is on the path: tests/browser is a package

from .appdriver import SAMPLES, upload

# file → what the page must say of it
SAID = {
    "rong.xlsx": "Tệp rỗng (0 byte)",
    "ngau_nhien.xlsx": "Không đọc được tệp",
    "zip_cat_ngang.xlsx": "Không đọc được tệp",
    "dat_mat_khau.xlsx": "Tệp được đặt mật khẩu",
    "zip_khong_phai_so.xlsx": "Không đọc được tệp",
    "bom_giai_nen.xlsx": "bom giải nén",
    "bom_nhieu_phan.xlsx": "bom giải nén",
    "bom_thuc_the_xml.xlsx": "Không đọc được tệp",
    "o_lac_dong_cuoi.xlsx": "vượt giới hạn 1.000.000 ô",
    "ngau_nhien.csv": "Không đọc được tệp",
    "o_qua_dai.csv": "Không đọc được tệp",
}


def test_each_bad_upload_is_told_and_the_app_keeps_working(page: Page, tmp_path: Path) -> None:
    cases = {case.name: case for case in CASES}
    for name, said in SAID.items():
        upload(page, "Sổ chỉ tiêu", [cases[name].path(tmp_path)])
        message = page.locator(".ct-error")
        expect(message).to_contain_text(said, timeout=30_000)
        expect(message).to_contain_text(f"tệp '{name}'")
        expect(page.locator(".ct-table tbody tr").first).to_be_visible()  # the last good summary stays
    upload(page, "Sổ chỉ tiêu", [SAMPLES / "chi_tieu_4_phu.xlsx"])
    expect(page.locator(".ct-error")).to_have_count(0, timeout=30_000)
    expect(page.locator(".ct-table tbody tr")).to_have_count(40)
