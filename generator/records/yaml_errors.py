"""Plain words for YAML mistakes, at the line where the mistake is (used by generator/records/load.py).

libyaml reports where it got stuck, which is often a line or ten after the real mistake ("did not find expected
key" on line 19 for a quote left open on line 7). `explain(text, error)` looks at the text for the usual causes,
in this order: a tab, an odd space (non-breaking, zero-width, ...), a quote that is not closed on its line, `: `
inside text, a line indented differently from the lines beside it, a list item without `- `. When none fits, it
keeps libyaml's words with a hint.

`comments(text)` finds YAML comments. A comment right after plain text on the same line is an error, because
` #` silently cut the text ("Ask for program #2 when you call." publishes "Ask for program"). Other comments are
warnings: `ccci fmt` does not keep them.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

ODD_SPACES = {
    "\u00a0": "a non-breaking space",
    "\u1680": "an odd space (U+1680)",
    "\u2000": "an en quad space",
    "\u2001": "an em quad space",
    "\u2002": "an en space",
    "\u2003": "an em space",
    "\u2004": "a thin space",
    "\u2005": "a thin space",
    "\u2006": "a thin space",
    "\u2007": "a figure space",
    "\u2008": "a thin space",
    "\u2009": "a thin space",
    "\u200a": "a hair space",
    "\u200b": "a zero-width space",
    "\u202f": "a narrow non-breaking space",
    "\u205f": "an odd space (U+205F)",
    "\u3000": "a wide space",
    "\ufeff": "a zero-width no-break space",
}
_ODD = re.compile("[" + "".join(ODD_SPACES) + "]")
_KEY_LINE = re.compile(r"^(\s*)(- +)?([^\s#'\"\[\]{}:-][^:#]*?|'[^']*'|\"[^\"]*\"):(\s|$)")
_QUOTE_START = re.compile(r"^\s*(?:- +)?(?:[^\s#'\"][^:#]*?:\s+)?(?:- +)?(['\"])")

Found = tuple[int, int, str, str]  # line, column, message, rule


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _tab(lines: list[str], upto: int, mentioned: bool) -> Found | None:
    for n, line in enumerate(lines[:upto], 1):
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead or (mentioned and "\t" in line and n == upto):
            col = line.index("\t") + 1
            return (
                n,
                col,
                "this line has a tab: YAML needs spaces, not tabs. Replace the tab with spaces, lined up "
                "with the line above",
                "yaml-tab",
            )
    return None


def _odd_space(lines: list[str], upto: int) -> Found | None:
    """The first odd space that YAML would not read as a space: in the indent, or next to ':' or '- '."""
    for n, line in enumerate(lines[: upto + 1], 1):
        for m in _ODD.finditer(line):
            before = line[: m.start()]
            after = line[m.end() :]
            structural = (
                not before.strip(" " + "".join(ODD_SPACES))
                or before.rstrip().endswith(":")
                or before.strip() == "-"
                or after.startswith(("- ", "#"))
            )
            if structural or n >= upto:
                what = ODD_SPACES[m.group()]
                return (
                    n,
                    m.start() + 1,
                    f"this line has {what} where YAML needs a normal space: delete it and "
                    "type a normal space (it often comes from copying text out of a web page or a document)",
                    "yaml-odd-space",
                )
    return None


def _open_quote(lines: list[str], upto: int) -> Found | None:
    """A value that starts with a quote not closed on the same line (before the line where YAML got stuck)."""
    for n, line in enumerate(lines[:upto], 1):
        if line.lstrip().startswith("#"):
            continue
        m = _QUOTE_START.match(line)
        if not m:
            continue
        quote, start = m.group(1), m.end(1)
        rest = line[start:]
        if quote == '"':
            closed = re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
        else:
            closed = re.search(r"'", rest.replace("''", "")) is not None
        if not closed:
            return (
                n,
                start,
                f"the quote ({quote}) that starts this text is not closed: add a closing {quote} at the "
                "end of the text, on this line",
                "yaml-open-quote",
            )
    return None


def _colon_in_text(line: str, col: int, n: int) -> Found | None:
    """`description: Hours: Monday...`: a second ': ' after the value began."""
    m = _KEY_LINE.match(line)
    if not m or col - 1 <= m.end(3):
        return None
    key = m.group(3).strip()
    value = line[m.end() :].strip()
    return (
        n,
        col,
        f"the text after '{key}:' has ': ' in it, which YAML reads as a new field: put the whole text in "
        f'double quotes, like {key}: "{value}"',
        "yaml-colon-in-text",
    )


def _previous(lines: list[str], n: int) -> tuple[int, str] | None:
    """The nearest line above line n (1-based) that is not blank or a comment."""
    for k in range(n - 1, 0, -1):
        text = lines[k - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return k, text
    return None


def _indentation(lines: list[str], n: int) -> Found | None:
    """Line n starts at a different column from the field above it that it should line up with."""
    if n < 1 or n > len(lines):
        return None
    line = lines[n - 1]
    prev = _previous(lines, n)
    if prev is None or not _KEY_LINE.match(line):
        return None
    k, above = prev
    here, there = _indent(line), _indent(above)
    m = _KEY_LINE.match(above)
    if m and m.group(2):  # the line above opens a list item: its fields start after '- '
        there += len(m.group(2))
    if here == there:
        return None
    name = line.strip().split(":", 1)[0]
    other = above.strip().lstrip("- ").split(":", 1)[0]
    more = "more" if here > there else "less"
    return (
        (
            n,
            1,
            f"'{name}:' is indented {here} spaces, {more} than '{other}:' on line {k} ({there}): fields of "
            f"the same item must start in the same column. If '{name}' belongs to '{other}', end line {k} with "
            f"'{other}:' and nothing after it",
            "yaml-indent",
        )
        if here > there and not above.rstrip().endswith(":")
        else (
            n,
            1,
            f"'{name}:' is indented {here} spaces, but '{other}:' on line {k} is indented {there}: fields "
            "of the same item must start in the same column",
            "yaml-indent",
        )
    )


def _missing_dash(lines: list[str], n: int) -> Found | None:
    """A plain line (no ':') right after a '- ' list item at the same column: another item without its '- '."""
    if n < 1 or n > len(lines):
        return None
    line = lines[n - 1]
    prev = _previous(lines, n)
    if prev is None or ":" in line:
        return None
    k, above = prev
    if above.lstrip().startswith("- ") and _indent(above) == _indent(line):
        return (
            n,
            _indent(line) + 1,
            f"'{line.strip()}' looks like another item of the list above: start it with '- ', like line {k}",
            "yaml-missing-dash",
        )
    return (
        n,
        _indent(line) + 1,
        f"'{line.strip()}' is not 'field: value': add ': ' after the field's name, or, if "
        "it is the rest of the text above, put that whole text in double quotes",
        "yaml-no-colon",
    )


def explain(text: str, error: yaml.MarkedYAMLError) -> Found:
    """The most likely mistake behind a libyaml error, in plain words, at its own line."""
    lines = _lines(text)
    problem_mark, context_mark = error.problem_mark, error.context_mark
    mark = problem_mark or context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(error.problem or "")
    context = str(error.context or "")
    found = (
        _tab(lines, line, "\\t" in problem or "tab" in problem) or _odd_space(lines, line) or _open_quote(lines, line)
    )
    if found:
        return found
    if problem.startswith("mapping values are not allowed") and 0 < line <= len(lines):
        found = _colon_in_text(lines[line - 1], col, line) or _indentation(lines, line)
    elif "expected '-' indicator" in problem or "expected <block end>" in problem:
        found = _indentation(lines, line)
    elif "could not find expected ':'" in problem and context_mark is not None:
        found = _missing_dash(lines, context_mark.line + 1)
    if found:
        return found
    what = problem or context or "invalid YAML"
    return (
        line,
        col,
        f"YAML syntax: {what}. Check this line and the one above it: the usual causes are a missing "
        "': ' after a field's name, a missing '- ' before a list item, or a line indented differently from "
        "the ones beside it",
        "yaml-syntax",
    )


# ------------------------------------------------------------------------------------------------ comments


def comments(text: str) -> list[tuple[int, int, str, str, bool]]:
    """Every comment: (line, column, message, rule, is_error). Call only on text that parsed."""
    if "#" not in text:
        return []
    loader = yaml.SafeLoader(text) if not hasattr(yaml, "CSafeLoader") else yaml.CSafeLoader(text)
    spans: list[tuple[int, int]] = []
    last: dict[int, tuple[int, Any]] = {}  # line -> (end index, plain scalar event or None)
    try:
        while True:
            ev = loader.get_event()
            if ev is None or isinstance(ev, yaml.StreamEndEvent):
                break
            start, stop = ev.start_mark, ev.end_mark  # a parser's events always have both
            if start is None or stop is None:
                continue
            if isinstance(ev, yaml.ScalarEvent):
                spans.append((start.index, stop.index))
                # the last thing on the line; plain text (style None in PyYAML, '' in libyaml's binding) or not
                last[stop.line + 1] = (stop.index, ev if not ev.style else None)
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                end = stop.index
                if 0 < end <= len(text) and text[end - 1] in "]}":  # a flow list or mapping closed here
                    last[stop.line + 1] = (end, None)
    except yaml.YAMLError:
        return []
    finally:
        loader.dispose()
    spans.sort()
    out: list[tuple[int, int, str, str, bool]] = []
    offset = 0
    j = 0
    for n, line in enumerate(_lines(text), 1):
        start_of_line = offset
        offset += len(line) + 1
        pos = -1
        while True:
            pos = line.find("#", pos + 1)
            if pos < 0:
                break
            if pos > 0 and line[pos - 1] not in " \t":
                continue
            index = start_of_line + pos
            while j < len(spans) and spans[j][1] <= index:
                j += 1
            if any(a <= index < b for a, b in spans[max(0, j - 1) : j + 2]):
                continue  # inside a value (quoted or block text)
            note = line[pos:].strip()
            shown = note if len(note) <= 50 else note[:47] + "..."
            plain = last.get(n)
            if (
                plain is not None
                and plain[1] is not None
                and plain[0] <= index
                and not line[:pos].strip().endswith(":")
            ):
                value = str(plain[1].value)
                out.append(
                    (
                        n,
                        pos + 1,
                        f"' #' starts a comment, so '{shown}' is cut off the text '{value}': to keep "
                        f'it, put the whole text in double quotes ("{value} {note}"), or remove the comment',
                        "yaml-comment-cuts-text",
                        True,
                    )
                )
            else:
                out.append(
                    (
                        n,
                        pos + 1,
                        f"comment '{shown}' is not kept: 'ccci fmt' removes comments. Put notes "
                        "for maintainers in verification.notes instead",
                        "yaml-comment",
                        False,
                    )
                )
            break
    return out
