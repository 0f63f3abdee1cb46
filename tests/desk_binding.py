"""The desk whose keys a test (or a test's child process) uses when it opens no desk itself."""

from __future__ import annotations

#: open_desk binds each opened desk's own uuid; outside one, tests use this fixed one.
TEST_DESK_UUID = "00000000-0000-4000-8000-00000000c0de"


def bind_test_desk() -> None:
    from app import secrets

    secrets.bind_desk(TEST_DESK_UUID)
