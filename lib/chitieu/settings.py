"""Where chitieu keeps things, from one place: the project folder (the notebooks, ``voila.json``, the
samples), the uploads, the reports and the mapping profile.

Citizen lists (names, ID numbers) are not kept as uploaded: only their counts and SHA-256, unless
``CHITIEU_KEEP_LISTS_DAYS`` keeps the originals that many days (purged when the app starts after).

The project folder is ``CHITIEU_HOME`` when set, else the working folder or the nearest folder above it
that holds ``notebooks/app.ipynb`` (a Voilà kernel runs in ``notebooks/``). The uploads and the profile
can be moved with ``CHITIEU_UPLOADS`` and ``CHITIEU_PROFILE``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

APP_NOTEBOOK = Path("notebooks") / "app.ipynb"
# `chitieu app --quota/--results` hand the app its workbooks through these (paths joined by os.pathsep)
STARTUP_QUOTA, STARTUP_RESULTS = "CHITIEU_QUOTA", "CHITIEU_RESULTS"
KEEP_LISTS_DAYS = "CHITIEU_KEEP_LISTS_DAYS"


@dataclass(frozen=True)
class Settings:
    """The folders and files chitieu reads and writes.

    >>> s = Settings(Path("/srv/chitieu"))
    >>> str(s.uploads), str(s.profile)
    ('/srv/chitieu/inputs/uploads', '/srv/chitieu/inputs/uploads/mapping_profile.yaml')
    """

    home: Path
    upload_folder: Path | None = None
    profile_file: Path | None = None
    keep_lists_days: int = 0  # how many days an uploaded citizen list's original is kept (0: not at all)

    @property
    def samples(self) -> Path:
        return self.home / "inputs" / "minh_thang"

    @property
    def uploads(self) -> Path:
        return self.upload_folder or self.home / "inputs" / "uploads"

    @property
    def outputs(self) -> Path:
        return self.home / "outputs"

    @property
    def profile(self) -> Path:
        return self.profile_file or self.uploads / "mapping_profile.yaml"

    @property
    def app_notebook(self) -> Path:
        return self.home / APP_NOTEBOOK

    def startup_files(self, env: Mapping[str, str] = os.environ) -> tuple[list[Path], list[Path]]:
        """The workbooks the app opens on: those ``chitieu app --quota F... --results F...`` named, else
        the samples."""
        quota, results = env.get(STARTUP_QUOTA, ""), env.get(STARTUP_RESULTS, "")
        if not quota:
            return [self.samples / "chi_tieu_4_phu.xlsx"], sorted(self.samples.glob("KQ*.xlsx"))
        return [Path(f) for f in quota.split(os.pathsep)], [Path(f) for f in results.split(os.pathsep) if f]


def project_home(env: Mapping[str, str] = os.environ, cwd: Path | None = None) -> Path:
    """``CHITIEU_HOME``, else the working folder or the nearest one above it holding the app notebook,
    else the working folder."""
    if env.get("CHITIEU_HOME"):
        return Path(env["CHITIEU_HOME"]).resolve()
    here = (cwd or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if (folder / APP_NOTEBOOK).is_file()), here)


def load_settings(env: Mapping[str, str] = os.environ, cwd: Path | None = None) -> Settings:
    """The settings in force, from the environment and the working folder."""
    uploads, profile = env.get("CHITIEU_UPLOADS"), env.get("CHITIEU_PROFILE")
    keep = env.get(KEEP_LISTS_DAYS, "0").strip()
    return Settings(project_home(env, cwd), Path(uploads) if uploads else None, Path(profile) if profile else None,
                    int(keep) if keep.isdigit() else 0)


def sample_files() -> tuple[list[Path], list[Path]]:
    """The sample quota and result workbooks the app opens on (Minh Thắng)."""
    return load_settings().startup_files({})
