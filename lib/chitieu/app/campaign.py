"""Section 3 of the page: the campaign's dates and days as the officer sets them, and the names the
report is signed with."""

from __future__ import annotations

import html
from datetime import date
from typing import Callable, Iterable

import ipywidgets as w

from chitieu.app.workspace import DEADLINE_PREFIX
from chitieu.findings import fail
from chitieu.summary.campaign import Campaign
from chitieu.summary.table import Summary
from chitieu.values import parse_date

DATE_KEYS = ("start", "end", "as_of")


class CampaignForm:
    """The start, end and as-of dates (dd/mm/yyyy; empty: the workbooks' dates), the number of days
    (0: counted), the reporting unit and place, and the button that summarises again (``on_apply``)."""

    def __init__(self, on_apply: Callable[[], object]):
        self.start = w.Text(description="Bắt đầu", placeholder="ngày/tháng/năm")
        self.end = w.Text(description="Kết thúc", placeholder="ngày/tháng/năm")
        self.as_of = w.Text(description="Tính đến", placeholder="ngày/tháng/năm")
        self.schedule = w.Text(description="Lịch báo cáo", placeholder="thứ 5 09:00, hằng ngày 17:00",
                               tooltip="Hạn nộp báo cáo của các đơn vị; để trống: không xét báo cáo đúng hạn",
                               style={"description_width": "initial"}, layout=w.Layout(width="300px"))
        self.days = w.IntText(value=0, description="Số ngày", tooltip="0: tự tính, cả ngày đầu và ngày cuối",
                              layout=w.Layout(width="200px"))
        self.info = w.HTML()
        self.unit_name = w.Text(description="Đơn vị", placeholder="CÔNG AN XÃ ...")
        self.place = w.Text(description="Địa danh", placeholder="Minh Thắng")
        self.apply = w.Button(description="Tính lại", button_style="primary")
        self.apply.on_click(lambda _: on_apply())
        self.deadlines: dict[str, w.Text] = {}  # indicator code → its own deadline's field
        self.deadline_box = w.VBox()
        self.deadline_fold = w.Accordion([self.deadline_box], selected_index=None, layout=w.Layout(width="430px"))
        self.widget = w.VBox([w.HBox([self.start, self.end, self.as_of, self.schedule]),
                              w.HBox([self.days, self.unit_name, self.place, self.apply, self.deadline_fold]),
                              self.info])

    def entered_dates(self) -> dict[str, date | None]:
        """The dates typed in, as ``summarise_loaded``'s keywords; an empty field leaves the workbooks' date."""
        dates = {}
        for key, field in (("start", self.start), ("end", self.end), ("as_of", self.as_of)):
            text = field.value.strip()
            dates[key] = parse_date(text) if text else None
            if text and dates[key] is None:
                raise fail("date-invalid", field=field.description, value=text)
        return dates

    def entered_days(self) -> int | None:
        """The campaign's number of days typed in; None to count them from the dates."""
        return self.days.value or None

    def highlight_missing(self, keys: Iterable[str]) -> None:
        """Mark the date fields named by ``keys`` ("start", "end", "as_of") as still to be typed; unmark the others."""
        keys = set(keys)
        for key in DATE_KEYS:
            field = getattr(self, key)
            (field.add_class if key in keys else field.remove_class)("ct-date-missing")

    def show(self, summary: Summary, typed: dict[str, str]) -> None:
        """The campaign the summary used: its dates in the fields, its day counts below them, and a field
        per indicator for its own deadline (as ``typed``; the period in use shown in each)."""
        campaign = summary.campaign
        self._offer_deadlines(campaign, dict(zip(summary.table["indicator"], summary.table["indicator_label"])), typed)
        self.start.value, self.end.value, self.as_of.value = (f"{d:%d/%m/%Y}" for d in
                                                              (campaign.start, campaign.end, campaign.as_of))
        self.info.value = html.escape(
            f"Đợt {campaign.days_total} ngày; đến ngày {campaign.as_of:%d/%m/%Y} đã qua {campaign.days_elapsed} "
            f"ngày, còn {campaign.days_left} ngày. Ô “Số ngày” để 0 thì tự tính (cả ngày đầu và ngày cuối).")

    def _offer_deadlines(self, campaign: Campaign, labels: dict[str, str], typed: dict[str, str]) -> None:
        self.deadlines = {code: w.Text(value=typed.get(f"{DEADLINE_PREFIX}{code}", ""), description=label,
                                       placeholder=f"{campaign.of(code).end:%d/%m/%Y}" + (
                                           " (sổ chỉ tiêu ghi)" if code in campaign.periods else " (theo đợt)"),
                                       style={"description_width": "260px"}, layout=w.Layout(width="410px"))
                          for code, label in labels.items()}
        self.deadline_box.children = [w.HTML("Hạn riêng của chỉ tiêu (ngày/tháng/năm), để trống: theo sổ chỉ tiêu "
                                             "hoặc theo đợt; bấm “Tính lại” sau khi nhập."), *self.deadlines.values()]
        own = sum(bool(field.value.strip()) for field in self.deadlines.values())
        self.deadline_fold.set_title(0, f"Hạn từng chỉ tiêu ({own} hạn riêng đã nhập)" if own
                                     else "Hạn từng chỉ tiêu (bấm để đặt)")

    def typed(self, before: dict[str, str], summary: Summary | None) -> dict[str, str]:
        """The fields as the officer typed them (``before``: as typed until now): a date the form filled
        in from the workbooks of ``summary`` and left as it was is not typed (a later workbook may bring another)."""
        shown = {} if summary is None else {key: f"{getattr(summary.campaign, key):%d/%m/%Y}" for key in DATE_KEYS}
        dates = {key: getattr(self, key).value.strip() for key in DATE_KEYS}
        chosen = {key: value for key, value in dates.items() if value and (key in before or value != shown.get(key))}
        return {**chosen, "days": str(self.days.value or ""), "unit_name": self.unit_name.value.strip(),
                "place": self.place.value.strip(), "schedule": self.schedule.value.strip(),
                **{f"{DEADLINE_PREFIX}{code}": field.value.strip() for code, field in self.deadlines.items()}}

    def fill_typed(self, typed: dict[str, str], keys: Iterable[str] = (*DATE_KEYS, "unit_name", "place", "schedule")
                   ) -> None:
        """The fields ``keys`` (and the days, with all of them) as ``typed`` holds them; empty where nothing was typed."""
        for key in keys:
            getattr(self, key).value = typed.get(key, "")
        if "unit_name" in keys:
            days = typed.get("days", "")
            self.days.value = int(days) if days.isdigit() else 0
