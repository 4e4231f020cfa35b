"""Train the text-dump line classifier: ``python -m newsfuse.extract.train``.

Trains on ``../shared/data/textdumps/wcxb-dev`` only (never on AEB or the
founding pages). Two passes of gradient-boosted trees: the first on each
line's own and neighbouring features, the second adds the first pass's
probabilities around the line and the line's cohesion with the main block they
mark (``cohesion.py``); the second pass learns from out-of-fold
first-pass probabilities so it sees the errors the first pass makes on
unseen sites. Folds are grouped by site (domain). Prints the cross-validated
AEB shingle F1, precision, recall and line F1, then writes the model file.
Everything is seeded: the same data and settings give the same file.

Training target (``TrainSettings.target``): WCXB's labels count lists, runs of
teaser headlines and link lists as body; a news article's body (AEB's gold, and
what a reader of the story wants) is its running prose. With ``target="news"``
a body-labelled line that lies in a run of at least ``NEWS_RUN_MIN_LINES``
consecutive body-labelled short lines without sentence-final punctuation is
relabelled 0 (``news_body_labels``). Cross-validation reports both the original
labels (against WCXB's gold body) and the training target.

Training data (``augment``, the default; needs ``pip install -e ".[train]"``): every WCXB
article page is also rendered with the two renderers its shipped dump did not draw
(``render_dumps.py``, cached outside the repo), so the models see each page in three
layouts; the renderings of a page share its site's fold, and cross-validation scores only
the shipped one-renderer dumps, so figures compare with training without them.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from newsfuse.extract.cohesion import cohesion
from newsfuse.extract.lineclassifier import MODEL_FILE, LineClassifier, TreeEnsemble
from newsfuse.extract.linefeatures import (
    CLOSING_CHARS, SENTENCE_END_CHARS, WORD, clean_lines, context_features, line_features,
)

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
DEFAULT_DATA = SHARED / "data" / "textdumps" / "wcxb-dev"
DEFAULT_WCXB = SHARED / "data" / "wcxb-dev"
DEFAULT_METADATA = DEFAULT_WCXB / "metadata.json"
DEFAULT_CACHE = Path("/tmp/newsfuse-aug")
THRESHOLD_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
DEFAULT_OUT = Path(__file__).resolve().parent / "models" / MODEL_FILE
TARGETS = ("wcxb", "news")
NEWS_RUN_MIN_LINES = 3  # this many short unpunctuated body lines in a row read as a list or teasers
NEWS_SHORT_MAX_WORDS = 12  # a line of at most this many words is short


@dataclass(frozen=True)
class TrainSettings:
    """Every setting that shapes the shipped model."""

    seed: int = 20261122
    folds: int = 3
    max_iter: int = 40  # 40 trees of depth 5: CV F1 within 0.003 of 60 x 6, ~45% fewer node steps
    learning_rate: float = 0.15
    max_leaf_nodes: int = 31
    max_depth: int = 5
    min_samples_leaf: int = 40
    l2_regularization: float = 1.0
    threshold: float = 0.5  # used as is without cross-validation
    pick_threshold: bool = True  # with cross-validation: the grid's threshold of best CV shingle F1 on the target
    threads: int = 1
    target: str = "news"  # one of TARGETS: the labels the models learn (see the module docstring)
    augment: bool = True  # also learn from each page rendered by the other two renderers (the "train" extra)


@dataclass
class Page:
    id: str
    site: str
    lines: list[str]
    labels: np.ndarray
    gold_body: str
    renderer: str = ""
    original: bool = True  # the shipped dump (scored in cross-validation), not an added rendering
    news: np.ndarray | None = None  # ``news_body_labels`` of the page
    features: np.ndarray | None = None


def _runs_at_least(flags: np.ndarray, min_length: int) -> np.ndarray:
    """Whether each position lies in a run of at least ``min_length`` consecutive true ``flags``."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    out = np.zeros(len(flags), dtype=bool)
    for start, end in zip(edges[0::2], edges[1::2]):
        out[start:end] = end - start >= min_length
    return out


def news_body_labels(lines: list[str], labels: np.ndarray) -> np.ndarray:
    """WCXB labels narrowed to a news body: body lines in a run of ``NEWS_RUN_MIN_LINES`` or
    more body lines that are short and end without a sentence mark (list items, teaser
    headlines, link lists) become 0."""
    short = np.array([len(WORD.findall(line)) <= NEWS_SHORT_MAX_WORDS
                      and line.rstrip(CLOSING_CHARS)[-1:] not in SENTENCE_END_CHARS for line in lines], dtype=bool)
    listed = _runs_at_least(short & (labels == 1), NEWS_RUN_MIN_LINES)
    return np.where(listed, 0, labels).astype(np.int8)


def load_pages(data_dir: Path, metadata: Path, limit: int | None = None) -> list[Page]:
    """Labelled pages of a text-dump folder, with their site for grouping."""
    sites = {key: value.get("domain", key) for key, value in json.loads(metadata.read_text())["files"].items()}
    pages = []
    for path in sorted(data_dir.glob("*.json"))[:limit]:
        if path.name in ("label_quality.json",):
            continue
        info = json.loads(path.read_text())
        raw = path.with_suffix(".txt").read_text(encoding="utf-8").split("\n")
        lines, numbers = clean_lines(raw)
        labels = np.array([info["labels"][n - 1] for n in numbers], dtype=np.int8)
        pages.append(Page(info["id"], sites.get(info["id"], info["id"]), lines, labels, info["gold_body"],
                          info.get("renderer", "")))
    return pages


def augmented_pages(originals: list[Page], cache: Path, wcxb_dir: Path, metadata: Path) -> list[Page]:
    """The ``originals`` rendered by the renderers their shipped dumps did not draw."""
    from newsfuse.extract.render_dumps import render_all

    by_id = {page.id: page for page in originals}
    added = []
    for folder in render_all(wcxb_dir, cache):
        for page in load_pages(folder, metadata):
            original = by_id.get(page.id)
            if original is not None and original.renderer != folder.name:
                added.append(replace(page, original=False))
    return added


def _booster(settings: TrainSettings):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=settings.max_iter, learning_rate=settings.learning_rate,
        max_leaf_nodes=settings.max_leaf_nodes, max_depth=settings.max_depth,
        min_samples_leaf=settings.min_samples_leaf, l2_regularization=settings.l2_regularization,
        early_stopping=False, random_state=settings.seed,
    )


def _fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, settings: TrainSettings) -> TreeEnsemble:
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=settings.threads):  # OpenMP threads thrash on a shared machine
        return TreeEnsemble.from_sklearn(_booster(settings).fit(x, y, sample_weight=weight))


def line_weights(page: Page, mean_lines: float) -> np.ndarray:
    """Every page weighs the same, and within a page a line weighs by its words, as the
    shingle metric counts words, not lines."""
    words = np.array([len(WORD.findall(line)) + 1 for line in page.lines], dtype=float)
    return words / words.sum() * mean_lines


def site_folds(pages: list[Page], settings: TrainSettings) -> np.ndarray:
    """Fold number of each page; every site's pages share one fold."""
    sites = sorted({page.site for page in pages})
    order = np.random.default_rng(settings.seed).permutation(len(sites))
    fold_of_site = {sites[i]: rank % settings.folds for rank, i in enumerate(order)}
    return np.array([fold_of_site[page.site] for page in pages])


def _learned(page: Page, settings: TrainSettings) -> np.ndarray:
    """The labels the models learn for ``page`` under ``settings.target``."""
    return page.news if settings.target == "news" else page.labels


def _stack(pages: list[Page], chosen: np.ndarray, blocks: list[np.ndarray],
           settings: TrainSettings) -> tuple[np.ndarray, ...]:
    index = np.flatnonzero(chosen)
    mean_lines = float(np.mean([len(page.lines) for page in pages]))
    return (np.vstack([blocks[i] for i in index]), np.concatenate([_learned(pages[i], settings) for i in index]),
            np.concatenate([line_weights(pages[i], mean_lines) for i in index]))


def _fit_all(jobs: list[tuple[np.ndarray, ...]], settings: TrainSettings, n_jobs: int) -> list[TreeEnsemble]:
    """Fit one model per (features, labels, weights) job, in ``n_jobs`` processes; same result as in one."""
    if n_jobs <= 1:
        return [_fit(*job, settings) for job in jobs]
    from joblib import Parallel, delayed

    return Parallel(n_jobs=n_jobs)(delayed(_fit)(*job, settings) for job in jobs)


def fold_and_final_models(pages: list[Page], blocks: list[np.ndarray], folds: np.ndarray,
                          settings: TrainSettings, n_jobs: int, with_folds: bool = True):
    """Out-of-fold probabilities per page (each from a model trained on the other folds)
    and the model trained on every page."""
    everything = np.ones(len(pages), dtype=bool)
    chosen = ([folds != fold for fold in range(settings.folds)] if with_folds else []) + [everything]
    models = _fit_all([_stack(pages, mask, blocks, settings) for mask in chosen], settings, n_jobs)
    print(f"  {len(models)} models fitted", flush=True)
    out_of_fold: list[np.ndarray] = [np.zeros(0)] * len(pages)
    for fold, model in enumerate(models[:-1]):
        for i in np.flatnonzero(folds == fold):
            out_of_fold[i] = model.probability(blocks[i])
    return out_of_fold, models[-1]


def report(pages: list[Page], probabilities: list[np.ndarray], threshold: float, label: str,
           on_news: bool = False) -> dict[str, float]:
    """AEB shingle metrics and line F1 of the kept lines against WCXB's gold body and labels,
    or with ``on_news`` against the lines of the news-body labels."""
    from newsfuse.eval._aeb_metric import aeb_metrics, shingle_match

    matches, tp, fp, fn = [], 0, 0, 0
    for page, probability in zip(pages, probabilities):
        keep = probability > threshold
        text = np.array(page.lines, dtype=object)
        labels = page.news if on_news else page.labels
        gold = "\n".join(text[labels == 1]) if on_news else page.gold_body
        matches.append(shingle_match(gold, "\n".join(text[keep])))
        tp += int((keep & (labels == 1)).sum())
        fp += int((keep & (labels == 0)).sum())
        fn += int((~keep & (labels == 1)).sum())
    metrics = aeb_metrics(matches)
    metrics["line_f1"] = 2 * tp / max(2 * tp + fp + fn, 1)
    label += " [news labels]" if on_news else " [wcxb gold]"
    print(f"{label}: pages {len(pages)}  shingle F1 {metrics['f1']:.4f}  P {metrics['precision']:.4f}  "
          f"R {metrics['recall']:.4f}  line F1 {metrics['line_f1']:.4f}", flush=True)
    return metrics


def _shipped(pages: list[Page], probabilities: list[np.ndarray]) -> tuple[list[Page], list[np.ndarray]]:
    """The shipped dumps among ``pages`` and their probabilities: what cross-validation scores."""
    scored = [i for i, page in enumerate(pages) if page.original]
    return [pages[i] for i in scored], [probabilities[i] for i in scored]


def train(pages: list[Page], settings: TrainSettings, evaluate: bool = True, n_jobs: int = 1) -> LineClassifier:
    """Both passes on every page; with ``evaluate``, also the site-grouped cross-validation."""
    for page in pages:
        page.features = line_features(page.lines)
        page.news = news_body_labels(page.lines, page.labels)
    folds = site_folds(pages, settings)
    firsts = [page.features for page in pages]
    first_probs, first = fold_and_final_models(pages, firsts, folds, settings, n_jobs)
    if evaluate:
        report(*_shipped(pages, first_probs), settings.threshold, "cv first pass")
    seconds = [context_features(f, p, cohesion(page.lines, p)) for f, p, page in zip(firsts, first_probs, pages)]
    second_probs, second = fold_and_final_models(pages, seconds, folds, settings, n_jobs, with_folds=evaluate)
    threshold = settings.threshold
    if evaluate:
        shipped, second_probs = _shipped(pages, second_probs)
        on_gold = {t: report(shipped, second_probs, t, f"cv second pass, threshold {t:.2f}")["f1"]
                   for t in THRESHOLD_GRID}
        on_news = {t: report(shipped, second_probs, t, f"cv second pass, threshold {t:.2f}", on_news=True)["f1"]
                   for t in THRESHOLD_GRID}
        scores = on_news if settings.target == "news" else on_gold
        threshold = max(scores, key=scores.get) if settings.pick_threshold else threshold
        print(f"threshold {threshold:.2f}", flush=True)
    return LineClassifier(first, second, threshold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--metadata", type=Path, default=DEFAULT_METADATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--limit", type=int, help="train on the first N pages only (quick checks)")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    parser.add_argument("--jobs", type=int, default=1, help="fit the folds in this many processes")
    parser.add_argument("--target", choices=TARGETS, help="override the training target (experiments)")
    parser.add_argument("--max-iter", type=int, help="override the trees per pass (experiments)")
    parser.add_argument("--max-depth", type=int, help="override the tree depth (experiments)")
    parser.add_argument("--seed", type=int, help="override the seed of folds and trees (experiments)")
    parser.add_argument("--no-augment", dest="augment", action="store_false", default=None,
                        help="train on the shipped one-renderer dumps only (no 'train' extra needed)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder for the rendered dumps")
    parser.add_argument("--wcxb", type=Path, default=DEFAULT_WCXB, help="WCXB HTML and gold, rendered for augmented training")
    args = parser.parse_args(argv)
    import joblib

    overrides = {"target": args.target, "max_iter": args.max_iter, "max_depth": args.max_depth, "seed": args.seed,
                 "augment": args.augment}
    settings = replace(TrainSettings(), **{key: value for key, value in overrides.items() if value is not None})
    started = time.perf_counter()
    pages = load_pages(args.data, args.metadata, args.limit)
    if settings.augment:
        pages += augmented_pages(pages, args.cache, args.wcxb, args.metadata)
    print(f"{len(pages)} pages, {sum(len(p.lines) for p in pages)} lines, "
          f"{len({p.site for p in pages})} sites; settings {asdict(settings)}", flush=True)
    classifier = train(pages, settings, evaluate=not args.no_cv, n_jobs=args.jobs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(classifier.to_dict(), args.out, compress=3)
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
