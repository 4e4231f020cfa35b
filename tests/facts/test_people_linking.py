"""People and organisations: variants merged across a story's articles, roles kept."""
from __future__ import annotations

from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.people import find_people, fold, link_people


def story_people(*texts: str) -> list:
    nlp = load_nlp()
    mentions = []
    for index, text in enumerate(texts):
        mentions.extend(find_people(f"a{index}", nlp(text)))
    link_people(mentions)
    return mentions


def people(mentions: list) -> list:
    return [m for m in mentions if m.kind == "person"]


def test_fold_merges_hyphen_space_and_accent_variants() -> None:
    assert fold("Kim Jong-un") == fold("Kim Jong Un") == "kim jong un"
    assert fold("José Ramos-Horta") == fold("Jose Ramos Horta")


def test_name_variants_and_surnames_link_to_one_person_across_articles() -> None:
    mentions = people(story_people(
        "Chancellor Peter Walsh met Kim Jong-un in Berlin on Monday. Walsh said the talks went well.",
        "Kim Jong Un's visit was brief, and Kim left on Tuesday.",
    ))
    keys = {m.mention.text: m.key for m in mentions}
    assert keys["Walsh"] == keys["Peter Walsh"] == "person:peter walsh"
    kims = {m.key for m in mentions if m.mention.text.startswith("Kim")}
    assert kims == {"person:kim jong un"}
    assert all(m.value["name"] in ("Peter Walsh", "Kim Jong-un", "Kim Jong Un") for m in mentions)


def test_surname_links_to_the_person_named_in_the_same_article() -> None:
    mentions = people(story_people(
        "Anna Smith, a nurse, spoke first.",
        "Later, Robert Smith, the mayor, arrived. Smith said he was pleased.",
    ))
    short = [m for m in mentions if m.mention.text == "Smith"]
    assert short and short[0].key == "person:robert smith"


def test_roles_from_appositives_and_titles_are_kept() -> None:
    mentions = people(story_people(
        "Maria Lopez, Interior Ministry spokeswoman, confirmed the arrests.",
        "Interior Ministry spokeswoman Maria Lopez declined to comment.",
    ))
    roles = [m.context["role"] for m in mentions]
    assert "Interior Ministry spokeswoman" in roles
    assert all(role == "Interior Ministry spokeswoman" for role in roles)
    assert len({m.key for m in mentions}) == 1
    assert mentions[0].context["roles"] == ["Interior Ministry spokeswoman"]


def test_acronym_links_to_the_organisation_it_spells() -> None:
    mentions = story_people("The World Health Organization said Monday that cases rose. The WHO also warned of shortages.")
    orgs = {m.mention.text: m for m in mentions if m.kind == "organization"}
    assert orgs["WHO"].key == orgs["The World Health Organization"].key
    assert orgs["WHO"].value["name"] == "World Health Organization"
