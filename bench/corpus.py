"""Generated benchmark text: clean mixed-script prose, and the same prose garbled.

Nothing here is stored: every benchmark builds its data at run time from these sentence pools,
with a fixed seed, so the numbers are reproducible and the repository stays small.
"""

from __future__ import annotations

import random

SENTENCES = {
    "en": [
        "The committee met on Tuesday to review the budget for the coming year.",
        "Researchers found that the new method reduced errors by almost a third.",
        "She said the results were “encouraging” but that more work was needed.",
        "Prices rose 3.2% in March, the fastest pace since 2019 (see Table 4).",
        "It's a long road from the station to the old harbour, about 12 km.",
    ],
    "zh": [
        "我们在“乱码”问题上花了很多时间，（括号）里的内容也要保留。",
        "师市党委书记强调，要加快推进团镇组团经济发展工作。",
        "步行(walking)是人类运动的基本方式，数字(2023)和英文(Clinical Trial)保持不变。",
        "這座城市的歷史可以追溯到兩千多年前，當時它是重要的貿易中心。",
        "研究人员发现，新方法将错误率降低了将近三分之一。",
    ],
    "ja": [
        "東京の天気は晴れのち曇り、最高気温は二十五度の予想です。",
        "新しい方法で誤りがほぼ三分の一減ったと研究者は述べた。",
        "「文字化け」の問題は、エンコーディングの取り違えから起こります。",
    ],
    "ru": [
        "Комитет собрался во вторник, чтобы рассмотреть бюджет на следующий год.",
        "Исследователи обнаружили, что новый метод сократил ошибки почти на треть.",
        "Она сказала, что результаты «обнадёживают», но работы ещё много.",
    ],
    "ar": [
        "اجتمعت اللجنة يوم الثلاثاء لمراجعة ميزانية العام المقبل.",
        "وجد الباحثون أن الطريقة الجديدة قللت الأخطاء بنحو الثلث.",
        "قالت إن النتائج مشجعة لكن هناك حاجة إلى مزيد من العمل.",
    ],
}

# Glossed page (the user's case): hanzi followed by their toned reading.
GLOSSED = [
    "師市黨委書記、政委丁翊強(qiáng)調(diào)研團(tuán)鎮(zhèn)組團(tuán)經(jīng)濟(jì)發(fā)展工作。",
    "會議指出，要堅(jiān)持問題導(dǎo)向，推動(dòng)各項(xiàng)工作落實(shí)。",
]


def clean_text(size: int, seed: int = 1) -> str:
    """About ``size`` UTF-8 bytes of clean mixed-script prose, in paragraphs."""
    rng = random.Random(seed)
    langs = list(SENTENCES)
    out: list[str] = []
    n = 0
    while n < size:
        lang = rng.choice(langs)
        para = " ".join(rng.choice(SENTENCES[lang]) for _ in range(rng.randint(2, 6))) + "\n"
        out.append(para)
        n += len(para.encode("utf-8"))
    return "".join(out)


def garble(para: str, kind: str) -> str:
    if kind == "cp1252":
        return para.encode("utf-8").decode("windows-1252", errors="replace")
    if kind == "entities":
        return para.replace(" ", "&nbsp;", 2).replace(",", "&#44;").replace("\u3002", "&#x3002;") + " &amp; more"
    if kind == "zero-width":
        return "\u200b".join(para[i : i + 3] for i in range(0, len(para), 3))
    raise ValueError(kind)


def garbled_text(size: int, seed: int = 2) -> str:
    """About ``size`` UTF-8 bytes where every paragraph is damaged in one way: UTF-8 read as
    windows-1252 (English, Russian), a glossed Chinese page, entity spam, zero-width spam."""
    rng = random.Random(seed)
    out: list[str] = []
    n = 0
    while n < size:
        kind = rng.choice(["cp1252", "glossed", "entities", "zero-width"])
        if kind == "glossed":
            para = "".join(rng.choice(GLOSSED) for _ in range(rng.randint(2, 5))) + "\n"
        else:
            lang = rng.choice(["en", "ru", "zh"] if kind == "cp1252" else list(SENTENCES))
            base = " ".join(rng.choice(SENTENCES[lang]) for _ in range(rng.randint(2, 5)))
            para = garble(base, kind) + "\n"
        out.append(para)
        n += len(para.encode("utf-8"))
    return "".join(out)


ADVERSARIAL = {"(": "(", "Ã": "Ã", "&#": "&#", "?": "?", "mixed": "Ã(&#?\u200b字(xiàn"}


def adversarial_text(kind: str, size: int) -> str:
    """``size`` bytes (roughly) of one pathological run, the shape regexes choke on."""
    unit = ADVERSARIAL[kind]
    return unit * (size // len(unit.encode("utf-8")))
