"""Section 5 of the page: the report of the rows the filters keep, written under outputs/ and offered
for download."""

from __future__ import annotations

from pathlib import Path

from chitieu.app.views import download_link_html, error_html
from chitieu.findings import ChitieuError
from chitieu.report.write import write_report
from chitieu.summary.table import Summary


def export_report(summary: Summary | None, folder: Path, unit_name: str, place: str,
                  selection: dict[str, tuple]) -> tuple[Path | None, str]:
    """The report of ``summary``'s rows that ``selection`` keeps (None: no rows to report), written in
    ``folder``, and what the page shows: the download link, or why there is none."""
    if summary is None:
        return None, error_html("Không có dòng nào để xuất báo cáo; hãy nới bộ lọc.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        name = f"Báo cáo tiến độ {summary.campaign.as_of:%d-%m-%Y}.xlsx"
        path = write_report(summary, folder / name, unit_name=unit_name, place=place, **selection)
    except ChitieuError as error:  # a full disk
        return None, error_html(f"Lỗi: {error}")
    except Exception as error:  # the officer sees a Vietnamese message, never a traceback
        return None, error_html(f"Không xuất được báo cáo ({type(error).__name__}).")
    return path, download_link_html(path)
