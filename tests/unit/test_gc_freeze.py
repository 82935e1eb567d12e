"""serve and worker freeze what start-up made, so a full collection under a burst walks only
what the traffic made (a test process, which builds many apps, does not)."""

from __future__ import annotations

import gc

from aiohttp import web

from bot.app import cli, gc_freeze


def test_startup_objects_leave_the_collections():
    kept = [object() for _ in range(1000)]  # noqa: F841  (alive at start-up, like a module)
    before = gc.get_freeze_count()
    try:
        gc_freeze.freeze_startup_objects()
        assert gc.get_freeze_count() >= before + 1000
    finally:
        gc.unfreeze()  # the test process keeps its objects collectable


def test_serve_freezes_after_every_other_start_up_step(monkeypatch, make_settings):
    started: list[web.Application] = []
    monkeypatch.setattr(cli, "_settings_or_exit", lambda: make_settings())
    monkeypatch.setattr(cli, "configure_logging", lambda level: None)
    monkeypatch.setattr(web, "run_app", lambda app, **kwargs: started.append(app))
    assert cli.serve() == 0
    [app] = started
    assert list(app.on_startup)[-1] is gc_freeze.on_startup
