# Fixtures: short made-up sentences in the style of Chinese official aid news. Places are real
# divisions of the bundled gazetteer (疏附县, 墨玉县, 喀什); schools, programs, campaigns and
# slogans are invented. None comes from the evaluation article.
import pytest


def test_longest_candidate_wins(analyse):
    assert analyse("援疆干部走访了疏附县第二中学。").texts("kg_mentions") == ["疏附县第二中学"]


def test_place_inside_a_name_is_kept_as_inner(analyse):
    inner = analyse("援疆干部走访了疏附县第二中学。").span("kg_inner", "疏附县")
    assert inner._.kg_key == "653121"


@pytest.mark.parametrize(
    "text, region",
    [("华中师范大学选派教师到疏附县支教。", "华中"), ("西北农林科技大学专家来到疏附县。", "西北")],
)
def test_a_region_by_its_short_name_inside_an_organizations_name_is_no_place(analyse, text, region):
    assert analyse(text).span("kg_inner", region) is None


def test_a_region_by_its_full_name_inside_a_programs_name_is_inner(analyse):
    assert analyse("南疆四地州教育帮扶行动启动。").span("kg_inner", "南疆四地州") is not None


@pytest.mark.parametrize(
    "text, word",
    [
        ("西藏自治区那曲市色尼区教育局副局长尼玛扎西介绍，", "尼玛"),  # 尼玛县 of Nagqu, a name element here
        ("项目位于昌吉回族自治州木垒县东北湾乡。", "东北"),  # a region's word inside a township's name
    ],
)
def test_a_place_inside_a_persons_name_or_a_region_inside_a_places_is_no_mention(analyse, text, word):
    assert analyse(text).span("kg_inner", word) is None


@pytest.mark.parametrize(
    "text, project",
    [
        ("疏附县纺织产业园项目投产仪式举行。", "疏附县纺织产业园项目"),  # the one project of the event
        ("疏附县纺织产业园二期项目集中开工仪式举行。", "疏附县纺织产业园二期项目"),  # a named phase's works
        ("疏附县援疆项目集中开工仪式举行。", None),  # projects begun together: no one project
        ("2026年粤喀经贸洽谈会暨产业援疆项目集中签约仪式举行。", None),  # two events' words
    ],
)
def test_an_event_names_the_one_project_it_is_for(analyse, text, project):
    inner = [span.text for span in analyse(text).spans("kg_inner") if span.label_ == "Program"]
    assert inner == ([project] if project else [])


def test_site_inside_a_name_is_not_inner(analyse):
    # 帕米尔高原景区 is a site grown from a head noun inside a site's name, not an administrative
    # place; the county before the square is a mention of its own (the square is named without it)
    analysis = analyse("游客来到疏附县帕米尔高原景区广场。")
    assert analysis.texts("kg_inner") == []
    assert analysis.texts("kg_mentions") == ["疏附县", "帕米尔高原景区广场"]


@pytest.mark.parametrize(
    "text",
    [
        "喀什地区疏附县托克扎克镇阿亚格曼干村村民艾合买提·吐尔逊说，",
        "广东省援疆前方指挥部在疏附县实施“粤喀同心”工程，开展“书香墨玉”“童心向党”等系列活动。",
    ],
)
def test_mentions_do_not_overlap(analyse, text):
    spans = analyse(text).spans("kg_mentions")
    assert all(a.end_char <= b.start_char for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize(
    "text",
    [
        "7月20日，“童心筑梦”夏令营在墨玉县开营。",
        "“童心筑梦”夏令营于7月20日至25日在墨玉县举办。",
        # 当天 after a sentence that gives the day is that day too
        "7月20日，墨玉县援疆项目集中开工仪式举行。当天，“童心筑梦”夏令营在墨玉县开营。",
    ],
)
def test_activity_in_a_dated_sentence_is_an_event(analyse, text):
    span = analyse(text, year=2024).span("kg_mentions", "“童心筑梦”夏令营")
    assert (span.label_, span._.kg_rule) == ("Event", "head:夏令营+dated")


@pytest.mark.parametrize(
    "text",
    ["“童心筑梦”夏令营在墨玉县开营。", "墨玉县7月20日举办“童心筑梦”夏令营。"],
)
def test_activity_without_opening_date_stays_a_program(analyse, text):
    assert analyse(text, year=2024).span("kg_mentions", "“童心筑梦”夏令营").label_ == "Program"


@pytest.mark.parametrize(
    "text, event, rule",
    [
        ("第三届疏附县石榴花节吸引游客。", "第三届疏附县石榴花节", "head:花节+edition"),
        ("墨玉县第二届职工运动会落下帷幕。", "墨玉县第二届职工运动会", "head:运动会+edition"),
        ("疏附县举办2025年帕米尔文化旅游节。", "2025年帕米尔文化旅游节", "head:旅游节+edition"),
        ("墨玉县首届美食节吸引游客。", "墨玉县首届美食节", "head:美食节+edition"),
        ("疏附县举办首届帕米尔马拉松。", "首届帕米尔马拉松", "inaugural"),
        ("2026喀什古城马拉松明天开跑。", "2026喀什古城马拉松", "head:马拉松+edition"),
        # the festivals of Tibet, Qinghai and the Mongol and Kazakh pastures
        ("第五届理塘赛马节开幕。", "第五届理塘赛马节", "head:赛马节+edition"),
        ("2024年肃北那达慕大会开幕。", "2024年肃北那达慕大会", "head:那达慕大会+edition"),
        # said to be held somewhere: one happening
        ("“石榴花开”文化旅游节在疏附县托克扎克镇隆重举行。", "“石榴花开”文化旅游节", "head:旅游节+held"),
    ],
)
def test_edition_of_an_activity_is_an_event_without_a_date(analyse, text, event, rule):
    span = analyse(text, year=2024).span("kg_mentions", event)
    assert (span.label_, span._.kg_rule) == ("Event", rule)


@pytest.mark.parametrize(
    "text, program",
    [("墨玉县玉石文化节吸引游客。", "墨玉县玉石文化节"), ("首批“粤喀号”专列投入运营。", "“粤喀号”专列")],
)
def test_activity_without_edition_or_date_and_undated_first_run_stay_programs(analyse, text, program):
    assert analyse(text, year=2024).span("kg_mentions", program).label_ == "Program"


@pytest.mark.parametrize(
    "text, event",
    [
        ("2024年6月1日，首趟“粤喀号”专列驶入喀什站。", "首趟“粤喀号”专列"),
        ("10月8日，首届丝路青少年足球联赛在疏附县开幕。", "首届丝路青少年足球联赛"),
    ],
)
def test_inaugural_run_is_an_event(analyse, text, event):
    span = analyse(text, year=2024).span("kg_mentions", event)
    assert (span.label_, span._.kg_rule) == ("Event", "inaugural")


@pytest.mark.parametrize(
    "text, program",
    [
        ("2024年6月1日，首趟“粤喀号”专列驶入喀什站。", "“粤喀号”专列"),
        ("10月8日，首届丝路青少年足球联赛在疏附县开幕。", "丝路青少年足球联赛"),
    ],
)
def test_inaugural_event_keeps_its_program_inner(analyse, text, program):
    assert analyse(text, year=2024).span("kg_inner", program).label_ == "Program"


def test_an_activity_named_as_an_event_of_the_report_but_for_its_year_is_that_event(analyse):
    text = "“穗疏杯”篮球邀请赛在疏附开赛\n8月3日，2025年“穗疏杯”篮球邀请赛在疏附县开赛。"
    analysis = analyse(text)
    headline = analysis.span("kg_mentions", "“穗疏杯”篮球邀请赛")
    assert (headline.label_, headline._.kg_name) == ("Event", "2025年穗疏杯篮球邀请赛")  # names drop quotes


def test_organization_of_a_sub_unit_is_inner(analyse):
    analysis = analyse("广东省援疆前方指挥部教育组负责人介绍，")
    assert analysis.span("kg_inner", "广东省援疆前方指挥部").label_ == "Organization"


@pytest.mark.parametrize(
    "text, counted, named",
    [
        ("疏附县建成红枣深加工生产线4条。", "红枣深加工生产线", None),
        ("托克扎克镇建成蔬菜示范基地2800亩。", "蔬菜示范基地", None),
        # a count of people after a school still leaves the school's name
        ("疏附县第二中学300名学生参加活动。", None, "疏附县第二中学"),
    ],
)
def test_a_head_noun_counted_right_after_it_names_no_facility(analyse, text, counted, named):
    mentions = analyse(text, year=2026).texts("kg_mentions")
    assert counted not in mentions
    assert named is None or named in mentions


@pytest.mark.parametrize(
    "text, project",
    [
        # a name whose head would make an organization, and one no head reads at all
        ("项目名称：疏附县农产品冷链物流中心；建设地点：托克扎克镇；", "疏附县农产品冷链物流中心"),
        ("工程名称：墨玉县喀瓦克乡饮水提质；实施单位：墨玉县水利局。", "墨玉县喀瓦克乡饮水提质"),
    ],
)
def test_the_value_of_a_project_name_field_is_a_project(analyse, text, project):
    analysis = analyse(text)
    span = analysis.span("kg_mentions", project)
    assert (span.label_, span._.kg_subclass) == ("Program", "Project")
    assert analysis.span("kg_inner", project[:3]) is not None  # its county, where it is
