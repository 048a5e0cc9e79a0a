"""Read instrument files (YAML or JSON) and turn every mistake into a one-line, located message.

Program leads edit these files by hand; an error must say which file, which item and what is
wrong, not dump a pydantic traceback.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from alliance.instruments.schema import ITEM_ERROR, LANGUAGES, Instrument

DEFAULT_INSTRUMENT_IDS: tuple[str, ...] = (
    "alliance_checkin",
    "self_efficacy",
    "coach_mood",
    "five_attributes",
    "end_alliance",
)

_LANGUAGE_NAMES = {"en": "English", "fr": "French"}
_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


class InstrumentError(ValueError):
    """An unusable instrument file; each line names the file, the item and the problem."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {problem}" for problem in problems))


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys, which plain YAML silently lets the last one win."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in keys:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}' (line {mark.line + 1})", mark
            )
        keys.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_instrument(path: Path) -> Instrument:
    """Load and validate an instrument file; the format follows the suffix (.yaml/.yml/.json)."""
    path = Path(path)
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InstrumentError(str(path), ["unsupported file type (use .yaml, .yml or .json)"])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError(str(path), [f"cannot read file: {exc}"]) from exc
    return parse_instrument(text, source=str(path), fmt=fmt)


def parse_instrument(text: str, *, source: str, fmt: str = "yaml") -> Instrument:
    """Validate instrument text; `source` is the name used in error messages."""
    data = _parse_text(text, source, fmt)
    if not isinstance(data, dict):
        raise InstrumentError(source, ["instrument: the top level must be a mapping of fields"])
    try:
        return Instrument.model_validate(data)
    except ValidationError as exc:
        errors = [error for error in exc.errors() if not _redundant(error, data)]
        raise InstrumentError(source, [_describe(error, data) for error in errors]) from exc


@cache
def default_instrument(instrument_id: str) -> Instrument:
    """One of the shipped instruments (package data), parsed once per process."""
    if instrument_id not in DEFAULT_INSTRUMENT_IDS:
        known = ", ".join(DEFAULT_INSTRUMENT_IDS)
        raise InstrumentError(instrument_id, [f"no such default instrument (known: {known})"])
    resource = resources.files(__package__).joinpath(f"{instrument_id}.yaml")
    source = f"alliance/instruments/{instrument_id}.yaml"
    instrument = parse_instrument(resource.read_text(encoding="utf-8"), source=source)
    if instrument.id != instrument_id:
        raise InstrumentError(source, [f"instrument: id '{instrument.id}' ≠ file name"])
    return instrument


@cache
def resolve_instrument(reference: str) -> Instrument:
    """A shipped instrument by id, or a program's own instrument file by path (parsed once)."""
    if reference in DEFAULT_INSTRUMENT_IDS:
        return default_instrument(reference)
    return load_instrument(Path(reference))


def _parse_text(text: str, source: str, fmt: str) -> Any:
    if fmt == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}"
            raise InstrumentError(source, [f"{where}: invalid JSON: {exc.msg}"]) from exc
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        problem = getattr(exc, "problem", None) or str(exc)
        raise InstrumentError(source, [f"{where}: invalid YAML: {problem}"]) from exc


def _describe(error: Any, data: dict[str, Any]) -> str:
    """One located line for one pydantic error: '<item or instrument>: <field>: <problem>'."""
    loc: tuple[Any, ...] = tuple(error["loc"])
    if error["type"] == ITEM_ERROR:
        ctx = error["ctx"]
        return f"{_item_label(ctx['item'], ctx['index'])}: {ctx['problem']}"
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        where = _item_label(_item_id(data, loc[1]), loc[1])
        loc = loc[2:]
    else:
        where = "instrument"
    field = ".".join(str(part) for part in loc)
    problem = _problem(error, loc)
    return f"{where}: {field}: {problem}" if field else f"{where}: {problem}"


def _redundant(error: Any, data: dict[str, Any]) -> bool:
    """Echoes of another error: a default copied from the top (scale, sides) is reported once, at
    the top; "too few items" is noise when the items are there but invalid."""
    loc = tuple(error["loc"])
    if loc == ("items",) and error["type"] == "too_short":
        return bool(data.get("items"))
    if len(loc) < 3 or loc[0] != "items" or not isinstance(loc[1], int):
        return False
    items = data.get("items")
    raw = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
    return loc[2] in ("scale", "sides") and isinstance(raw, dict) and loc[2] not in raw


def _item_id(data: dict[str, Any], index: int) -> str | None:
    items = data.get("items")
    if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
        item_id = items[index].get("id")
        return str(item_id) if item_id is not None else None
    return None


def _item_label(item_id: str | None, index: int | None) -> str:
    if item_id is None:
        return f"item #{index + 1}" if index is not None else "item"
    return f"item '{item_id}'" + (f" (#{index + 1})" if index is not None else "")


def _problem(error: Any, loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    last = loc[-1] if loc else None
    if kind == "missing" and last in LANGUAGES:
        return f"missing {_LANGUAGE_NAMES[last]} ({last}) text"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return "use lowercase letters, digits and _, starting with a letter"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")
