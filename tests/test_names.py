# Fixtures: short made-up sentences in the style of Chinese official aid news. Places are real
# divisions of the bundled gazetteer (疏附县, 墨玉县, 喀什, 广东省…); every school, hospital,
# company, program, campaign and work named here is invented, and so are the quoted slogans.
# Central bodies (教育部, 国家民委) are from data/rules/organizations.csv. None comes from the
# evaluation article.
import pytest


def name(analysis, surface):
    return analysis.span("kg_names", surface)


@pytest.mark.parametrize(
    "text, surface, subclass",
    [
        ("援疆干部走访了疏附县第二中学。", "疏附县第二中学", "School"),
        ("医生来到墨玉县人民医院坐诊。", "墨玉县人民医院", "Hospital"),
        ("他创办了喀什丝路纺织有限公司。", "喀什丝路纺织有限公司", "Company"),
        ("广东省援疆前方指挥部组织专家义诊。", "广东省援疆前方指挥部", "AidCommand"),
        ("深圳市援疆工作组组织专家义诊。", "深圳市援疆工作组", "AidCommand"),
        ("记者从广州市驻毕节市东西部协作工作组获悉，", "广州市驻毕节市东西部协作工作组", "AidCommand"),
        ("广东省对口支援新疆喀什地区联络组负责人介绍，", "广东省对口支援新疆喀什地区联络组", "AidCommand"),
        ("疏附县乡村振兴工作组进村入户。", "疏附县乡村振兴工作组", "Team"),
        ("项目落户喀什经济开发区。", "喀什经济开发区", "IndustrialPark"),
        ("援疆资金建设的疏附县红枣加工园投产。", "疏附县红枣加工园", "IndustrialPark"),
        ("学生参观了疏附县博物馆。", "疏附县博物馆", "Venue"),
        ("疏附县融媒体中心记者报道。", "疏附县融媒体中心", "MediaOrganization"),
        ("广州名师工作室在疏附县第二中学挂牌。", "广州名师工作室", "Organization"),
        ("托克扎克镇阿亚格曼干村卫生室投入使用。", "托克扎克镇阿亚格曼干村卫生室", "Hospital"),
        ("天津市第五批医疗援疆专家团队抵达和田。", "天津市第五批医疗援疆专家团队", "Team"),
        ("江苏省第九批援青教师团队来到海南州。", "江苏省第九批援青教师团队", "Team"),
        ("上海援藏定日小组投入资金建设学校。", "上海援藏定日小组", "Team"),  # an aid body's 小组
        ("疏附县东西部协作领导小组召开会议。", "疏附县东西部协作领导小组", "GovernmentBody"),  # no team
        ("广东省对口支援新疆工作领导小组召开会议。", "广东省对口支援新疆工作领导小组", "GovernmentBody"),  # its aid verb
        ("上海市第十一批援藏干部联络组抵达日喀则。", "上海市第十一批援藏干部联络组", "AidCommand"),  # not 一批
        (
            "喀什理工大学同济医学院附属协和医院派出专家。",
            "喀什理工大学同济医学院附属协和医院",
            "Hospital",
        ),  # 协和 holds 和
        # the bodies of East–West cooperation
        ("广州毕节产业合作试验区引进企业8家。", "广州毕节产业合作试验区", "IndustrialPark"),
        ("黄埔—毕节产业合作园开园。", "黄埔—毕节产业合作园", "IndustrialPark"),
        ("天河毕节科创飞地揭牌。", "天河毕节科创飞地", "IndustrialPark"),
        ("广州东西部协作产品交易市场开业。", "广州东西部协作产品交易市场", "Venue"),
        ("粤黔消费帮扶馆开馆。", "粤黔消费帮扶馆", "Venue"),
        ("纺织企业入驻疏附县纺织工业城。", "疏附县纺织工业城", "IndustrialPark"),
        ("疏附县第十七届人民代表大会第三次会议开幕。", "疏附县第十七届人民代表大会", "GovernmentBody"),  # not 大会
        # an office of aid keeps the verb of its aid
        ("喀什地区对口支援工作协调办公室发布通知。", "喀什地区对口支援工作协调办公室", "GovernmentBody"),
        ("广州市对口支援和合作交流办公室发布通知。", "广州市对口支援和合作交流办公室", "GovernmentBody"),  # one term
        # 创新 before a head names the kind of body, not a verb launching it
        ("疏附县科技创新服务中心揭牌。", "疏附县科技创新服务中心", "Organization"),
        ("粤喀物理创新实验室正式启用。", "粤喀物理创新实验室", "Organization"),
    ],
)
def test_organization_head(analyse, text, surface, subclass):
    span = name(analyse(text), surface)
    assert (span.label_, span._.kg_subclass) == ("Organization", subclass)


@pytest.mark.parametrize(
    "text, surface, subclass",
    [
        ("深圳援疆推进民族团结一家亲工程。", "民族团结一家亲工程", "Project"),
        ("持续开展银龄助学行动。", "银龄助学行动", "Campaign"),
        ("启动春蕾圆梦计划。", "春蕾圆梦计划", "Campaign"),
        ("疏附县红枣深加工项目投产。", "疏附县红枣深加工项目", "Project"),
        ("疏附县人民医院远程医疗中心升级项目完工。", "疏附县人民医院远程医疗中心升级项目", "Project"),  # 升级 names it
        ("建成疏附县艾德莱斯工坊。", "疏附县艾德莱斯工坊", "Project"),
        # a hospital's centre for one care, which aid builds: a project
        ("疏附县人民医院胸痛中心通过认证。", "疏附县人民医院胸痛中心", "Project"),
        ("疏附县人民医院高原病诊疗中心开工。", "疏附县人民医院高原病诊疗中心", "Project"),
        ("开行粤新冷链专列。", "粤新冷链专列", "Project"),
        ("建设疏附县红枣种植基地。", "疏附县红枣种植基地", "Project"),
        ("建成疏附县现代设施农业示范园。", "疏附县现代设施农业示范园", "Project"),
        # activities named by the week or month they run
        ("粤喀文化交流周在疏附县开幕。", "粤喀文化交流周", "Activity"),
        ("疏附县农产品展销月在广州启动。", "疏附县农产品展销月", "Activity"),
        ("“石榴籽”家庭教育讲堂走进疏附县。", "“石榴籽”家庭教育讲堂", "Activity"),
        # a building, workshop or cold store that aid builds is the project
        ("广州市援建的疏附县中医医院门诊综合楼投用。", "疏附县中医医院门诊综合楼", "Project"),
        ("乌帕尔镇“粤疏”帮扶车间吸纳就业120人。", "乌帕尔镇“粤疏”帮扶车间", "Project"),
        ("疏附县木本粮油加工车间投产。", "疏附县木本粮油加工车间", "Project"),
        ("深圳市援建的疏附县人民医院感染楼投用。", "疏附县人民医院感染楼", "Project"),
        ("“粤疏同心”文艺汇演走进乡村。", "“粤疏同心”文艺汇演", "Activity"),
        ("“红柳学子”奖学金资助学生300名。", "“红柳学子”奖学金", "Campaign"),
        ("粤黔消费帮扶周在广州开幕。", "粤黔消费帮扶周", "Activity"),
        # a word ending in a boundary character (数据 in 据) is inside the name
        ("两地签约疏附县云数据中心项目。", "疏附县云数据中心项目", "Project"),
        # a compound that ends in a boundary word (提质升级 in 升级) is inside the name
        ("疏附县景区提质升级工程完工。", "疏附县景区提质升级工程", "Project"),
        ("疏附县第二水厂投入使用。", "疏附县第二水厂", "Project"),
        ("疏附县托克扎克镇易地扶贫搬迁安置区交付使用。", "疏附县托克扎克镇易地扶贫搬迁安置区", "Project"),
        ("毕节市七星关区社区工厂吸纳就业300人。", "毕节市七星关区社区工厂", "Project"),
        ("疏附县广州新城安居小区交付使用。", "疏附县广州新城安居小区", "Project"),
        ("2025年粤疏青少年“同心”手拉手交流活动在疏附县举行。", "2025年粤疏青少年“同心”手拉手交流活动", "Activity"),
        ("疏附县举办“石榴花开”主题活动。", "“石榴花开”主题活动", "Activity"),
        ("2025年粤疏青少年“同心”手拉手活动在疏附县举行。", "2025年粤疏青少年“同心”手拉手活动", "Activity"),
        # a phase of a facility or project is a project of its own
        ("疏附县红柳幼儿园二期投入使用。", "疏附县红柳幼儿园二期", "Project"),
        ("疏附县广州新城安居小区三期工程开工。", "疏附县广州新城安居小区三期工程", "Project"),
        # a school's new campus, a hospital's new site: built as a project (the body stays inside)
        ("广州援建的疏附县第二中学新校区投入使用。", "疏附县第二中学新校区", "Project"),
        ("佛山援建的伽师县人民医院新院区启用。", "伽师县人民医院新院区", "Project"),
        ("疏勒县多浪羊高效养殖示范场建成。", "疏勒县多浪羊高效养殖示范场", "Project"),
        # 完善 after the facilities it improves is a noun of the name
        ("疏附县萨依巴格乡基础设施完善项目开工。", "疏附县萨依巴格乡基础设施完善项目", "Project"),
        ("疏附县饲草料储备基地建设项目开工。", "疏附县饲草料储备基地建设项目", "Project"),  # a reserve's facility
        ("广州市第六中学喀什高中班今年招生。", "广州市第六中学喀什高中班", "Project"),  # a giver's school's class
    ],
)
def test_program_head(analyse, text, surface, subclass):
    span = name(analyse(text), surface)
    assert (span.label_, span._.kg_subclass) == ("Program", subclass)


@pytest.mark.parametrize(
    "text, surface",
    [
        ("货车驶入喀什站。", "喀什站"),
        ("货物从吐尔尕特口岸出口。", "吐尔尕特口岸"),
        ("游客参观莫尔寺遗址。", "莫尔寺遗址"),
        ("游客走进帕米尔高原景区。", "帕米尔高原景区"),
        ("广州游客可免费游览帕米尔神秘大峡谷。", "帕米尔神秘大峡谷"),
        ("游客漫步在喀什老街。", "喀什老街"),
    ],
)
def test_site_head(analyse, text, surface):
    span = name(analyse(text), surface)
    assert (span.label_, span._.kg_subclass) == ("Place", "Site")


@pytest.mark.parametrize(
    "text, surface",
    [
        ("专家与墨玉县人民医院签约。", "墨玉县人民医院"),
        ("援疆干部来到疏附县第一小学。", "疏附县第一小学"),
        ("资金由深圳市投入喀什丝路纺织有限公司。", "喀什丝路纺织有限公司"),
        ("教师在疏附县第一小学上课。", "疏附县第一小学"),
        ("据广东省援疆前方指挥部介绍，", "广东省援疆前方指挥部"),
        ("自治区大数据中心投入使用。", "自治区大数据中心"),  # 据 inside a word does not stop it
        # verbs of joint action between two bodies
        ("广州市援疆工作队联合疏附县图书馆举办读书会。", "疏附县图书馆"),
        ("广州市援疆工作队共同发起疏附县红枣冷链物流项目。", "疏附县红枣冷链物流项目"),
        # a preposition or a verb of arriving ends a place's name however short
        ("第三届石榴节在红柳湾港举行。", "红柳湾港"),
        ("货物运抵红柳湾港。", "红柳湾港"),
        # the verb of a list (开工的项目有…); 有 begins a word of the name in 有机, 有色
        ("开工的项目有疏附县第二中学综合楼。", "疏附县第二中学"),
        ("疏附县有机农业产业园投产。", "疏附县有机农业产业园"),
        ("疏附县有色金属加工厂投产。", "疏附县有色金属加工厂"),
        # a program's head before the place a name begins with; 继 and 之后 (following, after)
        ("本招标项目疏附县2025年广东援疆供水管网改造项目已批准建设。", "疏附县2025年广东援疆供水管网改造项目"),
        ("广东援疆项目疏附县红枣产业园项目开工。", "疏附县红枣产业园项目"),
        ("这是继疏附县红枣产业园项目之后的又一重点项目。", "疏附县红枣产业园项目"),
        ("这是继2023年之后疏附县红枣产业园项目又一次扩建。", "疏附县红枣产业园项目"),
        ("对接了喀什本地纺织企业广东溢达纺织有限公司。", "广东溢达纺织有限公司"),  # the kind of firm before
        ("疏附县职业技术学校继续教育中心揭牌。", "疏附县职业技术学校继续教育中心"),
    ],
)
def test_left_growth_stops_at_governing_word(analyse, text, surface):
    end = text.index(surface) + len(surface)
    assert [span.text for span in analyse(text).spans("kg_names") if span.end_char == end] == [surface]


def test_a_boundary_word_that_begins_a_head_inside_the_name_does_not_stop_it(analyse):
    # 服务 is a verb, and the first half of the head 服务中心: the project's name runs over it
    found = {span.text for span in analyse("疏附县游客服务中心改造项目开工。").spans("kg_mentions")}
    assert "疏附县游客服务中心改造项目" in found


def test_an_organizations_name_does_not_run_over_a_verb_to_another_body(analyse):
    found = {span.text for span in analyse("疏附县电子商务公共服务中心共建人才中心。").spans("kg_names")}
    assert not [name for name in found if "共建" in name]


@pytest.mark.parametrize(
    "text", ["来自托克扎克镇的李秀梅2023年经工作站介绍进城务工。", "疏附县农村经营管理中心去年成立。"]
)
def test_a_head_governed_bare_by_a_preposition_is_no_name(analyse, text):
    # 经|工作站介绍: no name runs back over 经 to the person and the year; 经营 is a word, not 经
    names = [span.text for span in analyse(text).spans("kg_names")]
    assert not [name for name in names if "经工作站" in name]
    assert all(not name.startswith("营") for name in names)


@pytest.mark.parametrize("text", ["如对项目建设有意见和建议，请与我局联系。", "县发改委对项目进行了验收。"])
def test_a_project_governed_bare_by_dui_is_no_name(analyse, text):
    assert not [span for span in analyse(text).spans("kg_names") if span.label_ == "Program"]


@pytest.mark.parametrize("text", ["记者在县人民医院看到，病房已经启用。", "书记王海在市人民医院调研。"])
def test_a_governing_word_before_a_level_word_and_a_head_stops_the_name(analyse, text):
    # 县人民医院: the county's hospital; the name never takes the words before 在
    analysis = analyse(text)
    assert not [span.text for span in analysis.spans("kg_names") if "在" in span.text]
    assert any(span.text.endswith("人民医院") for span in analysis.spans("kg_mentions"))


@pytest.mark.parametrize(
    "text, named",
    [
        ("广州市资助疏附县籍大学生120名。", None),  # 大学生, students: the recognizer's noun runs past 大学
        ("喀什大学生物学院的教师来到疏附县。", "喀什大学"),  # 大学 and 生物, two words
    ],
)
def test_a_head_a_common_noun_runs_on_past_names_nothing(analyse, text, named):
    found = [span.text for span in analyse(text).spans("kg_names")]
    assert not [name for name in found if name.endswith("籍大学")]
    assert named is None or named in found


def test_a_body_the_recognizer_reads_into_a_verb_of_joint_action_is_still_named(analyse):
    # the segmenter's noun 工作组联合 runs past the head over the verb
    found = [span.text for span in analyse("今年6月，河北援藏噶尔县工作组联合噶尔县水利局启动工程。").spans("kg_names")]
    assert "河北援藏噶尔县工作组" in found


@pytest.mark.parametrize(
    "text, generic",
    [
        ("玉树州各中小学都建起了图书角。", "中小学"),  # counted over: 各
        ("协会将协助更多学校开展交流。", "学校"),
        ("阿克苏地区中小学今天开学。", "中小学"),  # primary and middle schools together: a class
        ("今年新建寄宿制完全中学一所。", "中学"),  # kinds every region has
        ("支持边疆学校和城区中学结对。", "学校"),
        ("他在东南亚也有工厂。", "工厂"),  # what a place has
        ("这座工厂今年投产。", "工厂"),  # counted or pointed at by a measure word
        ("县里新建两所学校。", "学校"),
        ("工作队会继续帮助合作社。", "合作社"),  # the one helped
        ("施工单位多付工程款12万元。", "工程"),  # an audit's verbs over money and projects
        ("审计组抽取项目18个。", "项目"),
        ("援方通过园区招商。", "园区"),  # a place one acts through
        ("镇里建成第三个卫星工厂。", "工厂"),  # the third of a kind
        ("辽宁援疆让医院发生了变化。", "医院"),  # governed by a causative or 围绕
        ("未来三年内围绕学校建设开展合作。", "学校"),
        ("这一行动惠及群众。", "行动"),  # pointed at by 这一
        ("随后举行投运仪式。", "仪式"),  # a ceremony named by what it is held for
        ("行署副专员次仁平措代表地区接收项目。", "项目"),  # what a body receives
        ("一辆辆货车满载着电子元器件驶出园区。", "园区"),  # what one leaves or is stationed at
        ("每年选派骨干教师常驻受援学校。", "学校"),  # the aided side: whichever school is aided
        ("专家团队与受援医院签订协议。", "医院"),
        ("作为行动的主要运营企业，某公司开设了门店。", "行动"),  # what one takes it as
        ("带动120户合作社加入产业链。", "产业链"),  # what one joins or works
        ("我们更看中两地政府的协作服务。", "政府"),  # what one values; the two places' bodies
        ("培训后，本地牧民青年能独立操作生产线。", "生产线"),
    ],
)
def test_a_head_counted_over_had_or_of_a_generic_kind_is_no_name(analyse, text, generic):
    assert not [span.text for span in analyse(text).spans("kg_names") if span.text.endswith(generic)]


def test_a_place_before_a_generic_kind_of_school_still_names_it(analyse):
    assert "阿克苏市双语幼儿园" in [span.text for span in analyse("阿克苏市双语幼儿园开园。").spans("kg_names")]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("我们请上海市对口支援新疆工作前方总指挥部副总指挥介绍。", "上海市对口支援新疆工作前方总指挥部"),
        ("援疆医生孙晓燕来自绍兴市人民医院。", "绍兴市人民医院"),
        ("县发改委会同山东省援疆疏勒县工作组编制计划。", "山东省援疆疏勒县工作组"),
        ("去年沙雅县入股嘉兴秀洲高新区。", "嘉兴秀洲高新区"),
        # after a whole name, a verb linking it to the next body ends that body's name, however short
        ("北京某某医院通过远程平台会诊。", "北京某某医院"),
        ("某县扶持牦牛标准化养殖合作社发展。", "牦牛标准化养殖合作社"),
        # the kind of firm before a firm's own name (not 企业管理, a word of the name)
        ("温州企业浙南绿源农业科技有限公司入驻。", "浙南绿源农业科技有限公司"),
        ("浙江某某企业管理有限公司成立。", "浙江某某企业管理有限公司"),
        ("施工单位浙南中瑞建设有限公司进场施工。", "浙南中瑞建设有限公司"),  # the part a firm plays
        # a head that says what kind of body follows, bare, is no part of the name after it
        ("沙雅县人民医院的结对帮扶医院嘉兴市第一医院派出医生。", "嘉兴市第一医院"),
        ("可与我院结对医院上海市第六人民医院连线。", "上海市第六人民医院"),
        # 代表 in a deputies' word and 保障 in 保障性 are words of the name
        ("疏附县人大代表联络站揭牌。", "疏附县人大代表联络站"),
        ("昌珠镇城镇保障性住房项目完工。", "昌珠镇城镇保障性住房项目"),
        # a phase in brackets after the head, or before it, is the project's
        ("卡若区城乡供水一体化工程（一期）已经通水。", "卡若区城乡供水一体化工程（一期）"),
        ("江达县城保障性住房（二期）项目开工。", "江达县城保障性住房（二期）项目"),
        # a list item's number is no part of the name it numbers
        ("（２）梨花溪高原果品冷链物流中心，投资300万元。", "梨花溪高原果品冷链物流中心"),
        ("②兴海县人民医院综合楼，投资800万元。", "兴海县人民医院综合楼"),
        ("本文节选自广西大学公共管理学院硕士论文。", "广西大学公共管理学院"),
        ("学生们和3800多公里外江苏省南京市育英实验学校的同学一起上课。", "江苏省南京市育英实验学校"),  # a distance
        # 结对, 共建 and 签约 are a signing's own verbs
        ("在苏霍两校结对共建签约暨名师工作室揭牌仪式上，校长说。", "苏霍两校结对共建签约暨名师工作室揭牌仪式"),
    ],
)
def test_a_name_begins_after_the_verb_or_the_bare_head_before_it(analyse, text, surface):
    assert surface in [span.text for span in analyse(text).spans("kg_names")]


@pytest.mark.parametrize(
    "text", ["他代表当地政府致辞。", "两校结对帮扶学校名单公布。", "某某医院通过远程平台会诊。"]
)
def test_a_body_represented_or_paired_bare_is_no_name(analyse, text):
    assert not [span.text for span in analyse(text).spans("kg_names") if span.text.endswith(("政府", "学校", "平台"))]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("2010年5月中央新疆工作座谈会召开。", "中央新疆工作座谈会"),  # (not 5月中, the recognizer's date)
        ("1月7日定日6.8级地震发生后，工作队驰援。", "定日6.8级地震"),
    ],
)
def test_an_events_name_holds_no_month_or_day(analyse, text, surface):
    assert surface in [span.text for span in analyse(text).spans("kg_names")]


def test_an_edition_named_by_its_year_is_also_called_without_it(analyse):
    span = name(analyse("1994年中央第三次西藏工作座谈会确定了对口援藏。"), "1994年中央第三次西藏工作座谈会")
    assert "中央第三次西藏工作座谈会" in span._.kg_aliases


def test_a_head_after_done_together_is_a_common_noun(analyse):
    # 联合演出: a joint performance, no activity named after the troupe before it
    found = [span.text for span in analyse("广东省歌舞剧院与喀什地区歌舞团联合演出舞剧。").spans("kg_names")]
    assert not [name for name in found if name.endswith("演出")]


@pytest.mark.parametrize("text", ["货物从广西壮族自治区防城港市运往喀什。", "防城港市港口区举办招商会。"])
def test_a_head_inside_a_place_name_starts_no_name(analyse, text):
    # 港 ends 防城港 and begins 港口: neither is a port's name
    assert not [span.text for span in analyse(text).spans("kg_names") if span.text.endswith("港")]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("资金用于建设丝路和鸣文化园。", "丝路和鸣文化园"),
        # 京和, 津和: Beijing's or Tianjin's character and 和田's, not a giver "and" a name
        ("京和乡村振兴工作座谈会在北京召开。", "京和乡村振兴工作座谈会"),
        ("墨玉县京和服装产业园开园。", "墨玉县京和服装产业园"),
        ("策勒县津和红枣加工园投产。", "策勒县津和红枣加工园"),
    ],
)
def test_he_inside_a_name_does_not_stop_it(analyse, text, surface):
    assert name(analyse(text), surface) is not None


@pytest.mark.parametrize(
    "text, surface",
    [
        ("村民们通过鄯善县英也尔瓜果种植专业合作社卖瓜。", "鄯善县英也尔瓜果种植专业合作社"),
        ("和静县巴也尔村养殖专业合作社成立。", "和静县巴也尔村养殖专业合作社"),
    ],
)
def test_ye_of_a_village_name_after_its_county_does_not_stop_a_name(analyse, text, surface):
    # 也 is a syllable of Uyghur village names (英也尔, 巴也尔) as well as the adverb "also"
    assert name(analyse(text), surface) is not None


def test_ye_after_a_county_and_its_subject_is_the_adverb(analyse):
    assert name(analyse("伽师县农民也成立了瓜果种植专业合作社。"), "伽师县农民也成立了瓜果种植专业合作社") is None


@pytest.mark.parametrize(
    "text, counted",
    [
        ("根据协议，三家天津医院每年各派专家到结对医院。", "天津医院"),
        ("两所北京中学派出了骨干教师。", "北京中学"),
    ],
)
def test_bodies_of_a_place_counted_are_no_name(analyse, text, counted):
    assert counted not in analyse(text).texts("kg_mentions")


@pytest.mark.parametrize(
    "text, surface",
    [
        ("他所在的北京中学派出了骨干教师。", "北京中学"),  # 所 counts nothing here
        ("（二）疏附县人民医院综合住院楼验收问题", "疏附县人民医院"),  # a list's number is no count
    ],
)
def test_a_body_of_a_place_after_no_count_is_named(analyse, text, surface):
    assert name(analyse(text), surface) is not None


def test_the_kind_after_a_counted_list_is_no_name_and_a_tourist_town_is_a_project(analyse):
    # 鲁朗国际旅游小镇-like: a town built as a project; 等一批文旅项目: the kind of the things listed
    analysis = analyse("广东援藏工作队在鲁朗镇援建了云杉国际旅游小镇等一批文旅项目。")
    town = name(analysis, "云杉国际旅游小镇")
    assert (town.label_, town._.kg_subclass) == ("Program", "Project")
    assert name(analysis, "文旅项目") is None


def test_a_place_and_he_before_a_name_is_and(analyse):
    names = [span.text for span in analyse("北京和天津的企业参加了墨玉县招商推介会。").spans("kg_names")]
    assert names == ["墨玉县招商推介会"]


@pytest.mark.parametrize(
    "text",
    [
        "援疆工作组负责项目的日常管理。",
        "会议要求，各受援县要落实项目资金。",
        "会上，四县分别汇报援疆项目进展。",
        "根据评估结果动态调整项目。",
        "清单内项目均已纳入援疆项目库。",
        "2025年广州市将计划投入资金3000万元。",
        "支持疏附县完善水厂运维机制。",
        "中铁二十局集团有限公司项目负责人王海介绍，工程进展顺利。",  # the project's manager, no project
    ],
)
def test_a_project_governed_by_a_verb_of_administration_is_no_name(analyse, text):
    assert [span.text for span in analyse(text).spans("kg_names") if span.label_ == "Program"] == []


@pytest.mark.parametrize(
    "text, named, not_named",
    [
        ("托克扎克镇智慧牧场项目计划存栏肉牛3000头。", "托克扎克镇智慧牧场项目", "托克扎克镇智慧牧场项目计划"),
        ("2025年广州援疆项目计划已经下达。", "2025年广州援疆项目计划", None),  # a plan issued: a noun
    ],
)
def test_ji_hua_after_a_project_before_its_object_is_the_verb_plans_to(analyse, text, named, not_named):
    names = {span.text for span in analyse(text).spans("kg_names")}
    assert named in names and not_named not in names


@pytest.mark.parametrize(
    "text", ["疏附县已建成帮扶车间12个。", "已有12家企业入驻园区。", "农技专家王海常年驻扎园区。"]
)
def test_a_head_after_a_completed_building_or_a_verb_of_moving_in_is_a_common_noun(analyse, text):
    assert [span.text for span in analyse(text).spans("kg_names")] == []


def test_a_project_named_with_a_verb_of_building_keeps_it(analyse):
    assert name(analyse("疏附县第二中学新建项目开工。"), "疏附县第二中学新建项目") is not None


@pytest.mark.parametrize(
    "text",
    [
        "广州市2025年对口支援重点项目全部开工。",
        "喀什地区疏附县2025年第二批广东援疆项目开工。",
        "2024年广州援疆疏附县重点民生项目全部完工。",
    ],
)
def test_places_generic_words_and_a_year_or_batch_head_a_class_of_projects(analyse, text):
    assert [span.text for span in analyse(text).spans("kg_names") if span.label_ == "Program"] == []


@pytest.mark.parametrize(
    "text, surface",
    [
        ("托克扎克镇援疆安居小区建成。", "托克扎克镇援疆安居小区"),
        ("疏附县托克扎克镇边境小康村建设项目开工。", "疏附县托克扎克镇边境小康村建设项目"),
        ("2025疏附马拉松今天开跑。", "2025疏附马拉松"),  # an edition of an activity, not a class
    ],
)
def test_places_and_generic_words_without_a_year_still_name_a_project(analyse, text, surface):
    assert name(analyse(text), surface) is not None


def test_the_facilities_a_project_builds_named_by_common_words_are_no_names(analyse):
    text = "疏附县红枣冷链物流项目总投资8000万元，规划建设2万吨级气调冷库、农产品分拣中心和电商直播基地。"
    assert [span.text for span in analyse(text).spans("kg_names")] == ["疏附县红枣冷链物流项目"]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("疏附县红枣冷链物流项目配套建设托克扎克镇分拣中心。", "托克扎克镇分拣中心"),  # a place names it
        ("疏附县红枣冷链物流项目今年开工，在托克扎克镇建成农产品分拣中心。", "农产品分拣中心"),  # built there
        ("广州市援疆工作队建设农产品分拣中心。", "农产品分拣中心"),  # no project is building it
    ],
)
def test_a_facility_built_with_a_place_or_by_no_project_keeps_its_name(analyse, text, surface):
    assert name(analyse(text), surface) is not None


def test_a_park_named_after_the_givers_aid_begins_at_its_place_as_its_project_does(analyse):
    names = {span.text for span in analyse("广东省援疆疏附县红枣精深加工产业园项目开工。").spans("kg_names")}
    assert {"疏附县红枣精深加工产业园项目", "疏附县红枣精深加工产业园"} <= names


def test_quoted_name_with_head_inside_quotes(analyse):
    span = name(analyse("实施“民族团结一家亲工程”。"), "民族团结一家亲工程")
    assert (span.label_, span._.kg_rule) == ("Program", "quoted-head:工程")


def test_quoted_part_before_head_is_an_alias(analyse):
    span = name(analyse("“红石榴”行动取得实效。"), "“红石榴”行动")
    assert (span._.kg_name, span._.kg_aliases) == ("红石榴行动", ("红石榴",))


@pytest.mark.parametrize(
    "text, surface",
    [
        ("“天山雪莲”入选全国优秀案例。", "天山雪莲"),  # subject of an award verb
        ("援疆干部创新实施“春风化雨”，成效明显。", "春风化雨"),  # object of a launching verb
        ("推广“手拉手”模式。", "手拉手"),  # followed by a program noun
        ("疏附县老年大学“粤疏课堂”正式开课。", "粤疏课堂"),  # followed by a milestone
        ("“粤疏云课堂”二期完成验收。", "粤疏云课堂"),
    ],
)
def test_quoted_name_without_head_is_a_program(analyse, text, surface):
    assert name(analyse(text), surface).label_ == "Program"


def test_a_quotation_that_opened_on_a_day_is_a_program_not_an_event(analyse):
    text = "2025年6月8日，疏附县老年大学“粤疏课堂”正式开课。"
    assert analyse(text).span("kg_mentions", "粤疏课堂").label_ == "Program"


@pytest.mark.parametrize(
    "text, surface",
    [
        ("疏附县与佛山市第一中学建立“粤疏同步课堂”，学生同上一堂课。", "粤疏同步课堂"),
        ("广州市投资3000万元援建了“石榴红”民宿集群。", "石榴红”民宿集群"),  # the name runs on to the clause's end
        ("广东援建的“红柳湾生态小镇”于2020年开业。", "红柳湾生态小镇"),
    ],
)
def test_a_quotation_a_verb_of_building_governs_is_what_was_built(analyse, text, surface):
    assert name(analyse(text), surface).label_ == "Program"


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("两院建立“组团式”帮扶关系。", "组团式"),  # a way of working
        ("工作队严格落实项目建设“三个确保”，确保质量。", "三个确保"),  # 建设 a noun
        ("两区共同打造的“疏附好物”消费帮扶专柜已落地。", "疏附好物"),  # the quotation is only part of the name
    ],
)
def test_a_quotation_after_building_words_that_is_no_built_thing(analyse, text, quoted):
    assert not [span for span in analyse(text).spans("kg_names") if quoted in span.text]


def test_quoted_phrase_in_plain_prose_is_not_a_name(analyse):
    assert analyse("孩子们说“谢谢老师”。").spans("kg_names") == []


@pytest.mark.parametrize("text", ["两所医院开展“结对帮扶”。", "两地启动“对口支援”。"])
def test_a_quoted_way_of_giving_aid_is_not_a_program(analyse, text):
    assert analyse(text).spans("kg_names") == []


@pytest.mark.parametrize(
    "text, items",
    [
        ("开展“书香墨玉”“童心向党”等系列活动。", ["书香墨玉", "童心向党"]),
        ("组织“丝路花雨”、“红石榴”等文化活动。", ["丝路花雨", "红石榴"]),
    ],
)
def test_quoted_items_of_an_enumeration_are_programs(analyse, text, items):
    analysis = analyse(text)
    assert [name(analysis, item).label_ for item in items] == ["Program"] * len(items)


def test_quoted_campaign_visiting_a_place(analyse):
    span = name(analyse("“科技之光”走进疏附县。"), "科技之光”走进疏附县")
    assert (span._.kg_subclass, span._.kg_name, span._.kg_aliases) == ("Activity", "科技之光走进疏附县", ("科技之光",))


@pytest.mark.parametrize(
    "text, title, subclass",
    [
        ("舞剧《昆仑之约》在上海市演出。", "昆仑之约", "Performance"),
        ("纪录片《帕米尔之歌》开播。", "帕米尔之歌", "Publication"),
        ("援疆干部创作的《石榴花开》深受欢迎。", "石榴花开", "Work"),
    ],
)
def test_title_is_a_work_with_genre_subclass(analyse, text, title, subclass):
    span = name(analyse(text), title)
    assert (span.label_, span._.kg_subclass) == ("Work", subclass)


@pytest.mark.parametrize(
    "text",
    ["今年建成疏附县人民医院远程会诊中心、疏附县第三中学教学楼2个项目。", "今年实施疏附县冷链物流中心等项目。"],
)
def test_a_list_closed_by_a_count_or_deng_before_a_generic_head_takes_its_class(analyse, text):
    analysis = analyse(text)
    items = [s for s in analysis.doc.spans["kg_names"] if s._.kg_rule == "enumeration:项目"]
    assert items and all(s.label_ == "Program" for s in items)


def test_a_central_hospital_is_one_name_and_its_ward_no_body(analyse):
    analysis = analyse("喀什地区中心医院心内科主任医师王海说，手术很成功。")
    assert {s.text for s in analysis.spans("kg_names") if s.label_ == "Organization"} == {"喀什地区中心医院"}


def test_a_count_of_the_places_listed_before_a_shared_name_starts_no_name(analyse):
    analysis = analyse("广东、福建两省援疆工作队在喀什开展调研。")
    assert not [s for s in analysis.spans("kg_names") if s.text.startswith(("福建", "两省"))]


@pytest.mark.parametrize("text", ["集团公司副总经理王海出席。", "村里的驻村工作队队长王海说。"])
def test_a_stem_saying_only_the_kind_of_body_names_none(analyse, text):
    assert not [s for s in analyse(text).spans("kg_names") if s.label_ == "Organization"]


def test_a_class_with_no_school_in_its_name_is_the_national_programmes_kind(analyse):
    assert not [s for s in analyse("学生考入内地新疆高中班。").spans("kg_names") if s.label_ == "Program"]


def test_a_meeting_of_the_places_counted_is_named_by_them(analyse):
    assert name(analyse("粤喀两市对口支援工作座谈会在喀什举行。"), "粤喀两市对口支援工作座谈会").label_ == "Event"


def test_the_events_of_a_contest_listed_before_its_head_are_no_projects(analyse):
    analysis = analyse("选手参加电工、烹饪、电子商务等6个项目比赛。")
    assert not [s for s in analysis.doc.spans["kg_names"] if s._.kg_rule.startswith("enumeration")]


@pytest.mark.parametrize("item", ["石榴杯足球赛", "丝路读书会"])
def test_enumeration_items_take_the_class_of_the_generic_head(analyse, item):
    span = name(analyse("举办石榴杯足球赛、丝路读书会等系列活动。"), item)
    assert (span.label_, span._.kg_subclass, span._.kg_rule) == ("Program", "Activity", "enumeration:系列活动")


def test_a_numbered_heading_alone_on_its_line_is_the_name_whole(analyse):
    # 及 would end the name anywhere else (某校宿舍楼及食堂…: the stem would start at 食堂)
    text = "项目名单如下：\n二、疏附县第二中学宿舍楼及食堂改造工程\n援疆资金：4100万元"
    assert "疏附县第二中学宿舍楼及食堂改造工程" in analyse(text).texts("kg_names")


@pytest.mark.parametrize("item", ["疏附县第三小学教学楼", "托克扎克镇卫生院康复中心", "阳光幼儿园三期"])
def test_list_items_with_amounts_in_brackets_take_the_class_of_the_generic_head(analyse, item):
    text = "年内建成疏附县第三小学教学楼（援疆资金2100万元）、托克扎克镇卫生院康复中心（640万元）、阳光幼儿园三期（950万元）等6个重点项目。"
    assert (item, "Program") in {(s.text, s.label_) for s in analyse(text).spans("kg_names")}


@pytest.mark.parametrize(
    "text, program",
    [
        ("广州市坚持“组团式”教育援疆，派出骨干教师。", "“组团式”教育援疆"),
        ("2016年，广东开始选派教师，医疗人才“组团式”援疆由此展开。", "医疗人才“组团式”援疆"),
    ],
)
def test_a_way_of_giving_aid_named_by_a_quotation_is_a_program(analyse, text, program):
    spans = {(s.text, s.label_, s._.kg_rule) for s in analyse(text).spans("kg_names")}
    assert (program, "Program", "quoted-aid") in spans


@pytest.mark.parametrize("text", ["“十四五”援疆规划发布。", "“组团式”援疆医生来到医院。"])
def test_a_quotation_before_aid_plans_bodies_or_people_names_no_way_of_aid(analyse, text):
    assert not [s for s in analyse(text).spans("kg_names") if s._.kg_rule == "quoted-aid"]


def test_a_head_joined_bare_to_another_noun_is_no_name(analyse):
    assert analyse("为游客提供住宿补贴和景区门票减免。").spans("kg_names") == []


@pytest.mark.parametrize("item", ["疏附县第二中学宿舍楼", "托克扎克镇卫生院门诊楼", "疏附县红枣交易市场"])
@pytest.mark.parametrize(
    "text",
    [
        "今年开工的项目有疏附县第二中学宿舍楼、托克扎克镇卫生院门诊楼、疏附县红枣交易市场等9个。",
        "援建项目包括：疏附县第二中学宿舍楼、托克扎克镇卫生院门诊楼和疏附县红枣交易市场。",
    ],
)
def test_a_list_after_its_generic_head_and_a_verb_of_having_names_programs(analyse, text, item):
    span = name(analyse(text), item)
    assert (span.label_, span._.kg_rule) == ("Program", "enumeration:项目")


@pytest.mark.parametrize(
    "text",
    [
        "广东省援疆前方指挥部出资1200万元支持实验室建设。",
        "学校将以实验室为平台培养教师。",
        "广州大学教授王建国担任实验室主任。",
        "喀什地区200余名务工人员乘专列赴广东就业。",
    ],
)
def test_a_bare_head_after_a_verb_taking_it_as_object_is_no_name(analyse, text):
    assert not [n for n in analyse(text).texts("kg_names") if n.endswith(("实验室", "专列"))]


def test_a_compound_verb_of_a_projects_name_does_not_end_it(analyse):
    # 提升 alone is a verb that ends a name on its left (提升|某某水平); 提升改造 is one word
    text = "重点推进疏附县工业园区标准化厂房和红柳湖景区提升改造项目。"
    assert "红柳湖景区提升改造项目" in analyse(text).texts("kg_names")


@pytest.mark.parametrize("text", ["这是今年开行的第三趟援疆旅游专列。", "首列援疆旅游专列抵达喀什。"])
def test_the_ordinal_of_a_run_is_not_part_of_the_name(analyse, text):
    assert "援疆旅游专列" in analyse(text).texts("kg_names")


@pytest.mark.parametrize(
    "text, name, aside",
    [
        # a bracket opening a line (a source note) holds a name whole
        ("项目建成投用。\n（广东省对口支援新疆前方指挥部供稿）", "广东省对口支援新疆前方指挥部", None),
        # a bracket right after a name says what it is
        ("疏附县人民医院（广东省区域医疗中心）投入使用。", "疏附县人民医院", "广东省区域医疗中心"),
    ],
)
def test_a_name_in_brackets_only_where_the_bracket_opens_a_line(analyse, text, name, aside):
    found = analyse(text).texts("kg_names")
    assert name in found and (aside is None or aside not in found)


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        ("专访｜援疆路上——访广州援疆医疗队队长王建国", "广州援疆医疗队", "访广州援疆医疗队"),
        ("广州市第一人民医院对口帮扶疏附县人民医院的儿科。", None, "疏附县人民医院的儿科"),
        ("广州市第一人民医院帮扶急诊科。", None, "广州市第一人民医院帮扶急诊科"),
    ],
)
def test_a_name_does_not_take_a_verb_or_particle_before_or_inside_it(analyse, text, name, wrong):
    found = analyse(text).texts("kg_names")
    assert wrong not in found and (name is None or name in found)


def test_a_citys_group_in_a_county_is_keyed_apart_from_its_command(analyse):
    analysis = analyse("疏附县广东援疆工作组获表彰。广东省援疆前方指挥部出席。")
    group, command = name(analysis, "疏附县广东援疆工作组"), name(analysis, "广东省援疆前方指挥部")
    assert group._.kg_key != command._.kg_key and group._.kg_key.startswith("aid:440000:")


@pytest.mark.parametrize(
    "text, names",
    [
        # a verb of helping between two bodies ends the second's name; in an aid body's it is its own
        ("广州市第一人民医院对口帮扶疏附县人民医院。", {"广州市第一人民医院", "疏附县人民医院"}),
        ("广州市对口帮扶黔南州工作队举办活动。", {"广州市对口帮扶黔南州工作队"}),
        ("广东省对口支援新疆生产建设兵团第三师工作队投入资金。", {"广东省对口支援新疆生产建设兵团第三师工作队"}),
        # 中心校 is a school's head, not 中心's
        ("疏附县第一中心校举行开学典礼。", {"疏附县第一中心校"}),
    ],
)
def test_names_around_verbs_of_aid(analyse, text, names):
    assert names <= set(analyse(text).texts("kg_names"))


@pytest.mark.parametrize("text, name", [("红其拉甫口岸通关量创新高。", "红其拉甫口岸")])
def test_a_transliterated_name_keeps_its_syllables_that_are_also_function_words(analyse, text, name):
    # 其 (its) is also a syllable of Uyghur and Tajik place names
    assert name in analyse(text).texts("kg_mentions")


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("浙江省出资在疏附县援建卫生院。", "疏附县援建卫生院"),
        ("广州大学与喀什地区签署高校医院对口支援协议。", "喀什地区签署高校医院"),
        ("副指挥长王刚与局长李明共同为工作站揭牌。", "李明共同为工作站"),
    ],
)
def test_a_bare_head_after_a_verb_of_aid_or_agreement_is_no_name(analyse, text, wrong):
    assert not [n for n in analyse(text).texts("kg_names") if wrong in n or n.endswith(("卫生院", "工作站"))]


def test_an_events_name_holds_the_verb_of_aid(analyse):
    text = "2024年广东省对口支援喀什地区首批重点项目集中开工仪式举行。"
    assert "2024年广东省对口支援喀什地区首批重点项目集中开工仪式" in analyse(text).texts("kg_names")


@pytest.mark.parametrize("text", ["疏附县学生迎来入学典礼。", "我们合作社今年收入翻了一番。"])
def test_a_headline_verb_or_a_pronoun_makes_no_name(analyse, text):
    assert not any(n.startswith(("疏附县学生", "我们")) for n in analyse(text).texts("kg_mentions"))


def test_a_listed_item_may_be_as_long_as_a_name(analyse):
    # 20 characters: a place, a reserve and what is built in it
    text = "疏附县托克扎克镇国家级湿地公园旅游基础设施、疏附县第二中学宿舍楼等一批项目相继建成。"
    span = name(analyse(text), "疏附县托克扎克镇国家级湿地公园旅游基础设施")
    assert span.label_ == "Program"


@pytest.mark.parametrize("text", ["实施产业培育、技能培训等项目。", "推进庭院经济、技能培训等项目。"])
def test_enumerated_fields_of_work_are_no_names(analyse, text):
    # each item is common words only (产业/n 发展/vn as the segmenter reads them)
    assert analyse(text).spans("kg_names") == []


@pytest.mark.parametrize("item", ["广纺纺织", "华疆新材料"])
def test_company_short_name_in_enumeration(analyse, item):
    span = name(analyse("引进广纺纺织、华疆新材料等一批企业。"), item)
    assert (span.label_, span._.kg_subclass) == ("Organization", "Company")


@pytest.mark.parametrize(
    "text",
    [
        "推动重大项目落地见效。",
        "建成一批特色工坊。",
        "实施六大行动。",
        "组织600余名中小学生参加研学。",
        "现场签约项目12个。",
        "全县在建项目45个。",
        "在毕节市实施协作项目312个。",
        "支持建设项目28个。",
        "两校结为手拉手姊妹学校。",  # a kind of twinning, not a school's name
        "两校结为“手拉手”学校。",
        # a quotation that names a way of working or a formula, and a ceremony one presides over
        "两地通过“以销代扶”“以展促销”等方式带动增收。",
        "合作社推行“公司+基地+农户”运营。",
        "县教育局副局长主持仪式。",
        # a first phase, and a rural or a large one: some of a kind, no name
        "该公司的首期工厂已投产。",
        "支教教师走进12所乡村学校。",
        "医疗队开展大型义诊活动。",
        # a thing counted by its ordinal, a body pointed at, a body after an adverb of time
        "第一条生产线已经投产。",
        "项目由该公司负责运营。",
        "届时园区将新增就业岗位。",
        # a count closes no list without one (甲、乙2个项目 does)
        "广州、疏附两地领导出席，推介会现场共有12个项目签约。",
    ],
)
def test_generic_stem_is_not_a_name(analyse, text):
    assert analyse(text).spans("kg_names") == []


@pytest.mark.parametrize(
    "text, surface, label",
    [
        ("墨玉县石榴花节吸引游客。", "墨玉县石榴花节", "Program"),
        ("疏附县举行帕米尔马拉松。", "帕米尔马拉松", "Program"),
        ("喀什地区召开援疆医疗人才对接会。", "援疆医疗人才对接会", "Event"),
        ("墨玉县举办援疆干部联谊会。", "援疆干部联谊会", "Event"),
        ("疏附县举办粤喀青年联欢会。", "粤喀青年联欢会", "Event"),
        # a meeting of a year and its scope, on the fixed name of a field of work (和 inside it)
        ("在2026年全县对口支援和东西部协作工作会议上的讲话", "2026年全县对口支援和东西部协作工作会议", "Event"),
        # 帮扶 after the kind of aid (消费帮扶) is a noun of the name, not the verb that ends it
        ("8月5日，穗疏消费帮扶产销对接会在广州举行。", "穗疏消费帮扶产销对接会", "Event"),
    ],
)
def test_festival_race_and_meeting_heads(analyse, text, surface, label):
    assert name(analyse(text), surface).label_ == label


@pytest.mark.parametrize(
    "text",
    [
        "组织学生参加比赛。",
        "县委召开座谈会。",
        "游客参观书画展。",
        "各族群众观看展演。",
        "学校承办运动会。",
        "职工艾力·吐尔逊在园区就近就业。",
        "患者到医院就诊。",
        "医院派驻专家团队坐诊。",
    ],
)
def test_head_right_after_a_verb_that_takes_it_as_object_is_not_a_name(analyse, text):
    assert analyse(text).spans("kg_names") == []


@pytest.mark.parametrize(
    "text",
    ["本届运动会共设12个项目。", "此次对接会圆满结束。", "历届文化节都很成功。", "园区今年计划新建厂房两栋。"],
)
def test_head_after_a_determiner_or_a_word_of_time_is_not_a_name(analyse, text):
    assert analyse(text).spans("kg_names") == []


@pytest.mark.parametrize("text", ["疏附县获评“全国文明城市”。", "她被评为“最美援疆教师”。"])
def test_honorific_title_is_not_a_program(analyse, text):
    assert analyse(text).spans("kg_names") == []


@pytest.mark.parametrize(
    "text, event",
    [
        # a meeting of two places is named by both
        ("广东省与喀什地区对口支援工作座谈会在喀什市召开。", "广东省与喀什地区对口支援工作座谈会"),
        ("深圳市和喀什市产业合作联席会议召开。", "深圳市和喀什市产业合作联席会议"),
        # a welcome or a farewell
        ("喀什地区召开援疆干部人才欢迎欢送大会。", "援疆干部人才欢迎欢送大会"),
        ("广州市举行援疆干部欢送会。", "援疆干部欢送会"),
    ],
)
def test_meetings_of_aid_are_events(analyse, text, event):
    assert name(analyse(text), event).label_ == "Event"


def test_a_group_that_is_no_aid_body_nor_a_places_is_no_name(analyse):
    assert not [s for s in analyse("学生们组成学习小组。").spans("kg_names") if s.text.endswith("小组")]


@pytest.mark.parametrize("surface", ["教育部", "国家民委"])
def test_central_body_from_organization_list(analyse, surface):
    span = name(analyse("教育部、国家民委联合印发通知。"), surface)
    assert (span._.kg_subclass, span._.kg_rule) == ("GovernmentBody", "organization-list")


@pytest.mark.parametrize(
    "text, unit, parent",
    [
        ("广东省援疆前方指挥部教育组负责人介绍，", "广东省援疆前方指挥部教育组", "广东省援疆前方指挥部"),
        # a university's college
        ("喀什大学人文学院与广州大学签约。", "喀什大学人文学院", "喀什大学"),
    ],
)
def test_sub_unit_of_an_organization(analyse, text, unit, parent):
    span = name(analyse(text), unit)
    assert (span._.kg_rule, span._.kg_parent) == ("subunit", parent)


def test_a_hospitals_ward_before_a_doctors_title_is_no_body_of_its_own(analyse):
    analysis = analyse("广州市第一人民医院骨科副主任医师王建国说。")
    assert name(analysis, "广州市第一人民医院骨科") is None
    assert ("王建国", "affiliatedWith", "广州市第一人民医院") in analysis.relations()


def test_aid_giver_phrase_is_an_aid_command(analyse):
    span = name(analyse("广东援疆积极推进“暖心”工程。"), "广东援疆")
    assert (span.label_, span._.kg_subclass) == ("Organization", "AidCommand")


def test_a_place_of_the_region_aided_before_an_aid_word_is_no_giver(analyse):
    assert name(analyse("墨竹工卡县援藏干部次仁说，"), "墨竹工卡县援藏") is None  # a county of Tibet


def test_an_aid_verb_before_the_full_name_of_the_region_is_no_giver_phrase(analyse):
    analysis = analyse("广东省对口支援新疆维吾尔自治区喀什地区。")
    assert name(analysis, "广东省对口支援新疆") is None
    assert ("广东省", "pairedWith", "喀什地区") in analysis.relations()


def test_a_citys_aid_command_is_keyed_by_the_city_not_its_province(analyse):
    analysis = analyse("广东省深圳市援疆指挥部指挥长王建国讲话。广东省援疆前方指挥部负责人介绍了进展。")
    city, province = name(analysis, "广东省深圳市援疆指挥部"), name(analysis, "广东省援疆前方指挥部")
    assert city._.kg_key.startswith("aid:440300:") and province._.kg_key.startswith("aid:440000:")


def test_aid_giver_phrase_and_aid_command_share_a_key(analyse):
    analysis = analyse("广东援疆积极推进“暖心”工程。广东省援疆前方指挥部负责人介绍了进展。")
    giver, command = name(analysis, "广东援疆"), name(analysis, "广东省援疆前方指挥部")
    assert giver._.kg_key is not None and giver._.kg_key == command._.kg_key


@pytest.mark.parametrize(
    "text, first, second",
    [
        (
            "上海市援疆巴楚分指挥部和上海市援疆叶城分指挥部召开会议。",
            "上海市援疆巴楚分指挥部",
            "上海市援疆叶城分指挥部",
        ),
        ("山东省援疆疏勒县工作组和山东省援疆前方指挥部召开会议。", "山东省援疆疏勒县工作组", "山东省援疆前方指挥部"),
    ],
    ids=["two-counties", "county-and-province"],
)
def test_a_givers_body_named_after_a_county_is_the_givers_body_there(analyse, text, first, second):
    analysis = analyse(text)
    assert name(analysis, first)._.kg_key != name(analysis, second)._.kg_key


def test_a_givers_command_named_after_a_prefectures_short_name_is_the_givers_command(analyse):
    analysis = analyse("江苏援疆持续推进项目建设。江苏省援疆伊犁前方指挥部负责人介绍了进展。")
    assert name(analysis, "江苏省援疆伊犁前方指挥部")._.kg_key == name(analysis, "江苏援疆")._.kg_key


@pytest.mark.parametrize(
    "text, surface",
    [
        ("2024年疏附县第一中学高考成绩喜人。", "疏附县第一中学"),
        ("2024年3月疏附县人民医院新建门诊楼。", "疏附县人民医院"),
    ],
)
def test_a_bodys_name_holds_no_date_before_it(analyse, text, surface):
    assert [s.text for s in analyse(text).spans("kg_names") if s.label_ == "Organization"] == [surface]


@pytest.mark.parametrize(
    "text, surface",
    [("今天广州市援疆工作队召开会议。", "广州市援疆工作队"), ("当天上午疏附县人民医院举行仪式。", "疏附县人民医院")],
)
def test_a_bodys_name_holds_no_time_of_day_before_it(analyse, text, surface):
    assert [s.text for s in analyse(text).spans("kg_names") if s.label_ == "Organization"] == [surface]


@pytest.mark.parametrize(
    "text, surface",
    [
        # the event's own verbs of pairing and signing stay inside its name
        ("粤疏两地学校结对签约暨捐赠仪式在疏附县举行。", "粤疏两地学校结对签约暨捐赠仪式"),
        ("粤疏学校结对签约暨“红柳”奖学金颁发仪式在疏附县举行。", "粤疏学校结对签约暨“红柳”奖学金颁发仪式"),
        # events named by a signing, a launch or a founding
        ("2026年疏附县招商引资项目集中签约活动在疏附县举行。", "2026年疏附县招商引资项目集中签约活动"),
        ("粤疏消费帮扶周启动仪式在疏附县举行。", "粤疏消费帮扶周启动仪式"),
        ("疏附县文化旅游联盟成立大会在疏附县召开。", "疏附县文化旅游联盟成立大会"),
    ],
)
def test_an_event_named_by_a_signing_a_launch_or_a_founding_is_one_name(analyse, text, surface):
    span = name(analyse(text), surface)
    assert span is not None and span.label_ == "Event"


@pytest.mark.parametrize(
    "text, surface",
    [
        ("阿克苏镇幸福村道路硬化及亮化工程完工。", "阿克苏镇幸福村道路硬化及亮化工程"),
        ("疏附县第二中学食堂改造及配套设施建设项目开工。", "疏附县第二中学食堂改造及配套设施建设项目"),
        # and 与, 和
        ("疏附县红枣种质资源保护与利用项目开工。", "疏附县红枣种质资源保护与利用项目"),
        ("托克扎克镇道路硬化和亮化工程完工。", "托克扎克镇道路硬化和亮化工程"),
    ],
)
def test_ji_joins_two_works_of_one_projects_name(analyse, text, surface):
    assert name(analyse(text), surface) is not None


def test_ji_after_a_name_with_its_own_head_still_ends_the_next(analyse):
    analysis = analyse("援建疏附县第二中学及第三小学改造工程。")
    assert name(analysis, "疏附县第二中学及第三小学改造工程") is None


@pytest.mark.parametrize(
    "text",
    ["广州市援疆工作队项目协调处处长周明远说。", "各受援县要严格执行项目法人责任制。", "指挥部负责前后方项目调度。"],
)
def test_xiangmu_before_the_work_of_managing_projects_ends_no_name(analyse, text):
    assert not [s for s in analyse(text).spans("kg_names") if s.label_ == "Program"]


@pytest.mark.parametrize(
    "text, surface",
    [
        ("援疆医生王建新挂职疏附县人民医院副院长。", "疏附县人民医院"),
        ("其中疏附县红枣深加工生产线项目计划投资800万元。", "疏附县红枣深加工生产线项目"),
    ],
    ids=["posted-to", "planned-sum"],
)
def test_a_name_ends_before_the_verb_of_a_posting_or_of_a_plan(analyse, text, surface):
    end = text.index(surface) + len(surface)
    assert [s.text for s in analyse(text).spans("kg_names") if s.end_char > end - 2] == [surface]


def test_name_at_the_start_of_the_text(analyse):
    assert name(analyse("江苏省援疆前方指挥部组织专家义诊。"), "江苏省援疆前方指挥部") is not None


def test_a_decimal_point_stays_inside_a_name(analyse):
    doc = analyse("当地发生6.8级地震后，援藏干部赶赴灾区。").doc
    assert ("6.8级地震", "Event") in {(s.text, s.label_) for s in doc.spans["kg_mentions"]}


@pytest.mark.parametrize(
    "text, event",
    [
        # 暨 joins two events into one, with the second's batch between them
        (
            "3月5日，2026年疏附县援疆工作推进会暨第二批项目集中签约仪式在喀什举行。",
            "2026年疏附县援疆工作推进会暨第二批项目集中签约仪式",
        ),
        # ... or a description and an event
        ("4月2日，2026年沪喀协作农产品推介暨产销对接活动在上海举行。", "2026年沪喀协作农产品推介暨产销对接活动"),
        # the batch after a place or a year is the ceremony's own: the name keeps it, and its year
        (
            "4月10日上午，2026年广东援疆喀什地区首批民生项目集中开工仪式在疏附县举行。",
            "2026年广东援疆喀什地区首批民生项目集中开工仪式",
        ),
        (
            "5月8日，广东省第十批援疆工作队2026年首批援疆项目集中开工仪式举行。",
            "广东省第十批援疆工作队2026年首批援疆项目集中开工仪式",
        ),
        # a quoted brand a few words before a verb inside the name opens it
        ("6月3日，疏附县举办了“粤喀同心”消费帮扶产销对接会。", "“粤喀同心”消费帮扶产销对接会"),
        # and the two places joined by a dash and the field written before the quotation
        (
            "6月20日，广州市—喀什地区医疗卫生“组团式”帮扶结对签约仪式在疏附县举行。",
            "广州市—喀什地区医疗卫生“组团式”帮扶结对签约仪式",
        ),
    ],
)
def test_a_long_event_name_is_one_event(analyse, text, event):
    doc = analyse(text).doc
    assert (event, "Event") in {(s.text, s.label_) for s in doc.spans["kg_mentions"]}


def test_a_batch_of_projects_is_no_name(analyse):
    doc = analyse("喀什地区首批援疆项目开工。").doc
    assert [s.text for s in doc.spans["kg_mentions"] if s.label_ != "Place"] == []


def test_a_management_group_of_aid_cadres_is_one_organization(analyse):
    doc = analyse("会议听取了江苏省援青干部管理组的汇报。").doc
    assert ("江苏省援青干部管理组", "Organization") in {(s.text, s.label_) for s in doc.spans["kg_mentions"]}


@pytest.mark.parametrize(
    "text, program",
    [
        ("墨玉县红枣深加工生产线正式投产。", "墨玉县红枣深加工生产线"),
        ("疏附县庭院经济示范点建成。", "疏附县庭院经济示范点"),
        ("喀什地区基层医生培训班开班。", "喀什地区基层医生培训班"),
    ],
)
def test_lines_sites_and_courses_are_programs(analyse, text, program):
    doc = analyse(text).doc
    assert (program, "Program") in {(s.text, s.label_) for s in doc.spans["kg_mentions"]}


def test_one_dash_joins_two_places_in_a_name(analyse):
    doc = analyse("大家都说——喀什是个好地方。两地共建的喀什—广州产业园是示范项目。").doc
    found = {(s.text, s.label_) for s in doc.spans["kg_mentions"]}
    assert ("喀什—广州产业园", "Organization") in found
    assert not any("——" in name for name, _ in found)


@pytest.mark.parametrize(
    "text, company",
    [
        ("广疏控股旗下广东广疏纺织有限公司投产。", "广东广疏纺织有限公司"),
        ("该集团的全资子公司疏附县广疏纺织有限公司投产。", "疏附县广疏纺织有限公司"),
    ],
)
def test_a_companys_parent_is_no_part_of_its_name(analyse, text, company):
    doc = analyse(text).doc
    found = {(s.text, s.label_) for s in doc.spans["kg_mentions"]}
    assert (company, "Organization") in found and not any("子公司" in name or "旗下" in name for name, _ in found)


def test_a_verb_of_adding_ends_a_name(analyse):
    doc = analyse("广州市援建的托克扎克镇帮扶车间新增鞋面缝制生产线一条。").doc
    found = {(s.text, s.label_) for s in doc.spans["kg_mentions"]}
    assert ("托克扎克镇帮扶车间", "Program") in found


def test_a_dash_after_a_whole_name_parts_the_fields_of_a_row(analyse):
    doc = analyse("现场签约项目：精密模具加工项目—佛山市恒达模具有限公司—2.1亿元。").doc
    found = {(s.text, s.label_) for s in doc.spans["kg_mentions"]}
    assert {("精密模具加工项目", "Program"), ("佛山市恒达模具有限公司", "Organization")} <= found


@pytest.mark.parametrize(
    "text",
    ["疏附县今年共安排项目31个。", "三年来，援疆工作组累计安排援疆项目86个。"],  # 安排 takes 项目 as its object
)
def test_a_head_arranged_as_an_object_is_no_name(analyse, text):
    assert not [s for s in analyse(text).texts("kg_mentions") if s.endswith("项目")]


@pytest.mark.parametrize(
    "text, surface, full",
    [
        ("疏附县一中的教师来到喀什。", "疏附县一中", "疏附县第一中学"),
        ("墨玉县二小与疏附县十四中结对。", "墨玉县二小", "墨玉县第二小学"),
        ("墨玉县二小与疏附县十四中结对。", "疏附县十四中", "疏附县第十四中学"),
    ],
)
def test_a_school_by_its_shortened_ordinal_name(analyse, text, surface, full):
    span = name(analyse(text), surface)
    assert (span._.kg_subclass, span._.kg_aliases) == ("School", (full,))


@pytest.mark.parametrize(
    "text",
    [
        "从疏附县三小时车程外赶来。",
        "疏附县二中心小区启用。",
        "疏附县一小部分村民外出务工。",
        "深圳市三中全会精神宣讲团来到喀什。",
    ],
    ids=["hours", "centre", "a-small-part", "a-word-the-recognizer-reads"],
)
def test_a_numeral_and_zhong_or_xiao_beginning_another_word_is_no_school(analyse, text):
    assert not [s for s in analyse(text).spans("kg_names") if s._.kg_rule == "ordinal-school"]


def test_an_aid_team_after_its_batch_and_province_is_one_name(analyse):
    span = name(analyse("第九批广东省“组团式”医疗援疆队抵达喀什。"), "第九批广东省“组团式”医疗援疆队")
    assert (span.label_, span._.kg_subclass) == ("Organization", "Team")


def test_members_of_an_aid_team_are_no_name(analyse):
    assert not analyse("广东省第十一批援疆队员抵达喀什。").spans("kg_names")


def test_a_performance_is_named_with_its_quoted_brand(analyse):
    span = name(analyse("“石榴花开”文化润疆专场演出在疏附县文化馆举行。"), "“石榴花开”文化润疆专场演出")
    assert (span.label_, span._.kg_subclass) == ("Program", "Activity")


@pytest.mark.parametrize(
    "text",
    [
        "艺术团此前已在疏附县、伽师县巡演。",
        "艺术团在疏附县演出。",
        "这场演出很精彩。",
        "驻场演出深受欢迎。",
        "疏附县演出季开幕。",
        "广州市歌舞剧院演出了舞剧。",
    ],
    ids=["places-listed", "in-a-place", "demonstrative", "generic-modifier", "a-word-the-head-begins", "a-verb"],
)
def test_a_performance_head_after_places_a_demonstrative_or_a_generic_word_is_no_name(analyse, text):
    assert not [s for s in analyse(text).spans("kg_names") if s.text.endswith(("演出", "巡演"))]


@pytest.mark.parametrize(
    "text, surface, label",
    [
        ("麦地卡乡巴嘎牧场教学点建成投用。", "麦地卡乡巴嘎牧场教学点", "Organization"),
        ("第二届“喀疏同心”自行车赛在疏附县举行。", "第二届“喀疏同心”自行车赛", "Program"),
        # the number of a list item opens no name
        (
            "（三）托克扎克镇阿亚格曼干村庭院经济提升项目，援疆资金500万元。",
            "托克扎克镇阿亚格曼干村庭院经济提升项目",
            "Program",
        ),
    ],
)
def test_heads_of_pastoral_schools_contests_and_list_items(analyse, text, surface, label):
    span = name(analyse(text), surface)
    assert span is not None and span.label_ == label


@pytest.mark.parametrize(
    "text, surface",
    [
        ("托克扎克镇中心小学新建了食堂。", "托克扎克镇中心"),  # 中心小学: the township's central school
        ("今年的半程马拉松吸引了3000名跑者。", "半程马拉松"),  # a race's distance
    ],
)
def test_words_that_only_qualify_a_head_make_no_name(analyse, text, surface):
    assert name(analyse(text), surface) is None


def test_a_body_led_by_someone_is_no_name_running_over_the_leader(analyse):
    analysis = analyse("疏附县人民医院副院长李振宇带领医疗队下乡。")
    assert name(analysis, "疏附县人民医院") is not None
    assert not [s for s in analysis.spans("kg_names") if s.text.endswith("带领医疗队")]


@pytest.mark.parametrize(
    "text, surface",
    [
        (
            "7月20日，广州市第十一批、第十二批援疆干部人才交接仪式在喀什市举行。",
            "广州市第十一批、第十二批援疆干部人才交接仪式",
        ),
        ("广州市第十一批援疆干部人才欢送大会在疏附县举行。", "广州市第十一批援疆干部人才欢送大会"),
        # a rotation's meeting named with its verbs of farewell and welcome, under a bare 大会
        (
            "7月28日，喀什地区欢送第十一批、欢迎第十二批援疆干部人才大会在喀什市举行。",
            "喀什地区欢送第十一批、欢迎第十二批援疆干部人才大会",
        ),
        ("疏附县欢迎第十二批援疆干部人才大会召开。", "疏附县欢迎第十二批援疆干部人才大会"),
    ],
)
def test_an_events_name_holds_its_batches(analyse, text, surface):
    span = name(analyse(text), surface)
    assert span is not None and span.label_ == "Event"


def test_a_sales_week_is_an_activity_named_so(analyse):
    span = name(analyse("“喀什好物·羊城飘香”消费帮扶展销周在广州开幕。"), "“喀什好物·羊城飘香”消费帮扶展销周")
    assert span is not None and span.label_ == "Program"
