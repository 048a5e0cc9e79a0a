"""The relationship modules' inputs of `alliance analyze`: the dyad file's pair fields and the
five-attribute rows of `questionnaires.csv`, typed, with one clear line for what is wrong."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from alliance.reporting.analysis.errors import AnalysisInputError
from alliance.reporting.analysis.inputs import read_dyads
from alliance.reporting.analysis.module_inputs import read_attribute_answers
from alliance.reporting.analysis.summary import analyze

HEADER = "dyad_id,coach_id,coach_alliance,coachee_alliance,se_pre,se_post"


def dyads_file(tmp_path: Path, extra: str, rows: list[str]) -> Path:
    path = tmp_path / "dyads.csv"
    body = [f"d{i},c{i % 2},{7 + i % 3},{6 + i % 4},4,{5 + i % 2}" for i in range(len(rows))]
    path.write_text("\n".join([f"{HEADER}{extra}", *(f"{b},{r}" for b, r in zip(
        body, rows, strict=True))]) + "\n", encoding="utf-8")
    return path


def test_pair_fields_are_typed_as_the_export_writes_them(tmp_path: Path):
    path = dyads_file(tmp_path, ",same_gender,same_background,age_gap",
                      ["true,false,3", "false,TRUE,12.5", ",true,", "1,0,0"])
    dyads = read_dyads(path)
    assert dyads["same_gender"].tolist() == [True, False, pd.NA, True]
    assert dyads["same_gender"].dtype == "boolean"
    assert dyads["same_background"].tolist() == [False, True, True, False]
    assert dyads["age_gap"].tolist()[:2] == [3.0, 12.5] and pd.isna(dyads["age_gap"][2])


def test_one_pair_field_is_enough_and_the_others_are_unknown(tmp_path: Path):
    dyads = read_dyads(dyads_file(tmp_path, ",age_gap", ["3", "5", "8"]))
    assert dyads["same_gender"].isna().all() and dyads["same_background"].isna().all()
    assert "similarity" in analyze(dyads_df=dyads)


def test_without_pair_fields_there_is_no_similarity_section(tmp_path: Path):
    dyads = read_dyads(dyads_file(tmp_path, ",note", ["a", "b", "c"]))
    assert "similarity" not in analyze(dyads_df=dyads)


@pytest.mark.parametrize(("extra", "rows", "message"), [
    (",same_gender", ["true", "maybe", "false"],
     'line 3, column "same_gender": "maybe" is not true, false or empty'),
    (",age_gap", ["3", "-2", "4"], 'line 3, column "age_gap": "-2" is not a gap in years'),
    (",age_gap", ["3", "4", "old"], 'line 4, column "age_gap": "old" is not a number'),
])
def test_a_bad_pair_field_is_named_with_its_line(tmp_path: Path, extra: str, rows: list[str],
                                                 message: str):
    with pytest.raises(AnalysisInputError, match=message):
        read_dyads(dyads_file(tmp_path, extra, rows))


def test_only_the_five_attribute_rows_of_the_questionnaires_are_read(tmp_path: Path):
    path = tmp_path / "questionnaires.csv"
    path.write_text("prompt_id,questionnaire,dyad_id,session,side,item,value\n"
                    "1,baseline_se,d1,,coachee,se1,6\n"
                    "2,five_attributes,d1,,coachee,trust,8\n"
                    "2,five_attributes,d1,,coachee,emotions,5\n"
                    "3,mood,d1,2,coach,mood,7\n", encoding="utf-8")
    answers = read_attribute_answers(path)
    assert answers.to_dict("records") == [
        {"kind": "five_attributes", "dyad_id": "d1", "item": "trust", "value": 8.0},
        {"kind": "five_attributes", "dyad_id": "d1", "item": "emotions", "value": 5.0},
    ]


def test_a_bad_attribute_answer_is_named_with_its_line(tmp_path: Path):
    path = tmp_path / "questionnaires.csv"
    path.write_text("questionnaire,dyad_id,item,value\nfive_attributes,d1,trust,8\n"
                    "five_attributes,d2,trust,high\n", encoding="utf-8")
    with pytest.raises(AnalysisInputError, match='line 3, column "value": "high" is not a '
                                                 "number"):
        read_attribute_answers(path)
    path.write_text("questionnaire,dyad_id,value\nfive_attributes,d1,8\n", encoding="utf-8")
    with pytest.raises(AnalysisInputError, match='missing column "item"'):
        read_attribute_answers(path)
