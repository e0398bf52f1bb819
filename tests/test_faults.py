"""Faults while saving: a killed writer, a full disk, two sessions in the same second.
Whatever happens, the folder holds finished files only, and the officer reads why."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from chitieu.app.uploads import saved_upload
from chitieu.findings import ChitieuError
from chitieu.mapping.profiles import save_profile
from chitieu.report import write as report
from chitieu.report import xlsx as report_xlsx
from chitieu.report.write import write_report
from chitieu.summary.files import summarise_files
from conftest import INPUTS, ROOT

NOW = datetime(2024, 6, 1, 8, 30)
SOC_TRANG = INPUTS / "soc_trang"


@pytest.fixture(scope="module")
def summary():
    return summarise_files([SOC_TRANG / "chi_tieu_dddt.xlsx"], sorted(SOC_TRANG.glob("ket_qua_*.xlsx")), days=33)


def files_in(folder: Path) -> list[str]:
    """Every file under ``folder``, hidden ones included, relative to it."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 64 KiB disk (tmpfs), where the system allows mounting one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "--lazy", str(mount)], check=True)  # a failed writer may still hold a file open


KILLED_WRITER = """
import sys, time
from chitieu.report import xlsx as report_xlsx
from chitieu.summary.files import summarise_files
from chitieu.report.write import write_report
from pathlib import Path
real = report_xlsx.write_sheet
def slow(workbook, formats, report, sheet):
    real(workbook, formats, report, sheet)
    print("writing", flush=True)
    time.sleep(60)
report_xlsx.write_sheet = slow
folder = Path("{soc_trang}")
summary = summarise_files([folder / "chi_tieu_dddt.xlsx"], sorted(folder.glob("ket_qua_*.xlsx")), days=33)
write_report(summary, Path(sys.argv[1]) / "bao_cao.xlsx")
"""


def test_a_report_write_killed_midway_leaves_no_file_and_the_next_write_sweeps_its_leftover(summary, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "lib")}
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER.format(soc_trang=SOC_TRANG), str(tmp_path)],
                              stdout=subprocess.PIPE, text=True, env=env)
    assert writer.stdout.readline().strip() == "writing"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == []  # nothing an officer would open
    written = write_report(summary, tmp_path / "bao_cao.xlsx", now=NOW)
    assert files_in(tmp_path) == ["bao_cao.xlsx"]  # the killed writer's partial file is gone too
    assert openpyxl.load_workbook(written).sheetnames


def test_an_error_inside_the_writer_leaves_no_file(summary, tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("writer bug")

    monkeypatch.setattr(report_xlsx, "write_sheet", broken)
    with pytest.raises(RuntimeError):
        write_report(summary, tmp_path / "bao_cao.xlsx", now=NOW)
    assert files_in(tmp_path) == []


def test_a_full_disk_while_writing_a_report_is_a_vietnamese_message_and_no_file(summary, tiny_disk):
    disk = os.statvfs(tiny_disk)
    (tiny_disk / "other.bin").write_bytes(b"\0" * (disk.f_bavail * disk.f_frsize - 8192))  # 8 KiB left
    with pytest.raises(ChitieuError) as raised:
        write_report(summary, tiny_disk / "bao_cao.xlsx", now=NOW)
    assert raised.value.finding.code == "disk-full"
    assert "Không đủ chỗ trống trên đĩa để lưu 'bao_cao.xlsx'" in str(raised.value)
    assert files_in(tiny_disk) == ["other.bin"]


def test_a_full_disk_while_saving_an_upload_is_a_message_and_no_half_file(tiny_disk):
    content = os.urandom(200 * 1024)  # more than the disk holds
    with pytest.raises(ChitieuError) as raised:
        saved_upload("KQ 15.5.2024.xlsx", content, tiny_disk / "uploads")
    assert raised.value.finding.code == "disk-full" and "KQ 15.5.2024.xlsx" in str(raised.value)
    assert files_in(tiny_disk) == []
    small = b"PK" + os.urandom(1000)  # once there is room, the next upload is saved as new
    path, seen = saved_upload("KQ 15.5.2024.xlsx", small, tiny_disk / "uploads")
    assert not seen and path.read_bytes() == small


def test_a_full_disk_while_saving_corrections_keeps_the_earlier_profile_whole(tiny_disk):
    profile = tiny_disk / "mapping_profile.yaml"
    save_profile(profile, {}, {"Ấp Bàu Sem": "Ấp Bàu Sen"})
    before = profile.read_bytes()
    many = {f"Ấp {i} cũ {'x' * 40}": f"Ấp {i}" for i in range(2000)}  # ~150 KB of aliases: more than the disk holds
    with pytest.raises(ChitieuError) as raised:
        save_profile(profile, {}, many)
    assert raised.value.finding.code == "disk-full" and "mapping_profile.yaml" in str(raised.value)
    assert profile.read_bytes() == before and files_in(tiny_disk) == ["mapping_profile.yaml"]


def test_an_injected_disk_full_error_while_saving_an_upload_leaves_no_half_file(tmp_path, monkeypatch):
    def half_then_full(self: Path, data: bytes) -> int:
        with open(self, "wb") as handle:
            handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", half_then_full)
    with pytest.raises(ChitieuError, match="Không đủ chỗ trống trên đĩa"):
        saved_upload("chi_tieu.xlsx", b"x" * 1000, tmp_path)
    assert files_in(tmp_path) == []


def test_an_injected_disk_full_error_while_writing_a_report_is_a_message(summary, tmp_path, monkeypatch):
    def full(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(report_xlsx, "write_sheet", full)
    with pytest.raises(ChitieuError, match="Không đủ chỗ trống trên đĩa để lưu 'bao_cao.xlsx'"):
        write_report(summary, tmp_path / "bao_cao.xlsx", now=NOW)
    assert files_in(tmp_path) == []


def test_two_sessions_saving_the_same_report_in_the_same_second_get_two_files(summary, tmp_path, monkeypatch):
    both_chose_a_name = threading.Barrier(2)
    first_try = threading.local()
    real_save = report.save_workbook

    def save_after_both_chose(built, path):
        if not getattr(first_try, "done", False):
            first_try.done = True
            both_chose_a_name.wait(timeout=30)  # both sessions picked the same free name
        return real_save(built, path)

    monkeypatch.setattr(report, "save_workbook", save_after_both_chose)
    written: list[Path] = []
    sessions = [threading.Thread(target=lambda: written.append(write_report(summary, tmp_path / "bao_cao.xlsx",
                                                                            now=NOW))) for _ in range(2)]
    for session in sessions:
        session.start()
    for session in sessions:
        session.join(timeout=60)
    assert sorted(p.name for p in written) == ["bao_cao.xlsx", "bao_cao_20240601_083000.xlsx"]
    assert files_in(tmp_path) == sorted(p.name for p in written)
    assert all(openpyxl.load_workbook(p).sheetnames for p in written)
