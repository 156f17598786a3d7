"""The safe loader: what it keeps as text, what it refuses, and where it says the problem is."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.records.load import MAX_BYTES, load_yaml_bytes, load_yaml_file


def load(text: str | bytes):  # type: ignore[no-untyped-def]
    return load_yaml_bytes(text.encode() if isinstance(text, str) else text, "x.yaml")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("83702", "83702"),
        ("0123", "0123"),
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("12:30", "12:30"),
        ("2024-05-01", "2024-05-01"),
        ("1_000", "1_000"),
        ("0x1F", "0x1F"),
        ("1e3", "1e3"),
        (".inf", ".inf"),
        ("'quoted'", "quoted"),
        ('"+12086306601"', "+12086306601"),
        ("+12086306601", "+12086306601"),
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("43.6187", 43.6187),
        ("-116.2", -116.2),
    ],
)
def test_scalars_keep_the_text_they_show(raw: str, expected: object) -> None:
    loaded = load(f"v: {raw}\n")
    assert loaded.problems == []
    assert loaded.data == {"v": expected}
    assert type(loaded.data["v"]) is type(expected)


def test_positions_of_values_and_keys() -> None:
    loaded = load("id: x\nservices:\n  - name: Help\n    phones:\n      - number: '1'\n")
    assert loaded.locate(("services", 0, "name")) == (3, 11)
    assert loaded.locate(("services", 0, "phones", 0, "number")) == (5, 17)
    assert loaded.locate(("services", 0, "missing", 3)) == (3, 5)  # nearest ancestor
    assert loaded.locate(("services",), key=True) == (2, 1)


@pytest.mark.parametrize(
    "text, rule, where",
    [
        ("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", (3, 1)),
        ("a: &x 1\nb: *x\n", "yaml-anchor", (1, 4)),
        ("a: *x\n", "yaml-alias", (1, 4)),
        ("a: !!python/object/apply:os.system ['id']\n", "yaml-tag", (1, 4)),
        ("a: !custom x\n", "yaml-tag", (1, 4)),
        ("a: b\n---\nc: d\n", "yaml-multi-doc", (2, 1)),
        ("? [a, b]\n: c\n", "yaml-complex-key", (1, 3)),
        ("a: [1, 2\n", "yaml-syntax", (2, 1)),
        ("a:\tb\n\t- c\n", "yaml-tab", (2, 1)),
        ("", "empty-file", (1, 1)),
        ("a: " + "[" * 50 + "]" * 50, "yaml-too-deep", (1, 43)),
    ],
)
def test_refusals_are_located(text: str, rule: str, where: tuple[int, int]) -> None:
    loaded = load(text)
    assert loaded.data is None
    assert [(p.rule, (p.line, p.col)) for p in loaded.problems] == [(rule, where)]


def test_invalid_utf8_is_located() -> None:
    loaded = load(b"a: ok\nb: caf\xe9\n")
    assert [(p.rule, p.line, p.col) for p in loaded.problems] == [("encoding", 2, 7)]


def test_byte_order_mark_is_accepted() -> None:
    assert load("\ufeffa: b\n".encode()).data == {"a": "b"}


def test_billion_laughs_is_refused_quickly() -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    loaded = load("\n".join(levels))
    assert loaded.data is None and loaded.problems[0].rule == "yaml-anchor"


def test_file_over_one_mebibyte_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    loaded = load_yaml_file(big, "big.yaml")
    assert [(p.rule, p.message) for p in loaded.problems] == [
        ("file-too-large", "file is over 1,048,576 bytes (1 MiB): split or shorten it")
    ]


def test_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    loaded = load_yaml_file(tmp_path / "nope.yaml", "nope.yaml")
    assert loaded.problems[0].rule == "io"
