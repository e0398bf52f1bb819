"""The campaign: its period, the as-of date and the day counts the summary needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chitieu.findings import fail


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

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "as_of": self.as_of.isoformat(),
                "days_total": self.days_total, "days_elapsed": self.days_elapsed}


def make_campaign(start: date | None, end: date | None, as_of: date | None = None, days: int | None = None,
                  *, found_period: tuple[date, date] | None = None,
                  result_dates: list[date] | None = None) -> Campaign:
    """The campaign from what the user set, else what the workbooks say.

    The as-of date defaults to the newest result date, else today.
    """
    if found_period:
        start = start or found_period[0]
        end = end or found_period[1]
    if start is None or end is None:
        raise fail("campaign-dates-missing")
    if as_of is None:
        as_of = max(result_dates) if result_dates else date.today()
    return Campaign(start, end, as_of, days)
