"""The central ticket service: head office's side of every case (a separate deployable).

``central.api`` (FastAPI routers), ``central.store`` (its own models and Alembic
migrations), ``central.domain`` (ownership, rebuilding a case from its events,
deadlines from shipped rules versions), ``central.cli`` (``complaint-central``).
It shares only :mod:`app.contract` and the pure :mod:`app.domain` rules with the
desk, never the desk's store, services or GUI.
"""
