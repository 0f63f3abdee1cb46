"""The intake form: a walk-in complaint registered by keyboard in well under 90 seconds.

The form builds the same dict that ``complaint-desk case add --json`` takes and
checks it with the same ``parse_intake``, so form and CLI refuse exactly the
same input.  Problems appear beside a field once the operator has left it;
Save is enabled only when nothing is wrong; a failed save keeps everything.
What is typed is autosaved as a draft (timer and close), also across a crash.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.clock import BEIJING
from app.domain.idnumber import validate_id_number
from app.domain.phone import validate_phone
from app.errors import Problem, ValidationError
from app.services.cases import CaseChange
from app.services.intake import RECEIVED_AT_FLOOR
from app.services.queries import RelatedCase
from ui import labels, operations
from ui.context import DeskContext
from ui.intake.draft_offer import DraftOffer
from ui.intake.drafts import Draft, DraftStore, new_draft_id
from ui.intake.fields import CardEdit, PartyEditor, RepresentativesEditor
from ui.intake.pickers import CodePicker
from ui.intake.related import RelatedCasesPanel
from ui.messages import error_problems, problem_text
from ui.widgets import ErrorLabel, FieldErrors, TextBox, with_error

AUTOSAVE_MS = 3000
# Classification the desk files most: on premises (营业现场), credit cards.
DEFAULT_CODES = {"channel": "A01", "business": "B0302"}
AXES = ("channel", "business", "reason", "demand")


def _beijing_now() -> QDateTime:
    """Now on the Beijing wall clock (the field is read back as Beijing time, whatever the PC's zone)."""
    now = datetime.now(BEIJING).replace(tzinfo=None, second=0, microsecond=0)
    return QDateTime(now.year, now.month, now.day, now.hour, now.minute, 0)


class IntakeForm(QWidget):
    """Register a new complaint case."""

    # The case was stored (argument: CaseChange).
    caseRegistered = Signal(object)
    # The operator wants to see an earlier case (argument: case number).
    openCaseRequested = Signal(str)
    # The form is done (saved, merged or discarded) and may be closed.
    finished = Signal()
    # The tab title should change (argument: new title).
    titleChanged = Signal(str)

    def __init__(self, ctx: DeskContext, drafts: DraftStore, draft: Draft | None = None,
                 parent: QWidget | None = None, *, offered: Draft | None = None) -> None:
        """``draft`` fills the form (a draft the operator chose); ``offered`` is only offered."""
        super().__init__(parent)
        self.ctx = ctx
        self.drafts = drafts
        self.draft_id = draft.draft_id if draft else new_draft_id()
        self.restored_from = draft
        self.errors = FieldErrors()
        self._touched: set[str] = set()
        self._problems: list[Problem] = []
        self._dirty = False
        self._saving = False
        self._related_key: tuple[str, str] = ("", "")
        self._related_task_key: tuple[str, str] | None = None
        self._done = False
        reference = ctx.desk.reference

        # Widgets, created in tab order.
        self.banner = QLabel()
        self.banner.setProperty("role", "hint")
        self.banner.setWordWrap(True)
        self.related = RelatedCasesPanel()
        self.complainant = PartyEditor("complainant", "complainant", self.errors)
        self.card = CardEdit()
        self.card_error = ErrorLabel()
        self.errors.register("card_number", self.card, self.card_error)
        self.institution = QLineEdit()
        self.institution.setMaxLength(100)
        self.institution_error = ErrorLabel()
        self.errors.register("complained_institution", self.institution, self.institution_error)
        self.staff = QLineEdit()
        self.staff.setMaxLength(50)
        self.staff_error = ErrorLabel()
        self.errors.register("complained_staff", self.staff, self.staff_error)
        self.pickers: dict[str, CodePicker] = {}
        picker_errors: dict[str, ErrorLabel] = {}
        for axis in AXES:
            picker = CodePicker(reference, axis)
            picker_errors[axis] = ErrorLabel()
            self.errors.register(axis, picker, picker_errors[axis])
            self.pickers[axis] = picker
        self.request = TextBox(lines=2)
        self.facts = TextBox(lines=4)
        self.grounds = TextBox(lines=2)
        text_errors: dict[str, ErrorLabel] = {}
        for key, box in (("request", self.request), ("facts", self.facts), ("grounds", self.grounds)):
            text_errors[key] = ErrorLabel()
            self.errors.register(key, box, text_errors[key])
        self.received_earlier = QCheckBox()
        self.received_at = QDateTimeEdit()
        self.received_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.received_at.setCalendarPopup(True)
        floor = RECEIVED_AT_FLOOR.date()  # the same floor as case add: earlier years are typing slips
        self.received_at.setMinimumDate(QDate(floor.year, floor.month, floor.day))
        self.received_at.setEnabled(False)
        self.received_at.setDateTime(_beijing_now())
        self.received_error = ErrorLabel()
        self.errors.register("received_at", self.received_at, self.received_error)
        self.proxy_box = QGroupBox()
        self.proxy_box.setCheckable(True)
        self.proxy_box.setChecked(False)
        self.proxy = PartyEditor("proxy", "proxy", self.errors)
        self.group_box = QGroupBox()
        self.group_box.setCheckable(True)
        self.group_box.setChecked(False)
        self.representatives = RepresentativesEditor(self.errors, ctx.desk.rules.max_representatives)
        self.representatives_error = ErrorLabel()
        self.errors.register("representatives", self.group_box, self.representatives_error)
        self.general_error = ErrorLabel()
        self.draft_status = QLabel()
        self.draft_status.setProperty("role", "hint")
        self.discard_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setProperty("primary", True)
        self.save_button.setEnabled(False)

        # Layout: two columns of groups, collapsed extras below, buttons at the bottom.
        self.complainant_box = QGroupBox()
        QVBoxLayout(self.complainant_box).addWidget(self.complainant)
        self.card_box = QGroupBox()
        card_form = QFormLayout(self.card_box)
        self._card_captions = [QLabel(), QLabel(), QLabel()]
        for caption, editor, error in zip(self._card_captions, (self.card, self.institution, self.staff),
                                          (self.card_error, self.institution_error, self.staff_error), strict=True):
            caption.setBuddy(editor)
            card_form.addRow(caption, with_error(editor, error))
        self.class_box = QGroupBox()
        class_form = QFormLayout(self.class_box)
        self._picker_captions: dict[str, QLabel] = {}
        for axis in AXES:
            caption = QLabel()
            caption.setBuddy(self.pickers[axis])
            self._picker_captions[axis] = caption
            class_form.addRow(caption, with_error(self.pickers[axis], picker_errors[axis]))
        received_row = QWidget()
        received_layout = QHBoxLayout(received_row)
        received_layout.setContentsMargins(0, 0, 0, 0)
        received_layout.addWidget(self.received_earlier)
        received_layout.addWidget(self.received_at, 1)
        self._received_caption = QLabel()
        class_form.addRow(self._received_caption, with_error(received_row, self.received_error))
        self.text_box = QGroupBox()
        text_form = QFormLayout(self.text_box)
        self._text_captions: dict[str, QLabel] = {}
        for key, box in (("request", self.request), ("facts", self.facts), ("grounds", self.grounds)):
            caption = QLabel()
            caption.setBuddy(box)
            self._text_captions[key] = caption
            text_form.addRow(caption, with_error(box, text_errors[key]))
        for form in (card_form, class_form, text_form):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)

        proxy_layout = QVBoxLayout(self.proxy_box)
        proxy_layout.addWidget(self.proxy)
        group_layout = QVBoxLayout(self.group_box)
        group_layout.addWidget(self.representatives_error)
        group_layout.addWidget(self.representatives)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        left = QVBoxLayout()
        left.addWidget(self.complainant_box)
        left.addWidget(self.card_box)
        # The rarer parts sit under the shorter column, so they show without scrolling.
        left.addWidget(self.proxy_box)
        left.addWidget(self.group_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.class_box)
        right.addWidget(self.text_box)
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(12, 8, 12, 8)
        body_layout.addWidget(self.banner)
        self.offer: DraftOffer | None = None
        if offered is not None:
            self.offer = DraftOffer(offered)
            self.offer.restoreRequested.connect(self.restore_draft)
            self.offer.discardRequested.connect(self._discard_offered)
            body_layout.addWidget(self.offer)
        body_layout.addWidget(self.related)
        body_layout.addLayout(grid)
        body_layout.addStretch(1)
        body.setMaximumWidth(1480)  # on wide screens the form stays a readable width, centred
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setWidget(body)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 6, 12, 8)
        bottom.addWidget(self.draft_status)
        bottom.addWidget(self.general_error, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.discard_button, 0)
        bottom.addWidget(self.save_button, 0)
        self.general_error.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll, 1)
        outer.addLayout(bottom)

        self._set_tab_order()

        # Behaviour.
        self.complainant.changed.connect(self._changed)
        self.complainant.left.connect(self._left)
        self.complainant.name.textChanged.connect(self._emit_title)
        self.proxy.changed.connect(self._changed)
        self.proxy.left.connect(self._left)
        self.representatives.changed.connect(self._changed)
        self.representatives.left.connect(self._left)
        self.card.textChanged.connect(self._changed)
        self.card.left.connect(lambda: self._left("card_number"))
        for field, edit in (("complained_institution", self.institution), ("complained_staff", self.staff)):
            edit.textChanged.connect(self._changed)
            edit.editingFinished.connect(lambda f=field: self._left(f))
        for axis, picker in self.pickers.items():
            picker.textChanged.connect(self._changed)
            picker.left.connect(lambda a=axis: self._left(a))
        for field, box in (("request", self.request), ("facts", self.facts), ("grounds", self.grounds)):
            box.textChanged.connect(self._changed)
            box.editingFinished.connect(lambda f=field: self._left(f))
        self.received_earlier.toggled.connect(self._received_toggled)
        self.received_at.dateTimeChanged.connect(self._changed)
        self.proxy_box.toggled.connect(self._proxy_toggled)
        self.group_box.toggled.connect(self._group_toggled)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.related.openRequested.connect(self.openCaseRequested)
        self.related.mergeRequested.connect(self.merge_into)
        save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._revalidate_timer = QTimer(self)
        self._revalidate_timer.setSingleShot(True)
        self._revalidate_timer.setInterval(0)
        self._revalidate_timer.timeout.connect(self._revalidate)

        for axis, code in DEFAULT_CODES.items():
            self.pickers[axis].set_code(code)
        self._proxy_toggled(False)
        self._group_toggled(False)
        if draft is not None:
            self.set_values(draft.values)
        self.retranslate()
        self._revalidate()
        self._dirty = False

    # --- layout helpers -------------------------------------------------------------------
    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [*self.complainant.editors(), self.card, self.institution, self.staff,
                                *self.pickers.values(), self.received_earlier, self.received_at, self.request,
                                self.facts, self.grounds, self.proxy_box, *self.proxy.editors(), self.group_box,
                                self.representatives.add_button, self.representatives.remove_button,
                                self.save_button, self.discard_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def first_field(self) -> QWidget:
        return self.complainant.name

    def focus_first(self) -> None:
        self.complainant.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _proxy_toggled(self, on: bool) -> None:
        self.proxy.setVisible(on)
        self._changed()
        if on and self.isVisible():
            self.proxy.first_editor().setFocus(Qt.FocusReason.OtherFocusReason)

    def _group_toggled(self, on: bool) -> None:
        self.representatives.setVisible(on)
        if on and not self.representatives.rows and self.isVisible():
            self.representatives.add_row()
        self._changed()

    def _received_toggled(self, on: bool) -> None:
        self.received_at.setEnabled(on)
        if on:
            self.received_at.setDateTime(_beijing_now())
        self._changed()

    # --- values ---------------------------------------------------------------------------
    def intake_data(self) -> dict[str, Any]:
        """The form as the intake dict of app.services.intake (the CLI's JSON)."""
        data: dict[str, Any] = {
            "complainant": self.complainant.data(),
            "card_number": self.card.value(),
            "complained_institution": self.institution.text(),
            "complained_staff": self.staff.text(),
            "request": self.request.text(),
            "facts": self.facts.text(),
            "grounds": self.grounds.text(),
        }
        for axis, picker in self.pickers.items():
            data[axis] = picker.code()
        if self.proxy_box.isChecked():
            data["proxy"] = self.proxy.data()
        if self.group_box.isChecked():
            data["representatives"] = self.representatives.data()
        if self.received_earlier.isChecked():
            moment = self.received_at.dateTime().toPython()
            assert isinstance(moment, datetime)
            data["received_at"] = moment.replace(tzinfo=BEIJING).isoformat()
        return data

    def values(self) -> dict[str, Any]:
        """Everything typed, for the draft (including hidden parts and unresolved picker text)."""
        return {
            "complainant": self.complainant.draft(),
            "card_number": self.card.value(),
            "complained_institution": self.institution.text(),
            "complained_staff": self.staff.text(),
            "pickers": {axis: {"code": p.code(), "text": p.text()} for axis, p in self.pickers.items()},
            "request": self.request.text(),
            "facts": self.facts.text(),
            "grounds": self.grounds.text(),
            "proxy_on": self.proxy_box.isChecked(),
            "proxy": self.proxy.draft(),
            "group_on": self.group_box.isChecked(),
            "representatives": self.representatives.draft(),
            "received_earlier": self.received_earlier.isChecked(),
            "received_at": self.received_at.dateTime().toString(Qt.DateFormat.ISODate),
        }

    def set_values(self, values: dict[str, Any]) -> None:
        self.complainant.set_draft(dict(values.get("complainant") or {}))
        self.card.set_value(str(values.get("card_number") or ""))
        self.institution.setText(str(values.get("complained_institution") or ""))
        self.staff.setText(str(values.get("complained_staff") or ""))
        for axis, picked in dict(values.get("pickers") or {}).items():
            if axis in self.pickers and isinstance(picked, dict):
                if picked.get("code"):
                    self.pickers[axis].set_code(str(picked["code"]))
                else:
                    self.pickers[axis].set_code("")
                    self.pickers[axis].setText(str(picked.get("text") or ""))
        self.request.setText(str(values.get("request") or ""))
        self.facts.setText(str(values.get("facts") or ""))
        self.grounds.setText(str(values.get("grounds") or ""))
        self.proxy.set_draft(dict(values.get("proxy") or {}))
        self.proxy_box.setChecked(bool(values.get("proxy_on")))
        self.representatives.set_draft(list(values.get("representatives") or []))
        self.group_box.setChecked(bool(values.get("group_on")))
        self.received_earlier.setChecked(bool(values.get("received_earlier")))
        if values.get("received_at"):
            self.received_at.setDateTime(QDateTime.fromString(str(values["received_at"]), Qt.DateFormat.ISODate))
        self._touched.update(f for f in self.errors.fields() if self._field_has_value(f))
        self._revalidate()

    def _field_has_value(self, field: str) -> bool:
        editor = self.errors.editor(field)
        text = getattr(editor, "text", None)
        return bool(callable(text) and str(text()).strip())

    def is_empty(self) -> bool:
        v = self.values()
        return (self.complainant.is_empty() and not v["card_number"] and not v["request"].strip()
                and not v["facts"].strip() and not v["grounds"].strip() and not v["complained_institution"]
                and not v["complained_staff"] and not (v["proxy_on"] and not self.proxy.is_empty())
                and not (v["group_on"] and any(not r.is_empty() for r in self.representatives.rows)))

    # --- validation -----------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        """Everything wrong with the form now, as the core (and the CLI) would say it."""
        found: list[Problem] = []
        try:
            operations.validate_intake(self.ctx.desk, self.intake_data())
        except ValidationError as exc:
            found = list(exc.problems)
        for axis, picker in self.pickers.items():
            own = picker.problem()
            if own is not None:
                found = [p for p in found if p.field != axis] + [own]
        return found

    def _changed(self) -> None:
        self._dirty = True
        if not self._autosave.isActive():
            self._autosave.start()
        self._revalidate_timer.start()

    def _revalidate(self) -> None:
        self._problems = self.problems()
        bad = {p.field for p in self._problems}
        # While typing, only clear what got fixed; new problems show when the field is left.
        for field in self._touched:
            if field not in bad:
                self.errors.set(field, [])
        self.save_button.setEnabled(not self._problems and not self._saving)
        self._update_summary()

    def _update_summary(self) -> None:
        if self._problems:
            self.save_button.setToolTip(self.tr("%1 field(s) still need attention").replace(
                "%1", str(len({p.field for p in self._problems}))))
        else:
            self.save_button.setToolTip("")

    def _left(self, field: str) -> None:
        self._touched.add(field)
        self._revalidate()
        self.errors.show(self._problems, only=[field])
        if field in ("complainant.id_number", "complainant.phone"):
            self._check_related()

    def show_all_problems(self) -> None:
        self._touched.update(self.errors.fields())
        self._revalidate()
        unplaced = self.errors.show(self._problems)
        self.general_error.show_message("\n".join(problem_text(p) for p in unplaced))
        editor = self.errors.first_invalid()
        if editor is not None:
            self.scroll.ensureWidgetVisible(editor)
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- related cases --------------------------------------------------------------------
    def _check_related(self) -> None:
        person = self.complainant.data()
        id_number = phone = ""
        try:
            if person.get("id_type") in ("resident_id", "residence_permit") and person.get("id_number"):
                id_number = validate_id_number(str(person["id_number"]))
        except ValidationError:
            id_number = ""  # not a valid ID yet: the field shows its own message; no lookup by it
        try:
            if person.get("phone"):
                phone = validate_phone(str(person["phone"]))
        except ValidationError:
            phone = ""  # likewise for a phone still being typed
        key = (id_number, phone)
        if key == self._related_key or not any(key):
            if not any(key):
                self._related_key = key
                self.related.show_cases([])
            return
        self._related_key = key
        desk = self.ctx.desk
        self.ctx.run(lambda _s: operations.find_related(desk, id_number=id_number, phone=phone),
                     on_result=lambda found, k=key: self._related_found(k, found), parent=self,
                     name="related-cases")

    def _related_found(self, key: tuple[str, str], found: tuple[RelatedCase, ...]) -> None:
        if key == self._related_key:
            self.related.show_cases(found)

    # --- actions --------------------------------------------------------------------------
    def save(self) -> None:
        """Register the case (Ctrl+S); on any problem, show it and keep everything typed."""
        if self._saving:
            return
        self._revalidate()
        if self._problems:
            self.save_draft()
            self.show_all_problems()
            return
        actor = self.ctx.actor
        if actor is None:
            self.general_error.show_message(problem_text(Problem("no_operator", "", "no operator")))
            return
        self.general_error.show_message("")
        self._saving = True
        self.save_button.setEnabled(False)
        data, desk = self.intake_data(), self.ctx.desk
        self.save_draft()
        self.ctx.run(lambda _s: operations.register(desk, actor, data), on_result=self._saved,
                     on_error=self._save_failed, on_finished=self._save_finished, parent=self, name="register")

    def _saved(self, change: CaseChange) -> None:
        self._done = True
        self.drafts.discard(self.draft_id)
        self._dirty = False
        self._autosave.stop()
        self.ctx.announce(change)
        self.caseRegistered.emit(change)
        from ui.case_documents import print_receipt_after_save  # printing loads on first use

        print_receipt_after_save(self.ctx, change.case_number, self.window())  # only when the setting asks
        self.finished.emit()

    def _save_failed(self, exc: BaseException) -> None:
        problems = error_problems(exc)
        self._touched.update(p.field for p in problems)
        unplaced = self.errors.show(problems, only={p.field for p in problems} & set(self.errors.fields()))
        self.general_error.show_message("\n".join(problem_text(p) for p in unplaced))

    def _save_finished(self) -> None:
        self._saving = False
        if not self._done:
            self._revalidate()

    def merge_into(self, case_number: str) -> None:
        """Add this form's request and facts to an open earlier case as new facts."""
        actor = self.ctx.actor
        text = "\n".join(t for t in (self.request.text().strip(), self.facts.text().strip()) if t)
        if actor is None or not text:
            self.show_all_problems()
            return
        answer = QMessageBox.question(
            self, self.tr("Merge into %1").replace("%1", case_number),
            self.tr("The request and facts typed here are added to case %1 as new facts. Its decision clock "
                    "restarts today. No new case is opened.").replace("%1", case_number),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Ok:
            return
        desk = self.ctx.desk
        self.ctx.run(lambda _s: operations.merge_into(desk, actor, case_number, text),
                     on_result=self._merged, on_error=self._save_failed, parent=self, name="merge")

    def _merged(self, change: CaseChange) -> None:
        self._done = True
        self.drafts.discard(self.draft_id)
        self._dirty = False
        self._autosave.stop()
        self.ctx.announce(change)
        self.openCaseRequested.emit(change.case_number)
        self.finished.emit()

    def discard(self) -> None:
        """Throw the draft away (asks first when something was typed)."""
        if not self.is_empty():
            answer = QMessageBox.question(
                self, self.tr("Discard draft"), self.tr("Throw away everything typed in this form?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.discard_now()

    def restore_draft(self, draft: Draft) -> None:
        """Fill the form from a kept draft (the operator chose it); it continues as that draft."""
        if not self.is_empty():
            self.save_draft()
        self.drafts.discard(self.draft_id)
        self.draft_id = draft.draft_id
        self.restored_from = draft
        self.set_values(draft.values)
        self._drop_offer()
        self.retranslate()
        self._revalidate()
        self.focus_first()

    def _discard_offered(self, draft: Draft) -> None:
        self.drafts.discard(draft.draft_id)
        self._drop_offer()

    def _drop_offer(self) -> None:
        if self.offer is not None:
            self.offer.hide()
            self.offer.deleteLater()
            self.offer = None

    def discard_now(self) -> None:
        self._done = True
        self._autosave.stop()
        self.drafts.discard(self.draft_id)
        self.finished.emit()

    def save_draft(self) -> None:
        """Write the draft now (timer, closing the form or the app); an empty form leaves none."""
        self._autosave.stop()
        if self._done:
            return
        if self.is_empty():
            self.drafts.discard(self.draft_id)
            return
        actor = self.ctx.actor
        draft = self.drafts.save(self.draft_id, self.values(), operator=actor.staff_no if actor else "")
        self._dirty = False
        self.draft_status.setText(self.tr("Draft saved %1").replace("%1", labels.moment(draft.saved_at)[11:]))

    @property
    def done(self) -> bool:
        return self._done

    # --- texts ----------------------------------------------------------------------------
    def title(self) -> str:
        name = self.complainant.name.text().strip()
        return self.tr("New case") + (f" · {name}" if name else "")

    def _emit_title(self) -> None:
        self.titleChanged.emit(self.title())

    def retranslate(self) -> None:
        self.complainant_box.setTitle(self.tr("Complainant"))
        self.card_box.setTitle(self.tr("Card and complained party"))
        self.class_box.setTitle(self.tr("Classification"))
        self.text_box.setTitle(self.tr("Request and facts"))
        self.proxy_box.setTitle(self.tr("Through a proxy (代理人)"))
        self.group_box.setTitle(self.tr("Group complaint in person"))
        for caption, text in zip(self._card_captions, (self.tr("Card number"), self.tr("Institution / branch"),
                                                       self.tr("Staff member")), strict=True):
            caption.setText(text)
        for axis, caption in self._picker_captions.items():
            caption.setText(labels.axis_name(axis))
            self.pickers[axis].retranslate()
        self._received_caption.setText(self.tr("Received"))
        self.received_earlier.setText(self.tr("earlier than now:"))
        self._text_captions["request"].setText(self.tr("Request (诉求)"))
        self._text_captions["facts"].setText(self.tr("Facts"))
        self._text_captions["grounds"].setText(self.tr("Grounds"))
        self.card.setPlaceholderText(self.tr("Optional; masked after leaving the field"))
        self.institution.setPlaceholderText(self.tr("Branch or department complained about"))
        self.staff.setPlaceholderText(self.tr("If a staff member is complained about"))
        self.request.setPlaceholderText(self.tr("What the complainant asks for"))
        self.facts.setPlaceholderText(self.tr("What happened, in the complainant's words. Never write down a "
                                              "PIN, CVV or expiry date."))
        self.grounds.setPlaceholderText(self.tr("Optional: grounds given by the complainant"))
        self.discard_button.setText(self.tr("Discard draft"))
        self.save_button.setText(self.tr("Save case (Ctrl+S)"))
        if self.restored_from is not None:
            self.banner.setText(self.tr("Draft restored from %1.").replace(
                "%1", labels.moment(self.restored_from.saved_at)))
            self.banner.show()
        else:
            self.banner.hide()
        self._update_summary()
        # Messages already shown follow the language too.
        self.errors.show(self._problems, only=[f for f in self._touched if f in self.errors.fields()])
        self._emit_title()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        self.save_draft()
        super().closeEvent(event)
