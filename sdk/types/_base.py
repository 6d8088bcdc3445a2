"""The building blocks of every result type: `WireModel`, `from_wire`, `WireNames`, `JobStatus`, `JobRef`.

Results are frozen dataclasses whose fields are the documented fields in snake_case. `from_wire` builds one
from the JSON Akool answered: each area has ONE `WireNames` table that renames wire names (`_id`,
`webhookUrl`, ...) to Python names and back, values are converted by the field's type (`JobStatus`, nested
models, tuples, mappings of models), undocumented keys are kept in `extra`, and the whole object in `raw`, so
nothing is lost.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, Protocol, TypeVar

from akool_mock.sdk.errors import UnexpectedResponseError

M = TypeVar("M", bound="WireModel")
R_co = TypeVar("R_co", bound="WireModel", covariant=True)
Converter = Callable[[Any], Any]


class JobStatus(enum.IntEnum):
    """A job's status: 1 queued, 2 processing, 3 completed, 4 failed. Accepts "3" as well as 3."""

    QUEUED = 1
    PROCESSING = 2
    COMPLETED = 3
    FAILED = 4

    @property
    def is_terminal(self) -> bool:
        """True once the job will not change any more (completed or failed)."""
        return self in (JobStatus.COMPLETED, JobStatus.FAILED)

    @classmethod
    def parse(cls, value: object) -> JobStatus:
        """The status of a wire value (3 or "3"); ValueError for anything else."""
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{value!r} is not a valid JobStatus")
        return cls(value)

    @classmethod
    def _missing_(cls, value: object) -> JobStatus | None:
        # The real API has sent faceswap_status as a numeric string (notes/real-world-quirks.md).
        if isinstance(value, str) and value.strip().isdigit():
            return cls(int(value))
        return None


class WireNames:
    """One area's table of wire names that differ from the Python names (`{"_id": "id", ...}`).

    Names not in the table are the same on both sides (most of Akool's are snake_case already). Request
    parameters use the same table backwards, unless the area's requests spell a name differently from its
    answers: then `params` (Python name → wire name) replaces the reversed table for requests (knowledge
    answers `_id` but takes `id`).
    """

    def __init__(self, wire_to_python: Mapping[str, str], *, params: Mapping[str, str] | None = None) -> None:
        self._python = dict(wire_to_python)
        reversed_table = {python: wire for wire, python in wire_to_python.items()}
        self._wire = dict(reversed_table if params is None else params)

    def python(self, wire_name: str) -> str:
        return self._python.get(wire_name, wire_name)

    def field_wire(self, python_name: str) -> str:
        """The wire name of a result field."""
        return next((wire for wire, python in self._python.items() if python == python_name), python_name)

    def wire(self, python_name: str) -> str:
        """The wire name of a request parameter."""
        return self._wire.get(python_name, python_name)

    def to_wire(self, **params: Any) -> dict[str, Any]:
        """Request parameters by their wire names, leaving out those that are None."""
        return {self.wire(name): _plain(value) for name, value in params.items() if value is not None}


def _plain(value: Any) -> Any:
    """Tuples and other sequences as JSON lists, enums as their values, mappings copied without None."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


NO_NAMES = WireNames({})


def local(default: Any = dataclasses.MISSING) -> Any:
    """A field that does not come from the wire (e.g. the `operation` a job came from): `from_wire` takes it
    from its keyword arguments or the default."""
    return field(default=default, metadata={"local": True})


@dataclass(frozen=True, slots=True, kw_only=True)
class WireModel:
    """Base of every result: `extra` holds the undocumented fields, `raw` the whole object as answered."""

    _names: ClassVar[WireNames] = NO_NAMES

    extra: Mapping[str, Any] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)


class JobRef(Protocol[R_co]):
    """Anything `client.wait` can wait for: a job's `id`, the `operation` that made (or read) it, and the
    type of its finished result."""

    @property
    def id(self) -> str: ...

    @property
    def operation(self) -> str: ...

    @property
    def result_type(self) -> type[R_co]: ...


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    wire: str
    required: bool
    convert: Converter


def from_wire(cls: type[M], data: Any, op_id: str = "", **fixed: Any) -> M:
    """Build `cls` from the JSON object `data` answered by operation `op_id`; `fixed` sets the local fields
    (those that do not come from the wire, such as a job's `operation`).

    Raises UnexpectedResponseError (naming `op_id`) when `data` is not an object, a required field is
    missing, or a value cannot be converted (e.g. a status that is not 1 to 4).
    """
    if not isinstance(data, Mapping):
        raise UnexpectedResponseError(
            f"expected an object for {cls.__name__}, got {type(data).__name__}", op_id
        )
    values: dict[str, Any] = dict(fixed)
    known: set[str] = set()
    for spec in _fields(typing.cast(Any, cls)):
        known.add(spec.wire)
        if spec.wire not in data or (data[spec.wire] is None and spec.required):
            if spec.required:
                raise UnexpectedResponseError(f"{cls.__name__} has no `{spec.wire}`", op_id)
            continue
        try:
            values[spec.name] = spec.convert(data[spec.wire])
        except (TypeError, ValueError) as exc:
            raise UnexpectedResponseError(f"{cls.__name__}.{spec.name}: {exc}", op_id) from exc
    extra = {key: value for key, value in data.items() if key not in known}
    return cls(**values, extra=extra, raw=dict(data))


def many(cls: type[M], items: Any, op_id: str = "", **fixed: Any) -> tuple[M, ...]:
    """`from_wire` for each object of a JSON array."""
    if not isinstance(items, list):
        raise UnexpectedResponseError(f"expected a list of {cls.__name__}, got {type(items).__name__}", op_id)
    return tuple(from_wire(cls, item, op_id, **fixed) for item in items)


@cache
def _fields(cls: Any) -> tuple[_Field, ...]:
    # `cls` is a WireModel subclass; typed Any because mypy does not see class objects as Hashable.
    hints = typing.get_type_hints(cls)
    specs = []
    for item in dataclasses.fields(cls):
        if item.name in ("extra", "raw") or item.metadata.get("local"):
            continue
        required = item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
        specs.append(
            _Field(item.name, cls._names.field_wire(item.name), required, _converter(hints[item.name]))
        )
    return tuple(specs)


def _converter(hint: Any) -> Converter:
    """How to turn a JSON value into a value of the type `hint`."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        inner = _converter(options[0]) if len(options) == 1 else _identity
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _converter(typing.get_args(hint)[0])
        return lambda value: tuple(item(entry) for entry in _as_list(value))
    if origin is Mapping and _is_model(typing.get_args(hint)[1]):
        # e.g. face detection's frames keyed by frame index: Mapping[str, FaceFrame]
        model = typing.get_args(hint)[1]
        return lambda value: {key: from_wire(model, entry) for key, entry in _as_mapping(value).items()}
    if isinstance(hint, type) and issubclass(hint, WireModel):
        return lambda value: from_wire(hint, value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    return _identity


def _identity(value: Any) -> Any:
    return value


def _is_model(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, WireModel)


def _as_mapping(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected an object, got {type(value).__name__}")
    return value


def _as_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value
