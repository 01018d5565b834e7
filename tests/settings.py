"""Settings for the test suite: production settings (debug off) with a test-only key and fast hashing."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-key-not-secret")
os.environ.setdefault("INSPECTORATE_HTTPS", "false")
os.environ.setdefault("INSPECTORATE_PLAIN_STATIC", "true")

from inspectorate.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]

# Serve static files from the finders, as the demo does, so no collectstatic is needed before the tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - from the star import above

# Tests see every change at once; tests/services/test_page_cache.py turns the cache on where it is the subject.
PUBLIC_PAGE_CACHE_SECONDS = 0

# Each xdist worker keeps its own audit anchor file, so parallel tests never read each other's chain heads.
# A new file per test process, so anchors from earlier runs (of since-destroyed test databases) never linger.
AUDIT_ANCHOR_FILE = Path(tempfile.gettempdir()) / f"inspectorate-test-anchors-{os.getpid()}.jsonl"
