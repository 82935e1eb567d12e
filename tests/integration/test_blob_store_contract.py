"""One contract for the BlobStore port: the local filesystem store and S3 (moto's server mode)."""

from __future__ import annotations

import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from adapters.local_blob_store import LocalBlobStore
from adapters.s3_blob_store import S3BlobStore
from domain.errors import NotFound


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


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    if request.param == "local":
        return LocalBlobStore(tmp_path / "blobs")
    endpoint = request.getfixturevalue("s3_endpoint")
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="ap-south-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    bucket = f"books-{request.node.name.lower().replace('[', '-').replace(']', '')}"[:60]
    client.create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "ap-south-1"}
    )
    return S3BlobStore(client, bucket)


class TestBlobStoreContract:
    async def test_put_get_delete(self, store):
        await store.put("books/b1/final-x.pdf", b"%PDF-1.7 data", "application/pdf")
        assert await store.get("books/b1/final-x.pdf") == b"%PDF-1.7 data"
        await store.delete("books/b1/final-x.pdf")
        with pytest.raises(NotFound):
            await store.get("books/b1/final-x.pdf")

    async def test_overwrite_replaces(self, store):
        await store.put("k/a.jpg", b"one", "image/jpeg")
        await store.put("k/a.jpg", b"two", "image/jpeg")
        assert await store.get("k/a.jpg") == b"two"

    async def test_streaming_reads_large_files_in_chunks(self, store):
        data = bytes(range(256)) * 5000
        await store.put("k/big.bin", data, "application/octet-stream")
        chunks = [c async for c in store.iter_chunks("k/big.bin")]
        assert len(chunks) > 1 and b"".join(chunks) == data

    async def test_missing_keys(self, store):
        with pytest.raises(NotFound):
            await store.get("no/such.pdf")
        with pytest.raises(NotFound):
            [c async for c in store.iter_chunks("no/such.pdf")]
        await store.delete("no/such.pdf")  # deleting nothing is fine
