"""The CI-bounded fuzz run: a fixed number of inputs through the fuzz targets, no crash allowed.

Coverage-guided fuzzing with atheris (``fuzz/fuzz_fix_bytes.py``) finds new inputs over hours;
this test replays the same targets over a deterministic, seeded stream of mutated inputs so that
CI executes a stated number of them in seconds, plus every input that ever crashed
(``REGRESSIONS``). The count executed is printed in the test output.
"""

from __future__ import annotations

import codecs
import json
import random

import pytest

from conftest import FIXTURES
from fuzz_targets import fix_bytes_target, fix_text_target, jsonl_target

FUZZ_INPUTS = 3000
SEED = 20261128

# Byte strings the mutator splices in: the alphabet every fixer keys on.
TOKENS: tuple[bytes, ...] = (
    b"\x00", b"\x80", b"\xff", b"\xc3", b"\xc2\xa0", b"\xe2\x80", b"\xf0\x9f", b"\xed\xa0\x80",
    b"&", b"&#", b"&#x", b";", b"&amp;", b"&#59;", b"&#x3B;", b"&#0;", b"&#xD800;", b"&#1114112;",
    b"<p>", b"<!--", b"(", b")", "強(qiáng)".encode(), "調(diào".encode(), b"(dang)",
    "\u200b".encode(), "\u200c".encode(), "\u200d".encode(), "\ufeff".encode(),
    "Ã©".encode(), "â€™".encode(), "Ð¿".encode(), b"\r\n", b"\r", b"\n", "\u2028".encode(),
    codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
)

# Inputs that once broke a target (from atheris or from this run), kept forever.
REGRESSIONS: tuple[bytes, ...] = (
    b"",
    b"\x00\x00\xef\xbb\xbf\xff",            # a UTF-8 BOM followed by bytes that are not UTF-8
    b"\x00\x00\xff\xfe\x00\xd8",            # UTF-16 BOM then a lone surrogate
    b"\x00\x00\x00\x00\xfe\xff",            # UTF-32-BE BOM alone
    b"\x00\x08\xff\xfe",                     # forced encoding + a UTF-16 BOM
    b"\x00\x0f" + "強(qiáng)".encode(),        # an unknown forced codec name
    b"\xff\x00" + "強(qiáng)(qiáng)".encode(), # every fixer off, options byte >= 0x80
    b"\x00\x00text with a NUL\x00 inside\n",  # was read as UTF-16-BE (CJK soup)
    b"\x00\x00" + "안녕하세요 세계".encode().decode("latin-1").encode(),  # U+0085 inside mojibake
    b"\x00\x00" + "écrit à été ça déjà".encode() + b"\xff" + "cafÃ© \u200b".encode(),  # raw byte kept
    b"\x00\x00" + "\ud83d\udc80".encode("utf-8", "surrogatepass"),  # an encoded surrogate pair
)


def _seeds() -> list[bytes]:
    seeds: list[bytes] = []
    for path in sorted(FIXTURES.rglob("*.txt")):
        data = path.read_bytes()[:2000]
        seeds.append(data)
        text = data.decode("utf-8", "ignore")
        for enc in ("gbk", "big5", "shift_jis", "cp1251", "utf-16-le", "euc-kr"):
            seeds.append(text.encode(enc, "ignore"))
        seeds.append(text.encode("utf-8").decode("latin-1").encode("utf-8"))
    return seeds


def _mutate(rng: random.Random, data: bytes, seeds: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:  # flip a bit
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # insert a token
            buf[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and buf:  # delete a range
            buf[pos:pos + rng.randint(1, 64)] = b""
        elif op == 3:  # repeat a token many times
            buf[pos:pos] = rng.choice(TOKENS) * rng.randint(2, 200)
        elif op == 4:  # splice in part of another seed
            other = rng.choice(seeds)
            start = rng.randint(0, len(other))
            buf[pos:pos] = other[start:start + rng.randint(1, 300)]
        elif op == 5:  # truncate (cuts multi-byte characters in half)
            del buf[pos:]
        else:  # random bytes
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(buf)


def fuzz_inputs(count: int, seed: int = SEED) -> list[bytes]:
    """``count`` deterministic inputs: a 2-byte options prefix and a mutated seed."""
    rng = random.Random(seed)
    seeds = _seeds()
    out: list[bytes] = []
    for _ in range(count):
        prefix = bytes([rng.choice((0, 0, 0, rng.randrange(256))), rng.randrange(256)])
        out.append(prefix + _mutate(rng, rng.choice(seeds), seeds))
    return out


@pytest.mark.parametrize("data", REGRESSIONS, ids=lambda d: d[:12].hex() or "empty")
def test_fuzz_regressions(data):
    fix_bytes_target(data)
    fix_text_target(data)


def test_fuzz_bounded_run(capsys):
    executed = 0
    failures: list[tuple[bytes, str]] = []
    for data in fuzz_inputs(FUZZ_INPUTS):
        for target in (fix_bytes_target, fix_text_target):
            try:
                target(data)
            except Exception as exc:  # any crash is a failure; collect them all
                failures.append((data, f"{target.__name__}: {type(exc).__name__}: {exc}"))
            executed += 1
    with capsys.disabled():
        print(f"\nfuzz: {executed} target executions over {FUZZ_INPUTS} inputs, "
              f"{len(failures)} crashes")
    assert executed == 2 * FUZZ_INPUTS
    assert not failures, "\n".join(f"{d[:80]!r}: {why}" for d, why in failures[:10])


JSONL_INPUTS = 1000
JSON_TOKENS: tuple[bytes, ...] = (
    b'"', b"\\", b"\\u00e9", b"\\ud800", b"{", b"}", b"[", b"]", b",", b":", b"null", b"NaN",
    b'"text":', b'"meta":{"body":', b'"turns":[{"text":', b"\xef\xbb\xbf", b"\r\n", b"\n",
)


def _jsonl_seeds() -> list[bytes]:
    texts = []
    for path in sorted(FIXTURES.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines()[:3]:
            texts += [line, line.encode("utf-8").decode("latin-1"), line + "&amp;\u200b"]
    texts += ["強(qiáng)調(diào)", "cafÃ© &#59;", "", "clean"]
    rng = random.Random(SEED)
    seeds = []
    for i in range(0, len(texts), 4):
        records = []
        for text in texts[i:i + 4]:
            record = rng.choice([
                {"id": i, "text": text, "n": 1.5e300},
                {"meta": {"body": text, "tags": ["a", None]}, "text": 3},
                {"turns": [{"text": text}, {"text": "x"}], "z": True},
                {"text": text, "text_again": text},
            ])
            records.append(json.dumps(record, ensure_ascii=rng.random() < 0.5))
        records.append("not json {")
        seeds.append("\n".join(records).encode("utf-8") + b"\n")
    return seeds


def jsonl_inputs(count: int, seed: int = SEED) -> list[bytes]:
    """``count`` deterministic JSONL inputs: a field-choice byte and a mutated corpus."""
    rng = random.Random(seed)
    seeds = _jsonl_seeds()
    out = []
    for _ in range(count):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(0, 3)):  # keep most records valid: light mutation
            pos = rng.randint(0, len(data))
            if rng.random() < 0.5:
                data[pos:pos] = rng.choice(JSON_TOKENS + TOKENS)
            else:
                del data[pos:pos + rng.randint(1, 8)]
        out.append(bytes([rng.randrange(3)]) + bytes(data))
    return out


def test_fuzz_jsonl_bounded_run(capsys):
    pytest.importorskip("mojifix.files.jsonl", reason="the JSONL reader lands with the batch branch")
    executed = 0
    failures: list[tuple[bytes, str]] = []
    for data in jsonl_inputs(JSONL_INPUTS):
        try:
            jsonl_target(data)
        except Exception as exc:
            failures.append((data, f"{type(exc).__name__}: {exc}"))
        executed += 1
    with capsys.disabled():
        print(f"\nfuzz: {executed} JSONL inputs through repair_jsonl, {len(failures)} crashes")
    assert not failures, "\n".join(f"{d[:120]!r}: {why}" for d, why in failures[:10])
