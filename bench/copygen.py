"""Deterministic generator of labelled corpora for duplicate detection (Chinese and English).

Documents are plain text (an optional headline line, then paragraphs separated by a blank line)
built from fact-based sentence frames, with copies injected between and inside documents and
labelled: exact, near (punctuation/width, Traditional script, word edits, a dropped sentence,
reordered sentences), contained (truncated), partial (1-2 sentences reused), template (only
names or numbers swapped, including Chinese subject mismatches) and whole-document copies, plus
hard negatives that must not be linked. Label definitions: tests/cases/copies/README.md.

All prose is written for this file from word lists and sentence frames; none is copied.

API: `generate(seed, target_bytes) -> Corpus` (`documents`: list of (id, text), `labels`: the
labels.json dict); `Corpus.write(folder)`, `Corpus.snapshot()`; `verify(snapshot)` lists label
problems (empty when all hold); `stats(snapshot)` counts kinds. Command line:

    python bench/copygen.py --seed 7 --mb 10 --out bench/out/copies-10mb
    python bench/copygen.py --seed 1 --kb 10 --snapshot tests/cases/copies/case_01.json
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import re
import string
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:
    sys.path.insert(0, str(_HERE))

import corpus as base  # noqa: E402  (bench/corpus.py: word lists and filler sentences)

VERSION = 1
MB = 1_000_000
INVOLVED = 0.25  # share of body paragraphs that are a copy or the original of one
NEGATIVE_RATE = 0.055  # chance that a body slot starts a hard-negative pair
MAX_NEGATIVE_SIM = 0.55  # Indel similarity ceiling for a negative pair (checked at 0.6)
HEADLINE_RATE = 0.85


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


# ---------------------------------------------------------------------------------------------
# Phrase tables (in addition to bench/corpus.py's)
# ---------------------------------------------------------------------------------------------
ZH_COMPANIES = (
    *base.ZH_COMPANIES,
    *_words(
        "锦程外贸 金穗粮油 华岳重工 通达供应链 绿源光伏 雪域茶业 宏图家居 中联电气 "
        "万象跨境 百川化工 鼎盛钢管"
    ),
)
ZH_GOODS = _words(
    "机电产品 纺织服装 锂电池 光伏组件 新能源汽车 家具 茶叶 陶瓷制品 中药材 钢材 集成电路 "
    "水产品 家用电器 医疗器械 工程机械 电动自行车 箱包鞋帽 预制菜 汽车零部件 农机装备"
)
ZH_PARTNERS = _words(
    "东盟 欧盟 中亚五国 拉美地区 非洲国家 中东地区 日本 韩国 俄罗斯 澳大利亚 新西兰 巴西 "
    "越南 泰国 马来西亚 印度尼西亚 墨西哥 沙特阿拉伯 哈萨克斯坦 智利"
)
ZH_FAIRS = _words(
    "西部国际投资贸易博览会 跨境电商交易博览会 国际消费品博览会 进出口商品交易会 "
    "国际食品饮料展览会 国际工业博览会 国际农产品交易会 服务贸易交易会 东盟商品博览会 "
    "国际汽车零部件展览会"
)
ZH_DEPOTS = _words(
    "智慧物流园区 保税物流中心 冷链物流基地 快递分拨中心 铁路货运站 农产品批发市场 "
    "跨境电商监管中心 航空货运站"
)
ZH_OBJECTS = (
    *base.ZH_OBJECTS,
    *_words(
        "海外营销网络建设 外贸新业态培育 边境贸易创新发展 服务贸易数字化 外资项目落地 "
        "物流降本增效 “专精特新”企业培育 农村电商服务体系 进口贸易促进 跨境人民币结算"
    ),
)
ZH_REASONS = (
    *base.ZH_REASONS,
    *_words(
        "海外新兴市场订单增加 跨境电商渠道快速扩张 新建产能集中释放 展会带来的意向订单落地 "
        "物流成本明显下降"
    ),
)
ZH_MONEY_METRICS = _words(
    "进出口总额 社会消费品零售总额 固定资产投资 实际使用外资 跨境电商交易额 技术合同成交额 "
    "外贸出口额 服务贸易额"
)
ZH_PROV_AGENCIES = _words(
    "贸促会 商务厅 统计局 发展改革委 工业和信息化厅 农业农村厅 文化和旅游厅 交通运输厅 "
    "市场监管局 外事办公室"
)
# Provinces and their cities, as spelled in dedupe/data/zh_places.txt (full name, short name,
# cities). Copied here so the generator does not change when that data file grows.
ZH_PROVINCES: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
    (full, short, tuple(cities.split()))
    for full, short, cities in (
        ("河北省", "河北", "石家庄"),
        ("山西省", "山西", "太原 晋中 大同"),
        ("内蒙古自治区", "内蒙古", "呼和浩特 包头"),
        ("辽宁省", "辽宁", "沈阳 大连"),
        ("吉林省", "吉林", "长春"),
        ("黑龙江省", "黑龙江", "哈尔滨"),
        ("江苏省", "江苏", "南京 苏州 无锡"),
        ("浙江省", "浙江", "杭州 宁波 温州"),
        ("安徽省", "安徽", "合肥"),
        ("福建省", "福建", "福州 厦门 泉州"),
        ("江西省", "江西", "南昌"),
        ("山东省", "山东", "济南 青岛 烟台"),
        ("河南省", "河南", "郑州 洛阳"),
        ("湖北省", "湖北", "武汉"),
        ("湖南省", "湖南", "长沙"),
        ("广东省", "广东", "广州 深圳 珠海 东莞 佛山"),
        ("广西壮族自治区", "广西", "南宁"),
        ("海南省", "海南", "海口 三亚"),
        ("四川省", "四川", "成都 南充 绵阳"),
        ("贵州省", "贵州", "贵阳 遵义"),
        ("云南省", "云南", "昆明"),
        ("陕西省", "陕西", "西安 宝鸡"),
        ("甘肃省", "甘肃", "兰州 天水"),
        ("青海省", "青海", "西宁"),
        ("宁夏回族自治区", "宁夏", "银川"),
        ("新疆维吾尔自治区", "新疆", "乌鲁木齐 喀什"),
    )
)

EN_PLACES = (
    *base.EN_PLACES,
    *_words(
        "Guiyang|Kunming|Xiamen|Qingdao|Ningbo|Zhengzhou|Changsha|Hefei|Nanning|Lanzhou|Harbin|"
        "Dalian|Fuzhou|Jinan|Taiyuan|Nanchang|Urumqi|Hohhot|Haikou|Yiwu",
        sep="|",
    ),
)
EN_ORGS = _words(
    "the commerce bureau|the development and reform commission|the municipal statistics bureau|"
    "the transport bureau|the port authority|the city government|the industry and information "
    "technology bureau|the chamber of commerce|the customs office|the agriculture bureau|the "
    "investment promotion agency|the housing department",
    sep="|",
)
EN_COMPANIES = (
    *base.EN_COMPANIES,
    *_words(
        "Jadeport Trading|Stonebridge Machinery|Oakvale Ceramics|Riverbend Agrifoods|Brightwater "
        "Solar|Highland Tea Company|Summit Cable Works|Westwind Furniture",
        sep="|",
    ),
)
EN_GOODS = _words(
    "auto parts|solar panels|lithium batteries|furniture|processed seafood|textiles|machine tools|"
    "tea|ceramics|medical devices|electric bicycles|frozen fruit|steel pipes|household appliances|"
    "electric buses|garden tools|sportswear|industrial robots",
    sep="|",
)
EN_PARTNERS = _words(
    "Southeast Asia|the European Union|Central Asia|Latin America|the Middle East|Japan|South "
    "Korea|Brazil|Vietnam|Indonesia|Kenya|Germany|Mexico|Australia|Thailand|Malaysia|Kazakhstan|"
    "Chile|Poland|Egypt|Peru",
    sep="|",
)
EN_OBJECTS = (
    *base.EN_OBJECTS,
    *_words(
        "overseas warehouse networks|port-to-rail transfers|trade finance for small exporters|the "
        "bonded logistics zone|digital customs declarations|export credit insurance|agricultural "
        "exports|the free trade pilot zone|cross-border payment services|the river freight "
        "corridor",
        sep="|",
    ),
)
EN_FACILITIES = (
    *base.EN_FACILITIES,
    *_words("freight terminals|export processing zones|data centers|cargo sorting centers", "|"),
)
EN_DEPOTS = _words(
    "logistics park|cold storage site|bonded warehouse|distribution center|sorting hub|rail "
    "freight terminal|customs inspection yard|container depot",
    sep="|",
)
EN_MEETINGS = _words(
    "working meeting|press briefing|policy seminar|trade promotion conference|quarterly review "
    "meeting|project signing ceremony|business roundtable|planning session",
    sep="|",
)
EN_REASONS = (
    *base.EN_REASONS,
    *_words(
        "demand from new markets in Africa|the expansion of online sales channels|lower prices "
        "for raw materials|a string of new trade agreements",
        sep="|",
    ),
)
EN_FAIRS = _words(
    "Western China International Fair|Cross-Border E-Commerce Expo|International Consumer "
    "Products Expo|Import and Export Fair|International Food and Beverage Show|Industrial "
    "Machinery Expo|Agricultural Trade Fair|Services Trade Fair",
    sep="|",
)

# ---------------------------------------------------------------------------------------------
# Sentence frames. A group states one set of facts; its phrasings say the same thing in other
# words (all phrasings of a group use the same fields). Numeric fields end in the group number.
# ---------------------------------------------------------------------------------------------
ZH_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "今年前{n1}个月，{p}对{partner}进出口{v1}亿元，同比增长{x1}%，其中{goods}出口[增势明显|增长较快|表现亮眼]。",
        "{p}与{partner}的贸易往来[持续升温|日益密切|不断加深]，前{n1}个月双边贸易额达到{v1}亿元，"
        "比去年同期多出{x1}%，{goods}是拉动增长的[主力|重要力量|关键因素]。",
        "[海关数据显示|据海关统计|最新数据显示]，{partner}已成为{p}[重要的|主要的]贸易伙伴，{n1}个月累计进出口{v1}亿元，"
        "增幅为{x1}%，{goods}订单尤为集中。",
    ),
    (
        "{m2}月{d2}日，{p}市{agency}召开{meeting}，对{obja}和{objb}等重点工作作出[部署|安排|具体部署]。",
        "在{m2}月{d2}日举行的{meeting}上，{p}市{agency}把{obja}列为下阶段的头号任务，"
        "并要求[同步抓好|统筹做好|一并推进]{objb}。",
        "{p}市{agency}于{m2}月{d2}日召开{meeting}，[会议提出|会议强调|会议要求]，要以{obja}为抓手，统筹推进{objb}。",
    ),
    (
        "{person}{title}表示，下一步将围绕{obja}{verb}{objb}，力争到{y3}年形成{k3}项"
        "可复制推广的经验做法。",
        "“到{y3}年，我们要在{obja}方面拿出{k3}项可复制的经验”，{person}{title}在接受采访时说，"
        "{objb}也将同步{verb}。",
        "谈及下一步打算，{person}{title}介绍，{y3}年前将围绕{obja}陆续推出{k3}项改革举措，"
        "并持续{verb}{objb}。",
    ),
    (
        "据统计，目前{p}已有{c4}家企业参与{obja}，带动就业超过{j4}万人，其中{company}[贡献较大|表现突出|带动作用明显]。",
        "{company}是{p}参与{obja}的{c4}家企业之一，这些企业合计吸纳就业{j4}万余人。",
        "参与{obja}的{p}企业已增至{c4}家，创造就业岗位{j4}万多个，{company}等龙头企业"
        "[发挥了带动作用|起到了示范作用|成为行业标杆]。",
    ),
    (
        "记者从{p}市{agency}获悉，当地计划在{y5}年底前建成{k5}个{facility}，[总投资约|计划总投资|预计投资]{i5}亿元。",
        "按照{p}市{agency}的规划，{y5}年底前将投入约{i5}亿元，新建{facility}{k5}个。",
        "{k5}个{facility}项目已列入{p}的年度建设清单，据{p}市{agency}介绍，项目计划投资"
        "{i5}亿元，{y5}年底前全部建成投用。",
    ),
    (
        "{company}负责人{person}介绍，公司今年{goods}订单量比去年增加了{x6}%，"
        "[海外市场占比|出口订单占比|境外客户占比]超过{s6}%。",
        "在{company}的生产车间，{person}告诉记者，今年{goods}订单同比多了{x6}%，"
        "其中{s6}%以上销往海外。",
        "{person}所在的{company}主营{goods}，今年以来订单增长{x6}%，海外订单在总量中的比重"
        "已升至{s6}%以上。",
    ),
    (
        "数据显示，{reason}是{p}{metric}保持增长的主要原因，{m7}月份当月增幅达到{x7}%。",
        "{m7}月份，{p}{metric}单月增长{x7}%，[业内普遍认为|有关专家分析|多位受访人士认为]这主要得益于{reason}。",
        "分析人士指出，受{reason}带动，{p}{metric}在{m7}月份实现了{x7}%的增长。",
    ),
    (
        "[为此|与此同时|此外]，{p}市{agency}出台了{k8}条具体措施，涉及{obja}、{objb}等方面，"
        "并明确了{n8}个部门的责任分工。",
        "{p}市{agency}随后印发{k8}条措施，重点聚焦{obja}和{objb}，{n8}个牵头部门分别制定了时间表。",
        "围绕{obja}和{objb}，{p}市{agency}推出的{k8}条举措已全部落地，涉及{n8}个责任单位。",
    ),
    (
        "在{p}的一处{depot}，工作人员正在[调试设备|装卸货物|核对订单]，现场负责人{person}说，这里每天处理货物约"
        "{w9}吨，比去年多了{r9}成。",
        "{person}在{p}一处{depot}工作，他告诉记者，眼下日均处理量约{w9}吨，比去年高出{r9}成。",
        "走进{p}新建的{depot}，[分拣线一刻不停|叉车来回穿梭|货车排起长队]，负责人{person}介绍，日处理量已达{w9}吨左右，"
        "同比提高{r9}成。",
    ),
    (
        "{m10}月以来，{p}共签约{k10}个重点项目，协议投资额{i10}亿元，[主要集中在|大多集中在|重点投向]{obja}领域。",
        "自{m10}月起，{p}陆续签下{k10}个重点项目，合计投资{i10}亿元，其中多数项目投向{obja}。",
        "记者梳理发现，{obja}是{p}{m10}月以来招商签约的重点，{k10}个项目累计协议投资{i10}亿元。",
    ),
    (
        "在[刚刚闭幕|日前落幕|近日结束]的{fair}上，{p}共组织{e11}家企业参展，现场签约金额{q11}亿元，"
        "采购商主要来自{partner}。",
        "{p}组团参加{fair}，{e11}家参展企业带回了{q11}亿元的意向订单，来自{partner}的采购商"
        "最为活跃。",
        "来自{partner}的采购商是{fair}上{p}展区的常客，展会期间{e11}家参展企业累计签约{q11}亿元。",
    ),
    (
        "今年以来，{p}开行中欧班列{l12}列，发送集装箱{t12}万标箱，同比增长{x12}%，"
        "{goods}占比[逐月提高|稳步上升|明显增加]。",
        "{p}的中欧班列今年已开出{l12}列，运送货物{t12}万标箱，比上年同期多{x12}%，"
        "{goods}成为回程和去程的常见货品。",
        "中欧班列（{p}）今年累计开行{l12}列，发运量{t12}万标箱，较去年增加{x12}%，"
        "不少{goods}企业借此打开了新市场。",
    ),
)
EN_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "Exports from {p} to {partner} [rose|grew|climbed] {x1} percent in the first {n1} months "
        "to {v1} billion yuan, with {goods} [leading the increase|accounting for much of the "
        "gain|the biggest contributor].",
        "Trade between {p} and {partner} [kept climbing|continued to grow|stayed on an upward "
        "path], reaching {v1} billion yuan over {n1} months, {x1} percent more than a year "
        "earlier, [mainly on the back of|driven largely by|helped above all by] {goods}.",
        "{Partner} has become [one of the most important markets|a key market|a major "
        "destination] for {p}, which sold {v1} billion yuan worth of goods there in {n1} months, "
        "up {x1} percent, [much of it|most of it|a large share of it] {goods}.",
    ),
    (
        "On {wd2}, {org} in {p} [held|convened|hosted] a {meeting} on {obja}, [calling for faster "
        "work on|urging quicker progress on|asking for more attention to] {objb}.",
        "At a {meeting} in {p} on {wd2}, officials from {org} made {obja} their [first|top|main] "
        "priority and [asked departments to press ahead with|told departments to speed up|called "
        "for steady progress on] {objb}.",
        "{Org} in {p} used a {meeting} on {wd2} to [set out plans for|outline its approach "
        "to|lay out targets for] {obja}, naming {objb} as a [second focus|further "
        "priority|related task].",
    ),
    (
        '"We will {verb} {obja} and aim to have {k3} pilot projects running by {y3}," said '
        "{person}, {title}, [adding that|noting that|who added that] {objb} would also [get more "
        "attention|receive more funding|be reviewed].",
        "{person}, {title}, [told reporters|said in an interview|told a news conference] that {k3} "
        "pilot projects covering {obja} should be in place by {y3}, as the city moves to {verb} "
        "{objb}.",
        "By {y3}, {k3} pilot projects on {obja} are expected to be up and running, according to "
        "{person}, {title}, who said the [aim|goal|plan] was to {verb} {objb} as well.",
    ),
    (
        "{c4} companies in {p} now take part in {obja}, [employing more than|with a combined "
        "workforce of over|providing work for over] {j4},000 people, with {company} among the "
        "[largest|biggest|best known].",
        "{company} is one of {c4} firms in {p} [involved in|working on|active in] {obja}, a "
        "sector that now provides over {j4},000 jobs.",
        "More than {j4},000 jobs in {p} [depend on|are linked to|rely on] {obja}, where {c4} "
        "businesses, including {company}, are now active.",
    ),
    (
        "{Org} [plans to build|intends to set up|aims to complete] {k5} {facility} in {p} by the "
        "end of {y5}, [at a total cost of about|with a budget of roughly|costing an estimated] "
        "{i5} billion yuan.",
        "About {i5} billion yuan will go into {k5} new {facility} across {p}, [due to be "
        "finished|set for completion|expected to open] before the end of {y5}, {org} said.",
        "{p} has put {k5} {facility} on its [construction list|building plan|project list] for "
        "completion by {y5}, with spending estimated at {i5} billion yuan by {org}.",
    ),
    (
        "{company} said orders for its {goods} had grown by {x6} percent this year, and "
        "{person}, who [heads its sales team|runs its export business|manages its overseas "
        "sales], said overseas buyers now account for more than {s6} percent of revenue.",
        "At {company}, {person} said the order book for {goods} was {x6} percent "
        "[larger|bigger|fuller] than last year, with more than {s6} percent going abroad.",
        "{person} of {company} said demand for the firm's {goods} had [jumped|risen|grown] {x6} "
        "percent, and foreign customers bought over {s6} percent of its output.",
    ),
    (
        "[Officials said|City officials said|According to officials,] {reason} was the main "
        "reason {metric} in {p} [kept growing|continued to rise|stayed on track], with a rise of "
        "{x7} percent in {mo7} alone.",
        "{Metric} in {p} climbed {x7} percent in {mo7}, a gain that analysts [put down largely "
        "to|attributed mostly to|linked mainly to] {reason}.",
        "Helped by {reason}, {p} saw {metric} [increase|rise|expand] by {x7} percent during "
        "{mo7}, [local data show|according to local data|figures released this week show].",
    ),
    (
        "{Org} in {p} has [issued|published|announced] {k8} measures covering {obja} and {objb}, "
        "with deadlines set for {n8} departments.",
        "The {k8} new measures from {org} in {p} focus on {obja} and {objb}, and {n8} "
        "departments have been told to draw up [timetables|work plans|detailed schedules].",
        "In {p}, {n8} departments are now responsible for [carrying out|implementing|delivering] "
        "{k8} measures announced by {org}, most of them aimed at {obja} and {objb}.",
    ),
    (
        "At a {depot} on the edge of {p}, workers [loaded pallets onto trucks|checked incoming "
        "containers|sorted parcels on a new line] as {person}, the site manager, said daily "
        "volumes were about {w9} tonnes, up {r9} percent on last year.",
        "{person}, who runs a {depot} outside {p}, [said|explained|told reporters] the site now "
        "handles around {w9} tonnes a day, roughly {r9} percent more than a year ago.",
        "[Trucks queue|Lorries line up|Vans wait in line] outside a {depot} near {p} where, "
        "according to manager {person}, about {w9} tonnes of goods are processed every day, "
        "{r9} percent more than last year.",
    ),
    (
        "Since {mo10}, {p} has signed {k10} major investment projects worth {i10} billion yuan, "
        "[most of them in|largely focused on|mainly in] {obja}.",
        "{k10} major projects with a combined value of {i10} billion yuan have been signed in "
        "{p} since {mo10}, with {obja} taking the [largest share|biggest slice|lead].",
        "Investment in {obja} [dominated|led|accounted for most of] the {k10} project agreements "
        "{p} has signed since {mo10}, which total {i10} billion yuan.",
    ),
    (
        "At the {fair}, which closed [this week|on Sunday|last weekend], {e11} companies from {p} "
        "signed deals worth {q11} billion yuan, mostly with buyers from {partner}.",
        "{p} sent {e11} companies to the {fair}, and they [came back with|returned "
        "with|secured] {q11} billion yuan in orders, with buyers from {partner} the most active.",
        "Buyers from {partner} were the [busiest visitors|most frequent callers|biggest group of "
        "visitors] at the {p} pavilion of the {fair}, where {e11} local firms signed contracts "
        "worth {q11} billion yuan.",
    ),
    (
        "Terminals in {p} handled {t12} million containers in the first {n12} months, up {x12} "
        "percent from a year earlier, as shippers of {goods} [booked more space|added "
        "sailings|sent more cargo].",
        "Container volumes in {p} reached {t12} million over {n12} months, a rise of {x12} "
        "percent year on year, with {goods} among the [fastest-growing cargoes|busiest "
        "categories|top cargoes].",
        "In {n12} months, freight operators in {p} moved {t12} million containers, {x12} percent "
        "more than in the same period last year, helped by [busy|strong|rising] shipments of "
        "{goods}.",
    ),
)
# Leading sentences of a Chinese paragraph whose subject is a province ("四川省贸促会…").
ZH_LEADS: tuple[tuple[str, ...], ...] = (
    ("{subject}{pagency}近日发布数据，今年前{n0}个月{ps}{money}达到{v0}亿元，同比增长{x0}%。",),
    ("{subject}{pagency}{m0}月{d0}日在{c1}召开{meeting}，部署{obja}等{k0}项重点工作。",),
    (
        "{subject}{pagency}日前印发通知，要求{c1}等地在{y0}年底前加快推进{obja}，"
        "首批{k0}个试点项目已经启动。",
    ),
    ("{subject}{pagency}负责人{person}{m0}月{d0}日表示，{ps}将把{obja}作为今年稳外贸的重要抓手。",),
    ("{subject}{pagency}{m0}月{d0}日通报，前{n0}个月{ps}{money}累计完成{v0}亿元，增速为{x0}%。",),
    ("{subject}{pagency}近日在{c1}召开{meeting}，{person}{title}就{obja}提出{k0}项具体要求。",),
)
# Sentences that carry a long shared phrase (hard negatives of kind "phrase").
ZH_PHRASES: tuple[tuple[str, ...], ...] = (
    ("{p}市{agency}近日印发{phrase}，明确了{k13}项重点任务和{n13}项保障措施。",),
    ("记者注意到，{phrase}实施以来，{p}已有{c13}家企业享受到相关政策支持。",),
    ("按照{phrase}的要求，{p}将在{y13}年前完成{k13}个示范项目建设。",),
)
EN_PHRASES: tuple[tuple[str, ...], ...] = (
    (
        "{Org} in {p} has published {phrase}, setting out {k13} key tasks and {n13} support "
        "measures.",
    ),
    ("Since {phrase} took effect, {c13} companies in {p} have received support, officials said.",),
    ("Under {phrase}, {p} is expected to complete {k13} demonstration projects by {y13}.",),
)

# Slot-heavy frames for hard negatives of kind "frame": two paragraphs share the frames but
# differ in nearly every slot (places, verbs, objects, goods, figures) except one entity.
ZH_FRAMES: tuple[tuple[str, ...], ...] = (
    ("{p}{verb}{obja}，{company}的{goods}订单增长{x1}%。",),
    ("{reason}带动{p}{metric}增长{x2}%，{goods}成为新亮点。",),
    ("{p}市{agency}将{verb}{obja}，同时{verb2}{objb}。",),
    ("{person}{title}说，{fair}上的{goods}订单主要来自{partner}。",),
    ("{p}的{k5}个{facility}预计{y5}年投用，{company}参与建设。",),
    ("{company}在{p}新设{depot}，{goods}日发货量达{w7}吨。",),
    ("{partner}客商看好{p}{goods}，{fair}期间签约{q8}亿元。",),
)
EN_FRAMES: tuple[tuple[str, ...], ...] = (
    ("{Org} in {p} will {verb} {obja} and {verb2} {objb}.",),
    ("{Reason} lifted {metric} in {p} by {x2} percent.",),
    ("{person}, {title}, said {partner} buyers ordered {goods} at the {fair}.",),
    ("{company} opened a {depot} in {p} for {goods}.",),
    ("{k5} {facility} for {obja} in {p} are due by {y5}, built by {company}.",),
    ("{Partner} buyers signed {q6} billion yuan in {goods} deals with {p} firms.",),
)

_STYLE: dict[str, tuple[str, ...]] = {}  # "[a|b|c]" in a frame: a style choice, stored as a fact


def _alternations(table: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    def key(m: re.Match[str]) -> str:
        name = f"_s{len(_STYLE)}"
        _STYLE[name] = tuple(m.group(1).split("|"))
        return "{" + name + "}"

    return tuple(tuple(re.sub(r"\[([^\[\]]+)\]", key, t) for t in group) for group in table)


ZH_GROUPS = _alternations(ZH_GROUPS)
EN_GROUPS = _alternations(EN_GROUPS)
_GROUPS = {"zh": ZH_GROUPS, "en": EN_GROUPS}
_TABLES: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "zh": {"g": ZH_GROUPS, "lead": ZH_LEADS, "phrase": ZH_PHRASES, "frame": ZH_FRAMES},
    "en": {"g": EN_GROUPS, "lead": (), "phrase": EN_PHRASES, "frame": EN_FRAMES},
}
_DERIVED = {"Org": "org", "Partner": "partner", "Metric": "metric", "Reason": "reason"}


def _fields(template: str) -> tuple[str, ...]:
    return tuple(name for _, name, _, _ in string.Formatter().parse(template) if name)


_FIELDS: dict[str, tuple[str, ...]] = {
    t: _fields(t)
    for tables in _TABLES.values()
    for table in tables.values()
    for group in table
    for t in group
}
for _group in (*ZH_GROUPS, *EN_GROUPS):
    _facts_of = {
        frozenset(_DERIVED.get(f, f) for f in _FIELDS[t] if not f.startswith("_s")) for t in _group
    }
    assert len(_facts_of) == 1, _group[0]  # every phrasing states the same facts


def _num(lo: int, hi: int) -> Callable[[random.Random], str]:
    return lambda rng: str(rng.randint(lo, hi))


def _pct(lo: float, hi: float) -> Callable[[random.Random], str]:
    return lambda rng: f"{rng.uniform(lo, hi):.1f}"


def _one(items: tuple[str, ...]) -> Callable[[random.Random], str]:
    return lambda rng: items[rng.randrange(len(items))]


def _zh_person(rng: random.Random) -> str:
    return base.ZH_SURNAMES[rng.randrange(len(base.ZH_SURNAMES))] + _one(base.ZH_GIVEN)(rng)


def _en_person(rng: random.Random) -> str:
    return f"{_one(base.EN_FIRST)(rng)} {_one(base.EN_LAST)(rng)}"


Sampler = Callable[[random.Random], str]
_COMMON: dict[str, Sampler] = {
    "n": _num(2, 11),
    "d": _num(1, 28),
    "y": _num(2025, 2030),
    "k": _num(3, 60),
    "c": _num(20, 3000),
    "e": _num(12, 400),
    "j": _num(2, 90),
    "x": _pct(0.5, 30),
    "s": _num(10, 80),
    "i": _num(3, 400),
    "q": _num(2, 300),
    "l": _num(100, 3000),
}
_SAMPLERS: dict[str, dict[str, Sampler]] = {
    "zh": {
        **_COMMON,
        "m": _num(1, 12),
        "v": _num(12, 9800),
        "t": _num(5, 900),
        "r": _num(1, 9),
        "w": _num(300, 9000),
        "p": _one(base.ZH_PLACES),
        "agency": _one(base.ZH_AGENCIES),
        "person": _zh_person,
        "title": _one(base.ZH_TITLES),
        "company": _one(ZH_COMPANIES),
        "goods": _one(ZH_GOODS),
        "partner": _one(ZH_PARTNERS),
        "obja": _one(ZH_OBJECTS),
        "objb": _one(ZH_OBJECTS),
        "verb": _one(base.ZH_VERBS),
        "facility": _one(base.ZH_FACILITIES),
        "depot": _one(ZH_DEPOTS),
        "meeting": _one(base.ZH_MEETINGS),
        "reason": _one(ZH_REASONS),
        "metric": _one(base.ZH_METRICS),
        "fair": _one(ZH_FAIRS),
        "pagency": _one(ZH_PROV_AGENCIES),
        "money": _one(ZH_MONEY_METRICS),
    },
    "en": {
        **_COMMON,
        "v": _num(12, 980),
        "t": _pct(0.3, 40),
        "r": _num(10, 90),
        "w": lambda rng: f"{rng.randint(300, 9000):,}",
        "mo": _one(base.EN_MONTHS),
        "wd": _one(base.EN_WEEKDAYS),
        "p": _one(EN_PLACES),
        "org": _one(EN_ORGS),
        "person": _en_person,
        "title": _one(base.EN_TITLES),
        "company": _one(EN_COMPANIES),
        "goods": _one(EN_GOODS),
        "partner": _one(EN_PARTNERS),
        "obja": _one(EN_OBJECTS),
        "objb": _one(EN_OBJECTS),
        "verb": _one(base.EN_VERBS),
        "facility": _one(EN_FACILITIES),
        "depot": _one(EN_DEPOTS),
        "meeting": _one(EN_MEETINGS),
        "reason": _one(EN_REASONS),
        "metric": _one(base.EN_METRICS),
        "fair": _one(EN_FAIRS),
    },
}
# Units that follow a figure in the text, so a swap reads "18.5% -> 12.3%".
_UNITS = {
    "zh": {"x": "%", "s": "%", "v": "亿元", "i": "亿元", "q": "亿元", "j": "万", "t": "万标箱"},
    "en": {"x": " percent", "s": " percent", "r": " percent", "v": " billion yuan"},
}
_UNITS["zh"].update({"w": "吨", "c": "家", "e": "家", "l": "列", "r": "成"})
_UNITS["en"].update({"i": " billion yuan", "q": " billion yuan", "j": ",000", "w": " tonnes"})
_FIGURES = frozenset("xsvijqtwcelkr")
_NAME_KEYS = ("p", "person", "company", "partner")


def _kind_of(key: str) -> str:
    return key.rstrip("0123456789")


# ---------------------------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spec:
    """One sentence of a paragraph: a phrasing of a frame group, or a literal sentence."""

    table: str  # "g", "lead", "phrase" or "lit"
    group: int = 0
    phrasing: int = 0
    alias: str = "p"  # which fact fills {p} (Chinese province paragraphs vary it)
    literal: str = ""


@dataclass(eq=False)
class Para:
    """A paragraph of a document; `doc` and `index` are set when its document is laid out."""

    lang: str
    text: str
    sentences: list[str]
    specs: list[Spec] | None = None
    facts: dict[str, str] | None = None
    doc: str = ""
    index: int = -1


def _derive(lang: str, facts: dict[str, str]) -> dict[str, str]:
    if lang == "en":
        for big, small in _DERIVED.items():
            if small in facts:
                facts[big] = facts[small][:1].upper() + facts[small][1:]
    return facts


def _render(lang: str, specs: list[Spec], facts: dict[str, str]) -> list[str]:
    out: list[str] = []
    for spec in specs:
        if spec.table == "lit":
            out.append(spec.literal)
            continue
        template = _TABLES[lang][spec.table][spec.group][spec.phrasing]
        view = facts if spec.alias == "p" else {**facts, "p": facts[spec.alias]}
        out.append(template.format_map(view))
    return out


def _join(lang: str, sentences: list[str]) -> str:
    return ("" if lang == "zh" else " ").join(sentences)


def _keys(lang: str, specs: list[Spec]) -> list[str]:
    keys: dict[str, None] = {}
    for spec in specs:
        if spec.table != "lit":
            template = _TABLES[lang][spec.table][spec.group][spec.phrasing]
            keys.update(dict.fromkeys(_DERIVED.get(f, f) for f in _FIELDS[template]))
    return list(keys)


def _fact(lang: str, key: str, rng: random.Random) -> str:
    if key.startswith("_s"):
        options = _STYLE[key]
        return options[rng.randrange(len(options))]
    return _SAMPLERS[lang][_kind_of(key)](rng)


def _sample(
    lang: str, keys: Iterable[str], rng: random.Random, fixed: dict[str, str] | None = None
) -> dict[str, str]:
    facts = dict(fixed or {})
    for key in keys:
        if key not in facts:
            facts[key] = _fact(lang, key, rng)
    if "objb" in facts and facts["objb"] == facts.get("obja"):
        facts["objb"] = next(o for o in _SAMPLERS_OBJ[lang] if o != facts["obja"])
    return _derive(lang, facts)


_SAMPLERS_OBJ = {"zh": ZH_OBJECTS, "en": EN_OBJECTS}


def lcs_similarity(a: str, b: str) -> float:
    """Indel normalized similarity 2*LCS/(len a + len b), bit-parallel (as rapidfuzz computes)."""
    if not a and not b:
        return 1.0
    if len(a) < len(b):
        a, b = b, a
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    s = full
    for ch in b:
        m = masks.get(ch)
        if m is not None:
            u = s & m
            s = ((s + u) | (s - u)) & full
    lcs = len(a) - s.bit_count()
    return 2 * lcs / (len(a) + len(b))


# ---------------------------------------------------------------------------------------------
# Edits for near copies
# ---------------------------------------------------------------------------------------------
_FULLWIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")
_ZH_WORDS = (
    (r"表示", "指出"),
    (r"介绍，", "说，"),
    (r"目前", "眼下"),
    (r"超过", "逾"),
    (r"明显", "突出"),
    (r"主要", "重要"),
    (r"已(?!经)", "已经"),
    (r"计划", "打算"),
    (r"正在", "正"),
    (r"持续", "不断"),
    (r"陆续", "相继"),
    (r"累计", "共计"),
    (r"约(?=\d)", "大约"),
    (r"比去年", "较去年"),
    (r"日前", "近日"),
    (r"进一步", "更进一步"),
    (r"告诉记者", "对记者说"),
    (r"相关", "有关"),
)
_EN_WORDS = (
    (r"\babout\b", "around"),
    (r"\bmore than\b", "over"),
    (r"\bmainly\b", "chiefly"),
    (r"\blargely\b", "mostly"),
    (r"\bnow\b", "currently"),
    (r"\brose\b", "climbed"),
    (r"\bjumped\b", "surged"),
    (r"\bmajor\b", "key"),
    (r"\bfaster\b", "quicker"),
    (r"\broughly\b", "about"),
    (r"\bexpected\b", "projected"),
    (r"\bplans to\b", "intends to"),
    (r"\breached\b", "hit"),
    (r"\bup and running\b", "operational"),
    (r"\bacross\b", "throughout"),
    (r"\bsaid\b", "noted"),
    (r"\bbusiest\b", "most frequent"),
    (r"\bfirms\b", "companies"),
)
_ZH_WORDS_RE = tuple((re.compile(p), r) for p, r in _ZH_WORDS)
_EN_WORDS_RE = tuple((re.compile(p), r) for p, r in _EN_WORDS)
_ZH_END = "。！？"
# bench/corpus.py sentence frames that none of the groups above retells
_FILLER_FRAMES = {
    "zh": re.compile(r"业内人士认为|[^，。]{2,4}还将"),
    "en": re.compile(r"On [A-Z]|The measures include|Analysts said|The program|Local officials"),
}
_S2T: Any = None


def _traditional(text: str) -> str:
    global _S2T
    if _S2T is None:
        import opencc

        _S2T = opencc.OpenCC("s2t")
    return str(_S2T.convert(text))


def _punctuation(rng: random.Random, lang: str, text: str) -> str:
    """Punctuation or full-width/half-width changes (at least one that changes the text)."""
    if lang == "zh":
        ops: list[Callable[[str], str]] = [
            lambda t: t.replace("，", ","),
            lambda t: t.replace("。", "."),
            lambda t: t.replace("：", ":").replace("、", ","),
            lambda t: t.replace("“", '"').replace("”", '"'),
            lambda t: t.translate(_FULLWIDTH),
        ]
    else:
        ops = [
            lambda t: re.sub(r'"([^"]*)"', "“\\1”", t),
            lambda t: t.replace(", ", " ", 2),
            lambda t: re.sub(r"([.!?]) (?=[A-Z\"0-9])", r"\1  ", t),
            lambda t: t.translate(_FULLWIDTH),
            lambda t: t.replace("'", "’"),
        ]
    rng.shuffle(ops)
    out = text
    for op in ops[: rng.randint(1, 3)]:
        out = op(out)
    for op in ops:
        if out != text:
            break
        out = op(out)
    return out


def _word_edits(rng: random.Random, lang: str, text: str) -> str:
    table = list(_ZH_WORDS_RE if lang == "zh" else _EN_WORDS_RE)
    rng.shuffle(table)
    want = rng.randint(1, 3)
    out = text
    done = 0
    for pattern, repl in table:
        if done == want:
            break
        new = pattern.sub(repl, out, count=1)
        if new != out:
            out, done = new, done + 1
    return out


def _cut(rng: random.Random, para: Para) -> str:
    """First 40-90% of the paragraph, ending inside a sentence (a scrape cut-off)."""
    text, lang = para.text, para.lang
    lo, hi = int(len(text) * 0.4) + 1, int(len(text) * 0.9)
    spans: list[tuple[int, int]] = []
    pos = 0
    for s in para.sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + (0 if lang == "zh" else 1)
    good: list[int] = []
    for start, end in spans:
        if lang == "zh":
            good.extend(
                i
                for i in range(max(lo, start + 4), min(hi, end - 2) + 1)
                if not (text[i - 1] in ".%" or text[i - 1].isdigit() or text[i].isdigit())
            )
        else:
            good.extend(
                i for i in range(max(lo, start + 12), min(hi, end - 6) + 1) if text[i] == " "
            )
    cut = rng.choice(good) if good else (lo + hi) // 2
    return text[:cut].rstrip()


# ---------------------------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------------------------
@dataclass
class CopyLabel:
    """One injected copy (paragraph refs are resolved when documents are laid out)."""

    kind: str
    copy: Para
    original: Para
    edit: str = ""
    swaps: list[str] = field(default_factory=list)
    copied_sentences: list[str] = field(default_factory=list)
    subject_mismatch: dict[str, Any] | None = None


@dataclass
class NegativeLabel:
    """A pair of paragraphs that must not be linked."""

    kind: str
    a: Para
    b: Para
    phrase: str = ""


def _ref(p: Para) -> dict[str, Any]:
    return {"doc": p.doc, "paragraph": p.index, "start": p.text.strip()[:12]}


@dataclass
class Corpus:
    """Generated documents (id, text) and their labels in the JSON shape of labels.json."""

    documents: list[tuple[str, str]]
    labels: dict[str, Any]

    def snapshot(self) -> dict[str, Any]:
        """The snapshot form: labels with the documents inline."""
        docs = [{"id": i, "text": t} for i, t in self.documents]
        return {"seed": self.labels["seed"], "documents": docs, **_rest(self.labels)}

    def write(self, out: Path) -> None:
        """Write the documents as .txt files and labels.json (old generated files removed)."""
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("d*.txt"):
            if re.fullmatch(r"d\d+\.txt", old.name):
                old.unlink()
        for doc_id, text in self.documents:
            (out / doc_id).write_text(text, encoding="utf-8")
        (out / "labels.json").write_text(
            json.dumps(self.labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )

    @property
    def bytes(self) -> int:
        """Total UTF-8 size of the documents."""
        return sum(len(t.encode()) for _, t in self.documents)


def _rest(labels: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in labels.items() if k != "seed"}


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------
_DECK = (
    "exact",
    "near",
    "contained",
    "partial",
    "template",
    "subject-mismatch",
    "near",
    "document",
)
_NEAR = {
    "zh": ("punctuation", "words", "drop", "traditional", "reorder"),
    "en": ("reorder", "punctuation", "drop", "words"),
}
_NEGATIVES = ("retold", "frame", "phrase")


@dataclass
class _Pending:
    """A copy (or negative partner) waiting for a later document of its language."""

    due: int
    lang: str
    para: Para
    at_end: bool = False


@dataclass
class _DocCopy:
    """A whole document to be copied under a new id once `due` documents exist."""

    due: int
    source: list[Para]  # headline (if any) first, then body
    has_headline: bool
    lang: str


class _Builder:
    """Builds documents one at a time; copies for later documents wait in `pending`."""

    def __init__(self, seed: int, target_bytes: int) -> None:
        self.seed = seed
        self.target = target_bytes
        self.rng = random.Random(f"copygen:{VERSION}:{seed}")
        self.seen: set[bytes] = set()
        self.signatures: set[tuple[Any, ...]] = set()
        self.headlines: set[bytes] = set()
        self.docs: list[tuple[str, str]] = []
        self.size = 0
        self.copies: list[CopyLabel] = []
        self.negatives: list[NegativeLabel] = []
        self.pending: list[_Pending] = []
        self.doc_copies: list[_DocCopy] = []
        self.decks: dict[str, list[str]] = {}
        self.body_total = 0
        self.involved = 0
        self.next_is_source = False
        self.flushing = False

    # -- decks: balanced kinds in shuffled order --------------------------------------------
    def _draw(self, name: str, items: tuple[str, ...], ok: Callable[[str], bool]) -> str:
        """Next item of a deck: every item once per round. The first round is the listed order
        rotated by the seed (so small corpora of consecutive seeds cover every kind), later
        rounds are shuffled."""
        if name not in self.decks:
            turn = (self.seed * 5 + 2) % len(items)
            self.decks[name] = list(items[turn:] + items[:turn])
        deck = self.decks[name]
        for _ in range(2):
            for i, item in enumerate(deck):
                if ok(item):
                    return deck.pop(i)
            fresh = list(items)
            self.rng.shuffle(fresh)
            deck.extend(fresh)
        raise AssertionError(name)

    # -- sentences and paragraphs ------------------------------------------------------------
    def _fresh(self, sentences: list[str]) -> bool:
        digests = [hashlib.blake2b(s.encode(), digest_size=8).digest() for s in sentences]
        if len(set(digests)) < len(digests) or any(d in self.seen for d in digests):
            return False
        self.seen.update(digests)
        return True

    def _filler(self, lang: str) -> str:
        """A sentence from bench/corpus.py, of a frame unlike this file's groups if possible."""
        make = base._zh_sentence if lang == "zh" else base._en_sentence
        for tries in range(60):
            s = make(self.rng)
            if lang == "zh" and sum(s.count(ch) for ch in _ZH_END) != 1:
                continue
            if _FILLER_FRAMES[lang].match(s) or tries > 50:
                return s
        return s

    def _frames(self, lang: str, k: int, filler: float) -> list[Spec]:
        """k distinct frame groups in random phrasings; a `filler` share left for literals."""
        groups = self.rng.sample(range(len(_GROUPS[lang])), k)
        specs = [Spec("g", g, self.rng.randrange(3)) for g in groups]
        return [Spec("lit") if self.rng.random() < filler else s for s in specs]

    def _fill(self, lang: str, specs: list[Spec]) -> list[Spec]:
        """Literal slots filled with bench/corpus.py sentences of different frames."""
        openings: set[str] = set()
        out: list[Spec] = []
        for spec in specs:
            if spec.table == "lit" and not spec.literal:
                for _ in range(5):  # two fillers from one frame would read as a repeat
                    literal = self._filler(lang)
                    opening = literal[:4] if lang == "zh" else " ".join(literal.split()[:2])
                    if opening not in openings:
                        break
                openings.add(opening)
                spec = Spec("lit", literal=literal)
            out.append(spec)
        return out

    def _province_specs(self, k: int, prov: tuple[str, str, tuple[str, ...]]) -> list[Spec]:
        cities = ["c1", "c2"][: min(2, len(prov[2]))]
        specs = [Spec("lead", self.rng.randrange(len(ZH_LEADS)))]
        with_p = [g for g, grp in enumerate(ZH_GROUPS) if "p" in _FIELDS[grp[0]]]
        groups = [self.rng.choice(with_p)]
        rest = [g for g in range(len(ZH_GROUPS)) if g != groups[0]]
        groups += self.rng.sample(rest, k - 2)
        self.rng.shuffle(groups)
        for g in groups:
            phr = self.rng.randrange(3)
            city_only = "{p}市" in ZH_GROUPS[g][phr]
            alias = self.rng.choice(cities if city_only else ["ps", "ps", *cities])
            specs.append(Spec("g", g, phr, alias))
        return specs

    def _province_facts(self, prov: tuple[str, str, tuple[str, ...]]) -> dict[str, str]:
        cities = list(prov[2])
        self.rng.shuffle(cities)
        facts = {"subject": prov[0], "ps": prov[1], "c1": cities[0], "p": cities[0]}
        if len(cities) > 1:
            facts["c2"] = cities[1]
        return facts

    def _make(
        self,
        lang: str,
        specs: list[Spec],
        fixed: dict[str, str] | None = None,
        register: bool = True,
    ) -> Para | None:
        facts = _sample(lang, _keys(lang, specs), self.rng, fixed)
        sentences = _render(lang, specs, facts)
        if register and not self._fresh(sentences):
            return None
        return Para(lang, _join(lang, sentences), sentences, specs, facts)

    def paragraph(self, lang: str, k: int | None = None, province: bool | None = None) -> Para:
        """A new unique base paragraph (2-6 sentences; some Chinese ones led by a province)."""
        while True:
            n = k or self.rng.choice((2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6))
            is_prov = (
                province if province is not None else lang == "zh" and self.rng.random() < 0.15
            )
            if lang == "zh" and is_prov:
                prov = self.rng.choice(ZH_PROVINCES)
                specs = self._unused(lang, n, functools.partial(self._province_specs, prov=prov))
                para = self._make(lang, specs, self._province_facts(prov))
            else:
                specs = self._unused(lang, n, lambda m: self._frames(lang, m, 0.2))
                para = self._make(lang, self._fill(lang, specs))
            if para is not None:
                return para

    def _unused(
        self, lang: str, n: int, frames: Callable[[int], list[Spec]], grow: bool = True
    ) -> list[Spec]:
        """Frames for an n-sentence paragraph in a sequence no earlier paragraph used (always so
        up to three sentences, where a shared sequence would make two paragraphs look alike:
        there a used sequence makes the paragraph a sentence longer, if `grow`)."""
        while True:
            for _ in range(8):
                specs = frames(n)
                sig = (lang, *((s.table, s.group, s.phrasing) for s in specs))
                if sig not in self.signatures:
                    self.signatures.add(sig)
                    return specs
            if n > 3 or not grow:
                return specs
            n += 1

    def headline(self, lang: str, hint: dict[str, str] | None = None) -> Para:
        """A headline line on the topic of `hint` (facts of the first paragraph, if given).

        Two headlines with the same pair of halves avoid sharing their content words (so they
        are not template copies) or any two of their words and names (so they do not look
        alike); of 12 candidates the first without clashes, else the one with fewest, is taken.
        """
        rng = self.rng
        known = {k: v for k, v in (hint or {}).items() if k in ("p", "partner", "goods", "company")}
        lead, figures = _HEADLINES[lang]
        best: tuple[int, str, list[bytes]] | None = None
        while best is None:
            for _ in range(12):
                a, b = rng.randrange(len(lead)), rng.randrange(len(figures))
                if set(_FIELDS[lead[a]]) & set(_FIELDS[figures[b]]) - {"p"}:
                    continue  # a word twice in one headline
                fields = list(dict.fromkeys(_FIELDS[lead[a]] + _FIELDS[figures[b]]))
                keys = [_HEADLINE_SOURCE.get(k, k) for k in fields]
                f = _sample(lang, keys, rng, known)
                if "obja" in f:
                    f["obj"] = f["obja"].removeprefix("the ")
                text = f"{lead[a]} {figures[b]}".format_map(f)
                if lang == "en":
                    text = base._title_case(text)
                digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
                if digest in self.seen:
                    continue
                content = tuple(f[k] for k in fields if k in _HEADLINE_CONTENT)
                slots = [(k, f[k]) for k in fields if k in _HEADLINE_CONTENT | _HEADLINE_NAMES]
                pairs = [(x, y) for i, x in enumerate(slots) for y in slots[i + 1 :]]
                marks = [repr((lang, a, b, content)), *(repr((lang, a, b, *xy)) for xy in pairs)]
                digests = [hashlib.blake2b(m.encode(), digest_size=8).digest() for m in marks]
                clashes = sum(d in self.headlines for d in digests)
                if best is None or clashes < best[0]:
                    best = (clashes, text, [digest, *digests])
                if clashes == 0:
                    break
        self.seen.add(best[2][0])
        self.headlines.update(best[2][1:])
        return Para(lang, best[1], [best[1]])

    # -- copies --------------------------------------------------------------------------------
    def _template(self, orig: Para, subject: bool) -> tuple[Para, CopyLabel] | None:
        """A copy with only names or figures swapped (or only a province subject swapped)."""
        assert orig.facts is not None and orig.specs is not None
        lang, facts, text, rng = orig.lang, orig.facts, orig.text, self.rng
        plain = {k: v for k, v in facts.items() if k not in _DERIVED}

        def rerender(mapping: dict[str, str], only: str | None = None) -> str:
            mapped = {k: (mapping.get(v, v) if only in (None, k) else v) for k, v in plain.items()}
            return _join(lang, _render(lang, orig.specs or [], _derive(lang, mapped)))

        if subject:
            old = facts["subject"]
            new = rng.choice([p[0] for p in ZH_PROVINCES if p[0] != old])
            copy_text = rerender({old: new}, only="subject")
            if copy_text != text.replace(old, new, 1) or not copy_text.startswith(new):
                return None
            prov = next(p for p in ZH_PROVINCES if p[0] == old)
            body = copy_text[len(new) :]
            found = [(body.find(n), n) for n in (prov[1], *prov[2]) if n in body]
            mentions = [n for _, n in sorted(found)]
            label_extra = {"subject": new, "body_mentions": mentions}
            copy = Para(lang, copy_text, [])
            return copy, CopyLabel(
                "template", copy, orig, swaps=[f"{old} -> {new}"], subject_mismatch=label_extra
            )

        mapping: dict[str, str] = {}
        swaps: list[tuple[str, str]] = []

        def accept(extra_map: dict[str, str], extra: list[tuple[str, str]]) -> bool:
            trial_map, trial = {**mapping, **extra_map}, swaps + extra
            copy_text = rerender(trial_map)
            replaced = text
            for b, a in trial:
                replaced = replaced.replace(b, a)
            ok = copy_text == replaced and all(
                b in text and a not in text and b not in copy_text for b, a in trial
            )
            if ok:
                mapping.update(extra_map)
                swaps.extend(extra)
            return ok

        if "subject" in facts:
            prov = next(p for p in ZH_PROVINCES if p[0] == facts["subject"])
            used = [facts[c] for c in ("c1", "c2") if c in facts]
            targets = [p for p in ZH_PROVINCES if p is not prov and len(p[2]) >= len(used)]
            for _ in range(4):
                t = rng.choice(targets)
                extra_map = {prov[0]: t[0], prov[1]: t[1]}
                extra_map.update(zip(used, rng.sample(t[2], len(used)), strict=True))
                extra, current = [], text
                for b, a in extra_map.items():
                    if b in current:
                        extra.append((b, a))
                        current = current.replace(b, a)
                if accept(extra_map, extra):
                    break
        want = rng.randint(1, 3) if not swaps else rng.randint(0, 1)
        keys = [k for k in _NAME_KEYS if k in plain]
        figures = [k for k in plain if _kind_of(k) in _FIGURES]
        rng.shuffle(keys)
        rng.shuffle(figures)
        order = keys + figures if rng.random() < 0.6 else figures + keys
        added = 0
        for key in order:
            if added >= want:
                break
            old = plain[key]
            if old in mapping:
                continue
            unit = _UNITS[lang].get(_kind_of(key), "") if key in figures else ""
            for _ in range(8):
                new = _SAMPLERS[lang][_kind_of(key)](rng)
                if new != old and new + unit not in text:
                    break
            else:
                continue
            b, a = old + unit, new + unit
            if unit and text.count(b) != text.count(old):
                b, a = old, new
            if accept({old: new}, [(b, a)]):
                added += 1
        if not swaps:
            return None
        copy_text = rerender(mapping)
        copy = Para(lang, copy_text, [])
        return copy, CopyLabel("template", copy, orig, swaps=[f"{b} -> {a}" for b, a in swaps])

    def _event(self, lang: str, kind: str) -> tuple[Para, Para, CopyLabel]:
        """Original paragraph, its copy and the label for one injected copy of `kind`."""
        rng = self.rng
        if kind in ("subject-mismatch", "template"):
            province = kind == "subject-mismatch" or (lang == "zh" and rng.random() < 0.5)
            while True:
                orig = self.paragraph(lang, province=province)
                made = self._template(orig, subject=kind == "subject-mismatch")
                if made is not None:
                    return orig, made[0], made[1]
        edit = self._draw(f"near-{lang}", _NEAR[lang], lambda _: True) if kind == "near" else ""
        needs_three = kind == "partial" or edit == "drop"
        orig = self.paragraph(lang, k=rng.randint(3, 6) if needs_three else None)
        sents = orig.sentences
        if kind == "exact":
            pad = rng.choice(("", "", "　　" if lang == "zh" else "  ", " "))
            text = pad + orig.text + rng.choice(("", "", " "))
            copy = Para(lang, text, sents)
            return orig, copy, CopyLabel("exact", copy, orig)
        if kind == "contained":
            copy = Para(lang, _cut(rng, orig), [])
            return orig, copy, CopyLabel("contained", copy, orig)
        if kind == "partial":
            picked = sorted(rng.sample(range(len(sents)), rng.randint(1, min(2, len(sents) - 2))))
            while True:
                frames = functools.partial(self._frames, lang, filler=0.2)
                own = self._unused(lang, rng.randint(2, 3), frames, grow=False)
                extra = self._make(lang, self._fill(lang, own))
                if extra is not None:
                    break
            mixed = list(extra.sentences)
            for i in picked:
                mixed.insert(rng.randint(0, len(mixed)), sents[i])
            copy = Para(lang, _join(lang, mixed), mixed)
            label = CopyLabel("partial", copy, orig, copied_sentences=[sents[i] for i in picked])
            return orig, copy, label
        # near copies
        if edit == "traditional":
            text = _traditional(orig.text)
        elif edit == "words":
            text = _word_edits(rng, lang, orig.text)
        elif edit == "drop":
            drop = rng.randrange(len(sents))
            text = _join(lang, [s for i, s in enumerate(sents) if i != drop])
        elif edit == "reorder":
            order = list(range(len(sents)))
            while order == sorted(order):
                rng.shuffle(order)
            text = _join(lang, [sents[i] for i in order])
        else:
            text = orig.text
        if text == orig.text:
            edit, text = "punctuation", _punctuation(rng, lang, orig.text)
        copy = Para(lang, text, [])
        return orig, copy, CopyLabel("near", copy, orig, edit=edit)

    # -- hard negatives ------------------------------------------------------------------------
    def _negative(self, lang: str, kind: str) -> tuple[Para, Para, NegativeLabel] | None:
        rng = self.rng
        n_groups = len(_GROUPS[lang])
        for _ in range(12):
            k = rng.randint(3, 4)
            groups = rng.sample(range(n_groups), k)
            specs_a = [Spec("g", g, rng.randrange(3)) for g in groups]
            phrase = ""
            if kind == "retold":
                specs_b = [
                    Spec("g", s.group, (s.phrasing + rng.randint(1, 2)) % 3) for s in specs_a
                ]
                while [s.group for s in specs_b] == groups:
                    rng.shuffle(specs_b)
                facts_a = _sample(lang, _keys(lang, specs_a), rng)
                facts_b = _sample(lang, _keys(lang, specs_b), rng, facts_a)
            elif kind == "frame":
                frames = _TABLES[lang]["frame"]
                specs_a = [Spec("frame", f) for f in rng.sample(range(len(frames)), k - 1)]
                shared = [
                    k_ for k_ in ("company", "person", "partner") if k_ in _keys(lang, specs_a)
                ]
                if not shared:
                    continue
                specs_b = specs_a
                facts_a = _sample(lang, _keys(lang, specs_a), rng)
                keep = rng.choice(shared)
                unlike = self._unlike(lang, _keys(lang, specs_b), facts_a, keep)
                if unlike is None:
                    continue
                facts_b = unlike
            else:
                other = [g for g in range(n_groups) if g not in groups]
                specs_b = [Spec("g", g, rng.randrange(3)) for g in rng.sample(other, k - 1)]
                specs_a = specs_a[: k - 1]
                table = _TABLES[lang]["phrase"]
                pa, pb = rng.sample(range(len(table)), 2)
                specs_a.insert(rng.randint(0, len(specs_a)), Spec("phrase", pa))
                specs_b.insert(rng.randint(0, len(specs_b)), Spec("phrase", pb))
                phrase = self._long_phrase(lang)
                facts_a = _sample(lang, _keys(lang, specs_a), rng, {"phrase": phrase})
                fixed_b = {"phrase": phrase, "p": facts_a["p"]}
                facts_b = _sample(lang, _keys(lang, specs_b), rng, fixed_b)
            sa, sb = _render(lang, specs_a, facts_a), _render(lang, specs_b, facts_b)
            a = Para(lang, _join(lang, sa), sa, specs_a, facts_a)
            b = Para(lang, _join(lang, sb), sb, specs_b, facts_b)
            if lcs_similarity(a.text, b.text) >= MAX_NEGATIVE_SIM or set(sa) & set(sb):
                continue
            if not self._fresh(sa + sb):
                continue
            return a, b, NegativeLabel(kind, a, b, phrase)
        return None

    def _unlike(
        self, lang: str, keys: list[str], facts: dict[str, str], keep: str
    ) -> dict[str, str] | None:
        """Facts for the same frame where every value but `keep` differs from `facts`."""
        out = _sample(lang, keys, self.rng, {keep: facts[keep]})
        for key in keys:
            for _ in range(20):
                if key == keep or out[key] != facts[key]:
                    break
                out[key] = _fact(lang, key, self.rng)
            else:
                return None
        if out.get("objb") in (out.get("obja"), facts.get("obja"), facts.get("objb")):
            return None
        return _derive(lang, out)

    def _long_phrase(self, lang: str) -> str:
        f = _sample(lang, ["verb", "obja", "objb"], self.rng)
        if lang == "zh":
            return f"《关于进一步{f['verb']}{f['obja']}和{f['objb']}的若干措施》"
        years = self.rng.randint(2, 5)
        return f"the {years}-year action plan to {f['verb']} {f['obja']} and {f['objb']}"

    # -- documents -----------------------------------------------------------------------------
    def _finish(self, paras: list[Para], has_headline: bool) -> None:
        doc_id = f"d{len(self.docs) + 1:05d}.txt"
        for i, p in enumerate(paras):
            p.doc, p.index = doc_id, i
        text = "\n\n".join(p.text for p in paras) + "\n"
        self.docs.append((doc_id, text))
        self.size += len(text.encode())
        self.body_total += len(paras)

    def _distance(self) -> int:
        r = self.rng.random()
        if r < 0.6:
            return self.rng.randint(1, 3)
        return self.rng.randint(4, 20) if r < 0.9 else self.rng.randint(21, 200)

    def _emit_doc_copy(self, dc: _DocCopy) -> None:
        rng = self.rng
        body = dc.source[1:] if dc.has_headline else dc.source
        options = ["", "new-headline", "no-headline"] if dc.has_headline else ["", "new-headline"]
        edit = rng.choice(options)
        paras = [Para(p.lang, p.text, p.sentences) for p in body]
        head: list[Para] = []
        if edit == "new-headline":
            head = [self.headline(dc.lang, _hint(body))]
        elif edit == "" and dc.has_headline:
            head = [Para(dc.lang, dc.source[0].text, [])]
        self._finish(head + paras, bool(head))
        self.copies.append(CopyLabel("document", (head + paras)[0], dc.source[0], edit=edit))

    def document(self) -> None:
        """Lay out the next document (or a whole-document copy that is due)."""
        rng, j = self.rng, len(self.docs) + 1
        due_docs = [dc for dc in self.doc_copies if dc.due <= j or self.flushing]
        if due_docs:
            self.doc_copies.remove(due_docs[0])
            self._emit_doc_copy(due_docs[0])
            return
        if self.flushing and self.pending:
            lang = self.pending[0].lang
        else:
            lang = self._draw("lang", ("zh", "en"), lambda _: True)
        has_headline = rng.random() < HEADLINE_RATE
        if self.next_is_source and not self.flushing:
            self.next_is_source = False
            source = [self.paragraph(lang) for _ in range(rng.randint(2, 3))]
            head = [self.headline(lang, _hint(source))] if has_headline else []
            self._finish(head + source, has_headline)
            when = j + self._distance()
            self.doc_copies.append(_DocCopy(when, head + source, has_headline, lang))
            self.involved += 2 * len(source) + (2 if has_headline else 0)
            return
        skip = "" if lang == "zh" else "subject-mismatch"
        body: list[Para] = []
        later: list[tuple[Para, Para, bool]] = []  # (original, copy, at_end) in this document
        n = 1 if self.flushing else rng.randint(3, 8)
        for _ in range(n):
            if self.flushing:
                body.append(self.paragraph(lang))
                continue
            ratio = self.involved / max(1, self.body_total + len(self.pending))
            p_event = min(0.45, max(0.03, 0.16 + 2 * (INVOLVED - ratio)))
            if rng.random() < p_event:
                kind = self._draw("kinds", _DECK, lambda k: k != "subject-mismatch" or lang == "zh")
                if kind == "document":
                    self.next_is_source = True
                    kind = self._draw("kinds", _DECK, lambda k: k not in ("document", skip))
                orig, copy, label = self._event(lang, kind)
                self.copies.append(label)
                self.involved += 2
                body.append(orig)
                at_end = kind == "contained"
                if rng.random() < 0.35:
                    later.append((orig, copy, at_end))
                else:
                    self.pending.append(_Pending(j + self._distance(), lang, copy, at_end))
            elif rng.random() < NEGATIVE_RATE / (1 - p_event):
                neg_kind = self._draw("negatives", _NEGATIVES, lambda _: True)
                made = self._negative(lang, neg_kind)
                if made is None:
                    body.append(self.paragraph(lang))
                    continue
                a, b, nlabel = made
                self.negatives.append(nlabel)
                body.append(a)
                if rng.random() < 0.3:
                    later.append((a, b, False))
                else:
                    self.pending.append(_Pending(j + self._distance(), lang, b))
            else:
                body.append(self.paragraph(lang))
        for orig, copy, at_end in later:
            start = body.index(orig) + 1
            body.insert(len(body) if at_end else rng.randint(start, len(body)), copy)
        due = [p for p in self.pending if p.lang == lang and (p.due <= j or self.flushing)][:4]
        for p in due:
            self.pending.remove(p)
            body.insert(len(body) if p.at_end else rng.randint(0, len(body)), p.para)
        head = [self.headline(lang, _hint(body))] if has_headline else []
        self._finish(head + body, has_headline)

    def run(self) -> Corpus:
        """Documents until the target size, then until every pending copy is placed."""
        while self.size < self.target:
            self.document()
        self.flushing = True
        while self.pending or self.doc_copies:
            self.document()
        copies = sorted(self.copies, key=lambda c: (c.copy.doc, c.copy.index))
        labels = {
            "seed": self.seed,
            "copies": [
                {
                    "kind": c.kind,
                    "edit": c.edit,
                    "copy": _ref(c.copy),
                    "original": _ref(c.original),
                    "swaps": c.swaps,
                    "copied_sentences": c.copied_sentences,
                    "subject_mismatch": c.subject_mismatch,
                }
                for c in copies
            ],
            "negatives": [
                {"kind": n.kind, "a": _ref(n.a), "b": _ref(n.b)}
                | ({"phrase": n.phrase} if n.phrase else {})
                for n in sorted(self.negatives, key=lambda n: (n.a.doc, n.a.index))
            ],
        }
        return Corpus(self.docs, labels)


# A headline is a lead half and a figures half (64 combinations per language), so two
# headlines rarely share both their frames and their words.
_HEADLINES = {
    "zh": (
        (
            "{p}{verb}{obja}",
            "{p}新增{k}个{facility}",
            "{company}瞄准{partner}市场加码{goods}",
            "{p}{goods}企业组团亮相{fair}",
            "{partner}客商青睐{p}{goods}",
            "{p}出台{k}条措施{verb}{obja}",
            "{company}在{p}布局{depot}",
        ),
        (
            "前{n}个月{metric}增长{x}%",
            "{facility}项目总投资{i}亿元",
            "{goods}订单增长{x}%",
            "与{partner}客商意向签约{i}亿元",
            "{e}家{goods}企业参展",
            "{obja}带动就业{j}万人",
            "对{partner}进出口增长{x}%",
            "{depot}日处理量超{w}吨",
        ),
    ),
    "en": (
        (
            "{p} Moves to {verb} {obj}",
            "{p} Plans {k} New {facility}",
            "{company} Bets on {goods} Exports to {partner}",
            "{p} {goods} Makers Head to {fair}",
            "Buyers From {partner} Turn to {p} {goods}",
            "{p} Issues {k} Measures on {obj}",
            "{company} Opens {depot} in {p}",
        ),
        (
            "as {metric} Climb {x}%",
            "With {i} Billion Yuan for {facility}",
            "With {goods} Orders Up {x}%",
            "Signing {i} Billion Yuan in Deals With {partner} Buyers",
            "With {e} {goods} Firms Taking Part",
            "Creating {j},000 Jobs in {obj}",
            "as Trade With {partner} Grows {x}%",
            "Handling {w} Tonnes of {goods} a Day",
        ),
    ),
}
_FIELDS.update({t: _fields(t) for halves in _HEADLINES.values() for h in halves for t in h})
_HEADLINE_SOURCE = {"obj": "obja", "Reason": "reason"}  # fields made from another fact
_HEADLINE_CONTENT = frozenset(("verb", "obja", "obj", "facility", "goods", "depot", "reason"))
_HEADLINE_NAMES = frozenset(("p", "company", "partner", "fair", "metric", "Reason"))


def _hint(body: list[Para]) -> dict[str, str] | None:
    return next((p.facts for p in body if p.facts), None)


def generate(seed: int, target_bytes: int) -> Corpus:
    """A labelled corpus of about `target_bytes` UTF-8 bytes, the same for the same seed."""
    return _Builder(seed, target_bytes).run()


# ---------------------------------------------------------------------------------------------
# Checks and counts
# ---------------------------------------------------------------------------------------------
_CANON = str.maketrans({"。": ".", "“": '"', "”": '"', "’": "'", "：": ":", "、": ",", "，": ","})


def paragraphs(text: str) -> list[str]:
    """A document's paragraphs as the labels count them (blank-line separated, stripped)."""
    return [p.strip() for p in text.rstrip("\n").split("\n\n")]


def sentences(text: str, lang: str) -> list[str]:
    """Sentence split used by the checks (Chinese on 。！？, English before a capital/digit)."""
    if lang == "zh":
        return re.findall(r"[^。！？]+[。！？]", text)
    return re.split(r'(?<=[.!?"])\s+(?=[A-Z"0-9])', text)


def _lang(text: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"


def _canon(text: str) -> str:
    return re.sub(r"[\s,]", "", unicodedata.normalize("NFKC", text.translate(_CANON)))


def verify(data: dict[str, Any]) -> list[str]:
    """Problems found in a snapshot-form corpus (an empty list when every label holds)."""
    docs = {d["id"]: paragraphs(d["text"]) for d in data["documents"]}
    order = {d["id"]: i for i, d in enumerate(data["documents"])}
    problems: list[str] = []

    def get(ref: dict[str, Any], what: str) -> str:
        paras = docs.get(ref["doc"])
        if paras is None or not 0 <= ref["paragraph"] < len(paras):
            problems.append(f"{what}: no paragraph {ref}")
            return ""
        text: str = paras[ref["paragraph"]]
        if text[:12] != ref["start"]:
            problems.append(f"{what}: start {ref['start']!r} != {text[:12]!r}")
        return text

    seen_copies: set[tuple[str, int]] = set()
    for n, c in enumerate(data["copies"]):
        what = f"copy {n} ({c['kind']}/{c['edit']})"
        copy, orig = get(c["copy"], what), get(c["original"], what)
        key = (c["copy"]["doc"], c["copy"]["paragraph"])
        if key in seen_copies:
            problems.append(f"{what}: copy paragraph labelled twice")
        seen_copies.add(key)
        earlier = (order[c["original"]["doc"]], c["original"]["paragraph"])
        if earlier >= (order[c["copy"]["doc"]], c["copy"]["paragraph"]):
            problems.append(f"{what}: original is not before the copy")
        lang, kind, edit = _lang(orig), c["kind"], c["edit"]
        if kind == "exact" and copy != orig:
            problems.append(f"{what}: not equal")
        elif kind == "near":
            ok = copy != orig
            if edit == "traditional":
                ok = ok and copy == _traditional(orig)
            elif edit == "drop":
                so, sc = sentences(orig, lang), sentences(copy, lang)
                ok = ok and len(sc) == len(so) - 1 and all(s in so for s in sc)
            elif edit == "reorder":
                ok = ok and sorted(sentences(orig, lang)) == sorted(sentences(copy, lang))
            elif edit == "punctuation":
                ok = ok and _canon(copy) == _canon(orig)
            elif edit == "words":
                digits = re.findall(r"\d+", orig) == re.findall(r"\d+", copy)
                ok = ok and digits and lcs_similarity(orig, copy) > 0.85
            else:
                ok = False
            if not ok:
                problems.append(f"{what}: edit does not hold")
        elif kind == "contained":
            share = len(copy) / max(1, len(orig))
            if not (orig.startswith(copy) and 0.4 <= share <= 0.9) or copy[-1] in "。！？.":
                problems.append(f"{what}: not a mid-sentence prefix of 40-90% ({share:.2f})")
        elif kind == "partial":
            cs = c["copied_sentences"]
            if not 1 <= len(cs) <= 2 or not all(s in copy and s in orig for s in cs):
                problems.append(f"{what}: copied sentences missing")
            if not 3 <= len(sentences(copy, lang)) <= 5:
                problems.append(f"{what}: {len(sentences(copy, lang))} sentences")
        elif kind == "template":
            swaps = [s.split(" -> ") for s in c["swaps"]]
            rebuilt = orig
            for b, a in swaps:
                if b not in orig or a not in copy:
                    problems.append(f"{what}: swap {b} -> {a} not in the texts")
                rebuilt = rebuilt.replace(b, a, 1 if c["subject_mismatch"] else -1)
            if rebuilt != copy or not swaps:
                problems.append(f"{what}: swaps do not rebuild the copy")
            sm = c["subject_mismatch"]
            if sm is not None and (
                not copy.startswith(sm["subject"])
                or not sm["body_mentions"]
                or not all(m in copy[len(sm["subject"]) :] for m in sm["body_mentions"])
            ):
                problems.append(f"{what}: subject mismatch does not hold")
        elif kind == "document":
            a, b = docs[c["original"]["doc"]], docs[c["copy"]["doc"]]
            m = len(a) - 1
            if a[-m:] != b[-m:] or abs(len(a) - len(b)) > 1:
                problems.append(f"{what}: documents differ")
    for n, neg in enumerate(data["negatives"]):
        what = f"negative {n} ({neg['kind']})"
        a, b = get(neg["a"], what), get(neg["b"], what)
        sim = lcs_similarity(a, b)
        if sim >= 0.6 or set(sentences(a, _lang(a))) & set(sentences(b, _lang(b))):
            problems.append(f"{what}: too close ({sim:.2f})")
        if neg["kind"] == "phrase" and not (neg["phrase"] in a and neg["phrase"] in b):
            problems.append(f"{what}: phrase not shared")
    return problems


def stats(data: dict[str, Any]) -> dict[str, Any]:
    """Counts per kind, within/cross-document splits and the share of involved paragraphs."""
    kinds: Counter[str] = Counter()
    for c in data["copies"]:
        name = c["kind"]
        if c["subject_mismatch"]:
            name = "template/subject-mismatch"
        elif c["edit"] and c["kind"] == "near":
            name = f"near/{c['edit']}"
        kinds[name] += 1
    where = Counter(
        "within" if c["copy"]["doc"] == c["original"]["doc"] else "cross" for c in data["copies"]
    )
    negs = Counter(n["kind"] for n in data["negatives"])
    neg_where = Counter(
        "within" if n["a"]["doc"] == n["b"]["doc"] else "cross" for n in data["negatives"]
    )
    docs = {d["id"]: paragraphs(d["text"]) for d in data["documents"]}
    involved: set[tuple[str, int]] = set()
    for c in data["copies"]:
        if c["kind"] == "document":
            a, b = docs[c["original"]["doc"]], docs[c["copy"]["doc"]]
            for ref, paras in ((c["original"], a), (c["copy"], b)):
                other = b if paras is a else a
                involved.update((ref["doc"], i) for i, t in enumerate(paras) if t in other)
        else:
            for ref in (c["copy"], c["original"]):
                involved.add((ref["doc"], ref["paragraph"]))
    total = sum(len(p) for p in docs.values())
    langs = Counter(_lang(t) for t in (d["text"] for d in data["documents"]))
    return {
        "documents": len(docs),
        "paragraphs": total,
        "languages": dict(langs),
        "copies": dict(sorted(kinds.items())),
        "copies_within_cross": dict(where),
        "negatives": dict(sorted(negs.items())),
        "negatives_within_cross": dict(neg_where),
        "involved_share": round(len(involved) / max(1, total), 3),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: write a corpus folder and/or a snapshot file; print counts and checks."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--mb", type=float, help="size in MB (10^6 bytes)")
    size.add_argument("--kb", type=float, help="size in KB (10^3 bytes)")
    parser.add_argument("--out", type=Path, help="folder for the .txt files and labels.json")
    parser.add_argument("--snapshot", type=Path, help="JSON file with documents and labels")
    parser.add_argument("--verify", action="store_true", help="check every label")
    args = parser.parse_args(argv)
    target = int(args.kb * 1000) if args.kb else int((args.mb or 1) * MB)
    start = time.perf_counter()
    made = generate(args.seed, target)
    elapsed = time.perf_counter() - start
    print(
        f"seed {args.seed}: {made.bytes:,} bytes, {len(made.documents)} documents, {elapsed:.2f} s"
    )
    if args.out:
        made.write(args.out)
        print(f"wrote {args.out}")
    if args.snapshot:
        args.snapshot.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(made.snapshot(), ensure_ascii=False, indent=1)
        args.snapshot.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.snapshot}")
    snap = made.snapshot()
    print(json.dumps(stats(snap), ensure_ascii=False))
    if args.verify:
        problems = verify(snap)
        for p in problems[:30]:
            print("PROBLEM", p)
        print(f"{len(problems)} problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
