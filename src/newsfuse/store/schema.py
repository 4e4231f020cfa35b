"""Schema migrations, in order; the schema version is their count (``PRAGMA user_version``)."""

MIGRATIONS = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY NOT NULL,
        source TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY NOT NULL,
        headline TEXT,
        data TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE INDEX story_articles_article ON story_articles(article_id);
    CREATE TABLE facts (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        fact_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (story_id, fact_id)
    );
    CREATE TABLE quotes (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        quote_id TEXT NOT NULL,
        speaker TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (story_id, quote_id)
    );
    """,
]
