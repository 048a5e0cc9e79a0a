"""`parse_mode="HTML"` checking, so markup bugs surface in tests instead of production.

Telegram refuses unsupported or unbalanced tags ("can't parse entities") and measures
length limits on the visible text, after tags are stripped and entities decoded. Other
parse modes are accepted as-is and measured raw.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .params import ApiError, bad_request

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "blockquote",
        "code",
        "del",
        "em",
        "i",
        "ins",
        "pre",
        "s",
        "span",
        "strike",
        "strong",
        "tg-emoji",
        "tg-spoiler",
        "u",
    }
)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise _refuse(f'Unsupported start tag "{tag}"')
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise _refuse(f'Unsupported start tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise _refuse(f'Unexpected end tag "{tag}"')
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _refuse(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


def visible_text(text: str, parse_mode: str | None) -> str:
    """The text a user would see; raises Telegram's refusal for malformed HTML."""
    if (parse_mode or "").upper() != "HTML":
        return text
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.open:
        raise _refuse(f'Can\'t find end tag corresponding to start tag "{checker.open[-1]}"')
    return "".join(checker.parts)
