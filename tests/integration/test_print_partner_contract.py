"""The PrintPartner contract, run against Lulu (through the strict fake) and the local partner."""

from __future__ import annotations

import asyncio
import base64
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from support.fake_lulu import FakeLulu

from adapters.local_print_partner import LocalPrintPartner
from adapters.lulu import webhooks
from adapters.lulu.jobs import job_state
from adapters.lulu.partner import LuluPrintPartner
from adapters.provider_http import ProviderHttp
from domain.printing import (
    PrintAddress,
    PrintJobRequest,
    PrintPartnerError,
    PrintRefused,
    PrintStatus,
)

POD = "0850X0850.FC.PRE.CW.080CW444.MXX"
HOME = PrintAddress(
    name="Anita Rao", street1="12 Lake View Road", street2="", city="Bengaluru",
    state_code="KA", postcode="560002", country_code="IN", phone="9876543210",
)  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


def request(external_id: str = "order0001") -> PrintJobRequest:
    return PrintJobRequest(
        external_id=external_id, title="Zoya and the Moon", page_count=24,
        interior_url="https://files.example.com/interior.pdf",
        cover_url="https://files.example.com/cover.pdf", address=HOME,
        contact_email="print@storybook.invalid",
    )  # fmt: skip


@pytest.fixture
async def lulu(aiohttp_server):
    fake = FakeLulu("key", "secret")
    fake.fetch_files = False  # no files behind these URLs; journeys fetch real ones
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("")).rstrip("/")
    return fake


def lulu_partner(fake: FakeLulu, timeout: float = 5.0) -> LuluPrintPartner:
    return LuluPrintPartner(
        ProviderHttp(fake.base_url, timeout_seconds=timeout, backoff_seconds=0.01),
        ProviderHttp(fake.base_url, attempts=1, timeout_seconds=timeout),
        "key", "secret", pod_package_id=POD, shipping_level="MAIL",
    )  # fmt: skip


class World:
    """A partner and a way to move its jobs along as the partner would by itself."""

    def __init__(self, partner, advance) -> None:
        self.partner = partner
        self.advance = advance


@pytest.fixture(params=["lulu", "local"])
async def world(request, lulu):
    if request.param == "lulu":
        partner = lulu_partner(lulu)

        async def advance(job_id: str) -> None:
            lulu.walk(int(job_id), "UNPAID", "PRODUCTION_DELAYED", "PRODUCTION_READY",
                      "IN_PRODUCTION")  # fmt: skip

        yield World(partner, advance)
        await partner.close()
        return
    clock = Clock()
    local = LocalPrintPartner(clock, step_seconds=60)

    async def advance_local(job_id: str) -> None:
        clock.at += timedelta(seconds=60 * 4)

    yield World(local, advance_local)


class TestPrintPartnerContract:
    async def test_quote_for_a_good_address(self, world) -> None:
        quote = await world.partner.quote(HOME, 24)
        assert quote.currency and quote.total_incl_tax

    async def test_an_address_it_cannot_ship_to_is_refused(self, world, lulu) -> None:
        lulu.refused_postcodes = {"560002"}
        broken = HOME
        if world.partner.provider == "local":  # it refuses only what lacks a field
            broken = replace(HOME, phone="")
        with pytest.raises(PrintRefused):
            await world.partner.quote(broken, 24)

    async def test_cover_size_is_the_partners_or_ours(self, world, lulu) -> None:
        size = await world.partner.cover_size(24)
        if world.partner.provider == "local":
            assert size is None  # the renderer's own spread
        else:
            assert size == pytest.approx(FakeLulu.cover_points(POD, 24), abs=0.01)

    async def test_too_few_pages_are_refused(self, world) -> None:
        assert world.partner.min_pages == 24
        with pytest.raises(PrintRefused):
            await world.partner.quote(HOME, 16)

    async def test_submit_is_idempotent_by_external_id(self, world) -> None:
        first = await world.partner.submit(request())
        again = await world.partner.submit(request())
        other = await world.partner.submit(request("order0002"))
        assert first.job_id == again.job_id != other.job_id
        assert first.external_id == "order0001" and first.status is PrintStatus.CREATED
        assert (await world.partner.job(first.job_id)).job_id == first.job_id

    async def test_cancel_before_production_only(self, world) -> None:
        early = await world.partner.submit(request("early"))
        assert (await world.partner.cancel(early.job_id)).status is PrintStatus.CANCELED
        late = await world.partner.submit(request("late"))
        await world.advance(late.job_id)
        assert (await world.partner.job(late.job_id)).status is PrintStatus.IN_PRODUCTION
        with pytest.raises(PrintRefused):
            await world.partner.cancel(late.job_id)


async def test_lulu_token_is_cached_and_renewed_when_revoked(lulu) -> None:
    partner = lulu_partner(lulu)
    await partner.quote(HOME, 24)
    await partner.quote(HOME, 24)
    assert lulu.token_requests == 1
    lulu.tokens.clear()  # revoked before its time
    await partner.quote(HOME, 24)
    assert lulu.token_requests == 2
    await partner.close()


async def test_lulu_create_timeout_is_not_repeated_blindly(lulu) -> None:
    partner = lulu_partner(lulu, timeout=0.5)
    lulu.delay_next_create = 1.5
    with pytest.raises(PrintPartnerError):
        await partner.submit(request())
    await asyncio.sleep(1.2)  # the fake finishes its slow answer
    state = await partner.submit(request())
    assert lulu.create_calls == 1 and len(lulu.jobs) == 1
    assert state.job_id == str(next(iter(lulu.jobs)))
    await partner.close()


async def test_lulu_refuses_a_job_without_a_phone(lulu) -> None:
    partner = lulu_partner(lulu)
    no_phone = PrintAddress(HOME.name, HOME.street1, "", HOME.city, "KA", "560002", "IN", "")
    bad = replace(request(), address=no_phone)
    with pytest.raises(PrintRefused, match="phone_number"):
        await partner.submit(bad)
    assert lulu.jobs == {}
    await partner.close()


def test_webhook_signature_hex_or_base64_and_nothing_else() -> None:
    raw = b'{"topic": "PRINT_JOB_STATUS_CHANGED", "data": {}}'
    hexed = webhooks.sign("secret", raw)
    b64 = base64.b64encode(bytes.fromhex(hexed)).decode()
    assert webhooks.signature_ok("secret", raw, hexed)
    assert webhooks.signature_ok("secret", raw, b64)
    assert not webhooks.signature_ok("other", raw, hexed)
    assert not webhooks.signature_ok("secret", raw + b" ", hexed)
    assert not webhooks.signature_ok("secret", raw, None)


def test_a_webhook_job_is_kept_within_our_limits() -> None:
    state = job_state(
        {
            "id": 42, "external_id": "order\x00" + "x" * 100,
            "status": {"name": "SHIPPED", "message": "m" * 5000, "changed": "2026-12-02"},
            "line_items": [{"status": {"messages": {
                "carrier_name": "C" * 500, "tracking_urls": ["javascript:alert(1)"],
                "tracking_id": "T1"}}}],
        }
    )  # fmt: skip
    assert state.job_id == "42" and "\x00" not in (state.external_id or "")
    assert len(state.external_id or "") <= 64 and len(state.message) <= 500
    assert state.tracking is not None and len(state.tracking.carrier) == 100
    assert state.tracking.url == ""  # only web links are passed on to a parent
    with pytest.raises(PrintPartnerError):
        job_state({"id": "9" * 80, "status": {"name": "CREATED"}})
    with pytest.raises(PrintPartnerError):
        job_state({"id": 1, "status": {"name": "TELEPORTED"}})
