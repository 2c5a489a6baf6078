"""Tests for kg.extract.components.model_names: the recognizer's names merged with the rules'.

Fixtures: made-up sentences of the genre (real places; people, projects and companies invented).
They run the whole Chinese pipeline (LAC included), so they check the merge as a build sees it.
"""

import pytest


def mentions(analyse, text):
    doc = analyse(text).doc  # kept while its spans are read (spaCy frees span groups with the Doc)
    return {(span.text, span.label_) for span in doc.spans["kg_mentions"]}


@pytest.mark.parametrize(
    "text, generic",
    [
        ("当地推进精深加工项目。", "精深加工项目"),
        ("墨玉县项目进展顺利。", "墨玉县项目"),
        ("疏附县援建项目进展顺利。", "疏附县援建项目"),
        # the giver's aid before common words: one of its key projects, no project's name
        ("这座冷库是广东援疆重点项目之一。", "广东援疆重点项目"),
    ],
)
def test_a_project_head_after_a_few_common_words_is_no_name(analyse, text, generic):
    assert generic not in {name for name, _ in mentions(analyse, text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("萨迦县高原藜麦种植示范项目开工。", "萨迦县高原藜麦种植示范项目"),
        ("当地实施“五个一工程”。", "五个一工程"),
        ("喀什市高端纺织服装产业园项目开工。", "喀什市高端纺织服装产业园项目"),
    ],
)
def test_a_project_with_a_place_a_number_or_a_description_is_a_name(analyse, text, name):
    assert (name, "Program") in mentions(analyse, text)


@pytest.mark.parametrize(
    "text, name, named",
    [
        # a kind of facility every place has, in a few common words, names none…
        ("景区新建了游客服务中心，配套建设停车场。", "游客服务中心", False),
        ("沿线设置了8个补给站。", "补给站", False),
        ("县医院建成远程诊疗平台。", "远程诊疗平台", False),
        # …named after its place, it is a name
        ("首趟专列驶入喀什站。", "喀什站", True),
        ("疏附县胸痛中心去年通过认证。", "疏附县胸痛中心", True),
        # a building or a count of buildings in common words is none either
        ("孩子们在宽敞明亮的教学楼里上课。", "教学楼", False),
        ("校园里有4栋教学楼、2栋宿舍楼。", "4栋教学楼", False),
        ("医院的门诊综合楼明年投用。", "门诊综合楼", False),
    ],
)
def test_a_facility_head_after_a_few_common_words_is_no_name(analyse, text, name, named):
    assert (name in {found for found, _ in mentions(analyse, text)}) is named


def test_a_verb_of_speech_the_model_reads_into_a_name_is_left_out(analyse):
    # the model reads 陈立说。 as one name: the person is 陈立
    assert ("陈立", "Person") in mentions(analyse, "疏附县人民医院副院长、广州援疆医生陈立说。")


def test_a_rule_name_starts_after_a_function_word(analyse):
    found = mentions(analyse, "他来自疏附县人民医院，今年五月到岗。")
    assert ("疏附县人民医院", "Organization") in found
    assert not any(name.startswith(("他", "来自")) for name, _ in found)


def test_a_quoted_name_holding_what_the_model_reads_as_a_person_acting_is_a_name(analyse):
    # 苏青/PER 助学/v: the model's person and verb, but the quotation is the program's name
    assert ("苏青助学计划", "Program") in mentions(analyse, "我们还实施了“苏青助学计划”，资助学生1200名。")


def test_a_quoted_name_is_never_cut(analyse):
    found = {name for name, _ in mentions(analyse, "学校开展“照着地图游新疆”活动。")}
    assert not any(name.startswith(("地图", "“地图")) for name in found)
    assert any(name.startswith(("照着", "“照着")) for name in found)


def test_the_models_persons_fill_names_no_role_word_introduces(analyse):
    found = mentions(analyse, "村民王建国和李秀英在合作社里忙着分拣红枣。")
    assert {("王建国", "Person"), ("李秀英", "Person")} <= found


@pytest.mark.parametrize(
    "text, start, end, person",
    [
        ("村民王建国说，日子好了。", 2, 5, True),  # a Han name the model gives whole
        ("“如今老人能安安稳稳过冬了。”", 6, 10, False),  # a reduplicated adjective
        ("援疆教师来自锡光中学，带着教案。", 6, 8, False),  # the start of a school's name
        ("“钱书记常来村里。”", 1, 4, False),  # a surname and a title: how one addresses a cadre
        ("“欧阳镇长修好了路。”", 1, 5, False),
        ("游客登上秀峰远眺。", 4, 6, False),  # no surname opens it, and it is no transliteration
        ("牧民正在织氆氇。", 4, 7, False),
        ("村民阿依古丽说，日子好了。", 2, 6, True),  # a transliterated name needs no surname
        ("牧民次仁说，草场变好了。", 2, 4, True),  # nor does a Tibetan one
        ("工坊里做好的热瓦甫挂满了墙。", 6, 9, False),  # an instrument, transliterated as names are
    ],
)
def test_what_the_model_reads_as_a_person_may_be_no_name(nlp, text, start, end, person):
    # The model's PER span is set by hand: which words it tags so varies with its weights.
    doc = nlp.make_doc(text)
    span = doc.char_span(start, end, label="PER")
    assert nlp.get_pipe("kg_model_names")._person(span, text, set()) is person


@pytest.mark.parametrize(
    "text, pair",
    [
        # the province's one-character abbreviation (鲁 for 山东) and a character of the receiver
        ("山东省日照市对口支援青海省海北州。鲁青两地干部交流频繁。", "鲁青"),
        ("江西省对口支援克孜勒苏柯尔克孜自治州。援疆情，赣克情，情谊正在延续。", "赣克"),
        # two provinces' abbreviations before the words of a pair, the provinces themselves unnamed
        ("作为闽宁协作干部，他来到固原。", "闽宁"),
        ("苏青两地教师交流频繁。", "苏青"),
    ],
)
def test_two_places_abbreviated_to_a_character_each_are_no_person(analyse, text, pair):
    assert (pair, "Person") not in mentions(analyse, text)


def test_the_last_character_of_a_role_word_is_no_part_of_the_name_after_it(nlp):
    # The model's pieces are set by hand (长 and 孙明 as two PER pieces, as it tags 指挥长孙某):
    # joined, they would read as the compound surname 长孙.
    from kg.extract.components.model_names import _joined_persons

    doc = nlp.make_doc("指挥部指挥长孙明出席。")
    pieces = [doc.char_span(5, 6, label="PER"), doc.char_span(6, 8, label="PER")]
    roles = nlp.get_pipe("kg_model_names").roles
    joined = _joined_persons(doc, pieces, lambda end: any(doc.text.endswith(r, 0, end) for r in roles))
    assert [span.text for span in joined] == ["孙明"]


@pytest.mark.parametrize("text", ["林果业是当地支柱产业。", "牧民们就有了自己的牛群。", "科里只能安排两名医生值班。"])
def test_a_noun_of_the_genre_that_starts_with_a_surname_is_no_person(analyse, text):
    assert not [name for name, label in mentions(analyse, text) if label == "Person"]


def test_an_organization_the_model_finds_needs_a_head(analyse):
    found = mentions(analyse, "维吾尔族群众与新时代青年共同劳动。")
    assert not [name for name, label in found if label == "Organization"]


@pytest.mark.parametrize(
    "text, name",
    [
        # the rule's name reaches back over a verb to the model's company
        ("工作队牵线杭州云禾农业科技有限公司与村合作社签约。", "杭州云禾农业科技有限公司"),
        # ... or over a verb to a hospital the model ends after the rule's head (中心)
        ("指挥部协调湖州市中心医院派出专家。", "湖州市中心医院"),
        # ... or begins inside a word (其中)
        ("其中温宿县绿源果业有限公司年产值过亿。", "温宿县绿源果业有限公司"),
        # ... and holds no year the trimmed words left before it
        ("自2001年广州大学对口支援喀什大学以来，两校合作不断深化。", "广州大学"),
    ],
)
def test_a_rule_organization_starts_where_the_models_does(analyse, text, name):
    assert (name, "Organization") in mentions(analyse, text)


def test_an_aid_body_keeps_the_verb_of_its_aid(analyse):
    found = mentions(analyse, "浙江省对口支援新疆前方指挥部召开会议。")
    assert ("浙江省对口支援新疆前方指挥部", "Organization") in found


@pytest.mark.parametrize(
    "text, name",
    [
        ("温宿县歌舞团带来了新排的舞蹈。", "温宿县歌舞团"),
        ("来源：拜城县教育局", "拜城县教育局"),
    ],
)
def test_a_models_organization_holding_a_place_whole_is_a_name(analyse, text, name):
    assert (name, "Organization") in mentions(analyse, text)


def test_a_project_noun_inside_an_event_name_does_not_cut_it(analyse):
    found = mentions(analyse, "库车市纺织产业园二期项目开工仪式在园区举行。")
    assert ("库车市纺织产业园二期项目开工仪式", "Event") in found


@pytest.mark.parametrize(
    "text, act",
    [
        ("他考上大学后回到家乡。", "考上大学"),
        ("今年他考入大学。", "考入大学"),
        ("她走进医院。", "走进医院"),
        ("卫生院组建专家团队下乡义诊。", "卫生院组建专家团队"),  # 组建 takes the team as its object
    ],
)
def test_a_verb_and_a_bare_head_is_no_name(analyse, text, act):
    assert act not in {name for name, _ in mentions(analyse, text)}


def test_a_site_named_after_the_province_it_lies_in_is_one_place(analyse):
    # 青海湖北岸: the lake (named after the province), not 青海 and 湖北 (a province elsewhere)
    found = mentions(analyse, "骑行的游客沿着青海湖北岸前行。")
    assert ("青海湖", "Place") in found
    assert "湖北" not in {name for name, _ in found}


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("上海15家医院派出医生。", "上海15家医院"),
        ("该校是全市唯一一所寄宿制完全中学。", "唯一一所寄宿制完全中学"),
        ("记者走进这家医院的门诊楼。", "这家医院"),
    ],
)
def test_a_count_or_a_pointer_inside_a_name_makes_no_name(analyse, text, phrase):
    assert phrase not in {name for name, _ in mentions(analyse, text)}


@pytest.mark.parametrize(
    "text, township, village",
    [
        ("在纳木湖乡曲登尼玛村，牧民扎西次仁说。", "纳木湖乡", "曲登尼玛村"),  # no county before: the model's place
        ("来自工布江达县错高乡结巴村的村民央金说。", "错高乡", "结巴村"),  # after a county: the rules' units
    ],
)
def test_a_township_and_village_the_model_runs_together_are_two_places(analyse, text, township, village):
    found = mentions(analyse, text)
    assert {(township, "Place"), (village, "Place")} <= found
    assert (township + village, "Place") not in found


def test_a_town_read_on_after_a_verb_starts_after_it(analyse):
    found = mentions(analyse, "江阴市结对清水河镇，宜兴市结对三道河乡。")
    assert {("清水河镇", "Place"), ("三道河乡", "Place")} <= found
    assert not any(name.startswith("结对") for name, _ in found)


@pytest.mark.parametrize(
    "text, person",
    [
        ("他任艾合买提·吐尔逊的助手。", "艾合买提·吐尔逊"),  # 任 names the post, not the person
        ("科室主任米日古丽·阿不力孜介绍，", "米日古丽·阿不力孜"),  # a name does not begin inside 主任
        ("学生帕提古丽·吐尔洪坦言，", "帕提古丽·吐尔洪"),  # nor end inside 坦言
        ("村民如克亚·吐尔逊说，", "如克亚·吐尔逊"),  # the model's split at 如 is not followed
        ("村民阿布都克里木·艾买提算了一笔账。", "阿布都克里木·艾买提"),  # 提算 is in no dictionary
    ],
)
def test_a_dot_name_keeps_to_the_words_around_it(analyse, text, person):
    assert (person, "Person") in mentions(analyse, text)


@pytest.mark.parametrize(
    "text, generic",
    [
        ("物资用于改善基层卫生院诊疗条件。", "基层卫生院"),
        ("设备分配到托克扎克镇卫生院等16个乡镇卫生院。", "乡镇卫生院"),
        ("疏附县人民医院通过评审，成为三甲医院。", "三甲医院"),
        ("这里将建成一所综合医院。", "综合医院"),
        ("援疆教师来自广州等地优质学校。", "优质学校"),
        ("柔性援疆专家团队已经到位。", "柔性援疆专家团队"),
    ],
)
def test_a_body_head_after_generic_modifiers_alone_is_no_name(analyse, text, generic):
    assert generic not in {name for name, _ in mentions(analyse, text)}


@pytest.mark.parametrize(
    "text, name",
    [
        ("工作组推动成立疏附县红枣种植专业合作社联合社。", "疏附县红枣种植专业合作社联合社"),
        ("疏附县丝路国际旅行社组织游客。", "疏附县丝路国际旅行社"),
    ],
)
def test_a_cooperative_or_travel_agency_ending_in_she_is_a_company_not_an_outlet(analyse, text, name):
    doc = analyse(text).doc
    subclasses = {span.text: span._.kg_subclass for span in doc.spans["kg_mentions"]}
    assert subclasses.get(name) == "Company"


def test_a_township_only_the_model_knows_stays_in_the_name_after_it(analyse):
    # 其 of 塔尕尔其镇 is also a word (a pronoun): the rules cut the name there, the model's place mends it
    found = {name for name, _ in mentions(analyse, "公司建成了占地300亩的塔尕尔其镇设施农业示范基地。")}
    assert "塔尕尔其镇设施农业示范基地" in found


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("工作队领队王建国宣布项目开工。", "王建国宣布项目"),  # a person acting, not a project's name
        ("义乌市为该项目追加投资。", "义乌市为该项目"),  # the project named before
    ],
)
def test_a_project_head_after_a_person_acting_or_a_pointer_is_no_name(analyse, text, phrase):
    assert not any(phrase in name for name, _ in mentions(analyse, text))


def test_a_project_named_with_a_verb_of_building_is_a_name(analyse):
    assert ("疏附县人民医院门诊楼改造提升项目", "Program") in mentions(
        analyse, "疏附县人民医院门诊楼改造提升项目开工。"
    )


def test_a_project_head_after_the_end_of_a_word_is_no_name(analyse):
    # 农业就业类项目: the rule stops at 就 and leaves 业类项目, a piece of a category
    assert not any(name.endswith("类项目") for name, _ in mentions(analyse, "重点推进农业就业类项目。"))


@pytest.mark.parametrize(
    "text, generic, named",
    [
        ("5月8日，开工仪式在县城举行。", "开工仪式", None),
        ("5月8日，签约仪式在县城举行。", "签约仪式", None),
        # an event described in a few words is named so
        ("5月8日，援疆医疗人才对接会在县城举行。", None, "援疆医疗人才对接会"),
        # a place, an edition or a quotation makes it a name
        ("5月8日，疏附县红枣产业园开工仪式在县城举行。", None, "疏附县红枣产业园开工仪式"),
    ],
)
def test_an_event_head_after_a_few_common_words_is_no_name(analyse, text, generic, named):
    found = {name for name, _ in mentions(analyse, text)}
    assert generic not in found
    assert named is None or named in found


@pytest.mark.parametrize(
    "text, river",
    [("孔雀河畔的库尔勒，每年秋天迎来游客。", "孔雀河"), ("游客们来到喀什噶尔河畔拍照。", "喀什噶尔河")],
)
def test_a_river_before_the_word_for_its_bank_is_the_river(analyse, text, river):
    # the model tags 叶尔羌 (河畔 is a word) or 沙柳河畔: the place is the river
    assert (river, "Place") in mentions(analyse, text)


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("本报阿拉尔讯（记者 王静怡）实验室揭牌。", "阿拉尔讯"),  # a dateline's place, not a person
        ("已在阿拉尔市十二团、十四团建成试验田。", "阿拉尔市十二团"),  # a city and its regiment, no team
        ("开班仪式上，广东省委组织部副部长王建国讲话。", "开班仪式"),  # what the ceremony is for
        ("3月2日，劳务专列在疏附站举行发车仪式。", "发车仪式"),
        ("会议通报了2024年援疆项目实施情况。", "2024年援疆项目"),  # a year names no project
        ("和田地区2025年北京援疆项目公示", "和田地区2025年北京援疆项目"),  # nor with its places and giver
        ("粤黔协作｜广东援建的威宁县学校落成。广州市与贵州省合作。", "粤黔协作"),  # two provinces' cooperation
    ],
)
def test_a_phrase_of_places_or_a_kind_of_ceremony_is_no_name(analyse, text, phrase):
    assert phrase not in {name for name, _ in mentions(analyse, text)}


@pytest.mark.parametrize(
    "text, names, not_names",
    [
        # two bodies and the coverb between them, read by the model as one name
        ("江苏援疆指挥部将第四师医院“创三甲”列入援助计划。", {"江苏援疆指挥部", "第四师医院"}, set()),
        # a body and the verb of its predicate, the head grown back over them
        ("疏附县人民医院争创三级医院。", {"疏附县人民医院"}, {"疏附县人民医院争创三级医院", "三级医院"}),
        ("广州专家团队进驻疏附县人民医院。", {"疏附县人民医院"}, {"广州专家团队进驻疏附县人民医院"}),
        # a verb that also makes names stays in them
        ("疏附县幸福就业帮扶车间由广州市援建。", {"疏附县幸福就业帮扶车间"}, {"车间"}),
        # a head the next character makes into another word (学位)
        ("疏附县城区高中学位紧张。", set(), {"疏附县城区高中学", "城区高中学"}),
    ],
)
def test_a_name_does_not_run_over_a_predicate(analyse, text, names, not_names):
    found = {name for name, _ in mentions(analyse, text)}
    assert names <= found and not (not_names & found)


def test_a_quoted_way_of_sending_aid_is_a_program(analyse):
    # 组团式 is no generic modifier (柔性 is): “组团式”教育援疆 names a program of its own
    assert ("“组团式”教育援疆", "Program") in mentions(analyse, "广州市依托“组团式”教育援疆选派骨干教师。")
