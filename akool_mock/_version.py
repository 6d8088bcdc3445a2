"""The one version of the package: pyproject reads it, and so do `--version` and the OpenAPI export."""

__version__ = "0.2.0"
