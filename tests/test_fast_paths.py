"""Fast paths taken for speed at 10,000 records (issue 15) give what the full rules give, for any input."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.finder import text as finder_text
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


spaced = st.text(
    st.sampled_from(["a", "B", "é", "İ", "-", " ", "\t", "\x1c", "\x1f", "\x85", "\u00a0", "\u2028", "\ufeff", "ß"]),
    max_size=30,
) | st.text(st.characters(codec="utf-8"), max_size=30)


def test_the_odd_spaces_are_where_python_and_lunr_js_disagree():
    """split_words's fast path (str.split) is taken only for a text without a character that Python counts as a
    space and lunr.js does not, or the other way round."""
    python_spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    disagree = python_spaces ^ finder_text._JS_SPACE
    assert disagree and all(finder_text._SPLITS_ODDLY.fullmatch(ch) for ch in disagree)
    assert not any(finder_text._SPLITS_ODDLY.fullmatch(ch) for ch in python_spaces & finder_text._JS_SPACE)


@FAST
@given(spaced)
def test_split_words_is_what_splitting_on_lunr_js_separators_gave(words):
    assert finder_text.split_words(words) == [w for w in finder_text._SPLIT.split(words.lower()) if w]
