"""Section 8: a doubtful figure confirmed with its button is ranked, and stays confirmed."""

from pathlib import Path

from chitieu.app.main import ChitieuApp
from summary.test_plausibility import daily_files, rows_by_unit


def test_the_officer_confirms_a_doubtful_figure_and_it_is_ranked(tmp_path: Path):
    quota, results = daily_files(tmp_path, {"25/07": {"TP Sóc Trăng": 12000, "Mỹ Tú": 1200},
                                            "26/07": {"TP Sóc Trăng": 13600, "Mỹ Tú": 120000}})
    app = ChitieuApp(quota, results, upload_dir=tmp_path / "uploads", profile=tmp_path / "profile.yaml")
    assert rows_by_unit(app.summary)["Mỹ Tú"]["rank"] is None
    [row] = app.confirm.widget.children
    assert "Mỹ Tú" in row.children[1].value
    row.children[0].click()
    assert rows_by_unit(app.summary)["Mỹ Tú"]["rank"] == 1 and app.confirm.widget.children == ()
    again = ChitieuApp(quota, results, upload_dir=tmp_path / "uploads", profile=tmp_path / "profile.yaml")
    assert rows_by_unit(again.summary)["Mỹ Tú"]["rank"] == 1
