from __future__ import annotations

import dataclasses

import pytest

from dedupe.cleanup import boilerplate
from dedupe.errors import ConfigError
from dedupe.options import Options
from dedupe.text.segment import lines

RULES = boilerplate.compile_rules(Options())


def roles(text: str, rules: boilerplate.Rules = RULES) -> list[tuple[str, str]]:
    segs = lines("d", text)
    return [
        (seg.text, label.role)
        for seg, label in zip(segs, boilerplate.classify("d", segs, rules), strict=True)
    ]


BODY_EN = "The ministry said it will encourage participation in overseas exhibitions this year."
BODY_ZH = "全国贸促系统共举办24场中外领导人出席的重大活动，服务企业超过十万家次。"


@pytest.mark.parametrize(
    "line",
    [
        "Skip to Content Facebook Feature Image",
        "Recommended Articles",
        "(Photo Credit: CFP.CN)",
        "Advertisement",
        "责任编辑：王明",
        "分享到：微信 微博 QQ空间",
        "扫一扫在手机打开当前页",
        "【关闭窗口】",
        "字号：大 中 小",
        "版权所有 © 2025 某某网 京ICP备12345678号",
        "首页 > 新闻中心 > 国内",
        "Markets | Economy | Companies | Commodities",
        "Story continues below advertisement",
        "Copyright 2025 Example News. All rights reserved.",
        "相关新闻",
        "Zhang Yongming Chairman ...",
        "Log in to be able to post",
        "Photo: Reuters",
        "Image copyright Getty Images",
        "Search LA Weekly",
        "See all reviews",
        "12 Comments",
        "Skip to contentSkip to site index",
        "Reply",
        "Privacy Policy",
        "Terms of Service (Updated JULY 7, 2023)",
        "Sign In Join",
        "5 min read",
        "Share via Email",
        "Retweet this article!",
        "Promoted Links Promoted Links",
        "More about:",
        "跳到主文",
        "發表留言",
        "更多评论",
        "Tweet",
        "Reblog",
        "Next",
        "Follow on Instagram",
        "► August (1)",
        "December 2014 (3)",
        "Click to share on Telegram (Opens in new window)",
        "Like this:",
        "Filed under: metroid",
        "No comments:",
        "You must login or create an account to comment.",
    ],
)
def test_chrome_lines_are_removed(line: str) -> None:
    assert dict(roles(f"Headline Here\n\n{BODY_EN}\n\n{line}\n\n{BODY_ZH}"))[line] == ("chrome")


@pytest.mark.parametrize(
    "line",
    [
        "Members of the public can share their views on Facebook until Friday, the council said.",
        "不少年轻人会在摊前拍视频分享到网上，“有时候一晚上要画一百多个”。",
        "召开外资企业座谈会830场，6500家外资企业参会，收集外资企业诉求1022项……",
        "2025年，全国贸促人的点点滴滴汇聚成一组振奋人心的数据：",
        "The vote was 6-1.",
        "Ad spending rises 5% as brands return",
        "符合条件的企业可立即领取补贴。",
        "市民可通过下载“北京通”客户端办理相关业务，十分便捷。",
        "Photos of the flooded streets were shared widely.",
        "Pictures show the damage to the bridge.",
        "Search teams found the missing hikers late on Sunday, police said.",
        "Copyright holders won a ruling on Monday against the streaming platform.",
        "All rights reserved, the ruling says, belong to the authors of the works.",
        "He did not want to be shy about it. And as for the money…",
        "他说完就转身走了。至于那笔钱…",
        "未经授权转载他人作品的行为构成侵权，法院判决赔偿。",
        "Reply to the ministry's letter was due on Friday, officials said.",
        "Privacy policy changes will take effect next year, the regulator said.",
        "Terms of service were rewritten after the court's ruling.",
        "留言板上，不少网友表示支持这一做法。",
        "Next year the council will share the costs with the state.",
        "August 1 (Reuters) - Oil prices rose on Monday.",
        "Voters must register by Friday to take part in the election.",
        "Please log in to the portal before Monday, the ministry said.",
    ],
)
def test_body_lines_that_look_like_chrome_are_kept(line: str) -> None:
    assert dict(roles(f"Headline Here\n\n{BODY_EN}\n\n{line}\n\n{BODY_ZH}"))[line] == "body"


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("■ 本报记者 张凡", "byline"),
        ("By Li Wei, China Daily", "byline"),
        ("2026-01-26 17:14 Last Updated At:23:37", "dateline"),
        ("来源：新华社", "source"),
        ("(Source: CCPIT Beijing)", "source"),
        ("2021-4-23 11:30:09", "dateline"),
    ],
)
def test_metadata_lines_are_tagged(line: str, role: str) -> None:
    assert dict(roles(f"Headline Here\n\n{line}\n\n{BODY_EN}"))[line] == role


def test_a_chrome_intro_takes_its_list_and_an_article_intro_keeps_it() -> None:
    """`分享到:` announces share buttons, one per line; `附：` announces the article's own list."""
    shared = roles(
        "\n\n".join(["标题在这里", BODY_ZH, "分享到:", "腾讯微博", "QQ空间", "新浪微博", BODY_ZH])
    )
    assert [r for t, r in shared if t in ("腾讯微博", "QQ空间", "新浪微博")] == ["chrome"] * 3
    assert shared[-1] == (BODY_ZH, "body")  # the list ends at a line of another shape
    listed = roles(
        "\n\n".join(["标题在这里", BODY_ZH, "相关单位如下：", "市图书馆", "市档案馆", BODY_ZH])
    )
    assert "chrome" not in [r for t, r in listed if t in ("市图书馆", "市档案馆")]


def test_a_sentence_continues_across_one_chrome_line_not_a_block() -> None:
    """After a block of page chrome, a lower-case menu (`news`, `home page`) is no continuation
    of the article's last line: it is a menu run of the page's foot."""
    last = (
        "A version of this article appears in print on Page A22 of the New York edition with "
        "the headline: Manhole Fires. Order Reprints | Today’s Paper | Subscribe"
    )
    menu = ["news", "home page", "world", "politics", "business"]
    text = "\n\n".join(
        ["Story Headline", BODY_EN, BODY_EN, last, "Advertisement", "Subscribe", *menu]
    )
    assert [r for t, r in roles(text) if t in menu] == ["chrome"] * len(menu)


def test_headline_is_kept_and_its_repeats_removed() -> None:
    text = (
        f"China acts on trade\n\nChina\n\nChina acts on trade\n\n{BODY_EN}\n\nChina acts on trade"
    )
    got = roles(text)
    assert got[0] == ("China acts on trade", "headline")
    assert [r for t, r in got[1:] if t != BODY_EN] == ["chrome", "chrome", "chrome"]


def test_a_line_repeated_inside_the_body_is_not_boilerplate() -> None:
    text = f"Title Of Story\n\n{BODY_EN}\n\nWe will win.\n\n{BODY_EN}\n\nWe will win."
    assert [r for _, r in roles(text)] == ["headline", "body", "body", "body", "body"]


def test_related_widget_after_repeated_headline_takes_the_other_story() -> None:
    other = "The United Nations discourages any efforts to retreat from climate commitments today."
    title = "Trade Plan Unveiled"
    text = f"{title}\n\n{BODY_EN}\n\n{title}\n\n{other}\n\nRecommended Articles"
    assert dict(roles(text))[other] == "chrome"


def test_a_headline_repeated_above_the_story_does_not_make_it_a_widget() -> None:
    """The page repeats its headline between a deck and the story, its widget label far
    below: the story holds more text than the page before it, so it is the article."""
    title = "Trade Plan Unveiled"
    story = [f"{BODY_EN[:-1]}, officials said on day {n}." for n in range(5)]
    text = "\n\n".join([title, BODY_EN, title, *story, "Recommended Articles"])
    got = dict(roles(text))
    assert [got[line] for line in story] == ["body"] * len(story)


def test_sidebar_label_inside_article_keeps_the_text_after_it() -> None:
    text = f"协同发展 向新而行\n\n{BODY_ZH}\n\n链接\n\n全国{BODY_ZH}\n\n全国全国{BODY_ZH}"
    got = roles(text)
    assert dict(got)["链接"] == "chrome"
    assert [r for t, r in got if t.startswith("全国")] == ["body", "body", "body"]


def test_site_template_lines_come_from_the_run() -> None:
    rules = boilerplate.compile_rules(Options(), frozenset({"滨海交通网"}))
    assert dict(roles(f"滨海交通网\n\n{BODY_ZH}", rules))["滨海交通网"] == "chrome"


def test_user_patterns_remove_and_keep() -> None:
    rules = boilerplate.compile_rules(
        Options(remove_patterns=(r"^Tips:",), keep_patterns=(r"Advertisement",))
    )
    got = dict(roles(f"Headline Here\n\n{BODY_EN}\n\nTips: sign in\n\nAdvertisement", rules))
    assert got["Tips: sign in"] == "chrome"
    assert got["Advertisement"] == "body"


def test_long_lines_skip_the_table_but_not_user_patterns() -> None:
    long_line = "Tips: " + BODY_EN * 4  # longer than any rule of the table or template looks at
    assert len(long_line) > RULES.plain_above
    assert dict(roles(f"Headline Here\n\n{BODY_EN}\n\n{long_line}"))[long_line] == "body"
    rules = boilerplate.compile_rules(Options(remove_patterns=(r"^Tips:",)))
    assert rules.plain_above == float("inf")
    assert dict(roles(f"Headline Here\n\n{BODY_EN}\n\n{long_line}", rules))[long_line] == "chrome"


def test_a_locked_line_is_never_a_site_template() -> None:
    rules = boilerplate.compile_rules(Options(keep_patterns=("滨海",)), frozenset({"滨海交通网"}))
    assert dict(roles(f"滨海交通网\n\n{BODY_ZH}", rules))["滨海交通网"] != "chrome"


@pytest.mark.parametrize(
    "line",
    ["", "关注我们", "请关注我们的公众号>>", ">>>", "立即下载app", "home >> news", "catalog 位置"],
)
def test_one_scan_finds_every_hint_a_line_holds(line: str) -> None:
    # Hints that start other hints ("关注" / "关注我们", ">" / ">>") are found where they overlap.
    assert RULES.present(line) == {hint for hint in RULES.hints if hint in line}


@pytest.mark.parametrize(
    "line",
    [
        "News  Sports  Business  Opinion",
        "News\u3000\u3000Sports\u3000\u3000Business\u3000\u3000Opinion",
        "News \tSports\t Business \u2003\u2003Opinion",
        "首页 | 新闻 | 体育",
        "Markets · Economy · Companies",
        "A plain line that no separator splits",
    ],
)
def test_rule_prefilters_never_change_a_decision_on_menu_shapes(line: str) -> None:
    # The white space the menu rule's prefilter must not miss: any two in a row, not only spaces.
    bare = dataclasses.replace(
        RULES,
        builtin=tuple(dataclasses.replace(r, hints=(), requires=None) for r in RULES.builtin),
        seen={},
    )
    seg = lines("d", line)[0]
    fast = boilerplate._line_label("d", seg, dataclasses.replace(RULES, seen={}))
    assert fast == boilerplate._line_label("d", seg, bare)


def test_rule_prefilters_never_change_a_decision_on_labelled_lines() -> None:
    bare = dataclasses.replace(
        RULES,
        builtin=tuple(dataclasses.replace(r, hints=(), requires=None) for r in RULES.builtin),
        seen={},
    )
    assert sum(r.requires is not None for r in RULES.builtin) >= 1
    _assert_same_labels(_labelled_lines(), bare)


def _labelled_lines() -> list[str]:
    """Every line of the labelled quality cases."""
    from tests.quality import CORPORA, load_cases

    return [
        text
        for corpus in CORPORA
        for case in load_cases(corpus)
        for doc in case["documents"]
        for _, text in doc["lines"]
    ]  # type: ignore[index]


def _assert_same_labels(texts: list[str], reference: boilerplate.Rules) -> None:
    """The shipped rules, with their fast paths, label every line as `reference` does."""
    fast = dataclasses.replace(RULES, seen={})
    for n, text in enumerate(texts):
        seg = lines("d", text)[0]
        assert boilerplate._line_label("d", seg, fast) == boilerplate._line_label(
            "d", seg, reference
        ), n


def test_a_pathological_user_pattern_times_out_with_a_clear_error() -> None:
    rules = boilerplate.compile_rules(Options(remove_patterns=(r"(a|aa)+$",), pattern_timeout=0.05))
    with pytest.raises(ConfigError, match="pattern_timeout"):
        roles("a" * 40 + "!", rules)


def test_findings_carry_reasons_and_offsets() -> None:
    text = f"Headline Here\n\n{BODY_EN}\n\nAdvertisement"
    segs = lines("d", text)
    found = boilerplate.findings(text, segs, boilerplate.classify("d", segs, RULES))
    ad = next(f for f in found if f.removed)
    assert (ad.rule, ad.reason, text[ad.start : ad.end]) == (
        "advertisement",
        "advertisement",
        "Advertisement",
    )


def test_rule_hints_never_change_a_decision() -> None:
    """The hint fast path agrees with running every pattern, on every labelled line we have."""
    full = dataclasses.replace(
        RULES, builtin=tuple(dataclasses.replace(r, hints=()) for r in RULES.builtin), seen={}
    )
    texts = _labelled_lines()
    assert len(texts) > 1000
    _assert_same_labels(texts, full)


def test_a_list_after_the_article_is_kept_beside_page_chrome() -> None:
    """A list or table after its intro (附：…) is article content, even with a footer below."""
    items = ["计算机科学与技术", "软件工程", "人工智能", "数据科学"]
    intro, footer = "附：2025年招生专业及选考科目：", "版权所有 © 2025 某某大学"
    text = "\n\n".join(["招生简章发布", BODY_ZH, intro, *items, footer])
    got = dict(roles(text))
    assert "chrome" not in [got[item] for item in items]


def test_a_headline_about_copyright_is_the_headline() -> None:
    text = f"Court rules in landmark copyright case\n\n{BODY_EN}"
    assert dict(roles(text))["Court rules in landmark copyright case"] == "headline"


def test_wrapped_lines_after_the_article_are_kept() -> None:
    """Lines of text that a layout wrapped are no menu, however short they look."""
    wrapped = ["and the river ran on through the valley", "where the old mill had stood for"]
    text = "\n\n".join(["Headline Here", BODY_EN, *wrapped, "Copyright 2025 Example News."])
    got = dict(roles(text))
    assert [got[line] for line in wrapped] == ["body", "body"]


def test_menu_entries_beside_footer_chrome_are_removed() -> None:
    text = "\n\n".join(["Headline Here", BODY_EN, "Copyright 2025 Example News.", "About Us"])
    assert dict(roles(text))["About Us"] == "chrome"


def test_the_headline_is_not_a_login_prompt() -> None:
    text = f"Log in to be able to post\n\nSearch LA Weekly\n\nHarbour traffic rises\n\n{BODY_EN}"
    got = dict(roles(text))
    assert got["Harbour traffic rises"] == "headline"
    assert got["Log in to be able to post"] == got["Search LA Weekly"] == "chrome"


@pytest.mark.parametrize("name", ["张凡", "Jane Doe"])
def test_a_reporter_s_name_under_the_headline_is_kept(name: str) -> None:
    body = BODY_ZH if name == "张凡" else BODY_EN
    assert dict(roles(f"Harbour traffic rises\n\n{name}\n\n{body}"))[name] == "byline"


def test_a_chinese_wrap_piece_inside_the_body_is_no_heading() -> None:
    """A short piece that continues the line before is a wrapped paragraph, joined later."""
    piece = "全省外贸企业加快开拓东盟、中东和拉美等新兴市场，出口订单持续增加，带动了上下游企业的"
    text = f"标题在此处\n\n{BODY_ZH}\n\n{piece}\n\n协同发展\n\n{BODY_ZH}"
    assert dict(roles(text))["协同发展"] == "body"


def test_a_reporter_s_name_after_the_article_is_kept() -> None:
    text = "\n\n".join(["Headline Here", BODY_EN, "Jane Doe", "Copyright 2025 Example News."])
    assert dict(roles(text))["Jane Doe"] != "chrome"


@pytest.mark.parametrize("row", ["2023  4.5%  120  85", "Beijing | 21 | 3.4 | up"])
def test_a_table_row_of_figures_is_no_menu(row: str) -> None:
    assert dict(roles(f"Headline Here\n\n{BODY_EN}\n\n{row}\n\n{BODY_ZH}"))[row] != "chrome"


SITE_INDEX = ["news", "home page", "world", "U.S.", "politics", "New York", "business", "tech"]


def test_a_menu_after_the_article_is_chrome_on_its_own() -> None:
    """A site index at the foot of a page, no rule naming any line of it (and `New York`
    inside it no reporter's name), is chrome."""
    text = "\n\n".join(["Headline Here", BODY_EN, *SITE_INDEX])
    got = dict(roles(text))
    assert [got[entry] for entry in SITE_INDEX] == ["chrome"] * len(SITE_INDEX)


def test_fewer_short_lines_or_a_list_after_the_article_are_kept() -> None:
    """Three short lines are no menu; nor are a list's items, after its intro (kept)."""
    three = SITE_INDEX[:3]
    got = dict(roles("\n\n".join(["Headline Here", BODY_EN, *three])))
    assert "chrome" not in [got[entry] for entry in three]
    items = ["Boston", "Chicago", "Denver", "Seattle", "Portland"]
    got = dict(roles("\n\n".join(["Headline Here", BODY_EN, "Tour dates:", *items])))
    assert "chrome" not in [got[item] for item in items]


RELATED = ["愛上喜翁露營_歡慶聖誕夜市趴", "走進莫內遇見落羽松_菁芳園", "秀巒 玉峰道路"]


def test_titles_in_the_chrome_that_closes_the_page_are_chrome() -> None:
    """After the article, page chrome then nothing but titles to the end: related stories."""
    text = "\n\n".join(["标题在此处", BODY_ZH, BODY_ZH, "上一篇文章與下一篇文章", *RELATED])
    got = dict(roles(text))
    assert [got[title] for title in RELATED] == ["chrome"] * len(RELATED)


@pytest.mark.parametrize("among", ["玉峰道路, 上宇老觀景台, 美樹營地", "好美的地方！"])
def test_a_line_of_text_in_the_closing_block_keeps_its_titles(among: str) -> None:
    """A clause or a sentence's end among them: the block is not all chrome (keep)."""
    lines_ = [BODY_ZH, BODY_ZH, "上一篇文章與下一篇文章", *RELATED[:2], among, RELATED[2]]
    got = dict(roles("\n\n".join(["标题在此处", *lines_])))
    assert "chrome" not in [got[title] for title in RELATED] + [got[among]]


def test_a_lone_title_after_the_closing_chrome_is_kept() -> None:
    text = "\n\n".join(["标题在此处", BODY_ZH, BODY_ZH, "上一篇文章與下一篇文章", RELATED[0]])
    assert dict(roles(text))[RELATED[0]] != "chrome"


# A photo blog's page: phrases parted by spaces, no sentence punctuation (real pages read so).
UNPUNCTUATED = [
    "新竹尖石_美樹營地賞楓",
    "一波波接續性低溫寒流報到 已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣",
    "玉峰道路一路上雲氣山嵐滯留山頭 順路下切蜿蜒道路後不久即抵達來到玉峰國小",
    "美樹美如其名偌大楓香樹早已呈現金黃 泛紅色彩也是愛攝人仕所喜愛造訪之地",
    "第二次造訪美樹發現到營區變了 印象中以前生冷招牌換成了原木招牌可謂匠心獨運",
    "燻黑原木加上金黃色醒目字體 加上了貓頭鷹原木創作也充分發揮了裝飾藝術功力",
    "營區內除了露營、民宿、餐飲、賞楓項目多了許多原木飾品更有畫龍點睛加乘效果",
]


def test_a_page_without_sentence_punctuation_is_text_not_titles() -> None:
    """Its first line is the headline; the rest, too long for headings, are its body."""
    found = roles("\n\n".join(UNPUNCTUATED) + "\n")
    assert found[0] == (UNPUNCTUATED[0], "headline")
    assert [role for _, role in found[1:]] == ["body"] * (len(UNPUNCTUATED) - 1)


def test_a_deck_under_a_headline_is_still_metadata() -> None:
    """One title line under the headline is a deck: the page has sentences."""
    text = "\n\n".join([UNPUNCTUATED[0], UNPUNCTUATED[1], BODY_ZH, BODY_ZH[:-1] + "！"]) + "\n"
    assert [role for _, role in roles(text)][:2] == ["headline", "subtitle"]
