"""What `pip install .` gives a user: one import name, lean dependencies, types, a version, a licence.

The wheel is built from this checkout (no build isolation, so no network) once per run.
"""

from __future__ import annotations

import email.parser
import os
import subprocess
import sys
import zipfile
from email.message import Message
from importlib.metadata import distribution, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from akool_mock import __version__
from akool_mock.mock_server.openapi import build_openapi
from akool_mock.sdk._constants import VERSION as SDK_VERSION

ROOT = Path(__file__).resolve().parents[1]
TEST_TOOLING = {"pytest", "hypothesis", "faker"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w"]
    subprocess.run([*command, str(out), str(ROOT)], check=True, capture_output=True)
    (path,) = out.glob("akool_mock-*.whl")
    return path


@pytest.fixture(scope="module")
def metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(f"akool_mock-{__version__}.dist-info/METADATA").decode()
    return email.parser.Parser().parsestr(text)


def test_the_wheel_adds_exactly_one_import_name(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
    assert tops == {"akool_mock", f"akool_mock-{__version__}.dist-info"}


def test_the_wheel_holds_the_parts_the_types_and_the_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for part in ("mock_server", "schemas", "sdk", "contract_tests", "fixtures"):
        assert f"akool_mock/{part}/__init__.py" in names
    assert "akool_mock/py.typed" in names
    assert "akool_mock/__main__.py" in names
    assert any(n.startswith("akool_mock/schemas/operations/") and n.endswith(".json") for n in names)
    media = sorted(p.name for p in (ROOT / "fixtures" / "media").glob("placeholder.*"))
    assert media, "no placeholder media in the checkout"
    for name in media:  # every placeholder the fake serves as a result (images, videos, audio, subtitles)
        assert f"akool_mock/fixtures/media/{name}" in names, name
    assert f"akool_mock-{__version__}.dist-info/licenses/LICENSE" in names


def core(requirements: list[str] | None, extra: str = "") -> set[str]:
    """The distributions a list of Requires-Dist asks for on this Python, with no extra (or `extra`)."""
    wanted = (Requirement(r) for r in requirements or [])
    return {r.name.lower() for r in wanted if r.marker is None or r.marker.evaluate({"extra": extra})}


def test_the_core_install_brings_no_test_tooling(metadata: Message) -> None:
    names = core(metadata.get_all("Requires-Dist"))
    assert {"starlette", "httpx", "cryptography"} <= names
    assert not names & TEST_TOOLING, names
    assert core(metadata.get_all("Requires-Dist"), extra="pytest") >= TEST_TOOLING


def test_no_core_requirement_pulls_test_tooling_in_transitively() -> None:
    seen: set[str] = set()
    todo = sorted(core(requires("akool-mock")))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(core(distribution(name).requires))
    assert not seen & TEST_TOOLING, sorted(seen)


def test_metadata_names_the_project_urls_and_the_version(metadata: Message) -> None:
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Source", "Issues", "Changelog"} <= urls.keys()
    assert metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT"


def test_one_version_everywhere() -> None:
    assert __version__ == SDK_VERSION
    assert build_openapi()["info"]["version"] == __version__
    cli = subprocess.run(
        [sys.executable, "-m", "akool_mock", "--version"], capture_output=True, text=True, check=True
    )
    assert cli.stdout.strip() == f"akool-mock {__version__}"
    assert f"## [{__version__}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_python_m_akool_mock_is_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "akool_mock", "--help"], capture_output=True, text=True, check=True
    )
    assert "serve" in result.stdout


def test_a_users_mypy_sees_the_sdks_types(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    user = tmp_path / "user.py"
    user.write_text(
        "from akool_mock.sdk import AkoolClient\n\n"
        "client = AkoolClient(api_key='k' * 32)\nwrong: int = client\n",
        encoding="utf-8",
    )
    # mypy finds the unpacked wheel as an installed package (PYTHONPATH), so py.typed decides.
    env = {**os.environ, "PYTHONPATH": str(site)}
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", os.devnull]
    result = subprocess.run(
        [*command, str(user)], check=False, capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert 'expression has type "AkoolClient", variable has type "int"' in result.stdout, result.stdout
    assert "py.typed" not in result.stdout
    assert result.returncode == 1


def test_every_file_of_the_parts_is_in_the_wheel(wheel: Path) -> None:
    """Code and data alike (a placeholder the fake serves, a schema, a page of the dashboard): only the
    folders' README files stay out."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    missing = []
    for part in ("mock_server", "schemas", "sdk", "contract_tests", "fixtures"):
        for path in sorted((ROOT / part).rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts or path.name.startswith("README"):
                continue
            relative = path.relative_to(ROOT).as_posix()
            if f"akool_mock/{relative}" not in names:
                missing.append(relative)
    assert not missing, missing
