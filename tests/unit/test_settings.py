"""check-config: every class of bad configuration is named; secrets never printed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pydantic import ValidationError

from bot.app.settings import Settings


def _check_config(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WHATSAPP_", "OPENAI_", "RAZORPAY_", "PAYPAL_", "LULU_", "PRINT_"))
    }
    clean.pop("DATABASE_URL", None)
    clean.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "check-config"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


BAD = [
    ({"DATABASE_URL": "mysql://root@localhost/db"}, "DATABASE_URL"),
    ({"DATABASE_URL": "postgresql+psycopg2://root@localhost/db"}, "DATABASE_URL"),
    ({"DATABASE_URL": "postgresql+asyncpg:///nohost"}, "DATABASE_URL"),
    ({"PUBLIC_BASE_URL": "not a url"}, "PUBLIC_BASE_URL"),
    ({"WHATSAPP_GRAPH_URL": "ftp://graph.example"}, "WHATSAPP_GRAPH_URL"),
    ({"REDIS_URL": "http://127.0.0.1:6379"}, "REDIS_URL"),
    ({"WHATSAPP_ACCESS_TOKEN": "tok"}, "WHATSAPP_APP_SECRET"),
    ({"RAZORPAY_KEY_ID": "rzp_test_x"}, "RAZORPAY_KEY_SECRET"),
    ({"PAYPAL_CLIENT_ID": "abc"}, "PAYPAL_CLIENT_SECRET"),
    ({"OPENAI_IMAGE_MODEL": "stable-diffusion-xl"}, "OPENAI_IMAGE_MODEL"),
    ({"PORT": "eighty"}, "PORT"),
    ({"PAYPAL_ENVIRONMENT": "production"}, "PAYPAL_ENVIRONMENT"),
    ({"FEATURE_PRINT_SHIP": "maybe"}, "FEATURE_PRINT_SHIP"),
    ({"LULU_CLIENT_KEY": "key"}, "LULU_CLIENT_SECRET"),
    ({"LULU_CLIENT_SECRET": "secret"}, "LULU_CLIENT_KEY"),
    ({"LULU_API_URL": "api.lulu.com"}, "LULU_API_URL"),
    ({"LULU_SHIPPING_LEVEL": "TELEPORT"}, "LULU_SHIPPING_LEVEL"),
    ({"LULU_POD_PACKAGE_ID": "8x8 hardcover"}, "LULU_POD_PACKAGE_ID"),
]


@pytest.mark.parametrize(("env", "variable"), BAD, ids=[v for _, v in BAD])
def test_each_class_of_bad_configuration_fails_naming_the_variable(env, variable, tmp_path):
    result = _check_config(env, tmp_path)
    assert result.returncode != 0
    assert variable in result.stderr


def test_every_problem_is_listed_at_once(tmp_path):
    result = _check_config(
        {
            "DATABASE_URL": "mysql://x",
            "PUBLIC_BASE_URL": "nope",
            "WHATSAPP_ACCESS_TOKEN": "tok",
            "OPENAI_IMAGE_MODEL": "midjourney",
        },
        tmp_path,
    )
    assert result.returncode == 2
    for name in ("DATABASE_URL", "PUBLIC_BASE_URL", "WHATSAPP_APP_SECRET", "OPENAI_IMAGE_MODEL"):
        assert name in result.stderr


def test_valid_configuration_prints_effective_values_with_secrets_masked(tmp_path):
    env = {
        "WHATSAPP_ACCESS_TOKEN": "EAAG-super-secret-token",
        "WHATSAPP_APP_SECRET": "app-secret-value",
        "WHATSAPP_PHONE_NUMBER_ID": "1234567890",
        "WHATSAPP_WEBHOOK_VERIFY_TOKEN": "verify-me-please",
        "DATABASE_URL": "postgresql+asyncpg://bot:dbpass123@db.internal:5432/bot",
    }
    result = _check_config(env, tmp_path)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    for secret in ("EAAG-super-secret-token", "app-secret-value", "verify-me-please", "dbpass123"):
        assert secret not in output
    assert "WHATSAPP_PHONE_NUMBER_ID=1234567890" in result.stdout
    assert "DATABASE_URL=postgresql+asyncpg://bot:********@db.internal:5432/bot" in result.stdout


def test_serve_refuses_to_start_on_bad_configuration(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("WHATSAPP_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        env={**env, "WHATSAPP_ACCESS_TOKEN": "tok", "PORT": "18099"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "WHATSAPP_APP_SECRET" in result.stderr


def test_embedded_default_needs_nothing():
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.problems() == []
    assert settings.is_sqlite
    assert settings.port == 8080


def test_worker_needs_redis(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "worker"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "REDIS_URL" in result.stderr


def test_whatsapp_templates_are_name_colon_language(make_settings):
    assert make_settings(whatsapp_template_update="print_shipped:en_US").whatsapp_template_update
    with pytest.raises(ValidationError):
        make_settings(whatsapp_template_update="Print shipped")


def test_public_base_url_follows_host_and_port_when_unset():
    assert Settings(_env_file=None, port=19180).public_base_url == "http://127.0.0.1:19180"  # type: ignore[call-arg]
    wildcard = Settings(_env_file=None, host="0.0.0.0", port=9000)  # type: ignore[call-arg]
    assert wildcard.public_base_url == "http://127.0.0.1:9000"
    chosen = Settings(_env_file=None, port=9000, public_base_url="https://books.example")  # type: ignore[call-arg]
    assert chosen.public_base_url == "https://books.example"
    assert chosen.warnings() == []


def test_check_config_warns_when_a_local_public_url_misses_the_port(tmp_path):
    result = _check_config({"PORT": "19180", "PUBLIC_BASE_URL": "http://127.0.0.1:8080"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning: PUBLIC_BASE_URL" in result.stderr
    assert "PORT=19180" in result.stderr
    following = _check_config({"PORT": "19180"}, tmp_path)
    assert "warning" not in following.stderr
    assert "PUBLIC_BASE_URL=http://127.0.0.1:19180" in following.stdout


def test_check_config_says_which_payment_providers_are_live(tmp_path):
    result = _check_config({}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "payment providers live: none (the sandbox serves)" in result.stderr
    env = {
        "RAZORPAY_KEY_ID": "rzp_test_abc",
        "RAZORPAY_KEY_SECRET": "rzp-key-secret-value",
        "RAZORPAY_WEBHOOK_SECRET": "rzp-webhook-secret-value",
    }
    result = _check_config(env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "payment providers live: razorpay" in result.stderr
    assert "rzp-key-secret-value" not in result.stdout + result.stderr
    assert "PRICE_PDF_USD=599" in result.stdout


def test_in_chat_payment_needs_whatsapp_and_razorpay_and_a_valid_name(tmp_path):
    alone = _check_config({"WHATSAPP_PAYMENT_CONFIGURATION": "storybook-rzp"}, tmp_path)
    assert alone.returncode == 2
    assert "WHATSAPP_ACCESS_TOKEN: required when WHATSAPP_PAYMENT_CONFIGURATION" in alone.stderr
    assert "RAZORPAY_KEY_ID: required when WHATSAPP_PAYMENT_CONFIGURATION" in alone.stderr
    too_long = _check_config({"WHATSAPP_PAYMENT_CONFIGURATION": "x" * 61}, tmp_path)
    assert too_long.returncode != 0 and "WHATSAPP_PAYMENT_CONFIGURATION" in too_long.stderr
    env = {
        "WHATSAPP_PAYMENT_CONFIGURATION": "storybook-rzp",
        "WHATSAPP_ACCESS_TOKEN": "wa-token-value",
        "WHATSAPP_APP_SECRET": "wa-app-secret",
        "WHATSAPP_PHONE_NUMBER_ID": "1122334455667",
        "WHATSAPP_WEBHOOK_VERIFY_TOKEN": "wa-verify",
        "RAZORPAY_KEY_ID": "rzp_test_abc",
        "RAZORPAY_KEY_SECRET": "rzp-key-secret-value",
        "RAZORPAY_WEBHOOK_SECRET": "rzp-webhook-secret-value",
    }
    result = _check_config(env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "in-chat payment on WhatsApp (India): configuration 'storybook-rzp'" in result.stderr
    assert "WHATSAPP_PAYMENT_CONFIGURATION=storybook-rzp" in result.stdout


def test_check_config_names_the_print_partner_and_warns_when_lulu_cannot_fetch_files(tmp_path):
    result = _check_config({}, tmp_path)
    assert "print partner: local" in result.stderr
    assert "LULU_API_URL=https://api.sandbox.lulu.com" in result.stdout
    env = {"LULU_CLIENT_KEY": "lulu-key", "LULU_CLIENT_SECRET": "lulu-secret-value"}
    result = _check_config(env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "print partner: lulu" in result.stderr
    assert "warning: LULU_CLIENT_KEY" in result.stderr  # the files are on 127.0.0.1
    assert "lulu-secret-value" not in result.stdout + result.stderr
    public = _check_config({**env, "PUBLIC_BASE_URL": "https://books.example.com"}, tmp_path)
    assert "warning: LULU" not in public.stderr
