"""`python -m akool_mock ...` is the `akool-mock` command."""

from akool_mock.mock_server.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
