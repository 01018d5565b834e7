"""Production safety of the settings, checked in a fresh interpreter with a controlled environment."""

import os
import subprocess
import sys


def _load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_DEBUG", "DATABASE_URL"} and not k.startswith("INSPECTORATE_")
    }
    return subprocess.run(
        [sys.executable, "-c", "import inspectorate.settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE)"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_a_secret_key_outside_debug_the_service_refuses_to_start() -> None:
    result = _load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_and_cookies_are_secure_by_default() -> None:
    result = _load_settings(SECRET_KEY="a-test-key")
    assert result.stdout.split() == ["False", "True"]
