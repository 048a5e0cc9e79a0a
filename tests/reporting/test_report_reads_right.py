"""The report reads right: interim or final by the program's state, delays in minutes,
references listed, no paragraph split across pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pandas as pd
from pypdf import PdfReader

from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.references import REFERENCES
from alliance.reporting.analysis.report_text import duration, report_status
from alliance.reporting.report import ReportBundle, render_report

from .conftest import INTERIM_NOW, build_in
from .test_report import pdf_text


def _with_open_final(data: ProgramData) -> ProgramData:
    """One final questionnaire delivered and still accepting answers when the report is made."""
    row = data.prompts.iloc[[0]].copy()
    row["kind"], row["state"] = "final_se", "sent"
    row["expires_at"] = pd.Timestamp(data.generated_at + timedelta(days=3))
    return replace(data, prompts=pd.concat([data.prompts, row], ignore_index=True))


def test_report_is_final_once_over_with_every_final_answer_in(program_data: ProgramData):
    assert program_data.over and program_data.open_final_questionnaires == 0
    assert not program_data.interim
    assert report_status(over=True, open_finals=0).startswith("Final report")


def test_report_is_interim_while_final_questionnaires_can_still_come_in(
        program_data: ProgramData):
    data = _with_open_final(program_data)
    assert data.over and data.open_final_questionnaires == 1 and data.interim
    status = report_status(over=data.over, open_finals=1)
    assert status.startswith("Interim report") and "1 final questionnaire" in status


def test_an_expired_final_questionnaire_does_not_keep_the_report_interim(
        program_data: ProgramData):
    data = _with_open_final(program_data)
    later = replace(data, generated_at=data.generated_at + timedelta(days=4))
    assert later.open_final_questionnaires == 0 and not later.interim


def test_report_is_interim_before_the_end_date(program_data: ProgramData):
    early = replace(program_data, generated_at=INTERIM_NOW)
    assert not early.over and early.interim
    assert "still running" in report_status(over=False, open_finals=0)


def test_delays_under_an_hour_read_in_minutes():
    assert duration(0.0) == "< 1 min"
    assert duration(0.25) == "15 min"
    assert duration(2.5) == "2.5 h" and duration(2.5, "fr") == "2,5 h"
    assert duration(float("nan")) == "n/a"


def test_pdf_ends_with_the_reference_list(bundle: ReportBundle):
    text = pdf_text(bundle.pdf)
    assert "References" in text
    for work in ("Baron, L., Morin, L., & Morin, D. (2011)", "West, T. V., & Kenny, D. A.",
                 "Humberg, S., Nestler, S., & Back, M. D. (2019)", "Edwards, J. R. (2002)"):
        assert work in text.replace("\n", " "), work
    assert len(REFERENCES) >= 4


def test_no_page_starts_with_the_tail_of_a_sentence(bundle: ReportBundle):
    """A page's first body line starts a heading, a bullet, a table or a sentence."""
    for page in PdfReader(Path(bundle.pdf)).pages[1:]:
        first = (page.extract_text() or "").strip().splitlines()[0]
        assert first[:1].isupper() or first[:1] in "•σ", first


def test_small_program_report_suppresses_every_rating_figure_and_says_why(tmp_path: Path):
    """Issue 8: with 3 dyads, neither the summary nor the PDF carries scores, D, groups or
    nudge counts; participation counts stay."""
    data = build_in(tmp_path / "small.db", n_dyads=3).data
    bundle = render_report(data, tmp_path)
    text = pdf_text(bundle.pdf)
    for shown in (bundle.summary, text):
        assert "suppressed: fewer than 5 dyads" in shown or "are suppressed" in shown
        assert "nudges sent" not in shown and "Nudges triggered" not in shown
        assert "Mean alliance" not in shown and "Discrepancy groups" not in shown
        assert "3 dyads, 18 sessions held" in shown
    assert "Figures derived from ratings" in bundle.summary
    assert "Decisions after a pair of check-ins" not in text


def test_a_program_of_12_dyads_gets_three_chat_charts(bundle: ReportBundle):
    names = [path.name for path in bundle.charts]
    assert names == ["participation.png", "alliance-paired-sessions.png", "discrepancy-d.png"]
    assert all(path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for path in bundle.charts)
