"""Short garbage-collection pauses. A full (generation 2) collection walks every tracked
object, and most of a started process's objects are there for good: modules, classes,
SQLAlchemy's mappings, the routes, the clients. Under a burst, full collections came every
few seconds, and walking all of them stopped the event loop for about 200 ms each time: the
acks' p99. Frozen once the process has started (`gc.freeze`), they are left out of every later
collection, which then walks only what the traffic made. Only `serve` and `worker` do this:
a test process builds and drops many apps, which must stay collectable."""

from __future__ import annotations

import gc

from aiohttp import web


def freeze_startup_objects() -> None:
    gc.collect()  # what start-up threw away is not kept forever
    gc.freeze()


async def on_startup(app: web.Application) -> None:
    """Appended after every other start-up step (the resources are built by then)."""
    freeze_startup_objects()
