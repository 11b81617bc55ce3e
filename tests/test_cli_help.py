"""Every command explains itself, and ends its help with a worked example."""

from __future__ import annotations

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from syrcli import __version__
from syrcli.cli import app

runner = CliRunner()


def _group() -> TyperGroup:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return group


COMMANDS = sorted(_group().commands)


def test_the_commands_are_registered() -> None:
    assert {"extract", "eval"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_ending_with_an_example(name: str) -> None:
    command = _group().commands[name]
    assert command.help, f"{name} has no help"
    last = command.help.strip().splitlines()[-1].strip()
    assert last.startswith(f"Example: syrcli {name} "), last
    result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert last in result.stdout


def test_the_app_help_ends_with_an_example() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Example: syrcli extract" in result.stdout


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"syrcli {__version__}"


def test_messages_go_to_stderr_and_data_to_stdout() -> None:
    result = runner.invoke(app, ["extract", "--fields", "nope", "seeds/"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown field(s) nope" in result.stderr
