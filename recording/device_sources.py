"""Real capture devices: a camera through OpenCV and a microphone through sounddevice.

Camera: ``cv2.VideoCapture`` by index.  Opening and every read run on a
private grab thread and are waited for with timeouts, because some drivers
block forever when a camera is unplugged; the recorder only ever waits on a
condition variable with a deadline.  The size and frame rate the device really
delivers (read back and checked against the first frame) are what the source
reports, so the UI can show them.

Microphone: sounddevice (PortAudio) rather than Qt's QAudioSource because
  * it is Qt-free, so capture lives in ``recording/`` and runs in tests and
    headless CLI recordings without a QCoreApplication;
  * it works from any worker thread: no event loop has to own the device;
  * its real-time callback runs on PortAudio's own thread and hands over int16
    blocks immediately, so a busy encoder cannot make the device overrun, and
    each block can be stamped on the monotonic clock at arrival;
  * PortAudio covers WASAPI/MME on the desk PCs and ALSA/PulseAudio on Linux.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from recording.media import AudioBlock, NegotiatedGeometry, VideoFrame, device_lost, device_missing, monotonic


class OpenCVCamera(NegotiatedGeometry):
    """A camera by index; negotiates size and rate, never blocks the caller past a timeout."""

    def __init__(self, index: int, width: int = 1280, height: int = 720, fps: float = 25.0, *,
                 open_timeout: float = 5.0, buffers: int = 4) -> None:
        self._index = index
        self._want = (width, height, float(fps))
        self._open_timeout = open_timeout
        self._width, self._height, self._fps = width, height, float(fps)
        self._cap: Any = None
        self._frames: deque[VideoFrame] = deque(maxlen=max(1, buffers))
        self._cond = threading.Condition()
        self._stopping = False
        self._lost = ""
        self._thread: threading.Thread | None = None

    @property
    def description(self) -> str:
        return f"camera:{self._index} {self._width}x{self._height}@{self._fps:g}"

    def open(self) -> None:
        name = f"camera:{self._index}"
        if sys.platform.startswith("linux") and not Path(f"/dev/video{self._index}").exists():
            raise device_missing("camera", name, "no such device node")
        opened: list[Any] = []

        def _open() -> None:
            backend = cv2.CAP_V4L2 if sys.platform.startswith("linux") else cv2.CAP_ANY
            cap = cv2.VideoCapture(self._index, backend)
            if cap.isOpened():
                width, height, fps = self._want
                # MJPG first: most USB cameras give 720p at full rate only compressed.
                cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
                cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
                cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
                cap.set(cv2.CAP_PROP_FPS, fps)
                ok, first = cap.read()
                opened.append((cap, first if ok else None))
            else:
                cap.release()

        worker = threading.Thread(target=_open, name=f"open-{name}", daemon=True)
        worker.start()
        worker.join(self._open_timeout)
        if worker.is_alive():
            raise device_missing("camera", name, "open timed out")
        if not opened or opened[0][1] is None:
            if opened:
                opened[0][0].release()
            raise device_missing("camera", name, "cannot open or read")
        cap, first = opened[0]
        self._cap = cap
        self._height, self._width = int(first.shape[0]), int(first.shape[1])
        reported = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        self._fps = reported if 1.0 <= reported <= 120.0 else self._want[2]
        self._stopping, self._lost = False, ""
        self._thread = threading.Thread(target=self._grab, name=f"grab-{name}", daemon=True)
        self._thread.start()

    def _grab(self) -> None:
        failures = 0
        while True:
            with self._cond:
                if self._stopping:
                    return
            try:
                ok, image = self._cap.read()
            except Exception as exc:  # noqa: BLE001 - any driver failure means the device is gone
                ok, image, failures = False, None, 99
                detail = type(exc).__name__
            else:
                detail = "read failed"
            ts = monotonic()
            with self._cond:
                if ok and image is not None:
                    failures = 0
                    self._frames.append(VideoFrame(np.ascontiguousarray(image), ts))
                else:
                    failures += 1
                    if failures >= 5:
                        self._lost = detail
                self._cond.notify_all()
                if self._lost:
                    return

    def read(self, timeout: float) -> VideoFrame | None:
        with self._cond:
            self._cond.wait_for(lambda: bool(self._frames) or bool(self._lost), timeout)
            if self._frames:
                frame = self._frames.popleft()
                if frame.image.shape[:2] != (self._height, self._width):
                    image = cv2.resize(frame.image, (self._width, self._height))
                    frame = VideoFrame(image.astype(np.uint8), frame.ts)
                return frame
            raise device_lost("camera", self.description, self._lost or f"no frame for {timeout:g} s")

    def close(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(2.0)
        # A driver stuck inside read() must not have the capture freed under it;
        # the daemon grab thread is then abandoned with it.
        if self._cap is not None and (self._thread is None or not self._thread.is_alive()):
            self._cap.release()
        self._cap = None


class SoundDeviceMicrophone:
    """A PortAudio input device delivering int16 blocks from its real-time callback."""

    def __init__(self, device: int | str | None = None, sample_rate: int = 48_000, channels: int = 1,
                 block_frames: int = 960, *, lost_after_s: float = 2.0) -> None:
        self._device = device
        self._rate, self._channels = sample_rate, channels
        self._block = block_frames
        self._lost_after = lost_after_s
        self._stream: Any = None
        self._blocks: deque[AudioBlock] = deque(maxlen=max(1, 5 * sample_rate // block_frames))
        self._cond = threading.Condition()
        self._lost = ""
        self._last_arrival = 0.0
        self._latency = 0.0
        self._name = "default microphone" if device is None else f"microphone {device}"
        self.overruns = 0

    @property
    def description(self) -> str:
        return f"{self._name} {self._rate} Hz x{self._channels}"

    @property
    def sample_rate(self) -> int:
        return self._rate

    @property
    def channels(self) -> int:
        return self._channels

    def open(self) -> None:
        try:
            import sounddevice as sd
        except OSError as exc:  # PortAudio library missing
            raise device_missing("microphone", self._name, "PortAudio not available") from exc
        try:
            info = sd.query_devices(self._device, kind="input")
            self._name = str(info["name"]) if isinstance(info, dict) else self._name
            stream = sd.InputStream(samplerate=self._rate, channels=self._channels, dtype="int16",
                                    blocksize=self._block, device=self._device,
                                    callback=self._callback, finished_callback=self._finished)
            self._latency = float(stream.latency) if isinstance(stream.latency, (int, float)) else 0.0
            self._rate = int(stream.samplerate)
            self._lost, self._last_arrival = "", monotonic()
            stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            raise device_missing("microphone", self._name, str(exc)) from exc
        self._stream = stream

    def _callback(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        now = monotonic()
        # Stamp on arrival: PortAudio's ADC time is unreliable on several host
        # APIs; the input latency it reports is the better correction.
        ts = now - frames / self._rate - self._latency
        with self._cond:
            if status and getattr(status, "input_overflow", False):
                self.overruns += 1
            self._blocks.append(AudioBlock(np.array(indata, dtype=np.int16, copy=True), ts, self._rate))
            self._last_arrival = now
            self._cond.notify_all()

    def _finished(self) -> None:
        with self._cond:
            if self._stream is not None:
                self._lost = "stream stopped"
            self._cond.notify_all()

    def read(self, timeout: float) -> list[AudioBlock]:
        with self._cond:
            self._cond.wait_for(lambda: bool(self._blocks) or bool(self._lost), timeout)
            blocks = list(self._blocks)
            self._blocks.clear()
            if not blocks and (self._lost or monotonic() - self._last_arrival > self._lost_after):
                raise device_lost("microphone", self.description, self._lost or "no audio")
            return blocks

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception:  # noqa: BLE001 - closing a vanished device must not raise
                pass


def missing_devices() -> list[str]:
    """Which of "camera" and "microphone" this machine has none of (for the demo mode of scripts/run).

    Camera: any V4L2 node on Linux (elsewhere one is assumed, the desk PCs have
    one).  Microphone: PortAudio has a default input device.
    """
    missing: list[str] = []
    if sys.platform.startswith("linux") and not any(Path("/dev").glob("video[0-9]*")):
        missing.append("camera")
    try:
        import sounddevice as sd
    except OSError:  # the PortAudio library itself is missing
        missing.append("microphone")
    else:
        try:
            sd.query_devices(kind="input")
        except (sd.PortAudioError, ValueError):  # no default input device
            missing.append("microphone")
    return missing


if __name__ == "__main__":
    # `python -m recording.device_sources`: the missing kinds, space-separated (scripts/run reads it).
    print(" ".join(missing_devices()))
