"""The message catalogues: every message in every language, with the same placeholders, plural
forms by each language's rule, templates in sync, and a new language as a catalogue only."""

from __future__ import annotations

import shutil
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.pofile import read_po

from alliance.core.catalogues import DOMAINS, LOCALES, Catalogue, Message, catalog, languages
from bot.commands import EVERYONE_COMMANDS, ROLE_COMMANDS, STRANGER_COMMANDS
from bot.texts import LANGUAGES, catalogues, language_of, placeholders, t, tn

TELEGRAM_TEXT_LIMIT = 4096
TOAST_LIMIT = 200  # answerCallbackQuery's text
TOAST_PREFIXES = ("prompt.refused.", "enrol.invite_", "error.", "fallback.button")
LEAD_REFUSALS = ("lead.not_lead", "lead.no_open_program", "lead.draft_gone", "lead.bad_timezone",
                 "lead.bad_dates", "lead.no_coach_yet", "lead.invite_failed",
                 "lead.program_closed", "lead.role")


def _forms(message: Message) -> tuple[str, ...]:
    return message if isinstance(message, tuple) else (message,)


def _fields(message: Message) -> set[str]:
    """The placeholders of every form; `{n}` is the number a plural message is for and a
    singular form may say "one" instead."""
    names = {name for form in _forms(message) for name in placeholders(form)}
    return names - {"n"} if isinstance(message, tuple) else names


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_has_every_message_with_the_same_placeholders(domain: str) -> None:
    catalogue = Catalogue(domain)
    english = catalogue.messages("en")
    assert set(catalogue.languages) >= {"en", "fr"}
    for lang in catalogue.languages:
        theirs = catalogue.messages(lang)
        assert sorted(english.keys() - theirs.keys()) == [], f"missing in {lang}"
        assert sorted(theirs.keys() - english.keys()) == [], f"only in {lang}"
        differing = {key: (_fields(text), _fields(theirs[key])) for key, text in english.items()
                     if _fields(text) != _fields(theirs[key])}
        assert differing == {}, lang
        untranslated = [key for key, text in theirs.items() if not all(_forms(text))]
        assert untranslated == [], lang
        plural = {key for key, text in english.items() if isinstance(text, tuple)}
        assert plural == {key for key, text in theirs.items() if isinstance(text, tuple)}


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_templates_list_exactly_the_english_messages(domain: str) -> None:
    """`pybabel init`/`update` start from the `.pot`, made by `python -m alliance.core.catalogues`.
    """
    with (LOCALES / f"{domain}.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert template == {m.id for m in catalog(domain, "en") if m.id}


def test_plural_forms_follow_each_languages_rule() -> None:
    """French counts 0 and 1 as singular, English only 1."""
    assert tn("en", "mystats.own_month", 1, month="May", mean="7.0").endswith("(1 check-in)")
    assert tn("en", "mystats.own_month", 0, month="May", mean="7.0").endswith("(0 check-ins)")
    assert tn("fr", "mystats.own_month", 0, month="mai", mean="7,0").endswith("(0 bilan)")
    assert tn("fr", "mystats.own_month", 1, month="mai", mean="7,0").endswith("(1 bilan)")
    assert tn("fr", "mystats.own_month", 2, month="mai", mean="7,0").endswith("(2 bilans)")


def test_every_text_formats_and_fits_in_a_telegram_message() -> None:
    for lang in LANGUAGES:
        for key, message in catalogues()[lang].items():
            for form in _forms(message):
                list(Formatter().parse(form))  # a stray brace raises here
            values = {name: "x" * 40 for name in _fields(message)}
            filled = (tn(lang, key, 12345, **values) if isinstance(message, tuple)
                      else t(lang, key, **values))
            assert 0 < len(filled) <= TELEGRAM_TEXT_LIMIT, key


def test_a_third_language_is_a_catalogue_and_nothing_else(tmp_path: Path) -> None:
    """A German catalogue beside the shipped ones: it is listed, read with its own plural rule,
    and a message it lacks falls back to English."""
    shutil.copytree(LOCALES, tmp_path, dirs_exist_ok=True)
    german = tmp_path / "de" / "LC_MESSAGES"
    german.mkdir(parents=True)
    (german / "bot.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "session.confirm_log"\nmsgstr "Eine Sitzung mit {coachee}, die gerade endete?"\n\n'
        'msgid "mystats.own_month"\nmsgid_plural "mystats.own_month"\n'
        'msgstr[0] "• {month}: {mean} ({n} Check-in)"\n'
        'msgstr[1] "• {month}: {mean} ({n} Check-ins)"\n',
        encoding="utf-8",
    )
    catalogue = Catalogue("bot", tmp_path)
    assert languages(tmp_path) == ("en", "de", "fr")
    assert catalogue.text("de", "session.confirm_log", coachee="Ana").startswith("Eine Sitzung")
    assert catalogue.plural("de", "mystats.own_month", 1, month="Mai", mean="7").endswith(
        "(1 Check-in)")
    assert catalogue.text("de", "session.button.undo") == "Undo"  # not translated yet: English
    assert catalogue.text("xx", "session.button.undo") == "Undo"  # no such catalogue


def test_a_telegram_language_code_maps_to_a_catalogue() -> None:
    assert language_of("fr-CA") == "fr" and language_of("en_GB") == "en"
    assert language_of("de") == "en" and language_of(None) == "en"


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
            assert isinstance(text, str), key
            filled = t(lang, key, **{name: "x" * 40 for name in placeholders(text)})
            assert len(filled) <= TOAST_LIMIT, (lang, key)
