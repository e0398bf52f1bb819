"""The Sóc Trăng annex (Kế hoạch 142/KH-UBND, 2023) as an officer would check it."""

from chitieu import read_records, summarise_files, summarise_progress
from chitieu.messages import WARNING
from chitieu.summary.campaign import make_campaign

PUBLISHED_DAILY = {"TP Sóc Trăng": 1539, "TX Vĩnh Châu": 2273, "TX Ngã Năm": 950, "Châu Thành": 1415,
                   "Cù Lao Dung": 851, "Kế Sách": 2306, "Long Phú": 1553, "Mỹ Tú": 1538, "Mỹ Xuyên": 1989,
                   "Thạnh Trị": 1141, "Trần Đề": 1925}


def test_daily_quotas_computed_over_33_days_equal_the_published_column(soc_trang):
    loaded = read_records(soc_trang["quota"])
    published = loaded.records[loaded.records["role"] == "daily_quota"]
    assert dict(zip(published["unit"], published["value"])) == PUBLISHED_DAILY
    totals_only = loaded.records[loaded.records["role"] == "quota"]
    campaign = make_campaign(None, None, None, 33, found_period=loaded.period)
    table = summarise_progress(totals_only, campaign).table
    computed = table[table["level"] == 1]
    assert dict(zip(computed["unit"], computed["daily_quota"])) == PUBLISHED_DAILY


def test_province_row_and_the_rounding_difference(soc_trang):
    summary = summarise_files(soc_trang["quota"], soc_trang["results"], days=33)
    c = summary.campaign
    assert (c.start.isoformat(), c.end.isoformat(), c.as_of.isoformat()) == ("2023-07-18", "2023-08-18", "2023-07-27")
    assert (c.days_total, c.days_elapsed) == (33, 10)
    province = summary.table[summary.table["unit"] == "Tỉnh Sóc Trăng"].iloc[0]
    assert province["quota"] == 576903 and province["level"] == 0
    assert province["daily_quota"] == 17480  # the roll-up sums its rows
    totals = [f for f in summary.findings if f.code.startswith("total-")]
    assert len(totals) == 1
    assert totals[0].code == "total-rounding" and totals[0].severity == WARNING
    assert "17.482" in totals[0].message and "17.480" in totals[0].message
    assert totals[0].row == 16 and totals[0].column.startswith("D ")


def test_results_spelled_as_districts_write_them_all_match(soc_trang):
    summary = summarise_files(soc_trang["quota"], soc_trang["results"], days=33)
    assert not [f for f in summary.findings if f.code == "unit-unmatched"]
    districts = summary.table[summary.table["level"] == 1]
    assert len(districts) == 11 and districts["result"].notna().all()
    # Trần Đề did not report on 20/7; its result is the later snapshot's
    assert summary.history[summary.history["unit"] == "Trần Đề"]["as_of"].min().isoformat() == "2023-07-24"
