"""The one Qt adapter in ``recording/``: a recorded frame as a QImage for the live preview.

Safe to call on the recorder thread (QImage, unlike QPixmap, is not tied to
the GUI thread), so the worker can emit ready-made images.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from recording.media import Image


def to_qimage(frame: Image) -> QImage:
    """A deep copy of a BGR (H x W x 3, uint8) frame as a QImage."""
    if frame.ndim != 3 or frame.shape[2] != 3 or frame.dtype != np.uint8:
        raise ValueError(f"expected an H x W x 3 uint8 BGR frame, got {frame.shape} {frame.dtype}")
    data = np.ascontiguousarray(frame)
    height, width = data.shape[:2]
    image = QImage(data.data, width, height, data.strides[0], QImage.Format.Format_BGR888)
    return image.copy()  # detach from the numpy buffer, which the caller may reuse
