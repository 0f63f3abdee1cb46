"""What the desk and the central ticket service agree on: event kinds, their content, API payloads.

Both sides import this package and nothing else of each other.  It holds pydantic
models only and must not import the desk's store or services, the GUI or Qt
(an import-linter contract in pyproject.toml checks that).  ``CONTRACT_VERSION``
is bumped whenever a payload changes incompatibly; the service refuses a batch
written for another version instead of guessing.
"""

from __future__ import annotations

CONTRACT_VERSION = 1

__all__ = ["CONTRACT_VERSION"]
