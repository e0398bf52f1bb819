"""Section 4 of the page: the filters by level, unit, indicator and status; what they keep is
``selection.filtered_table`` of their values, for the page and for the report alike."""

from __future__ import annotations

from typing import Callable

import ipywidgets as w
import pandas as pd

from chitieu.summary.status import Status

LEVEL_LABELS = {0: "Cấp trên (tổng)", 1: "Cấp dưới trực tiếp", 2: "Cấp 2", 3: "Cấp 3"}


class FilterPanel:
    """Four lists to pick from; ``on_change`` is called whenever the officer changes a pick."""

    def __init__(self, on_change: Callable[[], None]):
        self.on_change = on_change
        self.levels = w.SelectMultiple(description="Cấp", rows=3)
        self.units = w.SelectMultiple(description="Đơn vị", rows=8)
        self.indicators = w.SelectMultiple(description="Chỉ tiêu", rows=6, layout=w.Layout(width="420px"))
        self.statuses = w.SelectMultiple(description="Tình trạng", options=list(Status), rows=4)
        self.controls = (self.levels, self.units, self.indicators, self.statuses)
        self._observe()
        self.widget = w.HBox(list(self.controls))

    def selection(self) -> dict[str, tuple]:
        """The picks as ``filtered_table``'s (and ``write_report``'s) keywords; nothing picked keeps all."""
        return {"levels": self.levels.value, "units": self.units.value, "indicators": self.indicators.value,
                "statuses": self.statuses.value}

    def fill(self, table: pd.DataFrame, picks: dict[str, list] | None = None) -> None:
        """Offer the levels, units and indicators of ``table``, with the ``picks`` still offered picked
        (a restored workspace) and nothing else (without calling ``on_change``)."""
        for control in self.controls:
            control.unobserve(self._changed, "value")
            control.value = ()
        levels = sorted(int(v) for v in table["level"].unique())
        self.levels.options = [(LEVEL_LABELS.get(v, f"Cấp {v}"), v) for v in levels]
        self.units.options = list(dict.fromkeys(table["unit"]))
        self.indicators.options = [(label, code) for code, label in
                                   dict(zip(table["indicator"], table["indicator_label"])).items()]
        for key, control in zip(("levels", "units", "indicators", "statuses"), self.controls):
            offered = set(control._options_values)
            control.value = tuple(v for v in (picks or {}).get(key, ()) if v in offered)
        self._observe()

    def _observe(self) -> None:
        for control in self.controls:
            control.observe(self._changed, "value")

    def _changed(self, _change: dict) -> None:
        self.on_change()
