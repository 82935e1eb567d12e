"""The app through its real HTTP interface: health, readiness, metrics, errors, rate limits."""

from __future__ import annotations

import logging

import pytest
from aiohttp import web
from pydantic import BaseModel

from bot.app.composition import create_app
from bot.http.errors import read_json


class Greeting(BaseModel):
    name: str
    age: int


async def _echo(request: web.Request) -> web.Response:
    body = await read_json(request, Greeting)
    return web.json_response(body.model_dump())


async def _moved(_request: web.Request) -> web.Response:
    raise web.HTTPSeeOther("/healthz")  # as the sandbox checkout answers a payment


async def _boom(_request: web.Request) -> web.Response:
    raise RuntimeError("secret internals: password=hunter2")


@pytest.fixture
async def client(aiohttp_client, make_settings, sqlite_db_url):
    app = create_app(make_settings(database_url=sqlite_db_url, rate_limit_webchat_per_minute=3))
    # Test-only routes under a rate-limited prefix exercise body parsing and the 500 envelope.
    app.router.add_post("/webchat/test-echo", _echo)
    app.router.add_get("/test-boom", _boom)
    app.router.add_get("/test-boom/{token}", _boom)
    app.router.add_get("/test-moved", _moved)
    return await aiohttp_client(app)


def _assert_envelope(body: dict, code: str) -> None:
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert body["error"]["request_id"]


async def test_healthz(client):
    response = await client.get("/healthz")
    assert response.status == 200
    assert (await response.json()) == {"status": "ok"}
    assert response.headers["X-Request-ID"]


async def test_readyz_when_database_and_migrations_are_fine(client):
    response = await client.get("/readyz")
    body = await response.json()
    assert response.status == 200, body
    assert body["checks"] == {"database": "ok", "migrations": "ok"}


async def test_readyz_names_an_unreachable_database(aiohttp_client, make_settings):
    url = "postgresql+asyncpg://nobody@127.0.0.1:9/nothing"  # port 9 (discard): nothing listens
    client = await aiohttp_client(create_app(make_settings(database_url=url)))
    response = await client.get("/readyz")
    body = await response.json()
    assert response.status == 503
    assert "database" in body["down"]
    assert body["checks"]["database"].startswith("down")


async def test_readyz_names_pending_migrations(aiohttp_client, make_settings, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
    client = await aiohttp_client(create_app(make_settings(database_url=url)))
    response = await client.get("/readyz")
    body = await response.json()
    assert response.status == 503
    assert body["down"] == ["migrations"]
    assert "head is" in body["checks"]["migrations"]


async def test_readyz_names_redis_when_configured_and_down(
    aiohttp_client, make_settings, sqlite_db_url
):
    settings = make_settings(database_url=sqlite_db_url, redis_url="redis://127.0.0.1:9/0")
    client = await aiohttp_client(create_app(settings))
    response = await client.get("/readyz")
    body = await response.json()
    assert response.status == 503
    assert body["down"] == ["redis"]


async def test_metrics_count_requests_per_route(client):
    await client.get("/healthz")
    await client.get("/healthz")
    await client.get("/nope")
    text = await (await client.get("/metrics")).text()
    assert 'http_requests_total{method="GET",route="/healthz",status="200"} 2.0' in text
    assert 'route="unmatched",status="404"' in text
    assert 'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/healthz"}' in text


async def test_unknown_route_answers_in_the_envelope(client):
    response = await client.get("/no/such/thing", headers={"X-Request-ID": "req-abc"})
    assert response.status == 404
    body = await response.json()
    _assert_envelope(body, "not_found")
    assert body["error"]["request_id"] == "req-abc"


async def test_wrong_method_answers_405_with_allow(client):
    response = await client.post("/healthz")
    assert response.status == 405
    _assert_envelope(await response.json(), "method_not_allowed")
    assert "GET" in response.headers["Allow"]


async def test_malformed_and_invalid_bodies(client):
    bad_json = await client.post(
        "/webchat/test-echo", data=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert bad_json.status == 400
    _assert_envelope(await bad_json.json(), "malformed_json")

    wrong_shape = await client.post("/webchat/test-echo", json={"name": "Mira", "age": "x"})
    assert wrong_shape.status == 422
    body = await wrong_shape.json()
    _assert_envelope(body, "validation_failed")
    assert body["error"]["details"][0]["field"] == "age"


async def test_oversized_body_is_refused(client):
    response = await client.post(
        "/webchat/test-echo",
        data=b"x" * (1024 * 1024 + 10),
        headers={"Content-Type": "application/json"},
    )
    assert response.status == 413
    _assert_envelope(await response.json(), "payload_too_large")


async def test_internal_errors_do_not_leak(client):
    response = await client.get("/test-boom")
    assert response.status == 500
    body = await response.json()
    _assert_envelope(body, "internal_error")
    assert "hunter2" not in str(body) and "RuntimeError" not in str(body)


async def test_rate_limit_per_category_answers_429_with_retry_after(client):
    statuses = []
    for _ in range(4):
        response = await client.post("/webchat/test-echo", json={"name": "Mira", "age": 6})
        statuses.append(response.status)
    assert statuses == [200, 200, 200, 429]
    _assert_envelope(await response.json(), "rate_limited")
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    # Other categories are unaffected.
    assert (await client.get("/healthz")).status == 200


async def test_a_raised_redirect_is_counted_with_its_own_status(client):
    response = await client.get("/test-moved", allow_redirects=False)
    assert response.status == 303
    text = await (await client.get("/metrics")).text()
    assert 'route="/test-moved",status="303"' in text
    assert 'route="/test-moved",status="500"' not in text


async def test_the_request_log_names_the_route_never_a_signed_link(client, caplog):
    caplog.set_level(logging.INFO, logger="bot.http")
    secret_token = "v1.sometoken-that-must-stay-private.sig"
    await client.get(f"/files/{secret_token}")
    logged = [r for r in caplog.records if r.getMessage() == "request"]
    assert [r.route for r in logged] == ["/files/{token}"]
    assert secret_token not in caplog.text
    assert all(secret_token not in str(r.__dict__) for r in caplog.records)


async def test_an_unhandled_error_is_logged_with_its_route_never_its_path(client, caplog):
    caplog.set_level(logging.INFO, logger="bot.http")
    secret_token = "v1.another-token-that-must-stay-private.sig"
    response = await client.get(f"/test-boom/{secret_token}")
    assert response.status == 500
    [failure] = [r for r in caplog.records if r.getMessage() == "unhandled error"]
    assert failure.route == "/test-boom/{token}"
    assert all(secret_token not in str(r.__dict__) for r in caplog.records)
