"""What the filters keep, shown: the cards, the table a page at a time (with a pager that jumps) and
the charts of one indicator at one level."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from chitieu.app.charts import chart_html, chart_rows
from chitieu.app.filters import LEVEL_LABELS
from chitieu.app.views import card_numbers, cards_html, table_html
from chitieu.summary.columns import SUMMARY_COLUMNS
from chitieu.summary.table import Summary

PAGE_SIZE = 50


def page_count(rows: int) -> int:
    """How many table pages ``rows`` rows fill (at least one)."""
    return max(1, -(-rows // PAGE_SIZE))


class Dashboard:
    """The cards, the table with its pager, and the charts of the rows last shown (their indicator and
    level chosen above them)."""

    def __init__(self):
        self.cards = w.HTML()
        self.table = w.HTML()
        self.chart = w.HTML()
        self.page_info = w.Label()
        self.buttons = [w.Button(description=text, layout=w.Layout(width=width)) for text, width in
                        (("« Đầu", "80px"), ("◀ Trang trước", "130px"), ("Trang sau ▶", "130px"), ("Cuối »", "80px"))]
        for button, step in zip(self.buttons, (-10**9, -1, 1, 10**9)):
            button.on_click(lambda _, step=step: self.turn(step))
        self.previous, self.next = self.buttons[1], self.buttons[2]
        self.jump = w.BoundedIntText(value=1, min=1, max=1, description="Đến trang", layout=w.Layout(width="170px"))
        self.jump.observe(lambda change: self.turn(change["new"] - 1 - self.page), "value")
        self.pager = w.HBox([*self.buttons[:2], self.page_info, *self.buttons[2:], self.jump])
        self.chart_indicator = w.Dropdown(description="Biểu đồ của", layout=w.Layout(width="520px"))
        self.chart_level = w.Dropdown(description="Cấp", layout=w.Layout(width="260px"))
        for control in (self.chart_indicator, self.chart_level):
            control.observe(lambda _: None if self.filling else self._show_chart(), "value")
        self.filling = False
        self.charts = w.VBox([w.HBox([self.chart_indicator, self.chart_level]), self.chart])
        self.page = 0
        self.rows = pd.DataFrame()
        self.summary: Summary | None = None

    def show(self, rows: pd.DataFrame, summary: Summary) -> None:
        """Show ``rows`` of ``summary``: the table's page first (each value set reaches the page at once),
        then the cards and the charts."""
        self.rows, self.summary = rows, summary
        self.page = min(self.page, page_count(len(rows)) - 1)
        self._show_page()
        self.cards.value = cards_html(card_numbers(rows))
        self._offer_chart_choices()
        self._show_chart()

    def clear(self) -> None:
        """No summary yet (the campaign dates are awaited): an empty table, no cards, no charts."""
        self.rows, self.summary = pd.DataFrame(columns=[column.key for column in SUMMARY_COLUMNS]), None
        self.page = 0
        self._show_page()
        self.cards.value = self.chart.value = ""
        self.filling = True
        self.chart_indicator.options, self.chart_level.options = [], []
        self.filling = False

    def turn(self, step: int) -> None:
        """Show the page ``step`` pages on (back when negative), within the pages there are."""
        page = max(0, min(self.page + step, page_count(len(self.rows)) - 1))
        if page != self.page:
            self.page = page
            self._show_page()

    def _show_page(self) -> None:
        page = self.rows.iloc[self.page * PAGE_SIZE:(self.page + 1) * PAGE_SIZE]
        self.table.value = table_html(page)
        pages = page_count(len(self.rows))
        self.page_info.value = f"Trang {self.page + 1}/{pages} ({len(self.rows)} dòng)"
        self.jump.max = pages
        self.jump.value = self.page + 1

    def _offer_chart_choices(self) -> None:
        """The indicators and levels of the rows shown, each choice kept while it is still offered."""
        rows = self.rows
        if rows.empty:
            return
        indicators = list(dict.fromkeys(zip(rows["indicator_label"], rows["indicator"])))
        chosen_indicator, chosen_level = self.chart_indicator.value, self.chart_level.value
        self.filling = True  # one chart drawn afterwards, not one per choice set
        self.chart_indicator.options = indicators
        self.chart_indicator.value = chosen_indicator if chosen_indicator in set(rows["indicator"]) else indicators[0][1]
        levels = sorted(int(v) for v in rows["level"].unique())
        default = int(chart_rows(rows, self.chart_indicator.value, chosen_level)["level"].iloc[0])
        self.chart_level.options = [(LEVEL_LABELS.get(v, f"Cấp {v}"), v) for v in levels]
        self.chart_level.value = chosen_level if chosen_level in levels else default
        self.filling = False

    def _show_chart(self) -> None:
        if self.summary is None or self.rows.empty:
            self.chart.value = ""
            return
        self.chart.value = chart_html(self.rows, self.summary, self.chart_indicator.value, self.chart_level.value,
                                      self.chart_level.label or "")
