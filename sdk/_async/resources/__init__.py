"""One resource class per area of the API; the client makes one of each (`client.<area>`)."""

from akool_mock.sdk._async.resources.audio import AsyncAudio
from akool_mock.sdk._async.resources.auth import AsyncAuth
from akool_mock.sdk._async.resources.avatars import AsyncAvatars
from akool_mock.sdk._async.resources.character_swap import AsyncCharacterSwap
from akool_mock.sdk._async.resources.face_detection import AsyncFaceDetection
from akool_mock.sdk._async.resources.faceswap import AsyncFaceswap
from akool_mock.sdk._async.resources.headswap import AsyncHeadswap
from akool_mock.sdk._async.resources.image2video import AsyncImage2Video
from akool_mock.sdk._async.resources.images import AsyncImages
from akool_mock.sdk._async.resources.jarvis import AsyncJarvis
from akool_mock.sdk._async.resources.knowledge import AsyncKnowledge
from akool_mock.sdk._async.resources.lipsync import AsyncLipsync
from akool_mock.sdk._async.resources.live_faceswap import AsyncLiveFaceswap
from akool_mock.sdk._async.resources.models import AsyncModels
from akool_mock.sdk._async.resources.streaming import AsyncStreaming
from akool_mock.sdk._async.resources.talking_avatar import AsyncTalkingAvatar
from akool_mock.sdk._async.resources.talking_photo import AsyncTalkingPhoto
from akool_mock.sdk._async.resources.text2video import AsyncText2Video
from akool_mock.sdk._async.resources.video_translation import AsyncVideoTranslation
from akool_mock.sdk._async.resources.videos import AsyncVideos
from akool_mock.sdk._async.resources.voices import AsyncVoices

__all__ = [
    "AsyncAudio",
    "AsyncAuth",
    "AsyncAvatars",
    "AsyncCharacterSwap",
    "AsyncFaceDetection",
    "AsyncFaceswap",
    "AsyncHeadswap",
    "AsyncImage2Video",
    "AsyncImages",
    "AsyncJarvis",
    "AsyncKnowledge",
    "AsyncLipsync",
    "AsyncLiveFaceswap",
    "AsyncModels",
    "AsyncStreaming",
    "AsyncTalkingAvatar",
    "AsyncTalkingPhoto",
    "AsyncText2Video",
    "AsyncVideoTranslation",
    "AsyncVideos",
    "AsyncVoices",
]
