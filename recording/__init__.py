"""Recording the reception: capture sources, burned-in overlay, crash-safe encoding, signed manifests.

Qt-free (only :mod:`recording.preview` touches QtGui).  Start at
:mod:`recording.api`.
"""
