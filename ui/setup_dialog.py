"""First run: the desk's identity (branch, desk), its first operator, and where complainants ask about progress."""

from __future__ import annotations

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

from dataclasses import replace

from app.desk import Desk
from app.errors import ValidationError
from app.services.identity import validate_identity
from app.settings import LANGUAGES, Settings, load_settings, save_settings
from ui import operations
from ui.i18n import current_language, install_language
from ui.messages import error_problems, problem_text
from ui.operations import DeskSnapshot
from ui.tasks import Executor, submit
from ui.widgets import ErrorLabel, button_box, FieldErrors, with_error


class SetupDialog(QDialog):
    """Asks for branch code, branch name and desk code (and the first operator) when the desk has none,
    and the hotline and branch contact every receipt prints under "how to ask about progress"."""

    def __init__(self, desk: Desk, executor: Executor, *, needs_operator: bool = True,
                 settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.executor = executor
        self.needs_operator = needs_operator
        self.snapshot: DeskSnapshot | None = None
        #: The desk's settings; after a successful set-up, as saved (language, hotline, branch contact).
        self.settings = settings if settings is not None else load_settings(desk.paths.settings_file)[0]
        self.errors = FieldErrors()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, list(LANGUAGES).index(current_language())))
        self.branch_code = QLineEdit()
        self.branch_code.setMaxLength(10)
        self.branch_name = QLineEdit()
        self.branch_name.setMaxLength(100)
        self.desk_code = QLineEdit()
        self.desk_code.setMaxLength(6)
        self.bank_name = QLineEdit()
        self.bank_name.setMaxLength(100)
        self.staff_no = QLineEdit()
        self.staff_no.setMaxLength(20)
        self.operator_name = QLineEdit()
        self.operator_name.setMaxLength(50)
        self.hotline = QLineEdit(self.settings.hotline)
        self.hotline.setMaxLength(30)
        self.branch_contact = QLineEdit(self.settings.branch_contact)
        self.branch_contact.setMaxLength(200)
        self.general_error = ErrorLabel()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._captions: dict[str, QLabel] = {}
        rows = [("language", self.language), ("branch_code", self.branch_code), ("branch_name", self.branch_name),
                ("desk_code", self.desk_code), ("bank_name", self.bank_name), ("hotline", self.hotline),
                ("branch_contact", self.branch_contact)]
        if needs_operator:
            rows += [("staff_no", self.staff_no), ("operator_name", self.operator_name)]
        for key, editor in rows:
            caption = QLabel()
            caption.setBuddy(editor)
            error = ErrorLabel()
            self.errors.register(key, editor, error)
            self.form.addRow(caption, with_error(editor, error))
            self._captions[key] = caption
        self.buttons, self.ok_button, self.cancel_button = button_box()
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.language.currentIndexChanged.connect(self._language_changed)
        self.staff_no.setText("0001")
        self.retranslate()
        self.branch_code.setFocus()

    def _language_changed(self) -> None:
        install_language(str(self.language.currentData()))

    def submit(self) -> None:
        desk = self.desk
        values = dict(branch_code=self.branch_code.text(), branch_name=self.branch_name.text(),
                      desk_code=self.desk_code.text(), bank_name=self.bank_name.text(),
                      staff_no=self.staff_no.text(), operator_name=self.operator_name.text())
        settings = replace(self.settings, language=self.language_code(), hotline=self.hotline.text().strip(),
                           branch_contact=self.branch_contact.text().strip())
        self.buttons.setEnabled(False)
        submit(self.executor, lambda _s: self._set_up(desk, values, settings), on_result=self._done,
               on_error=self._failed, on_finished=lambda: self.buttons.setEnabled(True), parent=self,
               name="set-up-desk")

    def _set_up(self, desk: Desk, values: dict[str, str],
                settings: Settings) -> tuple[DeskSnapshot, Settings]:
        """On the worker: check the receipt contacts, save the settings, then store identity and operator."""
        problems = settings.receipt_contact_problems()
        if problems:
            # Nothing is written; the identity fields are checked too so every problem shows at once.
            try:
                validate_identity(values["branch_code"], values["branch_name"], values["desk_code"])
            except ValidationError as exc:
                problems = [*exc.problems, *problems]
            raise ValidationError(problems)
        save_settings(desk.paths.settings_file, settings)
        return operations.set_up_desk(desk, **values), settings

    def _done(self, result: tuple[DeskSnapshot, Settings]) -> None:
        self.snapshot, self.settings = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        unplaced = self.errors.show(error_problems(exc))
        self.general_error.show_message("\n".join(problem_text(p) for p in unplaced))

    def language_code(self) -> str:
        return str(self.language.currentData())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up this desk"))
        self.intro.setText(self.tr("This desk has no identity yet. Its branch and desk codes become part of every "
                                   "case number (e.g. 0591-W01-20261126-0007) and cannot be reused by another desk."))
        texts = {"language": self.tr("Language"), "branch_code": self.tr("Branch code"),
                 "branch_name": self.tr("Branch name"), "desk_code": self.tr("Desk code"),
                 "bank_name": self.tr("Bank name"), "staff_no": self.tr("Your staff number"),
                 "operator_name": self.tr("Your name"), "hotline": self.tr("Customer hotline"),
                 "branch_contact": self.tr("Branch contact")}
        for key, caption in self._captions.items():
            caption.setText(texts[key])
        self.branch_code.setPlaceholderText(self.tr("e.g. 0591"))
        self.branch_name.setPlaceholderText(self.tr("e.g. 福州分行营业部"))
        self.desk_code.setPlaceholderText(self.tr("e.g. W01"))
        self.bank_name.setPlaceholderText(self.tr("Printed on receipts"))
        self.hotline.setPlaceholderText(self.tr("Printed on receipts, e.g. 95588"))
        self.branch_contact.setPlaceholderText(self.tr("Address and phone printed on receipts"))
        self.ok_button.setText(self.tr("Set up"))
        self.cancel_button.setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
