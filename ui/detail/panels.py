"""Read-only panels of the case view: a labelled field grid, the deadline panel, the timeline."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain.deadlines import PAUSE_END_BEFORE_START
from app.domain.holidays import missing_holiday_year
from app.domain.states import DueStatus
from app.services.queries import CaseDetail, EventView
from ui import icons, labels


def value_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "value")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class FieldGroup(QGroupBox):
    """A titled group of caption/value rows, filled from plain strings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = QFormLayout(self)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._form.setVerticalSpacing(6)
        self.values: dict[str, QLabel] = {}

    def set_rows(self, rows: list[tuple[str, str, str]]) -> None:
        """``rows`` are (key, caption, value); empty values are left out."""
        while self._form.rowCount():
            self._form.removeRow(0)
        self.values.clear()
        for key, caption, value in rows:
            if not value:
                continue
            label = value_label()
            label.setText(value)
            label.setObjectName(f"value_{key}")
            caption_label = QLabel(caption)
            caption_label.setProperty("role", "caption")
            self._form.addRow(caption_label, label)
            self.values[key] = label
        self.setVisible(bool(self.values))


class DeadlinePanel(QGroupBox):
    """Target date, legal limit, days left, pauses and extensions of one case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = FieldGroup()
        self.grid.setFlat(True)
        self.grid.setStyleSheet("QGroupBox { border: none; margin-top: 0; padding: 0; }")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status_icon = QLabel()
        self.icon_name = ""
        head = QHBoxLayout()
        head.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.status, 1)
        layout = QFormLayout(self)
        layout.addRow(head)
        layout.addRow(self.grid)
        self._case: CaseDetail | None = None

    def show_case(self, case: CaseDetail) -> None:
        self._case = case
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Deadline"))
        case = self._case
        if case is None:
            return
        d = case.deadline
        # The core's due status (app.domain.states.due_status), as the case list shows it.
        if d.status is DueStatus.PAUSED:
            text, icon = self.tr("Paused for appraisal: the clock stands still."), "paused"
        elif d.status in (DueStatus.DECIDED, DueStatus.CLOSED):
            text = (self.tr("Decided after the legal limit.") if d.ended_late
                    else self.tr("Handled within the time limit."))
            icon = "overdue" if d.ended_late else "ok"
        elif d.status is DueStatus.OVERDUE:
            late = (d.nominal_due - d.legal_limit).days - d.days_left  # days since the legal limit
            text = self.tr("Overdue by %n day(s): the legal limit %1 has passed.", "", late).replace(
                "%1", d.legal_limit.isoformat())
            icon = "overdue"
        elif d.past_target:
            text, icon = self.tr("Past the target date; the legal limit has not passed yet."), "due_soon"
        elif d.status is DueStatus.DUE_SOON:
            text, icon = self.tr("Due soon: %n day(s) left.", "", d.days_left), "due_soon"
        else:
            text, icon = self.tr("%n day(s) left.", "", d.days_left), "ok"
        missing = ", ".join(str(y) for y in d.holiday_data_missing_years)
        if missing:
            # A limit in a year without holiday data may really be later: never a green tick.
            text += ("" if text.endswith("。") else " ") + self.tr("Holiday data for %1 is missing: the legal limit is uncertain (counted in "
                                  "plain calendar days, not moved past holidays). Ask the administrator to add "
                                  "the State Council's holiday schedule.").replace("%1", missing)
            if icon == "ok":
                icon = "warning"
        self.status.setText(text)
        self.status.setProperty("role", "error" if icon == "overdue" else "value")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.setToolTip(text)
        self.status.setAccessibleName(text)
        self.icon_name = icon
        self.status_icon.setPixmap(icons.icon(icon).pixmap(18, 18))
        limit_note = (self.tr("(uncertain: no holiday data for %1)").replace("%1", missing) if missing
                      else self.tr("(moved past a rest day)") if d.legal_limit != d.nominal_due else "")
        extensions = [e for e in case.events if e.kind == "extend"]
        pauses = [e for e in case.events if e.kind in ("pause", "resume")]
        rows = [
            ("target", self.tr("Target date"), d.nominal_due.isoformat()),
            ("limit", self.tr("Legal limit"), d.legal_limit.isoformat() + (f"  {limit_note}" if limit_note else "")),
            ("clock", self.tr("Clock started"), d.clock_start.isoformat()),
            ("days", self.tr("Time limit"), self.tr("%n day(s)", "", d.limit_days)),
            ("paused_days", self.tr("Days paused"), str(d.paused_days) if d.paused_days else ""),
            ("extensions", self.tr("Extensions"), "\n".join(
                self.tr("Level %1 on %2: %3").replace("%1", str(e.data.get("level", "")))
                .replace("%2", str(e.data.get("on", ""))).replace("%3", e.reason)
                + (self.tr(" (approved by %1)").replace("%1", str(e.data["approver"]))
                   if e.data.get("approver") else "")
                for e in extensions)),
            ("pauses", self.tr("Pauses"), "\n".join(
                f"{labels.event_name(e.kind)} {e.data.get('on', '')} {e.reason}".strip() for e in pauses)),
            ("rules", self.tr("Rules"), d.rules_version),
            ("warnings", self.tr("Warnings"), "\n".join(self._warning_text(w) for w in d.warnings)),
        ]
        self.grid.set_rows(rows)

    def _warning_text(self, code: str) -> str:
        """A deadline warning code in words (never the raw code)."""
        year = missing_holiday_year(code)
        if year is not None:
            return self.tr("No holiday data for %1: dates in that year are not moved past holidays.").replace(
                "%1", str(year))
        name, _, detail = code.partition(":")
        if name == PAUSE_END_BEFORE_START:
            return self.tr("A pause starting %1 ends before it starts and is not counted.").replace("%1", detail)
        return self.tr("Check the deadline data (%1).").replace("%1", code)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class Timeline(QTableWidget):
    """The case's append-only timeline, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._events: tuple[EventView, ...] = ()
        self.retranslate()

    def show_events(self, events: tuple[EventView, ...]) -> None:
        self._events = events
        self.setRowCount(len(events))
        for row, event in enumerate(events):
            cells = [labels.moment(event.at), labels.event_name(event.kind),
                     f"{event.operator} {event.operator_name}".strip(), self._details(event)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 1 and event.kind in ("extend", "new_facts", "pause"):
                    item.setIcon(icons.icon("due_soon" if event.kind != "pause" else "paused"))
                self.setItem(row, col, item)
        self.resizeRowsToContents()

    def _details(self, e: EventView) -> str:
        parts: list[str] = []
        if e.state_before and e.state_after and e.state_before != e.state_after:
            parts.append(f"{labels.state_name(e.state_before)} → {labels.state_name(e.state_after)}")
        if e.kind == "extend":
            parts.append(self.tr("to %1 days").replace("%1", str(e.data.get("total_days", ""))))
            if e.data.get("approver"):
                parts.append(self.tr("approved by %1").replace("%1", str(e.data["approver"])))
        elif e.kind == "hand_over":
            parts.append(f"{e.data.get('from', '')} → {e.data.get('to', '')}")
        elif e.kind == "close":
            parts.append(labels.satisfaction_name(str(e.data.get("satisfaction", ""))))
            parts.append(self.tr("follow-up by %1").replace("%1", str(e.data.get("surveyed_by", ""))))
        elif e.kind == "created" and e.data.get("first_responder"):
            parts.append(self.tr("first responder %1").replace("%1", str(e.data["first_responder"])))
        elif e.kind == "recording":
            from ui.recording_texts import recording_event_text

            parts.append(recording_event_text(e.data))
        if e.reason:
            parts.append(e.reason)
        return " · ".join(p for p in parts if p)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Event"), self.tr("By"), self.tr("Details")])
        if self._events:
            self.show_events(self._events)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
