"""Area handlers: one module per area, each with a `HANDLERS` table from operation id to function."""

from __future__ import annotations

import importlib

from mock_server.handlers.base import Handler

AREA_MODULES = (
    "auth",
    "avatars",
    "face_detection",
    "faceswap",
    "image2video",
    "images",
    "jarvis",
    "knowledge",
    "live_faceswap",
    "models",
    "streaming",
    "videos",
    "voices",
)


def all_handlers() -> dict[str, Handler]:
    """Every operation id with its handler; an id claimed twice is a bug."""
    table: dict[str, Handler] = {}
    for name in AREA_MODULES:
        try:
            module = importlib.import_module(f"mock_server.handlers.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"mock_server.handlers.{name}":
                raise
            continue
        for op_id, handler in module.HANDLERS.items():
            if op_id in table:
                raise RuntimeError(f"{op_id} has two handlers")
            table[op_id] = handler
    return table
