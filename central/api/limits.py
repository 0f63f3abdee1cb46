"""Request body size limits, enforced while the body streams in (a missing or lying Content-Length does not help)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: A push of MAX_PUSH_EVENTS events with long texts stays well below this.
PUSH_LIMIT = 16 * 1024 * 1024
DEFAULT_LIMIT = 64 * 1024


#: One PATCH of a recording upload (clients send chunks of a few MiB).
CHUNK_LIMIT = 32 * 1024 * 1024


def limit_for(method: str, path: str) -> int:
    if method == "POST" and path == "/api/v1/events":
        return PUSH_LIMIT
    if method == "PATCH" and path.startswith("/api/v1/uploads/"):
        return CHUNK_LIMIT
    return DEFAULT_LIMIT


class BodySizeLimit:
    """Answers 413 as soon as a request body passes its route's limit."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["method"], scope["path"])
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await _too_large(send, limit)
                return
        # Read the body up to the limit before the app sees it: FastAPI would turn an
        # error raised while it reads into a 400, and the client deserves a 413.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > limit:
                await _too_large(send, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps({"code": "body_too_large", "detail": f"request body is larger than {limit} bytes",
                       "field": "body"}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
