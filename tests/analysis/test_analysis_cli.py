"""`alliance analyze` as a user runs it: JSON or text out, exit code 2 and one line on bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from alliance.reporting.analysis.cli import analyze_command


@pytest.fixture
def run() -> Callable[..., object]:
    app = typer.Typer()
    app.command("analyze")(analyze_command)

    @app.callback()
    def main() -> None:
        """Stand-in for the `alliance` app."""

    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["analyze", *map(str, args)])


def test_json_reproduces_the_dyad_oracle(
    run, oracle: Path, assert_matches: Callable[..., None]
) -> None:
    result = run("--dyads", oracle / "case1.csv", "--json")
    assert result.exit_code == 0, result.output
    expected = json.loads((oracle / "case1.expected.json").read_text())
    assert_matches(expected, json.loads(result.stdout), 1e-6)


def test_json_reproduces_the_session_oracle(
    run, oracle: Path, assert_matches: Callable[..., None]
) -> None:
    result = run("--sessions", oracle / "sessions1.csv", "--json")
    assert result.exit_code == 0, result.output
    expected = json.loads((oracle / "sessions1.expected.json").read_text())
    assert_matches(expected, json.loads(result.stdout), 1e-3)


def test_both_files_in_one_json_object(run, oracle: Path) -> None:
    result = run("--dyads", oracle / "case1.csv", "--sessions", oracle / "sessions1.csv", "--json")
    payload = json.loads(result.stdout)
    assert payload["n"] == 30 and payload["session_model"]["n_obs"] == 201


def test_options_reach_the_analysis(run, oracle: Path) -> None:
    result = run("--dyads", oracle / "case1.csv", "--json", "--cut-sd", "1", "--center", "6")
    payload = json.loads(result.stdout)
    assert payload["discrepancy"]["cut_sd"] == 1.0
    assert payload["response_surface"]["center"] == 6.0


def test_text_summary_without_json(run, oracle: Path) -> None:
    result = run("--dyads", oracle / "case1.csv")
    assert result.exit_code == 0
    assert "ANCOVA" in result.stdout and "reconstruction" in result.stdout


def test_malformed_file_exits_2_with_one_clear_line(run, tmp_path: Path) -> None:
    path = tmp_path / "dyads.csv"
    path.write_text(
        "dyad_id,coach_id,coach_alliance,coachee_alliance,se_pre,se_post\n"
        "d1,c1,7,7,4,5\nd2,c1,8,seven,4,5\nd3,c2,6,6,4,5\n",
        encoding="utf-8",
    )
    result = run("--dyads", path, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f'Error: {path}, line 3, column "coachee_alliance": "seven" is not a number'
    )
    assert "Traceback" not in result.output


def test_missing_file_exits_2(run, tmp_path: Path) -> None:
    result = run("--sessions", tmp_path / "absent.csv")
    assert result.exit_code == 2
    assert "absent.csv: file not found" in result.stderr


def test_no_input_exits_2(run) -> None:
    result = run("--json")
    assert result.exit_code == 2
    assert "--dyads" in result.stderr


def test_negative_cut_exits_2(run, oracle: Path) -> None:
    result = run("--dyads", oracle / "case1.csv", "--cut-sd", "-1")
    assert result.exit_code == 2 and "cut_sd" in result.stderr


def test_out_writes_a_pdf_with_the_analysis_sections(
    run, oracle: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    out = tmp_path / "r.pdf"
    result = run("--dyads", oracle / "case1.csv", "--sessions", oracle / "sessions1.csv",
                 "--out", out)
    assert result.exit_code == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    for heading in ("ANCOVA", "Response surface"):
        assert heading.lower() in text.lower()


@pytest.mark.parametrize("model", ["accuracy", "mood"])
def test_json_adds_the_coach_model_and_reproduces_r(
    run, oracle: Path, assert_matches: Callable[..., None], model: str
) -> None:
    result = run("--sessions", oracle / model / f"{model}1.csv", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    expected = json.loads((oracle / model / f"{model}1.expected.json").read_text())
    assert_matches(expected, payload[model], 1e-3)
    assert "fixed" in payload["session_model"]  # the session model runs alongside


def test_a_prediction_that_is_not_a_number_exits_2_naming_its_line(
    run, tmp_path: Path
) -> None:
    path = tmp_path / "sessions.csv"
    path.write_text(
        "dyad_id,coach_id,session,coach_alliance,coachee_alliance,coach_prediction\n"
        "d1,c1,1,7,7,8\nd1,c1,2,8,7,\nd2,c1,1,6,6,high\n",
        encoding="utf-8",
    )
    result = run("--sessions", path, "--json")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f'Error: {path}, line 4, column "coach_prediction": "high" is not a number'
    )


def test_text_summary_reads_the_coach_models_in_words(run, oracle: Path) -> None:
    result = run("--sessions", oracle / "accuracy" / "accuracy1.csv")
    assert result.exit_code == 0
    assert "COACH ACCURACY" in result.stdout
    assert "Do coaches think their coachees rate the work higher" in result.stdout
