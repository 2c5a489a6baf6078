"""Tests for kg.extract.bylines and their place in an extraction.

Fixtures: made-up bylines and datelines in the layout of Chinese news reports; the outlets and
people are invented (新华社 is named as the usual example of a dateline's outlet).
"""

from pathlib import Path

import pytest

from kg.extract.bylines import byline_names
from kg.extract.reading_view import reading_view
from kg.records import Document


def names_of(text, publisher=None):
    document = Document("d", Path("d.txt"), "d.txt", text, "0" * 64, "utf-8", publisher=publisher)
    found = byline_names(document, reading_view(text).bylines)
    return [(n.label, n.name, found[n.outlet].name if n.outlet is not None else None) for n in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "新华社喀什5月17日电（记者 王青山 阿依古丽·买买提）日前，疏附县新建幼儿园。",
            [("Organization", "新华社", None), ("Person", "王青山", "新华社"), ("Person", "阿依古丽·买买提", "新华社")],
        ),
        (  # a WeChat post's footer: the writer and the reviewers of the source's staff
            "首批学员已经结业。\n\n来源：云岭县融媒体中心\n文字：周明远\n初审：马兰芳",
            [
                ("Organization", "云岭县融媒体中心", None),
                ("Person", "周明远", "云岭县融媒体中心"),
                ("Person", "马兰芳", "云岭县融媒体中心"),
            ],
        ),
        (  # outlet words one after another: the whole name (云岭新闻|网, 云岭日报|社|全媒体中心)
            "云岭新闻网德令哈7月12日讯（记者 周明远）日前，新校区启用。\n\n来源：云岭日报社全媒体中心",
            [
                ("Organization", "云岭新闻网", None),
                ("Person", "周明远", "云岭新闻网"),
                ("Organization", "云岭日报社全媒体中心", None),
            ],
        ),
        (
            "活动持续三天。（记者 周明远 通讯员 马兰芳）\n\n来源：云岭日报",
            [("Person", "周明远", "云岭日报"), ("Person", "马兰芳", None), ("Organization", "云岭日报", None)],
        ),
        ("首批学员已经结业。\n\n责任编辑：陈晓雨\n审核：李向东", [("Person", "陈晓雨", None), ("Person", "李向东", None)]),
        (  # a date and a source note on one line
            "2025-03-12 09:30　来源：云岭日报\n记者 周明远\n\n首批学员已经结业。",
            [("Organization", "云岭日报", None), ("Person", "周明远", "云岭日报")],
        ),
        (  # a web page's fields: the author of a page is its outlet's; the widgets name no one
            "标题\n\n发布时间：2025-03-12 09:30 来源：云岭县融媒体中心 作者：周明远 马兰芳 【字体：大 中 小】【打印】\n\n首批学员已经结业。",
            [("Organization", "云岭县融媒体中心", None), ("Person", "周明远", "云岭县融媒体中心"), ("Person", "马兰芳", "云岭县融媒体中心")],
        ),
        (  # outlet, date and reporters on one line
            "云岭日报　2025年3月12日　记者　周明远　通讯员　马兰芳\n\n首批学员已经结业。",
            [("Organization", "云岭日报", None), ("Person", "周明远", "云岭日报"), ("Person", "马兰芳", None)],
        ),
        (  # a newspaper's all-media reporter; the page's editor is the paper's too
            "云岭日报全媒体记者 周明远 通讯员 马兰芳\n\n首批学员已经结业。\n\n责任编辑：陈晓雨",
            [
                ("Organization", "云岭日报", None),
                ("Person", "周明远", "云岭日报"),
                ("Person", "马兰芳", None),
                ("Person", "陈晓雨", "云岭日报"),
            ],
        ),
        (  # an editor's note written with a space, not a colon
            "来源：云岭日报　2024-06-19\n\n首批学员已经结业。\n\n（编辑 陈晓雨）",
            [("Organization", "云岭日报", None), ("Person", "陈晓雨", "云岭日报")],
        ),
        (  # a news app's reporter
            "山河新闻记者 周明远 通讯员 马兰芳\n\n首批学员已经结业。",
            [("Organization", "山河新闻", None), ("Person", "周明远", "山河新闻"), ("Person", "马兰芳", None)],
        ),
        (  # an account's name before the date it posted, then the source of the piece
            "疏附零距离　2025年03月12日 19:30　新疆\n\n来源：疏附县融媒体中心\n编辑：王雪\n\n首批学员已经结业。",
            [
                ("Organization", "疏附零距离", None),
                ("Organization", "疏附县融媒体中心", None),
                ("Person", "王雪", "疏附县融媒体中心"),
            ],
        ),
        (  # a source that is no outlet: named, but its editor is not its reporter
            "发布时间：2025-03-12 09:30　来源：疏附县乡村振兴局　【字体：大 中 小】\n\n首批学员已经结业。\n\n（责任编辑：王雪）",
            [("Organization", "疏附县乡村振兴局", None), ("Person", "王雪", None)],
        ),
        (  # a page's fields with its reviewers and a bare date, on one long line
            "来源：云岭县融媒体中心　作者：周明远　马兰芳　编辑：陈晓雨　审核：李向东　2025-03-12\n\n首批学员已经结业。",
            [
                ("Organization", "云岭县融媒体中心", None),
                ("Person", "周明远", "云岭县融媒体中心"),
                ("Person", "马兰芳", "云岭县融媒体中心"),
                ("Person", "陈晓雨", "云岭县融媒体中心"),
                ("Person", "李向东", "云岭县融媒体中心"),
            ],
        ),
        (  # traditional characters: read in simplified
            "2024年06月26日 10:21　來源：雲嶺日報\n\n首批學員已經結業。（記者 周明遠）",
            [("Organization", "云岭日报", None), ("Person", "周明远", "云岭日报")],
        ),
        (  # the place the report was filed from, after the names, is no name (with or without spaces)
            "【雲嶺週報訊】（記者 何文珊 林芝報道）雨後的西藏林芝。",
            [("Organization", "云岭周报", None), ("Person", "何文珊", "云岭周报")],
        ),
        (
            "【云岭周报讯】记者郑文颖喀什报道：一个交流团一行三十八人抵达喀什。",
            [("Organization", "云岭周报", None), ("Person", "郑文颖", "云岭周报")],
        ),
        (  # an outlet's round-up (综合报道) and a reporter named with no place
            "【云岭时报综合报道】记者林文欣报道：学生们走进江孜县。",
            [("Organization", "云岭时报", None), ("Person", "林文欣", "云岭时报")],
        ),
        (  # an archive copy's masthead names the outlet 本报 is, where no publisher is known
            "某县首批项目集中开工\n\n《云岭日报》2011年4月19日 第1版\n\n本报莎车4月18日讯（记者 古丽·阿不都 通讯员 陈文）日前，项目开工。",
            [("Organization", "云岭日报", None), ("Person", "古丽·阿不都", "云岭日报"), ("Person", "陈文", None)],
        ),
        (  # a masthead without 《》, a dateline naming its place between 本报 and 讯, an editor's note
            "某县项目集中开工\n\n云岭日报  2024年4月17日  第2版\n\n本报喀什讯（记者 马晓晨）4月中旬，项目开工。\n\n（编辑：阿依古丽·热合曼）",
            [
                ("Organization", "云岭日报", None),
                ("Person", "马晓晨", "云岭日报"),
                ("Person", "阿依古丽·热合曼", "云岭日报"),
            ],
        ),
        (  # reporters and the date the report ran
            "某县项目集中开工\n\n云岭日报记者 林晓帆 周楠 2024年9月12日\n\n日前，项目开工。",
            [("Organization", "云岭日报", None), ("Person", "林晓帆", "云岭日报"), ("Person", "周楠", "云岭日报")],
        ),
        (  # a news app: its name ends in 客户端, on the source line and in the dateline
            "某项目签约\n\n云岭日报客户端　2025-05-23 08:41\n\n云岭日报客户端讯（记者 程明远）日前，项目签约。\n\n（编辑：胡晴）",
            [
                ("Organization", "云岭日报客户端", None),
                ("Organization", "云岭日报客户端", None),
                ("Person", "程明远", "云岭日报客户端"),
                ("Person", "胡晴", "云岭日报客户端"),
            ],
        ),
        (  # a broadcast script's cue is no one's name
            "日前，项目开工。\n\n【记者出镜】\n\n这里是拜城县。",
            [],
        ),
    ],
)
def test_reporters_are_persons_of_the_outlet_the_byline_names(text, expected):
    assert names_of(text) == expected


@pytest.mark.parametrize(
    "head",
    ["本报记者 赵一鸣 报道\n", "本报喀什5月17日专电（特派记者 赵一鸣）"],  # a special dispatch's dateline too
)
def test_the_reports_own_outlet_is_its_publisher(head):
    assert names_of(head + "疏附县新建幼儿园。", publisher="喀什晨报") == [
        ("Organization", "喀什晨报", None),
        ("Person", "赵一鸣", "喀什晨报"),
    ]


def test_byline_persons_are_mentions_cited_by_their_byline(extract_text):
    extraction = extract_text("新华社喀什5月17日电（记者 王青山）日前，疏附县新建幼儿园。")
    person = next(m for m in extraction.mentions if m.name == "王青山")
    outlet = next(m for m in extraction.mentions if m.name == "新华社")
    relation = next(r for r in extraction.relations if r.predicate == "affiliatedWith")
    mentions = extraction.mentions
    assert (mentions[relation.subject], mentions[relation.object]) == (person, outlet)
    sentence = extraction.sentences[relation.sentence]
    assert (
        extraction.document.text[sentence.start : sentence.end] == sentence.text == "新华社喀什5月17日电（记者 王青山）"
    )
