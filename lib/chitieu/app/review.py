"""Section 2 of the page: how the workbooks were read, for the officer to check and correct: each
column's indicator and role, and the result units that match no quota unit."""

from __future__ import annotations

import html
from typing import Callable, Iterable

import ipywidgets as w

from chitieu.app.reads import ColumnReview, confirmed_value, mapping_options, mapping_value
from chitieu.app.views import confidence_html, evidence_html, review_anchor
from chitieu.findings import Finding
from chitieu.mapping.catalog import Catalog
from chitieu.mapping.units import UnitMatch
from chitieu.values import format_number

PLACE_CODES = ("unit-placed", "unit-ambiguous")  # where a result file's units were placed, or could not be
REVIEW_UNITS = 30  # unmatched units listed for review; the findings list names the rest
# each cell's heading and width; the evidence takes the rest of the row, its text wrapped
COLUMN_WIDTHS = (("Tệp", "160px"), ("Tiêu đề cột", "260px"), ("Máy đọc là (chọn lại nếu sai)", "360px"),
                 ("Độ tin cậy", "150px"), ("", "64px"), ("Vai trò — căn cứ", "auto"))


class ReviewPanel:
    """The columns as read, each with its role, evidence and confidence, a dropdown to correct it and,
    when doubtful, a "Đúng" button to confirm it as read (both call ``on_column(review, value)``); the
    unmatched units with their suggestions, each with a button to accept one (``on_unit(name, unit)``);
    and a note of what was saved."""

    def __init__(self, catalog: Catalog, on_column: Callable[[ColumnReview, str], None],
                 on_unit: Callable[[str, str], None]):
        self.catalog = catalog
        self.on_column, self.on_unit = on_column, on_unit
        self.reviews: list[ColumnReview] = []
        self.anchored: set[str] = set()  # files whose first row holds their anchor (``views.review_anchor``)
        self.column_review = w.VBox()
        self.column_panel = w.Accordion([self.column_review])
        self.unit_review = w.VBox()
        self.note = w.HTML()
        self.widget = w.VBox([self.column_panel, self.unit_review, self.note])

    def show(self, reviews: list[ColumnReview], unmatched: list[tuple[UnitMatch, str]],
             findings: Iterable[Finding] = ()) -> None:
        """Rebuild the rows for these columns and these unmatched units (each with the file it is in), and
        say where the result files' units were placed (``findings`` of the codes in ``PLACE_CODES``)."""
        for old in (*self.column_review.children, *self.unit_review.children):
            close_widget(old)
        self.reviews = reviews
        self.anchored = set()
        self._show_columns()
        self._show_units(unmatched)
        placed = [f for f in findings if f.code in PLACE_CODES]
        if placed:
            lines = "".join(f"<li>{html.escape(f.message)} <span style='color:#555'>(tệp '{html.escape(f.file)}')"
                            "</span></li>" for f in placed[:REVIEW_UNITS])
            self.unit_review.children += (w.HTML(f"<b>Đơn vị cấp trên của các tệp kết quả</b><ul>{lines}</ul>"),)

    def _show_columns(self) -> None:
        self.column_review.children = [column_heading(), *(self._column_row(r) for r in self.reviews)]
        doubtful, waiting = sum(r.doubtful for r in self.reviews), sum(r.waits for r in self.reviews)
        self.column_panel.set_title(0, f"Các cột đã đọc: {len(self.reviews)} cột"
                                    + (f", {doubtful} cột cần kiểm tra" if doubtful else ", máy đọc chắc chắn")
                                    + (f" ({waiting} cột chưa tính — cần xác nhận)" if waiting else ""))
        if doubtful:
            self.column_panel.selected_index = 0  # opened for the officer; never closed under their hands

    def _show_units(self, unmatched: list[tuple[UnitMatch, str]]) -> None:
        rows = [self._unit_row(match, file) for match, file in unmatched[:REVIEW_UNITS]]
        if len(unmatched) > REVIEW_UNITS:
            rows.append(w.HTML(f"… và {format_number(len(unmatched) - REVIEW_UNITS)} đơn vị khác "
                               "(xem mục 8. Các vấn đề phát hiện)."))
        heading = ("<b>Đơn vị trong sổ kết quả không có trong sổ chỉ tiêu</b> (chưa được tính; bấm "
                   "“Chấp nhận” nếu đúng là đơn vị được gợi ý, tên gọi này sẽ được nhớ cho các lần sau):"
                   if unmatched else "Mọi đơn vị trong sổ kết quả đều khớp với sổ chỉ tiêu.")
        self.unit_review.children = [w.HTML(heading), *rows]

    def _column_row(self, review: ColumnReview) -> w.HBox:
        files = review.files[0] + (f" và {len(review.files) - 1} tệp khác" if len(review.files) > 1 else "")
        anchors = "".join(f"<span id='{review_anchor(name)}'></span>" for name in review.files
                          if name not in self.anchored)
        self.anchored.update(review.files)
        dropdown = w.Dropdown(options=mapping_options(self.catalog), value=mapping_value(review.mapping),
                              layout=w.Layout(width=COLUMN_WIDTHS[2][1]))
        dropdown.observe(lambda change: self.on_column(review, change["new"]), "value")
        row = w.HBox([w.HTML(anchors + html.escape(files), layout=w.Layout(width=COLUMN_WIDTHS[0][1])),
                      w.HTML(html.escape(review.label), layout=w.Layout(width=COLUMN_WIDTHS[1][1])), dropdown,
                      w.HTML(confidence_html(review), layout=w.Layout(width=COLUMN_WIDTHS[3][1])),
                      self._confirm_button(review),
                      w.HTML(evidence_html(review), layout=w.Layout(flex="1 1 240px", min_width="240px"))])
        row.add_class("ct-column-row")
        return row

    def _confirm_button(self, review: ColumnReview) -> w.Widget:
        """"Đúng" for a doubtful column: the reading is saved as the officer's choice, unchanged."""
        width = w.Layout(width=COLUMN_WIDTHS[4][1])
        if not review.confirmable:
            return w.HTML(layout=width)
        button = w.Button(description="Đúng", button_style="success", layout=width,
                          tooltip="Máy đọc đúng: giữ nguyên cách đọc này, tính cột và nhớ cho các lần sau")
        button.on_click(lambda _button: self.on_column(review, confirmed_value(review.mapping)))
        return button

    def _unit_row(self, match: UnitMatch, file: str) -> w.HBox:
        label = w.HTML(f"<b>{html.escape(match.name)}</b> <span style='color:#555'>(tệp "
                       f"'{html.escape(file)}')</span>", layout=w.Layout(width="380px"))
        if not match.suggestions:
            return w.HBox([label, w.HTML("không có đơn vị nào trong sổ chỉ tiêu có tên gần giống")])
        row = w.HBox([label, w.HTML("Có phải là:"), *(self._accept_button(match.name, unit)
                                                     for unit in match.suggestions)])
        row.add_class("ct-unit-row")
        return row

    def _accept_button(self, name: str, unit: str) -> w.Button:
        button = w.Button(description=f"Chấp nhận: {unit}", button_style="info", layout=w.Layout(width="auto"),
                          tooltip=f"Coi '{name}' là '{unit}' từ nay về sau")
        button.on_click(lambda _button: self.on_unit(name, unit))
        return button


def column_heading() -> w.HTML:
    """What the column rows are for, and the labels over their cells."""
    cells = "".join(f"<div style='width:{width};font-weight:bold'>{text}</div>" for text, width in COLUMN_WIDTHS)
    note = ("Các cột số máy đã đọc, với vai trò và căn cứ. Chọn lại ở cột giữa nếu máy đọc sai, bấm “Đúng” nếu máy "
            "đọc đúng một cột cần kiểm tra (cột dưới 80% chưa được tính cho đến khi xác nhận); lựa chọn được lưu "
            "cho mẫu biểu này và dùng lại ở các lần sau.")
    return w.HTML(f"<div>{note}</div><div style='display:flex;gap:4px;margin-top:4px'>{cells}</div>")


def close_widget(widget: w.Widget) -> None:
    """Close a widget and every widget inside it, so rebuilt review rows do not pile up in the kernel."""
    for child in getattr(widget, "children", ()):
        close_widget(child)
    widget.close()
