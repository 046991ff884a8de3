"""Security headers, cookies, request size, and what a production start refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask_migrate import upgrade

from config import ProductionConfig
from participation import create_app
from participation.security import UnsafeConfig, check_production, shared_limits_warning

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STRONG_KEY = "k" * 20 + "-not-a-default-key-0123456789"
PUBLIC = {"PUBLIC_BASE_URL": "https://stem.example.org"}


def test_every_page_carries_a_strict_policy(client, demo) -> None:
    response = client.get("/v/demo")
    policy = response.headers["Content-Security-Policy"]
    for part in [
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]:
        assert part in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP in tests
    secure = client.get("/v/demo", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_template_has_inline_script_or_event_handlers() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag, f"inline script in {template}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"event handler attribute in {template}"
        assert " style=" not in text, f"inline style in {template}"


def test_an_oversized_request_is_refused_and_stores_nothing(client, demo) -> None:
    response = client.post("/v/demo", data={"village": "leek", "filler": "x" * 100_000})
    assert response.status_code == 413
    assert "te groot" in response.get_data(as_text=True)


def test_production_refuses_a_default_or_short_secret_key() -> None:
    for key in ["", "dev-only-change-me", "short-but-custom"]:
        with pytest.raises(UnsafeConfig, match="SECRET_KEY"):
            check_production({"SECRET_KEY": key, "RATELIMIT_STORAGE_URI": "redis://x", **PUBLIC})
    check_production({"SECRET_KEY": STRONG_KEY, "RATELIMIT_STORAGE_URI": "redis://x", **PUBLIC})


def test_production_refuses_to_start_without_a_public_address() -> None:
    for base in ["", None, "stem.gemeente.nl"]:
        with pytest.raises(UnsafeConfig, match="PUBLIC_BASE_URL"):
            check_production({"SECRET_KEY": STRONG_KEY, "PUBLIC_BASE_URL": base})


def test_a_warning_when_several_workers_would_count_limits_on_their_own() -> None:
    assert "RATELIMIT_STORAGE_URI=redis://" in (shared_limits_warning("memory://", 4) or "")
    assert shared_limits_warning("memory://", 1) is None
    assert shared_limits_warning("redis://127.0.0.1:6379", 4) is None


def test_production_cookies_are_secure_httponly_and_samesite(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    app = create_app(
        ProductionConfig,
        SECRET_KEY=STRONG_KEY,
        PUBLIC_BASE_URL="https://stem.example.org",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/p.sqlite",
    )
    with app.app_context():
        upgrade()
    client = app.test_client()
    response = client.get("/staff/login", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_a_redis_rate_limit_storage_can_be_configured() -> None:
    """With RATELIMIT_STORAGE_URI=redis://… the app starts with the Redis client installed."""
    from limits.storage import storage_from_string

    storage = storage_from_string("redis://127.0.0.1:6399")  # no server needed to build it
    assert type(storage).__name__ == "RedisStorage"
