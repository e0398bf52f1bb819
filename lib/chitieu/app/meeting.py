"""Section 7 of the page: each unit's reports against the schedule the officer set (on time, late,
missing, stale), and the emulation ranking (thi đua) leaders decide rewards and criticism from, by the
same functions as ``chitieu report``'s sheets "Tình hình báo cáo" and "Xếp hạng thi đua"."""

from __future__ import annotations

import html
from datetime import datetime

import ipywidgets as w
import pandas as pd

from chitieu.app.views import card_row_html, hint_html
from chitieu.app.workspace import Workspace
from chitieu.summary.emulation import CRITICISM, REWARD, Emulation, Rules, load_rules, rank_emulation
from chitieu.summary.status import Status
from chitieu.summary.table import Summary
from chitieu.summary.timeliness import LATE, MISSING, ON_TIME, STALE, Reporting, judged, parse_schedule
from chitieu.values import format_number, format_percent

RANKING_SHOWN = 100  # units listed in the page's ranking; the report's sheet has them all
TIMELINESS_CAPTION = ("Mỗi đơn vị cấp dưới cùng × mỗi hạn báo cáo từ ngày bắt đầu đến ngày tính đến; giờ nhận là lúc "
                      "tải tệp lên (tệp mẫu: ngày của tệp). Đơn vị báo cáo cũ không được xếp hạng trên số liệu cũ.")
NO_SCHEDULE_NOTE = ("Chưa có lịch báo cáo: nhập vào ô “Lịch báo cáo” (ví dụ “thứ 5 09:00” hoặc “hằng ngày 17:00”) "
                    "rồi bấm “Tính lại” để xét báo cáo đúng hạn.")
PROPOSAL_COLOURS = {REWARD: Status.EXCEEDED.colour, CRITICISM: Status.BEHIND.colour}


class MeetingPanel:
    """The timeliness cards and the folded emulation ranking; ``judge`` makes what they show."""

    def __init__(self, rules: Rules | None = None):
        self.rules = rules or load_rules()
        self.reporting: Reporting | None = None
        self.emulation: Emulation | None = None
        self.cards = w.HTML()
        self.ranking = w.HTML()
        self.ranking_fold = w.Accordion([self.ranking], selected_index=None)
        self.widget = w.VBox([w.HTML("<h3>Báo cáo đúng hạn và xếp hạng thi đua</h3>"), self.cards, self.ranking_fold])

    def judge(self, summary: Summary, workspace: Workspace) -> Summary:
        """The summary with its stale units not ranked when the workspace has a schedule (each file received
        when it was uploaded), and the emulation ranking of it; both kept for the page and the report."""
        self.reporting = None
        schedule = workspace.campaign.get("schedule", "").strip()
        if schedule:
            received = {f.path.name: datetime.fromisoformat(f.read_at) for f in workspace.files}
            summary, self.reporting = judged(summary, parse_schedule(schedule), received)
        self.emulation = rank_emulation(summary, self.rules, self.reporting)
        return summary

    def show(self) -> None:
        self.cards.value = timeliness_html(self.reporting)
        self.ranking.value = "" if self.emulation is None else ranking_html(self.emulation)
        ranked = 0 if self.emulation is None else int(self.emulation.table["rank"].notna().sum())
        self.ranking_fold.set_title(0, f"Xếp hạng thi đua: {format_number(ranked)} đơn vị được xếp hạng"
                                    + (f", đề xuất khen thưởng {len(self.emulation.reward)}, phê bình "
                                       f"{len(self.emulation.criticism)} (bấm để xem)" if self.emulation else ""))

    def clear(self) -> None:
        self.reporting = self.emulation = None
        self.cards.value = self.ranking.value = ""


def timeliness_html(reporting: Reporting | None) -> str:
    """Cards: due reports on time, late and missing, and the units whose latest report is stale."""
    if reporting is None:
        return hint_html(NO_SCHEDULE_NOTE)
    counts = reporting.table["status"].value_counts()
    rule = f"Lịch báo cáo: {reporting.schedule.text()}."
    items = [(f"Báo cáo {label}", format_number(int(counts.get(status, 0))), colour, f"report-{key}", rule)
             for status, label, colour, key in ((ON_TIME, "đúng hạn", Status.EXCEEDED.colour, "on-time"),
                                                (LATE, "muộn", Status.BEHIND.colour, "late"),
                                                (MISSING, "thiếu", Status.NOT_REPORTED.colour, "missing"))]
    stale = sum(day is not None for day in reporting.stale.values())
    items.append(("Đơn vị báo cáo cũ", format_number(stale), "#f2f2f2", "report-stale",
                  f"{rule} Báo cáo mới nhất cũ hơn một kỳ: không xếp hạng (chọn “{STALE}” ở Tình trạng để xem)."))
    return card_row_html(items, f"{rule} {TIMELINESS_CAPTION}")


def ranking_html(emulation: Emulation, limit: int = RANKING_SHOWN) -> str:
    """The ranking as a table: rank, unit, score, why a unit is left out, and the proposal."""
    rows = emulation.table.head(limit)
    body = "".join(_ranking_row(row) for row in rows.to_dict("records"))
    more = (f"<div>… và {format_number(len(emulation.table) - limit)} đơn vị khác (xem trang “Xếp hạng thi đua” "
            "của báo cáo Excel).</div>" if len(emulation.table) > limit else "")
    head = "".join(f"<th>{text}</th>" for text in ("Hạng", "Đơn vị", "Điểm thi đua", "Không xét thi đua vì", "Đề xuất"))
    return f"<table class='ct-ranking'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _ranking_row(row: dict[str, object]) -> str:
    rank, score, proposal = row["rank"], row["score"], _text(row["proposal"])
    cells = [format_number(int(rank)) if pd.notna(rank) else "", html.escape(str(row["label"])),
             format_percent(float(score)) if pd.notna(score) else "", html.escape(_text(row["excluded"])),
             html.escape(proposal)]
    colour = PROPOSAL_COLOURS.get(proposal, "")
    style = f" style='background:{colour}'" if colour else ""
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells[:-1]) + f"<td{style}>{cells[-1]}</td></tr>"


def _text(value: object) -> str:
    return str(value) if isinstance(value, str) else ""
