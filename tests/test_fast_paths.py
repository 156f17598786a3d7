"""Fast paths taken for speed at 10,000 records (issue 15) give what the full rules give, for any input."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.present import strings, urls
from generator.site.render import md_text

FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKS = (strings.EN_START, strings.EN_NAME, strings.EN_END)
_ANY_TAG = re.compile(r"<[^>]*>")
anything = st.text(st.characters(codec="utf-8"), max_size=30) | st.text(
    st.sampled_from(["<", ">", "a", " ", '"', "\t", "\u00a0", "\u2028", "\u200b", "&", "#", "é", *MARKS]),
    max_size=30,
)


@FAST
@given(anything)
def test_mark_english_drops_marks_in_tags_as_visiting_every_tag_did(text):
    """mark_english finds the tags that hold a mark without visiting every tag (a tenth of a Spanish build's page
    producer)."""
    every_tag = _ANY_TAG.sub(lambda m: strings.strip_marks(m.group(0)), text)
    assert strings._MARKED_TAG.sub(lambda m: strings.strip_marks(m.group(0)), text) == every_tag


@FAST
@given(anything)
def test_md_text_is_what_checking_each_character_gave(text):
    one_line = " ".join(text.split())
    kept = "".join(ch for ch in one_line if unicodedata.category(ch)[0] != "C" or ch in MARKS)
    expected = "".join(f"&#{ord(ch)};" if ch.isascii() and not ch.isalnum() and ch != " " else ch for ch in kept)
    assert str(md_text(text)) == expected


@FAST
@given(anything.map(lambda s: "https://example.org/" + s) | anything)
def test_safe_href_refuses_the_characters_checking_each_one_refused(url):
    refused = any(ch.isspace() or unicodedata.category(ch)[0] == "C" or ch in "\\<>\"'`" for ch in url)
    assert urls.unsafe_characters(url) == refused
    if refused:
        assert urls.safe_href(url) is None
