"""The desk's look: a readable CJK font and a small, calm style sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

# Preferred families, first found wins per glyph (Noto CJK ships with the bootstrap).
FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
                 "WenQuanYi Micro Hei", "Noto Sans", "DejaVu Sans", "sans-serif"]
FONT_POINT_SIZE = 10

PRIMARY = "#1F4E79"
CHEVRON = (Path(__file__).resolve().parent.parent / "resources" / "icons" / "chevron_down.svg").as_posix()
ERROR = "#B3261E"

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #F5F7FA; }}
QTabWidget::pane {{ border: 1px solid #D5DBE3; background: #FFFFFF; top: -1px; }}
QTabBar::tab {{ background: #E9EDF2; border: 1px solid #D5DBE3; padding: 6px 14px; margin-right: 2px;
               border-top-left-radius: 4px; border-top-right-radius: 4px; color: #33475B; }}
QTabBar::tab:selected {{ background: #FFFFFF; color: {PRIMARY}; border-bottom-color: #FFFFFF; font-weight: bold; }}
QGroupBox {{ border: 1px solid #D5DBE3; border-radius: 6px; margin-top: 14px; padding: 10px 8px 8px 8px;
            background: #FFFFFF; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {PRIMARY}; font-weight: bold; }}
QGroupBox::indicator {{ width: 14px; height: 14px; }}
QLineEdit, QPlainTextEdit, QComboBox, QDateTimeEdit, QSpinBox {{ border: 1px solid #B8C2CE; border-radius: 4px;
            padding: 3px 6px; background: #FFFFFF; selection-background-color: #CFE0F3; selection-color: #102A43; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QDateTimeEdit:focus {{ border: 2px solid {PRIMARY}; padding: 2px 5px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 1px solid {ERROR};
            background: #FFF8F7; }}
QLineEdit:read-only {{ background: #F2F4F7; }}
QComboBox::drop-down, QDateTimeEdit::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
            width: 22px; border: none; }}
QComboBox::down-arrow, QDateTimeEdit::down-arrow {{ image: url("{CHEVRON}"); width: 12px; height: 12px; }}
QComboBox::down-arrow:disabled, QDateTimeEdit::down-arrow:disabled {{ image: none; }}
QLabel[role="error"] {{ color: {ERROR}; }}
QLabel[role="hint"] {{ color: #5A6B7D; }}
QLabel[role="caption"] {{ color: #5A6B7D; }}
QLabel[role="value"] {{ color: #102A43; }}
QLabel[role="title"] {{ color: {PRIMARY}; font-size: 14pt; font-weight: bold; }}
QLabel[role="badge"] {{ background: #E3ECF6; color: {PRIMARY}; border-radius: 9px; padding: 2px 10px; }}
QFrame[role="banner"] {{ background: #FFF6E0; border: 1px solid #E8C77A; border-radius: 6px; }}
QFrame[role="panel"] {{ background: #FFFFFF; border: 1px solid #D5DBE3; border-radius: 6px; }}
QPushButton {{ border: 1px solid #9FB0C3; border-radius: 4px; padding: 5px 14px; background: #FFFFFF; color: #1B2B3A; }}
QPushButton:hover {{ background: #EEF3F8; }}
QPushButton:focus {{ border: 2px solid {PRIMARY}; padding: 4px 13px; }}
QPushButton:disabled {{ color: #9AA5B1; background: #F2F4F7; border-color: #D5DBE3; }}
QPushButton[primary="true"] {{ background: {PRIMARY}; color: #FFFFFF; border-color: {PRIMARY}; font-weight: bold; }}
QPushButton[primary="true"]:hover {{ background: #2A5F91; }}
QPushButton[primary="true"]:disabled {{ background: #9FB3C8; border-color: #9FB3C8; color: #F5F7FA; }}
QTableView {{ background: #FFFFFF; gridline-color: #E6EAF0; selection-background-color: #CFE0F3;
             selection-color: #102A43; alternate-background-color: #FAFBFC; }}
QHeaderView::section {{ background: #EEF2F6; color: #33475B; border: none; border-right: 1px solid #D5DBE3;
                        border-bottom: 1px solid #D5DBE3; padding: 5px 6px; font-weight: bold; }}
QStatusBar {{ background: #E9EDF2; color: #33475B; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QToolBar {{ background: #FFFFFF; border-bottom: 1px solid #D5DBE3; spacing: 6px; padding: 4px; }}
QToolButton {{ padding: 4px 10px; border-radius: 4px; color: #1B2B3A; }}
QToolButton:hover {{ background: #EEF3F8; }}
QScrollArea {{ border: none; background: transparent; }}
"""


#: Arguments for a new QApplication that choose the desk's style (see :func:`apply_look`).
STYLE_ARGUMENTS = ("-style", "Fusion")


def apply_look(app: QApplication, *, style_chosen: bool = False) -> None:
    """Install the desk's font and style sheet on the application.

    ``style_chosen``: the application was made with :data:`STYLE_ARGUMENTS`.  Asking
    an application for its style from Python builds the Python class of QStyle
    with its dozen enums first (~6 ms), which a start-up can do without.
    """
    font = QFont()
    # Qt takes the first installed family per glyph; listing the fonts first costs start-up time.
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(FONT_POINT_SIZE)
    app.setFont(font)
    if not style_chosen and app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)

