"""The report model: a short 正文 that tells the truth about the data, in Chinese typography."""

import re
import shutil

import pytest

from app.core.errors import SelfcheckError
from app.demo import DemoOptions, build_demo
from app.export.report_model import Table, build_report
from app.export.texts import check_narrative, fullwidth, narrative_facts, number_value
from tests.conftest import INSPECTION_DAY

ASCII_BETWEEN_CHINESE = re.compile(r"[\u4e00-\u9fff“”（）《》][,:;()!?][\u4e00-\u9fff“”（）《》]")


@pytest.fixture(scope="module")
def bigger_demo(tmp_path_factory):
    """Ten times the small demo's ledger (80 apps, 120 accounts, 300 groups)."""
    store = build_demo(tmp_path_factory.mktemp("big") / "big.db",
                       DemoOptions(apps=80, accounts=120, groups=300, seed=7, today=INSPECTION_DAY))
    yield store
    store.close()


@pytest.fixture
def small_report(demo_store):
    return build_report(demo_store, demo_store.current_inspection().id, INSPECTION_DAY)


def test_the_body_does_not_grow_with_the_ledger(small_report, bigger_demo):
    big = build_report(bigger_demo, bigger_demo.current_inspection().id, INSPECTION_DAY)
    assert big.facts.apps + big.facts.accounts + big.facts.groups >= 10 * 50
    assert len(big.body_text()) < 1.3 * len(small_report.body_text())
    assert len(big.body_text()) < 3500, "a few pages of 正文"


def test_the_basic_facts_in_the_text_are_the_data(small_report, demo_store):
    insp = demo_store.current_inspection()
    counts = demo_store.count_entities(insp.id)
    o = demo_store.progress(insp.id).overall
    basic = small_report.sections[0].blocks[0].text
    assert f"政务应用程序{counts['app']}个" in basic and f"政务公众账号{counts['account']}个" in basic
    assert f"工作群组{counts['group']}个" in basic
    assert f"共开展检查{o.total}项，其中符合{o.compliant}项、基本符合{o.partial}项、不符合{o.noncompliant}项" in basic


def test_the_problem_count_is_the_number_of_recorded_problems(small_report, demo_store):
    problems = demo_store.problems(demo_store.current_inspection().id)
    text = "".join(p.lead + p.text for p in small_report.sections[2].blocks)
    assert f"共发现问题{len({p.group for p in problems})}个" in text
    per_article = [int(n) for n in re.findall(r"方面。发现问题(\d+)个", text)]
    assert sum(per_article) == len({p.group for p in problems})


def test_problems_are_grouped_by_article_title_not_number(small_report):
    leads = [p.lead for p in small_report.sections[2].blocks if p.lead]
    assert leads and all(re.match(r"（[一二三四五六七八九十]+）\S+方面。", lead) for lead in leads)
    assert not any("第" in lead and "条" in lead for lead in leads)


def test_no_ascii_punctuation_between_chinese_characters(small_report):
    for where, text in small_report.texts():
        if "证明材料" in where:
            continue  # file names are quoted as the unit named them
        assert not ASCII_BETWEEN_CHINESE.search(text), f"{where}: {text}"


def test_no_line_is_repeated_and_no_punctuation_doubled(small_report):
    paragraphs = [p.lead + p.text for p in small_report.body_paragraphs()]
    assert len(paragraphs) == len(set(paragraphs))
    assert not re.search(r"[。；，、：][。；，、：]", small_report.body_text())
    assert "条目" not in small_report.body_text()
    assert "（以下简称《意见》）" in small_report.body_text()


def test_every_problem_appears_once_in_the_problem_list(small_report, demo_store):
    table = next(b for a in small_report.annexes for b in a.blocks if isinstance(b, Table) and "问题" in a.title)
    listed = sum(int(re.match(r"涉及对象（(\d+)个）", row[0]).group(1))
                 for n, row in enumerate(table.rows) if n in table.spans and row[0].startswith("涉及对象"))
    assert listed == len(demo_store.problems(demo_store.current_inspection().id))


def test_a_unit_with_no_problems_says_so_once(store, clean_unit):
    report = build_report(store, clean_unit.id, INSPECTION_DAY)
    body = report.body_text()
    assert body.count("未发现") == 1 and "问题清单" not in report.annex_titles
    assert report.facts.problems == 0 and "发现问题" not in body


def test_a_unit_with_no_entities_gets_a_correct_report(store, inspection, tmp_path):
    from app.export.report import render_report

    report = build_report(store, inspection.id, INSPECTION_DAY)
    assert "未主办或使用政务应用程序、政务公众账号和工作群组" in report.body_text()
    info = render_report(store, inspection.id, tmp_path / "r.pdf", report=report)
    assert info.pages >= 2 and info.body_pages >= 1


def test_done_dispositions_are_counted_in_the_body(store, clean_unit):
    app = store.entities(clean_unit.id, "app")[0]
    store.update_entity(app.id, {"disposition": "关停注销", "disposal_status": "已完成",
                                 "disposal_date": INSPECTION_DAY.replace(day=1)})
    group = store.entities(clean_unit.id, "group")[0]
    store.update_entity(group.id, {"disposition": "解散", "disposal_status": "进行中"})
    body = build_report(store, clean_unit.id, INSPECTION_DAY).body_text()
    assert "已关停注销应用程序1个" in body and "拟解散工作群组1个" in body


def test_an_edited_sentence_that_contradicts_the_data_blocks_the_export(demo_store, tmp_path):
    from app.commands.export_service import export_inspection

    insp = demo_store.current_inspection()
    demo_store.set_text(insp.id, "next_steps", "本次自查未发现“指尖上的形式主义”问题。下一步将继续保持。")
    with pytest.raises(SelfcheckError, match="本次自查未发现“指尖上的形式主义”问题"):
        export_inspection(demo_store, insp.id, tmp_path, today=INSPECTION_DAY)
    assert not list(tmp_path.glob("*.pdf"))


def test_an_edited_count_that_agrees_with_the_data_is_kept(demo_store):
    insp = demo_store.current_inspection()
    apps = demo_store.count_entities(insp.id)["app"]
    demo_store.set_text(insp.id, "practices", f"我局全面梳理政务应用程序{apps}个，逐一建立台账。")
    report = build_report(demo_store, insp.id, INSPECTION_DAY)
    assert f"我局全面梳理政务应用程序{apps}个，逐一建立台账。" in report.body_text()


def test_drafts_follow_the_data(demo_store):
    insp = demo_store.current_inspection()
    before = build_report(demo_store, insp.id, INSPECTION_DAY).sections[4].blocks[0].text
    with demo_store.transaction() as c:
        c.execute("UPDATE problem SET status = '已整改'")
    after = build_report(demo_store, insp.id, INSPECTION_DAY).sections[4].blocks[0].text
    assert "个问题挂账督办" in before and "挂账督办" not in after and "回头看" in after


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("本单位共登记政务应用程序0个。", "应用程序数写为0"),
    ("经自查，共发现问题3个。", "发现的问题数写为3"),
    ("本次自查未发现问题。", "称未发现问题"),
    ("将于2026年6月30日前完成全部整改，每周调度1次。", ""),
    ("对照《意见》15条逐项检查。", "《意见》条数写为15"),
    ("自查中关停注销应用程序2个。", "已关停注销的应用程序数写为2"),
    ("本单位共登记政务应用程序三个。", "应用程序数写为三，数据为8"),
    ("经自查，共发现问题四十个。", "发现的问题数写为四十，数据为42"),
    ("经自查，共发现问题四十二个。", ""),
    ("已整改到位十三个，正在整改十五个。", ""),
    ("共建有工作群两个。", "工作群数写为两，数据为30"),
])
def test_check_narrative_names_what_the_data_contradicts(sentence, wrong):
    facts = {"app": 8, "account": 12, "group": 30, "problems": 42, "done": 13, "doing": 15, "open": 14,
             "pending": 29, "checked": 377, "articles": 16, "year": 2025, "disposed": {}, "disposal_planned": {}}
    found = check_narrative(sentence, facts)
    if wrong:
        assert len(found) == 1 and sentence.rstrip("。") in found[0] and wrong in found[0]
    else:
        assert found == []


@pytest.mark.parametrize(("written", "value"), [
    ("12", 12), ("三", 3), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105),
    ("两百", 200), ("三千零二十", 3020), ("一万二千", 12000), ("〇", 0),
])
def test_counts_written_in_chinese_numerals_are_read_as_numbers(written, value):
    assert number_value(written) == value


def test_the_facts_the_narrative_is_checked_against_come_from_the_report(small_report):
    facts = narrative_facts(small_report.facts)
    assert facts["app"] == small_report.facts.apps and facts["problems"] == small_report.facts.problems


@pytest.mark.parametrize(("raw", "clean"), [
    ("学习。;已建立台账。。", "学习；已建立台账。"),
    ("检查2项:符合2项,基本符合0项", "检查2项：符合2项，基本符合0项"),
    ("本单位(本地区)信息化", "本单位（本地区）信息化"),
    ("会议于10:30召开", "会议于10:30召开"),
    ("ICP备案号 浙ICP备12345678号", "ICP备案号 浙ICP备12345678号"),
])
def test_fullwidth_punctuation_in_chinese_prose(raw, clean):
    assert fullwidth(raw) == clean


def test_a_copy_of_the_demo_is_isolated(demo_db, tmp_path):
    shutil.copy(demo_db, tmp_path / "x.db")  # the fixtures above never change the session's demo
    assert (tmp_path / "x.db").stat().st_size == demo_db.stat().st_size


def test_the_addressee_comes_from_the_unit_unless_step_6_names_another(store, clean_unit):
    import dataclasses

    assert build_report(store, clean_unit.id, INSPECTION_DAY).addressee == "上级网信部门"
    store.save_unit(dataclasses.replace(store.get_unit(), addressee="西湖区委网信办"))
    assert build_report(store, clean_unit.id, INSPECTION_DAY).addressee == "西湖区委网信办"
    store.set_text(clean_unit.id, "addressee", "杭州市委网信办")
    assert build_report(store, clean_unit.id, INSPECTION_DAY).addressee == "杭州市委网信办"


def test_a_large_group_names_its_first_entities_and_says_how_many_and_where_the_rest_are():
    from app.export.report_model import NAMES_SHOWN, _involved
    from app.export.texts import report_wording

    names = [f"西湖街道工作群{n}" for n in range(NAMES_SHOWN + 5)]
    text = _involved(report_wording(), names)
    assert text.startswith(f"涉及对象（{len(names)}个）") and names[NAMES_SHOWN - 1] in text
    assert names[NAMES_SHOWN] not in text and f"等{len(names)}个（完整名单见一张表）" in text
    assert _involved(report_wording(), names[:3]).endswith("西湖街道工作群2")


def test_what_a_clerk_typed_with_ascii_brackets_reads_full_width_in_the_report(demo_store):
    insp = demo_store.current_inspection()
    problem = demo_store.problems(insp.id)[0]
    demo_store.save_problem_group(insp.id, problem.group, owner="张三(办公室)", measure="整改(第一阶段),限期完成")
    report = build_report(demo_store, insp.id, INSPECTION_DAY)
    for where, text in report.texts():
        if "证明材料" not in where:
            assert not ASCII_BETWEEN_CHINESE.search(text), f"{where}: {text}"
    assert any("张三（办公室）" in text for _, text in report.texts())
