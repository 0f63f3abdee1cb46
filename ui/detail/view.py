"""The case view: every field (masked by default), deadline, responsibility, timeline and actions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.states import CaseAction, allowed_actions
from app.services.cases import CaseChange
from app.services.letter_steps import available_letters
from app.services.queries import CaseDetail, PartyView
from ui import labels, operations, printing
from ui.case_documents import CaseDocumentsBar
from ui.context import DeskContext
from ui.detail.dialogs import DIALOG_ACTIONS, ActionDialog
from ui.detail.letter_offer import LetterOffer
from ui.detail.panels import DeadlinePanel, FieldGroup, Timeline
from ui.messages import error_problems, error_text, problem_text
from ui.recording_panel import RecordingPanel
from ui.widgets import ErrorLabel, button_box


class RevealDialog(QDialog):
    """Ask why personal data is to be shown; the reveal is role-checked and audited by the core."""

    def __init__(self, ctx: DeskContext, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_number = case_number
        self.detail: CaseDetail | None = None
        self._asked_by: object = None
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.error = ErrorLabel()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.buttons, self.ok_button, self.cancel_button = button_box()
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Show personal data"))
        self.intro.setText(self.tr("Personal data of case %1 is shown unmasked only for a reason, and the "
                                   "viewing is written to the audit log. Why do you need it?")
                           .replace("%1", self.case_number))
        self.reason.setPlaceholderText(self.tr("e.g. call-back to verify identity"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.setText(self.tr("Show"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def submit(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            self.error.show_message(self.tr("Choose the current operator first (status bar)."))
            return
        desk, number, reason = self.ctx.desk, self.case_number, self.reason.text()
        self._asked_by = actor
        self.ctx.run(lambda _s: operations.reveal(desk, actor, number, reason), on_result=self._done,
                     on_error=lambda exc: self.error.show_message(error_text(exc)), parent=self, name="reveal")

    def _done(self, detail: CaseDetail) -> None:
        if self.ctx.actor != self._asked_by:
            return  # the operator changed while the reveal ran: it was not for the one at the desk now
        self.detail = detail
        self.accept()


class CaseDetailView(QWidget):
    """One case; reloads itself after each action and whenever the case changes elsewhere."""

    # The tab title should change (argument: new title).
    titleChanged = Signal(str)
    # The case was loaded or reloaded.
    loaded = Signal()

    def __init__(self, ctx: DeskContext, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_number = case_number
        self.case: CaseDetail | None = None
        self.dialog: QDialog | None = None

        self.title = QLabel(case_number)
        self.title.setProperty("role", "title")
        self.state_badge = QLabel()
        self.state_badge.setProperty("role", "badge")
        self.masked_note = QLabel()
        self.masked_note.setProperty("role", "hint")
        self.reveal_button = QPushButton()
        self.reveal_button.clicked.connect(self.toggle_reveal)
        self.load_error = ErrorLabel()
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.state_badge)
        head.addStretch(1)
        head.addWidget(self.masked_note)
        head.addWidget(self.reveal_button)
        self.documents = CaseDocumentsBar(ctx, case_number)
        self.documents.issued.connect(lambda _issued: self.reload())  # the print shows on the timeline
        head.addSpacing(12)
        head.addWidget(self.documents)
        self.letter_offer = LetterOffer()
        self.letter_offer.printRequested.connect(self.documents.open_preview)

        self.complainant = FieldGroup()
        self.proxy = FieldGroup()
        self.representatives = FieldGroup()
        self.subject = FieldGroup()
        self.classification = FieldGroup()
        self.texts = FieldGroup()
        self.decision = FieldGroup()
        self.closing = FieldGroup()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        for group in (self.complainant, self.proxy, self.representatives, self.subject, self.classification,
                      self.texts, self.decision, self.closing):
            left_layout.addWidget(group)
        left_layout.addStretch(1)
        left_scroll = QScrollArea()
        left_scroll.setWidgetResizable(True)
        left_scroll.setWidget(left)

        self.actions_box = QGroupBox()
        self.actions_grid = QGridLayout(self.actions_box)
        self.actions_grid.setHorizontalSpacing(6)
        self.actions_grid.setVerticalSpacing(6)
        self.action_buttons: dict[CaseAction, QPushButton] = {}
        self.action_error = ErrorLabel()
        self.deadline = DeadlinePanel()
        self.people = FieldGroup()
        self.timeline_box = QGroupBox()
        self.timeline = Timeline()
        QVBoxLayout(self.timeline_box).addWidget(self.timeline)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.actions_box)
        right_layout.addWidget(self.action_error)
        self.recording_panel = RecordingPanel(ctx, case_number)
        right_layout.addWidget(self.recording_panel)
        side_by_side = QHBoxLayout()
        side_by_side.addWidget(self.deadline, 1)
        side_by_side.addWidget(self.people, 1)
        right_layout.addLayout(side_by_side)
        self.timeline.setMinimumHeight(200)
        right_layout.addWidget(self.timeline_box, 1)
        right_scroll = QScrollArea()
        right_scroll.setWidgetResizable(True)
        right_scroll.setWidget(right)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left_scroll)
        splitter.addWidget(right_scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self._sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(head)
        layout.addWidget(self.letter_offer)
        layout.addWidget(self.load_error)
        layout.addWidget(splitter, 1)

        ctx.caseChanged.connect(self._case_changed)
        ctx.actorChanged.connect(self._operator_changed)
        self.retranslate()
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = max(self.width(), 800)
            self.splitter.setSizes([int(width * 0.42), int(width * 0.58)])

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the case again (masked)."""
        desk, number = self.ctx.desk, self.case_number
        self.ctx.run(lambda _s: operations.detail(desk, number), on_result=self.show_case,
                     on_error=lambda exc: self.load_error.show_message(error_text(exc)), parent=self,
                     name="case-detail")

    def _case_changed(self, change: CaseChange) -> None:
        if change.case_number == self.case_number:
            self.reload()

    def show_case(self, case: CaseDetail) -> None:
        self.case = case
        self.load_error.show_message("")
        self._render()
        self.documents.set_letters(tuple(printing.LETTER_OF[k] for k in available_letters(case)))
        self.recording_panel.show_case(case)
        self.loaded.emit()

    # --- rendering ------------------------------------------------------------------------
    def _party_rows(self, p: PartyView) -> list[tuple[str, str, str]]:
        rows = [("name", self.tr("Name"), p.name), ("kind", self.tr("Kind"),
                                                    labels.party_kind_name(p.kind) if p.kind != "person" else "")]
        if p.kind == "organisation":
            rows += [("uscc", self.tr("Credit code"), p.uscc),
                     ("legal_representative", self.tr("Legal representative"), p.legal_representative)]
        else:
            rows += [("id_type", self.tr("ID type"), labels.id_type_name(p.id_type) if p.id_type else ""),
                     ("id_number", self.tr("ID number"), p.id_number)]
        rows += [("phone", self.tr("Phone"), p.phone), ("address", self.tr("Address"), p.address)]
        if p.role == "proxy":
            rows += [("relation", self.tr("Relation"), p.relation),
                     ("poa", self.tr("Power of attorney"),
                      self.tr("Signed original seen") if p.poa_signed_original else self.tr("No signed original")),
                     ("poa_reference", self.tr("POA reference"), p.poa_reference),
                     ("absence_reason", self.tr("Why not in person"), p.absence_reason),
                     ("inheritance_proof", self.tr("Inheritance proof"), p.inheritance_proof)]
        return rows

    def _render(self) -> None:
        case = self.case
        if case is None:
            return
        ref = self.ctx.desk.reference
        self.title.setText(case.case_number)
        self.state_badge.setText(labels.state_name(case.state))
        self.titleChanged.emit(f"{case.case_number} · {case.complainant.name}")
        self.masked_note.setText(self.tr("Personal data masked") if case.masked
                                 else self.tr("Personal data shown (logged)"))
        self.reveal_button.setText(self.tr("Show personal data…") if case.masked else self.tr("Mask again"))
        self.complainant.setTitle(self.tr("Complainant"))
        self.complainant.set_rows([("received", self.tr("Received"), labels.moment(case.received_at)),
                                   *self._party_rows(case.complainant)])
        self.proxy.setTitle(self.tr("Proxy (代理人)"))
        self.proxy.set_rows(self._party_rows(case.proxy) if case.proxy else [])
        reps = [p for p in case.parties if p.role == "representative"]
        self.representatives.setTitle(self.tr("Representatives (group complaint)"))
        self.representatives.set_rows([(f"rep{p.position}", str(p.position + 1),
                                        f"{p.name}  {p.id_number}  {p.phone}".strip()) for p in reps])
        self.subject.setTitle(self.tr("Card and complained party"))
        self.subject.set_rows([("card_number", self.tr("Card number"), case.card_number),
                               ("institution", self.tr("Institution / branch"), case.complained_institution),
                               ("staff", self.tr("Staff member"), case.complained_staff)])
        self.classification.setTitle(self.tr("Classification"))
        self.classification.set_rows(
            [(axis, labels.axis_name(axis), labels.code_label(ref, axis, code))
             for axis, code in (("channel", case.channel), ("business", case.business), ("reason", case.reason),
                                ("demand", case.demand))]
            + [("version", self.tr("Table"), case.reference_version)])
        self.texts.setTitle(self.tr("Request and facts"))
        self.texts.set_rows([("request", self.tr("Request (诉求)"), case.request),
                             ("facts", self.tr("Facts"), case.facts),
                             ("grounds", self.tr("Grounds"), case.grounds)])
        self.decision.setTitle(self.tr("Decision"))
        self.decision.set_rows([(key, labels.section_name(key), case.decision.get(key, ""))
                                for key in ("verified", "basis", "outcome", "remedies")]
                               + [("review", self.tr("Review result"), case.review_outcome)])
        self.closing.setTitle(self.tr("Closing"))
        self.closing.set_rows([("satisfaction", self.tr("Satisfaction"),
                                labels.satisfaction_name(case.satisfaction) if case.satisfaction else ""),
                               ("root_cause", self.tr("Root cause"), case.root_cause),
                               ("rectification", self.tr("Rectification"), case.rectification)])
        self.deadline.show_case(case)
        names = self.ctx.operator_names()
        handovers = [e for e in case.events if e.kind == "hand_over"]
        self.people.setTitle(self.tr("Responsibility (首问负责制)"))
        self.people.set_rows([
            ("first_responder", self.tr("First responder"),
             f"{case.first_responder} {names.get(case.first_responder, '')}".strip()),
            ("owner", self.tr("Owner now"), f"{case.owner} {case.owner_name}".strip()),
            ("handovers", self.tr("Hand-overs"), "\n".join(
                f"{labels.moment(e.at)}  {e.data.get('from', '')} → {e.data.get('to', '')}  {e.reason}"
                for e in handovers) or self.tr("none")),
        ])
        self.timeline_box.setTitle(self.tr("Timeline"))
        self.timeline.show_events(case.events)
        self._render_actions()

    def _render_actions(self) -> None:
        for button in self.action_buttons.values():
            button.deleteLater()
        self.action_buttons.clear()
        self.actions_box.setTitle(self.tr("Actions"))
        case = self.case
        if case is None:
            return
        offered = [a for a in allowed_actions(case.state) if a in DIALOG_ACTIONS]
        if case.extension_level >= 2 and CaseAction.EXTEND in offered:
            offered.remove(CaseAction.EXTEND)  # 60 days is the last limit
        columns = 3
        for i, action in enumerate(offered):
            button = QPushButton(labels.action_name(action.value))
            button.setObjectName(f"action_{action.value}")
            button.setEnabled(self.ctx.actor is not None)
            button.clicked.connect(lambda _c=False, a=action: self.start_action(a))
            self.actions_grid.addWidget(button, i // columns, i % columns)
            button.show()  # added to a visible parent: show now, not on the next event loop pass
            self.action_buttons[action] = button
        if self.ctx.actor is None:
            self.action_error.show_message(self.tr("Choose the current operator first (status bar)."))
        else:
            self.action_error.show_message("")

    # --- actions --------------------------------------------------------------------------
    def start_action(self, action: CaseAction) -> ActionDialog | None:
        """Open the dialog for ``action`` (window-modal, not blocking); returns it."""
        if self.case is None or action not in self.action_buttons:
            return None
        dialog = ActionDialog(self.ctx, self.case, action, self)
        dialog.accepted.connect(lambda: self.letter_offer.offer_after(action))
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _operator_changed(self, _actor: object) -> None:
        """What the previous operator unmasked is not for the next one: mask everything at once."""
        if isinstance(self.dialog, RevealDialog):
            self.dialog.reject()
        if self.case is not None and not self.case.masked:
            # Off the screen now, not when the masked reload arrives from the worker.
            for group in (self.complainant, self.proxy, self.representatives, self.subject):
                group.set_rows([])
            self.masked_note.setText(self.tr("Personal data masked"))
            self.reload()
        self._render_actions()

    def toggle_reveal(self) -> None:
        if self.case is None:
            return
        if not self.case.masked:
            self.reload()
            return
        dialog = RevealDialog(self.ctx, self.case_number, self)
        dialog.accepted.connect(lambda: dialog.detail and self.show_case(dialog.detail))
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def action_problem_text(self, exc: BaseException) -> str:
        return "\n".join(problem_text(p) for p in error_problems(exc))

    # --- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.actions_box.setTitle(self.tr("Actions"))
        self.timeline_box.setTitle(self.tr("Timeline"))
        self.reveal_button.setText(self.tr("Show personal data…"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
