# Fixtures: made-up names in the style of Chinese official news (schools, hospitals, programs,
# events, Han and Uyghur-style person names), built on real division names from the bundled
# gazetteer (喀什, 温宿县, 淳安县, 石河子市, 乌什县), none taken from the sample article. Expected
# readings follow standard pinyin orthography (GB/T 16159) and data/labels/*.csv.
import pytest

from kg.reference.labels import english_label, pinyin_label, pinyin_word, pinyin_words


@pytest.mark.parametrize(
    "name, pinyin",
    [
        ("温宿县", "Wēnsù Xiàn"),
        ("西安市", "Xī'ān Shì"),  # apostrophe before a syllable starting with a vowel
        ("新疆维吾尔自治区", "Xīnjiāng Wéiwú'ěr Zìzhìqū"),
        ("石河子市", "Shíhézǐ Shì"),  # pinyin_overrides.csv: not the neutral-tone zi
        ("乌什县", "Wūshí Xiàn"),  # pinyin_overrides.csv: 什 in transliterations
        ("喀什", "Kāshí"),  # a short name: the stem only
    ],
)
def test_pinyin_label_of_places(name, pinyin):
    assert pinyin_label(name, "Place") == pinyin


@pytest.mark.parametrize(
    "name, english",
    [
        ("温宿县", "Wensu County"),
        ("喀什地区", "Kashgar Prefecture"),  # exonym
        ("喀什", "Kashgar"),  # short name of an exonym
        ("富阳市", "Fuyang District"),  # former name: today's unit
        ("珠三角", "Pearl River Delta"),  # region
        ("托乎拉镇", "Tuohula Town"),  # not in the gazetteer's coded units: composed, stem one word
        ("库如力村", "Kuruli Village"),
        ("伽师县", "Jiashi County"),  # 伽 read jiā in the name, not gā
    ],
)
def test_english_label_of_places(name, english):
    assert english_label(name, "Place") == english


@pytest.mark.parametrize(
    "name, english",
    [
        ("喀什市第九中学", "Kashgar City No. 9 Middle School"),
        ("温宿县二小", "Wensu County No. 2 Primary School"),  # numeral-only head 小
        ("淳安县人民医院", "Chun'an County People's Hospital"),
        ("温宿县托乎拉乡卫生院", "Wensu County Tuohula Township Health Center"),
        ("喀什幼儿园", "Kashgar Kindergarten"),
        # a department's English as a whole, not its characters read as pinyin and levels
        ("叶城县乡村振兴局", "Yecheng County Rural Revitalization Bureau"),
        ("皮山县农业农村局", "Pishan County Agriculture and Rural Affairs Bureau"),
    ],
)
def test_english_label_of_organizations(name, english):
    assert english_label(name, "Organization") == english


@pytest.mark.parametrize(
    "name, kind, english",
    [
        ("春晖行动", "Program", "Chunhui Action"),
        ("“雪莲”工程", "Program", "Xuelian Project"),  # quotation marks dropped
        ("雪莲·巾帼工坊", "Program", "Xuelian Jinguo Workshop"),  # interpunct separates words
        ("第三届天山论坛", "Event", "3rd Tianshan Forum"),  # 第N届 -> ordinal
        ("第二十一届丝路大赛", "Event", "21st Silu Contest"),
        ("十四团", "Place", "No. 14 Regiment"),
        ("兵团第三师", "Organization", "Bingtuan 3rd Division"),  # a gazetteer name at the end
        ("5G智慧工厂", "Organization", "5G Zhihui Factory"),  # ASCII kept
    ],
)
def test_english_label_composes(name, kind, english):
    assert english_label(name, kind) == english


@pytest.mark.parametrize("name", ["教师", "春节"])
def test_one_character_head_needs_a_longer_stem(name):
    assert english_label(name) == pinyin_word(name, tones=False)


@pytest.mark.parametrize(
    "name, english, pinyin",
    [
        ("李建华", "Li Jianhua", "Lǐ Jiànhuá"),
        ("欧阳晓峰", "Ouyang Xiaofeng", "Ōuyáng Xiǎofēng"),  # compound surname
        ("单立新", "Shan Lixin", "Shàn Lìxīn"),  # surname reading 单 shàn
        ("阿依古丽·买买提", "Ayiguli Maimaiti", "Āyīgǔlì Mǎimǎití"),  # each part one word
        ("古丽·吐尔逊", "Guli Tuerxun", "Gǔlì Tǔ'ěrxùn"),  # English names drop the apostrophe
    ],
)
def test_person_labels(name, english, pinyin):
    assert (english_label(name, "Person"), pinyin_label(name, "Person")) == (english, pinyin)


def test_work_label_is_title_case_pinyin_without_gazetteer():
    assert english_label("《喀什春风》", "Work") == "Kashi Chunfeng"


def test_pinyin_label_of_a_school():
    assert pinyin_label("喀什市第九中学", "Organization") == "Kāshí Shì Dìjiǔ Zhōngxué"


def test_pinyin_word_joins_syllables():
    assert pinyin_word("图木舒克") == "Túmùshūkè"


def test_pinyin_words_keep_ascii_and_drop_symbols():
    assert pinyin_words("5G·智慧", tones=False, joined=True) == ["5G", "Zhihui"]
