"""The command line: scripting and support surface over the same services as the GUI.

``complaint-desk`` alone opens the GUI (see ui.launcher); every sub-command here
is Qt-free.  Bad input exits 2 with one clear line per problem on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from app.clock import beijing
from app.desk import Desk, open_desk
from app.domain.states import CaseAction
from app.errors import DeskError, ValidationError
from app.logs import setup_logging
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

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="complaint-desk", description="Complaint Desk (投诉接待工作站)")
    p.add_argument("--data-dir", help="folder for the store, settings and recordings "
                                      "(default: $COMPLAINT_DESK_HOME or the user data folder)")
    p.add_argument("--lang", choices=["zh_CN", "en"], help="interface language (GUI)")
    p.add_argument("--operator", metavar="STAFF_NO", help="act as this operator (default: the desk's first)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

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
    lst.add_argument("--limit", type=int, default=0, help="at most N rows (0 = all)")
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
    pr = sub.add_parser("print", help="print a case's receipt or report through CUPS")
    pr.add_argument("number")
    which = pr.add_mutually_exclusive_group(required=True)
    which.add_argument("--receipt", action="store_true")
    which.add_argument("--report", action="store_true")
    pr.add_argument("--printer", help="CUPS queue (default: the desk setting, else the system default)")
    pr.add_argument("--layout", choices=["a4", "a5", "80mm"], help="receipt paper (default: the desk setting)")
    pr.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the printer (default 60)")

    rec = sub.add_parser("record", help="record the reception headless (audio + video) and attach it to the case")
    rec.add_argument("number")
    rec.add_argument("--seconds", type=float, required=True)
    rec.add_argument("--source", default="", help="demo, camera:N or file:VIDEO[,WAV] (default: the desk "
                                                   "setting; demo when no camera is attached)")
    rec.add_argument("--told", action="store_true",
                     help="confirm the complainant was told about the recording (needed before the first one)")
    rec.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT (default 1280x720)")
    rec.add_argument("--fps", type=float, default=25.0)
    sub.add_parser("recover", help="finish, sign and attach recordings left without a manifest by a crash")
    ver = sub.add_parser("verify", help="re-hash recordings, check signatures and chains; non-zero on any mismatch")
    ver.add_argument("number", nargs="?", help="one case (default: all)")

    demo = sub.add_parser("demo-data", help="add N realistic synthetic cases")
    demo.add_argument("count", type=int)
    demo.add_argument("--seed", type=int, default=20261126)

    audit = sub.add_parser("audit", help="audit log").add_subparsers(dest="audit_command", metavar="ACTION")
    audit.add_parser("verify", help="check the hash chain; non-zero exit on any tampering")
    return p


def _err(out: TextIO, exc: DeskError) -> int:
    if isinstance(exc, ValidationError):
        for problem in exc.problems:
            print(f"error: {problem.field or 'input'}: {problem.message} [{problem.code}]", file=out)
    else:
        where = f"{exc.field}: " if exc.field else ""
        print(f"error: {where}{exc.message} [{exc.code}]", file=out)
    return EXIT_USAGE


def _actor(desk: Desk, staff_no: str | None) -> Actor:
    with desk.read() as s:
        require_desk_info(s)
        return get_actor(s, staff_no=staff_no)


def _read_json(src: str) -> Any:
    text = sys.stdin.read() if src == "-" else Path(src).read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError([]) from exc


def cmd_init(desk: Desk, a: argparse.Namespace) -> int:
    with desk.write() as s:
        info = set_desk_identity(s, desk.clock, branch_code=a.branch, branch_name=a.branch_name,
                                 desk_code=a.desk, bank_name=a.bank_name)
        if not list_operators(s):
            add_operator(s, desk.clock, staff_no=a.staff_no, name=a.operator_name, role=Role.ADMIN.value)
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
                print(f"{o.staff_no}\t{o.name}\t{o.role}")
    return EXIT_OK


def cmd_case_add(desk: Desk, a: argparse.Namespace) -> int:
    try:
        data = _read_json(a.json)
    except ValidationError:
        print("error: input: not valid JSON [json_syntax]", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"error: input: cannot read {a.json}: {exc.strerror} [unreadable]", file=sys.stderr)
        return EXIT_USAGE
    actor = _actor(desk, a.operator)
    intake = parse_intake(data, desk.rules, desk.reference, desk.clock())
    with desk.write() as s:
        change = register_case(s, desk.rulebook, actor, intake)
    print(change.case_number)
    return EXIT_OK


def cmd_case_list(desk: Desk, a: argparse.Namespace) -> int:
    flt = CaseFilter(text=a.search, states=tuple(a.state), due=DueFilter(a.due))
    out = sys.stdout
    today = desk.rulebook.today()
    if a.json:
        with desk.read() as s:
            items = export_case_rows(s, desk.rulebook, flt)
        if a.limit:
            items = items[: a.limit]
        # One C-encoder pass and one write: 100,000 rows in well under a second.
        out.write(json.dumps(items, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
        return EXIT_OK
    with desk.read() as s:
        rows = search_cases(s, desk.rulebook, flt, limit=a.limit or 1_000_000_000)
    lines = []
    for row in rows:
        flag = "OVERDUE" if row.is_overdue(today) else ("PAUSED" if row.paused else f"{row.days_left(today)}d")
        lines.append(f"{row.case_number}\t{beijing(row.received_at).strftime('%Y-%m-%d %H:%M')}\t"
                     f"{row.complainant_name}\t{row.complainant_phone_masked}\t{row.state}\t"
                     f"{row.nominal_due}\t{flag}\n")
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
        "days_left": dl.days_left, "overdue": dl.overdue, "paused": dl.paused, "limit_days": dl.limit_days,
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
          + ("  PAUSED" if dl.paused else "") + ("  OVERDUE" if dl.overdue else ""))
    print(f"complainant {c.name}  ID {c.id_number}  phone {c.phone}  address {c.address}")
    for axis, code in (("channel", d.channel), ("business", d.business), ("reason", d.reason),
                       ("demand", d.demand)):
        print(f"{axis:9} {ref.label(axis, code)}")
    print(f"request  {d.request}\nfacts    {d.facts}")
    print(f"owner    {d.owner} {d.owner_name} (first responder {d.first_responder})")
    for e in d.events:
        print(f"  #{e.seq:<3} {beijing(e.at).strftime('%Y-%m-%d %H:%M')} {e.kind:15} {e.operator:6} {e.reason}")
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

    if a.count < 0:
        print("error: count: must be 0 or more [range]", file=sys.stderr)
        return EXIT_USAGE
    with desk.write() as s:
        require_desk_info(s)
        actors = list_operators(s)
        staff = {o.staff_no for o in actors}
        for no, name, role in (("1024", "林晓", "receptionist"), ("2048", "陈主管", "supervisor")):
            if no not in staff:
                actors.append(add_operator(s, desk.clock, staff_no=no, name=name, role=role))
    done = 0
    batch = 500
    while done < a.count:
        n = min(batch, a.count - done)
        with desk.write() as s:
            add_demo_cases(s, desk.rulebook, actors, n, seed=a.seed + done)
        done += n
        if a.count >= 5000:
            print(f"  {done}/{a.count}", file=sys.stderr)
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
    if a.command == "print":
        kind = docs.DocumentKind.RECEIPT if a.receipt else docs.DocumentKind.REPORT
        setting_key = "receipt" if a.receipt else "case_report"
        printer = printing.check_printer(a.printer or settings.printers.get(setting_key) or None)

        def to_printer(built: docs.BuiltDocument) -> str:
            job = printing.print_pdf(built.pdf, printer, f"{built.case_number} {kind.value}", timeout=a.timeout)
            return f"printer:{job.printer}"

        deliver = to_printer
    else:
        kind = docs.DocumentKind.RECEIPT if a.command == "receipt" else docs.DocumentKind.REPORT
        deliver = docs.write_pdf_file(Path(a.output))
    layout = getattr(a, "layout", None) or settings.receipt_layout
    issued = docs.issue_document(desk, actor, a.number, kind, contacts=contacts, deliver=deliver, layout=layout)
    mark = f" (reprint, copy {issued.count})" if issued.count > 1 else ""
    print(f"{issued.case_number} {kind.value} -> {issued.destination}{mark}")
    return EXIT_OK


def cmd_record(desk: Desk, a: argparse.Namespace) -> int:
    from app.services import recordings as recs
    from recording.api import open_default_sources, record_for

    actor = _actor(desk, a.operator)
    settings = _settings(desk)
    try:
        width, height = (int(x) for x in a.size.lower().split("x"))
    except ValueError:
        print("error: size: must be WIDTHxHEIGHT, e.g. 1280x720 [format]", file=sys.stderr)
        return EXIT_USAGE
    if a.seconds <= 0:
        print("error: seconds: must be more than 0 [range]", file=sys.stderr)
        return EXIT_USAGE
    recs.recover_unfinished(desk, actor)  # a crash may have left one behind: chain it first
    with desk.write() as s:
        if not recs.notice_given(s, a.number):
            if not a.told:
                print("error: notice: confirm that the complainant was told about the recording (--told) "
                      "[recording_notice_required]", file=sys.stderr)
                return EXIT_USAGE
            recs.record_notice_answer(s, desk.rulebook, actor, a.number, told=True,
                                      notice_text=settings.recording_notice)
        meta = recs.recording_meta(s, actor, a.number)
        previous = recs.previous_manifest_hash(s, a.number)
    source = a.source or (f"camera:{settings.camera_device}" if settings.camera_device.isdigit() else "demo")
    sources = open_default_sources(source, width=width, height=height, fps=a.fps,
                                   microphone=settings.microphone_device)
    for note in sources.notes:
        print(f"note: {note}", file=sys.stderr)
    try:
        result = record_for(a.seconds, sources, desk.paths.recordings, meta, previous)
    finally:
        sources.close()
    with desk.write() as s:
        recs.attach_recording(s, desk.rulebook, actor, a.number, result)
    note = f" (stopped early: {result.stopped_reason}{': ' + result.message if result.message else ''})" \
        if result.stopped_reason not in ("time_limit", "requested") else ""
    print(f"{meta.case_number} recorded {result.duration_s:.1f} s, {result.frames} frames "
          f"({result.dropped_frames} dropped), {result.size_bytes / 1e6:.1f} MB -> {result.path.name}; "
          f"sha256 {result.sha256[:16]}...{note}")
    return EXIT_OK


def cmd_recover(desk: Desk, a: argparse.Namespace) -> int:
    from app.services import recordings as recs

    actor = _actor(desk, a.operator)
    done = recs.recover_unfinished(desk, actor)
    for number, result in done:
        print(f"{number} recovered {result.duration_s:.1f} s -> {result.path.name}")
    print(f"recovered {len(done)} recording(s)")
    return EXIT_OK


def cmd_verify(desk: Desk, a: argparse.Namespace) -> int:
    from app.services import recordings as recs

    checked, problems = recs.verify_case_recordings(desk, a.number)
    for problem in problems:
        print(f"MISMATCH {problem.field}: {problem.message} [{problem.code}]", file=sys.stderr)
    if problems:
        print(f"recordings FAILED: {len(problems)} problem(s) in {checked} recording(s)")
        return EXIT_FAIL
    print(f"recordings ok: {checked} recording(s), hashes, signatures and chains intact")
    return EXIT_OK


def cmd_audit(desk: Desk, a: argparse.Namespace) -> int:
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
    "receipt": cmd_document, "report": cmd_document, "print": cmd_document,
    "record": cmd_record, "verify": cmd_verify, "recover": cmd_recover,
}


def run_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run one sub-command; returns the exit status."""
    setup_logging(resolve_paths(args.data_dir).ensure())
    try:
        desk = open_desk(args.data_dir)
    except DeskError as exc:
        return _err(sys.stderr, exc)
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
    finally:
        desk.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return run_command(args, parser)


if __name__ == "__main__":
    raise SystemExit(main())
