"""The campaign: its period, the as-of date and the day counts the summary needs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from chitieu.findings import Finding, fail, finding
from chitieu.mapping.profiles import Deadlines
from chitieu.values import DayLabel


@dataclass(frozen=True)
class Campaign:
    """A campaign from ``start`` to ``end``, seen on ``as_of``.

    Both ends count as campaign days unless ``days`` sets the number (the Sóc
    Trăng plan divides by 33 for 18/7–18/8, which is 32 days both ends counted).

    >>> c = Campaign(date(2023, 7, 18), date(2023, 8, 18), date(2023, 7, 27))
    >>> c.days_total, c.days_elapsed, c.days_left
    (32, 10, 22)
    """

    start: date
    end: date
    as_of: date
    days: int | None = None
    # indicator → its own (start, end) where a plan gives one ("CCCD đến 20/6/2023"); the others run
    # the campaign's period
    periods: dict[str, tuple[date, date]] = field(default_factory=dict)

    @property
    def days_total(self) -> int:
        return self.days if self.days else (self.end - self.start).days + 1

    @property
    def days_elapsed(self) -> int:
        """Days from the start to the as-of date, both counted; 0 before the start."""
        if self.as_of >= self.end:
            return self.days_total
        return max(0, min((self.as_of - self.start).days + 1, self.days_total))

    @property
    def days_left(self) -> int:
        return self.days_total - self.days_elapsed

    def of(self, indicator: str) -> Campaign:
        """The period of one indicator, seen on the same as-of date: its own where one was given, else the
        campaign's (whose ``days`` count only for the campaign's own period).

        >>> c = Campaign(date(2023, 5, 25), date(2023, 6, 30), date(2023, 6, 10),
        ...              periods={"cccd": (date(2023, 5, 25), date(2023, 6, 20))})
        >>> c.of("cccd").days_total, c.of("dddt").days_total
        (27, 37)
        """
        start, end = self.periods.get(indicator, (self.start, self.end))
        same = (start, end) == (self.start, self.end)
        return replace(self, start=start, end=end, days=self.days if same else None, periods={})

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "as_of": self.as_of.isoformat(),
                "days_total": self.days_total, "days_elapsed": self.days_elapsed}

    def period_dict(self, indicator: str) -> dict[str, object]:
        """One indicator's period as the JSON contract gives it: start, end, days_total, days_elapsed,
        days_left, and whether it is the indicator's own."""
        own = self.of(indicator)
        return {"start": own.start.isoformat(), "end": own.end.isoformat(), "days_total": own.days_total,
                "days_elapsed": own.days_elapsed, "days_left": own.days_left, "own": indicator in self.periods}


def make_campaign(start: date | None, end: date | None, as_of: date | None = None, days: int | None = None,
                  *, found_period: tuple[date, date] | None = None,
                  result_dates: list[date] | None = None, deadlines: Deadlines | None = None) -> Campaign:
    """The campaign from what the user set, else what the workbooks say.

    The as-of date defaults to the newest result date, else today. An indicator's deadline without its
    own start runs from the campaign's start.
    """
    if found_period:
        start = start or found_period[0]
        end = end or found_period[1]
    if start is None or end is None:
        raise fail("campaign-dates-missing")
    if as_of is None:
        as_of = max(result_dates) if result_dates else date.today()
    periods = {code: (own or start, last) for code, (own, last) in (deadlines or {}).items()}
    return Campaign(start, end, as_of, days, {code: span for code, span in periods.items() if span[0] <= span[1]})


def result_dates(records: pd.DataFrame) -> list[date]:
    """The dates the result records are as of."""
    return sorted(d for d in records.loc[records["role"] == "result", "as_of"].unique() if isinstance(d, date))


def dated_campaign(records: pd.DataFrame, start: date | None, end: date | None, as_of: date | None = None,
                   days: int | None = None, *, found_period: tuple[date, date] | None = None,
                   files: list[str] = (), deadlines: Deadlines | None = None
                   ) -> tuple[Campaign, pd.DataFrame, list[Finding]]:
    """The campaign (``make_campaign``) with the records dated in it, and what is unsure of its as-of date.

    A day a daily table gave without its year ("18/07") takes the year that puts it in the campaign. The
    as-of date is the one given, else the newest result's, else today; a warning names each result file
    whose figures have no date, or the ``files`` read when today was taken for want of any.
    """
    if found_period:
        start, end = start or found_period[0], end or found_period[1]
    if start is None or end is None:
        raise fail("campaign-dates-missing")
    records = _dated_days(records, start, end)
    dates = result_dates(records)
    campaign = make_campaign(start, end, as_of, days, result_dates=dates, deadlines=deadlines)
    ignored = [finding("deadline-before-start", indicator=code, deadline=last.strftime("%d/%m/%Y"),
                       start=campaign.start.strftime("%d/%m/%Y"))
               for code, (_, last) in (deadlines or {}).items() if code not in campaign.periods]
    return campaign, records, ignored + ([] if as_of is not None else _as_of_unsure(records, campaign, files, dates))


def _as_of_unsure(records: pd.DataFrame, campaign: Campaign, files: list[str], dates: list[date]) -> list[Finding]:
    """A warning for each result file whose figures have no date (taken as of the newest of the result
    ``dates``, else today), or naming ``files`` when there is no result at all and today was taken."""
    shown = campaign.as_of.strftime("%d/%m/%Y")
    results = (records["role"] == "result") & records["indicator"].notna() & records["value"].notna()
    code = "as-of-missing" if dates else "as-of-missing-today"
    undated = dict.fromkeys(records.loc[results & records["as_of"].isna(), "file"])
    found = [finding(code, file=file, as_of=shown) for file in undated]
    if not results.any():
        found.append(finding("as-of-today", files=", ".join(f"'{f}'" for f in files), as_of=shown))
    return found


def _dated_days(records: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """The records with each day given without its year dated in the year that puts it nearest the
    campaign (a campaign from December into January holds both years)."""
    labels = [day for day in records["as_of"].unique() if isinstance(day, DayLabel)]  # a few days, not each record
    if not labels:
        return records
    yearless = records["as_of"].isin(labels)
    records = records.copy()
    records.loc[yearless, "as_of"] = records.loc[yearless, "as_of"].map(lambda day: day.near(start, end) or day)
    return records
