"""Playing a case's recording back inside the app (QtMultimedia: QMediaPlayer into a QVideoWidget).

QtMultimedia's FFmpeg backend decodes the H.264/AAC fragmented MP4 the
recorder writes, also on the offscreen platform the tests run on, so no
PyAV-to-QImage decoder of our own is needed.  The dialog is opened only after
the playback was written to the audit log (:func:`ui.recording_ops.open_for_playback`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QCloseEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from ui.recording_texts import clock_text
from ui.widgets import ErrorLabel


class PlaybackDialog(QDialog):
    """One recording played back, with play/pause and a position slider."""

    def __init__(self, path: Path, case_number: str, sha256: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.case_number = case_number
        self.sha256 = sha256
        self.frames_seen = 0
        self.video = QVideoWidget()
        self.video.setMinimumSize(480, 270)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.video)
        self.video.videoSink().videoFrameChanged.connect(self._frame)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setProperty("role", "hint")
        self.error = ErrorLabel()
        self.play_button = QPushButton()
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.sliderMoved.connect(self.player.setPosition)
        self.time = QLabel()
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time)
        controls.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.video, 1)
        layout.addLayout(controls)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        self.player.durationChanged.connect(lambda d: self.slider.setRange(0, int(d)))
        self.player.positionChanged.connect(self._position)
        self.player.playbackStateChanged.connect(lambda _s: self.retranslate())
        self.player.errorOccurred.connect(lambda _e, text: self.error.show_message(
            self.tr("The recording cannot be played: %1").replace("%1", text)))
        self.resize(800, 560)
        self.retranslate()
        self.player.setSource(QUrl.fromLocalFile(str(path)))

    def play(self) -> None:
        self.player.play()

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def _frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.frames_seen += 1

    def _position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(int(ms))
        self.time.setText(f"{clock_text(ms / 1000)} / {clock_text(self.player.duration() / 1000)}")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Recording %1").replace("%1", self.path.name))
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.close_button.setText(self.tr("Close"))
        self.info.setText(self.tr("Case %1 · SHA-256 %2 · This playback is written to the audit log.")
                          .replace("%1", self.case_number).replace("%2", self.sha256[:16] or "—"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        self.stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.stop()
        super().done(result)

    def stop(self) -> None:
        """Stop and let go of the file (the player keeps it open otherwise)."""
        self.player.stop()
        self.player.setSource(QUrl())
