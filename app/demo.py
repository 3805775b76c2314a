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
# What a unit does about each kind of finding: the measure fits the problem and the kind.
MEASURES = {
    "app_not_in_plan": "报请区信息化主管部门将该应用纳入信息化、数字化总体规划，规划调整前暂停功能扩建",
    "app_no_approval": "补办信息化项目立项审核手续，审核通过前暂停新增功能建设",
    "app_no_unified_auth": "对接统一身份认证平台，取消独立注册登录",
    "app_not_on_gov_cloud": "制定迁移方案，将应用迁移部署至政务云",
    "app_duplicate": "对功能相近的应用整合迁移，保留一个入口，其余关停注销并提前发布公告",
    "app_forced_unapproved": "下线打卡签到、积分排名、在线时长功能；确需保留的报请审批，且仅供内部掌握",
    "app_forced_shown": "关闭排名、在线时长等数据的对外展示，仅供内部掌握",
    "app_low_use": "评估使用需求，列入关停注销或整合，提前发布公告并依法处置相关数据",
    "app_shut_without_notice": "在应用首页和原发布渠道发布关停公告，公告期满后关停注销",
    "app_forced_download": "撤回强制推广下载的要求，向各使用单位发布更正通知",
    "app_install_quota": "取消安装使用率指标，修订推广方案",
    "app_forced_login": "取消定期登录要求，关闭登录提醒",
    "app_ranking_used": "停止将积分排名、在线时长数据用于通报排名和考评，修订考核办法",
    "app_mlps_ungraded": "开展网络安全等级保护定级备案和测评",
    "app_no_icp": "补办ICP备案手续，在首页醒目位置标示主办单位及ICP备案编号",
    "app_no_complaint": "增设投诉建议功能和“指尖上的形式主义”问题投诉专区，明确专人受理反馈",
    "account_dormant": "制定内容更新计划，每周至少更新一次；确无运营必要的注销并发布公告",
    "account_stale": "制定内容更新计划，确保每两周内有更新",
    "account_duplicate": "整合同一平台上的重复账号，保留一个，其余注销并发布公告",
    "group_not_dissolved": "解散任务已结束的临时工作群组，并在台账登记解散日期",
    "group_dissolution_planned": "按处置意见解散任务已结束的临时工作群组，并在台账登记解散日期",
    "group_duplicate": "合并同一事项的重复工作群组",
    "group_forced_response": "修订群规，取消脱离工作实际的打卡接龙、即时响应要求",
    "group_upload_demands": "取消不必要的截图、视频上传要求，改为按需报送",
    "group_not_real_name": "核实群成员身份，实行实名管理，清理无关人员",
}
OWNER_DEPARTMENTS = {"app": "信息中心", "account": "账号负责人", "group": "群主", "unit": "办公室"}
# Unit-level findings a real unit might record (verdict, problem, measure); the demo picks a few.
UNIT_PROBLEMS = {
    "A12-07": (Verdict.PARTIAL, "本单位本年度应急演练以桌面推演为主，未形成演练总结",
               "组织一次实战演练并形成总结，据此修订应急预案"),
    "A09-03": (Verdict.PARTIAL, "本单位年度考核细则中有2项指标以工作群内打卡、上传照片的次数计分",
               "修订考核细则，删除以留痕计分的指标，改以实际工作成效评价"),
    "A11-04": (Verdict.PARTIAL, "本单位向街道索要的人口数据中有3项已在市数据共享平台上，仍要求重复报送",
               "梳理报表目录，已有数据一律从共享平台获取，不再向基层重复索要"),
    "A12-08": (Verdict.PARTIAL, "本单位应急处置流程自2021年以来未修订",
               "结合本年度演练情况修订应急处置流程"),
}
# Unit-level items a unit often answers 不适用， with the reason it would give.
UNIT_NOT_APPLICABLE = {
    "A15-02": "本年度未收到群众关于“指尖上的形式主义”问题的投诉举报",
    "A16-01": "本年度上级抽查评估、重点监测和情况通报未指出本单位问题",
}
# Provincial platforms a county unit uses but does not run （谁使用谁负责）, by province code.
USED_APPS = {"33": ("浙里办", "浙江省大数据发展管理局"), "32": ("苏服办", "江苏省政务服务管理办公室"),
             "44": ("粤省事", "广东省政务服务和数据管理局"), "51": ("天府通办", "四川省大数据中心")}


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


def _apps(rnd: random.Random, n: int, sponsor: str, short: str, today: dt.date,
          region: str = "330106") -> list[dict[str, Any]]:
    rows = []
    for name in _unique_names(rnd, short, APP_TOPICS, n, 0.02):
        app_type = rnd.choices(("移动客户端", "小程序", "快应用"), (3, 6, 1))[0]
        users = rnd.randint(200, 300_000)
        disposition = rnd.choices(("保留", "整合", "关停注销"), (90, 6, 4))[0]
        monthly = rnd.randint(0, 9) if disposition == "关停注销" or rnd.random() < 0.03 else int(users * rnd.uniform(0.02, 0.5)) + 10
        forced = rnd.random() < 0.06
        row: dict[str, Any] = {
            "name": name + ("" if app_type == "移动客户端" else app_type),
            "app_type": app_type, "sponsor": sponsor, "role": "主办",
            "host_platform": {"小程序": rnd.choice(["微信", "支付宝"]), "快应用": "快应用平台"}.get(app_type, ""),
            "operator": rnd.choice(["本单位信息中心", "区大数据中心", "某某科技有限公司", "某某信息技术股份有限公司"]),
            "launch_date": _past(rnd, today, 200, 3000), "audience": rnd.choice(["社会公众", "经营主体", "内部工作人员"]),
            "functions": rnd.choice(["办事指南、在线预约、进度查询", "信息发布、通知公告", "巡查上报、任务派发", "在线学习、考试"]),
            "users": users, "monthly_active": min(monthly, users),
            "in_plan": rnd.random() < 0.92,
            "approval_no": "" if rnd.random() < 0.04 else f"{short}发改〔{today.year - rnd.randint(1, 6)}〕{rnd.randint(1, 200)}号",
            "on_gov_cloud": rnd.random() < 0.85, "unified_auth": rnd.random() < 0.8,
            "forced_features": forced, "forced_approved": forced and rnd.random() < 0.5,
            "forced_internal_only": forced and rnd.random() < 0.6, "ranking_data_used": forced and rnd.random() < 0.3,
            "forced_download": rnd.random() < 0.03, "install_quota": rnd.random() < 0.02, "forced_login": rnd.random() < 0.02,
            "has_complaint": rnd.random() < 0.92,
            "icp_no": "" if rnd.random() < 0.04 else f"浙ICP备{rnd.randint(10**7, 10**8 - 1)}号-{rnd.randint(1, 9)}",
            "mlps_level": rnd.choice(["第二级", "第二级", "第三级", "未定级"]),
            "last_update": _past(rnd, today, 1, 400), "disposition": disposition,
        }
        if disposition != "保留":
            done = rnd.random() < 0.5
            row["disposal_status"] = "已完成" if done else "进行中"
            row["disposal_date"] = _past(rnd, today, 5, 150) if done else None
            if disposition == "关停注销" and rnd.random() < 0.7:
                row["notice_date"] = (row["disposal_date"] or today) - dt.timedelta(days=30)
            if disposition == "整合":
                row["merged_into"] = f"{short}政务服务"
        rows.append(row)
    if n >= 3 and region[:2] in USED_APPS:  # a provincial platform the unit only uses
        used, owner = USED_APPS[region[:2]]
        rows[-1] = {"name": used, "app_type": "移动客户端", "sponsor": owner, "role": "使用",
                    "audience": "社会公众", "functions": "政务服务事项办理", "in_plan": True, "unified_auth": True,
                    "forced_features": False, "has_complaint": True, "disposition": "保留",
                    "last_update": _past(rnd, today, 1, 30)}
    return rows


def _accounts(rnd: random.Random, n: int, sponsor: str, short: str, today: dt.date) -> list[dict[str, Any]]:
    platforms = ("微信公众号", "微信视频号", "微博", "抖音", "快手", "今日头条", "哔哩哔哩", "小红书")
    rows = []
    for i, name in enumerate(_unique_names(rnd, short, ACCOUNT_TOPICS, n, 0.02)):
        zombie = rnd.random() < 0.06
        cancelled = zombie and rnd.random() < 0.4
        row: dict[str, Any] = {
            "platform": platforms[i % len(platforms)] if i < len(platforms) else rnd.choice(platforms),
            "name": name, "account_id": f"gh_{rnd.randrange(16**10, 16**11):x}", "verified_entity": sponsor,
            "sponsor": sponsor, "operator_unit": rnd.choice([sponsor, f"{short}融媒体中心"]),
            "opened": _past(rnd, today, 300, 3500), "followers": rnd.randint(50, 500_000),
            "last_update": _past(rnd, today, ZOMBIE_DAYS + 5, 200) if zombie else _past(rnd, today, 0, ZOMBIE_DAYS - 1),
            "posts_last_year": rnd.randint(0, 12) if zombie else rnd.randint(40, 900),
            "interactive": rnd.random() < 0.9, "filed": rnd.random() < 0.93, "manager": _person(rnd),
            "phone": _phone(rnd), "disposition": "注销" if cancelled else "保留",
        }
        if cancelled:
            row["disposal_status"], row["disposal_date"] = "已完成", _past(rnd, today, 1, 60)
        rows.append(row)
    return rows


def _body_of(place: str) -> str:
    """The body that runs a street's, town's, community's or village's group."""
    for ending, body in (("街道", "办事处"), ("镇", "人民政府"), ("社区", "居民委员会"), ("村", "村民委员会")):
        if place.endswith(ending):
            return place + body
    return place


def _groups(rnd: random.Random, n: int, sponsor: str, today: dt.date) -> list[dict[str, Any]]:
    platforms = ("微信", "企业微信", "钉钉", "政务微信", "浙政钉")
    rows = []
    seen: set[str] = set()
    for i in range(n):
        topic = GROUP_TOPICS[i % len(GROUP_TOPICS)]
        place = rnd.choice(STREETS)
        name = f"{place}{topic}"
        if name in seen and rnd.random() > 0.02:
            name = f"{STREETS[i % len(STREETS)]}{topic}{i // len(GROUP_TOPICS) + 1}"
            place = STREETS[i % len(STREETS)]
            while name in seen:
                name += "群"
        seen.add(name)
        temporary = rnd.random() < 0.3
        created = _past(rnd, today, 30, 1800)
        task_end = created + dt.timedelta(days=rnd.randint(10, 400)) if temporary else None
        ended = bool(task_end and task_end < today)
        planned = ended and rnd.random() < 0.75
        done = planned and rnd.random() < 0.7
        row: dict[str, Any] = {
            "name": name, "platform": rnd.choice(platforms), "creator_unit": _body_of(place), "owner": _person(rnd),
            "members": rnd.randint(3, 480), "real_name": rnd.random() < 0.9, "created": created,
            "purpose": rnd.choice(["工作通知与协调", "任务调度", "信息报送", "学习交流"]),
            "permanence": "临时" if temporary else "常设", "task_end": task_end,
            "forced_response": rnd.random() < 0.05, "upload_demands": rnd.random() < 0.04,
            "disposition": "解散" if planned else "保留",
        }
        if planned:
            row["disposal_status"] = "已完成" if done else "进行中"
            row["disposal_date"] = min(today, task_end + dt.timedelta(days=rnd.randint(1, 20))) if done and task_end else None
        rows.append(row)
    return rows


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
            "app": store.add_entities(insp.id, "app", _apps(rnd, options.apps, unit_name, short, today, region)),
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
    """Answer as a careful unit would: every verdict the ledger decides comes from the rules (the same ones the
    wizard suggests), the rest complies, a few unit-level items record a real shortcoming or do not apply."""
    findings = {(f.entity_id, f.item_id): f for f in store.findings(inspection_id)}
    known = sorted((k, v) for k, v in UNIT_PROBLEMS.items() if checklist.has_item(k))
    unit_problems = dict(rnd.sample(known, k=min(2, len(known))))
    answers: list[tuple[int, str, Verdict, str, str]] = []
    to_accept = []
    pairs = [(UNIT_ENTITY, it) for it in checklist.items_for("unit")]
    for kind, entity_ids in ids.items():
        pairs.extend((eid, it) for eid in entity_ids for it in checklist.items_for(kind))
    for eid, it in pairs:
        finding = findings.get((eid, it.id))
        if finding is not None and finding.verdict.needs_problem:
            to_accept.append(finding)
        elif finding is not None and not finding.needs_data:
            reason = finding.message if finding.verdict == Verdict.NOT_APPLICABLE else ""
            answers.append((eid, it.id, finding.verdict, finding.message, reason))
        elif eid == UNIT_ENTITY and it.id in unit_problems:
            answers.append((eid, it.id, unit_problems[it.id][0], "", ""))
        elif eid == UNIT_ENTITY and it.id in UNIT_NOT_APPLICABLE:
            answers.append((eid, it.id, Verdict.NOT_APPLICABLE, "", UNIT_NOT_APPLICABLE[it.id]))
        else:
            answers.append((eid, it.id, Verdict.COMPLIANT, "", ""))
    store.write_answers(inspection_id, answers)
    store.accept_findings(inspection_id, to_accept)
    used = [f.key for f in findings.values() if not f.verdict.needs_problem and not f.needs_data]
    if used:
        store.decide_findings(inspection_id, used, "accepted")
    entities = {e.id: e for e in store.entities(inspection_id)}
    statuses = list(ProblemStatus)
    done_groups: set[int] = set()
    for p in store.problems(inspection_id):
        if p.group in done_groups:
            continue
        done_groups.add(p.group)
        deadline = today + dt.timedelta(days=rnd.randint(15, 180))
        status = rnd.choices(statuses, (3, 4, 3))[0]
        finding = findings.get((p.entity_id, p.item_id))
        e = entities.get(p.entity_id)
        kind = e.kind if e else "unit"
        alone = store.problem_group_size(inspection_id, p.group) == 1
        person = (e.fields.get("owner") or e.fields.get("manager")) if e and alone else None
        owner = f"{person or _person(rnd)}（{OWNER_DEPARTMENTS[kind] if alone else OWNER_DEPARTMENTS['unit']}）"
        store.save_problem_group(inspection_id, p.group,
                                 measure=MEASURES.get(finding.rule if finding else "", "研究制定整改方案并限期完成"),
                                 owner=owner, deadline=deadline, status=status)
    for item_id, (_, description, measure) in sorted(unit_problems.items()):
        store.save_problem(inspection_id, UNIT_ENTITY, item_id, description=description, measure=measure,
                           owner=f"{_person(rnd)}（办公室）", deadline=today + dt.timedelta(days=rnd.randint(15, 120)),
                           status=rnd.choice(statuses))


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
