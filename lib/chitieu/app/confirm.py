"""Section 8's confirmations: a button per doubtful figure (``summary.plausibility``), which the officer
presses once the figure is checked, so that it is ranked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as w

from chitieu.summary.plausibility import doubtful_figures
from chitieu.summary.table import Summary


class ConfirmPanel:
    """One "Xác nhận số liệu đúng" button per doubtful figure; ``on_confirm(unit, indicator, as_of)``."""

    def __init__(self, on_confirm: Callable[[str, str, date], None]):
        self.on_confirm = on_confirm
        self.widget = w.VBox()

    def show(self, summary: Summary) -> None:
        self.widget.children = [self._row(unit, code, label, summary.campaign.as_of)
                                for unit, code, label in doubtful_figures(summary.table, summary.findings)]

    def _row(self, unit: str, code: str, label: str, as_of: date) -> w.HBox:
        button = w.Button(description="Xác nhận số liệu đúng", button_style="warning", layout=w.Layout(width="190px"))
        button.on_click(lambda _: self.on_confirm(unit, code, as_of))
        return w.HBox([button, w.HTML(f"{unit} — {label}: chưa xếp hạng cho đến khi được xác nhận")])
