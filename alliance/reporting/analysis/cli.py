"""`alliance analyze`: run the analysis on exported CSVs and print JSON or a readable summary.

The command function is left undecorated so the main app registers it with
`app.command("analyze")(analyze_command)`. Bad input exits with code 2 and a one-line message.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from alliance.reporting.analysis.answer_scores import DEFAULT_CENTER
from alliance.reporting.analysis.errors import AnalysisInputError

__all__ = ["EXIT_BAD_INPUT", "EXIT_REPORT_FAILED", "analyze_command"]

EXIT_BAD_INPUT = 2
EXIT_REPORT_FAILED = 1


def analyze_command(
    dyads: Annotated[
        Path | None,
        typer.Option("--dyads", help="CSV with one row per dyad (alliance export)."),
    ] = None,
    sessions: Annotated[
        Path | None,
        typer.Option("--sessions", help="CSV with one row per dyad and session."),
    ] = None,
    questionnaires: Annotated[
        Path | None,
        typer.Option("--questionnaires", help="questionnaires.csv (alliance export): its "
                     "five-attribute answers add the attributes section."),
    ] = None,
    cut_sd: Annotated[
        float,
        typer.Option("--cut-sd", help="Groups cut at +/- this many SDs of coach minus coachee."),
    ] = 0.5,
    center: Annotated[
        float, typer.Option("--center", help="Scale midpoint the alliance ratings are centred at.")
    ] = DEFAULT_CENTER,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write a PDF report to this path.")
    ] = None,
) -> None:
    """Analyse alliance and self-efficacy data (ANCOVA, response surface, mixed model); the
    similarity section when the dyads file has the pair fields, the five-attribute section with
    --questionnaires."""
    from alliance.reporting.analysis.inputs import read_dyads, read_sessions
    from alliance.reporting.analysis.module_inputs import read_attribute_answers
    from alliance.reporting.analysis.summary import analyze
    from alliance.reporting.analysis.text_summary import format_summary

    try:
        if dyads is None and sessions is None and questionnaires is None:
            raise AnalysisInputError("give --dyads FILE, --sessions FILE, --questionnaires FILE "
                                     "or several")
        result = analyze(
            dyads_df=read_dyads(dyads) if dyads is not None else None,
            sessions_df=read_sessions(sessions) if sessions is not None else None,
            attribute_answers=(read_attribute_answers(questionnaires)
                               if questionnaires is not None else None),
            cut_sd=cut_sd,
            center=center,
            dyads_source=str(dyads),
            sessions_source=str(sessions),
        )
    except AnalysisInputError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if as_json:
        typer.echo(json.dumps(result, indent=2, allow_nan=False))
    else:
        typer.echo(format_summary(result), nl=False)
    if out is not None:
        _write_pdf(result, out)


def _write_pdf(result: dict[str, object], out: Path) -> None:
    """Render the PDF; imported here so plain `--json` runs skip loading matplotlib and fpdf."""
    from alliance.reporting.analysis.report_pdf import write_analysis_pdf

    try:
        write_analysis_pdf(result, out)
    except OSError as exc:
        typer.echo(f"Error: could not write {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_REPORT_FAILED) from None
    typer.echo(f"PDF report written to {out}", err=True)
