"""Quotes: speakers by name and pronoun, split quotes, partial quotes, quote marks."""
from __future__ import annotations

from newsfuse.facts.nlp import load_nlp
from newsfuse.facts.people import find_people, link_people
from newsfuse.facts.quotes import find_quotes, link_speakers


def quotes_of(text: str) -> list:
    doc = load_nlp()(text)
    facts = find_people("a", doc)
    link_people(facts)
    quotes = find_quotes("a", doc)
    link_speakers(quotes, facts)
    return quotes


def by_start(quotes: list, words: str):
    return next(q for q in quotes if q.text.startswith(words))


def test_pronoun_speaker_is_the_last_named_speaker_not_the_last_named_person() -> None:
    quotes = quotes_of(
        "Health Minister Laura Chen told reporters that the plan would \"save lives\", "
        "according to Prime Minister David Okafor's office.\n\n"
        "\u201cWe have worked on this for two years and we are ready to start,\u201d she said."
    )
    assert by_start(quotes, "We have worked").speaker == "Laura Chen"
    assert by_start(quotes, "We have worked").context["speaker_via"] == "pronoun"


def test_split_quote_parts_share_speaker_and_group() -> None:
    quotes = quotes_of(
        "Mayor Tom Berg spoke on Monday.\n\n"
        "\"The bridge will reopen in May,\" Berg said. \"Until then, please use the ferry.\""
    )
    first, second = by_start(quotes, "The bridge"), by_start(quotes, "Until then")
    assert first.speaker == second.speaker == "Tom Berg"
    assert first.context["group"] == second.context["group"]
    assert (first.context["part"], second.context["part"]) == (1, 2)
    assert "please use the ferry" in first.context["joined"]


def test_partial_quote_inside_reported_speech_is_kept() -> None:
    quotes = quotes_of("Police chief Ana Ruiz said the suspects \u201cmay have left the country already\u201d on Sunday.")
    quote = by_start(quotes, "may have left")
    assert quote.context["kind"] == "partial"
    assert quote.speaker == "Ana Ruiz"


def test_paragraph_spanning_quote_without_closing_mark() -> None:
    quotes = quotes_of(
        "\u201cWe will rebuild every school,\u201d Governor Sam Patel said. \u201cAnd we will do it fast.\n\n"
        "\u201cNobody will be left behind,\u201d he added."
    )
    open_one = by_start(quotes, "And we will do it fast")
    assert open_one.context["open_ended"] is True
    assert open_one.speaker == "Sam Patel"
    assert by_start(quotes, "Nobody").speaker == "Sam Patel"


def test_a_quoted_title_nobody_says_is_not_a_quote() -> None:
    assert quotes_of("The plan was first shown on \u201cThe Evening Report\u201d in May.") == []


def test_a_short_fragment_someone_is_said_to_have_said_is_a_partial_quote() -> None:
    quote = by_start(quotes_of("Mayor Tom Berg called the plan \u201cdangerous\u201d in a speech."), "dangerous")
    assert quote.context["kind"] == "partial"
    assert quote.speaker == "Tom Berg"


def test_a_teaser_headline_between_speaker_and_quote_does_not_become_the_speaker() -> None:
    quotes = quotes_of(
        "Finance Minister Laura Chen told reporters on Monday that taxes would not rise.\n\n"
        "See also Mayor Greenfield asks voters to back bond\n\n"
        "\u201cWe have no plans to change the rates this year,\u201d she said."
    )
    assert by_start(quotes, "We have no plans").speaker == "Laura Chen"


def test_two_apostrophe_quotes_and_an_inverted_attribution_after_the_close() -> None:
    quotes = quotes_of("''We take every threat seriously,'' said Ana Ruiz, president of the union.")
    assert by_start(quotes, "We take every threat").speaker == "Ana Ruiz"


def test_a_colon_lead_in_and_a_dash_signature_name_the_speaker() -> None:
    quotes = quotes_of(
        "Senator Tom Berg put it this way:\n\n\u201cThe bridge is safe and it will stay open.\u201d\n\n"
        "\u201cI will vote for whoever fixes the roads.\u201d \u2015 Maria Lopez, a nurse from Ohio"
    )
    assert by_start(quotes, "The bridge is safe").speaker == "Tom Berg"
    assert by_start(quotes, "I will vote").speaker == "Maria Lopez"


def test_a_pronoun_takes_the_last_subject_of_its_gender_by_title_or_given_name() -> None:
    quotes = quotes_of(
        "Mrs. Okafor met Governor David Patel on Monday. Patel signed the budget afterwards.\n\n"
        "\u201cThe schools will get what they asked for,\u201d she said."
    )
    assert by_start(quotes, "The schools").speaker == "Okafor"


def test_a_quoted_paragraph_after_a_reported_statement_takes_its_speaker() -> None:
    quotes = quotes_of(
        "Mayor Tom Berg said on Monday that the bridge would reopen in May.\n\n"
        "\u201cThe repairs are almost done and the inspectors are happy.\u201d"
    )
    assert by_start(quotes, "The repairs").speaker == "Tom Berg"


def test_a_name_filed_as_a_place_or_organisation_is_a_person_by_context() -> None:
    from spacy.tokens import Span

    from newsfuse.facts.speakers import people_by_context
    doc = load_nlp()("Bernie Sanders met Ana Ruiz in Boston. Sanders spoke. Sen. Bamberg spoke. "
                     "Mendel, who is 28, agreed. Boston said no.")
    labels = {"Bernie Sanders": "PERSON", "Ana Ruiz": "PERSON", "Sanders": "ORG", "Bamberg": "GPE",
              "Mendel": "GPE", "Boston": "GPE"}
    doc.ents = [Span(doc, t.i, t.i + (2 if t.text in ("Bernie", "Ana") else 1), label=labels[t.text if t.text not in
                ("Bernie", "Ana") else t.text + " " + t.nbor().text]) for t in doc
                if t.text in ("Bernie", "Ana", "Sanders", "Bamberg", "Mendel", "Boston") and not (
                    t.text == "Sanders" and t.i and t.nbor(-1).text == "Bernie")]
    people = {doc[i].text for i in people_by_context(doc)}
    assert people == {"Sanders", "Bamberg", "Mendel"}


def test_according_to_names_who_reports_the_words_of_another() -> None:
    quotes = quotes_of("The mayor spoke at a rally on Monday.\n\n"
                       "\"The bridge will reopen in May,\" Tom Berg said, according to the Daily Ledger.")
    assert "Ledger" in by_start(quotes, "The bridge").context["speaker_surface"]


def test_a_quote_after_a_reported_sentence_in_its_line_takes_that_speaker() -> None:
    quotes = quotes_of("The storm hit the town on Monday.\n\n"
                       "Tom Berg recalled how the river rose within an hour. \"We had never seen anything like it.\"")
    assert by_start(quotes, "We had never").speaker == "Tom Berg"


def test_a_surname_two_people_share_is_neither_of_their_genders() -> None:
    quotes = quotes_of("Hillary Clinton arrived in Iowa with Bill Clinton on Monday. Jordan Lee spoke first.\n\n"
                       "Clinton took questions from voters.\n\n"
                       "\u201cWe will win this state,\u201d she said.")
    assert "Clinton" in by_start(quotes, "We will win").context["speaker_surface"]


def test_a_name_opening_its_sentence_is_salient_for_a_pronoun() -> None:
    from newsfuse.facts.speakers import opens_sentence
    doc = load_nlp()("Rep. Ana Ruiz (D-Ohio), chair of the panel, did not object. Reporters asked Tom Berg.")
    ents = {ent.text: ent for ent in doc.ents if ent.label_ == "PERSON"}
    quoted = [False] * len(doc)
    assert opens_sentence(ents["Ana Ruiz"], quoted)
    assert not opens_sentence(ents["Tom Berg"], quoted)


def test_a_time_stamp_line_is_not_the_subject_of_the_next_line() -> None:
    quotes = quotes_of("The Latest on the campaign.\n\n12:15 p.m.\n"
                       "Tom Berg says the bridge will reopen \u201cin a matter of weeks\u201d after the flood.")
    assert by_start(quotes, "in a matter").speaker == "Tom Berg"


def test_a_transcript_label_opening_a_quote_names_its_speaker() -> None:
    quotes = quotes_of("Partial transcript as follows:\n\n"
                       "\"BERG: The bridge will reopen in May, and we will pay for it.\n\n"
                       "\"RUIZ: Who will pay for the ferry until then?\"")
    assert by_start(quotes, "BERG").speaker == "BERG"
    assert by_start(quotes, "RUIZ").speaker == "RUIZ"


def test_the_owner_of_a_main_subject_is_salient_for_a_pronoun() -> None:
    from newsfuse.facts.speakers import main_subject
    doc = load_nlp()("Laura Chen's letter makes the case plainly.")
    ent = next(ent for ent in doc.ents if ent.label_ == "PERSON")
    assert main_subject(ent.root)


def test_one_word_filed_as_an_organisation_that_says_something_is_a_person() -> None:
    from spacy.tokens import Span

    from newsfuse.facts.speakers import people_by_context
    doc = load_nlp()("Reynolds says the show will go on. The Ledger says the show is over. NATO says no.")
    doc.ents = [Span(doc, t.i, t.i + 1, label="ORG") for t in doc if t.text in ("Reynolds", "Ledger", "NATO")]
    assert {doc[i].text for i in people_by_context(doc)} == {"Reynolds"}
