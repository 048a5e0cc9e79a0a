"""`alliance analyze` on what `alliance export` writes: the similarity section from the dyad
file's pair fields, the five-attribute section from `questionnaires.csv`, in the JSON and in
the text output, with the same figures the report's functions give on the same dyads."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from alliance.reporting.analysis.attributes import attribute_profile
from alliance.reporting.analysis.cli import analyze_command
from alliance.reporting.analysis.dataset import ProgramData
from alliance.reporting.analysis.similarity import similarity_section
from alliance.reporting.analysis.summary import to_jsonable
from alliance.reporting.export import write_export

from .conftest import KEY, build_in


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ProgramData:
    return build_in(tmp_path_factory.mktemp("modules") / "alliance.db", attributes=True).data


@pytest.fixture(scope="module")
def exported(data: ProgramData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("modules-export")
    write_export(data, out, KEY, xlsx=False)
    return out


def analyze(*args: object) -> Any:
    app = typer.Typer()
    app.command("analyze")(analyze_command)

    @app.callback()
    def main() -> None:
        """Stand-in for the `alliance` app."""

    return CliRunner().invoke(app, ["analyze", *map(str, args)])


def close(expected: Any, actual: Any) -> bool:
    """Equal, numbers to 1e-6 (the export writes 10 significant digits)."""
    if isinstance(expected, dict):
        return expected.keys() == actual.keys() and all(close(v, actual[k])
                                                        for k, v in expected.items())
    if isinstance(expected, float) and isinstance(actual, float):
        return math.isclose(expected, actual, rel_tol=1e-6, abs_tol=1e-9)
    return bool(expected == actual)


def test_json_has_the_similarity_section_of_the_exported_dyads(data: ProgramData, exported: Path):
    result = analyze("--dyads", exported / "dyads.csv", "--json")
    assert result.exit_code == 0, result.output
    section = json.loads(result.stdout)["similarity"]
    expected = to_jsonable(similarity_section(data.complete_dyads()))
    assert close(expected, section)
    assert section["background"]["coachee_alliance"]["similar"]["n"] == 5
    assert section["gender"]["coachee_alliance"] == {"suppressed": "suppressed: fewer than 5 "
                                                                   "dyads"}


def test_json_has_the_attribute_section_from_the_questionnaires_file(
    data: ProgramData, exported: Path
):
    result = analyze("--dyads", exported / "dyads.csv", "--questionnaires",
                     exported / "questionnaires.csv", "--json")
    assert result.exit_code == 0, result.output
    section = json.loads(result.stdout)["attributes"]
    expected = to_jsonable(attribute_profile(data.answers, data.complete_dyads()))
    assert close(expected, section)
    assert section["n_dyads"] == 9
    assert section["attributes"]["trust"]["alliance"]["n"] == 8  # 1 of the 9 lacks se_post


def test_text_output_has_both_tables(exported: Path):
    result = analyze("--dyads", exported / "dyads.csv", "--questionnaires",
                     exported / "questionnaires.csv")
    assert result.exit_code == 0, result.output
    assert "SIMILARITY: same vs different coach-coachee pairs" in result.stdout
    assert "Background (10 dyads with the field):" in result.stdout
    assert "coachee alliance       withheld (fewer than 5 dyads)" in result.stdout  # gender
    assert "Age gap and coachee alliance: r = " in result.stdout
    assert "FIVE COACH ATTRIBUTES" in result.stdout and "9 dyads answered" in result.stdout
    assert "emotions       mean " in result.stdout


def test_the_questionnaires_alone_give_the_profile_without_correlations(exported: Path):
    result = analyze("--questionnaires", exported / "questionnaires.csv", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert list(payload) == ["attributes"]
    trust = payload["attributes"]["attributes"]["trust"]
    assert trust["n"] == 9 and trust["alliance"]["n"] == 0 and "suppressed" in trust["alliance"]
