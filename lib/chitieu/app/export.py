"""Section 5 of the page: the state form's fields (kept in the profile), and the report of the rows the
filters keep, written under outputs/ and offered for download."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import yaml

from chitieu.app.campaign import CampaignForm
from chitieu.app.reads import summary_as_made
from chitieu.app.views import download_link_html, error_html
from chitieu.findings import ChitieuError
from chitieu.mapping.profiles import load_report_fields, save_report_fields
from chitieu.report.form import Form
from chitieu.report.order import LAG, ORDERS, TREE
from chitieu.report.write import write_report
from chitieu.summary.emulation import Rules
from chitieu.summary.table import Summary
from chitieu.summary.timeliness import Reporting

# the form's fields this section asks for (the unit's name and place are asked with the campaign)
FIELD_LABELS = {"superior": ("Cơ quan chủ quản", "CÔNG AN HUYỆN CHÂU THÀNH"), "number": ("Số, ký hiệu", "15/BC-CAX"),
                "signer_title": ("Chức vụ người ký", "TRƯỞNG CÔNG AN XÃ"), "signer_name": ("Họ tên người ký", ""),
                "preparer": ("Người lập biểu", "")}
ORDER_LABELS = {TREE: "Theo cây đơn vị", LAG: "Đơn vị chậm nhiều nhất lên đầu"}
WIDE = {"description_width": "initial"}


class ReportFields:
    """The heading and closing fields of the report and the order of its units, prefilled from the
    ``profile``'s ``report:`` section and kept there as they are typed; ``campaign`` holds the unit's
    name and place."""

    def __init__(self, profile: Path, campaign: CampaignForm):
        self.profile, self.campaign = profile, campaign
        self.note = w.HTML()
        saved = self._saved()
        form = Form.from_dict(saved)
        self.texts = {key: w.Text(value=getattr(form, key), description=label, placeholder=example, style=WIDE,
                                  continuous_update=False) for key, (label, example) in FIELD_LABELS.items()}
        self.recipients = w.Textarea(value="\n".join(form.recipients), description="Nơi nhận (mỗi dòng một nơi)",
                                     placeholder="Công an huyện (để báo cáo)\nĐảng ủy, UBND xã", style=WIDE,
                                     continuous_update=False, layout=w.Layout(width="420px", height="80px"))
        self.order = w.Dropdown(options=[(label, key) for key, label in ORDER_LABELS.items()], style=WIDE,
                                value=saved.get("sort") if saved.get("sort") in ORDERS else TREE,
                                description="Thứ tự đơn vị trong Tổng hợp")
        for field in (*self.texts.values(), self.recipients, self.order):
            field.observe(lambda _: self.save(), "value")
        texts = list(self.texts.values())
        self.widget = w.VBox([w.HBox(texts[:2]), w.HBox(texts[2:]), w.HBox([self.recipients, self.order]), self.note])

    def _saved(self) -> dict[str, object]:
        try:
            return load_report_fields(self.profile)
        except ChitieuError as error:  # a profile that cannot be read: the fields start empty, and say why
            self.note.value = error_html(f"Lỗi: {error}")
            return {}

    def form(self) -> Form:
        """The form as filled in: the unit's name and place typed with the campaign, else the profile's."""
        given = Form(unit_name=self.campaign.unit_name.value.strip(), place=self.campaign.place.value.strip(),
                     recipients=tuple(line.strip() for line in self.recipients.value.splitlines() if line.strip()),
                     **{key: text.value.strip() for key, text in self.texts.items()})
        return given.over(Form.from_dict(self._saved()))

    def save(self) -> None:
        """Keep the fields in the profile (a field emptied is kept empty); a disk that refuses is said."""
        fields = {**{key: text.value.strip() for key, text in self.texts.items()},
                  "recipients": [line.strip() for line in self.recipients.value.splitlines() if line.strip()],
                  "sort": self.order.value}
        fields.update({key: value for key, value in self.form().to_dict().items() if key in ("unit_name", "place")})
        try:
            self.profile.parent.mkdir(parents=True, exist_ok=True)
            save_report_fields(self.profile, fields)
            self.note.value = ""
        except (OSError, ChitieuError, yaml.YAMLError) as error:
            self.note.value = error_html(f"Không lưu được thể thức báo cáo vào {self.profile.name} ({error}).")


def export_report(summary: Summary | None, folder: Path, fields: ReportFields, selection: dict[str, tuple],
                  reporting: Reporting | None = None, rules: Rules | None = None) -> tuple[Path | None, str]:
    """The report of ``summary``'s rows that ``selection`` keeps (None: no rows to report), headed and
    closed with the form's ``fields`` (with the sheets of the units' ``reporting`` and the emulation
    ``rules``), written in ``folder``, and what the page shows: the download link, or why there is none."""
    if summary is None:
        return None, error_html("Không có dòng nào để xuất báo cáo; hãy nới bộ lọc.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fields.save()
        name = f"Báo cáo tiến độ {summary.campaign.as_of:%d-%m-%Y}.xlsx"
        path = write_report(summary_as_made(summary), folder / name, form=fields.form(), order=fields.order.value,
                            reporting=reporting, rules=rules, **selection)
    except ChitieuError as error:  # a full disk
        return None, error_html(f"Lỗi: {error}")
    except Exception as error:  # the officer sees a Vietnamese message, never a traceback
        return None, error_html(f"Không xuất được báo cáo ({type(error).__name__}).")
    return path, download_link_html(path)
