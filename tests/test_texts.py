"""The message catalogues: every text exists in English and French with the same placeholders."""

from __future__ import annotations

import importlib
import pkgutil
from string import Formatter

import pytest

import bot.texts
from bot.commands import EVERYONE_COMMANDS, ROLE_COMMANDS, STRANGER_COMMANDS
from bot.texts import LANGUAGES, catalogues, placeholders, t

TELEGRAM_TEXT_LIMIT = 4096
TOAST_LIMIT = 200  # answerCallbackQuery's text
TOAST_PREFIXES = ("prompt.refused.", "enrol.invite_", "error.", "fallback.button")
LEAD_REFUSALS = ("lead.not_lead", "lead.no_open_program", "lead.draft_gone", "lead.bad_timezone",
                 "lead.bad_dates", "lead.no_coach_yet", "lead.invite_failed",
                 "lead.program_closed", "lead.role")
MODULES = sorted(info.name for info in pkgutil.iter_modules(bot.texts.__path__))


@pytest.mark.parametrize("module_name", MODULES)
def test_each_catalogue_module_has_the_same_keys_in_both_languages(module_name: str) -> None:
    module = importlib.import_module(f"bot.texts.{module_name}")
    english, french = module.EN, module.FR
    assert sorted(english.keys() - french.keys()) == [], "missing in French"
    assert sorted(french.keys() - english.keys()) == [], "missing in English"


def test_every_text_has_the_same_placeholders_in_both_languages() -> None:
    merged = catalogues()
    differing = {
        key: (placeholders(text), placeholders(merged["fr"].get(key, "")))
        for key, text in merged["en"].items()
        if placeholders(text) != placeholders(merged["fr"].get(key, ""))
    }
    assert differing == {}


def test_every_text_formats_and_fits_in_a_telegram_message() -> None:
    for lang in LANGUAGES:
        for key, text in catalogues()[lang].items():
            list(Formatter().parse(text))  # a stray brace raises here
            filled = t(lang, key, **{name: "x" * 40 for name in placeholders(text)})
            assert 0 < len(filled) <= TELEGRAM_TEXT_LIMIT, key


def test_every_menu_command_has_a_short_description_in_both_languages() -> None:
    commands = {*STRANGER_COMMANDS, *EVERYONE_COMMANDS}
    commands.update(*ROLE_COMMANDS.values())
    for lang in LANGUAGES:
        for command in commands:
            assert 3 <= len(t(lang, f"command.{command}")) <= 256, (lang, command)



def test_every_refusal_a_tap_can_get_fits_in_a_toast() -> None:
    """Refused taps answer with a toast; Telegram refuses a longer one and the person sees
    nothing at all."""
    refusals = [key for key in catalogues()["en"] if key.startswith(TOAST_PREFIXES)]
    refusals += [*LEAD_REFUSALS, "language.stranger", "nudge.refused"]
    for lang in LANGUAGES:
        for key in refusals:
            text = catalogues()[lang][key]
            filled = t(lang, key, **{name: "x" * 40 for name in placeholders(text)})
            assert len(filled) <= TOAST_LIMIT, (lang, key)
