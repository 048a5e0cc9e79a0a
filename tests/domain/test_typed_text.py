"""Typed names and comments lose what cannot be stored or shown, and nothing else."""

from __future__ import annotations

from alliance.core.typed_text import clean_line, clean_paragraphs


def test_a_name_is_one_line_without_controls() -> None:
    assert clean_line("  Ada\n\tLovelace\x00\x1b ") == "Ada Lovelace"


def test_a_name_reads_as_typed_without_direction_overrides() -> None:
    assert clean_line("\u202eecilA") == "ecilA"
    assert clean_line("\u200fשלום") == "\u200fשלום"  # a right-to-left mark stays


def test_a_name_of_controls_only_is_empty() -> None:
    assert clean_line("\x00\x07 \n") == ""


def test_a_comment_keeps_its_lines_and_tabs() -> None:
    assert clean_paragraphs("first\r\nsecond\x00\n\tthird\x7f ") == "first\nsecond\n\tthird"


def test_letters_of_every_script_and_emoji_stay() -> None:
    text = "Zoë 王 مرحبا 🙂‍↔️"
    assert clean_line(text) == text and clean_paragraphs(text) == text
