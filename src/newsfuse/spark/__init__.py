"""The Spark engine: ``newsfuse run --engine spark`` runs the same stage functions inside Spark tasks.

Spark only decides where the stage code runs and how data moves between stages:

- ``inputs``: inputs read by the same readers (Parquet files with the JSONL fields are read by
  Spark itself), each document extracted in a task by the same ``extract_document``;
- ``copies``: shingles and MinHash band keys per partition (``copies.candidates.index_chunk``),
  handed to the JVM as Arrow data; LSH banding and the sampled-shingle index as one shuffle by
  (band, key), the runs paired per partition by the local ``pairs_in_runs``; only candidate pairs
  reach the driver, each verified in a task by ``copies.verify``; ``components`` finds
  independent groups by large-star/small-star over the relations;
- ``stories``: the local features in tasks (the stream's document frequencies counted per term),
  the local online clustering per time window in tasks (each replaying a lead-in before it),
  the windows' stories stitched on the driver;
- ``facts``: facts and reconciliation per story in tasks (spaCy loaded once per Python worker);
  a document that fails is one error line naming it, and the job goes on;
- ``tables``: Parquet tables of articles, relations, stories and facts in ``DIR/parquet/``;
- ``store``: with ``--db``, the run written into the store (``serve`` shows it);
- ``job``: the run itself, ending in the contract's files (``report.write_outputs``).

pyspark is an optional extra (``pip install newsfuse[spark]``); nothing here imports it at
import time of this package.
"""
from __future__ import annotations

import importlib.util
import shutil

__all__ = ["unavailable_reason"]


def unavailable_reason() -> str | None:
    """Why the Spark engine cannot run here (pyspark, its Arrow support or Java missing), or None."""
    if any(importlib.util.find_spec(name) is None for name in ("pyspark", "pyarrow", "pandas")):
        return "the Spark engine needs pyspark, pyarrow and pandas: pip install 'newsfuse[spark]'"
    if not shutil.which("java") and not _java_home():
        return "the Spark engine needs Java 17 or later (no java on PATH, no JAVA_HOME)"
    return None


def _java_home() -> str | None:
    import os

    home = os.environ.get("JAVA_HOME")
    return home if home and shutil.which("java", path=os.path.join(home, "bin")) else None
