"""Typed, directed copy relations on a small fictional story, and the hard negative:
independent reports of one event that share names, numbers and a verbatim quote."""
from dataclasses import replace

from newsfuse.copies import independent_groups, trace_copies
from newsfuse.copies.verify import compare, profile
from newsfuse.model import Article, Dateline

WIRE = [
    "MARROWBY, March 4 (Northwire) -- Emergency crews evacuated about 1,200 residents from low-lying districts "
    "of Marrowby on Tuesday after the Calder River burst its banks following two days of heavy rain, the regional "
    "emergency agency said.",
    "The agency said three bridges over the river had been closed and that water levels at the central gauge had "
    "risen by nearly two metres overnight, the fastest rise recorded at the station since it was installed in 1987.",
    "\u201cWe expect the river to peak late on Wednesday, and we are asking everyone in the marked zones to leave "
    "their homes now and not to wait for the water to reach their doors,\u201d agency spokeswoman Helena Vostrik "
    "told reporters.",
    "Forecasters had predicted up to 45 millimetres of rain for the weekend, but stations in the hills north of the "
    "town measured more than twice that amount, according to figures published by the national weather office on "
    "Tuesday morning.",
    "Schools in the affected districts will remain shut for the rest of the week, the town council said in a "
    "statement, adding that temporary shelters had been set up in two sports halls and a community centre on "
    "higher ground.",
    "Local businesses along the riverside promenade spent the night stacking sandbags, and several shop owners said "
    "they had moved their stock to upper floors after the damage caused by a smaller flood two years ago.",
    "Rail operator Westline suspended services between Marrowby and the regional capital because part of the track "
    "near the old mill was under water, and said replacement buses would run at least until Thursday.",
    "The regional government said it would release emergency funds to help households whose homes were damaged, "
    "and that insurers had been asked to send assessors to the area as soon as the water receded.",
]

INDEPENDENT = [
    "Rising water forced roughly 1,200 people out of their homes in Marrowby on Tuesday, as the Calder River "
    "overflowed after a weekend of torrential rain in the hills.",
    "Helena Vostrik, a spokeswoman for the regional emergency agency, urged residents of the evacuation zones to "
    "move quickly. \"We expect the river to peak late on Wednesday, and we are asking everyone in the marked zones "
    "to leave their homes now and not to wait for the water to reach their doors,\" she said.",
    "Three bridges were shut and trains to the regional capital were halted, with Westline laying on buses instead.",
    "Meteorologists said the hills north of Marrowby received more than double the 45 millimetres of rain that had "
    "been forecast for the weekend.",
    "Pupils in the flooded districts will stay at home for the rest of the week while two sports halls and a "
    "community centre on higher ground serve as shelters, the council said.",
]

SECOND_INDEPENDENT = [
    "The Calder River flooded parts of Marrowby on Tuesday, and about 1,200 residents were told to leave as the "
    "water kept rising through the night.",
    "\u201cWe expect the river to peak late on Wednesday, and we are asking everyone in the marked zones to leave "
    "their homes now and not to wait for the water to reach their doors,\u201d said Helena Vostrik of the regional "
    "emergency agency.",
    "According to the national weather office, the hills north of the town got more than twice the 45 millimetres "
    "forecasters had expected, and the central gauge rose by nearly two metres.",
    "Westline stopped its trains to the regional capital, and three bridges across the Calder were closed to traffic.",
]


REWRITE = [  # a rewrite of WIRE: each sentence keeps a verbatim phrase of it, none is kept whole
    "Officials in Marrowby moved about 1,200 people out of their homes on Tuesday after the Calder River burst "
    "its banks following two days of heavy rain.",
    "Three bridges over the river had been closed, and the gauge in the town centre showed the fastest rise "
    "recorded at the station since it was installed in 1987, the agency added.",
    "Up in the hills, stations measured more than twice that amount, according to figures published by the "
    "national weather office, well above what forecasters had expected.",
    "Classes are cancelled for the rest of the week, and temporary shelters had been set up in two sports halls "
    "and a community centre on higher ground, the council said.",
    "Shop owners along the promenade worked through the night, and several said they had moved their stock "
    "to upper floors to avoid a repeat of the flood two years ago.",
    "Trains to the regional capital are not running because part of the track near the old mill was under "
    "water, Westline said, with buses replacing them until Thursday.",
    "Households whose homes were damaged will get help from emergency funds, and insurers had been asked to "
    "send assessors to the area once the water goes down, the regional government said.",
]


def article(article_id: str, body: list[str], published: str | None = None, **fields) -> Article:
    return Article(id=article_id, source="test", body=body, published=published, **fields)


def relation_between(relations, a, b):
    found = [r for r in relations if {r.source, r.target} == {a, b}]
    assert len(found) <= 1
    return found[0] if found else None


def test_truncated_copy_is_an_excerpt_deriving_from_the_full_text():
    full = article("full", WIRE, "2024-03-04")
    excerpt = article("excerpt", WIRE[:2] + ["Read the full story at Northwire."], "2024-03-04")
    relations = trace_copies([full, excerpt])
    found = relation_between(relations, "full", "excerpt")
    assert found is not None and found.relation == "excerpt"
    assert found.directed and (found.source, found.target) == ("excerpt", "full")


def test_two_versions_with_their_own_paragraphs_are_typed_version():
    left = article("left", WIRE[:5] + [WIRE[6], "In a later update, officials said the evacuation order had been "
                   "extended to two more streets near the old mill and that a second shelter had opened."])
    right = article("right", WIRE[:4] + [WIRE[5], WIRE[7], "Police closed the riverside promenade to pedestrians "
                    "and asked drivers to avoid the town centre until the water level starts to fall again."])
    found = relation_between(trace_copies([left, right]), "left", "right")
    assert found is not None and found.relation == "version"
    assert not found.directed


def test_light_edit_copy_published_later_derives_from_the_earlier():
    origin = article("origin", WIRE, "2024-03-04")
    edited = [p.replace("about 1,200", "some 1,200").replace("heavy rain", "intense rain") for p in WIRE]
    edited[4] = edited[4].replace("remain shut", "stay closed")
    copy = article("copy", ["Share this article"] + edited + ["All rights reserved."], "2024-03-05")
    found = relation_between(trace_copies([origin, copy]), "origin", "copy")
    assert found is not None and found.relation == "copy"
    assert found.directed and (found.source, found.target) == ("copy", "origin")


def test_identical_text_is_a_duplicate():
    origin = article("origin", WIRE)
    twin = replace(origin, id="twin", title="Another headline")
    found = relation_between(trace_copies([origin, twin]), "origin", "twin")
    assert found is not None and found.relation == "duplicate"


def test_independent_reports_sharing_a_verbatim_quote_are_not_linked():
    articles = [article("wire", WIRE), article("other", INDEPENDENT), article("third", SECOND_INDEPENDENT)]
    relations = trace_copies(articles)
    assert relations == []
    assert independent_groups([a.id for a in articles], relations) == [["other"], ["third"], ["wire"]]


def test_shared_wire_credit_alone_does_not_link_independent_texts():
    credit = Dateline(place="MARROWBY", date=None, agency="Northwire")
    articles = [article("wire", WIRE, dateline=credit), article("other", INDEPENDENT, dateline=credit)]
    assert trace_copies(articles) == []


def test_short_reports_made_mostly_of_one_shared_quote_are_not_linked():
    quote = ("\u201cWe expect the river to peak late on Wednesday, and we are asking everyone in the marked zones to "
             "leave their homes now and not to wait for the water to reach their doors. Shelters are open in two "
             "sports halls and the community centre, and buses will take anyone who needs help,\u201d")
    first = article("first", [f"{quote} Helena Vostrik said on Tuesday."])
    second = article("second", [f"Marrowby flood update: {quote} the agency spokeswoman told local radio."])
    assert trace_copies([first, second]) == []


def test_rewrite_keeping_phrases_but_no_whole_sentence_is_not_linked():
    wire, rewrite = article("wire", WIRE), article("rewrite", REWRITE)
    evidence = compare(profile(wire, 5), profile(rewrite, 5), 5, [])
    assert min(evidence.aligned_left, evidence.aligned_right) >= 80  # long verbatim phrases are shared...
    assert evidence.kept_left == evidence.kept_right == 0  # ...but no sentence is kept whole
    assert trace_copies([wire, rewrite]) == []
