"""chitieu: track Đề án 06 campaign quotas from the workbooks officers already have.

The way through: ``read_records`` (files → tidy records) → ``summarise_progress``
(records × campaign → summary); ``summarise_files`` does both.
"""

from chitieu.findings import ChitieuError, Finding, findings_frame
from chitieu.mapping.catalog import load_catalog
from chitieu.mapping.records import read_records
from chitieu.reading.sheets import read_sheets
from chitieu.report.build import build_report
from chitieu.report.write import write_report
from chitieu.summary.campaign import Campaign, make_campaign
from chitieu.summary.files import summarise_files
from chitieu.summary.table import Summary, summarise_progress

__all__ = ["Campaign", "ChitieuError", "Finding", "Summary", "findings_frame", "load_catalog", "make_campaign",
           "read_records", "read_sheets", "summarise_files", "summarise_progress", "build_report",
           "write_report"]
