"""The demo's transcript tells one dyad's story: its two people only, in the order the bot wrote,
no word cut in two, repeats counted rather than shown again."""

from __future__ import annotations

from bot.demo.transcript import WIDTH, Said, dyad_transcript, recorded, shorten

COACH, COACHEE, OTHER = "Avery A.", "Chris J.", "Dana K."


def story() -> list[Said]:
    """A coach with two coachees; the bot's messages arrive out of order across the chats."""
    return [
        Said((5,), "coachee", "Welcome aboard! You are a coachee in “Leadership Program 2027”."),
        Said((1,), "coach", "Thank you, your consent is recorded.", first="You are invited"),
        Said((7,), "coach", f"Session 1 with {OTHER} is logged. Your check-in follows."),
        Said((6,), "coach", f"Session 1 with {COACHEE} is logged. Your check-in follows."),
        *(Said((10 + i,), "coachee", "Thank you! Your check-in is complete.") for i in range(5)),
        Said((20,), "coach", f"Session 2 with {COACHEE} is logged. Your check-in follows."),
        Said((21,), "coachee", "Reminder: this is still waiting for you, until 14 February."),
        Said(
            (22,),
            "coach",
            f"A moment to verify, after session 2 with {COACHEE}\n\nYour check-ins suggest "
            "that you may see the work differently.\n\nNoted: you will ask. Tap “We talked”.",
            ("We talked",),
            first=f"A moment to verify, after session 2 with {COACHEE}\n\nYour check-ins "
            "suggest that you may see the work differently.",
        ),
        Said((23,), "coach", f"A moment to verify, after session 1 with {OTHER}", ("I'll ask",)),
        Said((30,), "coachee", "Program closed: " + "thanks for taking part " * 8),
    ]


def test_the_transcript_follows_one_dyad_in_the_order_the_bot_wrote() -> None:
    lines = dyad_transcript(story(), COACH, COACHEE, [OTHER])

    assert not [line for line in lines if OTHER in line]
    body = lines[1:]
    assert body[0].startswith(f"  bot → coach {COACH}: You are invited → Thank you")
    assert body[1].startswith(f"  bot → coachee {COACHEE}: Welcome aboard!")
    assert "Session 1 with Chris J." in body[2]
    reminder = next(i for i, line in enumerate(body) if "Reminder:" in line)
    nudge = next(i for i, line in enumerate(body) if "A moment to verify" in line)
    assert 2 < reminder < nudge < len(body) - 1
    assert "→ Noted: you will ask." in body[nudge] and body[nudge].endswith("[We talked]")
    assert body[-1].startswith(f"  bot → coachee {COACHEE}: Program closed")


def test_repeats_show_once_with_their_count() -> None:
    lines = dyad_transcript(story(), COACH, COACHEE, [OTHER])

    done = [line for line in lines if "check-in is complete" in line]
    assert done == [f"  bot → coachee {COACHEE}: Thank you! Your check-in is complete. (×5)"]
    # Session 2's log differs from session 1's only by its number: counted, not repeated.
    assert "  … 1 more like the above" in lines
    assert not [line for line in lines if "Session 2 with" in line]


def test_long_lines_end_at_a_word_with_an_ellipsis() -> None:
    words = set(("Program closed: " + "thanks for taking part " * 8).split())
    for line in dyad_transcript(story(), COACH, COACHEE, [OTHER])[1:]:
        assert len(line.split("   [")[0]) <= 2 + WIDTH  # the buttons come on top
    last = dyad_transcript(story(), COACH, COACHEE, [OTHER])[-1]
    assert last.endswith(" …")
    kept = last.split(": ", 1)[1].removesuffix(" …").split()
    assert set(kept) <= words  # every word shown whole

    assert shorten("a b c", 10) == "a b c"
    assert shorten("alpha beta gamma delta", 12) == "alpha beta …"
    assert shorten("unbreakable-word and more", 5) == "unbreakable-word …"


def test_records_come_in_the_program_steps_coach_first_and_keep_the_text_as_sent() -> None:
    chats = {
        "coach": [{"message_id": 1, "text": "logged"},
                  {"message_id": 2, "text": "done", "first_text": "1/4", "buttons": []}],
        "coachee": [{"message_id": 1, "text": "welcome", "buttons": [[{"text": "OK"}]]},
                    {"message_id": 2, "text": "gone", "deleted": True},
                    {"message_id": 3, "text": "thanks"}],
    }
    marks = {"coach": [0, 2], "coachee": [1, 3]}  # the coachee enrolled before any session

    said = sorted(recorded(chats, marks), key=lambda s: s.order)

    assert [(s.role, s.text) for s in said] == [
        ("coachee", "welcome"), ("coach", "logged"), ("coach", "done"), ("coachee", "thanks")
    ]
    assert said[0].buttons == ("OK",) and said[2].first == "1/4"
