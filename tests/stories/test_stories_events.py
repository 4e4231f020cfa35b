"""Two different earthquakes in one region (fictional) are two stories; rewrites of one event join."""
from __future__ import annotations

from newsfuse.model import Article, Relation
from newsfuse.stories import cluster_articles, story_id

QUAKE_ONE = [
    ("Magnitude 6.4 earthquake strikes Ostravel, killing 31",
     ["A magnitude 6.4 earthquake struck the mountain town of Ostravel in northern Vardenia on Tuesday, killing 31 people and destroying hundreds of homes.",
      "The quake hit at 04:12 local time at a depth of 10 kilometres, the Vardenian Seismic Institute said.",
      "Governor Ilse Marrow declared a state of emergency in Ostravel province and asked for army help."]),
    ("Ostravel quake death toll reaches 31",
     ["Rescuers in Ostravel pulled survivors from collapsed buildings after Tuesday's magnitude 6.4 earthquake, which killed 31 people.",
      "Governor Ilse Marrow said the state of emergency would stay in force in Ostravel province for a week.",
      "The Vardenian Seismic Institute recorded more than 40 aftershocks."]),
    ("Strong earthquake hits northern Vardenia",
     ["At least 31 people died when a 6.4-magnitude earthquake shook Ostravel in northern Vardenia early Tuesday.",
      "Governor Ilse Marrow toured the damaged old town of Ostravel and promised new homes for those who lost theirs.",
      "The Seismic Institute said the 04:12 quake was the strongest in the province for 20 years."]),
]
QUAKE_TWO = [
    ("Magnitude 5.1 earthquake rattles Kelmsbrook, 4 dead",
     ["A magnitude 5.1 earthquake hit the coastal city of Kelmsbrook in southern Vardenia on Saturday, killing four people.",
      "The tremor struck at 22:40 local time, the Vardenian Seismic Institute said, and cut power to 60,000 homes.",
      "Mayor Tobias Renholt opened schools in Kelmsbrook as shelters for the night."]),
    ("Kelmsbrook counts damage after 5.1 quake",
     ["Engineers in Kelmsbrook inspected the harbour bridge on Sunday after Saturday's magnitude 5.1 earthquake killed four people.",
      "Mayor Tobias Renholt said power had been restored to most of the 60,000 homes left dark by the tremor.",
      "The Vardenian Seismic Institute said the quake had struck offshore at a depth of 15 kilometres."]),
    ("Four killed as earthquake shakes southern Vardenia",
     ["Four people died when a 5.1-magnitude earthquake shook Kelmsbrook in southern Vardenia late Saturday.",
      "Mayor Tobias Renholt thanked volunteers who helped clear the streets of Kelmsbrook.",
      "The Seismic Institute said the tremor was felt along the whole southern coast."]),
]


def quake_articles(first_date: str | None = "2031-03-04", second_date: str | None = "2031-08-16") -> list[Article]:
    """Three reports of each quake; ids ``one-N`` and ``two-N``."""
    articles = []
    for prefix, reports, published in (("one", QUAKE_ONE, first_date), ("two", QUAKE_TWO, second_date)):
        for index, (title, body) in enumerate(reports):
            articles.append(Article(id=f"{prefix}-{index}", source=f"{prefix}-{index}.txt", title=title,
                                    body=list(body), published=published))
    return articles


def _groups(stories) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def test_two_quakes_in_one_region_are_two_stories() -> None:
    stories = cluster_articles(quake_articles(), [])
    assert _groups(stories) == {frozenset({"one-0", "one-1", "one-2"}), frozenset({"two-0", "two-1", "two-2"})}


def test_two_quakes_stay_apart_without_dates() -> None:
    stories = cluster_articles(quake_articles(None, None), [])
    assert _groups(stories) == {frozenset({"one-0", "one-1", "one-2"}), frozenset({"two-0", "two-1", "two-2"})}


def test_story_fields_are_set() -> None:
    for story in cluster_articles(quake_articles(), []):
        assert story.id == story_id(story.articles)
        assert story.headline
        assert story.articles == sorted(story.articles)


def test_copy_relation_forces_one_story() -> None:
    articles = quake_articles()
    relation = Relation(source="two-1", target="one-0", relation="copy")
    stories = cluster_articles(articles, [relation])
    together = [s for s in stories if "one-0" in s.articles]
    assert "two-1" in together[0].articles


def test_unrelated_article_starts_its_own_story() -> None:
    articles = quake_articles() + [Article(
        id="other", source="other.txt", title="Central bank holds interest rates",
        body=["The central bank of Vardenia kept its main interest rate at 3.5 percent on Thursday, citing slowing inflation."],
        published="2031-03-05")]
    stories = cluster_articles(articles, [])
    assert frozenset({"other"}) in _groups(stories)
