"""Realistic synthetic cases for demos and benchmarks (never real people).

Names are common Chinese names, ID numbers carry valid check characters and
birth dates, card numbers pass Luhn, and each case walks a plausible part of
the life cycle with its timeline dated in the past.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from sqlalchemy.orm import Session

from app.domain.idnumber import id_check_char
from app.domain.states import CaseAction
from app.services import case_actions as acts
from app.services.cases import register_case, transition
from app.services.context import Rulebook
from app.services.identity import Actor
from app.services.intake import CaseIntake, PartyInput

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅鑫宇浩然子涵欣怡俊杰思远雨桐嘉怡晨阳文博"
REGIONS = ("110105", "310115", "440305", "350102", "350203", "330106", "510107", "320106", "420106", "370202")
CITIES = ("福州市鼓楼区五四路", "厦门市思明区湖滨南路", "北京市朝阳区建国路", "上海市浦东新区世纪大道",
          "深圳市南山区科技园路", "杭州市西湖区文三路", "成都市武侯区人民南路")
REQUESTS = {
    "D01": "要求退还年费及分期手续费共计{amt}元。",
    "D02": "要求减免逾期产生的利息和违约金{amt}元。",
    "D03": "因收入下降，申请将欠款{amt}元办理个性化分期还款。",
    "D04": "要求停息挂账，暂停计息并停止催收。",
    "D05": "要求更正个人征信报告中的逾期记录。",
    "D06": "要求赔偿因盗刷造成的损失{amt}元。",
    "D07": "要求客服人员就服务态度问题书面道歉。",
    "D99": "要求银行就账单差错作出书面说明。",
}
FACTS = (
    "投诉人称{month}月收到信用卡账单，发现一笔{amt}元的交易并非本人所为，已第一时间致电客服挂失。",
    "投诉人称办理分期时工作人员未说明手续费率，实际年化费率明显高于宣传，要求解释并退费。",
    "投诉人称催收人员多次在非工作时间致电其亲属，影响正常生活。",
    "投诉人称已按时还款，但系统未及时入账导致产生逾期记录。",
    "投诉人称网点工作人员在办理业务时态度冷淡、解释不清，排队等候超过一小时。",
    "投诉人称手机银行显示的还款金额与账单不一致，多次咨询未获答复。",
)
BUSINESS = ("B0302", "B0302", "B0302", "B0301", "B04", "B06", "B02")
REASONS = ("C01", "C03", "C04", "C05", "C08", "C09", "C10", "C99")
CHANNELS = ("A01", "A01", "A01", "A02", "A03", "A05")
DEMANDS = tuple(REQUESTS)


def fake_id(rng: random.Random, today: date) -> str:
    birth = date(1950, 1, 1) + timedelta(days=rng.randrange((date(2004, 1, 1) - date(1950, 1, 1)).days))
    first17 = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check_char(first17)


def fake_card(rng: random.Random) -> str:
    body = "62" + "".join(str(rng.randrange(10)) for _ in range(13))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return body + str((10 - total % 10) % 10)


def fake_phone(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"


def fake_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def fake_intake(rng: random.Random, today: date, received_at: datetime) -> CaseIntake:
    demand = rng.choice(DEMANDS)
    amt = f"{rng.randrange(200, 50000):,}"
    person = PartyInput(name=fake_name(rng), id_number=fake_id(rng, today), phone=fake_phone(rng),
                        address=f"{rng.choice(CITIES)}{rng.randrange(1, 300)}号")
    proxy = None
    if rng.random() < 0.08:
        proxy = PartyInput(name=fake_name(rng), id_number=fake_id(rng, today), phone=fake_phone(rng),
                           relation=rng.choice(("配偶", "子女", "父母", "律师")), poa_signed_original=rng.random() < 0.8,
                           poa_reference="授权委托书原件", absence_reason="投诉人住院治疗，无法亲自到场。")
    return CaseIntake(
        complainant=person, channel=rng.choice(CHANNELS), business=rng.choice(BUSINESS),
        reason=rng.choice(REASONS), demand=demand, request=REQUESTS[demand].format(amt=amt),
        facts=rng.choice(FACTS).format(month=rng.randrange(1, 13), amt=amt),
        card_number=fake_card(rng) if rng.random() < 0.7 else "", proxy=proxy, received_at=received_at)


def _at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def add_demo_case(session: Session, rb: Rulebook, actors: list[Actor], rng: random.Random,
                  received_at: datetime, now: datetime) -> str:
    """One synthetic case, walked through a random part of its life cycle up to ``now``."""
    handler = rng.choice([a for a in actors if a.role in ("receptionist", "admin", "supervisor")] or actors)
    surveyor = next((a for a in actors if a.operator_id != handler.operator_id), handler)
    supervisor = next((a for a in actors if a.role in ("supervisor", "admin")), handler)
    t = received_at
    local_rb = replace(rb, clock=_at(t))
    change = register_case(session, local_rb, handler, fake_intake(rng, rb.today(), received_at))
    ref = change.case_id
    age_days = (now - received_at).days
    stage = rng.random()

    def step(days: float) -> Rulebook:
        nonlocal t
        t = min(t + timedelta(days=days, minutes=rng.randrange(5, 600)), now)
        return replace(rb, clock=_at(t))

    if age_days < 1 and stage < 0.6:
        return change.case_number
    transition(session, step(0.1), handler, ref, CaseAction.ACCEPT)
    if stage < 0.15 and age_days < 20:
        return change.case_number
    transition(session, step(1), handler, ref, CaseAction.START)
    acts.add_note(session, step(1), handler, ref, text="已致电投诉人核实交易情况，并调取相关业务凭证。")
    if rng.random() < 0.15:
        acts.extend_deadline(session, step(3), handler, ref, level=1, reason="需调取商户交易凭证，情况复杂。")
        if rng.random() < 0.2:
            acts.extend_deadline(session, step(3), handler, ref, level=2, reason="涉及外部机构鉴定，特别复杂。",
                                 approver_staff_no=supervisor.staff_no)
    if rng.random() < 0.08:
        transition(session, step(2), handler, ref, CaseAction.PAUSE, reason="送第三方机构进行笔迹鉴定。")
        if rng.random() < 0.6 or age_days > 40:
            transition(session, step(5), handler, ref, CaseAction.RESUME)
        else:
            return change.case_number
    if age_days < 10 and stage < 0.7:
        return change.case_number
    if rng.random() < 0.03:
        transition(session, step(1), handler, ref, CaseAction.WITHDRAW, reason="投诉人表示问题已自行解决，申请撤回。")
        return change.case_number
    acts.record_decision(session, step(min(10, max(age_days - 3, 1))), handler, ref,
                         verified="经调阅交易记录及通话录音，核实投诉人所述情况基本属实。",
                         basis="依据《信用卡章程》及领用合约相关条款。",
                         outcome=rng.choice(("同意减免相关费用。", "为投诉人办理分期还款。", "维持原处理意见，并作出解释说明。")),
                         remedies="如对处理决定有异议，可自收到决定之日起30日内向上级机构书面申请核查，"
                                  "或申请调解、仲裁，或向人民法院提起诉讼。")
    if age_days < 20 and stage < 0.8:
        return change.case_number
    acts.close_case(session, step(3), handler, ref, root_cause="业务流程中费用提示不充分。",
                    rectification="在分期办理界面增加费率提示。", satisfaction=rng.choice(
                        ("satisfied", "basically_satisfied", "dissatisfied")), surveyed_by_staff_no=surveyor.staff_no)
    return change.case_number


def add_demo_cases(session: Session, rb: Rulebook, actors: list[Actor], count: int, *, seed: int,
                   now: datetime | None = None, spread_days: int = 150,
                   on_case: Callable[[], object] | None = None) -> list[str]:
    """``count`` synthetic cases; ``on_case()`` is called after each one (for a progress display)."""
    rng = random.Random(seed)
    now = now or rb.clock()
    received = sorted(now - timedelta(seconds=rng.randrange(spread_days * 86400)) for _ in range(count))
    numbers = []
    for at in received:
        numbers.append(add_demo_case(session, rb, actors, rng, at.astimezone(timezone.utc), now))
        if on_case is not None:
            on_case()
    return numbers
