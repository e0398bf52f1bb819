"""What the filters keep, shown: the cards (section 4), the table a page at a time (section 5) and
the charts (section 6)."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from chitieu.app.charts import chart_html
from chitieu.app.views import card_numbers, cards_html, table_html
from chitieu.summary.columns import SUMMARY_COLUMNS
from chitieu.summary.table import Summary

PAGE_SIZE = 50


def page_count(rows: int) -> int:
    """How many table pages ``rows`` rows fill (at least one)."""
    return max(1, -(-rows // PAGE_SIZE))


class Dashboard:
    """The cards, the table with its pager, and the charts of the rows last shown."""

    def __init__(self):
        self.cards = w.HTML()
        self.table = w.HTML()
        self.chart = w.HTML()
        self.page_info = w.Label()
        self.previous = w.Button(description="◀ Trang trước")
        self.next = w.Button(description="Trang sau ▶")
        self.previous.on_click(lambda _: self.turn(-1))
        self.next.on_click(lambda _: self.turn(1))
        self.pager = w.HBox([self.previous, self.page_info, self.next])
        self.page = 0
        self.rows = pd.DataFrame()

    def show(self, rows: pd.DataFrame, summary: Summary) -> None:
        """Show ``rows`` of ``summary``: the table's page first (each value set reaches the page at once),
        then the cards and the charts."""
        self.rows = rows
        self.page = min(self.page, page_count(len(rows)) - 1)
        self._show_page()
        self.cards.value = cards_html(card_numbers(rows))
        self.chart.value = chart_html(rows, summary) if len(rows) else ""

    def clear(self) -> None:
        """No summary yet (the campaign dates are awaited): an empty table, no cards, no charts."""
        self.rows = pd.DataFrame(columns=[column.key for column in SUMMARY_COLUMNS])
        self.page = 0
        self._show_page()
        self.cards.value = self.chart.value = ""

    def turn(self, step: int) -> None:
        """Show the page ``step`` pages on (back when negative), within the pages there are."""
        self.page = max(0, min(self.page + step, page_count(len(self.rows)) - 1))
        self._show_page()

    def _show_page(self) -> None:
        page = self.rows.iloc[self.page * PAGE_SIZE:(self.page + 1) * PAGE_SIZE]
        self.table.value = table_html(page)
        self.page_info.value = f"Trang {self.page + 1}/{page_count(len(self.rows))} ({len(self.rows)} dòng)"
