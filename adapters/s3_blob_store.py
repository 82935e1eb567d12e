"""Blob store on S3 (or any S3-compatible service): the production implementation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from domain.errors import NotFound

CHUNK_BYTES = 256 * 1024


class S3BlobStore:
    """boto3 is synchronous: every call runs in a worker thread so the event loop never blocks."""

    def __init__(self, client: Any, bucket: str) -> None:
        self._client = client
        self._bucket = bucket

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(
            self._client.put_object,
            Bucket=self._bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
            ServerSideEncryption="AES256",
        )

    async def get(self, key: str) -> bytes:
        response = await self._get_object(key)
        body = response["Body"]
        try:
            return await asyncio.to_thread(body.read)
        finally:
            body.close()

    async def _get_object(self, key: str) -> Any:
        try:
            return await asyncio.to_thread(self._client.get_object, Bucket=self._bucket, Key=key)
        except self._client.exceptions.NoSuchKey:
            raise NotFound(f"no blob {key!r}") from None

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._client.delete_object, Bucket=self._bucket, Key=key)

    async def iter_chunks(self, key: str) -> AsyncIterator[bytes]:
        body = (await self._get_object(key))["Body"]
        try:
            while chunk := await asyncio.to_thread(body.read, CHUNK_BYTES):
                yield chunk
        finally:
            body.close()
