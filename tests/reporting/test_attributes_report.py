"""The five-attribute page of the report: drawn only when the program has the module on, with the
profile, its link with the alliance and the meaning of "low"; withheld under 5 dyads; the
questionnaire counted in participation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.report import ReportBundle, program_analysis, render_report

from .conftest import build_in
from .test_coach_models_report import pdf_text

HEADING = "Five coach attributes"
ON = {"five_attributes": True}


@pytest.fixture(scope="module")
def rated(tmp_path_factory: pytest.TempPathFactory) -> ProgramData:
    """The usual cohort, where 9 of the 12 coachees answered the five-attribute check."""
    data = build_in(tmp_path_factory.mktemp("attributes") / "alliance.db", attributes=True).data
    return replace(data, modules=ON)


@pytest.fixture(scope="module")
def report_on(rated: ProgramData, tmp_path_factory: pytest.TempPathFactory) -> str:
    bundle = render_report(rated, tmp_path_factory.mktemp("attributes-pdf"))
    return " ".join(pdf_text(bundle.pdf).split())  # lines joined: sentences wrap on the page


def test_program_analysis_has_the_profile_only_when_the_module_is_on(rated: ProgramData) -> None:
    assert "attributes" not in program_analysis(replace(rated, modules={}))
    section = program_analysis(rated)["attributes"]
    assert section["n_dyads"] == 9 and section["scale"] == [0.0, 10.0]
    trust = section["attributes"]["trust"]
    assert trust["n"] == 9 and trust["ci_low"] < trust["mean"] < trust["ci_high"]
    assert trust["alliance"]["n"] == 9 and -1 <= trust["alliance"]["r"] <= 1


def test_report_page_shows_the_profile_its_link_with_the_alliance_and_what_low_means(
    report_on: str,
) -> None:
    assert HEADING in report_on
    assert "9 coachees answered the five-attribute check." in report_on
    assert "the lower third of the scale: below 3.33" in report_on
    for attribute in ("Trust building", "Understanding and managing emotions",
                      "Two-way communication", "Facilitating learning",
                      "Clear contract and process"):
        assert attribute in report_on
    assert "r with coachee alliance (95% CI)" in report_on
    assert "never a coach's score" in report_on


def test_participation_counts_the_questionnaire_sent_and_answered(rated: ProgramData) -> None:
    from alliance.reporting.analysis.process import process_summary

    rates = process_summary(rated)["response_rates"]["five_attributes"]["coachee"]
    assert (rates["sent"], rates["answered"], rates["expired"]) == (12, 9, 3)


def test_under_five_dyads_the_page_says_it_withholds_the_profile(
    rated: ProgramData, tmp_path: Path,
) -> None:
    few = set(rated.answers.loc[rated.answers["kind"] == "five_attributes", "dyad_id"])
    keep = sorted(few)[:4]
    answers = rated.answers[(rated.answers["kind"] != "five_attributes")
                            | rated.answers["dyad_id"].isin(keep)]
    data = replace(rated, answers=answers)
    assert "attributes" not in program_analysis(data)["attributes"]
    text = " ".join(pdf_text(render_report(data, tmp_path).pdf).split())
    assert HEADING in text and "Withheld: 4 coachees answered" in text
    assert "Trust building" not in text


def test_report_has_no_attribute_page_when_the_module_is_off(bundle: ReportBundle) -> None:
    assert HEADING not in pdf_text(bundle.pdf)


def test_french_page_renders(rated: ProgramData, tmp_path: Path) -> None:
    text = " ".join(pdf_text(render_report(rated, tmp_path, lang="fr").pdf).split())
    assert "Cinq attributs du coach" in text and "Établir la confiance" in text
    assert "le tiers inférieur de l’échelle : sous 3,33" in text
    assert "Cinq attributs" in text  # the participation row
