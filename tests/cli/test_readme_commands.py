"""The README's command list is the parser's: every command and option in one is in the other
(``--x`` and ``--no-x`` count as one option)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from app.cli import COMMANDS, build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def _parser_commands() -> dict[str, set[str]]:
    """Each command ("keys new", "merge", …) with its long options as the parser knows them."""
    out: dict[str, set[str]] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs and path:
            out[" ".join(path)] = {
                opt.replace("--no-", "--", 1) for a in parser._actions if a.help != argparse.SUPPRESS
                for opt in a.option_strings if opt.startswith("--") and opt != "--help"
            }
        for action in subs:
            for name, child in action.choices.items():
                walk(child, (*path, name))

    walk(build_parser(), ())
    return out


def _readme_commands() -> dict[str, set[str]]:
    """The commands in the README's "The command line" block, each with the options its lines name."""
    section = README.read_text(encoding="utf-8").split("## The command line", 1)[1]
    block = section.split("```", 2)[1]
    out: dict[str, set[str]] = {}
    current = None
    for line in block.splitlines():
        if line.startswith("selfcheck "):
            words = line.split()[1:]
            if words[0] == "[gui]":
                name = "gui"
            else:
                name = " ".join(w for w in words[:2] if re.fullmatch(r"[a-z][a-z-]*", w))
            current = out.setdefault(name, set())
            usage = line
        elif current is not None and line.startswith(" "):
            usage = line
        else:
            continue
        usage = re.split(r"\s{3,}", usage.strip())[0] if not usage.startswith(" " * 40) else ""
        current.update(o.replace("--no-", "--", 1) for o in re.findall(r"--[a-z][a-z-]*", usage))
    return out


def test_every_command_of_the_parser_is_in_the_readme_and_back():
    assert sorted(_readme_commands()) == sorted(_parser_commands())


def test_every_option_of_each_command_is_in_the_readme_and_back():
    readme, parser = _readme_commands(), _parser_commands()
    undocumented = {name: sorted(opts - readme.get(name, set())) for name, opts in parser.items()}
    unknown = {name: sorted(opts - parser.get(name, set())) for name, opts in readme.items()}
    assert {k: v for k, v in undocumented.items() if v} == {}
    assert {k: v for k, v in unknown.items() if v} == {}


def test_the_commands_main_knows_are_the_parsers():
    """``main`` opens the wizard for an argument list that does not start with a command: it must know them all."""
    assert sorted(COMMANDS) == sorted({name.split()[0] for name in _parser_commands()})
