"""Where Complaint Desk keeps its files: one module, one override for tests.

Everything lives under a single home folder when ``--data-dir`` or the
environment variable ``COMPLAINT_DESK_HOME`` is given; otherwise the
platform's user folders (platformdirs) are used.  Folders are created with
mode 0700 because they hold personal data and recordings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "complaint-desk"
HOME_ENV = "COMPLAINT_DESK_HOME"
#: Files a bank may drop into the desk's config folder to replace the shipped ones (DeskPaths.bank_file).
RULES_FILE, HOLIDAYS_FILE, REFERENCE_FILE = "complaint_rules.json", "holiday_overrides.json", "jrt0169_2018.json"


@dataclass(frozen=True)
class DeskPaths:
    """The folders one desk installation uses."""

    data: Path
    config: Path
    cache: Path
    recordings: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / "desk.sqlite3"

    @property
    def desk_id_file(self) -> Path:
        """The desk's uuid in plain text: known before the store is opened (its keys are named by it)."""
        return self.data / "desk.id"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def drafts(self) -> Path:
        return self.data / "drafts"

    def bank_file(self, name: str) -> Path | None:
        """A rule file the bank dropped into the config folder to replace the shipped one, if there is one."""
        candidate = self.config / name
        return candidate if candidate.is_file() else None

    def ensure(self) -> "DeskPaths":
        for folder in (self.data, self.config, self.cache, self.recordings, self.logs, self.drafts):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                os.chmod(folder, 0o700)
            except OSError:  # pragma: no cover - e.g. a read-only mount we do not own
                pass
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> DeskPaths:
    """Paths for ``data_dir`` (CLI flag), else $COMPLAINT_DESK_HOME, else platform folders."""
    home = data_dir if data_dir is not None else os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return DeskPaths(
            data=root,
            config=root / "config",
            cache=root / "cache",
            recordings=root / "recordings",
            logs=root / "logs",
        )
    import platformdirs  # only here: a desk with a home folder starts without it (~4 ms)

    return DeskPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        recordings=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "recordings",
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
