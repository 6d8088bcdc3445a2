"""Every module the package imports is the standard library, our own, or a declared dependency.

The rule, read from the installed distribution's metadata (`importlib.metadata.requires("akool-mock")`):

- A module may import the standard library, `akool_mock`, and any distribution of the core requirements.
- A distribution that only an optional extra declares may be imported only by the modules that are used only
  under that extra (`EXTRA_ONLY` below: the contract suite is what the `pytest` extra is for), or inside the
  functions of a `GUARDED` module (FakeAkool's interceptors of requests and aiohttp), never at its top level;
  no module outside EXTRA_ONLY may import its modules, so a core install never reaches an extra's import.
- Import names map to distributions through `importlib.metadata.packages_distributions()`.

Every import counts, at any level of a module (inside functions and `if TYPE_CHECKING:` too), so an import a
core user could reach only on some path is still checked.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

import akool_mock
from tests.support.imports import imports_of

DISTRIBUTION = "akool-mock"
# Modules used only under an extra (module prefix → extra): the contract suite and its pytest plugin.
EXTRA_ONLY: dict[str, str] = {"akool_mock.contract_tests": "pytest"}
# Core modules that import an extra's distributions only inside functions, after checking they are installed
# (FakeAkool's interception of `requests` and aiohttp): never at module level.
GUARDED: dict[str, str] = {
    "akool_mock.mock_server.intercept_requests": "requests",
    "akool_mock.mock_server.intercept_aiohttp": "aiohttp",
}
FORBIDDEN = {"h11": "a hand-written HTTP client", "select": "select.poll is absent on Windows"}


@functools.cache
def _distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@functools.cache
def _requirements() -> dict[str | None, set[str]]:
    """Distribution names per extra (None: the core), an extra that names `akool-mock[x]` including x's."""
    by_extra: dict[str | None, set[str]] = {}
    includes: dict[str, set[str]] = {}
    for line in metadata.requires(DISTRIBUTION) or []:
        name_part, _, marker = line.partition(";")
        match = re.match(r"\s*([A-Za-z0-9._-]+)(?:\[([^\]]*)\])?", name_part)
        assert match, line
        extra_match = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
        extra = extra_match.group(1) if extra_match else None
        name = _normal(match.group(1))
        if name == DISTRIBUTION and extra is not None:
            includes.setdefault(extra, set()).update(x.strip() for x in (match.group(2) or "").split(","))
            continue
        by_extra.setdefault(extra, set()).add(name)
    for extra, others in includes.items():
        for other in others:
            by_extra.setdefault(extra, set()).update(by_extra.get(other, set()))
    return by_extra


def _modules() -> Iterator[tuple[str, Path]]:
    """(dotted name, file) of every module of the package, following the checkout's folder links."""
    root = Path(akool_mock.__path__[0])
    for folder, _dirs, files in os.walk(root, followlinks=True):
        for file in files:
            if file.endswith(".py"):
                path = Path(folder, file)
                parts = path.relative_to(root).with_suffix("").parts
                dotted = ".".join(("akool_mock", *parts)).removesuffix(".__init__")
                yield dotted, path


def _extra_of(module: str) -> str | None:
    for prefix, extra in EXTRA_ONLY.items():
        if module == prefix or module.startswith(prefix + "."):
            return extra
    return None


MODULES = sorted(_modules())


def test_the_package_has_modules_to_check() -> None:
    names = {name for name, _ in MODULES}
    assert {"akool_mock.mock_server.dispatch", "akool_mock.sdk", "akool_mock.contract_tests.plugin"} <= names


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_every_import_is_stdlib_ours_or_declared(module: str, path: Path) -> None:
    requirements = _requirements()
    to_distributions = _distributions()
    extra = _extra_of(module)
    allowed = requirements.get(None, set()) | (requirements.get(extra, set()) if extra else set())
    guarded = requirements.get(GUARDED[module], set()) if module in GUARDED else set()
    allowed |= guarded
    problems: list[str] = []
    for name in sorted(imports_of(path, top_level_only=True)):
        if {_normal(d) for d in to_distributions.get(name.split(".")[0], [])} & guarded:
            problems.append(f"{name} is imported at the top of {module}, which must import it only when used")
    for name in sorted(imports_of(path)):
        top = name.split(".")[0]
        if top in sys.stdlib_module_names:
            continue
        if top == "akool_mock":
            target = _extra_of(name)
            if target is not None and target != extra:
                problems.append(f"{name} is used only under the [{target}] extra")
            continue
        distributions = {_normal(d) for d in to_distributions.get(top, [])}
        if not distributions:
            problems.append(f"{name}: no installed distribution provides it")
        elif not distributions & allowed:
            problems.append(f"{name} comes from {sorted(distributions)}, not declared for {module}")
    assert not problems, problems


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_no_hand_written_http_plumbing(module: str, path: Path) -> None:
    used = {name.split(".")[0] for name in imports_of(path)} & set(FORBIDDEN)
    assert not used, {name: FORBIDDEN[name] for name in used}


def test_the_rule_sees_an_undeclared_import() -> None:
    """The check is not vacuous: h11 is installed (uvicorn needs it) yet declared by nothing of ours."""
    assert "h11" in _distributions()
    assert not {"h11"} & _requirements()[None]
    assert _extra_of("akool_mock.contract_tests.plugin") == "pytest"
    assert _extra_of("akool_mock.mock_server.seed") is None
