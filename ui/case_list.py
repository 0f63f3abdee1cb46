"""The case list page: search-as-you-type, state and due filters, the lazy table."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from typing import TYPE_CHECKING

from ui import labels
from ui.case_columns import SORT_KEYS, DUE_FILTERS, STATES, Column

# Qt's namespace is looked up where it is used (QtCore.Qt...), never imported at the top: building
# its ~90 Python enums takes ~12 ms, and this page is part of the first frame (bench/gui_bench.py).

if TYPE_CHECKING:
    from app.services.case_rows import CaseFilter
    from app.services.first_page import FirstPage
    from ui.case_model import CaseTableModel
    from ui.context import DeskContext
    from ui.tasks import Executor

# Keystrokes arriving within this many ms are searched together; the model adds
# "one query in flight, latest wins" on top, so this can stay very short.
SEARCH_DEBOUNCE_MS = 0


class CaseTableView(QTableView):
    """The case table; Enter opens the current case."""

    # Enter or double-click on a row (argument: the row number).
    rowActivated = Signal(int)
    # Ctrl+End: go to the last matching case, loading what is not loaded yet.
    endRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.rowActivated.emit(self.currentIndex().row())
            return
        if event.key() == QtCore.Qt.Key.Key_End and event.modifiers() & QtCore.Qt.KeyboardModifier.ControlModifier:
            self.endRequested.emit()
            return
        super().keyPressEvent(event)


class SearchBox(QLineEdit):
    """The search field; Down moves into the list, Enter opens the first hit."""

    # Down pressed: move focus to the list.
    downPressed = Signal()
    # Enter pressed.
    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        if event.key() == QtCore.Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
            self.entered.emit()
            return
        super().keyPressEvent(event)


class CaseListPage(QWidget):
    """Find and open cases."""

    # Open this case (argument: case number).
    openCase = Signal(str)
    # The rows for the current filter are in the list (also the first page read before the store opened).
    rowsShown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: DeskContext | None = None
        self.model: CaseTableModel | None = None
        self.search = SearchBox()
        self.search.setClearButtonEnabled(True)
        from app.services.case_rows import SEARCH_MAX

        self.search.setMaxLength(SEARCH_MAX)
        self.state_filter = QComboBox()
        self.state_filter.addItem("", "")
        for state in STATES:
            self.state_filter.addItem("", state)
        self.due_filter = QComboBox()
        for due in DUE_FILTERS:
            self.due_filter.addItem("", due)
        self.search_caption = QLabel()
        self.search_caption.setBuddy(self.search)
        self.state_caption = QLabel()
        self.state_caption.setBuddy(self.state_filter)
        self.due_caption = QLabel()
        self.due_caption.setBuddy(self.due_filter)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "hint")
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        self.view = CaseTableView()
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("empty_hint")
        self.empty_hint.setProperty("role", "hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        self.opening = QLabel()
        self.opening.setProperty("role", "hint")
        self.opening.setProperty("alignment", "AlignCenter")  # Qt.AlignmentFlag.AlignCenter, by name (see above)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        # Long texts end in an ellipsis: the view's default (Qt.TextElideMode.ElideRight).
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(60)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.search_caption)
        top.addWidget(self.search, 3)
        top.addSpacing(10)
        top.addWidget(self.state_caption)
        top.addWidget(self.state_filter, 1)
        top.addWidget(self.due_caption)
        top.addWidget(self.due_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.opening)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        QWidget.setTabOrder(self.search, self.state_filter)
        QWidget.setTabOrder(self.state_filter, self.due_filter)
        QWidget.setTabOrder(self.due_filter, self.view)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.downPressed.connect(self.focus_list)
        self.search.entered.connect(self._open_first)
        self.state_filter.currentIndexChanged.connect(self.apply_filter)
        self.due_filter.currentIndexChanged.connect(self._due_filter_changed)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sortIndicatorChanged.connect(self._sort_clicked)
        self._sort: tuple[str, bool] | None = None
        self.view.rowActivated.connect(self._open_row)
        self.view.endRequested.connect(self._go_to_end)
        self.view.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self._widths_set = False
        self._applied: CaseFilter | None = None
        self.retranslate()

    def show_first_page(self, page: FirstPage, executor: Executor) -> None:
        """List the newest cases, read before the store is open; :meth:`attach` takes the model over."""
        if self.model is not None:
            return  # the store opened first
        from app.services.case_rows import CaseFilter
        from ui.case_model import CaseTableModel

        model = self.model = CaseTableModel(None, executor, first_page=page, parent=self)
        self._show_model(model)
        model.set_filter(self.current_filter())  # anything typed meanwhile runs once the store is open
        self._filter_applied(CaseFilter())
        if model.total is not None:
            self._show_total(model.total)

    def attach(self, ctx: DeskContext) -> CaseTableModel:
        """Connect the page to the opened store (the frame is shown before the store is open)."""
        from ui.case_model import CaseTableModel

        self.ctx = ctx
        if self.model is None:
            model = self.model = CaseTableModel(ctx.desk, ctx.executor, parent=self)
            self._show_model(model)
        else:
            model = self.model
            model.attach(ctx.desk, ctx.executor)
            self._name_due_filters()
        model.set_operator_names(ctx.operator_names())
        ctx.caseChanged.connect(lambda _change: model.refresh())
        ctx.deskChanged.connect(lambda: model.set_operator_names(ctx.operator_names()))
        return model

    def _show_model(self, model: CaseTableModel) -> None:
        self.view.setModel(model)
        self._name_due_filters()
        self.view.horizontalHeader().setSectionResizeMode(Column.CLASSIFICATION, QHeaderView.ResizeMode.Stretch)
        model.totalChanged.connect(self._show_total)
        model.filterApplied.connect(self._filter_applied)
        model.loadFailed.connect(self._load_failed)
        model.fetchedToEnd.connect(self._select_last_row)
        self.opening.hide()
        self.layout().activate()  # the table takes the label's room before its rows are first painted

    # --- behaviour ------------------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        from app.services.case_rows import CaseFilter, DueFilter

        from app.services.case_rows import SortKey

        state = str(self.state_filter.currentData() or "")
        sort, descending = self._sort if self._sort is not None else (None, False)
        return CaseFilter(text=self.search.text().strip(), states=(state,) if state else (),
                          due=DueFilter(str(self.due_filter.currentData() or DueFilter.ALL.value)),
                          sort=SortKey(sort) if sort else None, descending=descending)

    def _sort_clicked(self, column: int, order: QtCore.Qt.SortOrder) -> None:
        """A column header was clicked: order the whole list by it, in SQL."""
        self._sort = (SORT_KEYS[column], order == QtCore.Qt.SortOrder.DescendingOrder)
        self.apply_filter()

    def _due_filter_changed(self) -> None:
        # Each due view starts in its natural order: the overdue and due-soon views most urgent first.
        self._sort = None
        self.apply_filter()

    def _show_sort(self, flt: CaseFilter) -> None:
        key, descending = flt.order()
        header = self.view.horizontalHeader()
        blocked = header.blockSignals(True)
        header.setSortIndicator(SORT_KEYS.index(key.value), QtCore.Qt.SortOrder.DescendingOrder if descending
                                else QtCore.Qt.SortOrder.AscendingOrder)
        header.blockSignals(blocked)

    def apply_filter(self) -> None:
        if self.model is not None:
            self.model.set_filter(self.current_filter())

    def start(self) -> None:
        """Load the first page (called once the window is up)."""
        self.apply_filter()

    def focus_search(self) -> None:
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        self.view.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        if self.model is not None and not self.view.currentIndex().isValid() and self.model.rowCount() > 0:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _go_to_end(self) -> None:
        if self.model is not None:
            self.model.fetch_to_end()

    def _select_last_row(self) -> None:
        assert self.model is not None
        last = self.model.rowCount() - 1
        if last < 0:
            return
        column = max(self.view.currentIndex().column(), 0)
        self.view.selectionModel().setCurrentIndex(
            self.model.index(last, column),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollToBottom()

    def _open_first(self) -> None:
        if self.model is not None and self.model.rowCount() > 0:
            self._open_row(0)

    def _open_row(self, row: int) -> None:
        case = self.model.row_at(row) if self.model is not None else None
        if case is not None:
            self.openCase.emit(case.case_number)

    def _filter_applied(self, flt: CaseFilter) -> None:
        assert self.model is not None
        self.error_label.hide()
        self._show_sort(flt)
        self._show_empty_hint()
        if flt != self._applied:
            # A new result set starts at its top; a refresh of the same filter keeps the place.
            self._applied = flt
            self.view.scrollToTop()
            self.view.selectionModel().clearCurrentIndex()
        if self.model.total is None:
            self.count_label.setText(self.tr("Counting…"))
        if not self._widths_set and self.model.rowCount() > 0:
            self._fit_columns()
        self.rowsShown.emit()

    def _show_empty_hint(self) -> None:
        """Say why the list is empty and what to do, instead of a blank table."""
        if self.model is None or self.model.rowCount() > 0:
            self.empty_hint.hide()
            return
        flt = self.model.current_filter
        if not flt.text and not flt.states and flt.due == "all":
            text = self.tr("No cases yet. Press Ctrl+N to register the first complaint.")
        elif flt.text:
            text = self.tr("No case matches “%1” with these filters. Search by case number, name, or the last 4 "
                           "digits of the phone or ID; or set the filters to all.").replace("%1", flt.text)
        else:
            text = self.tr("No case in this view. Set the state and due filters to all to see every case.")
        self.empty_hint.setText(text)
        self.empty_hint.show()

    def _fit_columns(self) -> None:
        if self.model is None:
            return
        self._widths_set = True
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        for col in (Column.NUMBER, Column.RECEIVED, Column.COMPLAINANT, Column.STATE, Column.FIRST_RESPONDER,
                    Column.DUE):
            sample = [str(self.model.index(r, col).data() or "") for r in range(min(40, self.model.rowCount()))]
            title = str(self.model.headerData(col, QtCore.Qt.Orientation.Horizontal) or "")
            widest = max([metrics.horizontalAdvance(s) for s in sample] + [metrics.horizontalAdvance(title) + 16])
            icon = 22 if col in (Column.NUMBER, Column.DUE) else 0
            header.resizeSection(col, min(widest + 24 + icon, 260))

    def _show_total(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 case(s) match").replace("%1", f"{total:,}"))

    def _load_failed(self, exc: object) -> None:
        from ui.messages import error_text

        self.error_label.setText(error_text(exc) if isinstance(exc, BaseException) else str(exc))
        self.error_label.show()

    def _current_case(self) -> QModelIndex:
        return self.view.currentIndex()

    # --- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search_caption.setText(self.tr("&Find"))
        self.search.setPlaceholderText(self.tr("Case number, name, last 4 of phone or ID (Ctrl+F)"))
        self.state_caption.setText(self.tr("&State"))
        self.due_caption.setText(self.tr("D&ue"))
        self.state_filter.setItemText(0, self.tr("All states"))
        for i in range(1, self.state_filter.count()):
            self.state_filter.setItemText(i, labels.state_name(str(self.state_filter.itemData(i))))
        self._name_due_filters()
        self.view.setAccessibleName(self.tr("Cases"))
        self.opening.setText(self.tr("Opening the case register…"))
        if self.model is not None:
            self._show_empty_hint()
        if self.model is None:
            return
        if self.model.total is not None:
            self._show_total(self.model.total)
        self.model.retranslate()
        if self._widths_set_flag():
            self._fit_columns()

    def _name_due_filters(self) -> None:
        for i in range(self.due_filter.count()):
            due = str(self.due_filter.itemData(i))
            if due == "due_soon" and self.model is not None:
                # The window is the rules file's, not a number in the label.
                text = self.tr("Due within %n day(s)", "", self.model.due_soon_days)
            else:
                text = labels.due_filter_name(due)
            self.due_filter.setItemText(i, text)

    def _widths_set_flag(self) -> bool:
        return bool(getattr(self, "_widths_set", False))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
