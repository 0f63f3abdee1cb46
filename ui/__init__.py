"""The desk's Qt widgets: thin, calling app/ services through ui.operations.

Importing this package loads no Qt (the ``complaint-desk`` CLI starts through
``ui.launcher``); the PySide6 work-arounds in ``ui.qtfixes`` are applied by
``ui.tasks``, which every widget module depends on.
"""
