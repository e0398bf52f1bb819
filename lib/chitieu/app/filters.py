"""Section 3 of the page: the filters by level, unit, indicator and status; what they keep is
``selection.filtered_table`` of their values, for the page and for the report alike.

Units are chosen through the tree: the list offers the top units (and the level under a single top
unit); picking a unit offers the units under it, so a province, then its communes, then their hamlets
narrow the choice. A search box finds any unit by a few letters of its name."""

from __future__ import annotations

from typing import Callable

import ipywidgets as w
import pandas as pd

from chitieu.summary.status import Status
from chitieu.summary.timeliness import STALE
from chitieu.text import fold
from chitieu.values import format_number

LEVEL_LABELS = {0: "Cấp trên (tổng)", 1: "Cấp dưới trực tiếp", 2: "Cấp 2", 3: "Cấp 3"}
UNITS_FOUND = 300  # units a search offers at most
HINT = "Giữ Ctrl để chọn nhiều; chọn một đơn vị để hiện các đơn vị cấp dưới của nó."


class UnitTree:
    """The units of a summary table as a tree, each by its label (places told apart: "Ấp 1 (Xã Phú Tân)"):
    their order, children and folded names."""

    def __init__(self, table: pd.DataFrame):
        pairs = table[["place", "parent_place", "label"]].drop_duplicates("place")
        label_of = dict(zip(pairs["place"], pairs["label"]))
        units, parents = pairs["label"].tolist(), [label_of.get(p) for p in pairs["parent_place"]]
        known = set(units)
        self.parent = {u: p for u, p in zip(units, parents) if isinstance(p, str) and p in known}
        self.children: dict[str, list[str]] = {}
        for unit, parent in self.parent.items():
            self.children.setdefault(parent, []).append(unit)
        self.roots = [u for u in units if u not in self.parent]
        self.order: list[str] = []
        for root in self.roots:
            self._walk(root)
        self.folded = {u: fold(u) for u in self.order}

    def _walk(self, root: str) -> None:
        todo = [root]
        while todo:
            unit = todo.pop()
            self.order.append(unit)
            todo.extend(reversed(self.children.get(unit, [])))

    def offered(self, picked: set[str], search: str) -> list[str]:
        """The units the list offers: those found by ``search`` (folded), else the tree opened down
        the picked units; the picked ones always."""
        needle = fold(search)
        if needle:
            found = [u for u in self.order if needle in self.folded[u]][:UNITS_FOUND]
            keep = set(found) | picked
        else:
            keep = set(self.roots) | picked
            for unit in [*self.roots[:1 if len(self.roots) == 1 else 0], *picked]:
                keep.update(self.children.get(unit, []))
        return [u for u in self.order if u in keep]

    def below(self, unit: str) -> int:
        """How many units are under ``unit``, at any depth."""
        return sum(1 + self.below(child) for child in self.children.get(unit, []))

    def narrowest(self, picked: tuple[str, ...]) -> tuple[str, ...]:
        """The picks without those a pick below them narrows (a province and some of its communes: the communes)."""
        ancestors = set()
        for unit in picked:
            parent = self.parent.get(unit)
            while parent is not None:
                ancestors.add(parent)
                parent = self.parent.get(parent)
        return tuple(u for u in picked if u not in ancestors)


class FilterPanel:
    """Four lists to pick from, a unit search, what is chosen and "Bỏ lọc"; ``on_change`` is called
    whenever the officer changes a pick."""

    def __init__(self, on_change: Callable[[], None]):
        self.on_change = on_change
        self.levels = w.SelectMultiple(description="Cấp", rows=3)
        self.units = w.SelectMultiple(description="Đơn vị", rows=6, tooltip=HINT)
        self.indicators = w.SelectMultiple(description="Chỉ tiêu", rows=5, layout=w.Layout(width="420px"))
        self.statuses = w.SelectMultiple(description="Tình trạng", options=[*Status, STALE], rows=5)
        self.controls = (self.levels, self.units, self.indicators, self.statuses)
        self.search = w.Text(description="Tìm đơn vị", placeholder="vài chữ của tên, ví dụ: tân hòa")
        self.search.observe(lambda _: self._offer_units(), "value")
        self.count = w.HTML()
        self.clear_button = w.Button(description="Bỏ lọc", icon="times", tooltip="Bỏ mọi lựa chọn ở các ô lọc")
        self.clear_button.on_click(lambda _: self.clear())
        self.tree = UnitTree(pd.DataFrame(columns=["place", "parent_place", "label"]))
        self.quiet = 0
        for control in self.controls:
            control.observe(self._changed, "value")
        self.widget = w.VBox([w.HBox([self.search, self.clear_button, self.count]), w.HBox(list(self.controls))])

    def selection(self) -> dict[str, tuple]:
        """The picks as ``filtered_table``'s (and ``write_report``'s) keywords; nothing picked keeps all."""
        return {"levels": self.levels.value, "units": self.tree.narrowest(self.units.value),
                "indicators": self.indicators.value, "statuses": self.statuses.value}

    def picks(self) -> dict[str, tuple]:
        """Every pick as made (the units opened on the way down too), to be restored as it was."""
        return {"levels": self.levels.value, "units": self.units.value, "indicators": self.indicators.value,
                "statuses": self.statuses.value}

    def fill(self, table: pd.DataFrame, picks: dict[str, list] | None = None) -> None:
        """Offer the levels, units and indicators of ``table``, with the ``picks`` still offered picked
        (a restored workspace) and nothing else (without calling ``on_change``)."""
        self._unobserve()
        for control in self.controls:
            control.value = ()
        picks = picks or {}
        self.tree = UnitTree(table)
        levels = sorted(int(v) for v in table["level"].unique())
        self.levels.options = [(LEVEL_LABELS.get(v, f"Cấp {v}"), v) for v in levels]
        units = set(self.tree.order)
        self.units.options = self.tree.offered({u for u in picks.get("units", ()) if u in units}, self.search.value)
        self.indicators.options = [(label, code) for code, label in
                                   dict(zip(table["indicator"], table["indicator_label"])).items()]
        for key, control in zip(("levels", "units", "indicators", "statuses"), self.controls):
            offered = set(control._options_values)
            control.value = tuple(v for v in picks.get(key, ()) if v in offered)
        self._show_count()
        self._observe()

    def clear(self) -> None:
        """"Bỏ lọc": nothing picked, no search; the table shows everything again."""
        self._unobserve()
        for control in self.controls:
            control.value = ()
        self.search.value = ""
        self._observe()
        self._changed({})

    def _offer_units(self) -> None:
        """The unit list after a pick or a search, the picks kept."""
        picked = self.units.value
        self._unobserve()
        self.units.options = self.tree.offered(set(picked), self.search.value)
        self.units.value = picked
        self._observe()

    def _show_count(self) -> None:
        chosen = self.tree.narrowest(self.units.value)
        if not chosen:
            text = f"Đang xem mọi đơn vị ({format_number(len(self.tree.order))}). {HINT}"
        else:
            under = sum(self.tree.below(u) for u in chosen)
            text = (f"Đang chọn {format_number(len(chosen))} đơn vị"
                    + (f" và {format_number(under)} đơn vị cấp dưới của chúng" if under else "") + f". {HINT}")
        self.count.value = f"<span class='ct-filter-count' style='color:#555'>{text}</span>"

    def _observe(self) -> None:
        self.quiet -= 1

    def _unobserve(self) -> None:
        """Changes made by the panel itself call no one (until the matching ``_observe``)."""
        self.quiet += 1

    def _changed(self, change: dict) -> None:
        if self.quiet:
            return
        if change.get("owner") is self.units:
            self._offer_units()
        self._show_count()
        self.on_change()
