"""chitieu: track Đề án 06 campaign quotas from the workbooks officers already have.

The way through: ``read_records`` (files → tidy records) → ``summarise_progress``
(records × campaign → summary); ``summarise_files`` does both.
"""

from .campaign import Campaign, make_campaign
from .catalog import load_catalog
from .checks import ChitieuError, Finding, findings_frame
from .progress import Summary, summarise_files, summarise_progress
from .read import read_sheets
from .records import read_records
from .report import build_report, write_report

__all__ = ["Campaign", "ChitieuError", "Finding", "Summary", "findings_frame", "load_catalog", "make_campaign",
           "read_records", "read_sheets", "summarise_files", "summarise_progress", "build_report",
           "write_report"]
