"""The shipped calibration of the story scores (``calibration.json``)."""
from __future__ import annotations

import json
from dataclasses import fields, replace
from functools import lru_cache
from pathlib import Path

from newsfuse.config import StoriesConfig

CALIBRATION_PATH = Path(__file__).with_name("calibration.json")
CALIBRATED = ("threshold", "merge_threshold", "name_weight", "time_penalty", "cohesion_weight",
              "event_threshold", "event_merge_threshold", "event_min_size", "event_apart_size", "event_apart_threshold",
              "revise_small_size", "revise_join_threshold", "revise_margin")


@lru_cache(maxsize=1)
def shipped_calibration() -> dict:
    return json.loads(CALIBRATION_PATH.read_text(encoding="utf-8"))


def resolve(config: StoriesConfig) -> StoriesConfig:
    """``config`` with every unset scoring setting taken from the shipped calibration."""
    settings = shipped_calibration()["settings"]
    known = {f.name for f in fields(StoriesConfig)}
    missing = {name: settings[name] for name in CALIBRATED
               if name in known and getattr(config, name) is None}
    return replace(config, **missing)
