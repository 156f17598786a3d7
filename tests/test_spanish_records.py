"""Spanish text in records (issue 13): the optional `es` fields validate, need their English twin, never add a
number-like fact, and every shipped record has at least a Spanish description."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import FIXTURES, REPO, make_project, run_ccci

RECORDS = sorted((REPO / "data" / "organizations").glob("*.yaml"))
SHOWN = "data/organizations/example-survivor-services.yaml"


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def pairs(org: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(where, English, Spanish) for every Spanish text in one record and the English text it translates."""
    out: list[tuple[str, str, str]] = []
    es = org.get("es") or {}
    for key in ("name", "description"):
        if key in es:
            out.append((f"es.{key}", str(org.get(key, "")), es[key]))
    for svc in org.get("services") or []:
        ses = svc.get("es") or {}
        at = f"services[{svc.get('id')}].es"
        for key in ("name", "description", "eligibility"):
            if key in ses:
                out.append((f"{at}.{key}", str(svc.get(key, "")), ses[key]))
        if "fees" in ses:
            out.append((f"{at}.fees", str((svc.get("fees") or {}).get("description", "")), ses["fees"]))
        how_es = ses.get("how_to_get_help") or {}
        how = svc.get("how_to_get_help") or {}
        if "steps" in how_es:
            out.append((f"{at}.how_to_get_help.steps", str(how.get("steps", "")), how_es["steps"]))
        for i, item in enumerate(how_es.get("what_to_bring") or []):
            english = how.get("what_to_bring") or []
            out.append((f"{at}.how_to_get_help.what_to_bring[{i}]", english[i] if i < len(english) else "", item))
    return out


# A number-like fact: a dollar figure, a run of digits (phone parts, ages, years, hours such as 24/7, percents).
# Thousands separators are dropped first, so "1,000" and "1000" are the same fact.
_MONEY = re.compile(r"\$\s?\d[\d,]*(?:\.\d+)?")
_DIGITS = re.compile(r"\d+")


def number_facts(text: str) -> set[str]:
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return {m.replace(" ", "") for m in _MONEY.findall(text)} | set(_DIGITS.findall(text))


def test_number_facts_helper_can_fail() -> None:
    assert number_facts("Llame al 1-800-273-8255, 24/7, $25,000.") == {
        "1",
        "800",
        "273",
        "8255",
        "24",
        "7",
        "$25000",
        "25000",
    }
    assert number_facts("hasta 90 días") - number_facts("Stays last up to 60 days.") == {"90"}


# -- (a) the shipped Spanish text passes the real validator; broken Spanish fields are located errors ----------


def test_shipped_spanish_text_validates() -> None:
    code, out, err = run_ccci(REPO, "validate", *[str(p.relative_to(REPO)) for p in RECORDS])
    problems = [line for line in out.splitlines() if re.search(r"\.es\b", line)]
    assert problems == []
    assert (code, err) == (0, ""), out


def _validate(tmp_path: Path, record: dict[str, Any]) -> tuple[int, str]:
    folder = tmp_path / "records"
    folder.mkdir()
    text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=200)
    (folder / "example-survivor-services.yaml").write_text(text, encoding="utf-8")
    code, out, err = run_ccci(make_project(tmp_path / "project", folder), "validate")
    assert err == ""
    return code, out


def _base() -> dict[str, Any]:
    return copy.deepcopy(_load(FIXTURES / "valid" / "example-survivor-services.yaml"))


def _line_of(record: dict[str, Any], needle: str) -> int:
    """1-based line of the first line holding `needle` in the text _validate writes."""
    text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=200)
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_fixture_with_spanish_text_is_valid(tmp_path: Path) -> None:
    record = _base()
    record["es"] = {"description": "Una organización inventada para las pruebas. Ayuda gratis a adultos y familias."}
    record["services"][0]["es"] = {
        "name": "Refugio de emergencia",
        "description": "Un lugar seguro para adultos y familias. Llame primero y el personal se reunirá con usted.",
        "how_to_get_help": {"steps": "Llame a la línea de ayuda. El personal se reunirá con usted en un lugar seguro."},
    }
    assert _validate(tmp_path, record) == (0, "All good: 1 file checked, no problems.\n")


def test_unknown_key_inside_service_es_is_a_located_error(tmp_path: Path) -> None:
    record = _base()
    record["services"][0]["es"] = {"nmae": "Refugio de emergencia"}
    code, out = _validate(tmp_path, record)
    line = _line_of(record, "nmae:")
    assert code == 1
    assert f"{SHOWN}:{line}:" in out
    assert "error: $.services[0].es.nmae: unknown field 'nmae'" in out
    assert "did you mean 'name'?" in out


def test_wrong_type_inside_organization_es_is_a_located_error(tmp_path: Path) -> None:
    record = _base()
    record["es"] = {"description": ["Una lista no es un texto."]}
    code, out = _validate(tmp_path, record)
    line = _line_of(record, "- Una lista no es un texto.")
    assert code == 1
    assert f"{SHOWN}:{line}:" in out
    assert "error: $.es.description:" in out and "must be text" in out


def test_es_must_be_a_mapping(tmp_path: Path) -> None:
    record = _base()
    record["es"] = "Texto en español"
    code, out = _validate(tmp_path, record)
    assert code == 1
    assert f"{SHOWN}:{_line_of(record, 'es: Texto')}:" in out
    assert "error: $.es: 'Texto en español' must be a mapping" in out


def test_spanish_text_gets_the_personal_data_rules(tmp_path: Path) -> None:
    record = _base()
    record["es"] = {"description": "Ayuda gratis. Su número 123-45-6789 no va aquí."}
    code, out = _validate(tmp_path, record)
    assert code == 1
    assert "error: $.es.description: this text looks like it holds a Social Security number" in out


# -- (b) a Spanish field whose English twin is absent is an error (if/then in the schema) ----------------------


@pytest.mark.parametrize(
    ("spanish", "expected"),
    [
        ({"eligibility": "Adultos de 18 años o más."}, "error: $.services[0]: 'eligibility' is required here"),
        ({"fees": "Gratis."}, "error: $.services[0].fees: 'description' is required here"),
        (
            {"how_to_get_help": {"what_to_bring": ["Una identificación"]}},
            "error: $.services[0].how_to_get_help: 'what_to_bring' is required here",
        ),
    ],
    ids=["eligibility", "fees", "what_to_bring"],
)
def test_spanish_without_english_twin_is_an_error(tmp_path: Path, spanish: dict[str, Any], expected: str) -> None:
    record = _base()
    record["services"][0]["es"] = spanish
    code, out = _validate(tmp_path, record)
    assert code == 1
    assert f"{SHOWN}:" in out and expected in out


def test_spanish_fees_without_any_english_fees_is_an_error(tmp_path: Path) -> None:
    record = _base()
    del record["services"][0]["fees"]
    record["services"][0]["es"] = {"fees": "Gratis."}
    code, out = _validate(tmp_path, record)
    assert code == 1
    assert "error: $.services[0]: 'fees' is required here" in out


# -- (c) translation never invents a fact -----------------------------------------------------------------------


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_spanish_numbers_appear_in_the_english(path: Path) -> None:
    invented = {}
    for where, english, spanish in pairs(_load(path)):
        extra = number_facts(spanish) - number_facts(english)
        if extra:
            invented[where] = sorted(extra)
    assert invented == {}


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_spanish_keeps_the_english_numbers(path: Path) -> None:
    """The other way round: a number in the English text is not dropped from its Spanish twin."""
    dropped = {}
    for where, english, spanish in pairs(_load(path)):
        lost = number_facts(english) - number_facts(spanish)
        if lost:
            dropped[where] = sorted(lost)
    assert dropped == {}


@pytest.mark.parametrize("path", RECORDS, ids=[p.stem for p in RECORDS])
def test_spanish_is_a_translation_not_a_copy(path: Path) -> None:
    org = _load(path)
    copies = [
        where
        for where, english, spanish in pairs(org)
        if english == spanish and where.rsplit(".", 1)[-1] not in ("name",)
    ]
    assert copies == []
    for svc in org.get("services") or []:
        how_es = (svc.get("es") or {}).get("how_to_get_help") or {}
        if "what_to_bring" in how_es:
            assert len(how_es["what_to_bring"]) == len(svc["how_to_get_help"]["what_to_bring"]), svc["id"]


# -- (d) coverage -------------------------------------------------------------------------------------------------


def test_spanish_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    orgs = [_load(p) for p in RECORDS]
    services = [s for o in orgs for s in o.get("services") or []]

    def count(key: str) -> str:
        have = [s for s in services if key in (s.get("es") or {})]
        if key == "eligibility":
            return f"{len(have)}/{sum('eligibility' in s for s in services)} (of those with English eligibility)"
        if key == "fees":
            total = sum(bool((s.get("fees") or {}).get("description")) for s in services)
            return f"{len(have)}/{total} (of those with English fees.description)"
        if key == "how_to_get_help":
            total = sum(bool({"steps", "what_to_bring"} & set(s.get("how_to_get_help") or {})) for s in services)
            return f"{len(have)}/{total} (of those with English steps or what_to_bring)"
        return f"{len(have)}/{len(services)}"

    with_es = [o for o in orgs if (o.get("es") or {}).get("description")]
    with capsys.disabled():
        print(
            f"\nSpanish text: records with es.description {len(with_es)}/{len(orgs)}, "
            f"es.name {sum('name' in (o.get('es') or {}) for o in orgs)}; services {len(services)}: "
            f"name {count('name')}, description {count('description')}, eligibility {count('eligibility')}, "
            f"fees {count('fees')}, how_to_get_help {count('how_to_get_help')}"
        )
    missing = sorted(o["id"] for o in orgs if o not in with_es)
    assert missing == [], "every shipped record needs es.description (issue 13)"


# -- plain Spanish: the same gate as the Spanish guides, over all the records' Spanish descriptions --------------


def test_spanish_record_text_is_plain_spanish() -> None:
    import textstat

    from tests.test_i18n_facts import FERNANDEZ_HUERTA_MIN, SZIGRISZT_PAZOS_MIN

    texts = []
    for path in RECORDS:
        org = _load(path)
        texts.append((org.get("es") or {}).get("description", ""))
        texts += [(s.get("es") or {}).get("description", "") for s in org.get("services") or []]
    text = " ".join(t for t in texts if t)
    textstat.set_lang("es")
    try:
        fh, sp = textstat.fernandez_huerta(text), textstat.szigriszt_pazos(text)
    finally:
        textstat.set_lang("en_US")
    print(f"\nSpanish record text: Fernández-Huerta {fh:.1f}, Szigriszt-Pazos {sp:.1f}")
    assert fh >= FERNANDEZ_HUERTA_MIN and sp >= SZIGRISZT_PAZOS_MIN, "use shorter sentences and shorter words"
