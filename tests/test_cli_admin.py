"""The admin commands as an operator runs them. Most run in-process through typer's runner, on
exactly the entry point the `alliance` script calls; the first tests run the real script in a
subprocess, to prove the console script, its exit codes and its one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alliance.core.config import PLACEHOLDER_BOT_USERNAME
from alliance.core.models import Base, Dyad, Invite, Person
from alliance.enrolment.invites import hash_token
from tests.cli_runner import OUR_PREFIXES, Ran, run_cli

ALLIANCE = str(Path(sys.executable).with_name("alliance"))


def _folder_of(database_url: str) -> Path | None:
    return Path(database_url.split("///")[-1]).parent if "sqlite" in database_url else None


def script(database_url: str, *args: str, **env: str) -> Ran:
    """The installed `alliance` script in a subprocess, with only our settings."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(OUR_PREFIXES)}
    environment.update({"DATABASE_URL": database_url, **env})
    done = subprocess.run([ALLIANCE, *args], capture_output=True, text=True, env=environment,
                          timeout=60, cwd=_folder_of(database_url))
    return Ran(done.returncode, done.stdout, done.stderr)


def alliance(database_url: str, *args: str, **env: str) -> Ran:
    """The same command in-process, from the database's folder."""
    return run_cli({"DATABASE_URL": database_url, **env}, *args, cwd=_folder_of(database_url))


def test_db_upgrade_builds_an_empty_database(empty_database_url: str) -> None:
    result = script(empty_database_url, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert "head" in result.stdout


def test_commands_refuse_an_unmigrated_database(empty_database_url: str) -> None:
    result = script(empty_database_url, "program", "create", "P")
    assert result.returncode == 2
    assert "alliance db upgrade" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_one_line_naming_the_variable(database_url: str) -> None:
    result = script(database_url, "program", "create", "P", ALLIANCE_TIMEZONE="Mars/Olympus")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: invalid setting ALLIANCE_TIMEZONE: unknown time zone 'Mars/Olympus'"
    ]


def _json(result: Ran) -> dict[str, object]:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


async def _all_text(factory: async_sessionmaker[AsyncSession]) -> str:
    """Every value of every table, as one string: where a leaked token would show."""
    async with factory() as session:
        chunks = []
        for table in Base.metadata.sorted_tables:
            rows = await session.execute(select(table))
            chunks.extend(repr(tuple(row)) for row in rows)
        return "\n".join(chunks)


async def test_program_and_invites_as_json_store_only_token_hashes(
    database_url: str, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    program = _json(alliance(database_url, "program", "create", "Leaders 2027", "--json",
                             "--timezone", "America/Toronto", "--start", "2027-01-10"))
    assert program["timezone"] == "America/Toronto" and program["start"] == "2027-01-10"
    coach = _json(alliance(database_url, "invite", "--program", str(program["id"]),
                           "--role", "coach", "--name", "Claire", "--json"))
    coachee = _json(alliance(database_url, "invite", "--program", str(program["id"]),
                             "--role", "coachee", "--name", "Sam", "--coach",
                             str(coach["person_id"]), "--json"))
    tokens = [str(invite["link"]).split("?start=")[1] for invite in (coach, coachee)]
    assert all(str(i["link"]).startswith(f"https://t.me/{PLACEHOLDER_BOT_USERNAME}?start=")
               for i in (coach, coachee))
    assert all(len(token) >= 22 for token in tokens)  # ≥ 128 bits in URL-safe base64
    stored = await _all_text(session_factory)
    for token in tokens:
        assert token not in stored
        assert hash_token(token) in stored
    async with session_factory() as session:
        dyad = (await session.scalars(select(Dyad))).one()
        assert (dyad.coach_id, dyad.coachee_id) == (coach["person_id"], coachee["person_id"])


def test_invite_with_username_setting_uses_it(database_url: str) -> None:
    program = _json(alliance(database_url, "program", "create", "P", "--json"))
    invite = _json(alliance(database_url, "invite", "--program", str(program["id"]), "--role",
                            "lead", "--name", "Lee", "--json",
                            TELEGRAM_BOT_USERNAME="@AcmeCoachingBot"))
    assert str(invite["link"]).startswith("https://t.me/AcmeCoachingBot?start=")


def test_coachee_invite_must_name_a_coach_of_the_program(database_url: str) -> None:
    program = _json(alliance(database_url, "program", "create", "P", "--json"))
    missing = alliance(database_url, "invite", "--program", str(program["id"]), "--role",
                       "coachee", "--name", "Sam")
    not_a_coach = alliance(database_url, "invite", "--program", str(program["id"]), "--role",
                           "coachee", "--name", "Sam", "--coach", "99")
    for result in (missing, not_a_coach):
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1


ROSTER = """key,name,role,coach,gender,age,background
c1,Claire Roy,coach,,f,51,hr
c2,Marc Dion,coach,,m,47,finance
e1,Sam Li,coachee,c1,f,38,hr
e2,Ana Diaz,coachee,c2,f,42,engineering
e3,Tom Park,coachee,c1,m,35,sales
"""


async def test_roster_import_invites_everyone_with_coach_assignments(
    database_url: str, session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    program = _json(alliance(database_url, "program", "create", "P", "--json"))
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    result = _json(alliance(database_url, "roster", "import", str(roster), "--program",
                            str(program["id"]), "--json"))
    invites = result["invites"]
    assert isinstance(invites, list) and len(invites) == 5
    assert len({i["link"] for i in invites}) == 5
    async with session_factory() as session:
        dyads = list(await session.scalars(select(Dyad).order_by(Dyad.code)))
        assert [d.code for d in dyads] == ["D01", "D02", "D03"]
        assert dyads[0].similarity == {"same_gender": True, "same_background": True,
                                       "age_gap": 13.0}


async def test_roster_with_a_bad_row_names_the_line_and_imports_nothing(
    database_url: str, session_factory: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    program = _json(alliance(database_url, "program", "create", "P", "--json"))
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER + "e4,Zoe Chan,coachee,nobody,f,30,hr\n", encoding="utf-8")
    result = alliance(database_url, "roster", "import", str(roster), "--program",
                      str(program["id"]))
    assert result.returncode == 2
    assert "line 7" in result.stderr and "nobody" in result.stderr
    async with session_factory() as session:
        assert await session.scalar(select(func.count(Person.id))) == 0
        assert await session.scalar(select(func.count(Invite.id))) == 0
        assert (await session.execute(text("select 1"))).scalar() == 1


def test_program_options_are_stored_and_shown(database_url: str, tmp_path: Path) -> None:
    thresholds = tmp_path / "thresholds.json"
    thresholds.write_text('{"over_d": 2.0, "cooldown_sessions": 3}', encoding="utf-8")
    program = _json(alliance(database_url, "program", "create", "P", "--json",
                             "--module", "mood", "--quiet-hours", "22-7",
                             "--reminder-hours", "12", "--expiry-hours", "48",
                             "--nudge-thresholds", str(thresholds), "--cut-sd", "0.75"))
    assert program["modules"] == ["mood"] and program["quiet_hours"] == [22, 7]
    assert (program["reminder_hours"], program["expiry_hours"]) == (12.0, 48.0)
    assert program["nudge_thresholds"] == {"over_d": 2.0, "cooldown_sessions": 3}
    assert program["cut_sd"] == 0.75


def test_bad_program_options_are_refused_in_one_line(database_url: str, tmp_path: Path) -> None:
    thresholds = tmp_path / "thresholds.json"
    thresholds.write_text('{"over_d": "high"}', encoding="utf-8")
    instrument = tmp_path / "mine.yaml"
    instrument.write_text("id: mine\n", encoding="utf-8")
    for options, problem in (
        (["--module", "astrology"], "unknown module"),
        (["--nudge-thresholds", str(thresholds)], "over_d"),
        (["--checkin-instrument", str(instrument)], "mine.yaml"),
        (["--reminder-hours", "80", "--expiry-hours", "72"], "before the check-in closes"),
        (["--quiet-hours", "late"], "--quiet-hours"),
    ):
        result = alliance(database_url, "program", "create", "P", *options)
        assert result.returncode == 2, options
        assert problem in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_hour_options_are_stored_as_given_or_refused_below_a_quarter_hour(
    database_url: str,
) -> None:
    program = _json(alliance(database_url, "program", "create", "P", "--json",
                             "--reminder-hours", "0.25", "--expiry-hours", "0.75"))
    assert (program["reminder_hours"], program["expiry_hours"]) == (0.25, 0.75)
    for options in (["--reminder-hours", "0.02"], ["--expiry-hours", "0.2"],
                    ["--reminder-hours", "0"], ["--expiry-hours", "nan"]):
        for command in (["create", "Q"], ["set", str(program["id"])]):
            result = alliance(database_url, "program", *command, *options)
            assert result.returncode == 2, (command, options)
            assert "at least 0.25 hours (15 minutes)" in result.stderr
            assert len(result.stderr.strip().splitlines()) == 1
    unchanged = _json(alliance(database_url, "program", "set", str(program["id"]), "--json"))
    assert (unchanged["reminder_hours"], unchanged["expiry_hours"]) == (0.25, 0.75)


def test_program_set_changes_only_the_options_given(database_url: str) -> None:
    program = _json(alliance(database_url, "program", "create", "P", "--json",
                             "--module", "mood", "--reminder-hours", "12"))
    updated = _json(alliance(database_url, "program", "set", str(program["id"]), "--json",
                             "--expiry-hours", "96", "--quiet-hours", "20-9"))
    assert updated["expiry_hours"] == 96.0 and updated["quiet_hours"] == [20, 9]
    assert updated["reminder_hours"] == 12.0 and updated["modules"] == ["mood"]


def test_the_sessions_before_the_five_attribute_check_default_to_three_and_can_be_set(
    database_url: str,
) -> None:
    program = _json(alliance(database_url, "program", "create", "P", "--json",
                             "--module", "five_attributes"))
    assert program["attribute_min_sessions"] == 3
    updated = _json(alliance(database_url, "program", "set", str(program["id"]), "--json",
                             "--attribute-min-sessions", "2"))
    assert updated["attribute_min_sessions"] == 2 and updated["modules"] == ["five_attributes"]
    refused = alliance(database_url, "program", "set", str(program["id"]),
                       "--attribute-min-sessions", "0")
    assert refused.returncode == 2 and "at least one held session" in refused.stderr


def test_program_set_refuses_a_reminder_after_expiry_and_changes_nothing(
    database_url: str,
) -> None:
    program = _json(alliance(database_url, "program", "create", "P", "--json"))
    result = alliance(database_url, "program", "set", str(program["id"]), "--reminder-hours",
                      "100")
    assert result.returncode == 2 and "before the check-in closes" in result.stderr
    unchanged = _json(alliance(database_url, "program", "set", str(program["id"]), "--json"))
    assert unchanged["reminder_hours"] == 24.0


def test_baseline_and_final_reminders_and_the_final_window_default_and_can_be_set(
    database_url: str,
) -> None:
    program = _json(alliance(database_url, "program", "create", "P", "--json"))
    assert (program["questionnaire_reminders"], program["final_window_days"]) == (2, 14)
    none = _json(alliance(database_url, "program", "create", "Q", "--json",
                          "--questionnaire-reminders", "0", "--final-window-days", "30"))
    assert (none["questionnaire_reminders"], none["final_window_days"]) == (0, 30)
    updated = _json(alliance(database_url, "program", "set", str(program["id"]), "--json",
                             "--questionnaire-reminders", "3"))
    assert (updated["questionnaire_reminders"], updated["final_window_days"]) == (3, 14)
    for options, problem in ((["--questionnaire-reminders", "6"], "reminded 0 to 5 times"),
                             (["--questionnaire-reminders", "-1"], "reminded 0 to 5 times"),
                             (["--final-window-days", "0"], "open 1 to 90 days"),
                             (["--final-window-days", "91"], "open 1 to 90 days")):
        refused = alliance(database_url, "program", "set", str(program["id"]), *options)
        assert refused.returncode == 2 and problem in refused.stderr, options
        assert len(refused.stderr.strip().splitlines()) == 1
    unchanged = _json(alliance(database_url, "program", "set", str(program["id"]), "--json"))
    assert (unchanged["questionnaire_reminders"], unchanged["final_window_days"]) == (3, 14)
