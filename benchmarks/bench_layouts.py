"""The layout property on thousands of generated workbook pairs, in one run: every figure of the summary is
the true one, or a warning or an error names the unit or the column (tests/layout_pairs.py builds the pairs,
the same generator and the same check as tests/mapping/test_unseen_layouts.py, without shrinking).

Prints the count, the failures (with the first few), the total time and the time per pair, and the same
files read by a plain pandas baseline (``pd.read_excel`` of each file + ``groupby`` on its unit column),
with the ratio. Run: ``PYTHONPATH=lib python benchmarks/bench_layouts.py [PAIRS] [--seed N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from layout_pairs import Pair, pairs, summarise_pair, wrong_figures


def plain_pandas(paths: list[Path]) -> None:
    """What an analyst would type: each sheet read with pandas, its figures summed per unit."""
    for path in paths:
        frame = pd.read_excel(path, sheet_name=0, header=None, engine="calamine")
        frame.iloc[:, 2:].apply(pd.to_numeric, errors="coerce").groupby(frame.iloc[:, 1]).sum()


class Run:
    """The pairs tried, the failures found, and the seconds spent in chitieu and in pandas."""

    def __init__(self) -> None:
        self.count, self.failures, self.chitieu, self.pandas, self.files = 0, [], 0.0, 0.0, 0

    def check(self, pair: Pair) -> None:
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            try:
                summary, quota, results = summarise_pair(pair, Path(folder))
                wrong = wrong_figures(pair, summary)
            except Exception as error:  # noqa: BLE001 (a crash is a failure too, counted with the others)
                quota, results, wrong = *pair.write(Path(folder)), [f"{type(error).__name__}: {error}"]
            self.chitieu += time.perf_counter() - began
            files = list(dict.fromkeys([*quota, *results]))
            began = time.perf_counter()
            plain_pandas(files)
            self.pandas += time.perf_counter() - began
        self.count += 1
        self.files += len(files)
        if wrong:  # said at once: a long run stopped early still names what it found
            self.failures.append((pair, wrong))
            print(f"  failing pair {self.count:,}: {pair.slots} {pair.codes}: {'; '.join(wrong[:3])}", flush=True)
        if self.count % 500 == 0:
            print(f"  … {self.count:,} pairs, {len(self.failures)} failing, chitieu {self.chitieu:.0f} s, "
                  f"pandas {self.pandas:.0f} s", flush=True)


def main(count: int, at: int) -> None:
    warnings.simplefilter("ignore")
    run = Run()

    @seed(at)
    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(pairs())
    def each(pair: Pair) -> None:
        run.check(pair)

    began = time.perf_counter()
    each()
    total = time.perf_counter() - began
    print(f"{run.count:,} workbook pairs ({run.files:,} files), seed {at}: {len(run.failures)} failing")
    for pair, wrong in run.failures[:5]:
        print(f"  {pair.slots} {pair.codes}: {'; '.join(wrong[:3])}")
    print(f"total run (generating, writing, checking): {total:.0f} s")
    print(f"chitieu summarise_files + check: {run.chitieu:.1f} s, {1000 * run.chitieu / run.count:.0f} ms per pair")
    print(f"pandas read_excel + groupby:     {run.pandas:.1f} s, {1000 * run.pandas / run.count:.0f} ms per pair")
    print(f"ratio chitieu / pandas:          {run.chitieu / run.pandas:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs", nargs="?", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    main(options.pairs, options.seed)
