from __future__ import annotations

import pytest

from dedupe.cleanup.repair import is_truncated
from dedupe.text.shape import separator, should_join


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("其中也有", "贸促人的奋斗和贡献。"),
        ("境外嘉宾覆盖国别广", "度创历史新高。"),
        ("超210万人次线上线下参", "观，达成合作协议；"),
        ("邀请俄罗", "斯、德国、奥地利。"),
        ("the ministry said it will", "encourage firms to exhibit."),
        ("revenue is expected to reach", "3.5 billion yuan by 2027."),
        ("a well-", "known brand."),
        ("Brennan ran", "said."),
        (
            "The film, which opens in cinemas on Friday, was directed by Martin Scorsese, also "
            "starring Robert",
            "De Niro, who returns to the screen after a decade.",
        ),
        (
            "The country has been in lengthy negotiations over a new trade pact with the",
            "European Union since 2019, officials said.",
        ),
        (
            "The danger was described years ago by an economist who served as an adviser in the",
            "Carter administration, once summed up the danger of deficits with a metaphor.",
        ),
    ],
)
def test_wraps_join(before: str, after: str) -> None:
    assert should_join(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("汇聚成一组振奋人心的数据：", "全国贸促系统共举办24场活动；"),
        ("共举办24场重大活动；", "大阪世博会中国馆吸引了近200万人次参观。"),
        ("推动贸促会机关、调解中心、", "陕西省贸促会落实中国贸促会工作部署。"),
        ("开展微生物基因组测序、沉积物年代测定、", "下一步，科考团队计划开展第二航次任务。"),
        ("开发柚子茶、柚皮糖、", "“我们还要继续干。”"),
        ("a good development environment", "2021 China International Fair was held."),
        ("The council will also", "Meanwhile, the mayor left."),
        ("It ended.", "and then more."),
        ("国新办28日举行新闻发布会，介绍今年前三季度外贸运行情况（完）", "记者从会上获悉"),
        ("会议指出，要坚持稳中求进工作总基调（未完待续）", "推动高质量发展。"),
        ("贸易额连续三年保持增长。【责任编辑：王明】", "据海关统计"),
        (
            "Officials said the talks would resume next week (Reporting by Jane Doe; Editing "
            "by John Roe)",
            "more talks are planned.",
        ),
        ("Output rose 4 percent in March from a year earlier -- ENDS --", "and more."),
        (
            "Officials said the final cost could rise if land acquisition takes longer than",
            "Analysts said the success of the line had strengthened the case.",
        ),
        (
            "Instead of hiring a DJ, use your phone; both hook up easily to speakers from",
            "Personalize the music with a playlist of the graduate's favourite songs.",
        ),
        ("Kenyan Tea Exports Hit Record As New Markets Offset Demand In", "Pakistan Tea Board."),
    ],
)
def test_new_paragraphs_do_not_join(before: str, after: str) -> None:
    assert not should_join(before, after)


def test_join_separator_follows_the_script() -> None:
    assert separator("其中也有", "贸促人") == ""
    assert separator("said it will", "encourage") == " "
    assert separator("well-", "known") == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "重庆市贸促会推动贸促治理体系现代化。在34个区县、园区建立工作联系机制，深化重庆国际商会实体化改革，"
            "推动贸促会机关、调解中心、",
            True,
        ),
        (
            "This is a complete paragraph of some length that ends properly with a full stop, "
            "as most paragraphs in news do.",
            False,
        ),
        (
            "Exporters in Asia welcomed the lower costs, although some said contracts signed "
            "earlier "
            "this year would keep prices high for their",
            True,
        ),
        (
            "Driven by Innovation, Led by Green and Empowered by Digitalization, China Draws a "
            "Blueprint for the High-Quality Development of Foreign Trade",
            False,
        ),
        ("短句没有句号", False),
        (
            "国新办28日举行新闻发布会，介绍今年前三季度外贸运行和下一步工作安排的情况（完）",
            False,
        ),
        (
            "Chile's copper production rose 4.2 percent in March from a year earlier, government "
            "data showed (Reporting by Jane Doe; Editing by John Roe)",
            False,
        ),
    ],
)
def test_truncation(text: str, expected: bool) -> None:
    assert is_truncated(text) is expected
