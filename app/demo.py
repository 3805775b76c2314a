"""A realistic synthetic inspection for demos, tests and benchmarks, deterministic for a seed.

Everything goes through the store's public API (bulk paths for speed), so a demo database is exactly what
the wizard would have produced: valid unit, plausible ledgers, every applicable item answered, a problem with
its rectification for each 基本符合/不符合, and a few evidence files.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.checklist import Checklist, default_checklist
from app.core.codes import CREDIT_ALPHABET, check_credit_code, check_region_code, make_credit_code
from app.core.errors import StoreError
from app.core.model import UNIT_ENTITY, ProblemStatus, Unit, Verdict
from app.storage.store import Store

ZOMBIE_DAYS = 14  # 国办秘函〔2019〕19号: the demo keeps live accounts within two weeks

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏晓东海燕云飞文斌宇浩凯婷雪琳欣怡子涵思远"
REGION_NAMES = {"330106": "杭州市西湖区", "320583": "苏州市昆山市", "440305": "深圳市南山区", "510104": "成都市锦江区",
                "370102": "济南市历下区", "420111": "武汉市洪山区", "610113": "西安市雁塔区", "350203": "厦门市思明区"}
APP_TOPICS = ["掌上办事", "智慧城管", "网格通", "智慧党建", "安全生产监管", "智慧教育", "健康服务", "社保查询", "公积金",
              "不动产登记", "企业服务", "政务服务", "河长制巡河", "防汛防台", "垃圾分类", "文明实践", "志愿服务",
              "智慧养老", "智慧社区", "基层治理", "移动办公", "政务通", "督查督办", "信访服务", "市场监管",
              "农业农村", "文旅服务", "交通出行", "智慧停车", "就业服务", "退役军人服务", "民政救助", "应急管理",
              "自然资源", "生态环境", "统计直报", "招商服务", "人才服务", "消防安全", "食品安全"]
ACCOUNT_TOPICS = ["发布", "政务", "教育", "卫健", "公安", "市场监管", "人社", "文旅", "交通", "应急", "团委", "妇联",
                  "消防", "税务", "司法", "农业农村", "生态环境", "城管", "住建", "民政", "融媒", "检察", "法院", "统计"]
GROUP_TOPICS = ["网格员工作群", "值班调度群", "防汛防台工作群", "疫苗接种协调群", "人口普查工作群", "创文创卫工作群",
                "安全生产检查群", "信访维稳工作群", "乡村振兴工作群", "党建联络群", "综治工作群", "统计报表群",
                "垃圾分类督导群", "森林防火工作群", "项目推进群", "招商专班群", "督查反馈群", "培训通知群",
                "文明城市创建群", "志愿服务群", "应急演练群", "河长制工作群", "食品安全工作群", "消防检查群"]
STREETS = ["北山街道", "西溪街道", "灵隐街道", "翠苑街道", "文新街道", "古荡街道", "留下街道", "转塘街道", "蒋村街道",
           "三墩镇", "双浦镇", "城关镇", "新华街道", "人民路社区", "和平社区", "东湖村", "南岭村", "青山村"]
MEASURES = ["已组织专题会议研究整改方案，明确分工，限期完成", "对相关功能进行下线处理，并向使用单位发布通知",
            "完成账号清理注销手续并在原平台发布公告", "修订管理制度，建立定期巡检机制", "合并功能相近的群组，解散已完成任务的临时群组",
            "补办ICP备案手续，在首页醒目位置标示备案编号", "增设投诉建议专区，明确专人受理反馈", "制定内容更新计划，确保每周更新"]
PROBLEM_TEMPLATES = ["{name}在“{q}”方面存在不足", "经自查，{name}未完全落实“{q}”要求", "{name}：{q}——落实不到位"]


@dataclass(frozen=True)
class DemoOptions:
    apps: int = 8
    accounts: int = 12
    groups: int = 30
    seed: int = 1
    unit_code: str | None = None
    unit_name: str | None = None
    region: str = "330106"
    today: dt.date | None = None


def _person(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))


def _phone(rnd: random.Random) -> str:
    return f"1{rnd.choice('3578')}{rnd.randrange(10**8, 10**9)}"


def _past(rnd: random.Random, today: dt.date, lo: int, hi: int) -> dt.date:
    return today - dt.timedelta(days=rnd.randint(lo, hi))


def _unique_names(rnd: random.Random, prefix: str, topics: list[str], n: int, dup_rate: float) -> list[str]:
    """Names that are mostly unique, with a few deliberate duplicates (a typical finding)."""
    names: list[str] = []
    used: set[str] = set()
    for i in range(n):
        if names and rnd.random() < dup_rate:
            names.append(rnd.choice(names))
            continue
        base = f"{prefix}{topics[i % len(topics)]}"
        name = base if base not in used else f"{prefix}{rnd.choice(STREETS)}{topics[i % len(topics)]}"
        k = 2
        while name in used:
            name = f"{base}{k}"
            k += 1
        used.add(name)
        names.append(name)
    return names


def _apps(rnd: random.Random, n: int, sponsor: str, short: str, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for name in _unique_names(rnd, short, APP_TOPICS, n, 0.02):
        app_type = rnd.choices(("移动客户端", "小程序", "快应用"), (3, 6, 1))[0]
        users = rnd.randint(200, 300_000)
        rows.append({
            "name": name + ("" if app_type == "移动客户端" else app_type),
            "app_type": app_type, "sponsor": sponsor,
            "operator": rnd.choice(["本单位信息中心", "某某科技有限公司", "区大数据中心", "某某信息技术股份有限公司"]),
            "launch_date": _past(rnd, today, 200, 3000), "audience": rnd.choice(["社会公众", "经营主体", "内部工作人员"]),
            "functions": rnd.choice(["办事指南、在线预约、进度查询", "信息发布、通知公告", "巡查上报、任务派发", "在线学习、考试"]),
            "users": users, "monthly_active": int(users * rnd.uniform(0.01, 0.5)),
            "in_plan": rnd.random() < 0.9, "approval_no": f"{short}发改〔{today.year - rnd.randint(1, 6)}〕{rnd.randint(1, 200)}号",
            "on_gov_cloud": rnd.random() < 0.8, "unified_auth": rnd.random() < 0.75,
            "forced_features": rnd.random() < 0.06, "has_complaint": rnd.random() < 0.9,
            "icp_no": "" if rnd.random() < 0.04 else f"浙ICP备{rnd.randint(10**7, 10**8 - 1)}号-{rnd.randint(1, 9)}",
            "mlps_level": rnd.choice(["第二级", "第二级", "第三级", "未定级"]),
            "last_update": _past(rnd, today, 1, 400), "disposition": rnd.choices(("保留", "整合", "关停注销"), (90, 6, 4))[0],
        })
    return rows


def _accounts(rnd: random.Random, n: int, sponsor: str, short: str, today: dt.date) -> list[dict[str, Any]]:
    platforms = ("微信公众号", "微信视频号", "微博", "抖音", "快手", "今日头条", "哔哩哔哩", "小红书")
    rows = []
    for i, name in enumerate(_unique_names(rnd, short, ACCOUNT_TOPICS, n, 0.02)):
        zombie = rnd.random() < 0.04
        rows.append({
            "platform": platforms[i % len(platforms)] if i < len(platforms) else rnd.choice(platforms),
            "name": name, "account_id": f"gh_{rnd.randrange(16**10, 16**11):x}", "verified_entity": sponsor,
            "sponsor": sponsor, "opened": _past(rnd, today, 300, 3500), "followers": rnd.randint(50, 500_000),
            "last_update": _past(rnd, today, ZOMBIE_DAYS + 5, 200) if zombie else _past(rnd, today, 0, ZOMBIE_DAYS - 1),
            "posts_last_year": rnd.randint(0, 12) if zombie else rnd.randint(40, 900),
            "interactive": rnd.random() < 0.9, "filed": rnd.random() < 0.93, "manager": _person(rnd),
            "phone": _phone(rnd), "disposition": "注销" if zombie and rnd.random() < 0.5 else "保留",
        })
    return rows


def _groups(rnd: random.Random, n: int, sponsor: str, today: dt.date) -> list[dict[str, Any]]:
    platforms = ("微信", "企业微信", "钉钉", "政务微信", "浙政钉")
    rows = []
    seen: set[str] = set()
    for i in range(n):
        topic = GROUP_TOPICS[i % len(GROUP_TOPICS)]
        name = f"{rnd.choice(STREETS)}{topic}"
        if name in seen and rnd.random() > 0.02:
            name = f"{STREETS[i % len(STREETS)]}{topic}{i // len(GROUP_TOPICS) + 1}"
            while name in seen:
                name += "群"
        seen.add(name)
        temporary = rnd.random() < 0.3
        created = _past(rnd, today, 30, 1800)
        task_end = created + dt.timedelta(days=rnd.randint(10, 400)) if temporary else None
        rows.append({
            "name": name, "platform": rnd.choice(platforms), "creator_unit": sponsor, "owner": _person(rnd),
            "members": rnd.randint(3, 480), "real_name": rnd.random() < 0.85, "created": created,
            "purpose": rnd.choice(["工作通知与协调", "任务调度", "信息报送", "学习交流"]),
            "permanence": "临时" if temporary else "常设", "task_end": task_end,
            "forced_response": rnd.random() < 0.05,
            "disposition": ("解散" if temporary and task_end and task_end < today and rnd.random() < 0.7 else "保留"),
        })
    return rows


def _verdict(rnd: random.Random) -> Verdict:
    return rnd.choices(
        (Verdict.COMPLIANT, Verdict.PARTIAL, Verdict.NONCOMPLIANT, Verdict.NOT_APPLICABLE), (84, 7, 4, 5)
    )[0]


def build_demo(db_path: Path, options: DemoOptions = DemoOptions(), checklist: Checklist | None = None) -> Store:
    """Write a demo inspection into a new database at ``db_path`` and return the open store."""
    db_path = Path(db_path)
    if db_path.exists() and db_path.stat().st_size > 0:
        raise StoreError(f"{db_path} 已存在;示例数据只写入新的数据库文件,不会覆盖已有文件")
    rnd = random.Random(options.seed)
    today = options.today or dt.date.today()
    checklist = checklist or default_checklist()
    region = check_region_code(options.region)
    place = REGION_NAMES.get(region, f"{region}区")
    unit_name = options.unit_name or f"{place}数据资源管理局"
    code = (check_credit_code(options.unit_code) if options.unit_code
            else make_credit_code(region, "".join(rnd.choice(CREDIT_ALPHABET) for _ in range(9))))
    short = place[-3:-1] if len(place) >= 3 else place
    store = Store(db_path)
    try:
        store.save_unit(Unit(unit_name, code, region, "县级", _person(rnd), _phone(rnd)))
        insp = store.start_inspection(today.year, checklist, inspection_date=today)
        ids = {
            "app": store.add_entities(insp.id, "app", _apps(rnd, options.apps, unit_name, short, today)),
            "account": store.add_entities(insp.id, "account", _accounts(rnd, options.accounts, unit_name, short, today)),
            "group": store.add_entities(insp.id, "group", _groups(rnd, options.groups, unit_name, today)),
        }
        _answer_everything(store, insp.id, checklist, ids, rnd, today)
        _attach_demo_evidence(store, insp.id, checklist, unit_name, today)
        store.set_text(insp.id, "addressee", f"{place}防治“指尖上的形式主义”工作专班")
        store.set_text(insp.id, "signer_name", _person(rnd))
        store.set_text(insp.id, "signer_position", "局长")
    except BaseException:
        store.close()
        raise
    return store


def _answer_everything(store: Store, inspection_id: int, checklist: Checklist, ids: dict[str, list[int]],
                       rnd: random.Random, today: dt.date) -> None:
    findings = {(f.entity_id, f.item_id): f for f in store.findings(inspection_id)}
    answers: list[tuple[int, str, Verdict, str, str]] = []
    problems: list[tuple[int, str]] = []
    pairs = [(UNIT_ENTITY, it) for it in checklist.items_for("unit")]
    for kind, entity_ids in ids.items():
        items = checklist.items_for(kind)
        pairs.extend((eid, it) for eid in entity_ids for it in items)
    for eid, it in pairs:
        finding = findings.get((eid, it.id))
        verdict = finding.verdict if finding else _verdict(rnd)
        note = finding.message if finding else ("" if verdict == Verdict.COMPLIANT else rnd.choice(
            ["已核实", "见附件材料", "部分落实,正在完善", "本条目不涉及该情形"]))
        reason = "本单位不涉及该情形" if verdict == Verdict.NOT_APPLICABLE else ""
        answers.append((eid, it.id, verdict, note, reason))
        if verdict.needs_problem:
            problems.append((eid, it.id))
    store.write_answers(inspection_id, answers)
    names = {e[0]: e[2] for e in store.entity_index(inspection_id)}
    rows = []
    # A unit rectifies one kind of problem one way: measure, owner and deadline are decided per item (drawn
    # from their own generator, so the rest of the demo stays what it was for a seed).
    plan_rnd = random.Random(f"{rnd.random()}-plan")
    plans: dict[str, tuple[str, str, str]] = {}
    for eid, item_id in problems:
        if item_id not in plans:
            plans[item_id] = (plan_rnd.choice(MEASURES), _person(plan_rnd),
                              (today + dt.timedelta(days=plan_rnd.randint(15, 180))).isoformat())
        finding = findings.get((eid, item_id))
        q = checklist.item(item_id).question.rstrip("?").rstrip("?")
        name = names.get(eid, "本单位")
        desc = finding.message if finding else rnd.choice(PROBLEM_TEMPLATES).format(name=name, q=q[:40])
        status = rnd.choices(list(ProblemStatus), (3, 4, 3))[0]
        rows.append((eid, item_id, desc, *plans[item_id], str(status)))
    with store.transaction() as c:
        c.executemany(
            "INSERT INTO problem (inspection_id, entity_id, item_id, description, measure, owner, deadline, status,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, datetime('now'))",
            [(inspection_id, *r) for r in rows],
        )
        c.executemany(
            "INSERT INTO finding_decision (inspection_id, key, decision, decided_at) VALUES (?, ?, 'accepted',"
            " datetime('now'))",
            [(inspection_id, f.key) for i, f in enumerate(findings.values()) if i % 2 == 0],
        )


def _attach_demo_evidence(store: Store, inspection_id: int, checklist: Checklist, unit_name: str,
                          today: dt.date) -> None:
    import tempfile

    docs = [
        ("信息化规划(2024-2026年).txt", f"{unit_name}信息化发展规划\n"),
        ("政务新媒体管理办法.txt", f"{unit_name}政务新媒体管理办法\n第一条 为规范管理……\n"),
        ("专题会议纪要.txt", f"{today.year}年防治“指尖上的形式主义”专题会议纪要\n"),
        ("应急预案.txt", "网络安全事件应急预案\n"),
    ]
    unit_items = checklist.items_for("unit")
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, text) in enumerate(docs):
            path = Path(tmp) / name
            path.write_text(text * 20, encoding="utf-8")
            if unit_items:
                store.attach_evidence(inspection_id, UNIT_ENTITY, unit_items[i % len(unit_items)].id, path)
