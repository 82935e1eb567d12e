"""Every setting is read by the code and documented (README and .env.example), and nothing is
documented that is not a setting: a setting nobody reads promises what the code does not do."""

from __future__ import annotations

import re
from pathlib import Path

from bot.app.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "flows", "domain", "adapters", "storage", "web_chat")
# Read through a name built at run time: getattr(settings, f"rate_limit_{category}_per_minute")
BUILT_NAMES = re.compile(r"rate_limit_(webhooks|webchat|support|files)_per_minute")


def _code_outside_settings() -> str:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    return "\n".join(p.read_text() for p in files if p != ROOT / "bot/app/settings.py")


def test_every_setting_is_read_by_the_code():
    code = _code_outside_settings()
    unread = [
        name
        for name in Settings.model_fields
        if not re.search(rf"\b{name}\b", code) and not BUILT_NAMES.fullmatch(name)
    ]
    assert unread == []


def test_every_setting_is_documented_and_nothing_else_is():
    readme = (ROOT / "README.md").read_text()
    readme = readme.replace("RATE_LIMIT_{WEBHOOKS,WEBCHAT,SUPPORT,FILES}_PER_MINUTE", " ".join(
        f"`RATE_LIMIT_{c}_PER_MINUTE`" for c in ("WEBHOOKS", "WEBCHAT", "SUPPORT", "FILES")
    ))  # fmt: skip
    names = {name.upper() for name in Settings.model_fields}
    assert sorted(n for n in names if f"`{n}`" not in readme) == []
    example = (ROOT / ".env.example").read_text()
    listed = re.findall(r"^# ([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE)
    assert len(listed) == len(set(listed))
    assert set(listed) == names
