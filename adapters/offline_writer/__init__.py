"""The embedded-default story writer: rich, deterministic stories without any network."""

from adapters.offline_writer.writer import OfflineStoryWriter

__all__ = ["OfflineStoryWriter"]
