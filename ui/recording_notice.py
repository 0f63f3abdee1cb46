"""The notice step before a case's first recording: the notice on screen, then "told" or a refusal with its reason.

Both answers are case events (``record_notice_answer``); the latest one counts.
After a refusal the step says so and offers to ask again; no recording can
start until the complainant was told.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.cases import CaseChange
from app.services.queries import CaseDetail
from ui import recording_ops
from ui.context import DeskContext
from ui.messages import error_text
from ui.widgets import ErrorLabel


def notice_answer(case: CaseDetail | None) -> tuple[str, str]:
    """The case's latest answer to the recording notice: ("confirmed"|"refused"|"", refusal reason)."""
    for e in reversed(case.events if case is not None else ()):
        if e.kind == "recording" and e.data.get("what") in ("notice_confirmed", "notice_refused"):
            return ("confirmed" if e.data["what"] == "notice_confirmed" else "refused"), e.reason
    return "", ""


class NoticeStep(QWidget):
    """Asks the receptionist to tell the complainant about the recording, and records the answer."""

    # The step wants to be shown again although the case has an answer ("ask again"); no argument.
    askAgain = Signal()

    def __init__(self, ctx: DeskContext, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_number = case_number
        self.answer, self.reason = "", ""
        self.asking_again = False
        self.has_case = False

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.notice_text = QLabel()
        self.notice_text.setObjectName("recordingNotice")
        self.notice_text.setWordWrap(True)
        self.notice_text.setTextFormat(Qt.TextFormat.PlainText)
        font = self.notice_text.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.notice_text.setFont(font)
        # The frame carries border and padding: a word-wrapped label with its own padding is given too
        # little height by the layout.
        frame = QFrame()
        frame.setObjectName("recordingNoticeFrame")
        frame.setStyleSheet("QFrame#recordingNoticeFrame { border: 1px solid #c9d2dc; border-radius: 4px;"
                            " background: #f4f7fa; }")
        frame_layout = QVBoxLayout(frame)
        frame_layout.setContentsMargins(10, 8, 10, 8)
        frame_layout.addWidget(self.notice_text)
        self.told_button = QPushButton()
        self.told_button.setObjectName("noticeTold")
        self.told_button.clicked.connect(self.confirm_told)
        self.refuse_button = QPushButton()
        self.refuse_button.clicked.connect(self._show_refusal)
        self.refusal_reason = QLineEdit()
        self.refusal_reason.setMaxLength(200)
        self.record_refusal_button = QPushButton()
        self.record_refusal_button.clicked.connect(self.record_refusal)
        self.refusal_row = QWidget()
        row = QHBoxLayout(self.refusal_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.refusal_reason, 1)
        row.addWidget(self.record_refusal_button)
        self.refusal_row.hide()
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.told_button)
        buttons.addWidget(self.refuse_button)
        buttons.addStretch(1)
        self.ask_page = QWidget()
        ask = QVBoxLayout(self.ask_page)
        ask.setContentsMargins(0, 0, 0, 0)
        ask.addWidget(self.intro)
        ask.addWidget(frame)
        ask.addLayout(buttons)
        ask.addWidget(self.refusal_row)
        ask.addWidget(self.error)

        self.refused_text = QLabel()
        self.refused_text.setWordWrap(True)
        self.ask_again_button = QPushButton()
        self.ask_again_button.clicked.connect(self._ask_again)
        self.refused_page = QWidget()
        refused = QVBoxLayout(self.refused_page)
        refused.setContentsMargins(0, 0, 0, 0)
        refused.addWidget(self.refused_text)
        refused.addWidget(self.ask_again_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.ask_page)
        self.pages.addWidget(self.refused_page)
        self.pages.currentChanged.connect(lambda _i: fit_current_page(self.pages))
        fit_current_page(self.pages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        ctx.settingsChanged.connect(lambda _s: self.retranslate())  # the notice text is a setting
        self.retranslate()

    def show_answer(self, case: CaseDetail | None) -> None:
        """Take the case's latest answer (after a reload)."""
        self.has_case = case is not None
        self.answer, self.reason = notice_answer(case)
        self.render()

    def render(self) -> None:
        has_actor = self.ctx.actor is not None
        refused = self.answer == "refused" and not self.asking_again
        self.pages.setCurrentWidget(self.refused_page if refused else self.ask_page)
        self.told_button.setEnabled(has_actor and self.has_case)
        self.refuse_button.setEnabled(has_actor and self.has_case)
        self.record_refusal_button.setEnabled(has_actor)
        self.refused_text.setText(self.tr("The complainant refused to be recorded: %1. No recording is made "
                                          "unless they agree after all.").replace("%1", self.reason or "—"))

    def confirm_told(self) -> None:
        """The complainant was told about the recording (a case event)."""
        self._answer(told=True)

    def record_refusal(self) -> None:
        """The complainant refuses to be recorded: the reason goes on the case; no recording is made."""
        if not self.refusal_reason.text().strip():
            self.error.show_message(self.tr("Write down why the complainant refuses."))
            self.refusal_reason.setFocus()
            return
        self._answer(told=False, reason=self.refusal_reason.text().strip())

    def _show_refusal(self) -> None:
        self.refusal_row.show()
        self.refusal_reason.setFocus()

    def _ask_again(self) -> None:
        self.asking_again = True
        self.render()
        self.askAgain.emit()

    def _answer(self, *, told: bool, reason: str = "") -> None:
        actor = self.ctx.actor
        if actor is None:
            self.error.show_message(self.tr("Choose the current operator first (status bar)."))
            return
        desk, number, text = self.ctx.desk, self.case_number, self.ctx.settings.recording_notice

        def answered(change: CaseChange) -> None:
            self.asking_again = False
            self.refusal_reason.clear()
            self.refusal_row.hide()
            self.error.show_message("")
            self.ctx.announce(change)  # the case view reloads and passes the answer back in

        self.ctx.run(lambda _s: recording_ops.answer_notice(desk, actor, number, told=told, notice_text=text,
                                                            refusal_reason=reason),
                     on_result=answered, on_error=lambda exc: self.error.show_message(error_text(exc)),
                     parent=self, name="recording-notice")

    def retranslate(self) -> None:
        self.intro.setText(self.tr("Before the first recording of this case, tell the complainant that the "
                                   "reception is recorded (point to the sign at the desk and read this out):"))
        self.notice_text.setText(self.ctx.settings.recording_notice)
        self.told_button.setText(self.tr("The complainant was told"))
        self.refuse_button.setText(self.tr("The complainant refuses…"))
        self.refusal_reason.setPlaceholderText(self.tr("Why the complainant refuses to be recorded"))
        self.record_refusal_button.setText(self.tr("Record the refusal"))
        self.ask_again_button.setText(self.tr("Ask again"))
        self.render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def fit_current_page(pages: QStackedWidget) -> None:
    """A stack as tall as the page shown, not as its tallest page."""
    for i in range(pages.count()):
        page = pages.widget(i)
        if page is not None:
            policy = QSizePolicy.Policy.Preferred if i == pages.currentIndex() else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
    pages.updateGeometry()
