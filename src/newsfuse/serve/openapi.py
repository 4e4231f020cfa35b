"""The OpenAPI 3.1 description of the JSON side of the application (written out: the routes are few)."""
from __future__ import annotations

JSON_OBJECT = {"type": "object", "additionalProperties": True}
ERROR = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}


def _json(description: str, schema: dict | None = None) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema or JSON_OBJECT}}}


def _ident(name: str, description: str) -> dict:
    return {"name": "ident", "in": "path", "required": True, "description": description, "schema": {"type": "string"}}


def _query(name: str, description: str, **schema) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": {"type": "string", **schema}}


INDEX_PARAMETERS = [
    _query("q", "full-text search: every word must occur"),
    _query("from", "earliest event date, YYYY-MM-DD", format="date"),
    _query("to", "latest event date, YYYY-MM-DD", format="date"),
    _query("outlet", "only stories with an article from this outlet"),
    _query("language", "only stories with an article in this language (ISO 639-1)"),
    _query("place", "only stories naming this place (its gazetteer id, or name:NAME)"),
    _query("person", "only stories naming or quoting this person"),
    _query("sort", "order", enum=["newest", "covered", "disputed", "relevance"]),
    {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}},
]
NOT_FOUND = {"404": _json("not in the store", ERROR)}


def _page(summary: str, ident: str | None = None, extra: dict | None = None) -> dict:
    operation = {"summary": summary, "responses": {"200": _json(summary), **NOT_FOUND, **(extra or {})}}
    if ident:
        operation["parameters"] = [_ident("ident", ident)]
    return {"get": operation}


def openapi_document(version: str) -> dict:
    """Every JSON and CSV route; each HTML page answers JSON too with ``Accept: application/json``."""
    csv = {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsfuse", "version": version,
                 "description": "Stories, articles, people and places of a newsfuse store. Every HTML page is also "
                                "JSON: add .json to its path or send Accept: application/json."},
        "paths": {
            "/index.json": {"get": {"summary": "story index with facets", "parameters": INDEX_PARAMETERS,
                                    "responses": {"200": _json("the page of stories, total and facet counts")}}},
            "/index.csv": {"get": {"summary": "story index as CSV", "parameters": INDEX_PARAMETERS,
                                   "responses": {"200": csv}}},
            "/story/{ident}.json": _page("a story: the contract's story with sources, timeline, map points",
                                         "story id"),
            "/story/{ident}/facts.csv": {"get": {"summary": "a story's facts, one row per mention",
                                                 "parameters": [_ident("ident", "story id")],
                                                 "responses": {"200": csv, **NOT_FOUND}}},
            "/article/{ident}.json": _page("an article with its stories, highlighted facts and the page chrome "
                                           "extraction dropped (article.chrome; absent in articles stored before "
                                           "it was kept)", "article id"),
            "/person/{ident}.json": _page("a person's quotations across stories", "the person's name"),
            "/place/{ident}.json": _page("a place's stories", "gazetteer id, or name:NAME"),
            "/ingest": {"post": {
                "summary": "add documents (HTML, text, JSONL, WARC) to the store and update their stories",
                "security": [{"token": []}],
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object", "properties": {
                        "files": {"type": "array", "items": {"type": "string", "contentMediaType": "application/octet-stream"}},
                        "token": {"type": "string", "description": "the write token, if not sent as a bearer token"}},
                    "required": ["files"]}}}},
                "responses": {"200": _json("the articles added and the stories now holding them"),
                              "400": _json("no files", ERROR), "401": _json("no token given", ERROR),
                              "403": _json("wrong token, or writing is off", ERROR),
                              "413": _json("upload too large", ERROR),
                              "422": _json("no document could be processed")}}},
            "/openapi.json": {"get": {"summary": "this description", "responses": {"200": _json("OpenAPI 3.1")}}},
        },
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    }
