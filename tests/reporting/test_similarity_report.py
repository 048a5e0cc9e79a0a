"""The similarity page of the report: drawn only when the program has the module on, small cells
withheld, plain words on what a small program cannot show."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.report import ReportBundle, program_analysis, render_report

from .test_coach_models_report import pdf_text

HEADING = "Similar and dissimilar pairs"


@pytest.fixture(scope="module")
def report_on(program_data: ProgramData, tmp_path_factory: pytest.TempPathFactory) -> str:
    bundle = render_report(replace(program_data, modules={"similarity": True}),
                           tmp_path_factory.mktemp("similarity"))
    return " ".join(pdf_text(bundle.pdf).split())  # lines joined: sentences wrap on the page


def test_program_analysis_has_the_section_only_when_the_module_is_on(program_data: ProgramData):
    assert "similarity" not in program_analysis(replace(program_data, modules={}))
    section = program_analysis(replace(program_data, modules={"similarity": True}))["similarity"]
    background = section["background"]
    assert background["coachee_alliance"]["similar"]["n"] == 5
    assert background["se_growth"]["dissimilar"]["n"] == 5  # D06 and D12 have no end questionnaire
    assert section["gender"]["coachee_alliance"] == {"suppressed": "suppressed: fewer than 5 "
                                                                   "dyads"}


def test_report_page_compares_pairs_and_says_what_it_withholds_and_cannot_show(report_on: str):
    assert HEADING in report_on
    assert "Background: 12 dyads have it in the roster." in report_on
    assert "Coachee alliance (95% CI)" in report_on and "Self-efficacy growth" in report_on
    assert "se_post ~ group + se_pre + same_background, n = 10" in report_on
    assert "suppressed: fewer than 5 dyads" in report_on  # gender differs in only two pairs
    assert "both sides are withheld" in report_on
    assert "Age gap (years) and the coachee's alliance: r = " in report_on
    assert "What a program this size cannot show" in report_on
    assert "not matched at random" in report_on


def test_report_has_no_similarity_page_when_the_module_is_off(bundle: ReportBundle):
    text = pdf_text(bundle.pdf)
    assert HEADING not in text and "same_background" not in text


def test_french_page_renders(program_data: ProgramData, tmp_path: Path):
    bundle = render_report(replace(program_data, modules={"similarity": True}), tmp_path,
                           lang="fr")
    text = pdf_text(bundle.pdf)
    assert "Dyades semblables et dissemblables" in text
    assert "Ce qu’un programme de cette taille ne peut pas montrer" in text
