"""``complaint-central``: run the central ticket service and administer it.

Global ``--data-dir DIR`` / ``--database-url URL`` come before the command.  Bad
input exits 2 with one line ``error: <field>: <message> [<code>]`` on stderr and
writes nothing; a finding (``audit check``) exits 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NoReturn

from app.contract.events import HEAD_OFFICE
from central.errors import CentralError
from central.store.db import Store, resolve_store

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
BRANCH_RE = re.compile(r"^[0-9A-Z]{2,10}$")
DESK_RE = re.compile(r"^[0-9A-Z]{1,6}$")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="complaint-central", description="Complaint Desk central ticket service")
    p.add_argument("--data-dir", help="folder of the embedded SQLite store (default $COMPLAINT_CENTRAL_HOME "
                                      "or ./central-data)")
    p.add_argument("--database-url", help="postgresql+psycopg://... (default $COMPLAINT_CENTRAL_DATABASE_URL); "
                                          "wins over --data-dir")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8710)
    serve.add_argument("--tls-cert", type=Path, help="certificate chain (PEM); with --tls-key serves HTTPS")
    serve.add_argument("--tls-key", type=Path, help="private key (PEM)")

    desk = sub.add_parser("desk", help="enrol, list and revoke desks").add_subparsers(
        dest="desk_command", metavar="ACTION", parser_class=_Parser)
    add = desk.add_parser("add", help="issue a one-time enrolment code (valid 24 h) for a desk")
    add.add_argument("--branch", required=True, help="branch code, e.g. 0591")
    add.add_argument("--desk", required=True, help="desk code, e.g. W01")
    add.add_argument("--head-office", action="store_true", help="the desk works for head office (sees all cases)")
    lst = desk.add_parser("list", help="list enrolled desks")
    lst.add_argument("--json", action="store_true")
    rev = desk.add_parser("revoke", help="revoke a desk's token and its unused codes")
    rev.add_argument("--branch", required=True)
    rev.add_argument("--desk", required=True)
    rev.add_argument("--reason", default="revoked by the administrator")

    case = sub.add_parser("case", help="cases at the centre").add_subparsers(
        dest="case_command", metavar="ACTION", parser_class=_Parser)
    cl = case.add_parser("list", help="list cases")
    cl.add_argument("--json", action="store_true")
    cl.add_argument("--branch", help="cases of this branch (registered there or transferred to it)")
    cl.add_argument("--state", help="only cases in this state")
    cs = case.add_parser("show", help="one case with its events and recordings")
    cs.add_argument("number")
    cs.add_argument("--json", action="store_true")

    _add_action_parsers(case)

    audit = sub.add_parser("audit", help="audit anchoring").add_subparsers(
        dest="audit_command", metavar="ACTION", parser_class=_Parser)
    ac = audit.add_parser("check", help="report desks whose audit chain went backwards")
    ac.add_argument("--json", action="store_true")
    return p


ACTION_HELP = {
    "assign": "name the handler of a case head office owns",
    "transfer": "move a case to another branch or to head office (HO)",
    "accept": "accept a case", "start": "start handling a case",
    "extend": "extend the time limit (level 1: 30 days, level 2: 60 days)",
    "pause": "pause the clock (external appraisal)", "resume": "resume the clock",
    "decide": "record the decision in its four sections", "close": "close a decided case",
}


def _add_action_parsers(case: Any) -> None:
    for kind, text in ACTION_HELP.items():
        sp = case.add_parser(kind, help=f"{text} (as head office)")
        sp.add_argument("number")
        sp.add_argument("--staff-no", required=True, help="head-office staff number of who acts")
        sp.add_argument("--name", required=True, help="their name")
        if kind == "assign":
            sp.add_argument("--handler", required=True)
        if kind == "transfer":
            sp.add_argument("--to", required=True, help="branch code, or HO for head office")
        if kind == "extend":
            sp.add_argument("--level", type=int, choices=[1, 2], required=True)
            sp.add_argument("--approver", default="")
        if kind == "decide":
            for section in ("verified", "basis", "outcome", "remedies"):
                sp.add_argument(f"--{section}", required=True)
        if kind == "close":
            sp.add_argument("--root-cause", required=True)
            sp.add_argument("--rectification", default="")
            sp.add_argument("--satisfaction", required=True,
                            choices=["satisfied", "basically_satisfied", "dissatisfied", "unreachable"])
            sp.add_argument("--surveyed-by", required=True)
            sp.add_argument("--survey-note", default="")
        else:
            sp.add_argument("--reason", default="", help="why (required for transfer, extend and pause)")


def _action_content(a: argparse.Namespace) -> dict[str, Any]:
    kind = a.case_command
    if kind == "assign":
        return {"handler": a.handler, "reason": a.reason}
    if kind == "transfer":
        return {"to": a.to, "reason": a.reason}
    if kind == "extend":
        return {"level": a.level, "reason": a.reason, "approver": a.approver}
    if kind == "decide":
        return {"verified": a.verified, "basis": a.basis, "outcome": a.outcome, "remedies": a.remedies}
    if kind == "close":
        return {"root_cause": a.root_cause, "rectification": a.rectification, "satisfaction": a.satisfaction,
                "surveyed_by": a.surveyed_by, "survey_note": a.survey_note}
    return {"reason": a.reason}


def cmd_case_action(store: Store, a: argparse.Namespace) -> int:
    from app.clock import beijing_date
    from app.contract.events import Operator
    from central.services.actions import act, centre_desk

    now = _now()
    try:
        operator = Operator(staff_no=a.staff_no, name=a.name, role="head_office")
    except ValueError:
        raise CentralError("staff_no", "staff number (1-20) and name (1-100 characters) are required",
                           "invalid") from None
    with store.transaction() as s:
        result = act(s, centre_desk(s, now), a.number, a.case_command, _action_content(a), operator, now=now,
                     today=beijing_date(now))
    c = result.case
    print(f"{c.number}: {a.case_command} recorded; state {c.state}, owner {c.owner}, "
          f"handler {c.handler or '-'}, due {c.nominal_due}")
    return EXIT_OK


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _codes(branch: str, desk: str) -> None:
    if not BRANCH_RE.match(branch):
        raise CentralError("branch", "must be 2-10 digits or capital letters, e.g. 0591", "format")
    if branch == HEAD_OFFICE:
        raise CentralError("branch", f"{HEAD_OFFICE} is reserved for head office as a case owner; use the "
                           "head office's branch code with --head-office", "reserved")
    if not DESK_RE.match(desk):
        raise CentralError("desk", "must be 1-6 digits or capital letters, e.g. W01", "format")


def cmd_serve(a: argparse.Namespace) -> int:
    if (a.tls_cert is None) != (a.tls_key is None):
        raise CentralError("tls", "give both --tls-cert and --tls-key, or neither", "usage")
    for path in (a.tls_cert, a.tls_key):
        if path is not None and not path.is_file():
            raise CentralError("tls", f"cannot read {path}", "unreadable")
    if not 0 < a.port < 65536:
        raise CentralError("port", "must be 1-65535", "range")
    # The service's own lines (recording hand-outs, a busy store) next to uvicorn's; ids and codes only.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    store = Store(resolve_store(a.data_dir, a.database_url))
    import uvicorn

    from central.api.app import create_app

    print(f"central: serving on {'https' if a.tls_cert else 'http'}://{a.host}:{a.port}/api/v1 "
          f"({'PostgreSQL' if not store.config.is_sqlite else store.config.url})", flush=True)
    try:
        uvicorn.run(create_app(store), host=a.host, port=a.port, log_level="info",
                    ssl_certfile=str(a.tls_cert) if a.tls_cert else None,
                    ssl_keyfile=str(a.tls_key) if a.tls_key else None)
    finally:
        store.close()
    return EXIT_OK


def cmd_desk(store: Store, a: argparse.Namespace) -> int:
    from central.services import desks

    if a.desk_command == "add":
        _codes(a.branch, a.desk)
        with store.transaction() as s:
            code = desks.issue_code(s, branch=a.branch, desk_code=a.desk, head_office=a.head_office, now=_now())
        kind = "head-office desk" if a.head_office else "desk"
        print(f"Enrolment code for {kind} {a.branch}-{a.desk}, valid 24 hours, usable once:")
        print(f"code: {code}")
        return EXIT_OK
    if a.desk_command == "revoke":
        _codes(a.branch, a.desk)
        with store.transaction() as s:
            count = desks.revoke(s, branch=a.branch, desk_code=a.desk, reason=a.reason, now=_now())
        print(f"revoked {count} token(s) and the unused codes of desk {a.branch}-{a.desk}")
        return EXIT_OK
    with store.reading() as s:
        rows = desks.list_desks(s)
        pending = desks.pending_enrolments(s, _now())
    if a.json:
        print(json.dumps([{"uuid": d.uuid, "branch": d.branch, "desk": d.desk, "head_office": d.head_office,
                           "enrolled_at": d.enrolled_at.isoformat(),
                           "revoked_at": d.revoked_at.isoformat() if d.revoked_at else None,
                           "revoked_reason": d.revoked_reason} for d in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for d in rows:
        status = f"revoked {d.revoked_at:%Y-%m-%d %H:%M} ({d.revoked_reason})" if d.revoked_at else "active"
        print(f"{d.branch}-{d.desk}\t{'head office' if d.head_office else 'branch'}\t{d.uuid}\t{status}")
    for p in pending:
        print(f"{p.branch}-{p.desk}\t{'head office' if p.head_office else 'branch'}\t-\t"
              f"waiting for enrolment (code valid until {p.expires_at:%Y-%m-%d %H:%M} UTC)")
    if not rows:
        print("no desks enrolled yet (desk add)")
    return EXIT_OK


def cmd_case(store: Store, a: argparse.Namespace) -> int:
    from central.services import cases

    if a.case_command in ACTION_HELP:
        return cmd_case_action(store, a)
    with store.reading() as s:
        if a.case_command == "show":
            detail = cases.case_detail(s, cases.find_case(s, a.number))
            if a.json:
                print(json.dumps(detail, ensure_ascii=False, indent=2))
                return EXIT_OK
            print(f"{detail['number']}  {detail['state']}  owner {detail['owner']}  handler {detail['handler'] or '-'}")
            print(f"received {detail['received_at']}  due {detail['nominal_due']}  limit {detail['legal_limit']}  "
                  f"rules {detail['rules_version']}")
            for e in detail["events"]:
                print(f"  {e['cursor']:>8}  {e['at']}  {e['kind']:<15} by {e['operator']}")
            for r in detail["recordings"]:
                print(f"  recording {r['file_name']} {r['size']} bytes sha256 {r['sha256'][:16]}… "
                      f"{'stored' if r['stored'] else 'not uploaded'}")
            return EXIT_OK
        rows = cases.list_cases(s, branch=a.branch or "", state=a.state or "", limit=1_000_000)
    if a.json:
        print(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rows:
        print(f"{r.number}\t{r.state}\t{r.owner}\t{r.handler or '-'}\tdue {r.nominal_due}")
    print(f"{len(rows)} case(s)")
    return EXIT_OK


def cmd_audit(store: Store, a: argparse.Namespace) -> int:
    from central.services.audit import check_chains

    with store.reading() as s:
        findings = check_chains(s)
    if a.json:
        print(json.dumps({"ok": not findings, "findings": [f.__dict__ for f in findings]}, ensure_ascii=False))
    else:
        for f in findings:
            print(f"TAMPERED desk {f.branch}-{f.desk} ({f.desk_uuid}): {f.code}: {f.detail}")
        print("audit chains ok: no desk went backwards" if not findings
              else f"audit check FAILED: {len(findings)} finding(s)")
    return EXIT_FAIL if findings else EXIT_OK


COMMANDS: dict[str, tuple[str, Callable[[Store, argparse.Namespace], int]]] = {
    "desk": ("desk_command", cmd_desk), "case": ("case_command", cmd_case), "audit": ("audit_command", cmd_audit),
}


def run(args: argparse.Namespace) -> int:
    if args.command == "serve":
        return cmd_serve(args)
    action, handler = COMMANDS[args.command]
    if getattr(args, action) is None:
        raise UsageError(f"{args.command}: choose an action (see complaint-central {args.command} --help)")
    store = Store(resolve_store(args.data_dir, args.database_url))
    try:
        return handler(store, args)
    finally:
        store.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
        return run(args)
    except UsageError as exc:
        print(f"error: usage: {exc} [usage]", file=sys.stderr)
        return EXIT_USAGE
    except CentralError as exc:
        print(exc.line(), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK




if __name__ == "__main__":
    raise SystemExit(main())
