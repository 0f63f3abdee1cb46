"""The service's own secrets, made once and kept in its store (shared by every instance on one database)."""

from __future__ import annotations

import base64
import os
from datetime import datetime

from sqlalchemy.orm import Session

from central.store.models import ServiceSecret

PERSON_MATCH_KEY = "person-match-key/1"


def person_match_key(session: Session, now: datetime) -> str:
    """The bank-wide person-match key (base64 of 32 random bytes), created on first use."""
    row = session.get(ServiceSecret, PERSON_MATCH_KEY)
    if row is None:
        row = ServiceSecret(name=PERSON_MATCH_KEY, value=base64.b64encode(os.urandom(32)).decode(), created_at=now)
        session.add(row)
    return row.value
