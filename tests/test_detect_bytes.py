"""``mojifix.detect_bytes``: detection as a library call, the one road of repair_bytes and
``mojifix detect`` (issue 20), and the detector's known misses fixed (brief "detect" item 3)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from mojifix import BinaryInputError, Detection, detect_bytes
from mojifix.cli import main

RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю.\n"


# --- 1. the public call ------------------------------------------------------------------------


def test_detect_bytes_reports_encoding_confidence_alternatives_bom_and_lossy() -> None:
    d = detect_bytes(RUSSIAN.encode("cp1251"))
    assert isinstance(d, Detection)
    assert (d.encoding, d.bom, d.lossy, d.is_lossy) == ("windows-1251", None, 0, False)
    assert d.confidence > 0.25  # not a guess (mac-cyrillic reads all but the capitals the same)
    assert d.evidence and d.evidence[0].startswith("most plausible of ")
    assert d.text == RUSSIAN
    # Ranked alternatives, each (encoding, closeness, evidence), closest first, none the winner.
    assert 1 <= len(d.alternatives) <= 5
    names = [a[0] for a in d.alternatives]
    assert "windows-1251" not in names
    closeness = [a[1] for a in d.alternatives]
    assert closeness == sorted(closeness, reverse=True) and all(0 <= c < 1 for c in closeness)
    assert all("against windows-1251" in a[2] for a in d.alternatives)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.encoding = "koi8-r"  # type: ignore[misc]
    assert "text" not in repr(d) and json.loads(json.dumps(d.to_dict()))["encoding"] == "windows-1251"


@pytest.mark.parametrize(
    ("data", "encoding", "bom", "lossy", "evidence"),
    [
        (b"\xef\xbb\xbfplain", "utf-8", "utf-8", 0, ("utf-8 byte-order mark",)),
        ("a\u00e9".encode(), "utf-8", None, 0, ("valid UTF-8",)),
        (b"plain", "ascii", None, 0, ("ASCII only",)),
        ("你好".encode()[:-1], "utf-8", None, 1, ("valid UTF-8, cut inside its last character",)),
        ("caf\ufffd ok".encode(), "utf-8", None, 1, ("valid UTF-8",)),
    ],
)
def test_detect_bytes_bom_and_lossy_verdict(data: bytes, encoding: str, bom: str | None,
                                            lossy: int, evidence: tuple[str, ...]) -> None:
    d = detect_bytes(data)
    assert (d.encoding, d.bom, d.lossy, d.evidence) == (encoding, bom, lossy, evidence)
    assert d.is_lossy is (lossy > 0)


def test_detect_bytes_forced_and_refused() -> None:
    d = detect_bytes(RUSSIAN.encode("koi8-r"), encoding="koi8-r")
    assert (d.encoding, d.confidence, d.evidence) == ("koi8-r", 1.0, ("forced with --encoding",))
    with pytest.raises(BinaryInputError):
        detect_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(TypeError):
        detect_bytes("text")  # type: ignore[arg-type]


def test_repair_bytes_and_detect_command_take_the_same_road(monkeypatch, tmp_path) -> None:
    """repair_bytes decodes through detect_bytes (called once), and `mojifix detect` shows the
    very detection it repairs from."""
    import mojifix.api

    data = "Zażółć gęślą jaźń, powiedział Paweł.\n".encode("iso8859-2")
    calls = []
    real = mojifix.api.detect_bytes

    def spy(raw: bytes, *, encoding: str | None = None) -> Detection:
        calls.append(raw)
        return real(raw, encoding=encoding)

    monkeypatch.setattr(mojifix.api, "detect_bytes", spy)
    repair = mojifix.repair_bytes(data)
    assert calls == [data]
    d = detect_bytes(data)
    assert (repair.encoding, repair.confidence) == (d.encoding, d.confidence)
    assert repair.text == d.text

    (tmp_path / "pl.txt").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["detect", "--json", "pl.txt"], catch_exceptions=False)
    record = json.loads(res.stdout)["files"][0]
    assert (record["encoding"], record["confidence"]) == (d.encoding, d.confidence)
    assert record["evidence"] == list(d.evidence)
    assert record["runner_up"]["encoding"] == d.alternatives[0][0]
