"""The key that signs file links: FILES_SIGNING_KEY, or one made once and kept under VAR_DIR."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from bot.app.settings import Settings

KEY_FILE = "files-signing.key"


def files_signing_key(settings: Settings) -> bytes:
    if settings.files_signing_key is not None:
        return settings.files_signing_key.get_secret_value().encode()
    path = Path(settings.var_dir) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting together cannot overwrite each other's key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes()
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_hex(32).encode())
    return path.read_bytes()
