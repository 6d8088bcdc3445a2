"""A job's fields: what its answers show besides the status, kept as a tuple of values with a shared layout.

There is one job per create, up to a million in a fake, and most of their fields are the request echoes the
area's answers show. A dict per job costs 184 B for up to 5 keys, 272 B for 10, 464 B for 21; the values
alone in a tuple cost 80, 120 and 208 B. So a `Job` holds a `Layout` (its key names, in order: one object per
distinct layout, shared by every job with the same keys, as a kind's handler makes the same keys for every
job) and a tuple of values, and `job.fields` is a `JobFields`, a mapping with the dict's API over both that
handlers read and write as they always did.

Two kinds of value are not stored but computed when read (`Derived`): a result URL
(`{base}/_mock/media/{job id}.{ext}`, ~110 B per job as a string; one shared object per base URL and media
kind instead) and a `create_time` equal to the job's creation in milliseconds (a 32 B int per job).

Long request echoes are kept as bytes and decoded when read (`stored`, `unpack`): a list or an
object as its JSON text (deflated from `PACK_FROM` bytes), a string of `PACK_FROM` characters or more
deflated. The scenes of an avatar video are 4.2 KB of Python objects and 755 B of JSON; a 1,146-character
text deflates to ~600 B. Each value is compressed alone (no shared compression dictionary). Readers see the
same values either way (decoded values are new objects: a reader that changes one in place must write it
back), and state files store them written out, as they always did.

Equal values are kept once (`shared`): every string and packed value is looked up in one table of such
values and the object found is stored instead of the new one (a value enters the table the second time it
is seen, so the ids and URLs the fake makes for one job never do). Tests and load generators send the same
fixture text, URL, scene list or enum ("720p", "mp3") to thousands of jobs; each then costs an 8-byte
reference instead of 50 B to 700 B. Values are immutable (a `str`, or `bytes` decoded into new objects on
read), so sharing one is invisible to every reader. The table holds at most `SHARED_BYTES` (each value's
length plus `ENTRY_COST` for its slot): when a new value would not fit, the values no job holds any more
are dropped first (at most once per half a table's worth of new values, so the sweep costs O(1) per value
stored), and a value that still does not fit is stored unshared, as before. `benchmarks.kinds
--distinct-text` measures jobs whose long texts all differ.
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, MutableMapping, ValuesView
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from akool_mock.mock_server.jobs import Job

MAX_LAYOUTS = 4096
# A string this long or longer is kept deflated, and a list or object's JSON text too (shorter, JSON text as
# is): below it, deflating saves too little to pay for its time (BENCHMARKS.md, "Scale of every job kind").
PACK_FROM = 256
# The most the table of shared values holds (`shared`): characters of str, bytes of bytes, plus each entry's
# slot (the entry in the dict's table and its index, at two thirds full at worst).
SHARED_BYTES = 16 << 20
ENTRY_COST = 48
SEEN_SLOTS = 1 << 16  # the bytes that note values seen once (`_SharedValues`)
_SEEN_MASK, _SEEN_LIMIT = SEEN_SLOTS - 1, SEEN_SLOTS // 8
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


# A value packed by `stored` is a `bytes` object (a job's fields are JSON values, which never are): a list or
# an object's JSON text as it is (it starts with "[" or "{"), or a tag byte and the raw DEFLATE (no zlib
# header or checksum) of a string's UTF-8 or of a JSON text. Plain `bytes`, not a subclass of it: a subclass
# instance carries a 16 B garbage-collector header.
TEXT, JSON = b"T", b"J"  # the tag bytes
_TEXT_TAG, _JSON_TAG = TEXT[0], JSON[0]
# The classes of the values computed when read: the one check every read makes.
COMPUTED = frozenset({Derived, bytes})
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False)


def unpack(packed: bytes) -> Any:
    """The value `stored` packed."""
    tag = packed[0]
    if tag == _TEXT_TAG:
        return zlib.decompress(memoryview(packed)[1:], -15).decode()
    if tag == _JSON_TAG:
        return json.loads(zlib.decompress(memoryview(packed)[1:], -15))
    return json.loads(packed)


def _deflated(tag: bytes, data: bytes) -> bytes:
    return tag + zlib.compress(data, 6, -15)  # level 6: as small as 9 on these sizes, faster on long text


def stored(value: Any) -> Any:
    """What a job keeps for `value`: a string of `PACK_FROM` characters or more deflated, a list or an object
    (even an empty one: every container read is then a new one, and `b"[]"` is 35 B against a list's 56) as
    its JSON text, deflated from `PACK_FROM` bytes, when that decodes equal; anything else as it is. Packed
    values and strings are `shared`."""
    kind = value.__class__
    if kind is str:
        return SHARED.get(value if len(value) < PACK_FROM else _stored_text(value))
    if kind is list or kind is dict:
        return shared(_stored_json(value))
    return value


class _SharedValues:
    """The table behind `shared`: each value is its own key, so a hit gives the object already kept. A value
    enters it the second time it is seen: the first time only a byte is set for its hash, in `SEEN_SLOTS`
    bytes (64 KiB, whatever the number of jobs) cleared once an eighth of them have been set, so the values
    only one job ever has (its ids, its own URLs) cost no slot. A byte set by another hash lets a value in on
    its first sight (at most one in eight). The first sight is the common path (every id the fake makes), so
    it is kept to a few operations: ~0.4 µs in a loop, ~1 µs inside a create (BENCHMARKS.md, fifth pass)."""

    __slots__ = ("marked", "missed", "seen", "size", "table")

    def __init__(self) -> None:
        self.table: dict[Any, Any] = {}
        self.size = 0  # each value's length plus ENTRY_COST
        self.missed = 0  # values seen again and not found since the last sweep
        self.seen = bytearray(SEEN_SLOTS)  # 1 at a hash's slot (modulo SEEN_SLOTS) once a value had it
        self.marked = 0  # slots set since `seen` was last cleared

    def get(self, value: Any) -> Any:
        found = self.table.get(value)
        if found is not None:
            return found
        slot = hash(value) & _SEEN_MASK
        seen = self.seen
        if not seen[slot]:
            seen[slot] = 1
            self.marked += 1
            if self.marked == _SEEN_LIMIT:
                self.seen = bytearray(SEEN_SLOTS)
                self.marked = 0
            return value
        return self._seen_again(value)

    def _seen_again(self, value: Any) -> Any:
        """Keep `value` in the table, room permitting."""
        self.missed += 1
        cost = len(value) + ENTRY_COST
        if self.size + cost > SHARED_BYTES:
            # Full: sweep once half a table's worth of new values has been offered since the last sweep.
            if self.missed * 2 < len(self.table) or not self._sweep():
                return value  # full of values jobs still hold: kept unshared
            if self.size + cost > SHARED_BYTES:
                return value
        self.table[value] = value
        self.size += cost
        return value

    def _sweep(self) -> bool:
        """Drop the values only the table holds (their jobs were deleted or reset); True if any was."""
        unheld = [value for value, count in _references(self.table) if count <= _UNHELD]
        for value in unheld:
            del self.table[value]
            self.size -= len(value) + ENTRY_COST
        self.missed = 0
        if unheld:
            self.table = dict(self.table)  # a dict keeps its table as keys go
        return bool(unheld)


def _references(table: dict[Any, Any]) -> list[tuple[Any, int]]:
    """Each value of the table with `sys.getrefcount` of it, over a copy of its keys (made at once, so a
    table another thread adds to is never iterated while it changes)."""
    values = list(table)
    return [(value, sys.getrefcount(value)) for value in values]


def _references_when_unheld() -> int:
    """What `_references` counts for a value nothing but the table holds (its entry's key and value, the
    copy, the comprehension's name, the call's argument), measured rather than assumed."""
    probe = _SharedValues()
    value = f"probe {id(probe)}"  # a new string: a literal would be held by this code too
    probe.get(value)
    probe.get(value)  # kept the second time it is seen
    del value
    return _references(probe.table)[0][1]


_UNHELD = _references_when_unheld()
SHARED = _SharedValues()


def shared(value: Any) -> Any:
    """The one object kept for values equal to `value` (a `str` or packed `bytes`), or `value` itself."""
    return SHARED.get(value) if value.__class__ is bytes or value.__class__ is str else value


def _stored_text(value: str) -> Any:
    try:
        return _deflated(TEXT, value.encode())
    except UnicodeEncodeError:  # a lone surrogate (JSON's escaped \ud800): kept as it is
        return value


def _stored_json(value: list[Any] | dict[str, Any]) -> Any:
    try:
        text = _ENCODER.encode(value).encode()
    except (TypeError, ValueError):  # not JSON (a handler's own object), or a lone surrogate: kept as it is
        return value
    if json.loads(text) != value:  # a tuple or a non-string key inside would not read back equal: kept
        return value
    return _deflated(JSON, text) if len(text) >= PACK_FROM else text


def stored_values(values: dict[str, Any]) -> dict[str, Any]:
    """A new dict of `values`, each `stored` (a job's `planned` results); `values` itself when each is a
    `Derived`, so a plan computed when read is one dict shared by every job given it."""
    if all(value.__class__ is Derived for value in values.values()):
        return values
    return {name: stored(value) for name, value in values.items()}


def read(value: Any, job: Job) -> Any:
    """A stored value as readers see it: derived, unpacked, or as it is."""
    kind = value.__class__
    if kind is bytes:
        return unpack(value)
    return value.of(job) if kind is Derived else value


class Layout:
    """The key names of a job's fields, in order, with each one's position, and the positions whose value is
    computed when read (a `Derived` or packed `bytes`)."""

    __slots__ = ("computed", "index", "keys")

    def __init__(self, keys: tuple[str, ...], computed: tuple[int, ...]) -> None:
        self.keys = keys
        self.index = {key: position for position, key in enumerate(keys)}
        self.computed = computed


LAYOUTS: dict[tuple[str, ...], Layout] = {}  # the layouts without a value computed when read, by keys
_COMPUTED_LAYOUTS: dict[tuple[tuple[str, ...], tuple[int, ...]], Layout] = {}


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
    if COMPUTED.isdisjoint(map(type, values)):
        return shared_in(LAYOUTS, keys, lambda: Layout(keys, ()))
    computed = tuple([position for position, value in enumerate(values) if value.__class__ in COMPUTED])
    return shared_in(_COMPUTED_LAYOUTS, (keys, computed), lambda: Layout(keys, computed))


def pack(fields: Mapping[str, Any]) -> tuple[Layout, tuple[Any, ...]]:
    """(layout, values) of a mapping of fields, long values `stored` packed."""
    values = tuple([stored(value) for value in fields.values()])  # exact size: see `JobEngine.create`
    return layout_of(tuple(fields), values), values


class JobFields(MutableMapping[str, Any]):
    """`job.fields`: a view with the dict's API over the job's layout and values. Writes go to the job."""

    __slots__ = ("_job",)

    def __init__(self, job: Job) -> None:
        self._job = job

    def __getitem__(self, key: str) -> Any:
        job = self._job
        value = job.values[job.layout.index[key]]
        return read(value, job) if value.__class__ in COMPUTED else value

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
        value = stored(value)
        position = layout.index.get(key)
        if position is None:
            keys, values = (*layout.keys, key), (*job.values, value)
        else:
            keys, values = layout.keys, (*job.values[:position], value, *job.values[position + 1 :])
        if keys is not layout.keys or layout.computed or value.__class__ in COMPUTED:
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
