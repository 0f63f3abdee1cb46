"""Sending PDFs to a printer through CUPS (pycups), without Qt.

Used by the CLI and by any caller without a GUI.  A document counts as printed
only when CUPS reports its job *completed*; a job that was aborted or cancelled,
or is still waiting when the time is up (it is then cancelled), raises, so a
failed print is never counted.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from app.errors import DeskError

# IPP job states (RFC 8011 5.3.7).
_PENDING, _HELD, _PROCESSING, _STOPPED, _CANCELED, _ABORTED, _COMPLETED = range(3, 10)
_STATE_TEXT = {_CANCELED: "cancelled", _ABORTED: "aborted by the printer", _STOPPED: "stopped"}


@dataclass(frozen=True)
class PrintJob:
    printer: str
    job_id: int


def _connection() -> Any:
    try:
        import cups  # pycups: the OpenPrinting bindings to libcups
    except ImportError as exc:  # pragma: no cover - bootstrap installs it
        raise DeskError("printing needs pycups (scripts/bootstrap installs it)", code="printing_unavailable",
                        field="printer") from exc
    try:
        return cups.Connection()
    except RuntimeError as exc:
        raise DeskError("no print service (CUPS) is running on this machine", code="printing_unavailable",
                        field="printer") from exc


def list_printers() -> list[str]:
    """Names of the print queues CUPS knows."""
    return sorted(_connection().getPrinters())


def check_printer(name: str | None) -> str:
    """The queue to use for ``name`` (None: the system default); DeskError 'unknown_printer' if none."""
    conn = _connection()
    printers = sorted(conn.getPrinters())
    chosen = name or conn.getDefault() or ""
    if not chosen:
        raise DeskError("no printer given and no default printer is set", code="no_printer", field="printer",
                        available=printers)
    if chosen not in printers:
        raise DeskError(f"unknown printer {chosen!r}" + (f"; available: {', '.join(printers)}" if printers
                                                          else "; no printers are set up"),
                        code="unknown_printer", field="printer", printer=chosen, available=printers)
    return str(chosen)


def submit(pdf: bytes, printer: str, title: str) -> PrintJob:
    conn = _connection()
    fd, path = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pdf)
        job_id = conn.printFile(printer, path, title, {"document-format": "application/pdf"})
    except Exception as exc:  # pycups raises cups.IPPError, a plain Exception subclass
        raise DeskError(f"the printer {printer} refused the job: {exc}", code="print_failed",
                        field="printer") from exc
    finally:
        os.unlink(path)
    return PrintJob(printer, int(job_id))


def wait_for_completion(job: PrintJob, *, timeout: float = 60.0, poll: float = 0.2) -> None:
    """Return once CUPS reports the job completed; otherwise cancel it and raise DeskError 'print_failed'."""
    conn = _connection()
    deadline = time.monotonic() + timeout
    while True:
        state = int(conn.getJobAttributes(job.job_id, requested_attributes=["job-state"])["job-state"])
        if state == _COMPLETED:
            return
        if state in _STATE_TEXT:
            if state == _STOPPED:
                conn.cancelJob(job.job_id)
            raise DeskError(f"print job {job.job_id} on {job.printer} was {_STATE_TEXT[state]}; "
                            "it is not counted as printed", code="print_failed", field="printer", job=job.job_id)
        if time.monotonic() >= deadline:
            conn.cancelJob(job.job_id)
            raise DeskError(f"the printer {job.printer} did not finish job {job.job_id} in {timeout:.0f} s; "
                            "the job was cancelled and is not counted as printed",
                            code="print_failed", field="printer", job=job.job_id)
        time.sleep(poll)  # an external spooler's job state: there is no event to wait on


def last_job_id() -> int:
    """The highest job id this user has had from CUPS so far (0 when none), to tell later jobs apart."""
    jobs = _connection().getJobs(which_jobs="all", my_jobs=True, requested_attributes=["job-id"])
    return max((int(j) for j in jobs), default=0)


def find_job(printer: str, title: str, *, after: int) -> PrintJob | None:
    """The newest job named ``title`` on ``printer`` submitted after job ``after``, if CUPS still lists it.

    For jobs submitted by someone else's code (Qt's print engine names its job
    after the document), so their outcome can be waited for like our own.
    """
    jobs = _connection().getJobs(which_jobs="all", my_jobs=True, first_job_id=after + 1,
                                 requested_attributes=["job-id", "job-name", "job-printer-uri"])
    found = [int(job_id) for job_id, attrs in jobs.items()
             if int(job_id) > after and attrs.get("job-name") == title
             and str(attrs.get("job-printer-uri", "")).rstrip("/").rsplit("/", 1)[-1] == printer]
    return PrintJob(printer, max(found)) if found else None


def print_pdf(pdf: bytes, printer: str | None, title: str, *, timeout: float = 60.0) -> PrintJob:
    """Print and wait until CUPS confirms; raises DeskError on any failure."""
    queue = check_printer(printer)
    job = submit(pdf, queue, title)
    wait_for_completion(job, timeout=timeout)
    return job
