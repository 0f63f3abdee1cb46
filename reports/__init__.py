"""Printed documents: the acknowledgement receipt and the archived case report.

Builders are Qt-free and take only the frozen dataclasses of :mod:`reports.data`:

- :func:`reports.receipt.build_receipt` (A4, A5, 80 mm roll) -> PDF bytes
- :func:`reports.case_report.build_case_report` -> PDF bytes, and
  :func:`reports.case_report.report_fingerprint`
- :mod:`reports.verification`: the receipt's keyed verification code and QR payload
- :func:`reports.fonts.safe_text`: the glyph guard every printed string passes

Printing adapters (preview, printer selection) belong to the GUI and the CLI.
"""
