"""Parents' photos live in the private bucket (never beside generated assets), are deleted once
the book that used them is final, or after PHOTO_RETENTION_DAYS; each deletion audited.
S3 is moto's server mode, as in the blob store contract."""

from __future__ import annotations

import contextlib
import io
import socket
from dataclasses import replace
from datetime import timedelta

import boto3
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image
from sqlalchemy import select, update
from support.chat_driver import Parent, make_profile, pay, settle, to_preview

from bot.app import keys
from bot.app.composition import create_app
from bot.app.settings import Settings
from storage.tables import AuditLogRow, ChildProfileRow, ImageAssetRow

ASSETS, PRIVATE = "storybook-assets", "storybook-private"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint):
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="ap-south-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    for bucket in (ASSETS, PRIVATE):  # each test starts with two empty buckets
        with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
            client.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-south-1"}
            )
        for key in _keys(client, bucket):
            client.delete_object(Bucket=bucket, Key=key)
    return client


@pytest.fixture
async def client(aiohttp_client, make_settings, sqlite_db_url, s3, s3_endpoint):
    settings = make_settings(
        database_url=sqlite_db_url,
        book_image_px=320,
        aws_s3_bucket_assets=ASSETS,
        aws_s3_bucket_private=PRIVATE,
        s3_endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        photo_retention_days=2,
    )
    return await aiohttp_client(create_app(settings))


def _keys(s3, bucket: str) -> set[str]:
    return {o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])}


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (48, 48), (90, 140, 200)).save(out, "JPEG")
    return out.getvalue()


async def _give_photo(app, user_id: str):
    services = app[keys.SERVICES]
    photo = await services.assets.keep(
        _jpeg(), kind="photo", mime="image/jpeg", owner_user_id=user_id
    )
    stored = await services.profiles.get(user_id)
    await services.profiles.save(user_id, replace(stored.profile, photo_asset_id=photo.id))
    return photo


async def _deletions(app) -> list[AuditLogRow]:
    async with app[keys.SESSIONS]() as s:
        query = select(AuditLogRow).where(AuditLogRow.action == "photo_deleted")
        return list(await s.scalars(query))


def test_the_private_bucket_comes_with_the_assets_bucket(make_settings):
    settings = make_settings(aws_s3_bucket_assets=ASSETS)
    assert "AWS_S3_BUCKET_PRIVATE: required when AWS_S3_BUCKET_ASSETS is set" in (
        settings.problems()
    )
    assert isinstance(make_settings(aws_s3_bucket_private=PRIVATE), Settings)
    assert make_settings(aws_s3_bucket_private=PRIVATE).problems() == [
        "AWS_S3_BUCKET_ASSETS: required when AWS_S3_BUCKET_PRIVATE is set"
    ]


async def test_a_photo_is_private_and_deleted_once_its_book_is_final(client, s3):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    async with app[keys.SESSIONS]() as s:
        user_id = await s.scalar(select(ChildProfileRow.user_id))
    photo = await _give_photo(app, user_id)
    assert _keys(s3, PRIVATE) == {photo.storage_key}  # the photo, and nothing else
    assert photo.storage_key not in _keys(s3, ASSETS)
    assert any(k.endswith(".pdf") for k in _keys(s3, ASSETS))  # the preview: generated

    await parent.tap("Buy the book")
    await pay(client, parent)
    await settle(app)
    assert await parent.state() == "delivered"
    assert _keys(s3, PRIVATE) == set()  # deleted once the book is final
    async with app[keys.SESSIONS]() as s:
        assert await s.get(ImageAssetRow, photo.id) is None
        assert (await s.scalar(select(ChildProfileRow))).photo_asset_id is None
    [deleted] = await _deletions(app)
    assert deleted.subject_id == photo.id and deleted.data["reason"] == "book_final"
    assert deleted.actor_type == "system"
    await parent.close()


async def test_photos_past_the_retention_period_are_swept(client, s3):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    await parent.tap("Looks good")
    async with app[keys.SESSIONS]() as s:
        user_id = await s.scalar(select(ChildProfileRow.user_id))
    old, fresh = await _give_photo(app, user_id), await _give_photo(app, user_id)
    async with app[keys.SESSIONS]() as s, s.begin():
        when = app[keys.SERVICES].clock.now() - timedelta(days=2, minutes=1)
        await s.execute(
            update(ImageAssetRow).where(ImageAssetRow.id == old.id).values(created_at=when)
        )
    assert await app[keys.SERVICES].photos.sweep() == 1
    assert _keys(s3, PRIVATE) == {fresh.storage_key}
    [deleted] = await _deletions(app)
    assert deleted.subject_id == old.id and deleted.data["reason"] == "retention"
    async with app[keys.SESSIONS]() as s:  # the profile still has its newer photo
        assert (await s.scalar(select(ChildProfileRow))).photo_asset_id == fresh.id
    await settle(app)
    await parent.close()
