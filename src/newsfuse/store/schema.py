"""Schema migrations, in order, one list per backend; the schema version is their count.

SQLite records it in ``PRAGMA user_version``, PostgreSQL in the one-row table
``schema_version``. Migration N has the same meaning on both backends; only the
column types differ. Version 2 makes the store the system of record: articles carry
their arrival sequence, date, outlet and a ``pending`` state (2: not yet traced for
copies, 1: not yet placed in a story, 0: done); the copy-candidate index (LSH band
keys and sampled shingles, keyed by the article's ``seq``) and the copy relations
are kept; stories carry their counts and date span. Version 3 keeps each article's strongest
clustering terms (``article_terms``), through which the stories of undated articles are found;
stored articles are traced and placed again once, to fill it. Version 4 dates those rows (the
article's date), indexed by term and date, so that the stored articles a new one may share a story
with are found by their terms within its time window, not by reading the whole window; and it
indexes the articles' language, so that whether a new article has stored ones in another language to
be compared with is an index look-up. Version 5 keeps translation leads' vectors by the hash of their
text (``lead_vectors``). Version 6 keeps each article's spaCy parse (``article_parses``: compressed
``Doc.to_bytes``, by ``facts.nlp.parse_key``, the hash of the model and the exact text parsed), read
back when its story's facts are derived again instead of parsing the article again. Version 7 keeps
the finders' results with it (``article_finds``: by ``facts.kept.finds_key``, the article, its parse
and a fingerprint of the finders' code and data), read back instead of running the finders again.
"""

# Schema 1, the same on both backends.
FIRST_SCHEMA = """
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
    """

SQLITE_MIGRATIONS = [
    FIRST_SCHEMA,
    """
    ALTER TABLE articles ADD COLUMN seq INTEGER;
    ALTER TABLE articles ADD COLUMN date TEXT;
    ALTER TABLE articles ADD COLUMN language TEXT;
    ALTER TABLE articles ADD COLUMN outlet TEXT;
    ALTER TABLE articles ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
    UPDATE articles SET seq = rowid, pending = 2,
        language = coalesce(json_extract(data, '$.language'), 'en'),
        outlet = json_extract(data, '$.outlet'),
        date = coalesce(CASE WHEN length(json_extract(data, '$.dateline.date')) = 10
                             THEN json_extract(data, '$.dateline.date') END,
                        json_extract(data, '$.published'));
    CREATE UNIQUE INDEX articles_seq ON articles(seq);
    CREATE INDEX articles_date ON articles(date);
    CREATE INDEX articles_pending ON articles(pending) WHERE pending > 0;
    ALTER TABLE stories ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN first_date TEXT;
    ALTER TABLE stories ADD COLUMN last_date TEXT;
    CREATE TABLE copy_bands (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (band, key, seq)
    ) WITHOUT ROWID;
    CREATE TABLE copy_samples (
        hash INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (hash, seq)
    ) WITHOUT ROWID;
    CREATE TABLE relations (
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        kind INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (source, target)
    );
    CREATE INDEX relations_target ON relations(target)
    """,
    """
    CREATE TABLE article_terms (
        term TEXT NOT NULL,
        seq INTEGER NOT NULL,
        dated INTEGER NOT NULL,
        PRIMARY KEY (term, seq)
    ) WITHOUT ROWID;
    UPDATE articles SET pending = 2 WHERE pending = 0
    """,
    """
    ALTER TABLE article_terms ADD COLUMN date TEXT;
    UPDATE article_terms SET date = (SELECT date FROM articles WHERE articles.seq = article_terms.seq);
    CREATE INDEX article_terms_date ON article_terms(term, date);
    CREATE INDEX articles_language ON articles(language)
    """,
    """
    CREATE TABLE lead_vectors (
        hash TEXT PRIMARY KEY,
        vector BLOB NOT NULL
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE article_parses (
        text_hash TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        data BLOB NOT NULL
    )
    """,
    """
    CREATE TABLE article_finds (
        find_key TEXT PRIMARY KEY,
        data BLOB NOT NULL
    )
    """,
]

POSTGRES_MIGRATIONS = [
    FIRST_SCHEMA,
    """
    ALTER TABLE articles ADD COLUMN seq BIGINT;
    ALTER TABLE articles ADD COLUMN date TEXT;
    ALTER TABLE articles ADD COLUMN language TEXT;
    ALTER TABLE articles ADD COLUMN outlet TEXT;
    ALTER TABLE articles ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
    CREATE UNIQUE INDEX articles_seq ON articles(seq);
    CREATE INDEX articles_date ON articles(date);
    CREATE INDEX articles_pending ON articles(pending) WHERE pending > 0;
    ALTER TABLE stories ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN first_date TEXT;
    ALTER TABLE stories ADD COLUMN last_date TEXT;
    CREATE TABLE copy_bands (
        band INTEGER NOT NULL,
        key BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (band, key, seq)
    );
    CREATE TABLE copy_samples (
        hash BIGINT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (hash, seq)
    );
    CREATE TABLE relations (
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        kind INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (source, target)
    );
    CREATE INDEX relations_target ON relations(target)
    """,
    """
    CREATE TABLE article_terms (
        term TEXT NOT NULL,
        seq BIGINT NOT NULL,
        dated INTEGER NOT NULL,
        PRIMARY KEY (term, seq)
    );
    UPDATE articles SET pending = 2 WHERE pending = 0
    """,
    """
    ALTER TABLE article_terms ADD COLUMN date TEXT;
    UPDATE article_terms SET date = articles.date FROM articles WHERE articles.seq = article_terms.seq;
    CREATE INDEX article_terms_date ON article_terms(term, date);
    CREATE INDEX articles_language ON articles(language)
    """,
    """
    CREATE TABLE lead_vectors (
        hash TEXT PRIMARY KEY,
        vector BYTEA NOT NULL
    )
    """,
    """
    CREATE TABLE article_parses (
        text_hash TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        data BYTEA NOT NULL
    )
    """,
    """
    CREATE TABLE article_finds (
        find_key TEXT PRIMARY KEY,
        data BYTEA NOT NULL
    )
    """,
]

MIGRATIONS = SQLITE_MIGRATIONS  # the embedded default's list, under its old name
assert len(SQLITE_MIGRATIONS) == len(POSTGRES_MIGRATIONS)
SCHEMA_VERSION = len(SQLITE_MIGRATIONS)


def statements(script: str) -> list[str]:
    """The statements of a migration script, which holds no ``;`` but between statements."""
    return [statement for statement in script.split(";") if statement.strip()]
