"""A Spark session for a run: quiet logs, the driver's own Python for local workers."""
from __future__ import annotations

import os
import sys
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_MASTER = "local[*]"
LOG_SETTINGS = """rootLogger.level = warn
logger.spark.name = org.apache.spark
logger.spark.level = error
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = error
logger.parquet.name = org.apache.parquet
logger.parquet.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %p %c{1}: %m%n%ex
"""
SHUFFLE_PARTITIONS_PER_CORE = 4


def is_local(master: str) -> bool:
    return master.startswith("local")


def local_cores(master: str) -> int:
    """Cores a ``local[N]`` / ``local[*]`` / ``local`` master uses."""
    inside = master[master.find("[") + 1:master.find("]")] if "[" in master else "1"
    inside = inside.split(",")[0]
    return (os.cpu_count() or 1) if inside == "*" else max(int(inside), 1)


def _log_settings() -> str:
    """A log4j2 file that lets only errors through (Spark's default prints warnings and banners)."""
    path = os.path.join(tempfile.gettempdir(), f"newsfuse-spark-log4j2-{os.getuid()}-{zlib.crc32(LOG_SETTINGS.encode())}.properties")
    if not os.path.exists(path):
        with open(path + ".part", "w", encoding="utf-8") as handle:
            handle.write(LOG_SETTINGS)
        os.replace(path + ".part", path)
    return path


def submitted() -> bool:
    """Whether this process is a driver that ``spark-submit`` started (it made the JVM gateway)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


@contextmanager
def spark_session(master: str | None = None, app_name: str = "newsfuse", conf: dict[str, str] | None = None) -> Iterator:
    """A session on ``master`` (None: spark-submit's, else ``local[*]``); stopped when the block
    ends. In local mode the workers run this interpreter (so they see this installation of
    newsfuse) and Spark binds to 127.0.0.1."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master or not submitted():
        master = master or DEFAULT_MASTER
        builder = builder.master(master)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.python.worker.reuse": "true",  # spaCy and the encoder stay loaded in each worker
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={_log_settings()}",
    }
    if master and is_local(master):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        settings["spark.pyspark.python"] = sys.executable
        settings["spark.pyspark.driver.python"] = sys.executable
        settings["spark.sql.shuffle.partitions"] = str(local_cores(master) * SHUFFLE_PARTITIONS_PER_CORE)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
