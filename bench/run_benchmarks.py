"""Benchmarks for the foundation: figures printed, never asserted (timed tests are flaky on shared machines).

  python bench/run_benchmarks.py [--database-url URL] [--seconds N] [--skip-http]

1. The full register import into an empty database, and its ratio to polars parsing the same file alone.
2. The official statistics computed from the database for 31 August 2025.
3. HTTP throughput and 95th-percentile latency of the search page and a school page, 20 concurrent clients on
   loopback, against gunicorn with production settings, and the ratio to a trivial view served the same way.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import re
import resource
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "inspectorate" / "data"
REGISTER = DATA / "ofsted_state_funded_schools_as_at_31_Aug_2025.csv.gz"
LINKS = DATA / "gias_links_edubasealldata20250422.csv.gz"
TARGETS = {"import_s": 10.0, "import_ratio": 10.0, "stats_s": 1.0, "p95_ms": 100.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="an EMPTY database to use (default: a new SQLite file)")
    parser.add_argument("--seconds", type=int, default=10, help="length of each HTTP load run")
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="inspectorate-bench-"))
    url = args.database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
    env = _environment(url, scratch)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    label = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(f"\n## Benchmarks on {label} ({os.cpu_count()} cores)\n")
    call_command("migrate", verbosity=0)
    _bench_import(call_command)
    call_command("import_links", str(LINKS), "--no-progress", stdout=io.StringIO())
    _bench_statistics(call_command)
    if not args.skip_http:
        _bench_http(env, scratch, args.seconds)
    shutil.rmtree(scratch, ignore_errors=True)


def _environment(url: str, scratch: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "inspectorate.settings",
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "INSPECTORATE_HTTPS": "false",
        "INSPECTORATE_VAR_DIR": str(scratch),
    }


def _bench_import(call_command) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd
    import polars as pl

    compressed = REGISTER.read_bytes()
    size_mb = len(gzip.decompress(compressed)) / 1e6
    polars_s = _best_of(3, lambda: pl.read_csv(io.BytesIO(gzip.decompress(compressed)), infer_schema_length=0))
    pandas_s = _best_of(3, lambda: pd.read_csv(io.BytesIO(gzip.decompress(compressed)), dtype=str))

    started = time.perf_counter()
    call_command("import_register", str(REGISTER), "--no-progress", stdout=io.StringIO())
    first = time.perf_counter() - started
    started = time.perf_counter()
    call_command("import_register", str(REGISTER), "--no-progress", stdout=io.StringIO())
    again = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"register import, {size_mb:.1f} MB, 21,990 schools, into an empty database (in-process)")
    print(f"  first import          {first:7.2f} s   (target < {TARGETS['import_s']:.0f} s)")
    print(f"  re-import, unchanged  {again:7.2f} s")
    print(f"  polars parse alone    {polars_s:7.3f} s   (best of 3, gunzip included)")
    print(f"  pandas parse alone    {pandas_s:7.3f} s   (best of 3, gunzip included)")
    print(f"  ratio import / polars {first / polars_s:7.1f} x   (target < {TARGETS['import_ratio']:.0f} x)")
    print(f"  ratio import / pandas {first / pandas_s:7.1f} x")
    print(f"  peak memory (process) {peak_mib:7.0f} MiB")


def _best_of(n: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def _bench_statistics(call_command) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(5):
        out = io.StringIO()
        started = time.perf_counter()
        call_command("stats", "--as-at", "2025-08-31", "--json", stdout=out)
        times.append(time.perf_counter() - started)
    print("statistics for 31 August 2025 from the database (5 runs)")
    print(f"  median {statistics.median(times):.3f} s, best {min(times):.3f} s   (target < {TARGETS['stats_s']:.0f} s)")


def _bench_http(env: dict[str, str], scratch: Path, seconds: int) -> None:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("HTTP: wrk is not installed (make bench installs it with apt); skipped")
        return
    venv_bin = Path(sys.executable).parent
    subprocess.run(
        [str(venv_bin / "inspectorate"), "collectstatic", "--no-input", "-v", "0"],
        env={**os.environ, **env},
        check=True,
    )
    runs = {
        "trivial view (/healthz)": "/healthz",
        "search page": " ".join(
            f"/schools/?q={q}" for q in ("Caversham", "St+Mary", "Reading", "RG4", "academy", "109778")
        ),
        "school page": " ".join(f"/schools/{urn}/" for urn in (109778, 100000, 110992, 121534, 138062)),
    }
    # Every page rendered afresh (the cache off), then as deployed (anonymous pages kept a minute per process).
    for cache_seconds, mode in (("0", "page cache off: every request rendered"), ("60", "page cache on, as deployed")):
        port = _free_port()
        server = subprocess.Popen(
            [str(venv_bin / "gunicorn"), "inspectorate.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            env={**os.environ, **env, "PUBLIC_PAGE_CACHE_SECONDS": cache_seconds},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(f"http://127.0.0.1:{port}/healthz")
            results: dict[str, dict[str, float]] = {}
            for name, paths in runs.items():
                for path in paths.split():
                    _check_ok(f"http://127.0.0.1:{port}{path}")
                results[name] = _wrk(wrk, port, paths, seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)
        base = results["trivial view (/healthz)"]["rps"]
        print(f"HTTP, {mode}; gunicorn 2 workers, 20 concurrent clients, {seconds} s each (wrk, loopback)")
        for name, r in results.items():
            errors = f"  errors {r['errors']:.0f}" if r["errors"] else ""
            print(
                f"  {name:<24} {r['rps']:8.0f} req/s  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms"
                f"  ({r['rps'] / base:5.2f} x trivial view){errors}"
            )
    print(f"  target: page p95 < {TARGETS['p95_ms']:.0f} ms")


def _wrk(wrk: str, port: int, paths: str, seconds: int) -> dict[str, float]:
    proc = subprocess.run(
        [
            wrk,
            "-t2",
            "-c20",
            f"-d{seconds}s",
            "-s",
            str(Path(__file__).with_name("wrk_report.lua")),
            f"http://127.0.0.1:{port}",
        ],
        env={**os.environ, "WRK_PATHS": paths},
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"^RESULT (.*)$", proc.stdout, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"wrk printed no result:\n{proc.stdout}\n{proc.stderr}")
    return {k: float(v) for k, v in (pair.split("=") for pair in match.group(1).split())}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 - loopback only
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer at {url}")


def _check_ok(url: str) -> None:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")


if __name__ == "__main__":
    main()
