"""Python's cycle collector paused while workbooks are read and summarised.

Reading a national set of workbooks makes hundreds of thousands of small objects that stay alive (cells,
rows, records) and form no reference cycles. Each automatic collection walks every live object again, so
over a long read they cost more than the reading itself; paused, nothing is lost but those walks.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the block (or the decorated function), as it was after."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
