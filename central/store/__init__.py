"""The service's own store: models, engine set-up and Alembic migrations."""
