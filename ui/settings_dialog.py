"""The settings dialog: desk identity, language, receipt contact lines, printers, devices, central service, operators."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.roles import Role
from app.settings import DocumentKind, ReceiptLayout, Settings
from app.services.identity import Actor, DeskInfo
from ui import labels, operations
from ui.context import DeskContext
from ui.i18n import install_language
from ui.messages import error_problems, problem_text
from ui.widgets import ErrorLabel, button_box, FieldErrors, TextBox, set_combo_data, with_error


def _printer_names() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:  # pragma: no cover - print support missing from the Qt build
        return []
    return list(QPrinterInfo.availablePrinterNames())


def _device_names() -> tuple[list[str], list[str]]:
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:  # pragma: no cover - multimedia missing from the Qt build
        return [], []
    cameras = [d.description() for d in QMediaDevices.videoInputs()]
    microphones = [d.description() for d in QMediaDevices.audioInputs()]
    return cameras, microphones


class SettingsDialog(QDialog):
    """Edit the desk's settings; saving validates everything and keeps what was typed on a problem."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *, probe_devices: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.errors = FieldErrors()
        self._captions: list[tuple[QLabel, str]] = []
        s, info = ctx.settings, ctx.info
        self.tabs = QTabWidget()

        # Desk
        self.branch_code = QLineEdit(info.branch_code if info else "")
        self.branch_name = QLineEdit(info.branch_name if info else "")
        self.desk_code = QLineEdit(info.desk_code if info else "")
        self.bank_name = QLineEdit(s.bank_name or (info.bank_name if info else ""))
        self.hotline = QLineEdit(s.hotline)
        self.branch_contact = QLineEdit(s.branch_contact)
        self.identity_hint = QLabel()
        self.identity_hint.setProperty("role", "hint")
        self.identity_hint.setWordWrap(True)
        desk_page = self._page([("branch_code", self.branch_code, "Branch code"),
                                ("branch_name", self.branch_name, "Branch name"),
                                ("desk_code", self.desk_code, "Desk code"),
                                ("bank_name", self.bank_name, "Bank name"),
                                ("hotline", self.hotline, "Hotline on receipts"),
                                ("branch_contact", self.branch_contact, "Branch contact on receipts")],
                               footer=self.identity_hint)
        # Language
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        set_combo_data(self.language, s.language)
        lang_page = self._page([("language", self.language, "Interface language")])
        # Printing
        self.receipt_layout = QComboBox()
        for layout in ReceiptLayout:
            self.receipt_layout.addItem(layout.value.upper() if layout is not ReceiptLayout.ROLL_80MM
                                        else "80 mm", layout.value)
        set_combo_data(self.receipt_layout, s.receipt_layout)
        self.silent_print = QCheckBox()
        self.silent_print.setChecked(s.silent_print_receipt)
        printers = _printer_names()
        self.printers: dict[str, QComboBox] = {}
        rows: list[tuple[str, QWidget, str]] = [("receipt_layout", self.receipt_layout, "Receipt paper"),
                                                ("silent_print_receipt", self.silent_print, "After saving a case")]
        printer_captions = {DocumentKind.RECEIPT: "Printer for receipts",
                            DocumentKind.CASE_REPORT: "Printer for case reports",
                            DocumentKind.DECISION_LETTER: "Printer for decision letters",
                            DocumentKind.NOTICE: "Printer for notices"}
        for kind in DocumentKind:
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem("", "")
            for name in printers:
                combo.addItem(name, name)
            combo.setCurrentText(s.printers.get(kind.value, ""))
            self.printers[kind.value] = combo
            rows.append((f"printers.{kind.value}", combo, printer_captions[kind]))
        print_page = self._page(rows)
        # Recording
        cameras, microphones = _device_names() if probe_devices else ([], [])
        self.camera = QComboBox()
        self.camera.setEditable(True)
        self.camera.addItems(["", *cameras])
        self.camera.setCurrentText(s.camera_device)
        self.microphone = QComboBox()
        self.microphone.setEditable(True)
        self.microphone.addItems(["", *microphones])
        self.microphone.setCurrentText(s.microphone_device)
        self.recording_notice = TextBox(lines=3)
        self.recording_notice.setText(s.recording_notice)
        rec_page = self._page([("camera_device", self.camera, "Camera"),
                               ("microphone_device", self.microphone, "Microphone"),
                               ("recording_notice", self.recording_notice, "Recording notice")])
        # Central service
        self.central_url = QLineEdit(s.central_service_url)
        self.central_url.setPlaceholderText("https://")
        central_page = self._page([("central_service_url", self.central_url, "Central service URL")])
        # Operators
        self.operator_list = QListWidget()
        self.new_staff_no = QLineEdit()
        self.new_name = QLineEdit()
        self.new_role = QComboBox()
        for role in Role:
            self.new_role.addItem(labels.role_name(role.value), role.value)
        self.add_operator_button = QPushButton()
        self.add_operator_button.clicked.connect(self.add_operator)
        self.operator_errors = FieldErrors()
        ops_page = QWidget()
        ops_layout = QVBoxLayout(ops_page)
        ops_layout.addWidget(self.operator_list, 1)
        add_form = QFormLayout()
        self._op_captions: list[tuple[QLabel, str]] = []
        for key, editor, caption_source in (("staff_no", self.new_staff_no, "Staff number"),
                                            ("name", self.new_name, "Name"), ("role", self.new_role, "Role")):
            caption = QLabel()
            caption.setBuddy(editor)
            error = ErrorLabel()
            self.operator_errors.register(key, editor, error)
            add_form.addRow(caption, with_error(editor, error))
            self._op_captions.append((caption, caption_source))
        ops_layout.addLayout(add_form)
        self.operator_error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.operator_error, 1)
        row.addStretch(0)
        row.addWidget(self.add_operator_button, 0)
        ops_layout.addLayout(row)
        self._fill_operators()

        self.tabs.addTab(desk_page, "")
        self.tabs.addTab(lang_page, "")
        self.tabs.addTab(print_page, "")
        self.tabs.addTab(rec_page, "")
        self.tabs.addTab(central_page, "")
        self.tabs.addTab(ops_page, "")
        self.general_error = ErrorLabel()
        self.buttons, self.save_button, self.cancel_button = button_box()
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumSize(640, 480)
        self.retranslate()

    def _page(self, rows: list[tuple[str, QWidget, str]], footer: QWidget | None = None) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, editor, caption_source in rows:
            caption = QLabel()
            caption.setBuddy(editor)
            error = ErrorLabel()
            self.errors.register(key, editor, error)
            form.addRow(caption, with_error(editor, error))
            self._captions.append((caption, caption_source))
        if footer is not None:
            form.addRow(footer)
        return page

    def _fill_operators(self) -> None:
        self.operator_list.clear()
        for op in self.ctx.operators:
            self.operator_list.addItem(f"{op.staff_no}  {op.name}  ({labels.role_name(op.role)})")

    # --- actions --------------------------------------------------------------------------
    def settings(self) -> Settings:
        printers = {kind: combo.currentText().strip() for kind, combo in self.printers.items()
                    if combo.currentText().strip() and combo.currentText() != combo.itemText(0)}
        return replace(self.ctx.settings, language=str(self.language.currentData()), hotline=self.hotline.text().strip(),
                       branch_contact=self.branch_contact.text().strip(), bank_name=self.bank_name.text().strip(),
                       receipt_layout=str(self.receipt_layout.currentData()), printers=printers,
                       silent_print_receipt=self.silent_print.isChecked(),
                       camera_device=self.camera.currentText().strip(),
                       microphone_device=self.microphone.currentText().strip(),
                       recording_notice=self.recording_notice.text().strip(),
                       central_service_url=self.central_url.text().strip())

    def _identity_changed(self, info: DeskInfo | None) -> bool:
        if info is None:
            return True
        return (self.branch_code.text().strip().upper(), self.branch_name.text().strip(),
                self.desk_code.text().strip().upper(), self.bank_name.text().strip()) != (
                    info.branch_code, info.branch_name, info.desk_code, info.bank_name)

    def save(self) -> None:
        settings = self.settings()
        problems = settings.problems()
        if problems:
            self._show(ValidationError(problems))
            return
        actor = self.ctx.actor
        if self._identity_changed(self.ctx.info):
            if actor is None:
                self.general_error.show_message(self.tr("Choose the current operator first (status bar)."))
                return
            desk = self.ctx.desk
            values = dict(branch_code=self.branch_code.text(), branch_name=self.branch_name.text(),
                          desk_code=self.desk_code.text(), bank_name=self.bank_name.text())
            self.ctx.run(lambda _s: operations.update_desk_identity(desk, actor, **values),
                         on_result=lambda _info: self._finish(settings), on_error=self._show, parent=self,
                         name="desk-identity")
        else:
            self._finish(settings)

    def _finish(self, settings: Settings) -> None:
        try:
            self.ctx.update_settings(settings)
        except ValidationError as exc:
            self._show(exc)
            return
        except OSError as exc:
            self.general_error.show_message(str(exc))
            return
        desk = self.ctx.desk
        self.ctx.run(lambda _s: operations.desk_snapshot(desk), on_result=self.ctx.set_snapshot, parent=self.ctx,
                     name="desk-snapshot")
        install_language(settings.language)
        self.accept()

    def _show(self, exc: BaseException) -> None:
        unplaced = self.errors.show(error_problems(exc))
        self.general_error.show_message("\n".join(problem_text(p) for p in unplaced))

    def add_operator(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            self.operator_error.show_message(self.tr("Choose the current operator first (status bar)."))
            return
        desk = self.ctx.desk
        values = dict(staff_no=self.new_staff_no.text(), name=self.new_name.text(),
                      role=str(self.new_role.currentData()))
        self.ctx.run(lambda _s: operations.add_desk_operator(desk, actor, **values), on_result=self._operator_added,
                     on_error=self._operator_failed, parent=self, name="add-operator")

    def _operator_added(self, _op: Actor) -> None:
        self.operator_errors.clear()
        self.operator_error.show_message("")
        self.new_staff_no.clear()
        self.new_name.clear()
        desk = self.ctx.desk
        self.ctx.run(lambda _s: operations.desk_snapshot(desk),
                     on_result=lambda snap: (self.ctx.set_snapshot(snap), self._fill_operators()), parent=self,
                     name="desk-snapshot")

    def _operator_failed(self, exc: BaseException) -> None:
        unplaced = self.operator_errors.show(error_problems(exc))
        self.operator_error.show_message("\n".join(problem_text(p) for p in unplaced))

    # --- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        for i, title in enumerate((self.tr("Desk"), self.tr("Language"), self.tr("Printing"), self.tr("Recording"),
                                   self.tr("Central service"), self.tr("Operators"))):
            self.tabs.setTabText(i, title)
        captions = {
            "Branch code": self.tr("Branch code"), "Branch name": self.tr("Branch name"),
            "Desk code": self.tr("Desk code"), "Bank name": self.tr("Bank name"),
            "Hotline on receipts": self.tr("Hotline on receipts"),
            "Branch contact on receipts": self.tr("Branch contact on receipts"),
            "Interface language": self.tr("Interface language"), "Receipt paper": self.tr("Receipt paper"),
            "After saving a case": self.tr("After saving a case"),
            "Printer for receipts": self.tr("Printer for receipts"),
            "Printer for case reports": self.tr("Printer for case reports"),
            "Printer for decision letters": self.tr("Printer for decision letters"),
            "Printer for notices": self.tr("Printer for notices"), "Camera": self.tr("Camera"),
            "Microphone": self.tr("Microphone"), "Recording notice": self.tr("Recording notice"),
            "Central service URL": self.tr("Central service URL"), "Staff number": self.tr("Staff number"),
            "Name": self.tr("Name"), "Role": self.tr("Role"),
        }
        for caption, source in self._captions + self._op_captions:
            caption.setText(captions.get(source, source))
        self.silent_print.setText(self.tr("print the receipt at once, without a print dialog"))
        self.identity_hint.setText(self.tr("Branch and desk codes are part of new case numbers; existing cases "
                                           "keep their numbers."))
        for combo in self.printers.values():
            combo.setItemText(0, self.tr("System default"))
        self.add_operator_button.setText(self.tr("Add operator"))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        for i in range(self.new_role.count()):
            self.new_role.setItemText(i, labels.role_name(str(self.new_role.itemData(i))))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
