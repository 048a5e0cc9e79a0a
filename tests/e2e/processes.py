"""Helpers for tests that start `alliance emulator` and `alliance run` as real processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.cli_runner import run_cli

ALLIANCE = str(Path(sys.executable).with_name("alliance"))
TOKEN = "7000000001:PROCESS-TEST"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check: object, timeout: float = 20) -> object:
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()  # type: ignore[operator]
            if result:
                return result
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.1)


def process_environment(database_url: str) -> dict[str, str]:
    """Our settings only: nothing inherited from the developer's TELEGRAM_/ALLIANCE_ variables."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "ALLIANCE_", "DATABASE_", "LOG_"))}
    port = free_port()
    env.update(
        DATABASE_URL=database_url,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}/bot",
        ALLIANCE_DISPATCH_INTERVAL_SECONDS="0.5",
        EMULATOR_PORT=str(port),
    )
    return env


@contextmanager
def emulator_process(environment: dict[str, str]) -> Iterator[str]:
    """`alliance emulator` on the port the environment names; yields its base URL."""
    port = environment["EMULATOR_PORT"]
    process = subprocess.Popen([ALLIANCE, "emulator", "--port", port], env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: httpx.get(f"{base}/emulator/stats").status_code == 200)
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def webhook_settings(environment: dict[str, str], secret: str) -> str:
    """Switch the environment to webhook mode on a free local port; returns the hook URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    environment.update(
        TELEGRAM_WEBHOOK_URL=url,
        TELEGRAM_WEBHOOK_SECRET=secret,
        TELEGRAM_WEBHOOK_LISTEN="127.0.0.1",
        TELEGRAM_WEBHOOK_PORT=str(port),
    )
    return url


def cli_json(environment: dict[str, str], *args: str) -> str:
    """Run an `alliance` command with --json (in-process: setting up, not testing, the script)
    and return its output."""
    done = run_cli(environment, *args, "--json")
    assert done.returncode == 0, done.stderr
    return done.stdout


def stop(process: subprocess.Popen[str]) -> str:
    """SIGINT, as an operator's Ctrl-C; returns what the process wrote on stderr."""
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    return stderr or ""
