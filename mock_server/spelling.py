"""Unknown names are refused with a suggestion: a typo in a fault rule, a webhook mode or a control call
must fail loudly, never apply to everything (`operaton=`) or to nothing."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable


class UnknownName(ValueError):
    """A key or an operation id that does not exist; the message suggests the closest known ones."""


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the closest known names, or '' when none is close."""
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


def check_names(given: Iterable[str], known: Collection[str], what: str) -> None:
    """Raise UnknownName for the first of `given` not in `known` (e.g. what='fault key')."""
    for name in given:
        if name not in known:
            hint = did_you_mean(name, known)
            listing = "" if hint or len(known) > 12 else f"; known: {', '.join(sorted(known))}"
            raise UnknownName(f"unknown {what} {name!r}{hint}{listing}")
