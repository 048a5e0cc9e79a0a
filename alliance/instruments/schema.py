"""Pydantic models for instrument files.

Instruments are data so that a program can swap in a licensed scale (WAI-SR, NGSE …) from a file
without code changes; these models are the contract such a file must meet.
"""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

LANGUAGES: tuple[str, ...] = ("en", "fr")
SIDES: tuple[str, ...] = ("coachee", "coach")
ANY_SIDE: Final = "any"

Side = Literal["coachee", "coach"]
TextSide = Literal["coachee", "coach", "any"]
Dimension = Literal[
    "goal",
    "task",
    "bond",
    "overall",
    "prediction",
    "self_efficacy",
    "mood",
    "trust",
    "emotions",
    "communication",
    "learning",
    "contract",
]

# Ids end up in Telegram callback data (`ci:<prompt>:<item>:<value>`, ≤ 64 bytes): keep short.
SLUG_PATTERN = r"^[a-z][a-z0-9_]*$"
MAX_ID_LENGTH = 32
# Answers are inline buttons on a phone: more than 11 points do not fit.
MAX_SCALE_POINTS = 11

ITEM_ERROR = "instrument_item"


def item_error(item_id: str, index: int | None, problem: str) -> PydanticCustomError:
    """An instrument-level error that still tells the loader which item it is about."""
    return PydanticCustomError(
        ITEM_ERROR, "{problem}", {"item": item_id, "index": index, "problem": problem}
    )


class _Model(BaseModel):
    # Frozen: default instruments are cached and shared. Forbid extras: a typo in a file
    # ("reverese") must be an error, not a silently ignored key.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Localized(_Model):
    """One text in every supported language; a missing translation is a file error."""

    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)

    def in_language(self, lang: str) -> str:
        """The text in `lang` ("fr-CA" counts as "fr"); English for unsupported languages."""
        return str(getattr(self, language(lang)))


def language(code: str | None) -> str:
    """Map a Telegram language code to a supported language, English by default."""
    base = (code or "").split("-")[0].split("_")[0].lower()
    return base if base in LANGUAGES else "en"


class Anchors(_Model):
    min: Localized
    max: Localized
    mid: Localized | None = None


class Scale(_Model):
    """Integer answer range with labels for its ends (and optionally its middle)."""

    min: int
    max: int
    anchors: Anchors

    @model_validator(mode="after")
    def _check_range(self) -> Scale:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        if self.max - self.min + 1 > MAX_SCALE_POINTS:
            raise ValueError(
                f"{self.min}–{self.max} has more than {MAX_SCALE_POINTS} points "
                "(answers are buttons)"
            )
        return self


class Item(_Model):
    """One question. Text is per rater side (or "any") and per language."""

    id: str = Field(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)
    dimension: Dimension
    text: dict[TextSide, Localized]
    scale: Scale
    scored: bool = True
    sides: tuple[Side, ...] = Field(min_length=1)

    @field_validator("sides")
    @classmethod
    def _unique_sides(cls, sides: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(sides)) != len(sides):
            raise ValueError(f"sides are repeated: {list(sides)}")
        return sides

    @model_validator(mode="after")
    def _check_text(self) -> Item:
        for side in self.sides:
            if side not in self.text and ANY_SIDE not in self.text:
                raise ValueError(f"no text for side '{side}' (give '{side}' or 'any')")
        stray = [key for key in self.text if key != ANY_SIDE and key not in self.sides]
        if stray:
            raise ValueError(f"text for side '{stray[0]}', which this item is not shown to")
        if self.dimension == "prediction" and self.scored:
            raise ValueError("a prediction item must have scored: false")
        return self


class Scoring(_Model):
    """How answers become one score: the mean of the scored items, reverse items flipped."""

    method: Literal["mean"] = "mean"
    dimensions: tuple[Dimension, ...] | None = None
    reverse: tuple[str, ...] = ()


class Instrument(_Model):
    """A questionnaire: who answers it, what it asks, how it is scored.

    `scale` and `sides` at the top are defaults for items that do not set their own, so a file
    need not repeat the same anchors on every item.
    """

    id: str = Field(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)
    version: int = Field(ge=1)
    title: Localized
    description: Localized
    disclaimer: Localized | None = None
    source: str | None = None
    sides: tuple[Side, ...] = Field(min_length=1)
    scale: Scale | None = None
    items: tuple[Item, ...] = Field(min_length=1)
    scoring: Scoring = Scoring()

    @model_validator(mode="before")
    @classmethod
    def _inherit_defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            return data
        inherited = {key: data[key] for key in ("scale", "sides") if key in data}
        items = [
            {**inherited, **item} if isinstance(item, dict) else item for item in data["items"]
        ]
        return {**data, "items": items}

    @field_validator("sides")
    @classmethod
    def _unique_sides(cls, sides: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(sides)) != len(sides):
            raise ValueError(f"sides are repeated: {list(sides)}")
        return sides

    @model_validator(mode="after")
    def _check_items(self) -> Instrument:
        seen: set[str] = set()
        for index, item in enumerate(self.items):
            if item.id in seen:
                raise item_error(item.id, index, f"duplicate item id '{item.id}'")
            seen.add(item.id)
            extra = [side for side in item.sides if side not in self.sides]
            if extra:
                raise item_error(
                    item.id, index, f"shown to '{extra[0]}', which does not answer this instrument"
                )
        for side in self.sides:
            if not any(side in item.sides for item in self.items):
                raise ValueError(f"no item is shown to side '{side}'")
        self._check_scoring()
        return self

    def _check_scoring(self) -> None:
        by_id = {item.id: (index, item) for index, item in enumerate(self.items)}
        if len(set(self.scoring.reverse)) != len(self.scoring.reverse):
            raise ValueError(f"scoring.reverse repeats an item: {list(self.scoring.reverse)}")
        for item_id in self.scoring.reverse:
            if item_id not in by_id:
                raise item_error(item_id, None, "scoring.reverse names an item that does not exist")
            index, item = by_id[item_id]
            if not item.scored:
                raise item_error(item_id, index, "scoring.reverse names an unscored item")
        for dimension in self.scoring.dimensions or ():
            if not any(i.scored and i.dimension == dimension for i in self.items):
                raise ValueError(f"scoring.dimensions: no scored item has dimension '{dimension}'")
        counted = [item for item in self.items if self.counts(item)]
        if not counted:
            raise ValueError("no item counts towards the score")
        first = counted[0]
        for index, item in enumerate(self.items):
            same = (item.scale.min, item.scale.max) == (first.scale.min, first.scale.max)
            if self.counts(item) and not same:
                raise item_error(
                    item.id,
                    index,
                    f"scale {item.scale.min}–{item.scale.max} differs from "
                    f"'{first.id}' ({first.scale.min}–{first.scale.max}); a mean needs one scale",
                )
            if item.dimension == "prediction" and not same:  # compared with the coachee's score
                raise item_error(
                    item.id,
                    index,
                    f"scale {item.scale.min}–{item.scale.max} differs from the scored items' "
                    f"({first.scale.min}–{first.scale.max}); a prediction of the score needs "
                    "the same scale",
                )

    def counts(self, item: Item) -> bool:
        """Whether `item` enters the score (scored, and in `scoring.dimensions` when given)."""
        dimensions = self.scoring.dimensions
        return item.scored and (dimensions is None or item.dimension in dimensions)

    def item(self, item_id: str) -> Item:
        """The item with this id; KeyError names the instrument when absent."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"instrument '{self.id}' has no item '{item_id}'")
