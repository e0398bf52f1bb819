from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from chitieu.mapping.records import RECORD_COLUMNS, RECORD_DTYPES

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"


@pytest.fixture
def soc_trang() -> dict[str, object]:
    folder = INPUTS / "soc_trang"
    return {"quota": [folder / "chi_tieu_dddt.xlsx"], "results": sorted(folder.glob("ket_qua_*.xlsx"))}


@pytest.fixture
def minh_thang() -> dict[str, object]:
    folder = INPUTS / "minh_thang"
    return {"quota": [folder / "chi_tieu_4_phu.xlsx"], "results": sorted(folder.glob("KQ *.xlsx"))}


def make_records(rows: list[tuple]) -> pd.DataFrame:
    """Tidy records from (unit, parent, indicator, role, value, as_of[, file]) tuples, as read_records gives."""
    frame = pd.DataFrame(
        [{"file": rest[0] if rest else "test.xlsx", "sheet": "Sheet1", "row": i + 2, "column": "C", "label": role,
          "unit": unit, "parent": parent, "level": 1 if parent else 0, "indicator": indicator, "role": role,
          "confidence": 1.0, "value": value, "as_of": as_of}
         for i, (unit, parent, indicator, role, value, as_of, *rest) in enumerate(rows)],
        columns=RECORD_COLUMNS)
    return frame.astype(RECORD_DTYPES)


D = date
