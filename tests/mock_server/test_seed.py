"""mock_server.seed: seeded catalogs are reproducible, varied, and made without faker."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from akool_mock.mock_server.seed import _value, seed_catalogs


def test_the_same_seed_gives_the_same_catalogs() -> None:
    assert seed_catalogs(random.Random(7)) == seed_catalogs(random.Random(7))


def test_another_seed_gives_other_generated_items() -> None:
    first, second = seed_catalogs(random.Random(1)), seed_catalogs(random.Random(2))
    assert first.keys() == second.keys()
    assert first != second


def test_names_and_ids_have_their_shapes() -> None:
    rng = random.Random(0)
    assert len(_value("object_id", None, rng, 1)) == 24
    assert _value("suffix", "voice", rng, 3) == "voice-3"
    assert len(_value("name", None, rng, 1).split(" ")) == 2
    with pytest.raises(ValueError, match="unknown way"):
        _value("company", None, rng, 1)


def test_the_server_and_the_in_process_fake_import_no_test_tooling() -> None:
    code = (
        "import sys\n"
        "from akool_mock import FakeAkool\n"
        "from akool_mock.mock_server.app import create_app\n"
        "from akool_mock.mock_server.settings import build_settings\n"
        "import akool_mock.sdk\n"
        "create_app(build_settings({}))\n"
        "with FakeAkool(): pass\n"
        "bad = sorted(m for m in ('faker', 'hypothesis', 'pytest') if m in sys.modules)\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
