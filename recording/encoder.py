"""H.264 + AAC into fragmented MP4 with PyAV: a file that stays playable if we are killed.

Container choice: fragmented MP4 (``frag_keyframe+empty_moov+default_base_moof``)
rather than Matroska.
  * Crash safety is equal in kind: both write self-contained pieces (a
    ``moof``+``mdat`` fragment, a Matroska cluster) that a demuxer can read
    without an index at the end.  Here a fragment is closed at least every
    ``fragment_s`` (1 s) and at every keyframe (at most 2 s apart), and each
    is handed to the OS as soon as it is complete, so a SIGKILL loses at most
    the fragment being filled (about a second).
  * The header (``moov``, with our metadata tags) is written once, within the
    first second, and never rewritten, so even a cut-off file says which case, desk and staff member
    it belongs to; recovery reads it from there.
  * MP4 plays in the in-app player (Qt Multimedia), Windows' own player and
    browsers without extra codecs; the central service can stream it as is.
  * Recovery remuxes to the same layout, so only one format exists on disk.

Encoder choice (measured in ``bench/recording_bench.py``): libx264 ``veryfast``
with ``tune=zerolatency`` -- no B-frames or look-ahead, so every frame is
written out at once (nothing waits in the encoder when the process dies) --
``crf 23`` capped by VBV at 1.1 Mbit/s so a noisy camera cannot exceed the
10 MB/min budget.  Audio: AAC-LC (FFmpeg's native encoder), 64 kbit/s, which
every player handles.

Timestamps: video in 1/90000 s from the capture clock (variable frame rate,
so a dropped frame leaves a gap instead of shifting the rest), audio in
samples laid out by :class:`recording.timeline.AudioAligner`.  The AAC
encoder puts 1024 priming samples before the first real one (negative time);
``delay_moov`` holds the header back until the first fragment (under a
second) so the muxer can write edit lists for that, instead of shifting every
timestamp and stretching the first video frame.  A decoder then sees video
frame 0 and audio sample 0 both at time 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import av
import av.container
import av.stream
from av.audio.stream import AudioStream
import cv2
import numpy as np
from numpy.typing import NDArray
from av.video.frame import PictureType

from recording.media import Image, Pcm
from recording.storage import MediaFile

VIDEO_TIME_BASE = Fraction(1, 90_000)
MOVFLAGS = "frag_keyframe+empty_moov+delay_moov+default_base_moof+use_metadata_tags"


@dataclass(frozen=True)
class EncoderSettings:
    """How recordings are encoded (defaults are the measured choice above)."""

    preset: str = "veryfast"
    tune: str = "zerolatency"
    crf: int = 23
    max_video_kbps: int = 1100
    keyframe_interval_s: float = 2.0
    fragment_s: float = 1.0
    audio_codec: str = "aac"
    audio_kbps: int = 64
    threads: int = 0

    @property
    def expected_bytes_per_s(self) -> float:
        """An upper estimate of the data rate, used before a recording has a measured one."""
        return (self.max_video_kbps + self.audio_kbps) * 1000 / 8 * 1.02

    def describe(self) -> dict[str, str]:
        return {
            "video": f"h264 libx264 preset={self.preset} tune={self.tune} crf={self.crf} "
                     f"maxrate={self.max_video_kbps}k keyint<={self.keyframe_interval_s:g}s",
            "audio": f"{self.audio_codec} {self.audio_kbps}k",
            "container": f"fragmented mp4, fragment<={self.fragment_s:g}s",
        }


class CountingFile:
    """Counts the bytes the muxer writes (the measured bitrate for the free-space check)."""

    def __init__(self, inner: MediaFile) -> None:
        self._inner = inner
        self.size = 0

    def write(self, data: bytes) -> int:
        written = self._inner.write(data)
        self.size = max(self.size, self._inner.tell())
        return written

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._inner.seek(offset, whence)

    def tell(self) -> int:
        return self._inner.tell()

    def flush(self) -> None:
        self._inner.flush()

    def close(self) -> None:
        self._inner.close()


class FragmentedMp4Encoder:
    """Encodes BGR frames and int16 PCM into one fragmented MP4 file."""

    def __init__(self, file: MediaFile, *, width: int, height: int, fps: float, sample_rate: int,
                 channels: int, settings: EncoderSettings, metadata: Mapping[str, str]) -> None:
        self.file = CountingFile(file)
        self.settings = settings
        self.width, self.height = width - width % 2, height - height % 2
        self.fps = fps
        self.sample_rate, self.channels = sample_rate, channels
        self._container: av.container.OutputContainer = av.open(
            self.file, mode="w", format="mp4",
            container_options={"movflags": MOVFLAGS, "frag_duration": str(int(settings.fragment_s * 1e6))})
        self._container.metadata.update(dict(metadata))
        gop = max(1, int(fps * settings.keyframe_interval_s))
        video = self._container.add_stream("libx264", rate=Fraction(fps).limit_denominator(1001))
        video.width, video.height, video.pix_fmt = self.width, self.height, "yuv420p"
        ctx = video.codec_context
        ctx.time_base = VIDEO_TIME_BASE
        ctx.thread_count = settings.threads
        ctx.options = {
            "preset": settings.preset, "crf": str(settings.crf),
            "maxrate": f"{settings.max_video_kbps}k", "bufsize": f"{2 * settings.max_video_kbps}k",
            "g": str(gop), "keyint_min": str(min(gop, max(1, int(fps)))),
            **({"tune": settings.tune} if settings.tune else {}),
        }
        video.time_base = VIDEO_TIME_BASE
        self._video = video
        audio = self._container.add_stream(settings.audio_codec, rate=sample_rate)
        if not isinstance(audio, AudioStream):
            raise ValueError(f"{settings.audio_codec} is not an audio codec")
        audio.layout = "mono" if channels == 1 else "stereo"
        audio.bit_rate = settings.audio_kbps * 1000
        self._audio = audio
        self._audio_format = "fltp"
        self._audio_buffer: NDArray[np.float32] = np.zeros((channels, 0), dtype=np.float32)
        self._audio_pts = 0
        self._frame_size = 0
        self._last_pts = -1
        self._last_key_t: float | None = None
        self._closed = False

    @property
    def bytes_written(self) -> int:
        return self.file.size

    def add_video(self, image: Image, t: float, duration: float, *, keyframe: bool = False) -> None:
        """Encode one frame shown from media time ``t`` (seconds) for ``duration`` seconds."""
        if image.shape[0] != self.height or image.shape[1] != self.width:
            image = image[:self.height, :self.width]
        yuv: NDArray[np.uint8] = np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2YUV_I420), dtype=np.uint8)
        frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
        pts = max(round(t / VIDEO_TIME_BASE), self._last_pts + 1)
        frame.pts, frame.time_base = pts, VIDEO_TIME_BASE
        frame.duration = max(1, round(duration / VIDEO_TIME_BASE))
        self._last_pts = pts
        if keyframe or self._last_key_t is None or \
                t - self._last_key_t >= self.settings.keyframe_interval_s - 0.5 / self.fps:
            frame.pict_type = PictureType.I
            self._last_key_t = t
        for packet in self._video.encode(frame):
            self._container.mux(packet)

    def add_audio(self, samples: Pcm) -> None:
        """Append PCM (samples x channels) right after the audio written so far."""
        if samples.shape[0] == 0:
            return
        planar = samples.T.astype(np.float32) / 32768.0
        self._audio_buffer = np.concatenate([self._audio_buffer, planar], axis=1)
        size = self._audio_frame_size()
        while self._audio_buffer.shape[1] >= size:
            self._encode_audio(self._audio_buffer[:, :size])
            self._audio_buffer = self._audio_buffer[:, size:]

    def close(self) -> None:
        """Flush both encoders, write the trailer and close the file."""
        if self._closed:
            return
        self._closed = True
        try:
            if self._audio_buffer.shape[1]:
                self._encode_audio(self._audio_buffer)  # AAC takes a short last frame
                self._audio_buffer = self._audio_buffer[:, :0]
            for stream in (self._video, self._audio):
                for packet in stream.encode(None):
                    self._container.mux(packet)
            self._container.close()
        finally:
            self.file.close()

    def abort(self) -> None:
        """Close after a write error, keeping whatever reached the disk."""
        self._closed = True
        for step in (self._container.close, self.file.close):
            try:
                step()
            except Exception:  # noqa: BLE001 - the disk already failed us; keep going
                pass

    def _audio_frame_size(self) -> int:
        if not self._frame_size:
            ctx = self._audio.codec_context
            if not ctx.is_open:
                ctx.open()
            self._frame_size = int(ctx.frame_size) or 1024
        return self._frame_size

    def _encode_audio(self, planar: NDArray[np.float32]) -> None:
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(planar), format=self._audio_format,
                                           layout=self._audio.layout.name)
        frame.sample_rate = self.sample_rate
        frame.pts, frame.time_base = self._audio_pts, Fraction(1, self.sample_rate)
        self._audio_pts += planar.shape[1]
        for packet in self._audio.encode(frame):
            self._container.mux(packet)

