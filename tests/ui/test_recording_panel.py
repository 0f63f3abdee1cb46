"""Recording the reception from the case view: notice first, a real recording decoded back, preview rate,
pause/resume, closing while recording, playback in the audit log, start-up recovery, error messages."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.db.models import AuditEntry
from app.desk import Desk
from app.services import recordings as recs
from app.services.cases import load_case
from app.settings import Settings
from recording.api import DiskPolicy, OpenedSources, manifest_path_for, read_manifest, record_for
from recording.demo_sources import DemoCamera, DemoMicrophone
from ui import labels, operations, recording_ops
from ui.app import build_main_window
from ui.detail.view import CaseDetailView
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.operations import desk_snapshot
from ui.recording_desk import RecordingDesk, recover_at_start
from ui.recording_job import CaptureOptions, JobOutcome
from ui.recording_panel import RecordingPanel
from ui.tasks import ThreadPoolExecutor

from .conftest import actor, intake

NO_DISK_LIMITS = DiskPolicy(start_minutes=0.0, stop_reserve_s=0.0, stop_reserve_bytes=0, check_every_s=0.2)
SMALL = CaptureOptions(source="demo", width=320, height=240, fps=25.0, disk_policy=NO_DISK_LIMITS)
RECORDING_TIMEOUT_MS = 30_000


@pytest.fixture
def threaded(qtbot: Any, desk: Desk) -> Iterator[Any]:
    """Main windows with the real thread-pool executor (the recorder's start and attach run off the GUI thread)."""
    made: list[tuple[MainWindow, ThreadPoolExecutor]] = []

    def build(operator: str = "1024") -> MainWindow:
        executor = ThreadPoolExecutor()
        window = build_main_window(desk, Settings(language="zh_CN"), executor, desk_snapshot(desk),
                                   operator=operator)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        window.start()
        made.append((window, executor))
        return window

    yield build
    for window, executor in made:
        if window.ctx is not None:
            recording_desk = RecordingDesk.find(window.ctx)
            assert recording_desk is None or not recording_desk.busy_jobs(), "a test left a recording running"
        window.close()
        assert executor.wait_for_done(10_000)


def open_panel(qtbot: Any, window: MainWindow, number: str, options: CaptureOptions = SMALL) -> RecordingPanel:
    view = window.open_case(number)
    qtbot.waitUntil(lambda: view.case is not None)
    panel = view.recording_panel
    panel.options = options
    qtbot.waitUntil(lambda: panel.case is not None)
    return panel


def confirm_notice(qtbot: Any, panel: RecordingPanel) -> None:
    panel.notice.told_button.click()
    qtbot.waitUntil(lambda: panel.notice_state == "confirmed")


def start_recording(qtbot: Any, panel: RecordingPanel) -> None:
    assert panel.start_button.isEnabled()
    with qtbot.waitSignal(panel.recordingStarted, timeout=RECORDING_TIMEOUT_MS):
        panel.start_button.click()


def recorded_until(qtbot: Any, panel: RecordingPanel, seconds: float) -> None:
    qtbot.waitUntil(lambda: panel.job is not None and panel.job.stats().elapsed_s >= seconds,
                    timeout=RECORDING_TIMEOUT_MS)


def stop_and_wait(qtbot: Any, panel: RecordingPanel) -> JobOutcome:
    with qtbot.waitSignal(panel.recordingEnded, timeout=RECORDING_TIMEOUT_MS) as ended:
        panel.stop_button.click()
    outcome = ended.args[0]
    assert isinstance(outcome, JobOutcome)
    return outcome


def recording_events(desk: Desk, number: str) -> list[str]:
    with desk.read() as s:
        case = load_case(s, number)
        return [str(e.data.get("what")) for e in case.events if e.kind == "recording"]


def decode(path: Path) -> tuple[int, int, float]:
    """(video frames, audio samples, video seconds) decoded with PyAV."""
    frames = samples = 0
    last = 0.0
    with av.open(str(path)) as container:
        assert container.streams.video and container.streams.audio
        for frame in container.decode(video=0):
            frames += 1
            last = float(frame.time or 0.0)
        container.seek(0)
        for block in container.decode(audio=0):
            samples += block.samples
    return frames, samples, last


def test_notice_must_be_answered_before_recording_and_each_answer_is_an_event(
        qtbot: Any, make_window: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    panel = open_panel(qtbot, make_window("1024"), number)
    notice = panel.notice
    assert panel.pages.currentWidget() is notice and notice.pages.currentWidget() is notice.ask_page
    assert notice.notice_text.text() == Settings().recording_notice, "the notice text from the settings is shown"
    assert not panel.start_button.isVisible()
    # Forcing a start anyway is refused by the service, with a clear message.
    with qtbot.waitSignal(panel.recordingEnded):
        panel.start()
    assert panel.message.text() == "请先确认已告知投诉人将进行录音录像。"
    assert recording_events(desk, number) == []

    notice.refuse_button.click()
    notice.record_refusal_button.click()
    assert notice.error.text() == "请写明投诉人拒绝的原因。"
    assert recording_events(desk, number) == []
    notice.refusal_reason.setText("投诉人不同意录像")
    notice.record_refusal_button.click()
    qtbot.waitUntil(lambda: panel.notice_state == "refused")
    assert notice.pages.currentWidget() is notice.refused_page
    assert "投诉人不同意录像" in notice.refused_text.text()
    assert not panel.start_button.isVisible()

    notice.ask_again_button.click()
    assert panel.pages.currentWidget() is notice and notice.pages.currentWidget() is notice.ask_page
    confirm_notice(qtbot, panel)
    assert panel.pages.currentWidget() is panel.recorder_page
    assert panel.start_button.isVisible() and panel.start_button.isEnabled()
    assert recording_events(desk, number) == ["notice_refused", "notice_confirmed"]
    with desk.read() as s:
        refused = [e for e in load_case(s, number).events if e.data.get("what") == "notice_refused"][0]
        assert refused.reason == "投诉人不同意录像"


def test_record_pause_resume_stop_attaches_a_recording_that_decodes(qtbot: Any, threaded: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = threaded("1024")
    panel = open_panel(qtbot, window, number)
    confirm_notice(qtbot, panel)
    started = time.monotonic()
    start_recording(qtbot, panel)
    assert panel.indicator.dot.state == "recording"
    assert panel.indicator.text.text().startswith("录制中")
    assert "320 × 240" in panel.format_label.text() and "25" in panel.format_label.text()
    assert panel.demo_note.isVisible(), "the demo stand-in is said, not hidden"
    assert not panel.start_button.isEnabled() and panel.stop_button.isEnabled()
    qtbot.waitUntil(lambda: panel.level.peak > 0.01, timeout=5000)  # the demo microphone's tone moves the meter

    recorded_until(qtbot, panel, 1.0)
    panel.pause_button.click()
    assert panel.pause_button.text() == "继续"
    qtbot.waitUntil(lambda: panel.job is not None and panel.job.stats().state == "paused")
    paused_at, paused_elapsed = time.monotonic(), panel.job.stats().elapsed_s
    qtbot.waitUntil(lambda: time.monotonic() - paused_at >= 0.8, timeout=5000)
    assert panel.job.stats().elapsed_s == pytest.approx(paused_elapsed, abs=0.05), "a pause records nothing"
    assert panel.indicator.text.text().startswith("已暂停")
    panel.pause_button.click()
    qtbot.waitUntil(lambda: panel.job is not None and panel.job.stats().state == "recording")

    install_language("en")  # switching the language while recording keeps the recording going
    assert panel.title() == "Recording (audio and video)" and panel.indicator.text.text().startswith("REC")
    install_language("zh_CN")
    assert panel.title() == "录音录像" and panel.job is not None and panel.job.busy

    recorded_until(qtbot, panel, 2.2)
    frames_during = panel.preview_frames
    outcome = stop_and_wait(qtbot, panel)
    wall = time.monotonic() - started
    assert outcome.change is not None and outcome.result is not None and outcome.error is None
    result = outcome.result
    assert result.stopped_reason == "requested"
    assert 2.0 <= result.duration_s <= wall - 0.7, "the pause is not in the file"

    # Preview: at least 15 frames a second of recording, counted on the GUI thread's signals.
    assert frames_during >= 15 * (result.duration_s - 0.3), (frames_during, result.duration_s)

    # The file decodes with both streams, as long as the recorder says; the manifest is signed and chained.
    frames, samples, last = decode(result.path)
    assert frames == result.frames and abs(frames / 25.0 - result.duration_s) <= 0.1
    assert abs(samples / 48_000 - result.duration_s) <= 0.2
    manifest = read_manifest(manifest_path_for(result.path))
    assert manifest["sha256"] == result.sha256 and len(manifest["pauses"]) == 1

    # On the case: the event, the list of recordings and the timeline.
    assert recording_events(desk, number) == ["notice_confirmed", "attached"]
    view = window.open_case(number)
    assert isinstance(view, CaseDetailView)
    qtbot.waitUntil(lambda: len(panel.recordings.rows) == 1)
    row = panel.recordings.rows[0]
    assert row.file_name == result.path.name and row.sha256 == result.sha256
    assert panel.recordings.item(0, 3).text() == result.sha256[:12]
    events = [(view.timeline.item(r, 1).text(), view.timeline.item(r, 3).text())
              for r in range(view.timeline.rowCount())]
    recorded = [details for kind, details in events if kind == labels.event_name("recording")]
    assert recorded == ["已告知投诉人录音录像",
                        f"录音录像 {result.path.name}，00:0{int(result.duration_s)}，SHA-256 {result.sha256[:12]}…"]
    assert "已保存到投诉单" in panel.saved_note.text()
    assert panel.indicator.text.text() == "未录制"


def test_closing_the_case_tab_while_recording_asks_then_finalises(qtbot: Any, threaded: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = threaded("1024")
    panel = open_panel(qtbot, window, number)
    confirm_notice(qtbot, panel)
    start_recording(qtbot, panel)
    recorded_until(qtbot, panel, 1.0)
    view = window.open_case(number)
    recording_desk = RecordingDesk.of(window._context())

    window.close_tab(window.tabs.indexOf(view))
    box = recording_desk.question
    assert isinstance(box, QMessageBox) and box.isVisible() and number in box.text()
    keep = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
    keep.click()
    assert window.tabs.indexOf(view) >= 0 and panel.recording, "keep recording: nothing closed"

    window.close_tab(window.tabs.indexOf(view))
    box = recording_desk.question
    assert box is not None
    stop = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    stop.click()
    qtbot.waitUntil(lambda: not any(v.case_number == number for v in window.detail_views()),
                    timeout=RECORDING_TIMEOUT_MS)
    with desk.read() as s:
        listed = recs.case_recordings(s, number)
    assert len(listed) == 1
    media = desk.paths.recordings / listed[0].file_name
    assert manifest_path_for(media).exists() and media.stat().st_size == listed[0].size_bytes


def test_quitting_while_recording_asks_then_finalises_before_exit(qtbot: Any, threaded: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = threaded("1024")
    panel = open_panel(qtbot, window, number)
    confirm_notice(qtbot, panel)
    start_recording(qtbot, panel)
    recorded_until(qtbot, panel, 1.0)
    recording_desk = RecordingDesk.of(window._context())

    window.close()
    assert window.isVisible(), "the window stays until the operator answers"
    box = recording_desk.question
    assert box is not None and box.isVisible()
    stop = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    stop.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=RECORDING_TIMEOUT_MS)
    with desk.read() as s:
        listed = recs.case_recordings(s, number)
    assert len(listed) == 1 and not listed[0].recovered
    assert manifest_path_for(desk.paths.recordings / listed[0].file_name).exists()


def _recorded_case(desk: Desk, seconds: float = 1.5, *, attach: bool = True) -> tuple[str, Path]:
    """A case with one demo recording made without the GUI (through the start service), attached or not."""
    who = actor(desk, "1024")
    number = operations.register(desk, who, intake()).case_number
    recording_ops.answer_notice(desk, who, number, told=True, notice_text=Settings().recording_notice)
    prepared = recording_ops.prepare_recording(desk, who, number)
    result = record_for(seconds, "demo", prepared.path.parent, prepared.meta, prepared.previous_manifest_hash,
                        width=320, height=240, disk_policy=NO_DISK_LIMITS, path=prepared.path,
                        signing_key=prepared.signing_key)
    if attach:
        recording_ops.attach(desk, who, number, result)
    return number, result.path


def test_playback_in_the_app_is_written_to_the_audit_log(qtbot: Any, make_window: Any, desk: Desk) -> None:
    number, path = _recorded_case(desk)
    panel = open_panel(qtbot, make_window("1024"), number)
    assert [r.file_name for r in panel.recordings.rows] == [path.name]
    assert panel.play_button.isVisible()
    panel.recordings.selectRow(0)
    with qtbot.waitSignal(panel.playbackOpened) as opened:
        panel.play_button.click()
    dialog = opened.args[0]
    qtbot.waitUntil(lambda: dialog.frames_seen >= 10, timeout=15_000)  # QMediaPlayer really decodes it
    with desk.read() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "recording.playback")))
    assert len(entries) == 1 and entries[0].details["file_name"] == path.name
    assert entries[0].details["case_number"] == number
    dialog.close()
    qtbot.waitUntil(lambda: panel.playback is None)


def test_start_up_recovery_attaches_an_unfinished_recording_and_says_so(
        qtbot: Any, make_window: Any, desk: Desk) -> None:
    number, path = _recorded_case(desk, attach=False)
    manifest_path_for(path).unlink()  # as if the app died before the manifest was written
    foreign = desk.paths.recordings / "dropped-in.mp4"
    foreign.write_bytes(path.read_bytes())  # the same bytes, but no journal entry: not the desk's own
    window = make_window("1024")
    done: list[Any] = []
    recover_at_start(window, window._context(), on_done=done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert [n for n, _r in done[0].recovered] == [number] and done[0].foreign == [foreign.name]
    message = window.statusBar().currentMessage()
    assert number in message and "恢复" in message and "外来文件" in message and foreign.name in message
    assert not manifest_path_for(foreign).exists()
    panel = open_panel(qtbot, window, number)
    assert [r.recovered for r in panel.recordings.rows] == [True]
    assert panel.recordings.item(0, 4).text().startswith("意外中断后恢复")


def test_a_camera_unplugged_mid_recording_ends_it_with_a_message_and_keeps_it(
        qtbot: Any, threaded: Any, desk: Desk) -> None:
    def unplugging(options: CaptureOptions) -> OpenedSources:
        camera, microphone = DemoCamera(320, 240, 25.0, disconnect_after_s=1.2), DemoMicrophone()
        camera.open()
        microphone.open()
        return OpenedSources(camera, microphone)

    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    panel = open_panel(qtbot, threaded("1024"), number,
                       CaptureOptions(source="demo", width=320, height=240, disk_policy=NO_DISK_LIMITS,
                                      opener=unplugging))
    confirm_notice(qtbot, panel)
    with qtbot.waitSignal(panel.recordingEnded, timeout=RECORDING_TIMEOUT_MS) as ended:
        panel.start_button.click()
    outcome = ended.args[0]
    assert outcome.result is not None and outcome.result.stopped_reason == "device_lost"
    assert outcome.change is not None, "what was captured is on the case"
    assert panel.message.text() == "录制已提前结束：摄像头已断开。此前录制的内容已全部保留。"
    assert panel.message.isVisible()


def test_too_little_disk_space_refuses_to_start_with_the_minutes_left(
        qtbot: Any, make_window: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    panel = open_panel(qtbot, make_window("1024"), number,
                       CaptureOptions(source="demo", width=320, height=240,
                                      disk_policy=DiskPolicy(start_minutes=1e12)))
    confirm_notice(qtbot, panel)
    with qtbot.waitSignal(panel.recordingEnded, timeout=RECORDING_TIMEOUT_MS):
        panel.start_button.click()
    assert "磁盘空间不足" in panel.message.text() and "分钟" in panel.message.text()
    assert not list(desk.paths.recordings.glob("*.mp4")), "nothing was started"
    assert panel.start_button.isEnabled(), "the operator can try again after freeing space"


def test_camera_from_settings_and_demo_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.recording_options import DEMO_ENV

    monkeypatch.delenv(DEMO_ENV, raising=False)
    assert CaptureOptions.from_settings(Settings()).source == "camera:0"
    assert CaptureOptions.from_settings(Settings(camera_device="2")).source == "camera:2"
    assert CaptureOptions.from_settings(Settings(camera_device="demo")).source == "demo"
    assert not CaptureOptions.from_settings(Settings()).demo_stand_in, "no demo stand-in unless in demo mode"
    assert CaptureOptions.from_settings(Settings(camera_device="Desk Cam 9000")).missing_camera == "Desk Cam 9000"
    monkeypatch.setenv(DEMO_ENV, "1")
    assert CaptureOptions.from_settings(Settings()).demo_stand_in


def test_missing_camera_refuses_with_a_message_naming_it(qtbot: Any, threaded: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    # Camera 97 exists on no desk PC (nor here): the recording must not start, and nothing is recorded.
    panel = open_panel(qtbot, threaded("1024"), number,
                       CaptureOptions(source="camera:97", width=320, height=240, disk_policy=NO_DISK_LIMITS))
    confirm_notice(qtbot, panel)
    with qtbot.waitSignal(panel.recordingEnded, timeout=RECORDING_TIMEOUT_MS) as ended:
        panel.start_button.click()
    outcome = ended.args[0]
    assert outcome.result is None and outcome.start_error is not None
    assert panel.message.isVisible()
    assert panel.message.text().startswith("未找到摄像头") and "camera:97" in panel.message.text()
    assert not panel.demo_note.isVisible()
    assert not list(desk.paths.recordings.glob("*.mp4")), "no demo pattern recorded in its place"
    assert recording_events(desk, number) == ["notice_confirmed"]
    assert panel.start_button.isEnabled(), "the receptionist can plug the camera in and try again"


def test_missing_named_camera_and_a_bad_camera_setting_are_said(qtbot: Any, threaded: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    panel = open_panel(qtbot, threaded("1024"), number,
                       CaptureOptions(source="camera:0", width=320, height=240, disk_policy=NO_DISK_LIMITS,
                                      missing_camera="Desk Cam 9000"))
    confirm_notice(qtbot, panel)
    with qtbot.waitSignal(panel.recordingEnded, timeout=RECORDING_TIMEOUT_MS):
        panel.start_button.click()
    assert "Desk Cam 9000" in panel.message.text() and panel.message.text().startswith("未找到摄像头")
    # A camera setting the limits refuse: said before anything is opened, with the words for a bad setting.
    panel.options = None
    panel.ctx.settings = Settings(language="zh_CN", camera_device="camera:abc")
    panel.start_button.click()
    assert panel.message.isVisible() and "设置" in panel.message.text()
    assert panel.job is None
    for bad in ({"width": 0, "height": 0}, {"fps": -5.0}, {"fps": float("nan")}):
        with pytest.raises(Exception) as raised:
            CaptureOptions(source="demo", **bad)  # type: ignore[arg-type]
        assert getattr(raised.value, "code", "") == "invalid_input"


def test_demo_mode_lets_a_demo_stand_in_and_says_so(qtbot: Any, threaded: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    panel = open_panel(qtbot, threaded("1024"), number,
                       CaptureOptions(source="camera:97", width=320, height=240, disk_policy=NO_DISK_LIMITS,
                                      demo_stand_in=True))
    confirm_notice(qtbot, panel)
    start_recording(qtbot, panel)
    assert panel.job is not None and panel.job.source_info is not None
    assert panel.job.source_info.demo_stands_in
    assert panel.demo_note.isVisible() and panel.demo_note.text().startswith("演示模式")
    assert "camera:97" in panel.demo_note.toolTip()
    recorded_until(qtbot, panel, 0.5)
    outcome = stop_and_wait(qtbot, panel)
    assert outcome.change is not None


def test_operator_switched_mid_recording_keeps_the_one_who_started_it(
        qtbot: Any, threaded: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = threaded("1024")
    panel = open_panel(qtbot, window, number)
    confirm_notice(qtbot, panel)
    start_recording(qtbot, panel)
    recorded_until(qtbot, panel, 0.5)
    window._context().set_actor("4096")  # another receptionist takes over the desk before the stop
    outcome = stop_and_wait(qtbot, panel)
    assert outcome.change is not None and outcome.result is not None
    manifest = read_manifest(manifest_path_for(outcome.result.path))
    with desk.read() as s:
        case = load_case(s, number)
        (event,) = [e for e in case.events if e.kind == "recording" and e.data.get("what") == "attached"]
        from app.services.identity import get_actor

        staff_no = get_actor(s, operator_id=event.operator_id).staff_no
    assert staff_no == manifest["operator_staff_no"] == "1024"


def test_a_lost_finish_notice_does_not_leave_the_job_finishing(qtbot: Any, threaded: Any, desk: Desk) -> None:
    number = operations.register(desk, actor(desk, "1024"), intake()).case_number
    window = threaded("1024")
    panel = open_panel(qtbot, window, number)
    confirm_notice(qtbot, panel)
    start_recording(qtbot, panel)
    job = panel.job
    assert job is not None

    def lost(_capture: object) -> None:
        raise RuntimeError("finish notice lost")

    job._worker_finished = lost  # type: ignore[method-assign]
    recorded_until(qtbot, panel, 0.5)
    panel.stats_timer.stop()  # nothing polls the job from outside: it must notice by itself
    with qtbot.waitSignal(job.ended, timeout=RECORDING_TIMEOUT_MS) as ended:
        panel.stop_button.click()
    outcome = ended.args[0]
    assert outcome.change is not None and outcome.result is not None
    assert recording_events(desk, number) == ["notice_confirmed", "attached"]


def test_settings_refuse_a_camera_or_microphone_the_recorder_would_refuse(qtbot: Any, make_window: Any) -> None:
    window = make_window("1024")
    dialog = window.open_settings()
    dialog.camera.setCurrentText("camera:abc")
    dialog.microphone.setCurrentText("-1")
    dialog.save_button.click()
    assert dialog.isVisible(), "not saved"
    assert dialog.errors._fields["camera_device"][1].text().startswith("应为摄像头编号或名称")
    assert dialog.errors._fields["microphone_device"][1].text() != ""
    dialog.camera.setCurrentText("camera:1")
    dialog.microphone.setCurrentText("USB Audio")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert window.ctx.settings.camera_device == "camera:1"


def test_missing_microphone_and_file_messages_name_them(make_window: Any) -> None:
    from recording.media import device_missing
    from recording.sources import open_default_sources
    from ui.recording_texts import start_error_text

    make_window("1024")  # the Chinese interface is installed
    text = start_error_text(device_missing("microphone", "default microphone", "Error querying device -1"))
    assert text.startswith("未找到麦克风（系统默认麦克风）")
    with pytest.raises(Exception) as raised:
        open_default_sources("file:/srv/no/such/clip.mp4")
    assert start_error_text(raised.value).startswith("未找到视频文件（/srv/no/such/clip.mp4）")
