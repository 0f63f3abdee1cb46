"""The command line: scripting and support surface over the same services as the GUI.

``complaint-desk`` alone opens the GUI (see ui.launcher); every sub-command here
is Qt-free.  Bad input exits 2 with one clear line per problem on stderr.
"""

from __future__ import annotations

import argparse
import errno
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import DatabaseError

from app.clock import beijing
from app.db.engine import store_error
from app.desk import Desk, open_desk
from app.domain.deadlines import legal_limit_roll
from app.domain.states import CaseAction, DueStatus
from app.domain.text import excerpt
from app import cli_letters
from app.cli_options import DeskArgumentParser, bounded_float, bounded_int
from app.cli_keys import add_audit_head, add_key_commands, cmd_audit_head, cmd_keys_export, cmd_keys_import, cmd_status
from app.errors import DeskError, Problem, ValidationError
from app.json_input import MAX_BYTES, decode_json_document
from app.logs import setup_logging
from app.progress import ProgressLine
from app.output_file import check_output_path
from app.paths import resolve_paths
from app.roles import Role
from app.services import case_actions as acts
from app.services.audit import verify_audit_log
from app.services.cases import register_case, transition
from app.services.identity import Actor, add_operator, get_actor, list_operators, require_desk_info, set_desk_identity
from app.services.intake import parse_intake
from app.services.masked_detail import mask_detail_text
from app.services.case_search import search_cases
from app.services.queries import CaseFilter, DueFilter, case_detail, export_case_rows
from app.settings import Settings, load_settings
from app.terminal import any_unsafe, one_line, terminal_safe_output, unguarded

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
# More lines than this would bury the first problems (and a hostile file can have thousands).
MAX_ERROR_LINES = 20


class _DeskParser(DeskArgumentParser):
    """The top-level parser; it reads ``receipt check TEXT`` as the ``receipt-check`` command."""

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        routed = _route_receipt_check(sys.argv[1:] if args is None else args)
        return super().parse_known_args(routed, namespace)


def build_parser() -> argparse.ArgumentParser:
    p = _DeskParser(prog="complaint-desk", description="Complaint Desk (投诉接待工作站)")
    p.add_argument("--data-dir", help="folder for the store, settings and recordings "
                                      "(default: $COMPLAINT_DESK_HOME or the user data folder)")
    p.add_argument("--lang", choices=["zh_CN", "en"], help="interface language (GUI)")
    p.add_argument("--operator", metavar="STAFF_NO", help="act as this operator (default: the desk's first)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=DeskArgumentParser)

    init = sub.add_parser("init", help="set the desk identity (branch, desk) and its first operator")
    init.add_argument("--branch", required=True, help="branch code, e.g. 0591")
    init.add_argument("--branch-name", required=True, help="branch name, e.g. 福州分行营业部")
    init.add_argument("--desk", required=True, help="desk code, e.g. W01")
    init.add_argument("--bank-name", default="", help="bank name printed on receipts")
    init.add_argument("--staff-no", default="0001", help="first operator's staff number (default 0001)")
    init.add_argument("--operator-name", default="管理员", help="first operator's name")

    op = sub.add_parser("operator", help="desk operators").add_subparsers(dest="op_command", metavar="ACTION")
    op_add = op.add_parser("add", help="add an operator")
    op_add.add_argument("--staff-no", required=True)
    op_add.add_argument("--name", required=True)
    op_add.add_argument("--role", choices=[r.value for r in Role], default=Role.RECEPTIONIST.value)
    op.add_parser("list", help="list operators")

    case = sub.add_parser("case", help="register, list and work cases").add_subparsers(
        dest="case_command", metavar="ACTION")
    add = case.add_parser("add", help="register a case from JSON (see README for the fields)")
    add.add_argument("--json", required=True, metavar="FILE", help="JSON file, or - for standard input")
    lst = case.add_parser("list", help="list cases, newest first")
    lst.add_argument("--json", action="store_true", help="JSON lines output")
    lst.add_argument("--search", default="", help="case number, name, phone tail or ID tail")
    lst.add_argument("--state", action="append", default=[], help="only this state (repeatable)")
    lst.add_argument("--due", choices=[d.value for d in DueFilter], default="all")
    lst.add_argument("--limit", type=bounded_int(0, 1_000_000), default=0,
                     help="at most N rows, 0 to 1,000,000 (0 = all)")
    show = case.add_parser("show", help="one case with its timeline")
    show.add_argument("number")
    show.add_argument("--json", action="store_true")
    show.add_argument("--reveal", action="store_true", help="unmask personal data (role-checked, audited)")
    show.add_argument("--reason", default="", help="why personal data is revealed (audited)")
    for name in ("accept", "start", "pause", "resume", "withdraw", "decline", "request-review", "record-review"):
        a = case.add_parser(name, help=f"{name.replace('-', ' ')} a case")
        a.add_argument("number")
        a.add_argument("--reason", default="")
    ext = case.add_parser("extend", help="extend the decision deadline (level 1: 30 days, level 2: 60)")
    ext.add_argument("number")
    ext.add_argument("--level", type=int, choices=[1, 2], required=True)
    ext.add_argument("--reason", required=True)
    ext.add_argument("--approver", default="", help="supervisor staff number (level 2)")
    nf = case.add_parser("new-facts", help="record new facts (restarts the clock)")
    nf.add_argument("number")
    nf.add_argument("--facts", required=True)
    dec = case.add_parser("decide", help="record the decision in its four sections")
    dec.add_argument("number")
    for s in ("verified", "basis", "outcome", "remedies"):
        dec.add_argument(f"--{s}", required=True)
    cl = case.add_parser("close", help="close a decided case")
    cl.add_argument("number")
    cl.add_argument("--root-cause", required=True)
    cl.add_argument("--rectification", default="")
    cl.add_argument("--satisfaction", required=True,
                    choices=[s.value for s in acts.Satisfaction])
    cl.add_argument("--surveyed-by", required=True, help="staff number of who did the follow-up")
    cl.add_argument("--survey-note", default="")
    ho = case.add_parser("hand-over", help="hand the case to another operator")
    ho.add_argument("number")
    ho.add_argument("--to", required=True, help="staff number")
    ho.add_argument("--reason", required=True)
    note = case.add_parser("note", help="add a note to the timeline")
    note.add_argument("number")
    note.add_argument("--text", required=True)

    rc = sub.add_parser("receipt", help="write the acknowledgement receipt (受理回执) of a case as PDF")
    rc.add_argument("number")
    rc.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    rc.add_argument("--layout", choices=["a4", "a5", "80mm"], help="paper (default: the desk setting)")
    rp = sub.add_parser("report", help="write the full case report (投诉处理档案) as PDF")
    rp.add_argument("number")
    rp.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    cli_letters.add_letter_parser(sub)
    pr = sub.add_parser("print", help="print a case's receipt, report or letter through CUPS")
    pr.add_argument("number")
    which = pr.add_mutually_exclusive_group(required=True)
    which.add_argument("--receipt", action="store_true")
    which.add_argument("--report", action="store_true")
    cli_letters.add_print_options(pr, which)
    pr.add_argument("--printer", help="CUPS queue (default: the desk setting, else the system default)")
    pr.add_argument("--layout", choices=["a4", "a5", "80mm"], help="receipt paper (default: the desk setting)")
    pr.add_argument("--timeout", type=bounded_float(0, 3600), default=60.0,
                    help="seconds to wait for the printer (default 60, at most 3600)")

    # `receipt check TEXT` (main() routes it here: `receipt` itself takes a case number).
    rc.epilog = "receipt check TEXT: check a receipt (QR payload, or case number and printed code)"
    chk = sub.add_parser("receipt-check", description="check a receipt (核验回执): exit 0 genuine, 1 not genuine "
                         "or unknown case")
    chk.add_argument("text", nargs="+", help="the QR payload, or the case number and the printed code")

    rec = sub.add_parser("record", help="record the reception headless (audio + video) and attach it to the case")
    rec.add_argument("number")
    rec.add_argument("--seconds", required=True, help="length, 1 to 28800 (8 hours)")
    rec.add_argument("--source", help="demo, camera:N or file:VIDEO[,AUDIO] (default: the desk's camera "
                                      "setting, else camera:0); a missing device refuses to record")
    rec.add_argument("--microphone", help="with camera:N: PortAudio input number or name "
                                          "(default: the desk setting, else the system default)")
    rec.add_argument("--told", action="store_true",
                     help="confirm the complainant was told about the recording (needed before the first one)")
    rec.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT, 160x120 to 3840x2160 (default 1280x720)")
    rec.add_argument("--fps", default="25", help="frames a second, 5 to 60 (default 25)")
    sub.add_parser("recover", help="finish, sign and attach recordings left without a manifest by a crash")
    ver = sub.add_parser("verify", help="re-hash recordings, check signatures and chains; non-zero on any mismatch")
    ver.add_argument("number", nargs="?", help="one case (default: all)")

    demo = sub.add_parser("demo-data", help="add N realistic synthetic cases")
    demo.add_argument("count", type=bounded_int(0, 1_000_000))
    demo.add_argument("--seed", type=bounded_int(0, 2**63 - 1), default=20261126)

    audit = sub.add_parser("audit", help="audit log").add_subparsers(dest="audit_command", metavar="ACTION")
    audit.add_parser("verify", help="check the keyed chain, the guard triggers and that every case event "
                                    "has its line; non-zero exit on any tampering")
    add_audit_head(audit)
    add_key_commands(sub)
    return p


def _err(out: TextIO, exc: DeskError) -> int:
    problems = exc.problems if isinstance(exc, ValidationError) else [exc.as_problem()]
    shown = problems if len(problems) <= MAX_ERROR_LINES else problems[: MAX_ERROR_LINES - 1]
    # A message may quote an input (a case number, a path): never more than a short excerpt of it.
    lines = [f"error: {excerpt(p.field or 'input', 80)}: {excerpt(p.message, 200)} [{p.code}]" for p in shown]
    if len(shown) < len(problems):
        lines.append(f"error: input: {len(problems) - len(shown)} more problem(s) not shown [more_problems]")
    # Fields and messages may carry pieces of the input: never a raw control character.
    out.write("".join(one_line(line) + "\n" for line in lines))
    return EXIT_USAGE


def _actor(desk: Desk, staff_no: str | None) -> Actor:
    with desk.read() as s:
        require_desk_info(s)
        return get_actor(s, staff_no=staff_no)


def _read_json(src: str) -> Any:
    """The JSON value in file ``src`` (``-``: standard input); ValidationError on anything else.

    At most MAX_BYTES + 1 bytes are read, so a huge or endless input costs nothing.
    """
    if "\x00" in src:
        raise OSError(errno.EINVAL, "not a valid file name (NUL character)")
    if src == "-":
        if sys.stdin is None:
            raise OSError(errno.EBADF, "there is no standard input")
        stream = getattr(sys.stdin, "buffer", None)
        raw = stream.read(MAX_BYTES + 1) if stream is not None else sys.stdin.read(MAX_BYTES + 1).encode(
            "utf-8", "surrogateescape")
    else:
        with open(src, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    return decode_json_document(raw)


def cmd_init(desk: Desk, a: argparse.Namespace) -> int:
    with desk.write() as s:
        info = set_desk_identity(s, desk.clock, branch_code=a.branch, branch_name=a.branch_name,
                                 desk_code=a.desk, bank_name=a.bank_name)
        if not list_operators(s):
            try:
                add_operator(s, desk.clock, staff_no=a.staff_no, name=a.operator_name, role=Role.ADMIN.value)
            except ValidationError as exc:  # name the options the user typed, not the service's fields
                renamed = {"name": "operator-name", "staff_no": "staff-no"}
                raise ValidationError([replace(p, field=renamed.get(p.field, p.field))
                                       for p in exc.problems]) from exc
    print(f"desk {info.branch_code}-{info.desk_code} ({info.branch_name}) ready in {desk.paths.data}")
    return EXIT_OK


def cmd_operator(desk: Desk, a: argparse.Namespace) -> int:
    if a.op_command == "add":
        with desk.write() as s:
            actor = add_operator(s, desk.clock, staff_no=a.staff_no, name=a.name, role=a.role)
        print(f"operator {actor.staff_no} {actor.name} ({actor.role}) added")
    else:
        with desk.read() as s:
            for o in list_operators(s):
                print(f"{one_line(o.staff_no)}\t{one_line(o.name)}\t{o.role}")
    return EXIT_OK


def cmd_case_add(desk: Desk, a: argparse.Namespace) -> int:
    try:
        data = _read_json(a.json)
    except OSError as exc:
        return _err(sys.stderr, ValidationError([Problem(
            "unreadable", "input", f"cannot read {excerpt(a.json, 80)}: {exc.strerror or type(exc).__name__}")]))
    actor = _actor(desk, a.operator)
    intake = parse_intake(data, desk.rules, desk.reference, desk.clock())
    with desk.write() as s:
        change = register_case(s, desk.rulebook, actor, intake)
    print(change.case_number)
    return EXIT_OK


#: The due column of the plain ``case list`` (on time and due soon show the days left instead).
_DUE_FLAGS = {DueStatus.OVERDUE: "OVERDUE", DueStatus.PAUSED: "PAUSED", DueStatus.DECIDED: "DECIDED",
              DueStatus.CLOSED: "ENDED"}


def cmd_case_list(desk: Desk, a: argparse.Namespace) -> int:
    flt = CaseFilter(text=a.search, states=tuple(a.state), due=DueFilter(a.due))
    out = sys.stdout
    today = desk.rulebook.today()
    if a.json:
        with desk.read() as s:
            items = export_case_rows(s, desk.rulebook, flt)
        if a.limit:
            items = items[: a.limit]
        # One C-encoder pass and one write: 100,000 rows in well under a second. JSON escapes
        # C0 controls itself; the only free text (name, phone) is checked for the rest at once.
        if not any_unsafe(str(i.get(k) or "") for i in items for k in ("complainant", "phone")):
            out = unguarded(out)
        out.write(json.dumps(items, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        return EXIT_OK
    with desk.read() as s:
        rows = search_cases(s, desk.rulebook, flt, limit=a.limit or 1_000_000_000)
    lines = []
    soon_days = desk.rules.due_soon_days
    roll = legal_limit_roll(desk.rules, desk.calendar)
    for row in rows:
        status = row.due_status(today, soon_days)
        shown = row.shown(today, roll)  # a paused case's dates move on with today, as in case show
        flag = _DUE_FLAGS.get(status) or f"{shown.days_left}d"
        # A stored name with a tab or line break must not make a row of its own.
        lines.append(f"{row.case_number}\t{beijing(row.received_at).strftime('%Y-%m-%d %H:%M')}\t"
                     f"{one_line(row.complainant_name)}\t{one_line(row.complainant_phone_masked)}\t{row.state}\t"
                     f"{shown.nominal_due}\t{flag}\n")
    out.write("".join(lines))
    return EXIT_OK


def cmd_case_show(desk: Desk, a: argparse.Namespace) -> int:
    actor = _actor(desk, a.operator) if a.reveal else None
    if a.reveal and not a.reason.strip():
        print("error: reason: say why personal data is revealed (--reason) [required]", file=sys.stderr)
        return EXIT_USAGE
    with desk.write() if a.reveal else desk.read() as s:
        d = case_detail(s, desk.rulebook, a.number, reveal_for=actor, reveal_reason=a.reason)
    d = mask_detail_text(d)  # masked output masks free text too (an ID typed into the facts)
    dl = d.deadline
    data = {
        "id": d.id, "number": d.case_number, "state": d.state, "received_at": d.received_at.isoformat(),
        "due_date": dl.nominal_due.isoformat(), "legal_limit": dl.legal_limit.isoformat(),
        "days_left": dl.days_left, "due_status": dl.status.value, "overdue": dl.overdue, "paused": dl.paused,
        "ended_late": dl.ended_late, "limit_days": dl.limit_days,
        "clock_stopped_on": dl.clock_stopped_on.isoformat() if dl.clock_stopped_on else None,
        "rules_version": d.rules_version, "masked": d.masked,
        "classification": {"channel": d.channel, "business": d.business, "reason": d.reason,
                           "demand": d.demand, "version": d.reference_version},
        "request": d.request, "facts": d.facts, "grounds": d.grounds, "card_number": d.card_number,
        "complained_institution": d.complained_institution, "complained_staff": d.complained_staff,
        "first_responder": d.first_responder, "owner": d.owner, "decision": d.decision,
        "root_cause": d.root_cause, "rectification": d.rectification, "satisfaction": d.satisfaction,
        "parties": [p.__dict__ for p in d.parties],
        "events": [{"seq": e.seq, "kind": e.kind, "at": e.at.isoformat(), "operator": e.operator,
                    "state_before": e.state_before, "state_after": e.state_after, "reason": e.reason,
                    "data": e.data} for e in d.events],
    }
    if a.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    ref = desk.reference
    c = d.complainant
    print(f"{d.case_number}  [{d.state}]  received {beijing(d.received_at).strftime('%Y-%m-%d %H:%M')}")
    print(f"due {dl.nominal_due} (legal limit {dl.legal_limit}, {dl.limit_days} days, rules {d.rules_version})"
          + ("  PAUSED" if dl.paused else "") + ("  OVERDUE" if dl.overdue else "")
          + ("  (ended after the legal limit)" if dl.ended_late else ""))
    print(f"complainant {one_line(c.name)}  ID {one_line(c.id_number)}  phone {one_line(c.phone)}  "
          f"address {one_line(c.address)}")
    for axis, code in (("channel", d.channel), ("business", d.business), ("reason", d.reason),
                       ("demand", d.demand)):
        print(f"{axis:9} {ref.label(axis, code)}")
    print(f"request  {d.request}\nfacts    {d.facts}")
    print(f"owner    {d.owner} {one_line(d.owner_name)} (first responder {d.first_responder})")
    for e in d.events:
        print(f"  #{e.seq:<3} {beijing(e.at).strftime('%Y-%m-%d %H:%M')} {e.kind:15} {e.operator:6} "
              f"{one_line(e.reason)}")
    return EXIT_OK


_PLAIN: dict[str, CaseAction] = {
    "accept": CaseAction.ACCEPT, "start": CaseAction.START, "pause": CaseAction.PAUSE,
    "resume": CaseAction.RESUME, "withdraw": CaseAction.WITHDRAW, "decline": CaseAction.DECLINE,
    "request-review": CaseAction.REQUEST_REVIEW, "record-review": CaseAction.RECORD_REVIEW,
}


def cmd_case_action(desk: Desk, a: argparse.Namespace) -> int:
    actor = _actor(desk, a.operator)
    rb = desk.rulebook
    with desk.write() as s:
        cc = a.case_command
        if cc in _PLAIN:
            change = transition(s, rb, actor, a.number, _PLAIN[cc], reason=a.reason)
        elif cc == "extend":
            change = acts.extend_deadline(s, rb, actor, a.number, level=a.level, reason=a.reason,
                                          approver_staff_no=a.approver)
        elif cc == "new-facts":
            change = acts.add_new_facts(s, rb, actor, a.number, facts=a.facts)
        elif cc == "decide":
            change = acts.record_decision(s, rb, actor, a.number, verified=a.verified, basis=a.basis,
                                          outcome=a.outcome, remedies=a.remedies)
        elif cc == "close":
            change = acts.close_case(s, rb, actor, a.number, root_cause=a.root_cause, rectification=a.rectification,
                                     satisfaction=a.satisfaction, surveyed_by_staff_no=a.surveyed_by,
                                     survey_note=a.survey_note)
        elif cc == "hand-over":
            change = acts.hand_over(s, rb, actor, a.number, to_staff_no=a.to, reason=a.reason)
        else:
            change = acts.add_note(s, rb, actor, a.number, text=a.text)
    print(f"{change.case_number} {change.state} due {change.nominal_due} (limit {change.legal_limit})")
    return EXIT_OK


def cmd_demo(desk: Desk, a: argparse.Namespace) -> int:
    from app.services.demo import add_demo_cases

    with desk.write() as s:
        require_desk_info(s)
        actors = list_operators(s)
        staff = {o.staff_no for o in actors}
        for no, name, role in (("1024", "林晓", "receptionist"), ("2048", "陈主管", "supervisor")):
            if no not in staff:
                actors.append(add_operator(s, desk.clock, staff_no=no, name=name, role=role))
    done = 0
    batch = 500
    with ProgressLine("demo-data", a.count) as progress:
        while done < a.count:
            n = min(batch, a.count - done)
            with desk.write() as s:
                add_demo_cases(s, desk.rulebook, actors, n, seed=a.seed + done, on_case=progress.advance)
            done += n
    print(f"added {a.count} demo cases")
    return EXIT_OK


def _settings(desk: Desk) -> Settings:
    settings, problems = load_settings(desk.paths.settings_file)
    for problem in problems:
        print(f"warning: settings: {problem} [{problem.code}]", file=sys.stderr)
    return settings


def cmd_document(desk: Desk, a: argparse.Namespace) -> int:
    # PDF and printing libraries load only for the commands that use them.
    from app import printing
    from app.services import documents as docs

    actor = _actor(desk, a.operator)
    settings = _settings(desk)
    contacts = docs.contacts_from_settings(settings)
    deliver: Callable[[docs.BuiltDocument], str]
    letter = cli_letters.letter_kind(a)
    if a.command == "print":
        kind = docs.DocumentKind.RECEIPT if a.receipt else docs.DocumentKind.REPORT
        setting_key = "receipt" if a.receipt else "case_report"
        if letter:
            kind, setting_key = docs.letter_document(letter), cli_letters.printer_setting(letter)
        printer = printing.check_printer(a.printer or settings.printers.get(setting_key) or None)

        def to_printer(built: docs.BuiltDocument) -> str:
            job = printing.print_pdf(built.pdf, printer, f"{built.case_number} {kind.value}", timeout=a.timeout)
            return f"printer:{job.printer}"

        deliver = to_printer
    else:
        kind = docs.DocumentKind.RECEIPT if a.command == "receipt" else docs.DocumentKind.REPORT
        kind = docs.letter_document(letter) if letter else kind
        # A wrong destination is refused before anything is rendered or written to the store.
        check_output_path(Path(a.output))
        deliver = docs.write_pdf_file(Path(a.output))
    layout = getattr(a, "layout", None) or settings.receipt_layout
    issued = docs.issue_document(desk, actor, a.number, kind, contacts=contacts, deliver=deliver, layout=layout,
                                 delivered=cli_letters.delivered_channel(a) if letter else "")
    mark = f" (reprint, copy {issued.count})" if issued.count > 1 else ""
    notice = f"; notice recorded ({a.delivered})" if issued.delivered else ""
    print(f"{issued.case_number} {kind.value} -> {issued.destination}{mark}{notice}")
    return EXIT_OK


def cmd_receipt_check(desk: Desk, a: argparse.Namespace) -> int:
    from app.services.receipt_check import Verdict, check_receipt
    from reports.verification import desk_receipt_key

    actor = _actor(desk, a.operator)
    text = " ".join(a.text)
    key = desk_receipt_key()
    with desk.write() as s:
        found = check_receipt(s, desk.rulebook, actor, text, key)
    if found.verdict is Verdict.UNKNOWN_CASE:
        print(f"UNKNOWN CASE: no case {found.case_number} at this desk; the receipt cannot be confirmed")
        return EXIT_FAIL
    assert found.received_at is not None
    when = beijing(found.received_at).strftime("%Y-%m-%d %H:%M")
    if found.verdict is Verdict.NOT_GENUINE:
        print(f"NOT GENUINE: the code does not match the receipt issued for {found.case_number} "
              f"(received {when})")
        return EXIT_FAIL
    print(f"GENUINE: {found.case_number}, received {when} (Beijing), state {found.state}")
    return EXIT_OK


def cmd_record(desk: Desk, a: argparse.Namespace) -> int:
    from dataclasses import replace

    from app import recording_options as ro
    from app.services import recordings as recs
    from app.stop_signals import StopSignals
    from recording.api import open_default_sources, record_for

    settings = _settings(desk)
    opts = ro.check_record_options(
        seconds=a.seconds, size=a.size, fps=a.fps, microphone=a.microphone,
        default_microphone=settings.microphone_device,
        source=a.source if a.source is not None else ro.source_from_settings(settings.camera_device))
    actor = _actor(desk, a.operator)
    # From here on Ctrl-C / SIGTERM only ask to stop: a recording under way is finalised, signed and attached.
    with StopSignals() as signals:
        recs.recover_unfinished(desk, actor)  # a crash may have left one behind: chain it first
        with desk.read() as s:
            told_before = recs.notice_given(s, a.number)
        if not told_before and not a.told:
            print("error: notice: confirm that the complainant was told about the recording (--told) "
                  "[recording_notice_required]", file=sys.stderr)
            return EXIT_USAGE
        if signals.received is not None:
            return _record_interrupted(signals.name, signals.exit_code)
        # Devices are opened before anything is written: a missing one refuses with nothing on the case.
        sources = open_default_sources(str(opts.source), width=opts.width, height=opts.height, fps=opts.fps,
                                       microphone=opts.microphone, allow_fallback=ro.demo_mode())
        try:
            for note in sources.notes:
                print(f"note: demo mode: {note}", file=sys.stderr)
            # The service checks the notice, takes the operator at start and journals the file.
            with desk.write() as s:
                started = recs.begin_recording(s, desk.rulebook, actor, a.number, desk.paths.recordings,
                                               told=True, notice_text=settings.recording_notice)
            meta = started.meta
            try:
                result = record_for(opts.seconds, sources, desk.paths.recordings, meta,
                                    started.previous_manifest_hash, path=started.path,
                                    signing_key=started.signing_key,
                                    expected_bytes_per_s=started.expected_bytes_per_s, stop=signals.event)
            except DeskError as exc:  # it never started, or kept nothing: the journal says so
                with desk.write() as s:
                    recs.abandon_recording(s, desk.rulebook, started.recording_id, exc.code)
                if signals.received is not None and exc.code == "nothing_recorded":
                    return _record_interrupted(signals.name, signals.exit_code)
                raise
        finally:
            sources.close()
        if signals.received is not None:
            result = replace(result, message=f"stopped by {signals.name} after {result.duration_s:.1f} s "
                                             f"of {opts.seconds:g} s")
        with desk.write() as s:
            recs.attach_recording(s, desk.rulebook, actor, a.number, result)
        if signals.received is not None:
            note = f" (stopped early by {signals.name}; saved, signed and attached)"
        elif result.stopped_reason not in ("time_limit", "requested"):
            note = (f" (stopped early: {result.stopped_reason}{': ' + result.message if result.message else ''}; "
                    "kept, signed and attached to the case)")
        else:
            note = ""
        print(f"{meta.case_number} recorded {result.duration_s:.1f} s, {result.frames} frames "
              f"({result.dropped_frames} dropped), {result.size_bytes / 1e6:.1f} MB -> {result.path.name}; "
              f"sha256 {result.sha256[:16]}...{note}")
        return signals.exit_code if signals.received is not None else EXIT_OK


def _record_interrupted(signal_name: str, code: int) -> int:
    print(f"error: record: interrupted by {signal_name} before the recording started; nothing was recorded "
          "[interrupted]", file=sys.stderr)
    return code


def cmd_recover(desk: Desk, a: argparse.Namespace) -> int:
    from app.services import recordings as recs

    actor = _actor(desk, a.operator)
    done = recs.recover_unfinished(desk, actor)
    for number, result in done.recovered:
        problem = f"; {result.message}" if result.problem else ""
        print(f"{number} recovered {result.duration_s:.1f} s -> {result.path.name}{problem}")
    for name in done.foreign:
        print(f"foreign {name}: not a recording this desk started; left untouched")
    for name, why in done.failed:
        print(f"error: recording: {name} could not be recovered: {why} [recovery_failed]", file=sys.stderr)
    print(f"recovered {len(done.recovered)} recording(s)"
          + (f", {len(done.foreign)} foreign file(s) left alone" if done.foreign else "")
          + (f", {len(done.failed)} failed" if done.failed else ""))
    return EXIT_FAIL if done.failed else EXIT_OK


def cmd_verify(desk: Desk, a: argparse.Namespace) -> int:
    from app.services.recording_verify import verify_recordings

    found = verify_recordings(desk, a.number)
    for problem in found.problems:
        print(f"MISMATCH {problem.field}: {problem.message} [{problem.code}]", file=sys.stderr)
    for note in found.notes:
        print(f"note: {note}")
    if found.problems:
        print(f"recordings FAILED: {len(found.problems)} problem(s) in {found.checked} recording(s)")
        return EXIT_FAIL
    print(f"recordings ok: {found.checked} recording(s), hashes, signatures, chains and the case events agree; "
          "no unknown files")
    return EXIT_OK


def cmd_audit(desk: Desk, a: argparse.Namespace) -> int:
    if a.audit_command == "head":
        return cmd_audit_head(desk, a)
    with desk.read() as s:
        report = verify_audit_log(s)
    for problem in report.problems:
        print(f"TAMPERED {problem}", file=sys.stderr)
    if report.ok:
        print(f"audit log ok: {report.entries} entries, chain intact")
        return EXIT_OK
    print(f"audit log FAILED: {len(report.problems)} problem(s) in {report.entries} entries")
    return EXIT_FAIL


COMMANDS: dict[str, Callable[[Desk, argparse.Namespace], int]] = {
    "init": cmd_init, "operator": cmd_operator, "demo-data": cmd_demo, "audit": cmd_audit,
    "receipt": cmd_document, "report": cmd_document, "print": cmd_document, "letter": cmd_document,
    "record": cmd_record, "verify": cmd_verify, "recover": cmd_recover, "receipt-check": cmd_receipt_check,
    "keys": cmd_keys_export, "status": cmd_status,
}


_VALUE_OPTIONS = ("--data-dir", "--lang", "--operator")


def _route_receipt_check(argv: Sequence[str]) -> list[str]:
    """``receipt check TEXT`` as the ``receipt-check`` command (``receipt`` alone takes a case number)."""
    args = list(argv)
    i = 0
    while i < len(args) and args[i].startswith("-"):
        i += 2 if args[i] in _VALUE_OPTIONS else 1
    if args[i:i + 2] == ["receipt", "check"]:
        args[i:i + 2] = ["receipt-check"]
    return args


def run_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run one sub-command; returns the exit status (2 with one line per problem on bad input)."""
    with terminal_safe_output():
        try:
            if "\x00" in str(args.data_dir or ""):
                raise OSError(errno.EINVAL, "not a valid folder name (NUL character)")
            paths = resolve_paths(args.data_dir).ensure()
        except OSError as exc:
            return _err(sys.stderr, DeskError(f"cannot use {excerpt(str(args.data_dir or ''), 80)}: "
                                              f"{exc.strerror or type(exc).__name__}", code="data_dir",
                                              field="data-dir"))
        setup_logging(paths)
        if args.command == "keys" and args.keys_command != "export":
            if args.keys_command is None:
                parser.parse_args(["keys", "--help"])
            try:  # before the store opens: its keys may be what is missing
                return cmd_keys_import(paths, args, args.data_dir)
            except DeskError as exc:
                return _err(sys.stderr, exc)
        try:
            desk = open_desk(args.data_dir)
        except DeskError as exc:
            return _err(sys.stderr, exc)
        except DatabaseError as exc:
            return _err(sys.stderr, store_error(exc))
        try:
            return _run(desk, args, parser)
        except DatabaseError as exc:
            return _err(sys.stderr, store_error(exc))
        finally:
            desk.close()


def _run(desk: Desk, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        if args.command == "case":
            if args.case_command is None:
                parser.parse_args(["case", "--help"])
            handler = {"add": cmd_case_add, "list": cmd_case_list, "show": cmd_case_show}.get(
                args.case_command, cmd_case_action)
            return handler(desk, args)
        if args.command == "audit" and args.audit_command is None:
            parser.parse_args(["audit", "--help"])
        if args.command == "operator" and args.op_command is None:
            args.op_command = "list"
        return COMMANDS[args.command](desk, args)
    except DeskError as exc:
        return _err(sys.stderr, exc)
    except BrokenPipeError:  # e.g. `case list | head`
        return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already reported on stderr
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return run_command(args, parser)


if __name__ == "__main__":
    raise SystemExit(main())
