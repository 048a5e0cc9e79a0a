"""The /report summary's lines for the similarity and five-attribute modules: one line each when
the module is on, "too few pairs" where the PDF withholds, in English and French."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.module_lines import attributes_line, module_lines, similarity_line
from alliance.reporting.report import program_analysis, render_report

from .conftest import build_in

ON = {"similarity": True, "five_attributes": True}


@pytest.fixture(scope="module")
def rated(tmp_path_factory: pytest.TempPathFactory) -> ProgramData:
    """The usual cohort: 9 of 12 coachees rated the attributes; gender differs in two pairs."""
    data = build_in(tmp_path_factory.mktemp("modules") / "alliance.db", attributes=True).data
    return replace(data, modules=ON)


def test_the_summary_has_one_line_per_module_that_is_on(rated: ProgramData, tmp_path: Path):
    summary = render_report(rated, tmp_path).summary
    lines = summary.splitlines()
    similarity = [line for line in lines if line.startswith("• Pair similarity")]
    attributes = [line for line in lines if line.startswith("• Five coach attributes")]
    assert len(similarity) == len(attributes) == 1
    assert "12 pairs with roster fields" in similarity[0]
    assert "Background — alliance " in similarity[0] and " vs " in similarity[0]
    assert "(9 coachees)" in attributes[0] and "low ratings" in attributes[0]
    off = render_report(replace(rated, modules={}), tmp_path / "off").summary
    assert "Pair similarity" not in off and "Five coach attributes" not in off


def test_a_withheld_comparison_reads_too_few_pairs_and_shows_no_figure(rated: ProgramData):
    line = similarity_line(program_analysis(rated)["similarity"])
    assert line is not None
    gender = next(part for part in line.split("; ") if "Gender" in part)
    assert gender.endswith("Gender — too few pairs")  # two mixed-gender pairs only
    assert not re.search(r"\d", gender.split(":")[-1])


def test_when_every_comparison_is_withheld_the_line_says_too_few_pairs(rated: ProgramData):
    dyads = rated.dyads.assign(same_background=[True] * 10 + [False] * 2)
    line = similarity_line(program_analysis(replace(rated, dyads=dyads))["similarity"])
    assert line == "Pair similarity: too few pairs to compare (fewer than 5 on a side)."


def test_under_five_rated_dyads_the_attribute_line_says_too_few_pairs(rated: ProgramData):
    answers = rated.answers
    asked = answers["kind"] == "five_attributes"
    keep = sorted(set(answers.loc[asked, "dyad_id"]))[:4]
    data = replace(rated, answers=answers[~asked | answers["dyad_id"].isin(keep)])
    line = attributes_line(program_analysis(data)["attributes"])
    assert line == "Five coach attributes: too few pairs answered yet (4; shown from 5)."


def test_the_attribute_line_names_the_highest_and_lowest_attribute(rated: ProgramData):
    section = program_analysis(rated)["attributes"]
    means = {name: cell["mean"] for name, cell in section["attributes"].items()}
    line = attributes_line(section)
    assert line is not None
    best, worst = max(means, key=means.__getitem__), min(means, key=means.__getitem__)
    assert f"highest {ATTRIBUTE_LABELS[best]} {means[best]:.1f}" in line
    assert f"lowest {ATTRIBUTE_LABELS[worst]} {means[worst]:.1f}" in line


def test_french_lines(rated: ProgramData):
    lines = module_lines(program_analysis(rated), "fr")
    assert lines[0].startswith("• Similarité des dyades (12 dyades")
    assert "Genre — trop peu de dyades" in lines[0]
    assert lines[1].startswith("• Cinq attributs du coach (9 personnes coachées)")
    assert "notes basses" in lines[1]


ATTRIBUTE_LABELS = {"trust": "Trust building", "emotions": "Understanding and managing emotions",
                    "communication": "Two-way communication",
                    "learning": "Facilitating learning", "contract": "Clear contract and process"}
