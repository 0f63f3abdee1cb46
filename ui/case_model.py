"""The case list as a lazy table model: pages of rows fetched off the GUI thread, filtered in SQL.

A thin adapter over :func:`ui.operations.case_page`.  Changing the filter
starts a search on the executor; while one search runs, newer filters only
replace the pending one (latest wins) and results for a filter that is no
longer current are dropped, so typing fast never queues stale queries.
Scrolling to the end asks for the next page through ``canFetchMore`` /
``fetchMore``.

At start-up the model can begin before the store is open, with the first page
of the default view read apart (:mod:`app.services.first_page`); :meth:`attach`
then hands it the opened store, and a filter chosen meanwhile runs.  Nothing
here imports the store's libraries: the searches import them on the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.deadlines import legal_limit_roll
from app.domain.states import DueStatus
from app.services.case_rows import CaseFilter, CaseRow
from ui import icons, labels
from ui.case_columns import Column
from ui.tasks import Executor, TaskState, submit

if TYPE_CHECKING:
    from app.desk import Desk
    from app.domain.classification import ReferenceTable
    from app.services.first_page import FirstPage
    from ui.operations import CasePage

PAGE_SIZE = 200
# A limit no list reaches: the rest of the matches in one query.
_ALL_ROWS = 1 << 40
#: Typing pause after which the matches are counted.
COUNT_DELAY_MS = 400
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class Urgency(IntEnum):
    NONE = 0
    PAUSED = 1
    DUE_SOON = 2
    OVERDUE = 3


OVERDUE_BACKGROUND = QColor("#FBE9E7")
DUE_SOON_BACKGROUND = QColor("#FFF6E0")
OVERDUE_TEXT = QColor("#B3261E")
DUE_SOON_TEXT = QColor("#8A5300")
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.TextAlignmentRole,
                    Qt.ItemDataRole.UserRole + 1})
_LEFT = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)


_BACKGROUNDS = {Urgency.OVERDUE: QBrush(OVERDUE_BACKGROUND), Urgency.DUE_SOON: QBrush(DUE_SOON_BACKGROUND)}
_FOREGROUNDS = {Urgency.OVERDUE: QBrush(OVERDUE_TEXT), Urgency.DUE_SOON: QBrush(DUE_SOON_TEXT)}


_URGENCY = {DueStatus.OVERDUE: Urgency.OVERDUE, DueStatus.DUE_SOON: Urgency.DUE_SOON,
            DueStatus.PAUSED: Urgency.PAUSED}


def urgency(row: CaseRow, today: date, due_soon_days: int) -> Urgency:
    """How much the row must stand out: its due status (the core's one definition, as the due filters)."""
    return _URGENCY.get(row.due_status(today, due_soon_days), Urgency.NONE)


class CaseTableModel(QAbstractTableModel):
    """Rows of the case list for the current filter, newest first, fetched page by page."""

    # The rows for a new filter are in (argument: that CaseFilter).
    filterApplied = Signal(object)
    # Number of cases matching the current filter (counted with the first page).
    totalChanged = Signal(int)
    # True while a search or a page fetch runs.
    busyChanged = Signal(bool)
    # A search or fetch failed (argument: the exception), e.g. the store is locked.
    loadFailed = Signal(object)
    # Every matching row is loaded after fetch_to_end() (Ctrl+End).
    fetchedToEnd = Signal()

    def __init__(self, desk: Desk | None, executor: Executor, *, page_size: int = PAGE_SIZE,
                 today: Callable[[], date] | None = None, first_page: FirstPage | None = None,
                 parent: QObject | None = None) -> None:
        """Rows from ``desk``; or, before the store is open (``desk`` None), ``first_page`` until :meth:`attach`."""
        super().__init__(parent)
        self._desk = desk
        self._executor = executor
        self._page_size = page_size
        self._given_today = today
        self._reference: ReferenceTable
        self._today: Callable[[], date]
        if desk is not None:
            self._use_rules(desk.reference, desk.rules.due_soon_days, desk.rulebook.today,
                            legal_limit_roll(desk.rules, desk.calendar))
        else:
            assert first_page is not None, "a model without the store shows a first page read apart"
            self._use_rules(first_page.reference, first_page.rules.due_soon_days, first_page.today,
                            legal_limit_roll(first_page.rules, first_page.calendar)
                            if first_page.calendar is not None else None)
        self._rows: list[CaseRow] = []
        self._filter = CaseFilter()
        self._shown_filter: CaseFilter | None = None
        self._exhausted = True
        self._total: int | None = None
        # The shown rows were read apart at start-up: the store's search need not read them again.
        self._read_apart = False
        self._searching = False
        self._pending: CaseFilter | None = None
        self._force = False
        self._counting = False
        self._count_pending = False
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count_shown)
        self._fetching = False
        self._to_end = False
        self._operator_names: dict[str, str] = {}
        self._texts: dict[int, tuple[str, ...]] = {}
        self._urgency: dict[int, Urgency] = {}
        self._urgency_day: date | None = None
        if first_page is not None:
            self._rows = list(first_page.rows)
            self._exhausted = first_page.exhausted
            self._shown_filter = CaseFilter()
            self._total = len(first_page.rows) if first_page.exhausted else None
            self._operator_names = dict(first_page.operator_names)
            self._read_apart = True

    def _use_rules(self, reference: ReferenceTable, due_soon_days: int, today: Callable[[], date],
                   roll: Callable[[date], date] | None) -> None:
        self._reference = reference
        self._roll = roll
        self._due_soon_days = due_soon_days
        self._today = self._given_today or today

    def attach(self, desk: Desk, executor: Executor) -> None:
        """Search and fetch through the opened store from now on (a model made with a first page)."""
        self._desk, self._executor = desk, executor
        self._use_rules(desk.reference, desk.rules.due_soon_days, desk.rulebook.today,
                        legal_limit_roll(desk.rules, desk.calendar))
        self._texts.clear()
        self._urgency.clear()
        self._pending = None  # the caller applies the current filter next (CaseListPage.start)

    # --- filter and fetching ------------------------------------------------------------
    @property
    def current_filter(self) -> CaseFilter:
        return self._filter

    @property
    def total(self) -> int | None:
        return self._total

    @property
    def due_soon_days(self) -> int:
        """The due-soon window of the rules in force (``ComplaintRules.due_soon_days``)."""
        return self._due_soon_days

    @property
    def busy(self) -> bool:
        return self._searching or self._fetching

    def set_filter(self, flt: CaseFilter, *, force: bool = False) -> None:
        """Show the cases matching ``flt`` (asynchronously; ``filterApplied`` tells when)."""
        self._filter = flt
        if self._desk is None:
            return  # searched once the store is attached
        if self._read_apart and not force and not self._searching and flt == self._shown_filter:
            # The rows read at start-up are this filter's first page: only count them.
            self._read_apart = False
            if self._total is None:
                self._count(flt)
            return
        self._read_apart = False
        if self._searching:
            self._pending = flt
            self._force = self._force or force
            return
        self._start_search(flt)

    def refresh(self) -> None:
        """Reload the current filter, e.g. after a case changed."""
        self.set_filter(self._filter, force=True)

    def _start_search(self, flt: CaseFilter) -> None:
        self._searching = True
        self._pending = None
        self.busyChanged.emit(True)
        desk, size = self._desk, self._page_size
        assert desk is not None

        def work(state: TaskState) -> CasePage:
            from ui.operations import case_page

            return case_page(desk, flt, offset=0, limit=size)

        submit(self._executor, work, on_result=self._search_done, on_error=self._search_failed,
               on_finished=self._search_finished, parent=self, name="case-search")

    def _search_done(self, page: CasePage) -> None:
        if page.flt != self._filter:
            return  # stale: a newer filter is pending
        self.beginResetModel()
        self._texts.clear()
        self._urgency.clear()
        self._rows = list(page.rows)
        self._exhausted = page.exhausted
        self._shown_filter = page.flt
        self.endResetModel()
        self._total = page.total
        if page.total is not None:
            self.totalChanged.emit(page.total)
        self.filterApplied.emit(page.flt)
        if page.total is None:
            # Counting a big match costs up to ~100 ms of CPU: wait until typing pauses,
            # so the count never competes with the next keystroke's search.
            self._count_timer.start()

    def _count_shown(self) -> None:
        if self._shown_filter is not None and self._total is None and not self._searching:
            self._count(self._shown_filter)

    def _count(self, flt: CaseFilter) -> None:
        """Count the matches apart from the page; one count at a time, only for the shown filter."""
        if self._counting:
            self._count_pending = True
            return
        self._counting = True
        desk = self._desk
        assert desk is not None

        def work(state: TaskState) -> tuple[CaseFilter, int]:
            from ui.operations import case_total

            return case_total(desk, flt)

        def done(result: tuple[CaseFilter, int]) -> None:
            counted, total = result
            if counted == self._shown_filter:
                self._total = total
                self.totalChanged.emit(total)

        def finished() -> None:
            self._counting = False
            if self._count_pending:
                self._count_pending = False
                if self._shown_filter is not None and self._total is None:
                    self._count(self._shown_filter)

        submit(self._executor, work, on_result=done, on_finished=finished, parent=self, name="case-count")

    def _search_failed(self, exc: object) -> None:
        self.loadFailed.emit(exc)

    def _search_finished(self) -> None:
        self._searching = False
        pending, force, self._pending, self._force = self._pending, self._force, None, False
        if pending is not None and (force or pending != self._shown_filter):
            self._start_search(pending)
        else:
            self.busyChanged.emit(self.busy)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        if parent.isValid() or self._desk is None:
            return False
        return not self._exhausted and not self._fetching and not self._searching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008 - Qt signature
        if not self.canFetchMore(parent):
            return
        self._fetch(self._page_size)

    def fetch_to_end(self) -> None:
        """Load every remaining row in one query (Ctrl+End must reach the real end, not the
        end of the pages scrolled so far); ``fetchedToEnd`` says when they are in."""
        if self._exhausted and not self._searching:
            self.fetchedToEnd.emit()
            return
        if not self.canFetchMore(QModelIndex()):
            return
        self._to_end = True
        self._fetch(_ALL_ROWS)

    def _fetch(self, size: int) -> None:
        self._fetching = True
        self.busyChanged.emit(True)
        desk, flt, offset = self._desk, self._filter, len(self._rows)
        assert desk is not None

        def work(state: TaskState) -> CasePage:
            from ui.operations import case_page

            return case_page(desk, flt, offset=offset, limit=size)

        submit(self._executor, work, on_result=self._page_done, on_error=self._search_failed,
               on_finished=self._page_finished, parent=self, name="case-page")

    def _page_done(self, page: CasePage) -> None:
        if page.flt != self._shown_filter or page.offset != len(self._rows):
            return  # the list was reset meanwhile
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._exhausted = page.exhausted

    def _page_finished(self) -> None:
        self._fetching = False
        self.busyChanged.emit(self.busy)
        if self._to_end:
            self._to_end = False
            if self._exhausted:
                self.fetchedToEnd.emit()

    # --- presentation -------------------------------------------------------------------
    def set_operator_names(self, names: dict[str, str]) -> None:
        """Staff number -> name, for the first-responder column."""
        self._operator_names = dict(names)
        self._texts.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, Column.FIRST_RESPONDER),
                                  self.index(len(self._rows) - 1, Column.FIRST_RESPONDER))

    def retranslate(self) -> None:
        """Redraw headers and cells in the new interface language."""
        self._texts.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_number: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.case_number == case_number), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Case number"), self.tr("Received"), self.tr("Complainant"),
                    self.tr("Classification"), self.tr("State"), self.tr("First responder"),
                    self.tr("Days left"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on each paint: cheap paths first, cached texts.
        if role not in _ROLES or not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._rows) and 0 <= c < len(Column)) or index.parent().isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(r)
            if texts is None:
                row = self._rows[r]
                texts = self._texts[r] = tuple(self._display(row, col) for col in Column)
            return texts[c]
        if role == ROW_ROLE:
            return self._rows[r]
        level = self._urgency_of(r)
        if role == Qt.ItemDataRole.DecorationRole:
            if c in (Column.NUMBER, Column.DUE) and level is not Urgency.NONE:
                return icons.urgency_icon(level.name.lower())
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return _BACKGROUNDS.get(level)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _FOREGROUNDS.get(level) if c == Column.DUE else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if c == Column.DUE else None
        return self._tooltip(self._rows[r], Column(c), level)

    def _urgency_of(self, r: int) -> Urgency:
        today = self._today()
        if today != self._urgency_day:
            self._urgency_day = today
            self._urgency.clear()
            self._texts.clear()  # "days left" changes with the date
        level = self._urgency.get(r)
        if level is None:
            level = self._urgency[r] = urgency(self._rows[r], today, self._due_soon_days)
        return level

    def _display(self, row: CaseRow, col: Column) -> str:
        if col is Column.NUMBER:
            return row.case_number
        if col is Column.RECEIVED:
            return labels.moment(row.received_at)
        if col is Column.COMPLAINANT:
            return f"{row.complainant_name}  {row.complainant_phone_masked}".strip()
        if col is Column.CLASSIFICATION:
            ref = self._reference
            return (f"{labels.code_name(ref, 'business', row.business)} / "
                    f"{labels.code_name(ref, 'reason', row.reason)}")
        if col is Column.STATE:
            return labels.state_name(row.state)
        if col is Column.FIRST_RESPONDER:
            name = self._operator_names.get(row.first_responder, "")
            return f"{row.first_responder} {name}".strip()
        return self._due_text(row)

    def _due_text(self, row: CaseRow) -> str:
        today = self._today()
        status = row.due_status(today, self._due_soon_days)
        if status is DueStatus.CLOSED:
            return self.tr("Ended")
        if status is DueStatus.DECIDED:
            return self.tr("Decided")
        if status is DueStatus.PAUSED:
            return self.tr("Paused")
        if status is DueStatus.OVERDUE:
            return self.tr("Overdue by %n day(s)", "", (today - row.legal_limit).days)
        left = row.days_left(today)
        if left < 0:
            return self.tr("Past target, limit %1").replace("%1", row.legal_limit.isoformat())
        if left == 0:
            return self.tr("Due today")
        return self.tr("%n day(s) left", "", left)

    def _tooltip(self, row: CaseRow, col: Column, level: Urgency) -> str:
        ref = self._reference
        parts = [f"{row.case_number} · {labels.state_name(row.state)}"]
        if level is Urgency.OVERDUE:
            parts.append(self.tr("Overdue: the legal limit has passed."))
        elif level is Urgency.DUE_SOON:
            parts.append(self.tr("Due within %n day(s).", "", self._due_soon_days))
        elif level is Urgency.PAUSED:
            parts.append(self.tr("Paused for external appraisal: the clock stands still."))
        shown = row.shown(self._today(), self._roll)
        parts.append(self.tr("Target date %1, legal limit %2")
                     .replace("%1", shown.nominal_due.isoformat()).replace("%2", shown.legal_limit.isoformat()))
        if col is Column.CLASSIFICATION:
            for axis, code in (("channel", row.channel), ("business", row.business), ("reason", row.reason),
                               ("demand", row.demand)):
                parts.append(f"{labels.axis_name(axis)}: {labels.code_label(ref, axis, code)}")
        return "\n".join(parts)
