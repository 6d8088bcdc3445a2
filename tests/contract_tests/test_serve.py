"""contract_tests.serve.require_installed: CI's over-HTTP runs refuse a source checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

import akool_mock.mock_server as part
from akool_mock.contract_tests.serve import REQUIRE_INSTALLED, require_installed

FROM_CHECKOUT = Path(part.__file__).parent != Path(part.__file__).resolve().parent


@pytest.mark.skipif(not FROM_CHECKOUT, reason="this run imports akool_mock from an install")
def test_a_checkout_is_refused_when_an_install_is_required() -> None:
    with pytest.raises(SystemExit, match="source checkout"):
        require_installed({REQUIRE_INSTALLED: "1"})


def test_nothing_is_required_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    require_installed({})
    assert "akool_mock from" in capsys.readouterr().err
