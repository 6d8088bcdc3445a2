"""Run the contract suite over HTTP: start `akool-mock serve` on a free port, run the suite against it,
stop the server, and exit with pytest's exit code. Extra arguments go to pytest.

    python scripts/contract_http.py [pytest args...]
"""

from __future__ import annotations

import subprocess
import sys

from akool_mock.contract_tests.serve import require_installed, served


def main(argv: list[str]) -> int:
    require_installed()
    with served() as base_url:
        suite = ["--pyargs", "akool_mock.contract_tests.suite", f"--akool-target={base_url}"]
        # pytest in its own process: this one has imported httpx already, which pytest would warn about
        return subprocess.call([sys.executable, "-m", "pytest", *suite, *argv])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
