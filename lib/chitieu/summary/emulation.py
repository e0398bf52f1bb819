"""The emulation ranking (thi đua) leaders decide rewards and criticism from: one combined score per unit
(weighted percents, each capped), units left out by the rules (no report, late too often, figures still to
check), and the reward and criticism lists; the rules come from a YAML file (``emulation.yaml`` by default).
The same inputs always give the same ranking: ties share a rank and are listed by name."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from chitieu.findings import fail
from chitieu.summary.selection import lowest_rows
from chitieu.summary.table import Summary
from chitieu.summary.timeliness import LATE, MISSING, Reporting
from chitieu.yamlfile import read_yaml

RULES_PATH = Path(__file__).with_name("emulation.yaml")
REWARD, CRITICISM = "khen thưởng", "phê bình"
EMULATION_COLUMNS = ["rank", "place", "label", "score", "excluded", "proposal"]


@dataclass(frozen=True)
class Rules:
    """The emulation rules (``emulation.yaml`` documents each)."""

    weights: dict[str, float] = field(default_factory=dict)
    default_weight: float = 1.0
    percent_cap: float = 1.2
    no_report: bool = True
    late_more_than: int | None = 2
    unresolved_checks: bool = True
    reward_top: int = 3
    reward_min: float | None = 1.0
    criticism_bottom: int = 3
    criticism_max: float | None = 0.5
    criticise_excluded: bool = True

    def weight(self, indicator: str) -> float:
        return float(self.weights.get(indicator, self.default_weight))


def load_rules(path: str | Path | None = None) -> Rules:
    """The rules of ``path`` (the shipped ``emulation.yaml`` when None); a file that is not such rules is refused."""
    path = Path(path or RULES_PATH)
    try:
        data = read_yaml(path) or {}
        exclude, reward, criticism = (data.get(k) or {} for k in ("exclude", "reward", "criticism"))
        rules = Rules({str(k): float(v) for k, v in (data.get("weights") or {}).items()},
                      float(data.get("default_weight", 1)), float(data.get("percent_cap", 1.2)),
                      bool(exclude.get("no_report", True)), _optional(exclude.get("late_more_than"), int),
                      bool(exclude.get("unresolved_checks", True)), int(reward.get("top", 3)),
                      _optional(reward.get("min_score"), float), int(criticism.get("bottom", 3)),
                      _optional(criticism.get("max_score"), float), bool(criticism.get("excluded", True)))
    except OSError:
        raise fail("file-missing", file=path.name) from None
    except (yaml.YAMLError, AttributeError, TypeError, ValueError):
        raise fail("emulation-invalid", file=path.name) from None
    if rules.percent_cap <= 0 or min(rules.weights.values(), default=1) < 0 or rules.default_weight < 0:
        raise fail("emulation-invalid", file=path.name)
    return rules


def _optional(value: object, kind: type) -> object:
    return None if value is None else kind(value)


@dataclass
class Emulation:
    """The ranking (``EMULATION_COLUMNS``, ranked units first by rank then name, then the units left out by
    name) and the names proposed for reward and criticism."""

    rules: Rules
    table: pd.DataFrame
    reward: list[str]
    criticism: list[str]


def rank_emulation(summary: Summary, rules: Rules | None = None, reporting: Reporting | None = None) -> Emulation:
    """Each lowest unit of the summary scored, ranked or left out by ``rules`` (late reports counted from
    ``reporting`` when a schedule judged them), and the reward and criticism lists."""
    rules = rules or load_rules()
    rows = lowest_rows(summary.table).sort_values(["place", "indicator"], kind="stable")  # sums in one order
    weight = rows["indicator"].map(rules.weight).where(rows["quota"] > 0, 0.0)  # a quota of 0 asks nothing
    capped = np.minimum(rows["percent"].fillna(0.0), rules.percent_cap) * weight
    units = pd.DataFrame({"place": rows["place"], "label": rows["label"], "points": capped, "weight": weight})
    units = units.groupby("place", sort=False).agg(label=("label", "first"), points=("points", "sum"),
                                                   weight=("weight", "sum"))
    # rounded: a score is shown to 0.1 %, and equal scores must tie whatever order the rows came in
    units["score"] = (units["points"] / units["weight"]).where(units["weight"] > 0).round(9)
    units["excluded"] = pd.Series(_exclusions(rows, rules, reporting)).reindex(units.index)
    units = units.reset_index()
    ranked = units["excluded"].isna() & units["score"].notna()
    units["rank"] = units["score"].where(ranked).rank(ascending=False, method="min").astype("Int64")
    units = units.sort_values(["rank", "label", "place"], na_position="last", kind="stable").reset_index(drop=True)
    units["proposal"] = _proposals(units, units["rank"].notna(), rules)
    units["proposal"] = units["proposal"].where(units["proposal"] != "", None)
    return Emulation(rules, units[EMULATION_COLUMNS], units.loc[units["proposal"] == REWARD, "label"].tolist(),
                     units.loc[units["proposal"] == CRITICISM, "label"].tolist())


def _exclusions(rows: pd.DataFrame, rules: Rules, reporting: Reporting | None) -> dict[str, str]:
    """place → why the unit is left out of the ranking (the first rule it breaks)."""
    why: dict[str, str] = {}
    if rules.unresolved_checks:
        for place, check in zip(rows["place"], rows["check"]):
            if isinstance(check, str):
                why.setdefault(place, check)
    if reporting is not None and rules.late_more_than is not None:
        missed = reporting.table[reporting.table["status"].isin([LATE, MISSING])]
        for place, count in missed.groupby("place").size().items():
            if count > rules.late_more_than:
                why[place] = f"báo cáo muộn hoặc thiếu {count} kỳ"
    if rules.no_report:
        reported = rows["result"].notna().groupby(rows["place"], sort=False).any()
        why.update({place: "không báo cáo" for place in reported.index[~reported.to_numpy()]})
        for place, day in (reporting.stale.items() if reporting else ()):
            if day is not None:
                why[place] = f"báo cáo cũ (số liệu đến {day:%d/%m/%Y})"
    return why


def _proposals(units: pd.DataFrame, ranked: pd.Series, rules: Rules) -> pd.Series:
    """"khen thưởng" for the best ranked units within the rules, "phê bình" for the worst and (if the rules
    say so) those left out for not reporting or reporting late; each unit in at most one list."""
    proposal = pd.Series("", index=units.index, dtype=object)
    best = units[ranked & (units["score"] >= (rules.reward_min if rules.reward_min is not None else -np.inf))]
    proposal[best.index[:rules.reward_top]] = REWARD
    worst = units[ranked & (units["score"] <= (rules.criticism_max if rules.criticism_max is not None else np.inf))]
    worst = worst.sort_values(["score", "label", "place"], kind="stable")
    chosen = [i for i in worst.index if proposal[i] == ""][:rules.criticism_bottom]
    proposal[chosen] = CRITICISM
    if rules.criticise_excluded:
        not_reporting = units["excluded"].fillna("").str.match("không báo cáo|báo cáo cũ|báo cáo muộn")
        proposal[not_reporting] = CRITICISM
    return proposal
