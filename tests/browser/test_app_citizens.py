"""An officer uploads a citizen list in the app, downloads a worklist for two hamlets, and afterwards
no name and no ID number of the list is anywhere the server writes: not under inputs/ or outputs/,
not in the system temp folder, not in the server's log."""

from __future__ import annotations

import io
import os
import random
import secrets
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import xlsxwriter
from playwright.sync_api import expect, sync_playwright

from .appdriver import ROOT, app_page, launch_chromium, running_app, upload

HAMLETS = ["Ấp 1", "Ấp 2", "Ấp 3", "Ấp Đồng Tân"]
SYLLABLES = ["Khải", "Quỳnh", "Thục", "Duẩn", "Nghiêm", "Triệu", "Vỹ", "Khuê", "Phụng", "Toản", "Diệp", "Kiều"]
STATUSES = ["Đã kích hoạt mức 2", "Đã kích hoạt mức 1", "Chưa kích hoạt", "Chưa đăng ký"]


def citizen_list(path: Path, rows: int = 400) -> tuple[Path, list[list[str]]]:
    """A list of made-up people whose names and 12-digit IDs are new on each run (so that no other
    file on the machine holds them by chance)."""
    rng = random.Random(secrets.randbits(64))
    people = [[(f"{rng.choice(['Nguyễn', 'Trần', 'Lê'])} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)} "
                f"{rng.choice(SYLLABLES)}{i}"), str(rng.randrange(10**11, 10**12)),
               f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2010)}",
               f"Tổ {rng.randint(1, 4)}, số {rng.randint(1, 150)}", rng.choice(HAMLETS), rng.choice(STATUSES)]
              for i in range(rows)]
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Danh sách")
    sheet.write_row(0, 0, ["DANH SÁCH CÔNG DÂN - XÃ MINH THẮNG (tính đến ngày 31/05/2024)"])
    sheet.write_row(2, 0, ["STT", "Họ và tên", "Số định danh", "Ngày sinh", "Địa chỉ", "Ấp", "Trạng thái"])
    for r, person in enumerate(people, start=3):
        sheet.write_row(r, 0, [r - 2, *person])
    book.close()
    return path, people


def readable_bytes(path: Path) -> Iterator[bytes]:
    """A file's bytes, and those of each member when it is a zip (an xlsx)."""
    try:
        data = path.read_bytes()
    except OSError:
        return
    yield data
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                for member in book.namelist():
                    yield book.read(member)
        except (zipfile.BadZipFile, OSError, EOFError):
            return


def files_holding(folders: list[Path], secrets_: list[str], since: float, skip: Path) -> list[str]:
    """Files in ``folders`` changed since ``since`` (outside ``skip``) that hold one of ``secrets_``."""
    wanted = [s.encode("utf-8") for s in secrets_] + [s.encode("utf-16-le") for s in secrets_]
    found = []
    for folder in folders:
        for path in (Path(top) / name for top, _, names in os.walk(folder) for name in names):
            try:
                if not path.is_file() or path.is_relative_to(skip) or path.stat().st_mtime < since:
                    continue
            except OSError:
                continue
            if any(secret in data for data in readable_bytes(path) for secret in wanted):
                found.append(str(path))
    return found


def test_a_citizen_list_leaves_no_name_or_id_behind(tmp_path: Path) -> None:
    started = time.time() - 1
    mine = tmp_path / "officer"
    mine.mkdir()
    listed, people = citizen_list(mine / "DS công dân 31.5.2024.xlsx")
    uploads, log = tmp_path / "server" / "uploads", tmp_path / "server" / "voila.log"
    log.parent.mkdir()
    env = {"CHITIEU_UPLOADS": str(uploads), "CHITIEU_PROFILE": str(tmp_path / "server" / "profile.yaml")}
    with running_app(env=env, log_path=log) as (url, _process), sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            with app_page(browser, url, []) as page:
                expect(page.locator(".ct-privacy")).to_contain_text("không được lưu")  # said before uploading
                upload(page, "Sổ kết quả", [listed])
                expect(page.get_by_text("chỉ lưu số đếm", exact=False)).to_be_visible(timeout=120_000)
                expect(page.get_by_text("Đã đọc 'DS công dân 31.5.2024 (số đếm).csv' (", exact=False)).to_be_visible()
                page.locator(".ct-worklist-hamlets select").select_option(["Ấp 1", "Ấp Đồng Tân"])
                page.get_by_placeholder("ví dụ 2005-2009", exact=False).fill("1980-2010")
                page.get_by_role("button", name="Lập danh sách cần vận động").click()
                with page.expect_download(timeout=60_000) as download:
                    page.locator("a.ct-worklist-download").click(timeout=60_000)
                worklist = mine / download.value.suggested_filename
                download.value.save_as(worklist)
        finally:
            browser.close()
    book = openpyxl.load_workbook(worklist)
    assert book.sheetnames == ["Tổng hợp", "Ấp 1", "Ấp Đồng Tân"]
    for hamlet in ("Ấp 1", "Ấp Đồng Tân"):
        expected = sum(p[4] == hamlet and not p[5].startswith("Đã kích hoạt") and 1980 <= int(p[2][-4:]) <= 2010
                       for p in people)
        names = [row[1] for row in book[hamlet].iter_rows(min_row=6, values_only=True) if isinstance(row[0], int)]
        assert len(names) == expected > 0
    secrets_ = [p[0] for p in people] + [p[1] for p in people]
    folders = [ROOT / "inputs", ROOT / "outputs", uploads, Path(tempfile.gettempdir())]
    assert any(uploads.rglob("*(số đếm).csv"))
    assert files_holding([mine], secrets_, 0, skip=tmp_path / "nothing")  # the scan sees into an xlsx
    assert files_holding(folders, secrets_, started, skip=mine) == []
    assert log.stat().st_size > 0 and files_holding([log.parent], secrets_, 0, skip=mine) == []
