"""The close dialog's 回访人 (follow-up) choice: only who may do it, and words and a way out when nobody may.

Who may do the follow-up is the core's rule (:mod:`app.domain.follow_up`): not
the case's handler, and someone who works cases. On a desk with a single
operator nobody is left; the dialog then says so and offers to add an operator
(administrators) instead of showing an empty picker and a bare "required".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.follow_up import may_do_follow_up
from app.roles import Permission, can
from ui.context import DeskContext
from ui.widgets import OperatorPicker


class SurveyorChoice(QWidget):
    """The help line and buttons under the 回访人 picker (``picker``) of one case's close dialog."""

    def __init__(self, ctx: DeskContext, handler_staff_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.handler = handler_staff_no
        self.picker = OperatorPicker()
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setObjectName("surveyor_help")
        self.myself_button = QPushButton()
        self.myself_button.clicked.connect(self._choose_myself)
        self.add_operator_button = QPushButton()
        self.add_operator_button.clicked.connect(self.add_operator)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.myself_button)
        buttons.addWidget(self.add_operator_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.help)
        layout.addLayout(buttons)
        self.eligible: tuple[str, ...] = ()
        ctx.deskChanged.connect(self.refill)
        ctx.actorChanged.connect(self.refill)
        self.refill()

    def refill(self, *_args: object) -> None:
        """Offer the operators the rule allows (again after an operator was added)."""
        operators = [op for op in self.ctx.operators
                     if may_do_follow_up(role=op.role, staff_no=op.staff_no, handler_staff_no=self.handler)]
        self.eligible = tuple(op.staff_no for op in operators)
        self.picker.set_operators(operators, placeholder="—")
        actor = self.ctx.actor
        self.myself_button.setVisible(actor is not None and actor.staff_no in self.eligible)
        self.add_operator_button.setVisible(not operators and actor is not None
                                            and can(actor.role, Permission.MANAGE_DESK))
        self.retranslate()

    def _choose_myself(self) -> None:
        if self.ctx.actor is not None:
            self.picker.select(self.ctx.actor.staff_no)

    def add_operator(self) -> None:
        """Open the settings on the Operators page; the picker fills in when one is added."""
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.window())
        dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
        dialog.new_staff_no.setFocus()
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        self.settings_dialog = dialog

    def retranslate(self) -> None:
        names = self.ctx.operator_names()
        handler = f"{self.handler} {names.get(self.handler, '')}".strip()
        if self.eligible:
            text = self.tr("The follow-up is done by someone other than the case's handler (%1).")
        else:
            actor = self.ctx.actor
            text = self.tr("Nobody at this desk may do the follow-up: it must not be the case's handler (%1), "
                           "and an auditor cannot do it. Another operator who works cases is needed.")
            sep = "" if text.endswith("。") else " "  # Chinese sentences run on without a space
            if actor is not None and can(actor.role, Permission.MANAGE_DESK):
                text += sep + self.tr("Add one with the button below, then choose them here.")
            else:
                text += sep + self.tr("Ask the administrator to add one (Settings, Operators), then choose them "
                                      "here.")
        self.help.setText(text.replace("%1", handler))
        self.help.setProperty("role", "value" if self.eligible else "error")
        self.help.style().unpolish(self.help)
        self.help.style().polish(self.help)
        self.myself_button.setText(self.tr("I did the follow-up"))
        self.add_operator_button.setText(self.tr("Add an operator…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
