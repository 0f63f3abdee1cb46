"""The recording panel's parts: live preview, REC indicator, sound level meter, list of a case's recordings."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.services.queries import EventView
from ui import labels
from ui.recording_texts import clock_text, reason_words, size_text

REC_RED = QColor("#d32f2f")


class PreviewView(QWidget):
    """Draws the latest preview QImage scaled into the widget (QImage only: painted on the GUI thread)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.placeholder = ""
        self.frames_painted = 0
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(400, 225)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt naming
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt naming
        return max(180, width * 9 // 16)

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def clear(self, placeholder: str = "") -> None:
        self.image = None
        self.placeholder = placeholder
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1f2329"))
        image = self.image
        if image is None or image.isNull():
            painter.setPen(QColor("#c8ccd2"))
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            painter.end()
            return
        size = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image)
        painter.end()
        self.frames_painted += 1


class RecDot(QWidget):
    """The dot of the REC indicator: filled red while recording, a red ring while paused, grey when idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = "idle"
        self.setFixedSize(16, 16)

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(2, 2, -2, -2)
        if self.state == "recording":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(REC_RED)
        elif self.state == "paused":
            painter.setPen(REC_RED)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#9aa0a6"))
        painter.drawEllipse(rect)
        painter.end()


class RecIndicator(QWidget):
    """Red dot plus words and elapsed time ("REC 00:12", "Paused 00:12"): never colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = RecDot()
        self.text = QLabel()
        self.text.setObjectName("recText")
        font = self.text.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.text.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.dot)
        layout.addWidget(self.text, 1)

    def show_state(self, state: str, words: str, elapsed_s: float | None) -> None:
        self.dot.set_state(state)
        text = words if elapsed_s is None else f"{words}  {clock_text(elapsed_s)}"
        self.text.setText(text)
        self.text.setStyleSheet(f"color: {REC_RED.name()};" if state in ("recording", "paused") else "")
        self.setAccessibleName(text)


class LevelMeter(QProgressBar):
    """The microphone's peak level on a decibel scale (-60 dB .. 0 dB)."""

    FLOOR_DB = -60.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 600)
        self.setTextVisible(False)
        self.setFixedHeight(12)
        self.peak = 0.0

    def set_peak(self, peak: float) -> None:
        self.peak = peak
        db = 20 * math.log10(peak) if peak > 1e-6 else self.FLOOR_DB
        self.setValue(round((max(self.FLOOR_DB, db) - self.FLOOR_DB) * 10))
        self.setAccessibleDescription(f"{db:.0f} dB")

    @property
    def decibels(self) -> float:
        return 20 * math.log10(self.peak) if self.peak > 1e-6 else self.FLOOR_DB


@dataclass(frozen=True)
class RecordingRow:
    """One attached recording as the list shows it."""

    file_name: str
    started: datetime | None
    duration_s: float
    size_bytes: int
    sha256: str
    recovered: bool
    stopped_reason: str


def recording_rows(events: tuple[EventView, ...]) -> list[RecordingRow]:
    """The case's attached and recovered recordings, oldest first, from its timeline."""
    rows = []
    for e in events:
        if e.kind != "recording" or e.data.get("what") not in ("attached", "recovered"):
            continue
        started: datetime | None
        try:
            started = datetime.fromisoformat(str(e.data.get("started_at", "")))
        except ValueError:
            started = None
        rows.append(RecordingRow(str(e.data.get("file_name", "")), started, float(e.data.get("duration_s", 0.0)),
                                 int(e.data.get("size_bytes", 0)), str(e.data.get("sha256", "")),
                                 bool(e.data.get("recovered")), str(e.data.get("stopped_reason", ""))))
    return rows


class RecordingList(QTableWidget):
    """The case's recordings: start, duration, size, short hash, recovered mark; double-click plays."""

    # The operator wants to play a recording (argument: its file name).
    playRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.rows: list[RecordingRow] = []
        self.itemActivated.connect(lambda item: self.playRequested.emit(self.rows[item.row()].file_name))
        self.retranslate()

    def show_rows(self, rows: list[RecordingRow]) -> None:
        self.rows = rows
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            note = self.tr("recovered after an unexpected end") if row.recovered else ""
            if reason_words(row.stopped_reason):
                early = self.tr("ended early: %1").replace("%1", reason_words(row.stopped_reason))
                note = " · ".join(p for p in (note, early) if p)
            cells = [labels.moment(row.started), clock_text(row.duration_s), size_text(row.size_bytes),
                     row.sha256[:12], note]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{row.file_name}\nSHA-256 {row.sha256}" if c == 3 else text)
                self.setItem(r, c, item)
        self.setVisible(bool(rows))
        shown = min(len(rows), 4)  # more scroll
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + sum(self.rowHeight(i) for i in range(shown))
                            + 2 * self.frameWidth() + 2)

    def selected_file(self) -> str:
        row = self.currentRow()
        return self.rows[row].file_name if 0 <= row < len(self.rows) else ""

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Started"), self.tr("Length"), self.tr("Size"),
                                        self.tr("SHA-256"), self.tr("Note")])
        if self.rows:
            self.show_rows(self.rows)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
