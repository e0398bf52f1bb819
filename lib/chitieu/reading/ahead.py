"""Files read one ahead: the next file's reading is begun, its workbook parsed in a thread, while the caller
works on this one.

Calamine parses a workbook in Rust without holding Python's lock, so on a machine of two cores the next
day's workbook is parsed while this one's tables are laid out and mapped. Only the parse runs in the thread:
Python work there would wait for the lock each time it took it back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Read = TypeVar("Read")


def read_ahead(begin: Callable[[Item, Executor], Callable[[], Read]], items: Iterable[Item]
               ) -> Iterator[tuple[Item, Read]]:
    """Each item with what reading it gives, in order. ``begin(item, parser)`` begins an item's reading and
    returns the call that finishes it; the next item's is begun before this one's is finished, so that its
    parse runs meanwhile. An error met in beginning an item is raised at that item's turn."""
    items = list(items)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chitieu-parse") as parser:
        following = _begun(begin, items[0], parser) if items else None
        for position, item in enumerate(items):
            finish = following
            if position + 1 < len(items):
                following = _begun(begin, items[position + 1], parser)
            yield item, finish()


def _begun(begin: Callable[[Item, Executor], Callable[[], Read]], item: Item, parser: Executor
           ) -> Callable[[], Read]:
    try:
        return begin(item, parser)
    except Exception as error:  # said in the item's turn, after the items before it
        return _raising(error)


def _raising(error: Exception) -> Callable[[], Read]:
    def finish() -> Read:
        raise error
    return finish
