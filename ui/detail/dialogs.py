"""One small dialog per case action, asking only what that action needs; errors show beside the field.

The dialog calls :func:`ui.operations.perform` on the executor; on success it
keeps the :class:`CaseChange` in ``change`` and closes with Accepted, on a
problem it stays open with every value as typed.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.states import CaseAction
from app.roles import Permission, can
from app.services.cases import CaseChange
from app.services.case_actions import Satisfaction
from app.services.queries import CaseDetail
from ui import labels, operations
from ui.context import DeskContext
from ui.detail.surveyor import SurveyorChoice
from ui.messages import error_problems, problem_text
from ui.widgets import ErrorLabel, button_box, FieldErrors, OperatorPicker, TextBox, with_error

# Actions that have a dialog here (notices, prints and recordings come with their own issues).
DIALOG_ACTIONS: tuple[CaseAction, ...] = (
    CaseAction.ACCEPT, CaseAction.START, CaseAction.PAUSE, CaseAction.RESUME, CaseAction.NEW_FACTS,
    CaseAction.EXTEND, CaseAction.DECIDE, CaseAction.REQUEST_REVIEW, CaseAction.RECORD_REVIEW, CaseAction.CLOSE,
    CaseAction.WITHDRAW, CaseAction.DECLINE, CaseAction.HAND_OVER, CaseAction.NOTE,
)


class ActionDialog(QDialog):
    """Ask for what ``action`` needs, run it, show problems inline."""

    def __init__(self, ctx: DeskContext, case: CaseDetail, action: CaseAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case = case
        self.action = action
        self.change: CaseChange | None = None
        self.errors = FieldErrors()
        self.editors: dict[str, QWidget] = {}
        self._captions: list[tuple[QLabel, str]] = []
        self._running = False
        self.setModal(True)
        self.setMinimumWidth(520)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setProperty("role", "error")
        self.warning.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.general_error = ErrorLabel()
        self.buttons, self.ok_button, self.cancel_button = button_box()
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.warning)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.level = case.extension_level + 1 if action is CaseAction.EXTEND else 0
        self._build()
        self.retranslate()
        first = next(iter(self.editors.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building -------------------------------------------------------------------------
    def _add(self, key: str, editor: QWidget, caption_source: str) -> QWidget:
        caption = QLabel()
        caption.setBuddy(editor)
        error = ErrorLabel()
        self.errors.register(key, editor, error)
        self.form.addRow(caption, with_error(editor, error))
        self._captions.append((caption, caption_source))
        self.editors[key] = editor
        return editor

    def _text(self, key: str, caption: str, lines: int = 3) -> TextBox:
        box = TextBox(lines=lines)
        self._add(key, box, caption)
        return box

    def _operators(self, key: str, caption: str, *, exclude: tuple[str, ...] = (),
                   permission: Permission | None = None) -> OperatorPicker:
        picker = OperatorPicker()
        roles = None
        if permission is not None:
            roles = [op.role for op in self.ctx.operators if can(op.role, permission)]
        picker.set_operators(self.ctx.operators, exclude=exclude, roles=roles, placeholder="—")
        self._add(key, picker, caption)
        return picker

    def _build(self) -> None:
        a = self.action
        # Captions are source strings translated in retranslate(); QT_TR_NOOP marks them for lupdate.
        if a in (CaseAction.ACCEPT, CaseAction.START, CaseAction.RESUME):
            self._text("reason", "Note (optional)", 2)
        elif a in (CaseAction.PAUSE, CaseAction.WITHDRAW, CaseAction.DECLINE, CaseAction.REQUEST_REVIEW,
                   CaseAction.RECORD_REVIEW):
            self._text("reason", {
                CaseAction.PAUSE: "What is appraised, by whom",
                CaseAction.WITHDRAW: "How the withdrawal was received",
                CaseAction.DECLINE: "Why the case is declined",
                CaseAction.REQUEST_REVIEW: "The complainant's request",
                CaseAction.RECORD_REVIEW: "Review result",
            }[a], 3)
        elif a is CaseAction.NEW_FACTS:
            self._text("facts", "New facts", 5)
            self.warning.show()
        elif a is CaseAction.EXTEND:
            self._text("reason", "Reason for the extension", 3)
            if self.level >= 2:
                self._operators("approver", "Approved by (supervisor)", permission=Permission.APPROVE_SECOND_EXTENSION)
        elif a is CaseAction.DECIDE:
            self._text("verified", "What was verified", 3)
            self._text("basis", "Basis and reasons", 3)
            self._text("outcome", "Outcome", 3)
            remedies = self._text("remedies", "Remedies", 3)
            remedies.setText(self.tr("If you disagree with this decision you may, within 30 days of receiving it, "
                                     "request a review in writing from the upper level; you may also apply for "
                                     "mediation, arbitration, or bring a lawsuit."))
        elif a is CaseAction.CLOSE:
            self._text("root_cause", "Root cause", 3)
            self._text("rectification", "Rectification", 2)
            combo = QComboBox()
            combo.addItem("—", "")
            for value in Satisfaction:
                combo.addItem(labels.satisfaction_name(value.value), value.value)
            self._add("satisfaction", combo, "Satisfaction")
            surveyor = SurveyorChoice(self.ctx, self.case.owner, self)
            self._add("surveyed_by", surveyor.picker, "Follow-up done by")
            self.form.addRow("", surveyor)
            note = QLineEdit()
            note.setMaxLength(1000)
            self._add("survey_note", note, "Follow-up note")
        elif a is CaseAction.HAND_OVER:
            self._operators("to", "Hand over to", exclude=(self.case.owner,))
            self._text("reason", "Reason", 2)
        elif a is CaseAction.NOTE:
            self._text("note", "Note", 4)

    # --- values and running ---------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, OperatorPicker):
                out[key] = editor.staff_no()
            elif isinstance(editor, QComboBox):
                out[key] = str(editor.currentData() or "")
            elif isinstance(editor, (TextBox, QLineEdit)):
                out[key] = editor.text()
        if self.action is CaseAction.EXTEND:
            out["level"] = self.level
        return out

    def submit(self) -> None:
        if self._running:
            return
        actor = self.ctx.actor
        if actor is None:
            self.general_error.show_message(self.tr("Choose the current operator first (status bar)."))
            return
        self._running = True
        self.ok_button.setEnabled(False)
        self.general_error.show_message("")
        desk, ref, action, values = self.ctx.desk, self.case.id, self.action, self.values()
        self.ctx.run(lambda _s: operations.perform(desk, actor, ref, action, values), on_result=self._done,
                     on_error=self._failed, on_finished=self._finished, parent=self, name=f"action-{action}")

    def _done(self, change: CaseChange) -> None:
        self.change = change
        self.ctx.announce(change)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        problems = error_problems(exc)
        unplaced = self.errors.show(problems)
        self.general_error.show_message("\n".join(problem_text(p) for p in unplaced))
        editor = self.errors.first_invalid()
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finished(self) -> None:
        self._running = False
        self.ok_button.setEnabled(True)

    # --- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        a = self.action
        self.setWindowTitle(f"{labels.action_name(a.value)} · {self.case.case_number}")
        intros = {
            CaseAction.ACCEPT: self.tr("Accept the case for handling."),
            CaseAction.START: self.tr("Start handling the case."),
            CaseAction.PAUSE: self.tr("Pause the clock for an external appraisal or test: that time does not "
                                      "count towards the deadline."),
            CaseAction.RESUME: self.tr("The appraisal is over: the clock runs again and the deadline moves back "
                                       "by the days paused."),
            CaseAction.NEW_FACTS: self.tr("Record new facts brought by the complainant."),
            CaseAction.DECIDE: self.tr("Record the decision in its four sections; the decision letter is built "
                                       "from them."),
            CaseAction.REQUEST_REVIEW: self.tr("The complainant asks the upper level for a review (核查)."),
            CaseAction.RECORD_REVIEW: self.tr("Record the result of the review."),
            CaseAction.CLOSE: self.tr("Close the case: the satisfaction follow-up must be done by someone other "
                                      "than the handler."),
            CaseAction.WITHDRAW: self.tr("The complainant withdraws the complaint: the procedure ends today."),
            CaseAction.DECLINE: self.tr("Decline a complaint not raised by the complainant or a proxy. A notice to "
                                        "the complainant is required."),
            CaseAction.HAND_OVER: self.tr("Hand the case to another operator, who becomes its owner (首问负责制)."),
            CaseAction.NOTE: self.tr("Add a note to the timeline."),
        }
        if a is CaseAction.EXTEND:
            if self.level >= 2:
                self.intro.setText(self.tr("Second extension: to 60 days in all, for an especially complex case. "
                                           "Needs a supervisor's approval. A notice to the complainant is required."))
            else:
                self.intro.setText(self.tr("First extension: to 30 days in all, for a complex case. A notice to "
                                           "the complainant is required."))
        else:
            self.intro.setText(intros.get(a, ""))
        if a is CaseAction.NEW_FACTS:
            rules = self.ctx.desk.rules
            days = self.case.deadline.limit_days or rules.decision_days
            new_due = self.ctx.desk.rulebook.today() + timedelta(days=days)
            self.warning.setText(self.tr("New facts restart the decision clock from today: the new target date "
                                         "will be %1 (was %2).").replace("%1", new_due.isoformat())
                                 .replace("%2", self.case.deadline.nominal_due.isoformat()))
        captions = {
            "Note (optional)": self.tr("Note (optional)"),
            "What is appraised, by whom": self.tr("What is appraised, by whom"),
            "How the withdrawal was received": self.tr("How the withdrawal was received"),
            "Why the case is declined": self.tr("Why the case is declined"),
            "The complainant's request": self.tr("The complainant's request"),
            "Review result": self.tr("Review result"),
            "New facts": self.tr("New facts"),
            "Reason for the extension": self.tr("Reason for the extension"),
            "Approved by (supervisor)": self.tr("Approved by (supervisor)"),
            "What was verified": self.tr("What was verified"),
            "Basis and reasons": self.tr("Basis and reasons"),
            "Outcome": self.tr("Outcome"),
            "Remedies": self.tr("Remedies"),
            "Root cause": self.tr("Root cause"),
            "Rectification": self.tr("Rectification"),
            "Satisfaction": self.tr("Satisfaction"),
            "Follow-up done by": self.tr("Follow-up done by"),
            "Follow-up note": self.tr("Follow-up note"),
            "Hand over to": self.tr("Hand over to"),
            "Reason": self.tr("Reason"),
            "Note": self.tr("Note"),
        }
        for caption, source in self._captions:
            caption.setText(captions.get(source, source))
        self.ok_button.setText(labels.action_name(a.value))
        self.cancel_button.setText(self.tr("Cancel"))
        combo = self.editors.get("satisfaction")
        if isinstance(combo, QComboBox):
            for i in range(1, combo.count()):
                combo.setItemText(i, labels.satisfaction_name(str(combo.itemData(i))))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
