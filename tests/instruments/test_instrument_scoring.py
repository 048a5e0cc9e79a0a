"""Scores: mean of scored items, reverse items flipped, nothing from incomplete answers."""

import math

import pytest

from alliance.instruments import (
    Instrument,
    default_instrument,
    dimension_scores,
    item_text,
    items_for,
    predicted_score,
    score,
)


def custom_instrument() -> Instrument:
    """1–5 scale, coachee and coach sides, one reverse item, one coachee-only item."""
    anchors = {"min": {"en": "Never", "fr": "Jamais"}, "max": {"en": "Always", "fr": "Toujours"}}
    return Instrument.model_validate(
        {
            "id": "custom",
            "version": 2,
            "title": {"en": "Custom", "fr": "Personnalisé"},
            "description": {"en": "A test scale.", "fr": "Une échelle de test."},
            "sides": ["coachee", "coach"],
            "scale": {"min": 1, "max": 5, "anchors": anchors},
            "items": [
                {"id": "aim", "dimension": "goal", "text": {"any": {"en": "A", "fr": "A"}}},
                {"id": "stuck", "dimension": "task", "text": {"any": {"en": "S", "fr": "S"}}},
                {
                    "id": "warm",
                    "dimension": "bond",
                    "sides": ["coachee"],
                    "text": {"coachee": {"en": "W", "fr": "C"}},
                },
            ],
            "scoring": {"reverse": ["stuck"]},
        }
    )


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"aim": 5, "stuck": 1, "warm": 5}, 5.0),  # stuck=1 reversed to 5
        ({"aim": 1, "stuck": 5, "warm": 1}, 1.0),
        ({"aim": 4, "stuck": 3, "warm": 2}, 3.0),  # (4 + 3 + 2) / 3
        ({"aim": 4, "stuck": 2, "warm": 5, "unrelated": 99}, 13 / 3),
    ],
)
def test_score_is_the_mean_with_reverse_items_flipped(
    answers: dict[str, float], expected: float
) -> None:
    assert score(custom_instrument(), answers, "coachee") == pytest.approx(expected)


def test_score_counts_only_the_items_the_side_is_asked() -> None:
    assert score(custom_instrument(), {"aim": 4, "stuck": 4}, "coach") == pytest.approx(3.0)


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"aim": 4, "stuck": 2},
        {"aim": 4, "stuck": 2, "warm": None},
        {"aim": 4, "stuck": 2, "warm": math.nan},
    ],
)
def test_incomplete_answers_give_no_score(answers: dict[str, float | None]) -> None:
    assert score(custom_instrument(), answers, "coachee") is None


@pytest.mark.parametrize("value", [0, 6, 5.5])
def test_an_answer_outside_the_scale_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="'aim' is outside its scale 1–5"):
        score(custom_instrument(), {"aim": value, "stuck": 1, "warm": 1}, "coachee")


def test_a_side_that_does_not_answer_the_instrument_is_refused() -> None:
    with pytest.raises(ValueError, match="not answered by side 'coach'"):
        score(default_instrument("self_efficacy"), {}, "coach")


def test_alliance_score_ignores_the_coach_prediction() -> None:
    checkin = default_instrument("alliance_checkin")
    answers = {"goal": 8, "task": 6, "bond": 9, "overall": 7, "predicted": 0}
    assert score(checkin, answers, "coach") == pytest.approx(7.5)
    assert predicted_score(checkin, answers) == 0.0


def test_predicted_score_is_none_when_missing_or_not_asked() -> None:
    assert predicted_score(default_instrument("alliance_checkin"), {"goal": 8}) is None
    assert predicted_score(default_instrument("coach_mood"), {"mood": 8}) is None


def test_dimension_scores_flip_reverse_items_and_mark_gaps() -> None:
    result = dimension_scores(custom_instrument(), {"aim": 2, "stuck": 2}, "coachee")
    assert result == {"goal": 2.0, "task": 4.0, "bond": None}


def test_items_for_keeps_the_file_order_per_side() -> None:
    instrument = custom_instrument()
    assert [i.id for i in items_for(instrument, "coachee")] == ["aim", "stuck", "warm"]
    assert [i.id for i in items_for(instrument, "coach")] == ["aim", "stuck"]


@pytest.mark.parametrize(
    ("side", "lang", "expected"),
    [
        ("coachee", "en", "Today we worked on what matters to me."),
        (
            "coach",
            "fr",
            "Aujourd'hui, nous avons travaillé sur ce qui compte pour la personne coachée.",
        ),
        ("coachee", "fr-CA", "Aujourd'hui, nous avons travaillé sur ce qui compte pour moi."),
        ("coachee", "de", "Today we worked on what matters to me."),
    ],
)
def test_item_text_follows_side_and_language(side: str, lang: str, expected: str) -> None:
    goal = default_instrument("alliance_checkin").item("goal")
    assert item_text(goal, side, lang) == expected


def test_item_text_without_a_side_specific_text_uses_any() -> None:
    aim = custom_instrument().item("aim")
    assert item_text(aim, "coach", "en") == item_text(aim, "coachee", "en") == "A"


def test_item_text_for_a_side_not_shown_the_item_is_refused() -> None:
    predicted = default_instrument("alliance_checkin").item("predicted")
    with pytest.raises(ValueError, match="not shown to side 'coachee'"):
        item_text(predicted, "coachee", "en")
