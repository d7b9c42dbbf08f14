"""The adapters that call mojifix from other engines' APIs (no cluster needed here; the Ray Data
one also runs on a real cluster in test_ray.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mojifix.integrations.nemo_curator import MojifixModifier
from mojifix.integrations.ray_data import FixTextBatch

GARBLED = "cafÃ© &amp; 強(qiáng)調(diào)"
FIXED = "café & 強調"
CLEAN = "clean “text”，（好）"


def test_fix_text_batch_on_a_dict_of_lists() -> None:
    batch = {"id": [1, 2, 3], "text": [GARBLED, CLEAN, None]}
    out = FixTextBatch("text")(batch)
    assert out == {"id": [1, 2, 3], "text": [FIXED, CLEAN, None]}
    assert batch["text"][0] == GARBLED  # the input batch is not mutated


def test_fix_text_batch_on_numpy_columns_keeps_arrays() -> None:
    np = pytest.importorskip("numpy")
    batch = {"id": np.array([1, 2]), "text": np.array([GARBLED, CLEAN])}
    out = FixTextBatch("text", output_column="clean")(batch)
    assert isinstance(out["clean"], np.ndarray)
    assert out["clean"].tolist() == [FIXED, CLEAN]
    assert out["text"].tolist() == [GARBLED, CLEAN] and out["id"].tolist() == [1, 2]


def test_fix_text_batch_on_pandas_and_arrow() -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    df = pd.DataFrame({"id": [1, 2], "text": [GARBLED, CLEAN]})
    assert FixTextBatch()(df)["text"].tolist() == [FIXED, CLEAN]
    assert df["text"].tolist() == [GARBLED, CLEAN]
    table = pa.table({"id": [1, 2], "text": [GARBLED, CLEAN]})
    assert FixTextBatch()(table).to_pydict() == {"id": [1, 2], "text": [FIXED, CLEAN]}
    assert FixTextBatch(output_column="c")(table).column_names == ["id", "text", "c"]


def test_fix_text_batch_options_and_bad_input() -> None:
    assert FixTextBatch(remove_glosses=False)({"text": [GARBLED]})["text"] == ["café & 強(qiáng)調(diào)"]
    with pytest.raises(TypeError, match="dict of columns"):
        FixTextBatch()([GARBLED])
    with pytest.raises(TypeError, match="unknown mojifix option"):
        FixTextBatch(fix_everything=True)


def test_nemo_curator_modifier_protocol() -> None:
    # NeMo Curator (which pulls torch and CUDA) is not installed here: this checks the protocol its
    # Modify stage uses: modify_document(text) for a DocumentModifier, or a plain callable named by
    # __name__, applied to a pandas column with Series.apply.
    pd = pytest.importorskip("pandas")
    m = MojifixModifier()
    assert m.modify_document(GARBLED) == FIXED
    assert m.modify_document(CLEAN) == CLEAN
    assert m.name == "mojifix" and m.__name__ == "mojifix"
    df = pd.DataFrame({"text": [GARBLED, CLEAN, None]})
    df["text"] = df["text"].apply(m)
    assert df["text"].tolist()[:2] == [FIXED, CLEAN] and pd.isna(df["text"][2])  # NaN passes
    assert MojifixModifier(unescape_html=False)(GARBLED) == "café &amp; 強調"


def test_datatrove_formatter_in_a_datatrove_pipeline(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    pytest.importorskip("orjson")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from mojifix.integrations.datatrove import MojifixFormatter

    src = tmp_path / "src"
    src.mkdir()
    rows = [{"id": "a", "text": GARBLED}, {"id": "b", "text": CLEAN}]
    (src / "part.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(src)),
            MojifixFormatter(),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    out = [json.loads(line) for line in (tmp_path / "out" / "00000.jsonl").read_text().splitlines()]
    assert [(r["id"], r["text"]) for r in out] == [("a", FIXED), ("b", CLEAN)]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    formatter = next(s for s in stats if "mojifix" in s["name"])
    assert formatter["stats"]["mojifix_changed"] == 1 and formatter["stats"]["total"] == 2
