"""The `alliance` console entry point: the administrative commands plus those that need Telegram.

`alliance.cli.admin` holds everything that works without Telegram; this module adds `run`,
`emulator`,
`demo` and `bench`, which start the bot or the Bot API emulator.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer

from alliance.cli.admin import app
from alliance.cli.support import fail, settings_or_exit
from alliance.core.logs import configure_logging

log = logging.getLogger(__name__)


@app.command("run")
def run() -> None:
    """Run the bot: polling, or webhook mode when TELEGRAM_WEBHOOK_URL is set."""
    from telegram import Update

    from alliance.core.migrate import upgrade_database
    from bot.app import build_application

    settings = settings_or_exit()
    configure_logging(settings.log_level, secrets=settings.secret_values())
    if settings.telegram_bot_token is None:
        fail("TELEGRAM_BOT_TOKEN is not set (`alliance demo` shows the bot without one)")
    if settings.webhook_mode and settings.telegram_webhook_secret is None:
        fail("TELEGRAM_WEBHOOK_SECRET is not set: webhook mode needs it (32–256 characters of "
             "A-Z a-z 0-9 _ -) so that only Telegram can post updates")
    try:
        upgrade_database(settings.database_url)
    except OSError as exc:
        fail(f"cannot reach the database ({exc})")
    application = build_application(settings)
    if settings.webhook_mode:
        from telegram.error import TelegramError

        from bot.webhook import serve_webhook

        try:
            asyncio.run(serve_webhook(application, settings))
        except OSError as exc:
            fail(f"cannot listen on {settings.telegram_webhook_listen}:"
                 f"{settings.telegram_webhook_port} ({exc.strerror or type(exc).__name__})")
        except TelegramError as exc:  # getMe or setWebhook refused, or the Bot API unreachable
            fail(f"could not start the webhook: a Bot API call failed ({type(exc).__name__})")
    else:
        log.info("polling %s", urlsplit(settings.telegram_api_base_url).netloc)
        application.run_polling(allowed_updates=Update.ALL_TYPES)


@app.command("demo")
def demo(
    out: Annotated[Path | None, typer.Option(help="folder for the database, PDF and export")] = (
        None
    ),
    dyads: Annotated[int, typer.Option(min=3, max=200, help="coach–coachee pairs")] = 30,
    sessions: Annotated[int, typer.Option(min=2, max=24, help="sessions per pair")] = 8,
    seed: Annotated[int, typer.Option(help="random seed of the simulated cohort")] = 2011,
) -> None:
    """Emulator + SQLite + a simulated cohort → the lead's report, in a new folder."""
    from rich.console import Console

    from bot.demo.run import run_demo

    console = Console()
    folder = out or Path(f"alliance-demo-{datetime.now():%Y%m%d-%H%M%S}")
    configure_logging("ERROR")
    console.print(
        f"[bold]Coach Alliance demo[/bold] — simulated program of {dyads} pairs, "
        f"{sessions} sessions each, in [cyan]{folder}[/cyan]"
    )
    result = asyncio.run(
        run_demo(folder, dyads=dyads, sessions=sessions, seed=seed, console=console)
    )
    console.print("\n[bold]Transcript[/bold] (one dyad: what the bot wrote to each side)")
    for line in result.transcript:
        console.print(line, markup=False, highlight=False)
    console.print("\n[bold]The lead's /report summary[/bold]")
    console.print(result.summary, markup=False, highlight=False)
    console.print("\n[bold]Written[/bold]")
    for path in [folder / "alliance-demo.db", *result.files]:
        console.print(f"  {path}", markup=False, highlight=False)
    calls = sum(result.stats.get("calls", {}).values())
    console.print(f"\n{calls} Bot API calls in {result.seconds:.0f} s.")


@app.command("bench")
def bench(
    json_output: Annotated[bool, typer.Option("--json", help="one JSON object on stdout")] = False,
    quick: Annotated[bool, typer.Option(help="a small, fast run (smoke test)")] = False,
    postgres: Annotated[
        str | None,
        typer.Option(
            help="also measure PostgreSQL: a server URL (a scratch database is made beside it)",
            envvar="ALLIANCE_BENCH_POSTGRES_URL",
        ),
    ] = None,
) -> None:
    """Throughput, tap latency and memory of the bot against a bare PTB bot, in one run."""
    import json

    from rich.console import Console

    from bot.bench.run import run_bench
    from bot.bench.steps import BenchOptions
    from bot.bench.table import print_table

    configure_logging("ERROR")
    options = BenchOptions.quick(postgres) if quick else BenchOptions(postgres_url=postgres)
    figures = asyncio.run(run_bench(options))
    if json_output:
        typer.echo(json.dumps(figures, indent=2))
    else:
        print_table(figures, Console())


@app.command("emulator")
def emulator(
    port: Annotated[int, typer.Option(help="port for the Bot API and the control API")] = 8081,
    host: Annotated[str, typer.Option(help="address to listen on (loopback by default)")] = (
        "127.0.0.1"
    ),
) -> None:
    """Serve a local Telegram Bot API emulator (point TELEGRAM_API_BASE_URL at it)."""
    from bot.emulator.server import run_forever

    try:
        run_forever(host, port)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port} ({exc.strerror})")


__all__ = ["app"]
