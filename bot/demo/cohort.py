"""A simulated coaching cohort: who the people are and how each of them answers.

Pure and seeded, so a demo run is reproducible. Coaches differ in how they read the alliance
(some overestimate it, some underestimate it, some are accurate); coachees differ in how the
alliance grows, a few stop answering, and one blocks the bot. Self-efficacy growth is simulated
to be larger when the coach underestimates — the pattern Baron, Morin & Morin (2011) reported —
so the report has something to find; the numbers are invented, not data. The roster carries
gender, age and background for the similarity module, drawn apart from everything else so that
the cohort's answers do not depend on them. Half the coaches schedule their sessions ahead (and
are asked their mood before each), the others log them afterwards. Each coach has a usual mood;
a session on a better day than usual goes a little better for both sides (Ianiro & Kauffeld
2014 report that a coach's pleasant mood comes before friendlier behaviour in the session), and
the coachee's five-attribute ratings follow their alliance at the time, some attributes rated
higher than others.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

ALLIANCE_ITEMS = ("goal", "task", "bond", "overall")
SELF_EFFICACY_ITEMS = 7
MOOD_EFFECT = 0.35  # alliance points per point of mood above the coach's usual
MOOD_SPREAD = 1.4  # SD of a coach's mood from one session day to the next
# The five-attribute check's items in the order it asks them, each rated this far above (+) or
# below (−) the coachee's alliance at the time (invented: emotions comes out lowest).
ATTRIBUTE_OFFSETS = (("trust", 0.6), ("emotions", -1.3), ("communication", 0.3),
                     ("learning", -0.4), ("contract", 0.1))

FIRST_NAMES_EN = (
    "Alex",
    "Jordan",
    "Morgan",
    "Taylor",
    "Casey",
    "Riley",
    "Jamie",
    "Avery",
    "Quinn",
    "Drew",
    "Robin",
    "Sam",
    "Kim",
    "Lee",
    "Pat",
    "Chris",
    "Dana",
    "Jess",
)
FIRST_NAMES_FR = (
    "Camille",
    "Dominique",
    "Étienne",
    "Maxime",
    "Sacha",
    "Noémie",
    "Mathis",
    "Élise",
    "Gabriel",
    "Léa",
    "Olivier",
    "Chloé",
    "Félix",
    "Maude",
)


@dataclass(frozen=True)
class SimCoach:
    key: str
    name: str
    lang: str
    bias: float  # how far above (+) or below (−) the coachee's view this coach tends to rate
    traits: tuple[tuple[str, str], ...] = ()  # roster columns: gender, age, background
    mood: float = 6.5  # usual mood before a session, 0–10
    plans_ahead: bool = False  # schedules sessions with /schedule (so is asked the mood)


@dataclass(frozen=True)
class SimCoachee:
    key: str
    name: str
    lang: str
    coach: SimCoach
    base_alliance: float
    growth: float  # alliance gain per session
    se_pre: float
    stops_after: int | None  # stops answering after this session
    blocks_at: int | None  # blocks the bot at this session
    traits: tuple[tuple[str, str], ...] = ()

    def true_alliance(self, session: int) -> float:
        return min(10.0, self.base_alliance + self.growth * (session - 1))

    def se_post(self) -> float:
        """Growth in self-efficacy, larger when the coach tends to underestimate."""
        return min(10.0, self.se_pre + 1.0 - 0.45 * self.coach.bias)


@dataclass(frozen=True)
class Cohort:
    coaches: tuple[SimCoach, ...]
    coachees: tuple[SimCoachee, ...]


def roster_traits(seed: int, key: str) -> tuple[tuple[str, str], ...]:
    """A person's roster columns, from a generator of their own (the rest of the cohort's draws
    stay as they were without them)."""
    rng = random.Random(f"{seed}:traits:{key}")
    return (("gender", rng.choice("fm")), ("age", str(rng.randint(29, 61))),
            ("background", rng.choice(("hr", "finance", "engineering"))))


def usual_mood(seed: int, key: str) -> float:
    """A coach's usual mood, from a generator of its own (like the roster traits)."""
    return random.Random(f"{seed}:mood:{key}").uniform(5.0, 8.0)


def make_cohort(seed: int = 2011, dyads: int = 30, coaches: int = 10) -> Cohort:
    rng = random.Random(seed)
    initials = iter(f"{chr(65 + i % 26)}." for i in range(10_000))

    def person_name() -> tuple[str, str]:
        lang = "fr" if rng.random() < 0.35 else "en"
        first = rng.choice(FIRST_NAMES_FR if lang == "fr" else FIRST_NAMES_EN)
        return f"{first} {next(initials)}", lang

    biases = [1.8, 1.6, 1.4, 0.2, 0.0, -0.1, -1.2, -1.5, 0.9, -0.6]
    coach_list = []
    for index in range(coaches):
        name, lang = person_name()
        key = f"c{index + 1:02d}"
        coach_list.append(SimCoach(key, name, lang, biases[index % len(biases)],
                                   roster_traits(seed, key), usual_mood(seed, key),
                                   plans_ahead=index % 2 == 0))
    stoppers = set(rng.sample(range(dyads), k=min(3, dyads - 2)))  # leave a blocker, a steady one
    blocker = rng.choice([i for i in range(dyads) if i not in stoppers])
    coachee_list = []
    for index in range(dyads):
        name, lang = person_name()
        coachee_list.append(
            SimCoachee(
                key=f"e{index + 1:02d}",
                name=name,
                lang=lang,
                coach=coach_list[index % coaches],
                base_alliance=rng.uniform(5.8, 8.2),
                growth=rng.uniform(0.0, 0.25),
                se_pre=rng.uniform(3.5, 6.5),
                stops_after=rng.randint(3, 5) if index in stoppers else None,
                blocks_at=6 if index == blocker else None,
                traits=roster_traits(seed, f"e{index + 1:02d}"),
            )
        )
    return Cohort(tuple(coach_list), tuple(coachee_list))


def _clip(value: float) -> int:
    return max(0, min(10, round(value)))


def coach_mood(coach: SimCoach, rng: random.Random) -> int:
    """The coach's mood before one session: their usual mood, better or worse on the day."""
    return _clip(coach.mood + rng.gauss(0, MOOD_SPREAD))


def mood_lift(coach: SimCoach, mood: int | None) -> float:
    """How much better (or worse) a session goes for the coach's mood that day."""
    return 0.0 if mood is None else MOOD_EFFECT * (mood - coach.mood)


def coachee_answers(
    coachee: SimCoachee, session: int, rng: random.Random, lift: float = 0.0
) -> dict[str, int]:
    level = coachee.true_alliance(session) + lift
    return {item: _clip(level + rng.gauss(0, 0.7)) for item in ALLIANCE_ITEMS}


def coach_answers(
    coachee: SimCoachee, session: int, rng: random.Random, lift: float = 0.0
) -> dict[str, int]:
    """The coach's view: the coachee's level shifted by the coach's bias, plus a guess."""
    level = coachee.true_alliance(session) + lift + coachee.coach.bias
    answers = {item: _clip(level + rng.gauss(0, 0.7)) for item in ALLIANCE_ITEMS}
    answers["predicted"] = _clip(level + rng.gauss(0, 0.5))
    return answers


def attribute_answers(coachee: SimCoachee, session: int, rng: random.Random) -> list[int]:
    """The five-attribute check, in the order it asks: the alliance so far, attribute by
    attribute higher or lower, plus noise."""
    level = coachee.true_alliance(session)
    return [_clip(level + offset + rng.gauss(0, 1.0)) for _, offset in ATTRIBUTE_OFFSETS]


def self_efficacy_answers(level: float, rng: random.Random) -> list[int]:
    return [_clip(level + rng.gauss(0, 0.8)) for _ in range(SELF_EFFICACY_ITEMS)]


def featured(cohort: Cohort) -> SimCoachee:
    """The dyad the transcript follows: one that answers to the end, with the coach most prone
    to overestimate (so a nudge comes), the first such in the cohort."""
    steady = [e for e in cohort.coachees if not (e.stops_after or e.blocks_at)]
    return max(steady, key=lambda e: e.coach.bias)

