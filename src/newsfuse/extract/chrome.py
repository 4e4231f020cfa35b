"""Page chrome that reads the same in any article: shared by the HTML and text-dump paths.

Inserted links, credits, list headings, comment prompts, contributor lines,
author bios, bare labels: patterns (general multilingual word
lists only) and the tests that apply them to one paragraph or line at a time, so
a page costs one match per kept paragraph, never a scan of the whole page.
"""
from __future__ import annotations

import re

SENTENCE_END = (".", "!", "?", "。", "！", "？", "\"", "”", "’", "'", ")", "…", "»")
MAX_INSERTED_WORDS = 20  # inserted links and credits are short
MAX_PROMOTION_WORDS = 60  # a newsletter, subscription or app prompt takes a sentence or two
MAX_TRAILING_WORDS = 30
MAX_BIO_WORDS = 120
MAX_COMMENT_PROMPT_WORDS = 15
CONTRIBUTOR_REACH = 3  # contributor lines sit among the last paragraphs
MAX_CONTRIBUTOR_WORDS = 40

INSERTED_LINK = re.compile(
    r"^\W*(?:related(?: articles?| stories| posts?| content| coverage)?|read more|read also|also read|"
    r"see also|more from|recommended(?: for you)?|you (?:may|might) also like|sponsored|advertisement|"
    r"click here|subscribe|sign up|follow us|share (?:this|on))\b", re.I)
# The publisher asking the reader to subscribe, sign up, log in, donate or get its app; matched anywhere
# in a short paragraph. A general list of prompts, with no site's or product's name.
PROMOTION = re.compile(
    r"\b(?:sign up (?:for|to) (?:our|the|a)\b[^.]{0,60}\bnewsletters?|newsletters?\b[^.?!]{0,80}"
    r"(?:\b(?:in|to) your inbox|\bsign up\b)|delivered (?:straight |directly |right )?to your inbox"
    r"|subscribe (?:now|today|here)|by subscribing|consider (?:subscribing|supporting)"
    r"|support (?:our|independent|quality) (?:journalism|mission|reporting|work)"
    r"|already (?:a subscriber|have an account)\s*\?|(?:log|sign) in to (?:continue|read)"
    r"|unlock (?:this|the full) (?:article|story)|exclusive(?:ly)? (?:to|for) [^.]{0,30}subscribers"
    r"|listen to this (?:article|story)|(?:^|(?<=[.!?] ))(?:download|get) (?:the|our) [^.]{0,40}\bapp\b"
    r"|check your (?:email|inbox) to (?:confirm|complete)"
    r"|newsletter abonnieren|jetzt abonnieren|abonnez-vous|inscrivez-vous à (?:notre|la) newsletter"
    r"|suscr[íi]bete|iscriviti alla newsletter|assine (?:a|nossa) newsletter|подпишитесь)",
    re.IGNORECASE,
)
# Every prompt above holds one of these (lower case): a cheap gate before the pattern.
PROMOTION_CUES = ("newsletter", "inbox", "subscri", "support", "already", " in to ", "unlock", "listen", "app",
                  "check your", "abonn", "suscr", "подпиш")
TRAILING_CHROME = re.compile(r"(?:©|copyright|all rights reserved|^tags?:|^filed under|^topics?:)", re.I)
# Lines that open like this are inserted links, credits or page furniture, in any article.
CHROME_OPENING = re.compile(
    r"(?:see also|read more|read also|also read|more from|source link|more articles|more like this"
    r"|related(?: articles| stories| posts| content| news)?\s*(?::|$)|latest articles?\s*(?::|$)"
    r"|(?:advertisement|sponsored(?: content)?)\s*(?::|-|$)|click here|share this|follow us|sign up\b"
    r"|(?:photo|image|video|credit|graphic)s?\s*:|copyright\s*(?:©|\(c\)|\d{4})|©|all rights reserved"
    r"|tags?\s*:|filed under)",
    re.IGNORECASE,
)
# Headings that announce a list of other articles; once one appears, the body has ended unless
# long prose follows. A general multilingual list, matched against the whole (short) line.
LIST_HEADING = re.compile(
    r"(?:more like this|latest(?: articles?| news| stories| posts)?|related(?: articles?| stories| posts"
    r"| content| news| coverage| links| reading)?|read (?:more|also|next)|also read|see also|source link"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|most (?:read|popular|viewed|shared)"
    r"|recommended(?: for you| stories| articles| reading)?|more (?:stories|news|articles|from \w.*|on \w.*)"
    r"|trending(?: now| stories)?|popular (?:stories|posts|articles)|top stories|further reading|editor'?s picks"
    r"|lesen sie auch|mehr zum thema|weitere artikel|das könnte sie auch interessieren"
    r"|(?:à )?lire aussi|sur le même sujet|articles similaires|dans la même rubrique"
    r"|te puede interesar|noticias relacionadas|más noticias|lee también|leia também|notícias relacionadas"
    r"|leggi anche|articoli correlati|читайте также|похожие новости|новости по теме"
    r"|相关新闻|相关文章|推荐阅读|热门文章|热门新闻|관련\s?기사|많이 본 뉴스|추천 기사)\s*[:：.»›>]?\s*$",
    re.IGNORECASE,
)
# A photo credit or caption label ("Photo: Jane Doe / AP"), or a gallery counter ("Image 1 of 8").
CREDIT_LINE = re.compile(
    r"^(?:photo|image|picture|video|credit|caption|foto|bild)s?(?:\s+credits?)?\s*[:：]\s*[A-Z©@(]"
    r"|^(?:image|photo|slide|picture)\s*\d+\s*(?:of|/)\s*\d+$",
    re.IGNORECASE,
)
# Who reported, edited or contributed; where the wire copy came from.
CONTRIBUTOR_LINE = re.compile(
    r"(?:contributed (?:to )?(?:this )?report(?:ing)?|(?:additional )?reporting by|editing by|compiled by)\b"
    r"|^\(?sources?\s*:",
    re.IGNORECASE,
)
# What a bio says its subject is ("... is a freelance writer").
BIO_ROLES = "writer|editor|reporter|journalist|correspondent|author|contributor|columnist|producer|freelancer"
# "Jane Doe is a freelance writer ...": the author's bio closing a page.
AUTHOR_BIO = re.compile(
    rf"^(?:[A-Z][\w.'’-]+\s){{1,3}}(?:is|was)\s(?:a|an|the)\s(?:[\w-]+\s){{0,6}}(?:{BIO_ROLES}|curator|director)\b"
)
# Lines after which an article has ended: "About the author", "End of article", "Share this:",
# "View all posts by ...", in a few languages; matched against the whole (short) line.
CLOSING_HEADING = re.compile(
    r"\W*(?:about (?:the )?(?:authors?|writers?|reporters?)|end of (?:the )?(?:article|story)"
    r"|share (?:this|the) (?:article|story|post)|share this|(?:view|see|read) (?:all|more) (?:articles|posts|stories)"
    r" (?:by|from) .{0,40}|more (?:articles|stories|posts) (?:by|from) (?:this |the )?(?:author|writer)"
    r"|author(?:'s)? (?:bio|profile)|über (?:den|die) autor(?:in)?|à propos de l'auteur|sobre (?:el|la|o|a) autora?)"
    r"\s*[:：]?\s*",
    re.IGNORECASE,
)
CLOSING_HEADING_MAX_CHARS = 80
# A copyright line, a request to contact the writer, or who wrote and produced the story: credits that close it.
CLOSING_CREDIT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*\d{4}|all rights reserved"
    r"|^(?:contact|reach|email) (?:the )?(?:staff )?(?:writer|reporter|author|editor)\b"
    r"|^this (?:story|article|report)\b.{0,120}\b(?:was|is) (?:written|reported|produced) by\b",
    re.IGNORECASE,
)
# "Jane Doe is a freelance writer ...": a bio that opens with a full name (two or three capitalised words).
PERSON_BIO = re.compile(
    r"^[A-Z][\w'’-]+\s(?:[A-Z]\.\s)?[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?,?\s(?:is|was|has been)\s(?:a|an|the)\s"
    rf"(?:[\w-]+\s){{0,6}}(?:{BIO_ROLES}|analyst)\b"
)
# What follows the author's name at the start of a bio ("Jane Doe, MD, is a ...", "Jane has covered").
BIO_VERB = r"(?:,[^.]{0,80}?,)?\s+(?:is|was|has|had|holds|joined|covers|writes|leads|lives|serves|works|worked)\b"
BIO_REACH = 3  # a bio sits among the last paragraphs
MIN_FIRST_NAME_CHARS = 3
# A bare label of one to three words ("Comments", "Tags", "Explore further").
BARE_LABEL = re.compile(r"[^\W\d_]+(?:\s[^\W\d_]+){0,2}")
BARE_LABEL_MAX_CHARS = 25
# Prompts to comment on or share the page ("Tell us what you think", "Share it with a friend!").
COMMENT_PROMPT = re.compile(
    r"\b(?:post (?:a |your )?comments?|leave a (?:comment|reply)|share (?:it|this)|tell us|let us know"
    r"|what do you think|join the (?:conversation|discussion))\b",
    re.IGNORECASE,
)


def word_count(text: str) -> int:
    """Words in a single-spaced, stripped line or paragraph (as both paths clean them), without a split."""
    return text.count(" ") + 1 if text else 0


def is_inserted_chrome(paragraph: str) -> bool:
    """A related link, promotion or photo credit inside the text."""
    words = word_count(paragraph)
    if words > MAX_PROMOTION_WORDS:
        return False
    return bool((words <= MAX_INSERTED_WORDS and (INSERTED_LINK.match(paragraph) or CREDIT_LINE.match(paragraph)))
                or is_promotion(paragraph))


def is_promotion(paragraph: str) -> bool:
    """The publisher's prompt to subscribe, sign up, log in, donate or get its app."""
    lowered = paragraph.lower()
    for cue in PROMOTION_CUES:  # a plain loop: twice as fast as any() over a generator
        if cue in lowered:
            return PROMOTION.search(paragraph) is not None
    return False


def is_closing_marker(paragraph: str) -> bool:
    """A line that closes an article: a closing heading, an author's bio, a closing credit or the
    publisher's prompt."""
    words = word_count(paragraph)
    return ((len(paragraph) <= CLOSING_HEADING_MAX_CHARS and CLOSING_HEADING.fullmatch(paragraph) is not None)
            or (words <= MAX_BIO_WORDS and PERSON_BIO.match(paragraph) is not None)
            or (words <= MAX_PROMOTION_WORDS and (CLOSING_CREDIT.search(paragraph) is not None
                                                  or is_promotion(paragraph))))


def is_trailing_chrome(paragraph: str) -> bool:
    """Copyright, tags, an author bio, a comment prompt or a bare label ("Comments") closing the text."""
    words = word_count(paragraph)
    return ((words <= MAX_TRAILING_WORDS and TRAILING_CHROME.search(paragraph))
            or (words <= MAX_COMMENT_PROMPT_WORDS and COMMENT_PROMPT.search(paragraph))
            or (words <= MAX_BIO_WORDS and AUTHOR_BIO.match(paragraph))
            or (len(paragraph) <= BARE_LABEL_MAX_CHARS and BARE_LABEL.fullmatch(paragraph) is not None))


def author_bio_start(paragraphs: list[str], names: list[str]) -> int | None:
    """Position of the bio that closes the text: one of the last paragraphs (never the first)
    opening with a byline name, full or first ("Jane Doe is ...", "Jane has ..."); None if none."""
    keys = {key for name in names for key in (name, name.split()[0])
            if len(key) >= MIN_FIRST_NAME_CHARS and key[:1].isupper()}
    openings = tuple(keys)
    candidates = [position for position in range(max(1, len(paragraphs) - BIO_REACH), len(paragraphs))
                  if paragraphs[position].startswith(openings) and word_count(paragraphs[position]) <= MAX_BIO_WORDS]
    if not candidates:  # a bio opens with a name: most pages need no pattern of their names
        return None
    opening = re.compile("(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + ")" + BIO_VERB)
    return next((position for position in candidates if opening.match(paragraphs[position])), None)


def is_edge_chrome(paragraph: str, index: int, count: int) -> bool:
    """A contributor line among the very last paragraphs."""
    return (index >= count - CONTRIBUTOR_REACH and word_count(paragraph) <= MAX_CONTRIBUTOR_WORDS
            and CONTRIBUTOR_LINE.search(paragraph) is not None)


def kept_after_edge_chrome(paragraphs: list[str]) -> list[int]:
    """Positions in ``paragraphs`` kept once contributor lines at the end, then trailing chrome,
    are dropped."""
    count = len(paragraphs)
    kept = [i for i, paragraph in enumerate(paragraphs) if not is_edge_chrome(paragraph, i, count)]
    while len(kept) > 1 and is_trailing_chrome(paragraphs[kept[-1]]):
        kept.pop()
    return kept
# The heading of a page's comment section ("12 Comments", "Leave a Reply"), in a few languages.
COMMENTS_HEADING = re.compile(
    r"(?:\d+\s+)?(?:comments?|leave a (?:reply|comment)|post a comment|add a comment|reader comments"
    r"|join the (?:discussion|conversation)|kommentare|commentaires|comentarios|comentários|commenti"
    r"|комментарии)\s*[:(]?\s*\d*\)?\s*$",
    re.IGNORECASE,
)
