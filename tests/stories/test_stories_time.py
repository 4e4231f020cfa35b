"""Stories are bounded in time, a dateline is not a topic, and a stream's recurring terms weigh less."""
from __future__ import annotations

from collections import Counter

from newsfuse.config import StoriesConfig
from newsfuse.model import Article
from newsfuse.stories import cluster_articles
from newsfuse.stories.calibration import resolve
from newsfuse.stories.features import document_terms
from newsfuse.stories.idf import IdfTable, StreamIdf
from newsfuse.stories.live import day_time_factor, pairwise_time_factor

HEARING = ["Senator Ada Krell questioned the transport minister about the rail budget on Tuesday.",
           "Krell said the rail budget of the Ministry of Transport left rural lines without money.",
           "The minister told the committee the rail budget would be reviewed."]


def _article(id_: str, published: str, body: list[str]) -> Article:
    return Article(id=id_, source=id_, title="Krell presses minister on rail budget", body=body, published=published)


def test_the_same_topic_months_apart_is_two_stories() -> None:
    spring = [_article(f"spring-{n}", "2031-03-04", HEARING) for n in range(2)]
    autumn = [_article(f"autumn-{n}", "2031-10-14", [
        "Senator Ada Krell asked the transport minister on Thursday why the rail budget cut night trains.",
        "The Ministry of Transport said the rail budget for night trains had fallen by a third.",
        "Krell said the committee would call the minister back in December."]) for n in range(2)]
    groups = {frozenset(s.articles) for s in cluster_articles(spring + autumn, [])}
    assert groups == {frozenset({"spring-0", "spring-1"}), frozenset({"autumn-0", "autumn-1"})}


def test_the_same_topic_on_the_same_days_is_one_story() -> None:
    articles = [_article("one", "2031-03-04", HEARING), _article("two", "2031-03-05", HEARING[::-1])]
    assert len(cluster_articles(articles, [])) == 1


def test_a_pair_with_one_undated_member_weighs_less_than_a_pair_dated_close_together() -> None:
    config = resolve(StoriesConfig())
    story_days = Counter({20_000: 2})
    assert day_time_factor(20_001, story_days, 2, config) == 1.0
    assert day_time_factor(None, story_days, 2, config) == config.undated_factor < 1.0
    assert pairwise_time_factor(story_days, 2, Counter(), 1, config) == config.undated_factor
    assert pairwise_time_factor(Counter(), 2, Counter(), 3, config) == 1.0  # no dates: no evidence either way
    mixed = pairwise_time_factor(Counter({20_000: 1}), 2, Counter({20_001: 1}), 1, config)
    assert mixed == (1.0 + config.undated_factor) / 2


def test_the_articles_own_day_is_not_a_term() -> None:
    article = Article(id="w", source="w", title=None, published="2031-03-04",
                      body=["MADRID, March 4 (Agency) - Talks on the port deal resumed. They began on Feb. 20."])
    _, names = document_terms(article)
    assert "d:3-4" not in names
    assert "d:2-20" in names


def test_stream_idf_lowers_a_term_as_it_recurs() -> None:
    idf = StreamIdf(IdfTable(100, {}))
    before = idf.weight("n:krell")
    for _ in range(20):
        idf.see({"n:krell"})
    assert idf.weight("n:krell") < before
    assert idf.weight("n:other") > idf.weight("n:krell")


def test_stream_idf_keeps_its_table_bounded_and_its_common_terms() -> None:
    idf = StreamIdf(IdfTable(100, {}), max_terms=10)
    for number in range(30):
        idf.see({"n:common", f"n:rare{number}"})
    assert len(idf.frequencies) <= 10
    assert idf.frequencies["n:common"] >= 20
