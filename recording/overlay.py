"""The burned-in caption on every recorded frame: when, where, which case, who.

Two lines on a darkened band across the top of the picture::

    2026-11-26 14:03:07 +08  BR 0591  DESK W01
    CASE 0591-W01-20261126-0007  STAFF 1024

ASCII only, drawn with OpenCV's Hershey font, so no font file is needed and
the caption looks the same on every desk; anything non-ASCII in the inputs is
replaced by ``?``.  The time is Beijing time to the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import cv2
import numpy as np

from app.clock import beijing
from recording.media import Image

_FONT = cv2.FONT_HERSHEY_SIMPLEX
_TIME_TEMPLATE = "0000-00-00 00:00:00"


def ascii_only(text: str) -> str:
    return "".join(ch if 32 <= ord(ch) < 127 else "?" for ch in text)


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels: left, top, width, height."""

    x: int
    y: int
    w: int
    h: int

    def crop(self, image: Image) -> Image:
        return image[self.y:self.y + self.h, self.x:self.x + self.w]


class Overlay:
    """Draws the caption for one recording (sizes are fixed per frame size)."""

    def __init__(self, width: int, height: int, *, branch: str, desk: str, case_number: str,
                 staff_no: str) -> None:
        self.width, self.height = width, height
        self._tail = ascii_only(f" +08  BR {branch}  DESK {desk}")
        self._line2 = ascii_only(f"CASE {case_number}  STAFF {staff_no}")
        widest = max(_text_width(_TIME_TEMPLATE + self._tail, 1.0, 1), _text_width(self._line2, 1.0, 1))
        fit = (width * 0.96) / max(1, widest)
        self._scale = max(0.25, min(fit, 0.9 * height / 720.0))
        self._thick = 2 if self._scale >= 0.6 else 1
        (_, text_h), baseline = cv2.getTextSize("0", _FONT, self._scale, self._thick)
        self._line_h = text_h + baseline + max(3, int(text_h * 0.6))
        self._margin = max(3, int(width * 0.01))
        self._band_h = min(height, 2 * self._line_h + self._margin)
        self._org1 = (self._margin, self._margin // 2 + text_h + max(1, baseline // 2))
        self._org2 = (self._margin, self._org1[1] + self._line_h)
        time_w = _text_width(_TIME_TEMPLATE, self._scale, self._thick)
        pad = max(2, text_h // 3)
        self.clock_box = Box(max(0, self._org1[0] - pad), max(0, self._org1[1] - text_h - pad),
                             min(width, time_w + 2 * pad), text_h + baseline + 2 * pad)
        """Where the seconds tick: differs between frames one second apart."""
        line2_w = _text_width(self._line2, self._scale, self._thick)
        self.case_box = Box(self.clock_box.x, max(0, self._org2[1] - text_h - pad),
                            min(width, line2_w + 2 * pad), text_h + baseline + 2 * pad)
        """Where the case number and staff number stand: the same on every frame."""

    @property
    def band_height(self) -> int:
        return self._band_h

    def caption(self, moment: datetime) -> tuple[str, str]:
        """The two lines drawn for ``moment`` (aware datetime)."""
        return beijing(moment).strftime("%Y-%m-%d %H:%M:%S") + self._tail, self._line2

    def draw(self, image: Image, moment: datetime) -> None:
        """Burn the caption for ``moment`` into ``image`` (BGR, in place)."""
        band = image[:self._band_h]
        np.right_shift(band, 2, out=band)  # a quarter of the brightness: legible, picture still visible
        line1, line2 = self.caption(moment)
        for text, org in ((line1, self._org1), (line2, self._org2)):
            cv2.putText(image, text, org, _FONT, self._scale, (255, 255, 255), self._thick, cv2.LINE_AA)


def _text_width(text: str, scale: float, thickness: int) -> int:
    (w, _), _ = cv2.getTextSize(text, _FONT, scale, thickness)
    return int(w)
