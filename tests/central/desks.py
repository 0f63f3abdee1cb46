"""Test helpers: enrolling desks through the CLI and the API, a settable clock."""

from __future__ import annotations

import base64
import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
import httpx

from central.cli import main


@dataclass
class Clock:
    """The service's clock in tests: real time plus a shift a test may add."""

    shift: timedelta = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.shift


def issue_code(capsys: pytest.CaptureFixture[str], store_args: list[str], branch: str, desk: str,
               head_office: bool = False) -> str:
    """``complaint-central desk add``; the code is the last word of its last line."""
    capsys.readouterr()
    assert main([*store_args, "desk", "add", "--branch", branch, "--desk", desk,
                 *(["--head-office"] if head_office else [])]) == 0
    out = capsys.readouterr().out
    return out.strip().splitlines()[-1].split()[-1]


@dataclass
class EnrolledDesk:
    """A desk as the tests drive it: its identity, keys and token."""

    branch: str
    desk: str
    uuid: str
    token: str
    recording_key: Ed25519PrivateKey
    receipt_key: bytes
    answer: dict[str, Any] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def enrolment_body(code: str, branch: str, desk: str, desk_uuid: str | None = None
                   ) -> tuple[dict[str, Any], Ed25519PrivateKey, bytes]:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    receipt = os.urandom(32)
    body = {"code": code, "desk_uuid": desk_uuid or str(uuid.uuid4()), "branch": branch, "desk": desk,
            "recording_public_key": base64.b64encode(public).decode(),
            "receipt_key": base64.b64encode(receipt).decode()}
    return body, key, receipt


def enrol(client: httpx.Client, capsys: pytest.CaptureFixture[str], store_args: list[str], branch: str, desk: str,
          head_office: bool = False) -> EnrolledDesk:
    code = issue_code(capsys, store_args, branch, desk, head_office)
    body, key, receipt = enrolment_body(code, branch, desk)
    answer = client.post("/api/v1/enrol", json=body)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    return EnrolledDesk(branch, desk, body["desk_uuid"], data["token"], key, receipt, data)
