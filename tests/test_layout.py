"""The house rules a reader relies on: the domain never reaches for Telegram, modules stay short,
and every package is on the README's map."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_alliance_imports_nothing_of_bot_or_telegram() -> None:
    reaching = {
        str(path.relative_to(ROOT)): sorted(name for name in _imported(path)
                                            if name.split(".")[0] in ("bot", "telegram"))
        for path in _modules("alliance")
    }
    assert {path: names for path, names in reaching.items() if names} == {}


def test_no_module_is_over_400_lines() -> None:
    long = {str(path.relative_to(ROOT)): n for package in ("alliance", "bot")
            for path in _modules(package)
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_every_package_says_why_and_is_on_the_readme_map() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for init in sorted((ROOT / "alliance").glob("*/__init__.py")):
        package = init.parent.name
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), package
        assert f"`alliance/{package}/`" in readme, package


def test_every_awaited_text_input_has_its_consumer_in_the_table() -> None:
    """`await_text(turn, NAME)` arms an input; `bot.handlers.text_inputs` must list NAME."""
    from bot.handlers import checkins, zones
    from bot.handlers.text_inputs import TEXT_INPUTS

    constants = {"COMMENT_INPUT": checkins.COMMENT_INPUT, "TYPED": zones.TYPED}
    armed: set[str] = set()
    for path in _modules("bot/handlers"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "await_text"
                    and len(node.args) >= 2):
                name = node.args[1]
                if isinstance(name, ast.Constant):
                    armed.add(name.value)
                elif isinstance(name, ast.Name) and name.id in constants:
                    armed.add(constants[name.id])
    assert armed and armed <= set(TEXT_INPUTS)
