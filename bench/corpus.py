"""Deterministic generator of scraped news articles (half Chinese, half English) for benchmarks.

Why generated: the benchmark needs 100 MB of text that looks like what `dedupe clean` meets in
the wild (page chrome, site footers, print-layout wraps, two paragraph layouts) without shipping
anyone's articles. Every article is built from its own seed (`seed:index`), so a corpus is the
same on every machine, a smaller corpus is a prefix of a larger one, and any article can be
rebuilt later to check what `clean` did to it (`Article.expected_*`).

All text below is written for this file from word lists; none of it is copied from a site.

    python bench/corpus.py --mb 5            # writes bench/out/corpus-5mb/
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
SEED = 20250611
SITES = 50
# Bump when the generator changes, so cached corpora are rebuilt.
VERSION = 5
MB = 1_000_000


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    """Word lists are written as one string each: easier to read and extend than list literals."""
    return tuple(text.split(sep))


# ---------------------------------------------------------------------------------------------
# Chinese word lists
# ---------------------------------------------------------------------------------------------
ZH_PLACES = _words(
    "北京 上海 广州 深圳 杭州 成都 武汉 西安 南京 重庆 天津 苏州 长沙 郑州 青岛 厦门 昆明 合肥 "
    "福州 济南 沈阳 哈尔滨 南宁 贵阳 兰州 宁波 无锡 佛山 东莞 温州 大连 石家庄 太原 南昌 海口 "
    "银川 西宁 烟台 泉州 常州 徐州 绍兴 嘉兴 珠海 洛阳 襄阳 宜昌 赣州 柳州 绵阳"
)
ZH_AGENCIES = _words(
    "商务局 发展改革委 统计局 科技局 教育局 交通运输局 文化和旅游局 生态环境局 卫生健康委 "
    "农业农村局 住房和城乡建设局 市场监管局 人力资源和社会保障局 工业和信息化局 贸促会 工商联"
)
ZH_NATIONAL = _words(
    "国家统计局 海关总署 商务部 国家能源局 工业和信息化部 国家发展改革委 中国人民银行 "
    "农业农村部 交通运输部 国家知识产权局"
)
ZH_COMPANIES = _words(
    "华信科技 远航物流 东方新材料 青禾农业 启明医疗 长风汽车 海润能源 星辰半导体 云帆电商 "
    "嘉和食品 恒泰纺织 瑞丰机械 蓝海港务 天工智造 博雅教育 安康药业"
)
ZH_MEETINGS = _words(
    "工作会议 新闻发布会 专题座谈会 工作推进会 经贸洽谈会 项目集中签约仪式 产业发展论坛 "
    "调研座谈会 年度总结会 现场观摩会"
)
ZH_VERBS = _words("部署 推进 加快 深化 优化 完善 推动 落实 支持 扩大 提升 加强 统筹 谋划")
ZH_OBJECTS = _words(
    "外贸稳规模优结构 营商环境建设 跨境电商综合试验区建设 新能源汽车产业链 城市基础设施更新 "
    "中小企业融资服务 农产品冷链物流体系 数字经济和实体经济深度融合 社区养老服务网络 "
    "职业技能培训 流域生态环境治理 科技成果转化 文旅消费新场景 口岸通关便利化 绿色低碳转型 "
    "高标准农田建设 县域商业体系 海外仓布局 智能制造示范工厂 老旧小区改造"
)
ZH_METRICS = _words(
    "进出口总额 社会消费品零售总额 规模以上工业增加值 固定资产投资 实际使用外资 快递业务量 "
    "接待游客人次 城镇新增就业人数 高新技术企业数量 集装箱吞吐量 跨境电商交易额 技术合同成交额"
)
ZH_FACILITIES = _words(
    "智慧物流园区 社区养老服务中心 公共充电站 口袋公园 产业创新中心 海外仓 保税物流中心 "
    "技能人才实训基地 数字化转型促进中心 农产品产地冷藏保鲜设施"
)
ZH_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜"
ZH_GIVEN = _words(
    "明 芳 建国 海燕 志强 丽娟 晓东 文华 振宇 静 伟 磊 欣怡 子涵 国平 红梅 立新 春生 雪莲 "
    "宏伟 思远 嘉怡 永刚 秀英 俊杰 晨 雨桐 浩然 玉兰 德胜"
)
ZH_TITLES = _words("局长 副局长 副主任 总经理 研究员 教授 处长 有关负责人 董事长 首席经济学家")
ZH_REASONS = _words(
    "外需回暖和新订单增加 政策红利持续释放 新业态新模式加快发展 重点项目陆续投产 "
    "消费市场稳步恢复 产业链上下游协同发力"
)
ZH_TOPICS = _words(
    "新闻 财经 国际 体育 评论 科技 文化 教育 健康 房产 汽车 旅游 图片 视频 专题 政务"
)
ZH_SITE_SUFFIX = _words("日报网 新闻网 经济网 在线 晚报 商报网 融媒体中心 都市网")
ZH_SHORT = _words("京 沪 粤 浙 苏 川 鄂 陕 渝 津 湘 豫 鲁 闽 皖 赣 辽 桂 黔 滇")

# ---------------------------------------------------------------------------------------------
# English word lists
# ---------------------------------------------------------------------------------------------
EN_PLACES = _words(
    "Shanghai|Shenzhen|Guangzhou|Hangzhou|Chengdu|Wuhan|Nanjing|Chongqing|Tianjin|Singapore|"
    "Jakarta|Nairobi|Rotterdam|Hamburg|Santos|Vancouver|Melbourne|Lagos|Dubai|Almaty|Bangkok|"
    "Ho Chi Minh City|Busan|Auckland|Valencia|Gdansk|Mombasa|Casablanca|Lima|Manila|Osaka|Durban",
    sep="|",
)
EN_ORGS = _words(
    "the Ministry of Commerce|the city government|the port authority|the national statistics "
    "office|the central bank|the provincial development commission|the chamber of commerce|the "
    "customs administration|the transport ministry|the regional energy regulator|the local health "
    "commission|the housing department|the export promotion agency|the planning bureau",
    sep="|",
)
EN_COMPANIES = _words(
    "Harbor Line Logistics|Northfield Components|Bluewater Energy|Copperleaf Foods|Meridian "
    "Robotics|Silverpine Textiles|Eastgate Semiconductors|Redwood Pharma|Kestrel Motors|Lakeshore "
    "Freight|Granite Peak Materials|Sunfield Agritech",
    sep="|",
)
EN_VERBS = _words(
    "expand accelerate streamline upgrade support strengthen simplify modernize reform promote "
    "fund extend"
)
EN_OBJECTS = _words(
    "cross-border e-commerce|the green shipping corridor|small business lending|cold-chain "
    "logistics|vocational training programs|the charging network for electric vehicles|customs "
    "clearance procedures|rural broadband coverage|elderly care services|research and development "
    "spending|renewable power capacity|affordable housing projects|the inland rail link|flood "
    "defenses along the river|public transport services|the digital payments system",
    sep="|",
)
EN_METRICS = _words(
    "exports|retail sales|industrial output|fixed-asset investment|container throughput|foreign "
    "direct investment|tourist arrivals|online sales|freight volume|new business registrations",
    sep="|",
)
EN_FACILITIES = _words(
    "logistics parks|community care centers|charging stations|training centers|bonded "
    "warehouses|innovation hubs|cold storage sites|bus depots",
    sep="|",
)
EN_FIRST = _words(
    "Maria David Chen Amina James Priya Lukas Sofia Kenji Olivia Daniel Fatima Tom Grace Ibrahim "
    "Elena Marcus Leila Hannah Rafael Mei Oscar Nadia Samuel"
)
EN_LAST = _words(
    "Okafor Lindqvist Wang Alvarez Patel Novak Brennan Tanaka Haddad Moreau Zhou Kowalski Mensah "
    "Ferreira Olsen Nakamura Duarte Castillo Abebe Sullivan Ivanova Ruiz"
)
EN_TITLES = _words(
    "director of the trade bureau|an economist at the city's development institute|a spokesperson "
    "for the ministry|deputy mayor of the city|a logistics analyst at a regional bank|head of the "
    "local business association|a senior researcher at the university",
    sep="|",
)
EN_REASONS = _words(
    "stronger demand from overseas buyers|new orders from regional partners|lower shipping costs|"
    "a rebound in household spending|the opening of new production lines|faster customs checks",
    sep="|",
)
EN_SECTIONS = _words("World Business Tech Sport Opinion Culture Science Travel Markets Health")
EN_SITE_A = _words(
    "Harbour Daily Eastern Northern Coastal Metro Pacific Continental Evening Capital"
)
EN_SITE_B = _words("Ledger Herald Tribune Courier Review Observer Post Dispatch Gazette Monitor")
EN_MONTHS = _words(
    "January February March April May June July August September October November December"
)
EN_SHORT_MONTHS = _words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
EN_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday")
EN_NUMBER_WORDS = _words("two three four five six seven eight nine ten")

# Where a Chinese wrap must not put its continuation: the tool (rightly) treats a line that
# starts with a place, an organisation, a number or a discourse opener as a new paragraph.
_ZH_NO_SPLIT_BEFORE = (
    *ZH_PLACES,
    *ZH_NATIONAL,
    *ZH_COMPANIES,
    *ZH_SHORT,
    "据",
    "目前",
    "同时",
    "今年",
    "去年",
    "此外",
    "下一步",
    "近年来",
    "业内人士",
    "数据显示",
    "记者",
    "与此同时",
    "为此",
    "截至",
)


@dataclass(frozen=True)
class Site:
    """One scraped site: language, paragraph layout, header chrome and the footer of every page."""

    index: int
    lang: str  # "zh" or "en"
    layout: str  # "blank" (blank line between paragraphs) or "lines" (one paragraph per line)
    name: str
    header: tuple[str, ...]
    footer: tuple[str, ...]


@dataclass
class Article:
    """A generated article: the rendered file text plus what `clean` should keep and drop."""

    rel: str
    text: str = ""
    lang: str = "en"
    metadata: list[str] = field(default_factory=list)  # headline, byline, dateline: kept
    body: list[str] = field(default_factory=list)  # body paragraphs, wraps joined: kept whole
    # body index -> (first line, second line) for paragraphs that the layout split mid-sentence
    wrapped: dict[int, tuple[str, str]] = field(default_factory=dict)
    chrome: list[str] = field(default_factory=list)  # lines that should be removed


def _pick(rng: random.Random, items: tuple[str, ...] | list[str]) -> str:
    return items[rng.randrange(len(items))]


def site(index: int, seed: int = SEED) -> Site:
    """Site `index` of the corpus: even sites are Chinese, odd English; layouts alternate."""
    rng = random.Random(f"{seed}:site:{index}")
    lang = "zh" if index % 2 == 0 else "en"
    layout = "blank" if (index // 2) % 2 == 0 else "lines"
    year = rng.choice((2024, 2025))
    if lang == "zh":
        name = _pick(rng, ZH_PLACES) + _pick(rng, ZH_SITE_SUFFIX)
        topics = rng.sample(ZH_TOPICS, 6)
        header_options = [
            "首页 | " + " | ".join(topics),
            f"当前位置：首页 > {topics[0]}中心 > {topics[1]}",
            "【字体：大 中 小】",
            "【打印本页】【关闭窗口】",
            "首页 > " + topics[2],
        ]
        footer_options = [
            f"版权所有 © {year} {name}  未经授权禁止转载",
            f"{_pick(rng, ZH_SHORT)}ICP备{rng.randrange(10**7, 10**8)}号-{rng.randrange(1, 9)}",
            "关于我们 | 联系我们 | 广告服务 | 网站地图 | 法律声明",
            f"违法和不良信息举报电话：0{rng.randrange(10, 99)}-{rng.randrange(10**7, 10**8)}",
            f"主办单位：{name}运营中心  技术支持：{_pick(rng, ZH_COMPANIES)}",
            f"扫一扫，关注{name}微信公众号",
        ]
    else:
        name = f"The {_pick(rng, EN_SITE_A)} {_pick(rng, EN_SITE_B)}"
        sections = rng.sample(EN_SECTIONS, 5)
        header_options = [
            "Skip to Content",
            "Skip to main content",
            "Home | News | " + " | ".join(sections),
            f"Home > {sections[0]} > {sections[1]}",
            "Menu",
            "Sign In",
        ]
        footer_options = [
            f"Copyright © {year} {name}. All rights reserved.",
            "About Us | Contact | Advertise | Privacy Policy | Terms of Use",
            f"{name} is published by {_pick(rng, EN_LAST)} Media Group",
            "Follow us on social media",
            "Get the morning briefing in your inbox: sign up for our newsletter",
            f"Newsroom tips: tips@{name.split()[-1].lower()}.example",
        ]
    header = tuple(rng.sample(header_options, rng.randint(1, 3)))
    footer = tuple(rng.sample(footer_options, rng.randint(2, 5)))
    return Site(index, lang, layout, name, header, footer)


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------
def _zh_person(rng: random.Random) -> str:
    return _pick(rng, ZH_SURNAMES) + _pick(rng, ZH_GIVEN)


def _zh_org(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return _pick(rng, ZH_NATIONAL)
    return _pick(rng, ZH_PLACES) + "市" + _pick(rng, ZH_AGENCIES)


def _zh_sentence(rng: random.Random) -> str:
    """One Chinese news sentence with several random slots (so no two lines are alike)."""
    p, o, o2 = _pick(rng, ZH_PLACES), _pick(rng, ZH_OBJECTS), _pick(rng, ZH_OBJECTS)
    v, v2 = _pick(rng, ZH_VERBS), _pick(rng, ZH_VERBS)
    pct, pct2 = f"{rng.uniform(0.5, 30):.1f}", f"{rng.uniform(0.1, 5):.1f}"
    n = rng.randint(2, 11)
    k = rng.randint(3, 12)
    choice = rng.randrange(12)
    if choice == 0:
        return (
            f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，{_zh_org(rng)}在{p}召开"
            f"{_pick(rng, ZH_MEETINGS)}，{v}{o}和{o2}等重点工作。"
        )
    if choice == 1:
        return (
            f"今年前{n}个月，{p}{_pick(rng, ZH_METRICS)}达到{rng.randint(12, 9800)}亿元，"
            f"同比增长{pct}%，增速比上年同期{rng.choice('高低')}{pct2}个百分点。"
        )
    if choice == 2:
        return (
            f"{_zh_person(rng)}{_pick(rng, ZH_TITLES)}表示，下一步将围绕{o}，进一步{v}{o2}，"
            f"力争在{rng.randint(2025, 2030)}年前形成{k}项可复制推广的经验。"
        )
    if choice == 3:
        return (
            f"据{_zh_org(rng)}介绍，目前全市已有{rng.randint(20, 3000)}家企业参与{o}，"
            f"带动就业超过{rng.randint(2, 90)}万人，其中{_pick(rng, ZH_COMPANIES)}贡献较大。"
        )
    if choice == 4:
        return (
            f"“我们希望通过{o}，让更多企业和群众在{p}感受到实实在在的变化。”{_zh_person(rng)}说。"
        )
    if choice == 5:
        return (
            f"记者从{_zh_org(rng)}获悉，{p}将在{rng.randint(2025, 2028)}年底前建成{k}个"
            f"{_pick(rng, ZH_FACILITIES)}，总投资约{rng.randint(3, 400)}亿元。"
        )
    if choice == 6:
        return (
            f"{_pick(rng, ZH_COMPANIES)}负责人{_zh_person(rng)}介绍，公司今年订单量比去年增加了"
            f"{pct}%，其中来自{_pick(rng, ZH_PLACES)}以外市场的订单占比超过{k * 5}%。"
        )
    if choice == 7:
        return f"业内人士认为，{o}既是{p}当前工作的重点，也是{v2}{o2}、推动高质量发展的关键环节。"
    if choice == 8:
        return f"{p}还将{v}{o}，完善配套政策，为{o2}提供有力支撑，预计带动相关投资{k}亿元以上。"
    if choice == 9:
        return (
            f"数据显示，{_pick(rng, ZH_REASONS)}是{p}{_pick(rng, ZH_METRICS)}保持增长的主要原因，"
            f"{n}月份当月增幅达到{pct}%。"
        )
    if choice == 10:
        return (
            f"为此，{_zh_org(rng)}出台了{k}条具体措施，涉及{o}、{o2}等方面，"
            f"并明确了{n}个方面的责任分工和时间表。"
        )
    return (
        f"在{p}的一家{_pick(rng, ZH_FACILITIES)}里，工作人员正在忙着调试设备，"
        f"现场负责人{_zh_person(rng)}告诉记者，这里每天处理的货物比去年多了{rng.randint(1, 9)}成。"
    )


def _en_person(rng: random.Random) -> str:
    return f"{_pick(rng, EN_FIRST)} {_pick(rng, EN_LAST)}"


def _en_sentence(rng: random.Random) -> str:
    """One English news sentence with several random slots (so no two lines are alike)."""
    p, o, o2 = _pick(rng, EN_PLACES), _pick(rng, EN_OBJECTS), _pick(rng, EN_OBJECTS)
    org, v, v2 = _pick(rng, EN_ORGS), _pick(rng, EN_VERBS), _pick(rng, EN_VERBS)
    pct = f"{rng.uniform(0.5, 30):.1f}"
    n = rng.randint(2, 11)
    choice = rng.randrange(11)
    if choice == 0:
        return (
            f"On {_pick(rng, EN_WEEKDAYS)}, {org} said it would {v} {o} in {p} over the next "
            f"{_pick(rng, EN_NUMBER_WORDS)} years."
        )
    if choice == 1:
        metric = _pick(rng, EN_METRICS)
        return (
            f"{metric[0].upper() + metric[1:]} in {p} rose {pct} percent year on year in the first "
            f"{n} months, reaching {rng.randint(12, 980)} billion yuan, according to {org}."
        )
    if choice == 2:
        return (
            f'"We expect {o} to {v2} steadily this year," said {_en_person(rng)}, '
            f"{_pick(rng, EN_TITLES)}."
        )
    if choice == 3:
        return (
            f"{_en_person(rng)}, {_pick(rng, EN_TITLES)}, told reporters that the plan would {v} "
            f"{o} and {v2} {o2} before the end of {rng.randint(2025, 2029)}."
        )
    if choice == 4:
        return (
            f"The measures include tax relief for exporters in {p}, faster approval of "
            f"{rng.randint(3, 60)} new projects and more support for {o}."
        )
    if choice == 5:
        return (
            f"Analysts said the figures for {p} pointed to a gradual recovery, although demand for "
            f"{o} remained uneven across the {_pick(rng, EN_NUMBER_WORDS)} districts."
        )
    if choice == 6:
        return (
            f"{_pick(rng, EN_COMPANIES)} said orders from overseas buyers had grown by {pct} "
            f"percent since {_pick(rng, EN_MONTHS)}, helped by {_pick(rng, EN_REASONS)}."
        )
    if choice == 7:
        return (
            f"Officials in {p} plan to open {n} new {_pick(rng, EN_FACILITIES)} by the end of "
            f"{rng.randint(2025, 2028)}, the statement said."
        )
    if choice == 8:
        return (
            f"The program, launched in {rng.randint(2015, 2024)}, has so far reached about "
            f"{rng.randint(2, 900) * 100} households and {rng.randint(10, 4000)} companies in {p}."
        )
    if choice == 9:
        return (
            f"Local officials credited {_pick(rng, EN_REASONS)} for the gains, while warning that "
            f"{o} would need another {rng.randint(2, 90)} billion yuan over {n} years."
        )
    return (
        f"At a warehouse on the edge of {p}, workers loaded pallets onto trucks as a manager, "
        f"{_en_person(rng)}, said volumes were up by about {pct} percent on last year."
    )


def _headline(rng: random.Random, lang: str) -> str:
    if lang == "zh":
        p = _pick(rng, ZH_PLACES)
        forms = (
            f"{p}{_pick(rng, ZH_VERBS)}{_pick(rng, ZH_OBJECTS)} 首批{rng.randint(3, 60)}个项目落地",
            f"{p}{_pick(rng, ZH_METRICS)}同比增长{rng.uniform(1, 25):.1f}%",
            f"{_pick(rng, ZH_OBJECTS)}跑出“加速度” {p}新增{rng.randint(3, 60)}个"
            f"{_pick(rng, ZH_FACILITIES)}",
            f"{_zh_org(rng)}：{rng.randint(3, 30)}条措施"
            f"{_pick(rng, ZH_VERBS)}{_pick(rng, ZH_OBJECTS)}",
        )
        return _pick(rng, forms)
    p = _pick(rng, EN_PLACES)
    obj = _pick(rng, EN_OBJECTS).removeprefix("the ")
    forms = (
        f"{p} Moves to {_pick(rng, EN_VERBS)} {obj} as {_pick(rng, EN_METRICS)} Climb "
        f"{rng.uniform(1, 25):.1f}%",
        f"{_pick(rng, EN_COMPANIES)} Bets {rng.randint(2, 90)} Billion on {obj} in {p}",
        f"{_pick(rng, EN_METRICS)} in {p} Up {rng.uniform(1, 25):.1f}% in First "
        f"{rng.randint(2, 11)} Months",
        f"{rng.randint(3, 15)}-Year Plan for {obj} Puts {p} at the Center of Regional Growth",
    )
    return _title_case(_pick(rng, forms))


def _title_case(text: str) -> str:
    small = {"a", "an", "and", "as", "at", "for", "in", "of", "on", "the", "to", "up"}
    words = text.split(" ")
    return " ".join(
        w if (i and w.lower() in small) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


# ---------------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------------
def _paragraph(rng: random.Random, lang: str, budget: int) -> str:
    """Sentences until the paragraph reaches about `budget` UTF-8 bytes (at least two)."""
    make = _zh_sentence if lang == "zh" else _en_sentence
    sentences = [make(rng), make(rng)]
    size = sum(len(s.encode()) for s in sentences)
    while size < budget:
        sentences.append(make(rng))
        size += len(sentences[-1].encode())
    return ("" if lang == "zh" else " ").join(sentences)


def _wrap_point(rng: random.Random, text: str, lang: str) -> int | None:
    """Where a print layout could break this paragraph mid-sentence (None if nowhere fits).

    Chinese: between two Han characters, not before a place, organisation or discourse opener.
    English: before a lowercase word, after a word that does not end a sentence. English halves
    are kept over 120 characters: shorter ones, built from these small word lists, recur across
    thousands of articles and are then (rightly) taken for site-template lines.
    """
    margin = 40 if lang == "zh" else 121
    lo, hi = margin, len(text) - margin
    if hi <= lo:
        return None
    candidates: list[int] = []
    if lang == "zh":
        for i in range(lo, hi):
            a, b = text[i - 1], text[i]
            if (
                "\u4e00" <= a <= "\u9fff"
                and "\u4e00" <= b <= "\u9fff"
                and not text.startswith(_ZH_NO_SPLIT_BEFORE, i)
            ):
                candidates.append(i)
    else:
        for i in range(lo, hi):
            if text[i - 1] == " " and text[i].islower() and text[i - 2].isalpha():
                candidates.append(i)
    return rng.choice(candidates) if candidates else None


def _byline(rng: random.Random, lang: str) -> str:
    if lang == "zh":
        return rng.choice(
            (
                f"■ 本报记者 {_zh_person(rng)}",
                f"本报记者 {_zh_person(rng)} 通讯员 {_zh_person(rng)}",
            )
        )
    return f"By {_en_person(rng)}"


def _dateline(rng: random.Random, lang: str, site_name: str) -> str:
    y, m, d = rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28)
    hh, mm = rng.randint(6, 23), rng.randint(0, 59)
    if lang == "zh":
        return f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d} 来源：{site_name}"
    return rng.choice(
        (
            f"Published: {EN_SHORT_MONTHS[m - 1]} {d}, {y}",
            f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d} Last Updated At:{hh:02d}:{(mm + 7) % 60:02d}",
        )
    )


def _inline_chrome(rng: random.Random, lang: str) -> str:
    """A chrome line that sits between body paragraphs: photo credits, ads."""
    if lang == "zh":
        return rng.choice(
            (
                f"（记者 {_zh_person(rng)} 摄）",
                "图片来源：视觉中国",
                f"{_pick(rng, ZH_PLACES)}某工业园区一角。新华社记者 {_zh_person(rng)} 摄",
                "广告",
            )
        )
    return rng.choice(
        (
            "(Photo Credit: Xinhua)",
            f"(Photo: {_en_person(rng)})",
            "Advertisement",
            "Story continues below advertisement",
        )
    )


def _tail_chrome(rng: random.Random, lang: str) -> list[str]:
    """Chrome after the article: editor, share buttons, tags, related-article widgets."""
    out: list[str] = []
    if lang == "zh":
        if rng.random() < 0.7:
            out.append(f"责任编辑：{_zh_person(rng)}")
        if rng.random() < 0.5:
            out.append("分享到：微信 微博 QQ空间")
        if rng.random() < 0.3:
            out.append(f"关键词：{_pick(rng, ZH_PLACES)} {_pick(rng, ZH_OBJECTS)}")
        if rng.random() < 0.6:
            out.append(rng.choice(("相关新闻", "推荐阅读", "热点推荐")))
            out.extend(_headline(rng, "zh") for _ in range(rng.randint(2, 4)))
        if rng.random() < 0.4:
            out.append(f"{_zh_sentence(rng)[: rng.randint(18, 40)].rstrip('，、。.')}...")
        if rng.random() < 0.4:
            out.append(f"上一篇：{_headline(rng, 'zh')}")
    else:
        if rng.random() < 0.6:
            out.append(
                rng.choice(("Share: Facebook Twitter", "Share this: Facebook Twitter Email"))
            )
        if rng.random() < 0.3:
            out.append(f"Tags: {_pick(rng, EN_PLACES)}, {_pick(rng, EN_METRICS)}, economy")
        if rng.random() < 0.6:
            out.append(rng.choice(("Recommended Articles", "Related Stories", "Read More")))
            out.extend(
                f"{_en_sentence(rng)[: rng.randint(50, 110)].rstrip(' .,')}..."
                for _ in range(rng.randint(2, 4))
            )
        if rng.random() < 0.3:
            out.append(f"Next article: {_headline(rng, 'en')}")
    return out


def article(index: int, seed: int = SEED) -> Article:
    """Article `index` of the corpus, rendered, with its expected kept and removed lines."""
    rng = random.Random(f"{seed}:article:{index}")
    s = site(rng.randrange(SITES), seed)
    art = Article(rel=f"site-{s.index:02d}/{index:06d}.txt", lang=s.lang)
    blocks: list[list[str]] = []  # each block: the lines of one paragraph-like unit

    def chrome(line: str) -> None:
        art.chrome.append(line)
        blocks.append([line])

    for line in s.header:
        chrome(line)
    headline = _headline(rng, s.lang)
    art.metadata.append(headline)
    blocks.append([headline])
    if rng.random() < 0.5:
        line = _byline(rng, s.lang)
        art.metadata.append(line)
        blocks.append([line])
    if rng.random() < 0.6:
        line = _dateline(rng, s.lang, s.name)
        art.metadata.append(line)
        blocks.append([line])
    if rng.random() < 0.3:
        chrome("分享到：微信 微博" if s.lang == "zh" else "Share: Facebook Twitter")

    count = rng.randint(5, 15)
    per_paragraph = rng.randint(2000, 5600) // count
    for number in range(count):
        text = _paragraph(rng, s.lang, per_paragraph)
        art.body.append(text)
        cut = _wrap_point(rng, text, s.lang) if rng.random() < 0.15 else None
        if cut is None:
            blocks.append([text])
        else:
            head, tail = text[:cut].rstrip(" "), text[cut:]
            art.wrapped[number] = (head, tail)
            blocks.append([head, tail])
        if number < count - 1 and rng.random() < 0.08:
            chrome(_inline_chrome(rng, s.lang))

    for line in _tail_chrome(rng, s.lang):
        chrome(line)
    for line in s.footer:
        chrome(line)
    art.text = _render(blocks, s.layout)
    return art


def _render(blocks: list[list[str]], layout: str) -> str:
    """Blank-line layout puts a blank line everywhere (inside wraps too); `lines` uses none."""
    sep = "\n\n" if layout == "blank" else "\n"
    return sep.join(sep.join(lines) for lines in blocks) + "\n"


@dataclass(frozen=True)
class Corpus:
    """A generated corpus on disk."""

    root: Path
    files: int
    bytes: int

    @property
    def mb(self) -> float:
        return self.bytes / MB


def corpus_dir(mb: float) -> Path:
    return OUT / f"corpus-{mb:g}mb"


def generate(mb: float, seed: int = SEED, root: Path | None = None) -> Corpus:
    """Write articles until the corpus holds `mb` MB (10^6 bytes); reuse it if already built.

    A manifest beside the folder records seed, version and size, so reruns skip the work.
    """
    root = root or corpus_dir(mb)
    manifest = root.with_name(root.name + ".json")
    want = {"version": VERSION, "seed": seed, "mb": mb}
    if manifest.is_file() and root.is_dir():
        data = json.loads(manifest.read_text())
        if {k: data.get(k) for k in want} == want:
            return Corpus(root, data["files"], data["bytes"])
    if root.exists():
        shutil.rmtree(root)
    total, index = 0, 0
    made: set[Path] = set()
    while total < mb * MB:
        art = article(index, seed)
        path = root / art.rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data_bytes = art.text.encode("utf-8")
        path.write_bytes(data_bytes)
        total += len(data_bytes)
        index += 1
    manifest.write_text(json.dumps({**want, "files": index, "bytes": total}) + "\n")
    return Corpus(root, index, total)


def main(argv: list[str] | None = None) -> int:
    """Command line: build one corpus, or print one article to look at."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5, help="corpus size in MB (10^6 bytes)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", type=int, metavar="INDEX", help="print article INDEX and exit")
    args = parser.parse_args(argv)
    if args.show is not None:
        sys.stdout.write(article(args.show, args.seed).text)
        return 0
    corpus = generate(args.mb, args.seed)
    print(f"{corpus.root}: {corpus.files} files, {corpus.mb:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
