"""The main window: case list, intake and case tabs, menus with shortcuts, and the status bar."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from ui import labels
from ui.case_list import CaseListPage
from ui.i18n import current_language, install_language

if TYPE_CHECKING:
    # The store, its services and the tabs that use them load after the frame is shown.
    from app.services.cases import CaseChange
    from app.services.first_page import FirstPage
    from app.services.queries import CaseCounts
    from ui.context import DeskContext
    from ui.detail.view import CaseDetailView
    from ui.intake.drafts import Draft, DraftStore
    from ui.intake.form import IntakeForm
    from ui.receipt_check import ReceiptCheckDialog
    from ui.settings_dialog import SettingsDialog
    from ui.tasks import Executor

# Qt's namespace is looked up where it is used (QtCore.Qt...), never imported at the top: building
# its ~90 Python enums takes ~12 ms that the first frame does not need (bench/gui_bench.py).

COUNTS_REFRESH_MS = 60_000


def _keys(*texts: str) -> list[QKeySequence]:
    """Shortcuts for ``QAction.setShortcuts``.

    Not ``setShortcut(QKeySequence("Ctrl+N"))``: PySide6 resolves those overloads
    against Qt.Key, which builds Qt's namespace (see above).
    """
    return [QKeySequence.fromString(text, QKeySequence.SequenceFormat.NativeText) for text in texts]


class StatusBarWidgets:
    """The permanent parts of the status bar: desk, operator, counts, sync state."""

    def __init__(self, window: MainWindow) -> None:
        self.desk = QLabel()
        self.operator_caption = QLabel()
        self.operator = QComboBox()
        self.operator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.counts_icon = QLabel()
        self.counts = QLabel()
        # Filled by the sync issue; until then it says sync is not set up.
        self.sync = QLabel()
        self.sync.setObjectName("syncState")
        # Shown (for good) while the desk keys sit in a plain-file keyring chosen explicitly.
        self.keyring_warning = QLabel()
        self.keyring_warning.setObjectName("keyringWarning")
        self.keyring_warning.setStyleSheet("color: #b00020; font-weight: bold")
        self.keyring_warning.hide()
        bar = window.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addPermanentWidget(self.desk)
        bar.addPermanentWidget(self.operator_caption)
        bar.addPermanentWidget(self.operator)
        bar.addPermanentWidget(self.counts_icon)
        bar.addPermanentWidget(self.counts)
        bar.addPermanentWidget(self.sync)
        bar.addPermanentWidget(self.keyring_warning)


class MainWindow(QMainWindow):
    """Where the receptionist and the supervisor work all day."""

    # The first page of the case list is shown: the window is ready for work.
    ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """The window frame; :meth:`attach` connects it to the opened store."""
        super().__init__(parent)
        self.ctx: DeskContext | None = None
        self.drafts: DraftStore | None = None
        self._waiting: list[Callable[[], object]] = []
        # The window takes the application's icon (ui.app sets it once the first frame is up).
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.list_page = CaseListPage()
        self.tabs.addTab(self.list_page, "")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.setCentralWidget(self.tabs)
        self.counts: CaseCounts | None = None
        self._ready_sent = False

        self._make_actions()
        self.status = StatusBarWidgets(self)
        self.status.operator.currentIndexChanged.connect(self._operator_chosen)
        self.list_page.openCase.connect(self.open_case)
        self.list_page.rowsShown.connect(self._first_page_shown)
        self._counts_timer = QTimer(self)
        self._counts_timer.setInterval(COUNTS_REFRESH_MS)
        self._counts_timer.timeout.connect(self.refresh_counts)
        self.retranslate()

    def attach(self, ctx: DeskContext) -> None:
        """Work on the opened store: fill the list, counts and operators; run what waited for it."""
        from ui.intake.drafts import DraftStore

        self.ctx = ctx
        self.drafts = DraftStore(ctx.desk.paths.drafts)
        self.list_page.attach(ctx)
        ctx.deskChanged.connect(self._desk_changed)
        ctx.caseChanged.connect(self._case_changed)
        self._fill_operators()
        self.retranslate()

    def show_first_page(self, page: FirstPage, executor: Executor) -> None:
        """List the newest cases before the store is open (start-up, ui.app); :meth:`attach` follows."""
        self.list_page.show_first_page(page, executor)

    def _context(self) -> DeskContext:
        assert self.ctx is not None, "the store is not open yet"
        return self.ctx

    def _when_open(self, action: Callable[[], object]) -> bool:
        """Run ``action`` now if the store is open, else right after (a Ctrl+N pressed while opening)."""
        if self.ctx is not None:
            return True
        self._waiting.append(action)
        return False

    # --- set-up ---------------------------------------------------------------------------
    def _make_actions(self) -> None:
        self.new_action = QAction(self)
        self.new_action.setShortcuts(_keys("Ctrl+N"))
        self.new_action.triggered.connect(lambda: self.new_case())
        self.find_action = QAction(self)
        self.find_action.setShortcuts(_keys("Ctrl+F"))
        self.find_action.triggered.connect(self.find)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcuts(_keys("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        self.close_tab_action = QAction(self)
        self.close_tab_action.setShortcuts(_keys("Ctrl+W", "Ctrl+F4"))
        self.close_tab_action.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        self.settings_action = QAction(self)
        self.settings_action.setShortcuts(_keys("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcuts(_keys("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.operator_action = QAction(self)
        self.operator_action.setShortcuts(_keys("Ctrl+Shift+O"))
        self.operator_action.triggered.connect(self._focus_operator)
        self.next_tab_action = QAction(self)
        self.next_tab_action.setShortcuts(_keys("Ctrl+Tab"))
        self.next_tab_action.triggered.connect(
            lambda: self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count()))
        self.zh_action = QAction("中文（简体）", self)
        self.zh_action.setCheckable(True)
        self.zh_action.triggered.connect(lambda: self.set_language("zh_CN"))
        self.en_action = QAction("English", self)
        self.en_action.setCheckable(True)
        self.en_action.triggered.connect(lambda: self.set_language("en"))
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.setShortcuts(_keys("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.check_receipt_action = QAction(self)
        self.check_receipt_action.setShortcuts(_keys("Ctrl+Shift+R"))
        self.check_receipt_action.triggered.connect(self.check_receipt)

        self.case_menu = QMenu(self)
        self.case_menu.addActions([self.new_action, self.find_action, self.refresh_action])
        self.case_menu.addSeparator()
        self.case_menu.addAction(self.check_receipt_action)
        self.case_menu.addSeparator()
        self.case_menu.addActions([self.close_tab_action, self.next_tab_action])
        self.case_menu.addSeparator()
        self.case_menu.addAction(self.quit_action)
        self.desk_menu = QMenu(self)
        self.desk_menu.addActions([self.settings_action, self.operator_action])
        self.language_menu = QMenu(self)
        self.language_menu.addActions([self.zh_action, self.en_action])
        self.desk_menu.addMenu(self.language_menu)
        self.help_menu = QMenu(self)
        self.help_menu.addAction(self.shortcuts_action)
        bar = self.menuBar()
        bar.addMenu(self.case_menu)
        bar.addMenu(self.desk_menu)
        bar.addMenu(self.help_menu)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setProperty("toolButtonStyle", "ToolButtonTextOnly")  # Qt.ToolButtonStyle, by name (see above)
        self.toolbar.addActions([self.new_action, self.find_action, self.refresh_action, self.settings_action])
        self.addToolBar(self.toolbar)
        # Shortcuts work from every tab and field, even with the menu bar hidden.
        self.addActions([self.new_action, self.find_action, self.refresh_action, self.close_tab_action,
                         self.settings_action, self.quit_action, self.operator_action, self.next_tab_action,
                         self.shortcuts_action, self.check_receipt_action])

    def start(self) -> None:
        """Load the list and the counts, and bring back drafts left by a close or a crash."""
        assert self.drafts is not None
        self.list_page.start()
        self.refresh_counts()
        self._counts_timer.start()
        for draft in self._own_drafts():
            self.new_case(offer=draft, focus=False)
        self.tabs.setCurrentIndex(0)
        if not self.list_page.search.hasFocus():
            self.list_page.focus_search()
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()
        # What start-up loaded lives all session: keep the collector from re-scanning it,
        # so a full collection never lands in the middle of a keystroke's search.
        gc.freeze()

    def _first_page_shown(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    # --- operator and desk ----------------------------------------------------------------
    def _fill_operators(self) -> None:
        combo = self.status.operator
        combo.blockSignals(True)
        combo.clear()
        if self.ctx is None:
            combo.blockSignals(False)
            return
        for op in self.ctx.operators:
            combo.addItem(f"{op.staff_no} {op.name} · {labels.role_name(op.role)}", op.staff_no)
        index = combo.findData(self.ctx.actor.staff_no if self.ctx.actor else "")
        combo.setCurrentIndex(index)
        combo.blockSignals(False)

    def _operator_chosen(self) -> None:
        self._context().set_actor(str(self.status.operator.currentData() or ""))

    def _focus_operator(self) -> None:
        self.status.operator.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.status.operator.showPopup()

    def _desk_changed(self) -> None:
        self._fill_operators()
        self._show_desk()

    def _show_desk(self) -> None:
        info = self.ctx.info if self.ctx is not None else None
        if info is None:
            self.status.desk.setText(self.tr("Opening the store…") if self.ctx is None else "")
            return
        self.status.desk.setText(f"{info.branch_code}-{info.desk_code} {info.branch_name}")
        self.setWindowTitle(self.tr("Complaint Desk") + f" — {info.branch_name} {info.desk_code}")

    def _show_keyring_warning(self) -> None:
        plain = self.ctx is not None and bool(self.ctx.desk.keyring_warning)
        self.status.keyring_warning.setVisible(plain)
        self.status.keyring_warning.setText(self.tr("Keys in a plain file") if plain else "")
        self.status.keyring_warning.setToolTip(self.tr(
            "The desk's keys are kept in a plain-file keyring (chosen explicitly, e.g. on a machine without a "
            "desktop session): anyone who can read this user's files can read them. Use the system keyring "
            "where there is one, and keep the key recovery file safe.") if plain else "")

    # --- counts ---------------------------------------------------------------------------
    def refresh_counts(self) -> None:
        from ui import operations

        ctx = self._context()
        desk = ctx.desk
        ctx.run(lambda _s: operations.counts(desk), on_result=self._show_counts, parent=self, name="counts")

    def _show_counts(self, counts: CaseCounts) -> None:
        from ui import icons  # QIcon's Python class is built on first use: after the first frame

        self.counts = counts
        self.status.counts_icon.setPixmap(
            icons.icon("overdue" if counts.overdue else "ok").pixmap(14, 14))
        self.status.counts.setText(self.tr("Open %1 · Overdue %2 · Due soon %3")
                                   .replace("%1", f"{counts.open:,}").replace("%2", f"{counts.overdue:,}")
                                   .replace("%3", f"{counts.due_soon:,}"))

    def _case_changed(self, change: CaseChange) -> None:
        self.refresh_counts()

    # --- tabs -----------------------------------------------------------------------------
    def new_case(self, draft: Draft | None = None, *, offer: Draft | None = None,
                 focus: bool = True) -> IntakeForm | None:
        """Open an intake form (Ctrl+N): empty, offering (never filling in) a draft the current
        operator left unsaved; ``draft`` fills the form with that draft."""
        if not self._when_open(lambda: self.new_case(draft, offer=offer, focus=focus)):
            return None
        from ui.intake.form import IntakeForm

        if draft is None and offer is None:
            offer = next(iter(self._own_drafts()), None)
        assert self.drafts is not None
        form = IntakeForm(self._context(), self.drafts, draft, offered=offer)
        index = self.tabs.addTab(form, form.title())
        form.titleChanged.connect(lambda title, f=form: self._set_title(f, title))
        form.finished.connect(lambda f=form: self._remove(f))
        form.caseRegistered.connect(self._registered)
        form.openCaseRequested.connect(self.open_case)
        if focus:
            self.tabs.setCurrentIndex(index)
            form.focus_first()
        return form

    def _registered(self, change: CaseChange) -> None:
        self.statusBar().showMessage(self.tr("Case %1 registered; due %2.")
                                     .replace("%1", change.case_number)
                                     .replace("%2", change.nominal_due.isoformat()), 15_000)
        self.open_case(change.case_number)

    def open_case(self, case_number: str) -> CaseDetailView | None:
        """Show the case in its tab (Enter in the list); an open tab is reused."""
        if not self._when_open(lambda: self.open_case(case_number)):
            return None  # a case of the first page, opened while the store still opens
        from ui.detail.view import CaseDetailView

        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            if isinstance(widget, CaseDetailView) and widget.case_number == case_number:
                self.tabs.setCurrentIndex(i)
                return widget
        view = CaseDetailView(self._context(), case_number)
        index = self.tabs.addTab(view, case_number)
        view.titleChanged.connect(lambda title, v=view: self._set_title(v, title))
        self.tabs.setCurrentIndex(index)
        return view

    def _set_title(self, widget: QWidget, title: str) -> None:
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.tabs.setTabText(index, title)
            self.tabs.setTabToolTip(index, title)

    def _forms(self) -> list[IntakeForm]:
        if self.ctx is None:
            return []
        from ui.intake.form import IntakeForm

        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), IntakeForm)]

    def detail_views(self) -> list[CaseDetailView]:
        if self.ctx is None:
            return []
        from ui.detail.view import CaseDetailView

        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), CaseDetailView)]

    def _own_drafts(self) -> list[Draft]:
        """Kept drafts of the current operator that no open form holds or offers (oldest first)."""
        if self.drafts is None or self.ctx is None or self.ctx.actor is None:
            return []
        busy = {w.draft_id for w in self._forms()} | {w.offer.draft.draft_id for w in self._forms() if w.offer}
        me = self.ctx.actor.staff_no
        return [d for d in self.drafts.all() if d.operator == me and d.draft_id not in busy]

    def close_tab(self, index: int) -> None:
        """Close a tab (Ctrl+W); an intake form with something typed asks: keep as draft, discard, cancel."""
        widget = self.tabs.widget(index)
        if widget is None or widget is self.list_page:
            return
        for form in self._forms():
            if form is widget:
                if not form.done and not form.is_empty():
                    self._ask_before_closing(form)
                    return
                form.save_draft()  # an empty form leaves no draft
        if widget in self.detail_views() and self._recording_stops_first(
                lambda: self.close_tab(self.tabs.indexOf(widget)), widget.case_number):  # type: ignore[attr-defined]
            return
        self._remove(widget)

    def _ask_before_closing(self, form: IntakeForm) -> None:
        """Ask what becomes of an unsaved intake; answered through ``close_question`` (not blocking)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close the intake"),
                          self.tr("This complaint is not saved as a case yet."), parent=self)
        box.setInformativeText(self.tr("Keep what was typed as a draft for later (only you are offered it), "
                                       "discard it, or go back to the form?"))
        keep = box.addButton(self.tr("Keep as draft"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)

        def answered(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is keep:
                form.save_draft()
                self._remove(form)
            elif clicked is discard:
                form.discard_now()
            else:
                self.tabs.setCurrentWidget(form)
            self.close_question = None
            box.deleteLater()

        box.finished.connect(answered)
        self.close_question: QMessageBox | None = box
        box.open()

    def _recording_stops_first(self, then: Callable[[], None], case_number: str | None = None) -> bool:
        """While a recording runs: ask, stop, finalise and attach it, then ``then`` (True: wait for that)."""
        from ui.recording_desk import finish_recordings_first

        return self.ctx is not None and finish_recordings_first(self, self.ctx, then, case_number=case_number)

    def _remove(self, widget: QWidget) -> None:
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.tabs.removeTab(index)
        widget.deleteLater()

    # --- commands -------------------------------------------------------------------------
    def find(self) -> None:
        self.tabs.setCurrentWidget(self.list_page)
        self.list_page.focus_search()

    def refresh(self) -> None:
        if self.list_page.model is None or self.ctx is None:
            return  # the store is still opening: the list is read from it as soon as it is open
        self.list_page.model.refresh()
        self.refresh_counts()
        for view in self.detail_views():
            view.reload()

    def open_settings(self) -> SettingsDialog | None:
        if not self._when_open(self.open_settings):
            return None
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self._context(), self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def check_receipt(self) -> ReceiptCheckDialog | None:
        """The 核验回执 dialog: scan or type a receipt handed back to the desk."""
        if not self._when_open(self.check_receipt):
            return None
        from ui.receipt_check import ReceiptCheckDialog

        dialog = ReceiptCheckDialog(self._context(), self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def set_language(self, language: str) -> None:
        install_language(language)
        if self.ctx is not None and self.ctx.settings.language != language:
            from dataclasses import replace

            self.ctx.update_settings(replace(self.ctx.settings, language=language))

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.tr(
            "Ctrl+N  new case\nCtrl+F  find a case\nEnter  open the selected case\nCtrl+S  save the case form\n"
            "Ctrl+W  close the tab\nCtrl+Tab  next tab\nF5  refresh\nCtrl+Shift+O  choose the operator\n"
            "Ctrl+,  settings\nAlt+letter  the underlined field or menu"))

    # --- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.new_action.setText(self.tr("&New case"))
        self.new_action.setToolTip(self.tr("Register a new complaint (Ctrl+N)"))
        self.find_action.setText(self.tr("&Find"))
        self.find_action.setToolTip(self.tr("Find a case (Ctrl+F)"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.close_tab_action.setText(self.tr("&Close tab"))
        self.next_tab_action.setText(self.tr("Next &tab"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.operator_action.setText(self.tr("Choose &operator"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.check_receipt_action.setText(self.tr("C&heck a receipt…"))
        self.check_receipt_action.setToolTip(self.tr("Check whether a receipt was issued by this desk: scan its QR "
                                                     "code or type its number and code (Ctrl+Shift+R)"))
        self.case_menu.setTitle(self.tr("&Case"))
        self.desk_menu.setTitle(self.tr("&Desk"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.tabs.setTabText(0, self.tr("Cases"))
        self.status.operator_caption.setText(self.tr("Operator:"))
        self.status.operator.setToolTip(self.tr("Who is working at this desk now (Ctrl+Shift+O)"))
        self.status.sync.setText(self.tr("Sync: not set up"))
        self.status.sync.setToolTip(self.tr("Connection to the central ticket service"))
        self._show_keyring_warning()
        lang = current_language()
        self.zh_action.setChecked(lang == "zh_CN")
        self.en_action.setChecked(lang == "en")
        self.setWindowTitle(self.tr("Complaint Desk"))
        self._show_desk()
        if self.counts is not None:
            self._show_counts(self.counts)
        self._fill_operators()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        if self._recording_stops_first(self.close):
            event.ignore()
            return
        for form in self._forms():
            form.save_draft()
        self._counts_timer.stop()
        if self.ctx is not None:
            self.ctx.executor.wait_for_done(5000)
        super().closeEvent(event)
