"""Coach accuracy and mood in a program's report: present when they should be, withheld below
5 dyads, in plain words with their sample and the observational caveat."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
from pypdf import PdfReader

from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.inputs import read_sessions
from alliance.reporting.analysis.summary import analyze
from alliance.reporting.export import write_export
from alliance.reporting.report import program_analysis, render_report

from .conftest import KEY

MOOD = "Coach mood before sessions"
ACCURACY = "Coach accuracy: how well coaches read their coachees"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_program_analysis_fits_accuracy_on_sessions_with_a_prediction(program_data: ProgramData):
    accuracy = program_analysis(program_data)["accuracy"]
    paired = program_data.paired_sessions().dropna(subset=["coach_prediction"])
    assert accuracy["n_obs"] == len(paired)
    assert accuracy["n_dyads"] == paired["dyad_id"].nunique()
    assert {"directional_bias", "truth_force", "assumed_similarity"} <= set(accuracy)


def test_mood_is_analysed_only_when_the_module_is_on(program_data: ProgramData):
    assert "mood" not in program_analysis(replace(program_data, modules={}))
    mood = program_analysis(replace(program_data, modules={"mood": True}))["mood"]
    rated = program_data.sessions.dropna(subset=["coach_mood", "coachee_alliance"])
    assert mood["n_obs"] == len(rated)  # every rated session, not only the paired ones
    assert set(mood["fixed"]) == {"intercept", "mood_within", "mood_between", "session"}


def test_mood_under_5_dyads_is_withheld(program_data: ProgramData):
    few = program_data.sessions.dropna(subset=["coach_mood"])["dyad_id"].drop_duplicates().head(4)
    sessions = program_data.sessions.copy()
    sessions.loc[~sessions["dyad_id"].isin(few), "coach_mood"] = float("nan")
    data = replace(program_data, modules={"mood": True}, sessions=sessions)
    assert program_analysis(data)["mood"] == {"n_dyads": 4, "not_enough_data": True}


def test_report_pages_read_in_plain_words_with_sample_and_caveat(
    program_data: ProgramData, tmp_path: Path
):
    bundle = render_report(replace(program_data, modules={"mood": True}), tmp_path)
    text = pdf_text(bundle.pdf)
    assert ACCURACY in text and MOOD in text
    assert "Do coaches think their coachees rate the work higher than they do?" in text
    assert "How well do coaches track the ups and downs?" in text
    assert "On days the coach felt better than usual" in text
    assert text.count("Observational data") >= 2
    assert "sessions with a prediction, from 12 dyads" in text
    assert "Coach accuracy (" in bundle.summary


def test_mood_page_says_when_there_is_too_little(program_data: ProgramData, tmp_path: Path):
    sessions = program_data.sessions.assign(coach_mood=float("nan"))
    data = replace(program_data, modules={"mood": True}, sessions=sessions)
    text = pdf_text(render_report(data, tmp_path).pdf)
    assert MOOD in text and "Not enough data yet (fewer than 5 dyads)." in text


def test_french_pages_render(program_data: ProgramData, tmp_path: Path):
    bundle = render_report(replace(program_data, modules={"mood": True}), tmp_path,
                           lang="fr")
    text = pdf_text(bundle.pdf)
    assert "Justesse des coachs" in text and "Humeur du coach avant les séances" in text


def test_session_export_carries_prediction_and_mood_and_feeds_both_models(
    program_data: ProgramData, tmp_path: Path
):
    write_export(program_data, tmp_path, KEY, xlsx=False)
    exported = pd.read_csv(tmp_path / "sessions_paired.csv")  # what feeds `analyze --sessions`
    assert exported["coach_mood"].notna().any() and exported["coach_mood"].isna().any()
    assert exported["coach_prediction"].notna().all()
    codebook = (tmp_path / "codebook.md").read_text()
    assert "empty where the coach gave none or the module is off" in codebook
    result = analyze(sessions_df=read_sessions(tmp_path / "sessions_paired.csv"))
    assert result["accuracy"]["n_obs"] == len(exported)
    assert result["mood"]["n_obs"] == int(exported["coach_mood"].notna().sum())
