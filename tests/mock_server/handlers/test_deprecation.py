"""Deprecated operations (handlers/deprecation.py): Background Change, refused as Akool's 2026 docs say."""

from __future__ import annotations

import pytest

from akool_mock.mock_server.inprocess import FakeAkool
from akool_mock.mock_server.openapi import build_openapi
from akool_mock.mock_server.settings import ConfigError, build_settings
from akool_mock.schemas import load_catalog
from akool_mock.sdk import AkoolClient, NotFoundError
from tests.mock_server.conftest import Fake, make_fake

BACKGROUND = "/api/open/v3/content/image/bg/replace"
BODY = {
    "color_code": "#aafbe3",
    "canvas_size": "3840x3840",
    "template_url": "https://d3c24lvfmudc1v.cloudfront.net/public/background_change/ROne.png",
    "modify_template_size": "3828x3828",
    "overlay_template_x": 2049,
    "overlay_template_y": -6,
    "origin_img": "https://drz0f01yeq1cx.cloudfront.net/1712132369637-0183.png",
    "modify_origin_img_size": "3062x3828",
    "overlay_origin_x": -72,
    "overlay_origin_y": -84,
}


def test_a_deprecated_operation_is_refused_with_the_pages_words(fake: Fake) -> None:
    answer = fake.request("POST", BACKGROUND, body=BODY)
    assert (answer.status, answer.body["code"]) == (200, 1008)
    assert answer.body["msg"].startswith("This API has been deprecated and is no longer available.")
    assert "ai-tools-suite/background-change" in answer.body["msg"]
    assert len(fake.backend.jobs) == 0


def test_authentication_and_the_request_check_come_first(fake: Fake) -> None:
    assert fake.request("POST", BACKGROUND, body=BODY, headers={}).body["code"] == 1102
    assert fake.request("POST", BACKGROUND, body={**BODY, "origin_img": 5}).body["code"] == 1003


def test_serve_keeps_it_working_for_clients_of_the_older_docs() -> None:
    fake = make_fake(build_settings(clock="manual", seed=7, deprecated="serve"))
    assert fake.post(BACKGROUND, BODY)["code"] == 1000


def test_only_background_change_is_deprecated() -> None:
    deprecated = [op.id for op in load_catalog().operations if op.raw.get("deprecated")]
    assert deprecated == ["images.change_background"]
    operation = build_openapi()["paths"][BACKGROUND]["post"]
    assert operation["deprecated"] is True
    assert "deprecated" not in build_openapi()["paths"]["/api/open/v3/content/image/createbyprompt"]["post"]


def test_the_setting_takes_two_values() -> None:
    assert build_settings({"deprecated": "serve"}).deprecated == "serve"
    assert build_settings().deprecated == "refuse"
    with pytest.raises(ConfigError, match="deprecated"):
        build_settings({"deprecated": "maybe"})


def test_an_sdk_caller_gets_not_found_with_the_reason() -> None:
    with (
        FakeAkool() as akool,
        AkoolClient(api_key=akool.api_key) as client,
        pytest.raises(NotFoundError, match="deprecated"),
    ):
        client.images.change_background(
            origin_img=BODY["origin_img"],
            modify_origin_img_size=BODY["modify_origin_img_size"],
            overlay_origin_x=-72,
            overlay_origin_y=-84,
            canvas_size="3840x3840",
            color_code="#ffffff",
        )
