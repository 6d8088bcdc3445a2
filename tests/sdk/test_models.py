"""client.models against the in-process fake, sync and async."""

from __future__ import annotations

import pytest

from akool_mock.sdk import ValidationError
from akool_mock.sdk.types.models import AIModel, ModelResolution, ModelType
from tests.sdk.support import Client, resolve

pytestmark = pytest.mark.anyio


async def test_list_image_to_video_models(client: Client) -> None:
    models = await resolve(client.models.list(types=[ModelType.IMAGE_TO_VIDEO]))
    assert [model.value for model in models] == ["AkoolImage2VideoFastV1", "seedance-1-0-lite-i2v-250428"]
    fast = models[0]
    assert isinstance(fast, AIModel)
    assert (fast.type, fast.label, fast.provider, fast.sort) == (
        1501,
        "Akool Image2Video Fast V1",
        "akool",
        100,
    )
    assert fast.duration_list == (5, 10)
    assert (fast.is_pro, fast.requires_pay, fast.max_count, fast.generate_audio) == (False, False, 10, None)
    assert fast.resolution_list[0] == ModelResolution(
        value="720p", label="720p", width=1280, height=720, unit_credit=5
    )


async def test_types_are_sent_as_repeated_types_brackets(client: Client) -> None:
    models = await resolve(client.models.list(types=[1501, ModelType.CHARACTER_SWAP]))
    assert {model.type for model in models} == {1501, 2101}
    assert [model.sort for model in models] == sorted((model.sort for model in models), reverse=True)
    assert await resolve(client.models.list(types=(1502,))) == ()


async def test_a_batch_accepts_a_listed_model(client: Client) -> None:
    model = (await resolve(client.models.list(types=[1501])))[-1]
    resolution = model.resolution_list[0].value
    batch = await resolve(
        client.image2video.create_batch(
            image_url="https://example.com/photo.png",
            prompt="Wave",
            model_name=model.value,
            resolution=resolution,
            video_length=int(model.duration_list[0]),
        )
    )
    assert [(job.model_name, job.resolution) for job in batch.jobs] == [(model.value, resolution)]


async def test_no_type_is_refused(client: Client) -> None:
    with pytest.raises(ValidationError) as caught:
        await resolve(client.models.list(types=[]))
    assert caught.value.msg.startswith("query")  # the fake's anyOf message does not name `types[]`
