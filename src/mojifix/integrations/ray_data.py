"""A Ray Data ``map_batches`` function that repairs one text column.

Why: people who already hold their corpus in a Ray Dataset should not have to leave it (write
files, run the CLI, read them back) to clean it. ``map_batches`` hands a function a batch of rows
as a dict of column arrays (``batch_format="numpy"``, Ray's default), a pandas DataFrame or an
Arrow table; :class:`FixTextBatch` returns the same kind of batch with the text column repaired
and every other column untouched::

    import ray
    from mojifix.integrations.ray_data import FixTextBatch

    ds = ray.data.read_json("corpus/")                    # rows with a "text" column
    ds = ds.map_batches(FixTextBatch("text"))             # add output_column="clean" to keep both
    ds.write_json("clean/")

Values that are not strings (``None``, missing) pass through unchanged. Ray itself is not
imported here: the function only needs the batch.
"""

from __future__ import annotations

from typing import Any

from ..api import fix_text
from ..config import Config


class FixTextBatch:
    """Repair ``column`` of every row of a batch with :func:`mojifix.fix_text`.

    ``config`` and keyword ``options`` are those of :func:`mojifix.fix_text`; the result goes to
    ``output_column`` (default: ``column`` itself). Instances are picklable and callable, so they
    can be passed to ``map_batches`` directly.
    """

    def __init__(
        self,
        column: str = "text",
        config: Config | None = None,
        *,
        output_column: str | None = None,
        **options: Any,
    ) -> None:
        self.column = column
        self.output_column = output_column or column
        self.config = Config.build(config, **options)

    def fix(self, value: Any) -> Any:
        """One cell: repaired when it is a string, unchanged otherwise."""
        return fix_text(value, self.config) if isinstance(value, str) else value

    def __call__(self, batch: Any) -> Any:
        if isinstance(batch, dict):
            values = batch[self.column]
            fixed = [self.fix(v) for v in values]
            out = dict(batch)
            out[self.output_column] = _same_container(values, fixed)
            return out
        module = type(batch).__module__
        if module.startswith("pandas"):
            out = batch.copy()
            out[self.output_column] = [self.fix(v) for v in batch[self.column].tolist()]
            return out
        if module.startswith("pyarrow"):
            import pyarrow as pa

            fixed = pa.array([self.fix(v) for v in batch.column(self.column).to_pylist()])
            names = batch.column_names
            if self.output_column in names:
                return batch.set_column(names.index(self.output_column), self.output_column, fixed)
            return batch.append_column(self.output_column, fixed)
        raise TypeError(
            f"FixTextBatch takes a dict of columns, a pandas DataFrame or an Arrow table, "
            f"not {type(batch).__name__}"
        )


def _same_container(values: Any, fixed: list[Any]) -> Any:
    """``fixed`` in the container type of ``values`` (a numpy array stays a numpy array)."""
    if type(values).__module__ == "numpy":
        import numpy as np

        arr = np.empty(len(fixed), dtype=object)
        arr[:] = fixed
        return arr
    return fixed
