"""The emulation ranking leaders decide from: one score per unit from weighted, capped percents; units
that did not report, reported late too often or have figures to check left out; reward and criticism
lists; the same inputs always give the same ranking."""

from __future__ import annotations

from datetime import date, datetime, time

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu import summarise_files
from chitieu.findings import ChitieuError
from chitieu.summary.campaign import Campaign
from chitieu.summary.emulation import CRITICISM, REWARD, Rules, load_rules, rank_emulation
from chitieu.summary.table import Summary
from chitieu.summary.timeliness import Schedule, judge_reporting, received_times
from conftest import INPUTS
from report.books import quota_book, result_book

from .test_timeliness import QUOTAS, weekly_commune

MINH_THANG = INPUTS / "minh_thang"


def minh_thang_summary() -> Summary:
    return summarise_files([MINH_THANG / "chi_tieu_4_phu.xlsx"], sorted(MINH_THANG.glob("KQ *.xlsx")))


def test_the_ranking_of_the_samples_is_the_same_every_time():
    first, second = rank_emulation(minh_thang_summary()), rank_emulation(minh_thang_summary())
    pd.testing.assert_frame_equal(first.table, second.table)
    assert first.reward == second.reward and first.criticism == second.criticism
    assert first.table["label"].tolist()[:7] == sorted(first.table["label"], key=lambda label: (
        first.table.set_index("label").loc[label, "rank"], label))  # by rank, ties by name
    assert first.table["rank"].notna().sum() == 7


def synthetic(percents: list[list[float | None]], checks: list[bool]) -> Summary:
    """Units U0… each with the percents of indicators cccd, dddt, sim (None: not reported)."""
    codes = ["cccd", "dddt", "sim"]
    rows = [{"place": f"U{u}", "label": f"Ấp {u % 3}" if u < 6 else f"Ấp {u}", "parent_place": "Xã",
             "indicator": codes[i], "quota": 100.0, "percent": p, "result": None if p is None else p * 100,
             "check": "cần kiểm tra: kết quả tăng bất thường" if checked and i == 0 else None}
            for u, (unit, checked) in enumerate(zip(percents, checks)) for i, p in enumerate(unit)]
    return Summary(Campaign(date(2025, 1, 1), date(2025, 3, 1), date(2025, 2, 1)), pd.DataFrame(rows))


percents = st.lists(st.lists(st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.5, 3.0])),
                             min_size=3, max_size=3), min_size=1, max_size=9)


@settings(max_examples=60, deadline=None)
@given(percents, st.data())
def test_the_score_is_the_weighted_mean_of_capped_percents_and_ties_share_a_rank(units, data):
    checks = data.draw(st.lists(st.booleans(), min_size=len(units), max_size=len(units)))
    rules = Rules(weights={"dddt": 2.0, "sim": 0.5}, percent_cap=1.2)
    ranking = rank_emulation(synthetic(units, checks), rules).table.set_index("place")
    for u, (unit, checked) in enumerate(zip(units, checks)):
        row = ranking.loc[f"U{u}"]
        expected = sum(w * min(p or 0.0, 1.2) for w, p in zip([1, 2, 0.5], unit)) / 3.5
        assert row["score"] == pytest.approx(expected)
        assert pd.isna(row["rank"]) == (checked or all(p is None for p in unit))
    ranked = ranking[ranking["rank"].notna()]
    for _, a in ranked.iterrows():  # a rank is one more than the units scoring strictly better
        assert a["rank"] == 1 + (ranked["score"] > a["score"] + 1e-12).sum()
    shuffled = synthetic(units, checks)
    shuffled.table = shuffled.table.sample(frac=1, random_state=data.draw(st.integers(0, 99)))
    pd.testing.assert_frame_equal(rank_emulation(shuffled, rules).table.reset_index(drop=True),
                                  ranking.reset_index().reindex(columns=rank_emulation(shuffled, rules).table.columns))


def test_reward_and_criticism_follow_the_thresholds_and_the_units_left_out(tmp_path):
    summary, reporting = weekly_commune(tmp_path)
    found = rank_emulation(summary, load_rules(), reporting).table.set_index("label")
    assert found.loc["Thôn Bắc", "excluded"] == "báo cáo cũ (số liệu đến 04/06/2025)"
    assert found.loc["Thôn Bắc", "proposal"] == CRITICISM and pd.isna(found.loc["Thôn Bắc", "rank"])
    # 20/40, 15/35, 30/50: none reaches 100 % (no reward); 50 % and 43 % are at most 0.5 (criticised)
    assert found["proposal"].tolist().count(REWARD) == 0
    assert found.loc[["Thôn Đông", "Thôn Tây"], "proposal"].tolist() == [CRITICISM] * 2
    assert found.loc["Thôn Nam", "proposal"] is None and found.loc["Thôn Nam", "rank"] == 1
    rules = tmp_path / "thi_dua.yaml"
    rules.write_text("percent_cap: 1\nreward: {top: 1, min_score: 0.5}\ncriticism: {bottom: 0, excluded: false}\n",
                     encoding="utf-8")
    found = rank_emulation(summary, load_rules(rules), reporting)
    assert found.reward == ["Thôn Nam"] and found.criticism == []
    # every unit missed the week of 19/6: more than 0 late or missing reports leaves them all out
    assert rank_emulation(summary, Rules(late_more_than=0), reporting).table["rank"].isna().all()


def test_a_unit_late_more_often_than_the_rules_allow_is_left_out(tmp_path):
    days = ["2.6.2025", "3.6.2025", "4.6.2025"]
    books = [result_book(tmp_path, d, {u: 5 * (i + 1) for u in QUOTAS}) for i, d in enumerate(days)]
    summary = summarise_files([quota_book(tmp_path, QUOTAS)], books, start=date(2025, 6, 2), end=date(2025, 6, 30),
                              as_of=date(2025, 6, 4))
    late = {b.name: datetime(2025, 6, 2 + i, 18, 0) for i, b in enumerate(books)}  # each an hour after 17:00
    reporting = judge_reporting(summary, Schedule(None, time(17, 0)), received_times(summary.sources, late))
    assert set(rank_emulation(summary, Rules(late_more_than=2), reporting).table["excluded"]) == {
        "báo cáo muộn hoặc thiếu 3 kỳ"}
    assert rank_emulation(summary, Rules(late_more_than=3), reporting).table["rank"].tolist() == [1, 2, 3, 4]


@pytest.mark.parametrize("text", ["percent_cap: [1]\n", "weights: {dddt: -1}\n", "exclude: 3\n", "- a\n"])
def test_rules_that_are_not_rules_are_refused(tmp_path, text):
    path = tmp_path / "thi_dua.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChitieuError, match="thi_dua.yaml"):
        load_rules(path)
