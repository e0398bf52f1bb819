"""An officer's workspace: the workbooks in use, the campaign and report fields typed, the filters
chosen. It is kept on the server (``inputs/uploads/workspace.json``, git-ignored with the uploads) so
that a reload or a new tab opens where the officer left off; "Bắt đầu lại" clears it.

Functions of data and one JSON file, no widgets: the page (``main.ChitieuApp``) holds one
``Workspace`` and replaces it whole when an upload, a removal or a recalculation succeeds, so a failed
upload leaves the previous one untouched.

>>> ws = Workspace().with_files([Path("a.xlsx")], "quota", lambda p: WorkspaceFile(p, "quota", "x", 1, "2024"))[0]
>>> [f.path.name for f in ws.files], ws.has_own("quota")
(['a.xlsx'], True)
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from chitieu.app.reads import FileRead
from chitieu.findings import ChitieuError, fail
from chitieu.mapping.record_checks import nothing_counted
from chitieu.reading.sheets import file_sha256
from chitieu.values import parse_date

WORKSPACE_NAME = "workspace.json"
KINDS = ("quota", "result")
CAMPAIGN_FIELDS = ("start", "end", "as_of", "days", "unit_name", "place", "schedule")
DEADLINE_PREFIX = "deadline:"  # an indicator's own deadline, as typed: "deadline:cccd" → "20/06/2023"
DATE_FIELDS = {"start": "Bắt đầu", "end": "Kết thúc", "as_of": "Tính đến"}  # key → the field's label


@dataclass(frozen=True)
class WorkspaceFile:
    """A workbook in use: where it is kept, what it is read as, and what the officer is told of it."""

    path: Path
    kind: str  # "quota" or "result"
    sha256: str
    size: int
    read_at: str  # ISO date and time it was added
    rows: int | None = None


@dataclass(frozen=True)
class Workspace:
    """The officer's own files (none: the opening files, e.g. the samples), the campaign and heading
    fields as typed ("" where the workbooks' own value is used) and the filters' picks."""

    files: tuple[WorkspaceFile, ...] = ()
    campaign: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list] = field(default_factory=dict)

    def own(self, kind: str) -> list[WorkspaceFile]:
        return [f for f in self.files if f.kind == kind]

    def has_own(self, kind: str | None = None) -> bool:
        """Whether the officer gave files of ``kind`` (of any kind when None)."""
        return any(kind is None or f.kind == kind for f in self.files)

    def with_files(self, paths: list[Path], kind: str, describe: Callable[[Path], WorkspaceFile]
                   ) -> tuple[Workspace, list[Path]]:
        """This workspace with the files added as ``kind`` (after those already there), and the paths
        left out because the same bytes are in use as that kind already (used once)."""
        known = {f.sha256 for f in self.own(kind)}
        added, repeated = [], []
        for path in paths:
            entry = describe(path)
            if entry.sha256 in known:
                repeated.append(path)
                continue
            known.add(entry.sha256)
            added.append(entry)
        return replace(self, files=self.files + tuple(added)), repeated

    def without(self, path: Path, kind: str) -> Workspace:
        """This workspace without the file ``path`` read as ``kind``."""
        return replace(self, files=tuple(f for f in self.files if (f.path, f.kind) != (path, kind)))

    def with_rows(self, rows: dict[tuple[Path, str], int]) -> Workspace:
        """Each file with the number of rows its reading gave (when known)."""
        return replace(self, files=tuple(replace(f, rows=rows.get((f.path, f.kind), f.rows)) for f in self.files))

    def with_campaign(self, typed: dict[str, str]) -> Workspace:
        return replace(self, campaign={k: v for k, v in typed.items() if is_campaign_field(k) and v})

    def with_filters(self, picks: dict[str, tuple]) -> Workspace:
        return replace(self, filters={k: list(v) for k, v in picks.items() if v})


def describe_file(path: Path, kind: str, now: datetime | None = None) -> WorkspaceFile:
    """A workbook as the workspace lists it, added now."""
    return WorkspaceFile(path, kind, file_sha256(path), path.stat().st_size,
                         (now or datetime.now()).isoformat(timespec="seconds"))


def is_campaign_field(key: str) -> bool:
    """Whether a workspace keeps ``key`` among the campaign fields: a known field, or an indicator's deadline."""
    return key in CAMPAIGN_FIELDS or key.startswith(DEADLINE_PREFIX)


def typed_campaign(campaign: dict[str, str], labels: dict[str, str]) -> dict[str, object]:
    """The campaign fields typed as ``summarise_loaded``'s keywords: dates, days and each indicator's own
    deadline (``labels``: indicator code → label, to name a deadline that is no date)."""
    return {**typed_dates(campaign), "days": typed_days(campaign), "deadlines": typed_deadlines(campaign, labels)}


def typed_dates(campaign: dict[str, str]) -> dict[str, date | None]:
    """The campaign dates typed (dd/mm/yyyy) as ``summarise_loaded``'s keywords; None where the
    workbooks' own date is used. A text that is no date is an error naming its field."""
    dates = {}
    for key, label in DATE_FIELDS.items():
        text = campaign.get(key, "").strip()
        dates[key] = parse_date(text) if text else None
        if text and dates[key] is None:
            raise fail("date-invalid", field=label, value=text)
    return dates


def typed_deadlines(campaign: dict[str, str], labels: dict[str, str]) -> dict[str, tuple[None, date]]:
    """Each indicator's own deadline typed (``deadline:<code>``: dd/mm/yyyy) as ``summarise_loaded``'s
    ``deadlines``; a text that is no date is an error naming the indicator (``labels``: code → label)."""
    deadlines = {}
    for key, text in campaign.items():
        if key.startswith(DEADLINE_PREFIX) and text.strip():
            code = key.removeprefix(DEADLINE_PREFIX)
            if (day := parse_date(text.strip())) is None:
                raise fail("date-invalid", field=f"Hạn của '{labels.get(code, code)}'", value=text.strip())
            deadlines[code] = (None, day)
    return deadlines


def typed_days(campaign: dict[str, str]) -> int | None:
    """The campaign's number of days typed; None to count them from the dates."""
    days = campaign.get("days", "")
    return int(days) if days.isdigit() and int(days) > 0 else None


def refuse_uncounted(reads: list[FileRead], new: list[Path]) -> None:
    """Fail on the first newly uploaded workbook with no table to count from (notes only, a list the
    reader does not recognise): such a file is never added, so it cannot wipe out the figures in use. A
    table whose columns were not recognised is kept: the officer maps them in the review."""
    for read in reads:
        if read.path in new and not read.loaded.tables and (
                nothing := nothing_counted(read.loaded.records, read.path.name)):
            raise ChitieuError(nothing[0])


def files_in_use(workspace: Workspace, opening: tuple[list[Path], list[Path]]) -> tuple[list[Path], list[Path]]:
    """The quota and result workbooks the page reads: the officer's own quota workbooks, else the opening
    ones; the officer's own result workbooks once they gave any file, else the opening ones (an officer's
    results are never mixed with the samples' results)."""
    quota = [f.path for f in workspace.own("quota")] or list(opening[0])
    results = [f.path for f in workspace.own("result")] if workspace.has_own() else list(opening[1])
    return quota, results


def workspace_path(upload_dir: Path) -> Path:
    """Where the workspace of an uploads folder is kept."""
    return upload_dir / WORKSPACE_NAME


def save_workspace(workspace: Workspace, path: Path) -> None:
    """Write the workspace whole (a temporary file renamed over the old one: a reader never sees half)."""
    data = asdict(workspace)
    data["files"] = [{**f, "path": str(f["path"])} for f in data["files"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)


def load_workspace(path: Path) -> Workspace:
    """The workspace saved at ``path``; an empty one when there is none or it cannot be read, and
    without the files that are no longer on the server."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = tuple(WorkspaceFile(**{**f, "path": Path(f["path"])}) for f in data.get("files", ()))
        return Workspace(tuple(f for f in files if f.path.is_file() and f.kind in KINDS),
                         {k: str(v) for k, v in data.get("campaign", {}).items() if is_campaign_field(k)},
                         {k: list(v) for k, v in data.get("filters", {}).items()})
    except (OSError, ValueError, TypeError, AttributeError):
        return Workspace()


def clear_workspace(path: Path) -> None:
    """Forget the workspace (the uploaded files themselves stay where they are kept)."""
    path.unlink(missing_ok=True)


def stamp(path: Path) -> int | None:
    """When the workspace was last saved (None: never), to notice another tab's change."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
