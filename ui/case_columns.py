"""Columns of the case list (kept apart from the model so the window frame loads without the store)."""

from __future__ import annotations

from enum import IntEnum


class Column(IntEnum):
    NUMBER = 0
    RECEIVED = 1
    COMPLAINANT = 2
    CLASSIFICATION = 3
    STATE = 4
    FIRST_RESPONDER = 5
    DUE = 6


#: The SortKey (app.services.case_rows) of each column, in Column order.
SORT_KEYS = ("number", "received", "complainant", "classification", "state", "first_responder", "due")

#: DueFilter values in menu order (app.services.queries.DueFilter; a test keeps them equal).
DUE_FILTERS = ("all", "open", "overdue", "due_soon", "paused", "closed")

#: CaseState values in menu order (app.domain.states.CaseState; a test keeps them equal).
STATES = ("registered", "accepted", "in_progress", "paused", "decided", "review_requested", "reviewed", "closed",
          "withdrawn", "declined")
