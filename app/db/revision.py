"""The store's schema revision this program writes.

Apart from :mod:`app.db.migrate` so that the GUI's start-up can check a store
with the standard library's sqlite3 before SQLAlchemy is imported
(:mod:`app.services.first_page`).
"""

from __future__ import annotations

#: The newest migration in app/db/migrations/versions (a test keeps the two equal).
HEAD_REVISION = "0004_clock_stopped"
