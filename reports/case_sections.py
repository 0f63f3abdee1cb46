"""The sections of the case report (投诉处理档案), each a list of flowables.

Every function reads already-masked content (:func:`reports.report_content.printed_content`)
and never masks on its own, so what is printed is exactly what is fingerprinted.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from app.domain.masking import MaskStrength
from reports.case_tables import key_value_table, list_table
from reports.data import CaseReportData, DeadlineHistory, Organisation, Person, Proxy
from reports.layout import Styles, cn_date, cn_datetime, markup, paragraphs, short_datetime

MASK_LABELS = {
    MaskStrength.PRINT: "打印脱敏（证件、卡号仅显示后4位）",
    MaskStrength.SCREEN: "屏幕脱敏（证件、卡号显示前6位和后4位）",
}
UNMASKED_LABEL = "未脱敏（授权查阅，请按敏感个人信息保管）"
_LABEL_W = 30 * mm


def mask_label(mask: MaskStrength | None) -> str:
    return UNMASKED_LABEL if mask is None else MASK_LABELS[mask]


def _heading(text: str, s: Styles) -> list[Flowable]:
    # Start a section on a new page rather than strand its title at a page foot.
    # (A keepWithNext style would glue the title to a 20-page paragraph instead.)
    return [CondPageBreak(28 * mm), Paragraph(markup(text), s.heading)]


def _sub(text: str, s: Styles) -> list[Flowable]:
    return [CondPageBreak(18 * mm), Paragraph(markup(text), s.subheading)]


def _none(text: str, s: Styles) -> Paragraph:
    return Paragraph(markup(text), s.small)


def overview(c: CaseReportData, s: Styles, width: float) -> list[Flowable]:
    desk = c.desk
    rows = [
        ("投诉编号", c.case_number),
        ("案件状态", c.state_label),
        ("受理时间", cn_datetime(c.received_at)),
        ("受理机构", f"{desk.bank_name} {desk.branch_name}（{desk.branch_code}）"),
        ("受理窗口", desk.desk_code),
        ("首问受理人", c.received_by or "—"),
        ("个人信息显示", mask_label(c.mask)),
    ]
    return [key_value_table(rows, s, width, _LABEL_W)]


def _person_rows(p: Person) -> list[tuple[str, str]]:
    return [
        ("姓名", p.name),
        ("证件类型", p.id_type),
        ("证件号码", p.id_number),
        ("联系电话", p.phone),
        ("联系地址", p.address or "—"),
    ]


def _proxy_rows(p: Proxy) -> list[tuple[str, str]]:
    return [
        *_person_rows(p.person),
        ("与投诉人关系", p.relationship),
        ("授权委托书编号", p.poa_reference or "—"),
        ("委托书原件", "已提交签字原件" if p.poa_original_signed else "未提交签字原件"),
        ("委托权限", p.poa_scope or "—"),
        ("委托有效期至", cn_date(p.poa_valid_until) if p.poa_valid_until else "—"),
        ("本人未能到场原因", p.absence_reason or "—"),
    ]


def parties(c: CaseReportData, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [*_heading("一、投诉人", s)]
    if isinstance(c.complainant, Organisation):
        o = c.complainant
        rows = [
            ("单位名称", o.name),
            ("统一社会信用代码", o.credit_code),
            ("法定代表人", o.legal_representative),
            ("联系电话", o.phone),
            ("单位地址", o.address or "—"),
        ]
    else:
        rows = _person_rows(c.complainant)
    out.append(key_value_table(rows, s, width, _LABEL_W))
    if c.proxy is not None:
        out += [*_sub("代理人及授权委托", s), key_value_table(_proxy_rows(c.proxy), s, width, _LABEL_W)]
    if c.representatives:
        reps = [
            [str(i), r.name, r.id_type, r.id_number, r.phone]
            for i, r in enumerate(c.representatives, start=1)
        ]
        widths = [10 * mm, 28 * mm, 28 * mm, width - 106 * mm, 40 * mm]
        out += [
            *_sub(f"集体投诉代表人（{len(reps)}人）", s),
            list_table(["序号", "姓名", "证件类型", "证件号码", "联系电话"], reps, s, widths),
        ]
    p = c.complained_party
    staff = " ".join(x for x in (p.staff_name, f"工号 {p.staff_no}" if p.staff_no else "") if x)
    out += [
        *_heading("二、被投诉方", s),
        key_value_table(
            [("被投诉机构", p.institution), ("网点/部门", p.branch or "—"), ("被投诉员工", staff or "—")],
            s,
            width,
            _LABEL_W,
        ),
    ]
    return out


def classification(c: CaseReportData, s: Styles, width: float) -> list[Flowable]:
    k = c.classification
    rows = [
        ["办理渠道", k.channel_code, k.channel_name],
        ["业务类别", k.business_code, k.business_name],
        ["投诉原因", k.reason_code, k.reason_name],
        ["诉求类型", k.demand_code, k.demand_name],
    ]
    widths = [30 * mm, 30 * mm, width - 60 * mm]
    return [
        *_heading("三、投诉分类", s),
        list_table(["维度", "代码", "名称"], rows, s, widths),
        Paragraph(markup(f"分类参考数据版本：{k.reference_version}（JR/T 0169-2018）"), s.small),
    ]


def narrative(c: CaseReportData, s: Styles) -> list[Flowable]:
    return [
        *_heading("四、投诉请求、事实与理由", s),
        *_sub("投诉请求", s),
        *paragraphs(c.request, s.body),
        *_sub("事实经过", s),
        *paragraphs(c.facts, s.body),
        *_sub("投诉理由", s),
        *paragraphs(c.grounds, s.body),
    ]


def _legal_limit_text(d: DeadlineHistory) -> str:
    """The legal limit, or, without holiday data for its year, the plain date marked as uncertain."""
    if not d.holiday_data_missing_years:
        return cn_date(d.legal_limit)
    years = "、".join(f"{y}年" for y in d.holiday_data_missing_years)
    return (f"{cn_date(d.legal_limit)}（待定：缺少{years}法定节假日数据，按自然日计算，"
            "未作节假日顺延；如遇法定节假日，依法顺延至节后第一个工作日）")


def deadlines(c: CaseReportData, s: Styles, width: float) -> list[Flowable]:
    d = c.deadline
    rows = [
        ("处理期限（工作目标）", cn_date(d.nominal_due)),
        ("法定期限（节假日顺延）", _legal_limit_text(d)),
    ]
    if d.rule_text:
        rows.append(("依据", d.rule_text))
    out: list[Flowable] = [*_heading("五、处理时限", s), key_value_table(rows, s, width, 38 * mm)]
    out.extend(_sub("延期记录", s))
    if d.extensions:
        ext = [
            [e.level_label, cn_date(e.new_due), e.reason, e.approver,
             short_datetime(e.approved_at) if e.approved_at else "—"]
            for e in d.extensions
        ]
        widths = [22 * mm, 26 * mm, width - 110 * mm, 32 * mm, 30 * mm]
        out.append(list_table(["级别", "延长至", "原因", "审批人", "审批时间"], ext, s, widths, long_col=2))
    else:
        out.append(_none("（无延期）", s))
    out.extend(_sub("中止计时（鉴定、检测等不计入期限）", s))
    if d.pauses:
        pauses = [
            [cn_date(p.start), cn_date(p.end) if p.end else "（进行中）", p.reason] for p in d.pauses
        ]
        widths = [30 * mm, 30 * mm, width - 60 * mm]
        out.append(list_table(["开始", "结束", "原因"], pauses, s, widths, long_col=2))
    else:
        out.append(_none("（无中止计时）", s))
    return out


def notices(c: CaseReportData, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [*_heading("六、告知记录", s)]
    if not c.notices:
        return out + [_none("（尚无告知记录）", s)]
    rows = [
        [n.kind_label, n.channel_label, short_datetime(n.at),
         Paragraph(markup(n.content_sha256), s.mono), "已签收" if n.signed else "—"]
        for n in c.notices
    ]
    widths = [width - 132 * mm, 22 * mm, 30 * mm, 58 * mm, 22 * mm]
    out.append(list_table(["告知类型", "方式", "时间", "内容摘要（SHA-256）", "本人签收"], rows, s, widths))
    return out


def decision(c: CaseReportData, s: Styles) -> list[Flowable]:
    out: list[Flowable] = [*_heading("七、处理决定", s)]
    if c.decision is None:
        return out + [_none("（尚未作出处理决定）", s)]
    d = c.decision
    for title, text in (
        ("（一）核实情况", d.verified_facts),
        ("（二）依据和理由", d.basis_and_reasons),
        ("（三）处理结果", d.outcome),
        ("（四）救济途径", d.remedies),
    ):
        out += [*_sub(title, s), *paragraphs(text, s.body)]
    return out


def follow_up(c: CaseReportData, s: Styles, width: float) -> list[Flowable]:
    rows = [
        ("满意度回访", c.satisfaction_label or "（尚未回访）"),
        ("问题溯源", c.root_cause or "—"),
        ("整改措施", c.rectification or "—"),
    ]
    return [*_heading("八、满意度回访与溯源整改", s), key_value_table(rows, s, width, _LABEL_W)]


def timeline(c: CaseReportData, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [*_heading("九、处理过程记录", s)]
    if not c.timeline:
        return out + [_none("（无记录）", s)]
    rows = [[short_datetime(t.at), t.kind_label, t.operator, t.text] for t in c.timeline]
    widths = [30 * mm, 24 * mm, 24 * mm, width - 78 * mm]
    out.append(list_table(["时间", "事项", "操作人", "内容"], rows, s, widths, long_col=3))
    return out


def _duration(seconds: float) -> str:
    whole = int(round(seconds))
    h, rest = divmod(whole, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"


def _size(n: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.1f} {unit}"
    return f"{n} B"


def recordings(c: CaseReportData, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [*_heading("十、录音录像", s)]
    if not c.recordings:
        return out + [_none("（本案无录音录像记录）", s)]
    rows = [
        [r.file_name, short_datetime(r.started_at), _duration(r.duration_seconds), _size(r.size_bytes),
         Paragraph(markup(r.sha256), s.mono)]
        for r in c.recordings
    ]
    widths = [width - 136 * mm, 30 * mm, 16 * mm, 20 * mm, 58 * mm]
    out.append(list_table(["文件", "开始时间", "时长", "大小", "SHA-256"], rows, s, widths))
    return out


def fingerprint_block(fingerprint: str, s: Styles, width: float) -> list[Flowable]:
    grouped = " ".join(fingerprint[i : i + 8] for i in range(0, len(fingerprint), 8))
    explain = (
        "按本档案打印内容（含上述脱敏方式、生成时间和生成人）的规范化 JSON 计算，"
        "用于核对纸质档案与系统记录是否一致。"
    )
    block = [
        Spacer(1, 6 * mm),
        Paragraph(markup("文档指纹（SHA-256）"), s.subheading),
        Paragraph(markup(grouped), s.mono),
        Paragraph(markup(explain), s.small),
        Spacer(1, 3 * mm),
        Paragraph(markup("— 档案完 —"), s.center_small),
    ]
    return [KeepTogether(block)]
