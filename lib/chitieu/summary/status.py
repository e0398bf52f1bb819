"""A unit's status on an indicator: a code for the program, a Vietnamese label for people, and the
one colour and legend line the app and the report both show it with."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """The status of a summary row. The value is the Vietnamese label (what the table, the CSV and
    the JSON hold, and what officers filter on); the name is the code.

    >>> Status.BEHIND == "chậm", Status.BEHIND.code, Status("vượt").colour
    (True, 'behind', '#C6EFCE')
    """

    EXCEEDED = "vượt"
    ON_PACE = "đạt tiến độ"
    BEHIND = "chậm"
    NOT_REPORTED = "chưa báo cáo"

    @property
    def code(self) -> str:
        return self.name.lower()

    @property
    def colour(self) -> str:
        return _COLOURS[self]

    @property
    def legend(self) -> str:
        return _LEGENDS[self]


_COLOURS = {Status.EXCEEDED: "#C6EFCE", Status.ON_PACE: "#DDEBF7", Status.BEHIND: "#FFC7CE",
            Status.NOT_REPORTED: "#D9D9D9"}
_LEGENDS = {Status.EXCEEDED: "đã đạt hoặc vượt chỉ tiêu",
            Status.ON_PACE: "kết quả bằng hoặc hơn mức cần đạt đến nay",
            Status.BEHIND: "kết quả thấp hơn mức cần đạt đến nay",
            Status.NOT_REPORTED: "chưa có số liệu báo cáo"}
# A unit counts once in the app's cards, under the first of these that any selected indicator of it has.
UNIT_STATUS_ORDER = (Status.BEHIND, Status.NOT_REPORTED, Status.ON_PACE, Status.EXCEEDED)
