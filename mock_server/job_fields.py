"""A job's fields: what its answers show besides the status, kept as a tuple of values with a shared layout.

There is one job per create, up to a million in a fake, and most of their fields are the request echoes the
area's answers show. A dict per job costs 184 B for up to 5 keys, 272 B for 10, 464 B for 21; the values
alone in a tuple cost 80, 120 and 208 B. So a `Job` holds a `Layout` (its key names, in order: one object per
distinct layout, shared by every job with the same keys, as a kind's handler makes the same keys for every
job) and a tuple of values, and `job.fields` is a `JobFields`, a mapping with the dict's API over both that
handlers read and write as they always did.

Two kinds of value are not stored but computed when read (`Derived`): a result URL
(`{base}/_mock/media/{job id}.{ext}`, ~110 B per job as a string; one shared object per base URL and media
kind instead) and a `create_time` equal to the job's creation in milliseconds (a 32 B int per job). Readers
see the same values either way, and state files store them written out, as they always did.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, MutableMapping, ValuesView
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from akool_mock.mock_server.jobs import Job

MAX_LAYOUTS = 4096
K = TypeVar("K")
V = TypeVar("V")


class Derived:
    """A value computed from its job when read, stored as this one shared object instead of per job."""

    __slots__ = ("of",)

    def __init__(self, of: Callable[[Job], Any]) -> None:
        self.of = of


def result_url(prefix: str, suffix: str) -> Derived:
    """`{prefix}{job id}{suffix}`: a job's media URL (state.py `Backend.result_url` keeps one per kind)."""
    return Derived(lambda job: prefix + job.id + suffix)


CREATED_MS = Derived(lambda job: int(job.created_at * 1000))  # `create_time` when it is the creation time


class Layout:
    """The key names of a job's fields, in order, with each one's position, and the positions whose value is
    a `Derived` (computed when read)."""

    __slots__ = ("derived", "index", "keys")

    def __init__(self, keys: tuple[str, ...], derived: tuple[int, ...]) -> None:
        self.keys = keys
        self.index = {key: position for position, key in enumerate(keys)}
        self.derived = derived


LAYOUTS: dict[tuple[str, ...], Layout] = {}  # the layouts without a derived value, by their keys
_DERIVED_LAYOUTS: dict[tuple[tuple[str, ...], tuple[int, ...]], Layout] = {}


def shared_in(table: dict[K, V], key: K, make: Callable[[], V], cap: int | None = None) -> V:
    """The one object `table` keeps for `key`, made and kept on first use (a new one, not kept, once `cap`
    distinct keys are kept, `MAX_LAYOUTS` by default: the table stays bounded whatever the requests)."""
    found = table.get(key)
    if found is None:
        found = make()
        if len(table) < (MAX_LAYOUTS if cap is None else cap):
            table[key] = found
    return found


def layout_of(keys: tuple[str, ...], values: tuple[Any, ...]) -> Layout:
    """The shared layout of these keys (a new one, not shared, once `MAX_LAYOUTS` distinct ones exist)."""
    if Derived not in map(type, values):
        return shared_in(LAYOUTS, keys, lambda: Layout(keys, ()))
    derived = tuple([position for position, value in enumerate(values) if value.__class__ is Derived])
    return shared_in(_DERIVED_LAYOUTS, (keys, derived), lambda: Layout(keys, derived))


def pack(fields: Mapping[str, Any]) -> tuple[Layout, tuple[Any, ...]]:
    """(layout, values) of a mapping of fields."""
    values = tuple(fields.values())
    return layout_of(tuple(fields), values), values


class JobFields(MutableMapping[str, Any]):
    """`job.fields`: a view with the dict's API over the job's layout and values. Writes go to the job."""

    __slots__ = ("_job",)

    def __init__(self, job: Job) -> None:
        self._job = job

    def __getitem__(self, key: str) -> Any:
        job = self._job
        value = job.values[job.layout.index[key]]
        return value.of(job) if value.__class__ is Derived else value

    def get(self, key: str, default: Any = None) -> Any:
        return self._job.field(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._job.layout.index

    def __iter__(self) -> Iterator[str]:
        return iter(self._job.layout.keys)

    def __len__(self) -> int:
        return len(self._job.values)

    def __setitem__(self, key: str, value: Any) -> None:
        job = self._job
        layout = job.layout
        position = layout.index.get(key)
        if position is None:
            keys, values = (*layout.keys, key), (*job.values, value)
        else:
            keys, values = layout.keys, (*job.values[:position], value, *job.values[position + 1 :])
        if keys is not layout.keys or layout.derived or value.__class__ is Derived:
            job.layout = layout_of(keys, values)
        job.values = values

    def __delitem__(self, key: str) -> None:
        job = self._job
        position = job.layout.index[key]
        values = (*job.values[:position], *job.values[position + 1 :])
        keys = (*job.layout.keys[:position], *job.layout.keys[position + 1 :])
        job.layout, job.values = layout_of(keys, values), values

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self._job.layout.index:
            self[key] = default
        return self[key]

    def as_dict(self) -> dict[str, Any]:
        """The fields as a new dict, derived values computed (what answers, the control API and state files
        show)."""
        return self._job.field_dict()

    def copy(self) -> dict[str, Any]:
        return self.as_dict()

    def keys(self) -> KeysView[str]:
        return self.as_dict().keys()

    def items(self) -> ItemsView[str, Any]:
        return self.as_dict().items()

    def values(self) -> ValuesView[Any]:
        return self.as_dict().values()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, JobFields):
            other = other.as_dict()
        return self.as_dict() == other

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dict

    def __repr__(self) -> str:
        return f"JobFields({self.as_dict()!r})"
