"""The lock files (`make lock`) pin every dependency of pyproject.toml at the version it names,
each with its hashes: `make install` installs from them with --require-hashes, so a package
added to pyproject.toml without `make lock` fails here rather than on a fresh machine."""

from __future__ import annotations

import re
import tomllib

import pytest

from config.settings import BASE_DIR

PYPROJECT = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?==([^;\s]+)", requirement.strip())
        assert match, f"not pinned with ==: {requirement}"
        pins[_normal(match.group(1))] = match.group(3)
    return pins


def _locked(filename: str) -> dict[str, list[str]]:
    """name -> the hashes of its pinned version, from a pip-compile lock file."""
    text = (BASE_DIR / filename).read_text()
    locked: dict[str, list[str]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        head = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if head:
            key = f"{_normal(head.group(1))}=={head.group(2)}"
            locked[key] = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
    return locked


@pytest.mark.parametrize(
    ("filename", "groups"),
    [("requirements.lock", ("runtime",)), ("requirements-dev.lock", ("runtime", "dev"))],
)
def test_every_dependency_is_locked_at_its_version_with_hashes(filename, groups):
    wanted = {}
    if "runtime" in groups:
        wanted |= _pins(PYPROJECT["dependencies"])
    if "dev" in groups:
        wanted |= _pins(PYPROJECT["optional-dependencies"]["dev"])
    locked = _locked(filename)
    missing = sorted(f"{n}=={v}" for n, v in wanted.items() if f"{n}=={v}" not in locked)
    assert missing == [], f"run `make lock`: {filename} lacks {missing}"
    assert [name for name, hashes in locked.items() if not hashes] == []
