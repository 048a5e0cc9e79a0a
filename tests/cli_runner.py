"""The `alliance` commands in-process, through typer's runner, on the entry point the installed
script calls: for tests that need a command's effect or output, not the script itself (a few
tests run the real script in a subprocess to prove that)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from alliance.core.config import get_settings
from bot.cli import app

OUR_PREFIXES = ("TELEGRAM_", "ALLIANCE_", "DATABASE_", "LOG_")


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_cli(settings: Mapping[str, str], *args: str, cwd: Path | None = None) -> Ran:
    """Run one command with exactly `settings` as our environment variables (the developer's own
    are hidden), in its own thread since commands run their own event loop, from `cwd` so that
    no developer's .env is read."""
    environment: dict[str, str | None] = {k: None for k in os.environ if k.startswith(OUR_PREFIXES)}
    environment.update({k: v for k, v in settings.items() if k.startswith(OUR_PREFIXES)})

    def invoke() -> Ran:
        before = Path.cwd()
        get_settings.cache_clear()
        os.chdir(cwd or before)
        try:
            result = CliRunner().invoke(app, list(args), env=environment, catch_exceptions=False)
        finally:
            os.chdir(before)
            get_settings.cache_clear()
        return Ran(result.exit_code, result.stdout, result.stderr)

    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(invoke).result()
