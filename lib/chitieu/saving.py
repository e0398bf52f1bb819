"""Files written whole or not at all, never over another one.

A file is written under ``<folder>/.partial/`` first, then linked to its name: a link fails
if the name is taken (two sessions in the same second), and a process killed midway leaves
only its partial file, which the next save in that folder sweeps away. A full disk or
another write error becomes a Vietnamese message, with nothing left behind.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Callable

from chitieu.findings import ChitieuError, fail

PARTIAL_DIR = ".partial"


def partial_file(folder: Path, suffix: str) -> Path:
    """A new empty file in ``folder/.partial/`` named after this process; partial files of
    processes that no longer run are removed first."""
    partial = folder / PARTIAL_DIR
    while True:
        partial.mkdir(parents=True, exist_ok=True)
        _sweep(partial)
        try:
            handle, name = tempfile.mkstemp(prefix=f"{os.getpid()}.", suffix=suffix, dir=partial)
        except FileNotFoundError:  # another save removed the folder as it emptied: make it again
            continue
        os.close(handle)
        return Path(name)


def _sweep(partial: Path) -> None:
    for leftover in partial.iterdir():
        pid = leftover.name.split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def publish(partial: Path, target: Path) -> Path:
    """Give the finished ``partial`` file its name ``target``; FileExistsError if it is taken."""
    try:
        os.link(partial, target)
    finally:
        discard(partial)
    return target


def discard(partial: Path) -> None:
    """Remove a partial file, and its folder once empty, so the folder shows finished files only."""
    partial.unlink(missing_ok=True)
    try:
        partial.parent.rmdir()
    except OSError:  # other saves under way
        pass


def write_error(error: BaseException, name: str) -> ChitieuError:
    """The Vietnamese message for a failed write: a full disk, or the system's reason."""
    cause = error
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__ or (cause.args[0] if cause.args and
                                                         isinstance(cause.args[0], BaseException) else None)
    if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT):
        return fail("disk-full", name=name)
    reason = os.strerror(cause.errno) if isinstance(cause, OSError) and cause.errno else type(error).__name__
    return fail("write-failed", name=name, reason=reason)


def save_bytes(content: bytes, target: Path, folder: Path) -> Path:
    """``content`` written whole under ``target`` (partial file in ``folder/.partial/``, on the same
    disk); FileExistsError if the name is taken, ChitieuError (disk full, no permission) with
    nothing left behind if it cannot be written."""
    partial = _written_partial(lambda path: path.write_bytes(content), target, folder)
    return publish(partial, target)


def replace_text(text: str, target: Path) -> Path:
    """``text`` written whole as ``target``, put in place of the file there in one step: a crash or a
    full disk midway leaves the earlier file as it was (for a file that is kept up to date, as the
    mapping profile)."""
    partial = _written_partial(lambda path: path.write_text(text, encoding="utf-8"), target, target.parent)
    try:
        os.replace(partial, target)
    except OSError as error:
        raise write_error(error, target.name) from None
    finally:
        discard(partial)
    return target


def _written_partial(write: Callable[[Path], object], target: Path, folder: Path) -> Path:
    """A partial file in ``folder`` holding what ``write`` wrote; ChitieuError, with nothing left, if it failed."""
    try:
        partial = partial_file(folder, target.suffix)
    except OSError as error:
        raise write_error(error, target.name) from None
    try:
        write(partial)
    except OSError as error:
        discard(partial)
        raise write_error(error, target.name) from None
    return partial
