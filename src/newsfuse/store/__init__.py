"""The embedded store: SQLite, a versioned schema, idempotent writes."""
from newsfuse.store.sqlite import SCHEMA_VERSION, Store, StoreError

__all__ = ["Store", "StoreError", "SCHEMA_VERSION"]
