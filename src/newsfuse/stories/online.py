"""Online assignment: each article joins the closest live story or starts one."""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from newsfuse.config import StoriesConfig
from newsfuse.model import Article


class OnlineClusterer:
    """Single-pass clustering over hashed TF vectors against story centroids."""

    def __init__(self, config: StoriesConfig):
        self.config = config
        self.vectorizer = HashingVectorizer(n_features=2**18, stop_words="english",
                                            alternate_sign=False, norm="l2")
        self.centroids: list[np.ndarray] = []
        self.members: list[list[str]] = []
        self.story_of: dict[str, int] = {}

    def add(self, article: Article) -> int:
        vector = self.vectorizer.transform([f"{article.title or ''}\n{article.text}"]).toarray()[0]
        best, best_score = -1, self.config.threshold
        for index, centroid in enumerate(self.centroids):
            if not self.members[index]:
                continue
            score = float(vector @ centroid) / (np.linalg.norm(centroid) or 1.0)
            if score >= best_score:
                best, best_score = index, score
        if best < 0:
            self.centroids.append(vector)
            self.members.append([])
            best = len(self.centroids) - 1
        else:
            self.centroids[best] = self.centroids[best] + vector
        self.members[best].append(article.id)
        self.story_of[article.id] = best
        return best

    def merge_articles(self, left: str, right: str) -> None:
        a, b = self.story_of.get(left), self.story_of.get(right)
        if a is None or b is None or a == b:
            return
        self.centroids[a] = self.centroids[a] + self.centroids[b]
        for member in self.members[b]:
            self.story_of[member] = a
        self.members[a].extend(self.members[b])
        self.members[b] = []

    def clusters(self) -> list[list[str]]:
        return [m for m in self.members if m]
