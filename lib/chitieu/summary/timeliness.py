"""Reporting as a duty with a deadline: the schedule (daily by HH:MM, or weekly on a weekday by HH:MM),
each unit's report per due date judged on time, late (by how long) or missing, and the units whose latest
report is older than one period ("báo cáo cũ"), which are not ranked on their stale figures."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pandas as pd

from chitieu.findings import Finding, fail, finding
from chitieu.summary.selection import lowest_rows
from chitieu.summary.table import Summary, _ranks
from chitieu.text import fold

ON_TIME, LATE, MISSING = "đúng hạn", "muộn", "thiếu"
STALE = "báo cáo cũ"
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
# folded weekday words: "thứ 5", "T5", "thu5", "thứ năm", "chủ nhật", "CN" (Monday = 0)
WEEKDAY_WORDS = {"hai": 0, "ba": 1, "tu": 2, "bon": 2, "nam": 3, "sau": 4, "bay": 5}
NUMBERED_DAY = re.compile(r"\b(?:thu|t)\s*([2-7])\b")
NAMED_DAY = re.compile(r"\bthu\s+(" + "|".join(WEEKDAY_WORDS) + r")\b")
SUNDAY = re.compile(r"\b(?:chu\s*nhat|cn)\b")
CLOCK = re.compile(r"\b(\d{1,2})\s*(?:h|g|gio)?\s*(\d{1,2})?\s*(?:phut|p)?\b")
END_OF_DAY = time(23, 59)
REPORTING_COLUMNS = ["place", "label", "due", "as_of", "received", "status", "late_by", "late_text"]


@dataclass(frozen=True)
class Schedule:
    """Reports are due every day (``weekday`` None) or each week on ``weekday`` (Monday = 0), by ``at``.

    >>> parse_schedule("thứ 5 9 giờ 00 phút").text()
    'Thứ Năm hằng tuần, trước 09:00'
    """

    weekday: int | None
    at: time

    @property
    def period(self) -> timedelta:
        return timedelta(days=1 if self.weekday is None else 7)

    def text(self) -> str:
        day = "Hằng ngày" if self.weekday is None else f"{WEEKDAY_NAMES[self.weekday]} hằng tuần"
        return f"{day}, trước {self.at:%H:%M}"

    def deadlines(self, start: date, last: date) -> list[datetime]:
        """Each due time whose day is from ``start`` to ``last``, both included."""
        days = (start + timedelta(days=n) for n in range((last - start).days + 1))
        return [datetime.combine(d, self.at) for d in days if self.weekday in (None, d.weekday())]


def parse_schedule(text: str) -> Schedule:
    """A schedule from an officer's words, read by tokens: a weekday ("thứ 5", "thứ năm", "T5", "chủ nhật")
    makes it weekly, else daily ("hằng ngày"); the time "09:00", "9h30", "9 giờ 00 phút" (none, or "cuối
    ngày": 23:59).

    >>> parse_schedule("thu5 09:00"), parse_schedule("hằng ngày 17:00").text()
    (Schedule(weekday=3, at=datetime.time(9, 0)), 'Hằng ngày, trước 17:00')
    """
    folded = fold(text)
    weekday, rest = _weekday(folded)
    if weekday is None and re.search(r"\btuan\b", rest):  # weekly, but on which day?
        raise fail("schedule-invalid", value=text)
    clock = CLOCK.search(rest)
    if clock is None:
        return Schedule(weekday, END_OF_DAY)
    hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
    if hour > 23 or minute > 59 or re.search(r"\d", rest[clock.end():]):
        raise fail("schedule-invalid", value=text)
    return Schedule(weekday, time(hour, minute))


def _weekday(folded: str) -> tuple[int | None, str]:
    """The weekday the folded text names (None: none) and the text without it."""
    for pattern, day in ((NUMBERED_DAY, lambda m: int(m.group(1)) - 2), (NAMED_DAY, lambda m: WEEKDAY_WORDS[m.group(1)]),
                         (SUNDAY, lambda m: 6)):
        found = pattern.search(folded)
        if found:
            return day(found), folded[:found.start()] + " " + folded[found.end():]
    return None, folded


def duration_text(span: timedelta) -> str:
    """A delay as Vietnamese say it, to the minute.

    >>> duration_text(timedelta(hours=1, minutes=30)), duration_text(timedelta(days=2, minutes=5))
    ('1 giờ 30 phút', '2 ngày 5 phút')
    """
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{n} {word}" for n, word in ((days, "ngày"), (hours, "giờ"), (minutes, "phút")) if n]
    return " ".join(parts) or "0 phút"


def received_times(sources: pd.DataFrame, given: Mapping[str, datetime] | None = None) -> dict[str, datetime]:
    """When each input file was received: the time ``given`` for its name (the app's upload time, the
    command line's option), else the file's own modification time. Quota workbooks too: one may hold the
    results beside the quotas."""
    given = given or {}
    files = sources[["file", "path"]].drop_duplicates("file")
    return {name: given.get(name) or datetime.fromtimestamp(Path(path).stat().st_mtime).replace(microsecond=0)
            for name, path in zip(files["file"], files["path"])}


@dataclass
class Reporting:
    """Per unit × due date how the unit reported (``REPORTING_COLUMNS``), and the stale units' last dates."""

    schedule: Schedule
    table: pd.DataFrame
    stale: dict[str, date | None]  # place → the date of its latest report (None: never reported)
    findings: list[Finding] = dataclasses.field(default_factory=list)


def judge_reporting(summary: Summary, schedule: Schedule, received: Mapping[str, datetime]) -> Reporting:
    """Each reporting unit (the summary's lowest units) against each due time of ``schedule`` from the
    campaign's start to its as-of date: the report answering a due time is the one as of a day after
    the previous due day and up to its own; on time if received by then, else late by how long; missing
    if none. A unit whose latest report is older than one period before the as-of date is stale."""
    campaign = summary.campaign
    units = lowest_rows(summary.table).drop_duplicates("place")[["place", "label"]]
    dues = pd.DataFrame({"due": schedule.deadlines(campaign.start, campaign.as_of)})
    reports = _reports(summary.history, received, campaign.as_of)
    if not dues.empty and not reports.empty:
        dues["day"] = pd.to_datetime(dues["due"].dt.date)
        answered = pd.merge_asof(reports.sort_values("day"), dues.sort_values("day"), on="day", direction="forward")
        answered = answered.dropna(subset=["due"]).sort_values("received").drop_duplicates(["place", "due"])
    else:
        answered = pd.DataFrame(columns=["place", "due", "as_of", "received"])
    table = units.merge(dues[["due"]], how="cross").merge(answered[["place", "due", "as_of", "received"]],
                                                           on=["place", "due"], how="left")
    late = table["received"] - table["due"]
    table["status"] = [MISSING if pd.isna(r) else LATE if d > timedelta(0) else ON_TIME
                       for r, d in zip(table["received"], late)]
    table["late_by"] = late.where(table["status"] == LATE)
    table["late_text"] = [duration_text(d) if s == LATE else None for s, d in zip(table["status"], table["late_by"])]
    stale = _stale_units(units, reports, campaign.as_of, schedule)
    findings = [finding("report-stale", unit=label, schedule=schedule.text(), date=f"{stale[place]:%d/%m/%Y}")
                for place, label in zip(units["place"], units["label"]) if stale.get(place)]
    return Reporting(schedule, table[REPORTING_COLUMNS], stale, findings)


def _reports(history: pd.DataFrame, received: Mapping[str, datetime], as_of: date) -> pd.DataFrame:
    """Each unit's report per as-of date (up to ``as_of``), received when its earliest file was."""
    mine = history[history["as_of"] <= as_of]
    rows = mine[["place", "as_of", "file"]].drop_duplicates().assign(received=mine["file"].map(received))
    rows = rows.dropna(subset=["received"]).groupby(["place", "as_of"], as_index=False)["received"].min()
    rows["received"] = pd.to_datetime(rows["received"])
    return rows.assign(day=pd.to_datetime(rows["as_of"]))


def _stale_units(units: pd.DataFrame, reports: pd.DataFrame, as_of: date, schedule: Schedule) -> dict[str, date | None]:
    """The units whose latest report is older than one period before ``as_of`` (or who never reported)."""
    latest = reports.groupby("place")["as_of"].max().to_dict() if not reports.empty else {}
    oldest_fresh = as_of - schedule.period
    return {place: latest.get(place) for place in units["place"]
            if latest.get(place) is None or latest[place] < oldest_fresh}


def stale_unranked(summary: Summary, reporting: Reporting) -> Summary:
    """The summary with the stale units' rows not ranked (their ``check`` says why, siblings ranked again
    without them) and a warning naming each stale unit that has reported before and its last date."""
    table = summary.table.copy()
    stale = table["place"].isin([p for p, day in reporting.stale.items() if day is not None]) & table["check"].isna()
    days = table.loc[stale, "place"].map(reporting.stale)
    table.loc[stale, "check"] = [f"{STALE} (số liệu đến {day:%d/%m/%Y})" for day in days]
    table["rank"] = _ranks(table)
    return dataclasses.replace(summary, table=table, findings=summary.findings + reporting.findings)


def judged(summary: Summary, schedule: Schedule, received: Mapping[str, datetime] | None = None
           ) -> tuple[Summary, Reporting]:
    """The summary with its stale units not ranked, and how each unit reported against ``schedule``
    (``judge_reporting``; a result file received at its time in ``received``, else at its file's own)."""
    reporting = judge_reporting(summary, schedule, received_times(summary.sources, received))
    return stale_unranked(summary, reporting), reporting
