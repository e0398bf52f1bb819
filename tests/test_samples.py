"""The sample inputs are what scripts/make_samples.py writes from the seed plans."""

import importlib.util

import python_calamine

from conftest import INPUTS, ROOT


def cells(path):
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_committed_samples_are_what_the_script_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.make_samples(tmp_path)
    assert len(written) == 9
    for path in written:
        committed = INPUTS / path.relative_to(tmp_path)
        assert cells(path) == cells(committed), committed


def test_minh_thang_split_adds_up_to_the_commune_quotas(minh_thang):
    from chitieu import read_records
    records = read_records(minh_thang["quota"]).records
    totals = records.groupby("indicator")["value"].sum().to_dict()
    assert totals == {"cccd_truoc_7_2010": 33, "cccd_truoc_2009": 6, "dddt": 731, "smartphone": 63, "sim": 731}
    assert set(records["parent"]) == {"Xã Minh Thắng"}
