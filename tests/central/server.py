"""A real uvicorn server on 127.0.0.1 (ephemeral port) running the service, in a thread of the test."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

import uvicorn

from central.api.app import create_app, utc_now
from central.store.db import Store


@contextmanager
def running_service(store: Store, clock: Callable[[], datetime] = utc_now) -> Iterator[str]:
    """Serve ``store`` on 127.0.0.1 until the block ends; yields the base URL."""
    config = uvicorn.Config(create_app(store, clock=clock), host="127.0.0.1", port=0, log_level="warning",
                            lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    started = threading.Event()
    failed: list[BaseException] = []

    def serve() -> None:
        try:
            server.run()
        except BaseException as exc:  # reported to the test below, never lost
            failed.append(exc)
        finally:
            started.set()

    original_startup = server.startup

    async def startup(sockets: object = None) -> None:
        await original_startup(sockets)  # type: ignore[arg-type]
        started.set()

    server.startup = startup  # type: ignore[method-assign]
    thread = threading.Thread(target=serve, name="central-test-server", daemon=True)
    thread.start()
    if not started.wait(30) or failed or not server.started:
        server.should_exit = True
        raise RuntimeError(f"the test server did not start: {failed!r}")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
