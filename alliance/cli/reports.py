"""`alliance report` and `alliance export`: the program lead's report and the researcher's files.

The command functions are left undecorated; `alliance.cli.admin` registers them with
`app.command("report")(report_command)` and `app.command("export")(export_command)`. pandas,
statsmodels and matplotlib are imported when a command runs, so other commands start fast.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from alliance.cli.support import fail, run_in_transaction, settings_or_exit
from alliance.core.audit import record
from alliance.core.config import Settings

if TYPE_CHECKING:
    from alliance.reporting.analysis.dataset import ProgramData

__all__ = ["export_command", "report_command"]


def report_command(
    program: Annotated[int, typer.Option("--program", help="program id")],
    out: Annotated[Path, typer.Option("--out", help="PDF file to write")] = Path("report.pdf"),
    lang: Annotated[str, typer.Option("--lang", help="en or fr")] = "en",
) -> None:
    """Write the program's PDF report (interim or final) and print the summary."""
    from alliance.reporting.report import render_report

    if lang not in ("en", "fr"):
        fail(f"--lang must be en or fr, not {lang!r}")
    settings = settings_or_exit()
    data = _load(settings, program)
    with tempfile.TemporaryDirectory() as scratch:
        try:
            bundle = render_report(data, Path(scratch), lang=lang, pdf_path=out)
        except OSError as exc:
            fail(f"cannot write {out} ({exc.strerror or exc})")
    _audit(settings, "report_written", program)
    typer.echo(bundle.summary)
    typer.echo(f"\nPDF report written to {bundle.pdf}")


def export_command(
    program: Annotated[int, typer.Option("--program", help="program id")],
    out: Annotated[Path, typer.Option("--out", help="folder for the export files")],
) -> None:
    """Export the program's pseudonymised data (CSV, XLSX) with a codebook."""
    from alliance.reporting.analysis.dataset import ProgramNotFoundError, load_program_data
    from alliance.reporting.export import write_export
    from alliance.reporting.pseudonym_keys import ExportKey, export_key

    settings = settings_or_exit()

    async def work(session: AsyncSession) -> tuple[ProgramData, ExportKey]:
        return await load_program_data(session, program), await export_key(session, settings)

    try:
        data, key = run_in_transaction(settings, work)
    except ProgramNotFoundError as exc:
        fail(str(exc))
    try:
        written = write_export(data, out, key)
    except OSError as exc:
        fail(f"cannot write to {out} ({exc.strerror or exc})")
    _audit(settings, "data_exported", program, files=len(written))
    for path in written:
        typer.echo(str(path))
    typer.echo(f"pseudonym key: {key.source.value}")


def _load(settings: Settings, program: int) -> ProgramData:
    from alliance.reporting.analysis.dataset import ProgramNotFoundError, load_program_data

    async def work(session: AsyncSession) -> ProgramData:
        return await load_program_data(session, program)

    try:
        return run_in_transaction(settings, work)
    except ProgramNotFoundError as exc:
        fail(str(exc))


def _audit(settings: Settings, action: str, program: int, **details: Any) -> None:
    """The operator's report or export, in the audit log (no actor: it ran on the server)."""

    async def work(session: AsyncSession) -> None:
        record(session, action, program_id=program, via="cli", **details)

    run_in_transaction(settings, work)

