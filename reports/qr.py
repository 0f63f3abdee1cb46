"""A QR code drawn straight onto the PDF canvas as filled rectangles.

reportlab's QR widget encodes the data (:mod:`reportlab.graphics.barcode.qrencoder`),
but its Drawing renderer names an unembedded Helvetica on every page it touches;
drawing the modules ourselves keeps the PDF's only fonts the embedded ones and
lets runs of dark modules merge into one rectangle each.
"""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.platypus import Flowable

QUIET_ZONE = 2  # modules of white around the code; the paper margin adds the rest


def qr_modules(payload: str, level: str = "M") -> list[list[bool]]:
    """The dark/light module matrix of ``payload`` (rows top to bottom)."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(payload)
    code.make()
    return [[bool(cell) for cell in row] for row in code.modules]


class QrFlowable(Flowable):  # type: ignore[misc]
    """A square QR code of side ``side`` points, centred in the width it is given."""

    def __init__(self, payload: str, side: float, level: str = "M") -> None:
        super().__init__()
        self.modules = qr_modules(payload, level)
        self.side = side
        self._avail = side

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._avail = max(availWidth, self.side)
        return self.side, self.side

    def draw(self) -> None:
        count = len(self.modules) + 2 * QUIET_ZONE
        box = self.side / count
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.black)
        for r, row in enumerate(self.modules):
            col = 0
            y = self.side - (r + QUIET_ZONE + 1) * box
            for dark, run in itertools.groupby(row):
                length = len(list(run))
                if dark:
                    x = (col + QUIET_ZONE) * box
                    canvas.rect(x, y, length * box, box, stroke=0, fill=1)
                col += length
        canvas.restoreState()
