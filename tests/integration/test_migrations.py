"""One migration chain, both backends: up, down, no drift from the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from storage import migrate
from storage.db import create_engine
from storage.tables import metadata


async def _schema_diff(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda sync: compare_metadata(
                    MigrationContext.configure(sync, opts={"compare_type": True}), metadata
                )
            )
    finally:
        await engine.dispose()


async def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))
    finally:
        await engine.dispose()


async def test_upgrade_to_head_matches_models_and_downgrades_to_base(empty_db_url):
    await migrate.upgrade(empty_db_url)
    assert set(metadata.tables) <= await _tables(empty_db_url)
    assert await _schema_diff(empty_db_url) == []

    engine = create_engine(empty_db_url)
    assert await migrate.current_revision(engine) == migrate.head_revision()
    await engine.dispose()

    await migrate.downgrade(empty_db_url, "base")
    assert (await _tables(empty_db_url)) - {"alembic_version"} == set()

    # And back up again: the chain is repeatable.
    await migrate.upgrade(empty_db_url)
    assert await _schema_diff(empty_db_url) == []


async def test_every_model_table_has_a_named_primary_key(db_url):
    engine = create_engine(db_url)
    async with engine.connect() as conn:
        names = await conn.run_sync(
            lambda sync: {
                t: inspect(sync).get_pk_constraint(t).get("name") for t in metadata.tables
            }
        )
    await engine.dispose()
    if not db_url.startswith("sqlite"):  # SQLite does not keep primary key names
        assert all(name == f"pk_{table}" for table, name in names.items()), names
