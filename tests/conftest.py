"""Test set-up shared by every test: headless Qt, a file keyring, a throw-away desk home."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desk_binding import bind_test_desk

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A real keyring backend, file-based, in a folder of this test run only.
_KEYRING_HOME = tempfile.mkdtemp(prefix="cd-keyring-")
os.environ["XDG_DATA_HOME"] = _KEYRING_HOME
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ.pop("COMPLAINT_DESK_HOME", None)
# Chosen explicitly (as a headless desk must): the app refuses a plain-file keyring it merely fell back to.


@pytest.fixture
def desk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty desk home folder, also exported as COMPLAINT_DESK_HOME for child processes."""
    home = tmp_path / "desk"
    home.mkdir()
    monkeypatch.setenv("COMPLAINT_DESK_HOME", str(home))
    yield home


@pytest.fixture(autouse=True)
def bound_test_desk() -> Iterator[None]:
    """Key look-ups outside an opened desk use one fixed test desk; every test starts from it."""
    bind_test_desk()
    yield
    bind_test_desk()


bind_test_desk()  # before any session-scoped fixture needs a key
