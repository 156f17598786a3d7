"""A term's postings in find/index.json as one short string (index format 2); finder.js's Scorer reads it back.

The postings are a list of non-negative integers (document step, weight, document step, weight, ...). Each integer
is written little-endian in 5-bit groups, one character per group, from the URL-safe base64 alphabet: a character
worth 32 or more says another group follows. Steps and weights are mostly under 32, so a posting is usually two
characters, against ~8 as JSON numbers.

Why (issue 15): at 10,000 records the index held 1.3 million postings. The browser's JSON.parse made 2.7 million
numbers of them before anything could be searched (~0.3 s at 4x CPU throttle), and the Scorer then walked them all
again. As strings they parse ~10x faster, and finder.js decodes a term's postings only when a query first needs
that term (static/src/score.js: termPostings). The file is half the size (6.6 -> 3.3 MB; 1.14 -> 1.01 MB gzip).
"""

from __future__ import annotations

from collections.abc import Sequence

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_MORE = 32  # a digit with this bit set: more groups follow
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
# Most numbers are one or two characters: written from tables, not a loop.
_ONE = [ALPHABET[v] for v in range(32)]
_TWO = [ALPHABET[_MORE | (v & 31)] + ALPHABET[v >> 5] for v in range(1024)]
_SHORT = _ONE + _TWO[32:]  # the string of each number under 1024


def encode(numbers: Sequence[int]) -> str:
    """The string for non-negative integers, in order."""
    if numbers and min(numbers) >= 0 and max(numbers) < 1024:  # most lists: each number from the table
        return "".join(map(_SHORT.__getitem__, numbers))
    out: list[str] = []
    add = out.append
    for v in numbers:
        if v < 32:
            add(_ONE[v] if v >= 0 else _negative(v))
        elif v < 1024:
            add(_TWO[v])
        else:
            parts = []
            while v >= 32:
                parts.append(ALPHABET[_MORE | (v & 31)])
                v >>= 5
            parts.append(ALPHABET[v])
            add("".join(parts))
    return "".join(out)


def _negative(v: int) -> str:
    raise ValueError(f"postings are non-negative integers, not {v}")


def decode(text: str) -> list[int]:
    """The integers `encode` wrote; ValueError for a character outside the alphabet or a number left unfinished."""
    out: list[int] = []
    value = shift = 0
    for ch in text:
        digit = _VALUE.get(ch)
        if digit is None:
            raise ValueError(f"not a postings character: {ch!r}")
        value |= (digit & 31) << shift
        if digit & _MORE:
            shift += 5
        else:
            out.append(value)
            value = shift = 0
    if shift:
        raise ValueError("the postings end in the middle of a number")
    return out
