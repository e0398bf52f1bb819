"""YAML files read with libyaml's parser where PyYAML was built with it: its pure-Python parser takes ten times
as long, and the catalog and vocabularies are read at the start of every summary."""

from __future__ import annotations

from pathlib import Path

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str | Path) -> object:
    """A UTF-8 YAML file's data, as ``yaml.safe_load`` gives it."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
