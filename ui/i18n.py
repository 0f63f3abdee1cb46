"""The interface language: the app's own translator plus Qt's ``qtbase``, switchable at run time.

Source strings are English; ``resources/i18n/complaint_desk_zh_CN.ts`` carries the
Chinese.  Installing a translator makes Qt send every widget a LanguageChange
event, on which each window re-runs its ``retranslateUi``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from app.settings import DEFAULT_LANGUAGE, LANGUAGES

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
APP_CATALOGUE = "complaint_desk"

_state: dict[str, object] = {"language": DEFAULT_LANGUAGE, "translators": []}


def current_language() -> str:
    return str(_state["language"])


def catalogue_path(language: str) -> Path:
    return I18N_DIR / f"{APP_CATALOGUE}_{language}.qm"


def install_language(language: str) -> bool:
    """Make ``language`` the interface language; False when its catalogue is missing (English shows)."""
    app = QCoreApplication.instance()
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    assert app is not None, "create the QApplication first"
    for old in list(_state["translators"]):  # type: ignore[call-overload]
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    complete = True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", qt_dir):
        installed.append(qt_base)
    own = QTranslator(app)
    if own.load(str(catalogue_path(language))):
        installed.append(own)
    elif language != "en":
        # Source strings are English, so an English desk needs no catalogue.
        log.warning("no translation catalogue %s (run scripts/bootstrap)", catalogue_path(language))
        complete = False
    _state["language"] = language
    QLocale.setDefault(QLocale(language))
    _state["translators"] = installed
    for translator in installed:
        app.installTranslator(translator)
    # Qt posts LanguageChange to the widgets; deliver it now so the switch is complete on return.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return complete

