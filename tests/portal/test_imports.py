"""Which way imports run (README, "Which way imports run"): ``portal`` -> ``about`` -> ``search`` -> ``documents`` ->
``home`` -> ``members``, no app importing ``portal``, ``members`` importing no page app, models importing no views,
and no import circle anywhere.

The rules are import-linter contracts in ``pyproject.toml``; each is checked here by ``lint-imports`` (as in
``make lint`` and CI), over every import, those inside functions included. With the apps in one strict order a circle
across apps needs an upward import (the ``layers`` contract), and a circle inside an app, between its modules or
through a package's ``__init__``, breaks ``no-circles-inside-apps``.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CONTRACTS = {
    contract["id"]: contract
    for contract in tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
}
APPS_TOP_DOWN = ["portal", "about", "search", "documents", "home", "members"]


def test_the_contracts_say_the_rules_of_the_house():
    assert CONTRACTS["layers"]["type"] == "layers"
    assert CONTRACTS["layers"]["layers"] == APPS_TOP_DOWN
    assert CONTRACTS["no-app-imports-portal"]["forbidden_modules"] == ["portal"]
    assert set(CONTRACTS["no-app-imports-portal"]["source_modules"]) == set(APPS_TOP_DOWN) - {"portal"}
    assert set(CONTRACTS["members-is-the-ground"]["forbidden_modules"]) == {"about", "search", "documents", "home"}
    assert CONTRACTS["models-import-no-views"]["source_modules"] == ["*.models"]
    assert "*.views" in CONTRACTS["models-import-no-views"]["forbidden_modules"]
    assert CONTRACTS["no-circles-inside-apps"]["type"] == "acyclic_siblings"
    assert set(CONTRACTS["no-circles-inside-apps"]["ancestors"]) == set(APPS_TOP_DOWN)
    # No import is let off: an exception would be listed (and justified) here.
    assert not any(contract.get("ignore_imports") for contract in CONTRACTS.values())


@pytest.mark.parametrize("contract", sorted(CONTRACTS))
def test_imports_keep_the_contract(contract):
    result = subprocess.run(  # noqa: S603 - our own virtualenv's lint-imports, fixed arguments
        [Path(sys.executable).parent / "lint-imports", "--no-cache", "--no-logo", "--contract", contract],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
