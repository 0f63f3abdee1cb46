"""Recording bench: 1280x720 @ 25 fps demo camera + demo microphone, measured end to end.

Prints, for one recording of ``--seconds`` (default 120):
  * dropped frames (and frames recorded vs expected);
  * average CPU cores used by capture + overlay + encode + mux
    (process CPU time / wall time while recording);
  * the same frames encoded by PyAV/libx264 alone at the same settings, in a
    child process fed raw YUV through a pipe (its CPU time / media time), and
    the ratio recorder / encoder-alone;
  * file size in MB (10^6 bytes) per minute;
  * audio/video offset found in the decoded file, from a white flash and a
    beep the demo sources emit at the same instants every 2 s.

Run:  .venv/bin/python bench/recording_bench.py [--seconds 30]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from recording.demo_sources import DemoCamera, DemoMicrophone, FlashSchedule  # noqa: E402
from recording.encoder import EncoderSettings, FragmentedMp4Encoder  # noqa: E402
from recording.model import DiskPolicy, RecordingMeta  # noqa: E402
from recording.overlay import Overlay  # noqa: E402
from recording.probe import measure_av_sync, probe_media  # noqa: E402
from recording.session import Recorder  # noqa: E402
from recording.storage import DiskWriter  # noqa: E402

META = RecordingMeta("bench", "0591-W01-20261126-0007", "0591", "W01", "1024")


def _cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def record(seconds: float, width: int, height: int, fps: float, folder: Path,
           settings: EncoderSettings) -> dict[str, object]:
    flashes = FlashSchedule.starting_now(first_s=1.0, period_s=2.0)
    cam = DemoCamera(width, height, fps, flashes=flashes)
    mic = DemoMicrophone(flashes=flashes)
    cam.open()
    mic.open()
    done = threading.Event()
    recorder = Recorder(cam, mic, folder, META, max_seconds=seconds, disk_policy=DiskPolicy(start_minutes=1.0),
                        settings=settings, on_finished=lambda _result: done.set(),
                        signing_key=Ed25519PrivateKey.generate())  # a throw-away key: the desk's stays untouched
    cpu0, wall0 = _cpu_self(), time.monotonic()
    recorder.start()
    done.wait(seconds + 120)
    cpu, wall = _cpu_self() - cpu0, time.monotonic() - wall0
    cam.close()
    mic.close()
    result = recorder.result
    if result is None:
        raise SystemExit(f"recording failed: {recorder.error}")
    loop = recorder._loop  # noqa: SLF001 - the bench replays exactly this recording's timing
    assert loop is not None and loop.start_utc is not None
    return {"result": result, "cpu_s": cpu, "wall_s": wall, "start_utc": loop.start_utc}


class _Stepped:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def encode_alone(frames: int, width: int, height: int, fps: float, start_utc: datetime, folder: Path,
                 settings: EncoderSettings) -> float:
    """CPU seconds a child process needs to encode the same frames with the same settings."""
    child = subprocess.Popen([sys.executable, __file__, "--encode-only", str(width), str(height), str(fps),
                              str(folder / "encode-only.mp4"), "--preset", settings.preset, "--tune",
                              settings.tune, "--crf", str(settings.crf)], stdin=subprocess.PIPE)
    assert child.stdin is not None
    clock = _Stepped()
    flashes = FlashSchedule(epoch=0.0, first_s=1.0, period_s=2.0)
    cam = DemoCamera(width, height, fps, flashes=flashes, clock=clock)
    cam.open()
    overlay = Overlay(width, height, branch=META.branch, desk=META.desk, case_number=META.case_number,
                      staff_no=META.staff_no)
    for index in range(frames):
        clock.now = index * (1.0 / fps) + 1e-9  # exactly on the frame, never a hair early
        frame = cam.read(1.0)
        assert frame is not None
        overlay.draw(frame.image, start_utc + timedelta(seconds=frame.ts))
        child.stdin.write(cv2.cvtColor(frame.image, cv2.COLOR_BGR2YUV_I420).tobytes())
    child.stdin.close()
    _, status, usage = _wait4(child)
    if status != 0:
        raise SystemExit("encode-only child failed")
    return usage.ru_utime + usage.ru_stime


def _wait4(child: subprocess.Popen[bytes]) -> tuple[int, int, resource.struct_rusage]:
    import os

    pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return pid, child.returncode, usage


def encode_only_child(width: int, height: int, fps: float, out: Path, settings: EncoderSettings) -> None:
    """Child side: raw I420 frames on stdin -> the recorder's encoder settings, video only."""
    from fractions import Fraction

    import av

    from recording.encoder import MOVFLAGS, VIDEO_TIME_BASE
    from av.video.frame import PictureType

    size = width * height * 3 // 2
    stdin = sys.stdin.buffer
    with open(out, "wb") as handle:
        container = av.open(handle, "w", format="mp4", container_options={
            "movflags": MOVFLAGS, "frag_duration": str(int(settings.fragment_s * 1e6))})
        stream = container.add_stream("libx264", rate=Fraction(fps).limit_denominator(1001))
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        gop = int(fps * settings.keyframe_interval_s)
        stream.codec_context.time_base = VIDEO_TIME_BASE
        stream.codec_context.options = {
            "preset": settings.preset, "crf": str(settings.crf),
            "maxrate": f"{settings.max_video_kbps}k", "bufsize": f"{2 * settings.max_video_kbps}k",
            "g": str(gop), "keyint_min": str(int(fps)), **({"tune": settings.tune} if settings.tune else {})}
        index = 0
        while len(raw := stdin.read(size)) == size:
            frame = av.VideoFrame.from_ndarray(np.frombuffer(raw, np.uint8).reshape(height * 3 // 2, width),
                                               format="yuv420p")
            frame.pts = round(index / fps / VIDEO_TIME_BASE)
            frame.time_base = VIDEO_TIME_BASE
            if index % gop == 0:
                frame.pict_type = PictureType.I
            for packet in stream.encode(frame):
                container.mux(packet)
            index += 1
        for packet in stream.encode(None):
            container.mux(packet)
        container.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--fps", type=float, default=25.0)
    parser.add_argument("--keep", type=Path, help="keep the recording in this folder")
    parser.add_argument("--preset", default=EncoderSettings.preset, help="libx264 preset to compare")
    parser.add_argument("--tune", default=EncoderSettings.tune, help='libx264 tune ("" for none)')
    parser.add_argument("--crf", type=int, default=EncoderSettings.crf)
    parser.add_argument("--encode-only", nargs=4, metavar=("W", "H", "FPS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    settings = EncoderSettings(preset=args.preset, tune=args.tune, crf=args.crf)
    if args.encode_only:
        w, h, f, out = args.encode_only
        encode_only_child(int(w), int(h), float(f), Path(out), settings)
        return
    with tempfile.TemporaryDirectory(prefix="recording-bench-") as temp:
        folder = args.keep or Path(temp)
        print(f"recording {args.seconds:g} s of {args.width}x{args.height} @ {args.fps:g} fps demo camera "
              f"+ 48 kHz demo microphone ...", flush=True)
        run = record(args.seconds, args.width, args.height, args.fps, folder, settings)
        result = run["result"]
        cpu_s, wall_s = float(run["cpu_s"]), float(run["wall_s"])  # type: ignore[arg-type]
        probe = probe_media(result.path)  # type: ignore[attr-defined]
        sync = measure_av_sync(result.path)  # type: ignore[attr-defined]
        alone_s = encode_alone(result.frames, args.width, args.height, args.fps,  # type: ignore[attr-defined]
                               run["start_utc"], Path(temp), settings)  # type: ignore[arg-type]
        media_s = result.duration_s  # type: ignore[attr-defined]
        expected = round(args.seconds * args.fps)
        mb_per_min = result.size_bytes / 1e6 / media_s * 60  # type: ignore[attr-defined]
        recorder_cores = cpu_s / wall_s
        alone_cores = alone_s / media_s
        print(f"frames recorded        {result.frames} of {expected}")  # type: ignore[attr-defined]
        print(f"dropped frames         {result.dropped_frames}")  # type: ignore[attr-defined]
        print(f"duration (decoded)     video {probe.video.duration_s:.3f} s, audio {probe.audio.end_s:.3f} s"  # type: ignore[union-attr]
              f" (wall {wall_s:.2f} s incl. start/finalise)")
        print(f"CPU capture+encode     {recorder_cores:.3f} cores ({cpu_s:.1f} s CPU / {wall_s:.1f} s wall)")
        print(f"CPU PyAV encode alone  {alone_cores:.3f} cores ({alone_s:.1f} s CPU for the same frames, "
              f"video only)")
        print(f"ratio recorder/alone   {recorder_cores / alone_cores:.2f}")
        print(f"file size              {result.size_bytes / 1e6:.2f} MB = {mb_per_min:.2f} MB/min")  # type: ignore[attr-defined]
        offsets = np.array(sync.offsets_ms)
        if offsets.size:
            print(f"A/V offset             {offsets.size} flash/beep pairs: mean {offsets.mean():+.1f} ms, "
                  f"worst {np.abs(offsets).max():.1f} ms (positive = sound late)")
        else:
            print("A/V offset             no flash/beep pairs found")
        print(f"recorded at            {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
              f"settings {settings.describe()['video']}")


if __name__ == "__main__":
    main()
