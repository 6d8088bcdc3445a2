"""Benchmarks of akool-mock against its limits and its peers: `python -m benchmarks` (or `tox -e bench`).

Every figure is reported next to a baseline measured in the same run on the same machine (a bare Starlette
app, Prism, a constant respx route), so the ratios mean something on a noisy shared machine where absolute
numbers do not. Everything runs on loopback only, and every loop is bounded in count and time.
"""
