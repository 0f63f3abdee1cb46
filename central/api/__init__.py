"""The HTTP side of the service: the app factory and its /api/v1 routers."""
