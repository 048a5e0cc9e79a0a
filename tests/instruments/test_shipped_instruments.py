"""The instruments we ship: valid, bilingual, short, and in our own wording."""

from importlib import resources

import pytest

from alliance.instruments import (
    DEFAULT_INSTRUMENT_IDS,
    LANGUAGES,
    default_instrument,
    item_text,
    items_for,
    scored_items,
)

MAX_QUESTION_CHARS = 120
MAX_ANCHOR_CHARS = 30

# Distinctive fragments of published scales (WAI-SR, NGSE); our texts must not reuse them.
PUBLISHED_FRAGMENTS = (
    "appreciates me",
    "likes me",
    "respect each other",
    "mutually agreed",
    "collaborate on setting goals",
    "agree on what is important",
    "cares about me",
    "any endeavor",
    "overcome many challenges",
    "perform effectively on many different tasks",
    "things are tough",
    "most of the goals that i have set",
)


def all_texts(instrument_id: str) -> list[str]:
    instrument = default_instrument(instrument_id)
    texts = [instrument.title.en, instrument.title.fr]
    for side in instrument.sides:
        for item in items_for(instrument, side):
            texts += [item_text(item, side, lang) for lang in LANGUAGES]
    return texts


def test_the_package_ships_exactly_the_default_instruments() -> None:
    files = resources.files("alliance.instruments")
    shipped = {p.name.removesuffix(".yaml") for p in files.iterdir() if p.name.endswith(".yaml")}
    assert shipped == set(DEFAULT_INSTRUMENT_IDS)


@pytest.mark.parametrize("instrument_id", DEFAULT_INSTRUMENT_IDS)
def test_shipped_instrument_validates_and_matches_its_file_name(instrument_id: str) -> None:
    assert default_instrument(instrument_id).id == instrument_id


@pytest.mark.parametrize("instrument_id", DEFAULT_INSTRUMENT_IDS)
def test_shipped_instrument_says_it_is_our_wording_and_not_validated(instrument_id: str) -> None:
    disclaimer = default_instrument(instrument_id).disclaimer
    assert disclaimer is not None
    assert "our own words" in disclaimer.en
    assert "not a validated" in disclaimer.en
    assert "nos propres mots" in disclaimer.fr
    assert "pas d'une échelle psychométrique validée" in disclaimer.fr


@pytest.mark.parametrize("instrument_id", DEFAULT_INSTRUMENT_IDS)
def test_every_question_is_short_and_translated(instrument_id: str) -> None:
    instrument = default_instrument(instrument_id)
    for side in instrument.sides:
        for item in items_for(instrument, side):
            english, french = (item_text(item, side, lang) for lang in ("en", "fr"))
            assert english != french, item.id
            assert len(english) <= MAX_QUESTION_CHARS, item.id
            assert len(french) <= MAX_QUESTION_CHARS, item.id


@pytest.mark.parametrize("instrument_id", DEFAULT_INSTRUMENT_IDS)
def test_every_item_is_0_to_10_with_short_anchor_labels(instrument_id: str) -> None:
    for item in default_instrument(instrument_id).items:
        assert (item.scale.min, item.scale.max) == (0, 10), item.id
        anchors = [item.scale.anchors.min, item.scale.anchors.max]
        for label in anchors:
            assert 0 < len(label.en) <= MAX_ANCHOR_CHARS
            assert 0 < len(label.fr) <= MAX_ANCHOR_CHARS


@pytest.mark.parametrize("instrument_id", DEFAULT_INSTRUMENT_IDS)
def test_no_wording_from_published_scales(instrument_id: str) -> None:
    texts = " ".join(all_texts(instrument_id)).lower()
    assert [fragment for fragment in PUBLISHED_FRAGMENTS if fragment in texts] == []


def test_alliance_checkin_asks_both_sides_the_same_four_items() -> None:
    checkin = default_instrument("alliance_checkin")
    expected = ["goal", "task", "bond", "overall"]
    assert [i.id for i in scored_items(checkin, "coachee")] == expected
    assert [i.id for i in scored_items(checkin, "coach")] == expected
    assert [i.id for i in items_for(checkin, "coach")] == [*expected, "predicted"]


def test_alliance_checkin_prediction_item_is_coach_only_and_unscored() -> None:
    predicted = default_instrument("alliance_checkin").item("predicted")
    assert predicted.sides == ("coach",)
    assert predicted.dimension == "prediction"
    assert not predicted.scored


def test_alliance_checkin_wording_is_parallel_across_sides() -> None:
    goal = default_instrument("alliance_checkin").item("goal")
    assert item_text(goal, "coachee", "en") == "Today we worked on what matters to me."
    assert item_text(goal, "coach", "en") == "Today we worked on what matters to my coachee."


def test_self_efficacy_has_seven_how_confident_items_for_the_coachee() -> None:
    self_efficacy = default_instrument("self_efficacy")
    items = items_for(self_efficacy, "coachee")
    assert self_efficacy.sides == ("coachee",)
    assert len(items) == 7
    for item in items:
        assert item.dimension == "self_efficacy"
        assert item_text(item, "coachee", "en").startswith("How confident are you that you can ")


def test_coach_mood_is_one_coach_item_from_very_low_to_excellent() -> None:
    mood = default_instrument("coach_mood")
    (item,) = items_for(mood, "coach")
    assert mood.sides == ("coach",)
    assert (item.scale.anchors.min.en, item.scale.anchors.max.en) == ("Very low", "Excellent")


def test_five_attributes_covers_the_five_coach_attributes() -> None:
    five = default_instrument("five_attributes")
    assert five.sides == ("coachee",)
    dimensions = [item.dimension for item in items_for(five, "coachee")]
    assert dimensions == ["trust", "emotions", "communication", "learning", "contract"]


def test_end_alliance_is_answered_by_the_coach_and_may_be_by_the_coachee() -> None:
    end = default_instrument("end_alliance")
    assert set(end.sides) == {"coach", "coachee"}
    for side in ("coach", "coachee"):
        assert [i.dimension for i in scored_items(end, side)] == ["goal", "task", "bond", "overall"]
