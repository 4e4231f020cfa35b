"""Settings: one dataclass per stage, gathered in one ``Config``."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReadConfig:
    max_bytes: int = 20_000_000  # larger inputs are refused as not being a page


@dataclass
class ExtractConfig:
    derive_missing_title: bool = True


@dataclass
class CopiesConfig:
    num_perm: int = 128
    shingle_words: int = 5
    lsh_threshold: float = 0.3


@dataclass
class StoriesConfig:
    threshold: float = 0.2
    window_days: float = 7.0


@dataclass
class FactsConfig:
    batch_size: int = 32


@dataclass
class ReconcileConfig:
    pass


@dataclass
class Config:
    read: ReadConfig = field(default_factory=ReadConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    copies: CopiesConfig = field(default_factory=CopiesConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    facts: FactsConfig = field(default_factory=FactsConfig)
    reconcile: ReconcileConfig = field(default_factory=ReconcileConfig)
