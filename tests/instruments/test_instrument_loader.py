"""Loading instrument files: custom files work, broken ones say file, item and problem."""

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from alliance.instruments import (
    DEFAULT_INSTRUMENT_IDS,
    InstrumentError,
    default_instrument,
    load_instrument,
    parse_instrument,
    score,
)


def valid_data() -> dict[str, Any]:
    """A small licensed-style instrument: 1–5, reverse item, 'any' and per-side texts."""
    anchors = {"min": {"en": "Never", "fr": "Jamais"}, "max": {"en": "Always", "fr": "Toujours"}}
    return {
        "id": "licensed_short",
        "version": 3,
        "title": {"en": "Short alliance form", "fr": "Forme courte"},
        "description": {"en": "Loaded from a file.", "fr": "Chargé depuis un fichier."},
        "source": "Licensed to the program; not shipped.",
        "sides": ["coachee", "coach"],
        "scale": {"min": 1, "max": 5, "anchors": anchors},
        "items": [
            {"id": "aims", "dimension": "goal", "text": {"any": {"en": "Aims", "fr": "Buts"}}},
            {
                "id": "method",
                "dimension": "task",
                "text": {
                    "coachee": {"en": "Method (coachee)", "fr": "Méthode (coaché)"},
                    "coach": {"en": "Method (coach)", "fr": "Méthode (coach)"},
                },
            },
            {"id": "doubt", "dimension": "bond", "text": {"any": {"en": "Doubt", "fr": "Doute"}}},
        ],
        "scoring": {"method": "mean", "reverse": ["doubt"]},
    }


def write(tmp_path: Path, data: Any, name: str = "custom.yaml") -> Path:
    path = tmp_path / name
    text = json.dumps(data) if name.endswith(".json") else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["custom.yaml", "custom.yml", "custom.json"])
def test_a_custom_instrument_file_loads_and_scores(tmp_path: Path, name: str) -> None:
    instrument = load_instrument(write(tmp_path, valid_data(), name))
    assert instrument.id == "licensed_short"
    assert instrument.version == 3
    assert [item.scale.max for item in instrument.items] == [5, 5, 5]
    assert score(instrument, {"aims": 5, "method": 4, "doubt": 1}, "coach") == pytest.approx(14 / 3)


def test_a_shipped_file_also_loads_through_load_instrument() -> None:
    path = Path(__file__).parents[2] / "alliance" / "instruments" / "alliance_checkin.yaml"
    assert load_instrument(path) == default_instrument("alliance_checkin")


@pytest.mark.parametrize("instrument_id", DEFAULT_INSTRUMENT_IDS)
def test_an_instrument_survives_a_json_snapshot(instrument_id: str) -> None:
    """Programs store the instrument they used; the stored JSON must load back unchanged."""
    instrument = default_instrument(instrument_id)
    snapshot = json.dumps(instrument.model_dump(mode="json"))
    assert parse_instrument(snapshot, source="snapshot", fmt="json") == instrument


def test_default_instruments_are_parsed_once() -> None:
    assert default_instrument("self_efficacy") is default_instrument("self_efficacy")


def test_an_unknown_default_instrument_lists_the_known_ones() -> None:
    with pytest.raises(InstrumentError, match="known: alliance_checkin, self_efficacy"):
        default_instrument("wai_sr")


def set_in(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def delete(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def duplicate_item(data: dict[str, Any]) -> None:
    data["items"].append(copy.deepcopy(data["items"][1]))


def item_level_scale(low: int, high: int) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["items"][2]["scale"] = {**data["scale"], "min": low, "max": high}
        data["scoring"]["reverse"] = []

    return change


def predict_and_score(data: dict[str, Any]) -> None:
    data["items"][0]["dimension"] = "prediction"


@pytest.mark.parametrize(
    ("change", "where", "problem"),
    [
        (delete(("items", 1, "text", "coach", "fr")), "item 'method' (#2)", "missing French (fr)"),
        (delete(("items", 0, "text", "any", "en")), "item 'aims' (#1)", "missing English (en)"),
        (set_in(("items", 0, "text", "any", "fr"), "  "), "item 'aims' (#1)", "must not be empty"),
        (duplicate_item, "item 'method' (#4)", "duplicate item id 'method'"),
        (item_level_scale(5, 5), "item 'doubt' (#3)", "min (5) must be below max (5)"),
        (item_level_scale(7, 2), "item 'doubt' (#3)", "min (7) must be below max (2)"),
        (item_level_scale(0, 100), "item 'doubt' (#3)", "more than 11 points"),
        (item_level_scale(0, 10), "item 'doubt' (#3)", "a mean needs one scale"),
        (set_in(("scoring", "reverse"), ["ghost"]), "item 'ghost'", "does not exist"),
        (delete(("items", 1, "text", "coach")), "item 'method' (#2)", "no text for side 'coach'"),
        (set_in(("items", 2, "scored"), False), "item 'doubt' (#3)", "reverse names an unscored"),
        (set_in(("sides",), ["coachee"]), "item 'method' (#2)", "text for side 'coach'"),
        (set_in(("items", 0, "sides"), ["coach", "mentor"]), "item 'aims' (#1)", "sides.1"),
        (set_in(("items", 0, "dimension"), "mood_swings"), "item 'aims' (#1)", "dimension"),
        (set_in(("items", 0, "id"), "Aims!"), "item 'Aims!' (#1)", "id: use lowercase"),
        (set_in(("items", 0, "reverse"), True), "item 'aims' (#1)", "reverse: unknown field"),
        (predict_and_score, "item 'aims' (#1)", "prediction item must have scored: false"),
        (set_in(("items",), []), "instrument", "items: Tuple should have at least 1 item"),
        (delete(("title",)), "instrument", "title: required field is missing"),
        (set_in(("version",), "one"), "instrument", "version"),
    ],
)
def test_a_malformed_file_names_file_item_and_problem(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], where: str, problem: str
) -> None:
    data = valid_data()
    change(data)
    path = write(tmp_path, data)
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith(f"{path}: {where}: ")
    assert problem in first_line


def test_a_broken_default_scale_is_reported_once_not_per_item(tmp_path: Path) -> None:
    data = valid_data()
    data["scale"]["max"] = 1
    path = write(tmp_path, data)
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    assert str(caught.value) == f"{path}: instrument: scale: min (1) must be below max (1)"


def test_an_item_shown_to_a_side_the_instrument_lacks_is_named(tmp_path: Path) -> None:
    data = valid_data()
    data["sides"] = ["coachee"]
    data["items"][1]["text"] = {"any": {"en": "M", "fr": "M"}}
    data["items"][1]["sides"] = ["coachee", "coach"]
    with pytest.raises(InstrumentError, match=r"item 'method' \(#2\): shown to 'coach'"):
        load_instrument(write(tmp_path, data))


def test_each_problem_is_one_self_contained_line(tmp_path: Path) -> None:
    data = valid_data()
    del data["items"][0]["text"]["any"]["fr"]
    del data["items"][2]["text"]["any"]["fr"]
    path = write(tmp_path, data)
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{path}: item 'aims' (#1): text.any.fr: missing French (fr) text",
        f"{path}: item 'doubt' (#3): text.any.fr: missing French (fr) text",
    ]
    assert caught.value.problems == [line.removeprefix(f"{path}: ") for line in lines]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id: x\nitems: [\n  - id: a\n", "line 3, column 3: invalid YAML"),
        ("id: x\ntitle:\n  en: A\n  en: B\n", "duplicate key 'en' (line 4)"),
        ("- just\n- a list\n", "instrument: the top level must be a mapping"),
        ("", "instrument: the top level must be a mapping"),
    ],
)
def test_unparseable_yaml_names_file_and_line(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"broken\.yaml") as caught:
        load_instrument(path)
    assert problem in str(caught.value)


def test_invalid_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"id": "x",\n "items": [}', encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"broken\.json: line 2, column 12: invalid JSON"):
        load_instrument(path)


@pytest.mark.parametrize(
    ("name", "problem"), [("x.txt", "unsupported file"), ("no.yaml", "cannot")]
)
def test_unusable_paths_are_named(tmp_path: Path, name: str, problem: str) -> None:
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("id: x", encoding="utf-8")
    with pytest.raises(InstrumentError, match=problem) as caught:
        load_instrument(path)
    assert str(caught.value).startswith(str(path))


def test_a_prediction_item_on_another_scale_than_the_scored_items_is_refused(
    tmp_path: Path,
) -> None:
    data = valid_data()  # scored items on 1–5
    anchors = data["scale"]["anchors"]
    data["items"].append({
        "id": "guess", "dimension": "prediction", "scored": False, "sides": ["coach"],
        "text": {"coach": {"en": "Their rating?", "fr": "Leur note?"}},
        "scale": {"min": 0, "max": 10, "anchors": anchors},
    })
    with pytest.raises(InstrumentError) as refused:
        load_instrument(write(tmp_path, data))
    assert refused.value.problems == [
        "item 'guess' (#4): scale 0–10 differs from the scored items' (1–5); a prediction of "
        "the score needs the same scale"
    ]
    data["items"][-1]["scale"] = data["scale"]
    assert load_instrument(write(tmp_path, data)).item("guess").scale.max == 5
