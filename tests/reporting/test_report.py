"""The PDF and the /report bundle: sections present, thin programs still render, French works."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.inputs import read_dyads, read_sessions
from alliance.reporting.analysis.report_pdf import write_analysis_pdf
from alliance.reporting.analysis.summary import analyze
from alliance.reporting.report import ReportBundle, build_report, program_analysis, render_report

from .conftest import INTERIM_NOW, build_async, build_in

ACCURACY = "Coach accuracy: how well coaches read their coachees"
HEADINGS = (
    "Summary", "Participation", "Alliance trajectories", "Coach–coachee discrepancy",
    "Self-efficacy before and after", "ANCOVA: self-efficacy by discrepancy group",
    "Response surface", "Session-level mixed model",
    ACCURACY, "Nudges and what followed",
    "Interpretation and caveats", "Method notes",
)
ORACLE = Path(__file__).resolve().parents[1] / "analysis" / "oracle"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_program_report_has_every_section(bundle: ReportBundle):
    text = pdf_text(bundle.pdf)
    for heading in HEADINGS:
        assert heading in text, heading
    assert "Final report" in text and "Leadership Cohort Été" in text
    assert "reconstruction" in text and "Atwater" in text  # the cut rule is flagged as such


def test_report_outline_lists_the_sections(bundle: ReportBundle):
    outline = [item.title for item in PdfReader(bundle.pdf).outline]
    assert outline[: len(HEADINGS)] == list(HEADINGS)


def test_report_shows_no_dyad_codes_or_coach_labels(bundle: ReportBundle,
                                                    program_data: ProgramData):
    text = pdf_text(bundle.pdf)
    assert "Amélie" not in text and "Zoë" not in text
    assert not any(code in text for code in program_data.dyads["dyad_id"])
    assert "C01" not in text


def test_bundle_is_the_pdf_the_charts_and_the_summary_only(bundle: ReportBundle):
    """No row-level file: the PDF and the chat charts (aggregates, same suppression)."""
    written = sorted(path.name for path in bundle.pdf.parent.iterdir())
    assert written == sorted([bundle.pdf.name, *(chart.name for chart in bundle.charts)])
    assert all(name.endswith((".pdf", ".png")) for name in written)
    assert len(bundle.summary) <= 4096 and not bundle.interim


def test_interim_report_with_almost_no_data_renders(tmp_path: Path):
    built = build_in(tmp_path / "tiny.db", now=INTERIM_NOW, n_dyads=2, n_sessions=1,
                     final_se=False, mood=False)
    result = render_report(built.data, tmp_path / "out")
    text = pdf_text(result.pdf)
    assert "Interim report" in text and text.count("Not enough data yet") >= 4
    assert result.interim and "not enough data yet" in result.summary


def test_program_without_dyads_renders(tmp_path: Path):
    built = build_in(tmp_path / "empty.db", now=INTERIM_NOW, n_dyads=0)
    result = render_report(built.data, tmp_path / "out", lang="fr")
    assert "Pas encore assez de données" in pdf_text(result.pdf)


def test_french_report_renders_accents_and_symbols(program_data: ProgramData, tmp_path: Path):
    result = render_report(program_data, tmp_path, lang="fr")
    text = pdf_text(result.pdf)
    assert "Écart entre coach et personne coachée" in text and "Auto-efficacité" in text
    assert "η²p" in text and "−" in text


def test_program_analysis_marks_what_cannot_be_said_yet(program_data: ProgramData):
    full = program_analysis(program_data)
    assert full["n"] == 10 and "F" in full["ancova"]["group"]
    assert full["session_model"]["n_dyads"] == 12
    assert json.dumps(full)  # plain JSON all the way down


def test_analysis_pdf_from_csv_results(tmp_path: Path):
    dyads = read_dyads(ORACLE / "case1.csv")
    result = analyze(dyads_df=dyads, sessions_df=read_sessions(ORACLE / "sessions1.csv"))
    out = write_analysis_pdf(result, tmp_path / "analysis.pdf")
    text = pdf_text(out)
    for heading in HEADINGS[3:]:
        if heading not in ("Self-efficacy before and after", "Nudges and what followed", ACCURACY):
            assert heading in text, heading
    assert "7.06" in text  # F of the group effect, as R has it
    with_data = write_analysis_pdf(result, tmp_path / "more.pdf", dyads=dyads)
    assert "Self-efficacy before and after" in pdf_text(with_data)


async def test_build_report_reads_then_renders_off_the_loop(tmp_path: Path):
    built = await build_async(tmp_path / "alliance.db", n_dyads=6, n_sessions=3)
    from alliance.core.db import create_engine, create_session_factory

    engine = create_engine(built.url)
    try:
        result = await build_report(create_session_factory(engine), built.program_id,
                                    tmp_path / "out", lang="fr")
    finally:
        await engine.dispose()
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == sorted([result.pdf.name, *(chart.name for chart in result.charts)])
    assert result.summary.startswith("Coach Alliance — rapport de programme")
