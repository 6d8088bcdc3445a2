"""Parity: every catalog operation is a method of both clients with the same signature, and every result
field the SDK declares exists in the operation's response schema.

Areas are added one at a time. NOT_YET lists the operations that no SDK method serves yet; whoever adds an
area removes its ids here (sdk/README-AREAS.md). The test fails both ways: an operation missing from the
SDK but not listed, and an operation listed although the SDK now serves it.
"""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from akool_mock.schemas import Operation, load_catalog
from akool_mock.sdk import AkoolClient, AsyncAkoolClient
from akool_mock.sdk._async.resources._base import AsyncResource
from akool_mock.sdk._operations import JOBS
from akool_mock.sdk._sync.resources._base import Resource
from akool_mock.sdk.types._base import WireModel

NOT_YET: frozenset[str] = frozenset()

CATALOG = load_catalog()
OPERATIONS = {op.id: op for op in CATALOG.operations}


def resources(client: type[Any]) -> dict[str, type[Any]]:
    """The client's areas: its class annotations whose type is a resource class."""
    bases = (AsyncResource, Resource)
    return {
        name: hint
        for name, hint in typing.get_type_hints(client).items()
        if isinstance(hint, type) and issubclass(hint, bases)
    }


def methods(client: type[Any], op_id: str) -> Any:
    """The method serving `op_id` on a client class, or None."""
    area, verb = op_id.split(".", 1)
    resource = resources(client).get(area)
    return getattr(resource, verb, None) if resource is not None else None


def served() -> set[str]:
    return {op_id for op_id in OPERATIONS if methods(AkoolClient, op_id) and methods(AsyncAkoolClient, op_id)}


def test_not_yet_lists_exactly_the_operations_the_sdk_does_not_serve() -> None:
    missing = set(OPERATIONS) - served()
    assert not (missing - NOT_YET), f"not served and not in NOT_YET: {sorted(missing - NOT_YET)}"
    assert not (NOT_YET - missing), f"served now: remove from NOT_YET: {sorted(NOT_YET - missing)}"


def test_not_yet_names_catalog_operations() -> None:
    assert set(NOT_YET) <= set(OPERATIONS)


def resource_pairs() -> list[tuple[str, type[Any], type[Any]]]:
    sync, async_ = resources(AkoolClient), resources(AsyncAkoolClient)
    assert set(sync) == set(async_)
    return [(area, sync[area], async_[area]) for area in sorted(sync)]


@pytest.mark.parametrize(("area", "sync", "async_"), resource_pairs(), ids=str)
def test_sync_and_async_surfaces_are_identical(area: str, sync: type[Any], async_: type[Any]) -> None:
    public = sorted(name for name in vars(async_) if not name.startswith("_"))
    assert public == sorted(name for name in vars(sync) if not name.startswith("_"))
    for name in public:
        sync_method, async_method = getattr(sync, name), getattr(async_, name)
        assert inspect.iscoroutinefunction(async_method), f"{area}.{name} is not async"
        assert not inspect.iscoroutinefunction(sync_method), f"{area}.{name} is async on the sync client"
        assert str(inspect.signature(sync_method)) == str(inspect.signature(async_method)), f"{area}.{name}"


def test_clients_have_the_same_surface() -> None:
    for name in ("wait", "close"):
        assert str(inspect.signature(getattr(AkoolClient, name))) == str(
            inspect.signature(getattr(AsyncAkoolClient, name))
        )
    assert str(inspect.signature(AkoolClient.__init__)) == str(
        inspect.signature(AsyncAkoolClient.__init__)
    ).replace("AsyncHTTPClient", "HTTPClient").replace("AsyncSleep", "Sleep")


def test_every_area_of_the_client_is_a_catalog_area_and_is_built() -> None:
    areas = {op.area for op in CATALOG.operations}
    assert set(resources(AkoolClient)) <= areas
    with AkoolClient(api_key="parity") as client:
        for area, cls in resources(AkoolClient).items():
            assert type(getattr(client, area)) is cls


# ----- result fields exist in the response schemas ----------------------------------------------------------


def schema_properties(op: Operation) -> set[str]:
    """Every property name anywhere in the operation's response schema, following $refs."""
    names: set[str] = set()
    seen: set[int] = set()
    registry = op.store.registry

    def walk(node: Any, resolver: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, resolver)
            return
        if not isinstance(node, dict) or id(node) in seen:
            return
        seen.add(id(node))
        names.update(node.get("properties", {}))
        if "$ref" in node:
            found = resolver.lookup(node["$ref"])
            walk(found.contents, found.resolver)
        for key, value in node.items():
            if key != "$ref":
                walk(value, resolver)

    walk(op.response_schema, registry.resolver(base_uri=op.response_schema_id))
    return names


def models_in(hint: Any) -> Iterator[type[WireModel]]:
    """The WireModel classes a return annotation names (through unions, tuples and mappings)."""
    if isinstance(hint, type) and issubclass(hint, WireModel):
        yield hint
    elif typing.get_origin(hint) in (tuple, types.UnionType, typing.Union, Mapping):
        for arg in typing.get_args(hint):
            yield from models_in(arg)


def wire_fields(model: type[WireModel], done: set[type[WireModel]]) -> Iterator[tuple[type[WireModel], str]]:
    """(model, wire name) of every wire field of `model` and of the models nested in it."""
    if model in done:
        return
    done.add(model)
    hints = typing.get_type_hints(model)
    for field in dataclasses.fields(model):
        if field.name in ("extra", "raw") or field.metadata.get("local"):
            continue
        yield model, model._names.field_wire(field.name)
        for nested in models_in(hints[field.name]):
            yield from wire_fields(nested, done)


def result_checks() -> Iterator[tuple[str, type[WireModel], str]]:
    """(operation whose schema must have the field, model, wire name) for every served operation."""
    for op_id in sorted(served()):
        method = methods(AsyncAkoolClient, op_id)
        for model in models_in(typing.get_type_hints(method).get("return")):
            for owner, wire in wire_fields(model, set()):
                yield op_id, owner, wire
            result_type = getattr(model, "result_type", None)
            if op_id in JOBS and result_type is not None:
                poll = JOBS[op_id].poll_operation
                for owner, wire in wire_fields(result_type, set()):
                    yield poll, owner, wire


def test_every_result_field_is_in_the_response_schema() -> None:
    properties = {op_id: schema_properties(op) for op_id, op in OPERATIONS.items()}
    unknown = [
        f"{op_id}: {model.__name__} `{wire}`"
        for op_id, model, wire in result_checks()
        if wire not in properties[op_id]
    ]
    assert not unknown, "result fields not in the response schema:\n" + "\n".join(unknown)


def test_the_field_check_sees_the_served_operations() -> None:
    checked = {op_id for op_id, _model, _wire in result_checks()}
    returning_models = {
        op_id
        for op_id in served()
        if list(models_in(typing.get_type_hints(methods(AsyncAkoolClient, op_id)).get("return")))
    }
    assert returning_models <= checked
    # Only these answer no data worth a type (Akool's {code, msg}, or an empty data):
    assert served() - returning_models == {
        "faceswap.cancel_job",
        "faceswap.delete_results",
        "knowledge.delete",
        "live_faceswap.close_session",
        "live_faceswap.update_session",
    }
