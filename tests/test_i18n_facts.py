"""The Spanish guides (issue 13) say the same facts as the English ones, in plain Spanish.

The translations sit beside the English guides with a `.es.md` suffix (docs/rights/money.es.md is the twin of
docs/rights/money.md), the layout mkdocs-static-i18n builds into /es/ (see i18n/README.md).

Facts: for each guide, the phone numbers (and the 3-6 digit codes people call or text: 911, 988, 233733, with
the word to text, e.g. BEFREE), statute numbers (Idaho Code sections such as 19-5306, `§` sections, U.S.C.
titles, Title/Chapter, Article and Section), deadlines and other periods ("14 days", "un año", "2 años"), dates,
dollar figures, email addresses, P.O. boxes and ZIP codes are pulled out of the English page and its Spanish
twin, and the two multisets must be equal. A translation that drops, adds or changes one of them fails with the
page and the fact. Link targets and URLs are ignored: a source's address is not a fact a reader acts on, and it
is copied as it is.

Readability: the Spanish prose (the same reading units as tests/test_readability.py: no front matter, links'
targets or "Fuentes" list) must score at least FERNANDEZ_HUERTA_MIN on textstat's Fernández-Huerta scale
(70-80 is "bastante fácil", about 7th grade; the English gate is Flesch-Kincaid grade 8) and at least
SZIGRISZT_PAZOS_MIN on Szigriszt-Pazos (INFLESZ: 65-80 is "bastante fácil").
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.test_readability import GUIDE_PAGES, readable_text

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def spanish_twin(page: str) -> Path:
    """docs/rights/money.md -> docs/rights/money.es.md (mkdocs-static-i18n's suffix layout)."""
    return DOCS / (page.removesuffix(".md") + ".es.md")


# The guides issue 13 names. Pages for maintainers (contributing.md, hosting.md), who work in English on GitHub,
# are not translated; a new guide for readers belongs here once it has its Spanish twin.
MAINTAINER_PAGES = ("hosting.md", "contributing.md")
TRANSLATED = tuple(page for page in GUIDE_PAGES if page not in MAINTAINER_PAGES)

FERNANDEZ_HUERTA_MIN = 70.0
SZIGRISZT_PAZOS_MIN = 65.0

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
_SHORT_CODE = re.compile(r"\[(\d{3,6})\]\((?:tel|sms):")
_TEXT_KEYWORD = re.compile(r"\b([A-Z]{3,})\b(?=[^\[]{0,40}\[[\d-]{3,14}\]\(sms:)")  # "text BEFREE to [233733](sms:"
_PHONE = re.compile(r"(?<![\d-])(?:1-)?\d{3}-\d{3}-\d{4}(?![\d-])")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto|tel|sms):[^>]+>")
_URL = re.compile(r"\b(?:https?://|mailto:|tel:|sms:)\S+")
_BARE_ADDRESS = re.compile(r"\b[\w.-]+\.(?:gov|org|com|io|us|net)/\S*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_USC = re.compile(r"\b(\d+) U\.S\.C\. § ?(\d+)")
_SECTION_MARK = re.compile(r"§\s*(\d+(?:-\d+)?(?:\(\w+\))*)")
_IDAHO_SECTION = re.compile(r"(?<![\w-])(\d{1,2}-\d{4})(?![\w-])")
_TITLE_CHAPTER = re.compile(r"\bTitle (\d+), Chapter (\d+)")
_ARTICLE = re.compile(r"\b(?:Article|Artículo) ([IVX]+), (?:Section|Sección|§) ?(\d+)")
_ZIP = re.compile(r"\bID (\d{5}(?:-\d{4})?)\b")
_PO_BOX = re.compile(r"\bP\.O\. Box (\d+)")
_DOLLARS = re.compile(r"\$\s?(\d[\d,]*(?:\.\d\d)?)")

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3}
_UNITS = {
    "hour": "hour",
    "hours": "hour",
    "hora": "hour",
    "horas": "hour",
    "day": "day",
    "days": "day",
    "día": "day",
    "días": "day",
    "week": "week",
    "weeks": "week",
    "semana": "week",
    "semanas": "week",
    "month": "month",
    "months": "month",
    "mes": "month",
    "meses": "month",
    "year": "year",
    "years": "year",
    "año": "year",
    "años": "year",
}
_PERIOD = re.compile(
    r"\b(\d+|one|two|three|un|una|uno|dos|tres)[\s-](hours?|days?|weeks?|months?|years?|horas?|días?|semanas?"
    r"|mes(?:es)?|años?)\b",
    re.I,
)
# "menores de 18 años" is an age (English: "under 18", with no unit), not a period.
_AGE_BEFORE = re.compile(r"(?:menos|menor|menores|mayor|mayores|más) de\s*$", re.I)

_MONTHS_EN = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
_DATE_EN = re.compile(r"\b(" + "|".join(_MONTHS_EN) + r")(?:\s+(\d{1,2}))?,?\s+(\d{4})\b", re.I)
_DATE_ES = re.compile(r"\b(?:(\d{1,2})\s+de\s+)?(" + "|".join(_MONTHS_ES) + r")\s+de\s+(\d{4})\b", re.I)


def facts(markdown: str) -> Counter[tuple[str, str]]:
    """The checkable facts of a guide page (either language), as a multiset of (kind, normalized value)."""
    text = _FRONT_MATTER.sub("", markdown, count=1)
    found: Counter[tuple[str, str]] = Counter()
    found.update(("phone", code) for code in _SHORT_CODE.findall(text))
    found.update(("text keyword", word) for word in _TEXT_KEYWORD.findall(text))
    text = _LINK_TARGET.sub("]", text)
    text = _AUTOLINK.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _BARE_ADDRESS.sub(" ", text)
    for email in _EMAIL.findall(text):
        found[("email", email.lower())] += 1
    text = _EMAIL.sub(" ", text)
    for phone in _PHONE.findall(text):
        found[("phone", phone.removeprefix("1-"))] += 1
    text = _PHONE.sub(" ", text)
    for title, section in _USC.findall(text):
        found[("statute", f"{title} U.S.C. {section}")] += 1
    for section in _SECTION_MARK.findall(text):
        found[("statute", f"§ {section}")] += 1
    for section in _IDAHO_SECTION.findall(text):
        found[("statute", section)] += 1
    for title, chapter in _TITLE_CHAPTER.findall(text):
        found[("statute", f"Title {title}, Chapter {chapter}")] += 1
    for article, section in _ARTICLE.findall(text):
        found[("statute", f"Article {article}, Section {section}")] += 1
    found.update(("address", f"ID {zip_code}") for zip_code in _ZIP.findall(text))
    found.update(("address", f"P.O. Box {box}") for box in _PO_BOX.findall(text))
    for amount in _DOLLARS.findall(text):
        found[("dollars", amount.replace(",", ""))] += 1
    for match in _PERIOD.finditer(text):
        if _AGE_BEFORE.search(text[: match.start()][-20:]):
            continue
        number, unit = match.group(1).lower(), match.group(2).lower()
        value = _NUMBER_WORDS.get(number, number)
        found[("period", f"{value} {_UNITS[unit]}")] += 1
    for month, day, year in _DATE_EN.findall(text):
        found[("date", f"{year}-{_MONTHS_EN.index(month.lower()) + 1:02d}-{day or '?'}")] += 1
    for day, month, year in _DATE_ES.findall(text):
        found[("date", f"{year}-{_MONTHS_ES.index(month.lower()) + 1:02d}-{day or '?'}")] += 1
    return found


def _difference(en: Counter, es: Counter) -> str:
    lines = [f"  only in English: {kind} {value!r} x{n}" for (kind, value), n in sorted((en - es).items())]
    lines += [f"  only in Spanish: {kind} {value!r} x{n}" for (kind, value), n in sorted((es - en).items())]
    return "\n".join(lines)


def _spanish_readable_text(markdown: str) -> str:
    """readable_text() for a Spanish page: its "Fuentes" (Sources) list is dropped like the English one."""
    markdown = re.sub(r"^(#{1,6}\s+)Fuentes(?:\s*\{#sources\})?\s*$", r"\1Sources", markdown, flags=re.M)
    return readable_text(markdown)


# --- the extractor itself: it must find what it claims, in both languages --------------------------------


def test_facts_found_in_english_and_spanish_alike() -> None:
    en = (
        "Call [1-888-373-7888](tel:+18883737888) or text BEFREE to\n  [233733](sms:233733). Fax: 208-332-7559.\n"
        "Idaho Code § 19-5306 and 18 U.S.C. § 3771. Idaho Code, Title 39, Chapter 63. Article I, Section 22.\n"
        "Apply within one year. A hearing within 14 days. Up to $25,000. After July 1, 1986. In July 2008.\n"
        "Write to [x@y.gov](mailto:x@y.gov). If you were under 18, wait 2 years.\n"
        "- Source: <https://legislature.idaho.gov/sect19-5306/> and cdaid.org/1271/a-9-2014/\n"
    )
    es = (
        "Llame al [1-888-373-7888](tel:+18883737888) o mande BEFREE por texto al [233733](sms:233733). "
        "Fax: 208-332-7559.\n"
        "Idaho Code § 19-5306 y 18 U.S.C. § 3771. Idaho Code, Title 39, Chapter 63. Artículo I, Sección 22.\n"
        "Pídala dentro de un año. Una audiencia dentro de 14 días. Hasta $25,000. Después del 1 de julio de "
        "1986. En julio de 2008.\nEscriba a [x@y.gov](mailto:x@y.gov). Si tenía menos de 18 años, espere 2 años.\n"
        "- Fuente: <https://legislature.idaho.gov/sect19-5306/> y cdaid.org/1271/a-9-2014/\n"
    )
    expected = Counter(
        {
            ("phone", "888-373-7888"): 1,
            ("phone", "233733"): 1,
            ("phone", "208-332-7559"): 1,
            ("text keyword", "BEFREE"): 1,
            ("statute", "§ 19-5306"): 1,
            ("statute", "19-5306"): 1,
            ("statute", "18 U.S.C. 3771"): 1,
            ("statute", "§ 3771"): 1,
            ("statute", "Title 39, Chapter 63"): 1,
            ("statute", "Article I, Section 22"): 1,
            ("period", "1 year"): 1,
            ("period", "14 day"): 1,
            ("period", "2 year"): 1,
            ("dollars", "25000"): 1,
            ("date", "1986-07-1"): 1,
            ("date", "2008-07-?"): 1,
            ("email", "x@y.gov"): 1,
        }
    )
    assert facts(en) == expected
    assert facts(es) == expected


@pytest.mark.parametrize(
    "changed",
    [
        "Llame al [1-888-373-7889](tel:+18883737888).",  # a wrong digit
        "Idaho Code § 19-5036.",  # swapped statute digits
        "Pídala dentro de dos años.",  # a different deadline
        "Hasta $2,500.",  # a different amount
        "O mande HELP al [233733](sms:233733).",  # a different word to text
    ],
)
def test_a_changed_fact_is_caught(changed: str) -> None:
    english = "Call [1-888-373-7888](tel:+18883737888). Idaho Code § 19-5306. Apply within one year. Up to $25,000."
    spanish = (
        "Llame al [1-888-373-7888](tel:+18883737888). Idaho Code § 19-5306. Pídala dentro de un año. Hasta $25,000."
    )
    assert facts(english) == facts(spanish)
    broken = spanish + " " + changed
    assert facts(english) != facts(broken)


# --- the staged Spanish guides ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", TRANSLATED)
def test_spanish_guide_has_the_same_facts(page: str) -> None:
    english, spanish = DOCS / page, spanish_twin(page)
    assert english.is_file(), f"docs/{page} is missing"
    assert spanish.is_file(), f"{spanish.relative_to(ROOT)}: the Spanish twin of docs/{page} is missing"
    en = facts(english.read_text(encoding="utf-8"))
    es = facts(spanish.read_text(encoding="utf-8"))
    assert en == es, (
        f"{spanish.relative_to(ROOT)} does not say the same facts as docs/{page} (update the translation to "
        f"match the English page):\n{_difference(en, es)}"
    )


@pytest.fixture(scope="module")
def spanish_scores():
    import textstat

    textstat.set_lang("es")
    try:
        yield textstat.fernandez_huerta, textstat.szigriszt_pazos
    finally:
        textstat.set_lang("en_US")


def test_spanish_gate_can_fail_on_hard_prose(spanish_scores) -> None:
    fernandez_huerta, szigriszt_pazos = spanish_scores
    hard = _spanish_readable_text(
        "No obstante cualquier interpretación jurisprudencial contradictoria, la adjudicación administrativa de "
        "solicitudes de reembolso compensatorio necesita justificación documental de circunstancias "
        "extraordinarias que constituyan fundamento suficiente para la presentación extemporánea.\n"
    )
    assert fernandez_huerta(hard) < FERNANDEZ_HUERTA_MIN
    assert szigriszt_pazos(hard) < SZIGRISZT_PAZOS_MIN


@pytest.mark.parametrize("page", TRANSLATED)
def test_spanish_guide_is_plain_spanish(page: str, spanish_scores, record_property) -> None:
    fernandez_huerta, szigriszt_pazos = spanish_scores
    path = spanish_twin(page)
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    text = _spanish_readable_text(path.read_text(encoding="utf-8"))
    assert len(text.split()) > 100, f"{path.relative_to(ROOT)}: too little prose to score"
    fh, sp = fernandez_huerta(text), szigriszt_pazos(text)
    record_property("fernandez_huerta", round(fh, 1))
    record_property("szigriszt_pazos", round(sp, 1))
    assert fh >= FERNANDEZ_HUERTA_MIN and sp >= SZIGRISZT_PAZOS_MIN, (
        f"{path.relative_to(ROOT)}: Fernández-Huerta {fh:.1f} (needs {FERNANDEZ_HUERTA_MIN}) and "
        f"Szigriszt-Pazos {sp:.1f} (needs {SZIGRISZT_PAZOS_MIN}): use shorter sentences and shorter words"
    )


# --- the table of interface strings (i18n/es/strings.yaml) -------------------------------------------------

STRINGS = ROOT / "i18n" / "es" / "strings.yaml"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_TAG_RE = re.compile(r"<[^>]+>")


def _norm(text: str) -> str:
    import html

    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _yaml_strings(node: object) -> set[str]:
    if isinstance(node, str):
        return {_norm(node)}
    if isinstance(node, dict):
        return set().union(*(_yaml_strings(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_yaml_strings(v) for v in node)) if node else set()
    return set()


@pytest.fixture(scope="module")
def table() -> dict[str, dict[str, str]]:
    import yaml

    data = yaml.safe_load(STRINGS.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("strings"), dict), f"{STRINGS}: no `strings:` mapping"
    return data["strings"]


def test_placeholders_are_compared_as_sets() -> None:
    assert set(_PLACEHOLDER.findall("Call {number} or text {number}")) == {"{number}"}
    assert set(_PLACEHOLDER.findall("Llame al {numero}")) != set(_PLACEHOLDER.findall("Call {number}"))


def test_no_key_twice() -> None:
    """YAML keeps the last of two equal keys without a word: two engineers adding the same row must see it."""
    keys = re.findall(r"^  (\S+):\s*$", STRINGS.read_text(encoding="utf-8"), re.M)
    twice = sorted({k for k in keys if keys.count(k) > 1})
    assert not twice, f"{STRINGS.relative_to(ROOT)}: keys given twice: {', '.join(twice)}"


def test_every_string_has_spanish_with_the_same_placeholders(table) -> None:
    bad = []
    for key, entry in table.items():
        en, es = entry.get("en"), entry.get("es")
        if not (isinstance(en, str) and en.strip() and isinstance(es, str) and es.strip()):
            bad.append(f"{key}: needs a non-empty en and es")
        elif set(_PLACEHOLDER.findall(en)) != set(_PLACEHOLDER.findall(es)):
            bad.append(
                f"{key}: en has {sorted(set(_PLACEHOLDER.findall(en)))}, es has {sorted(set(_PLACEHOLDER.findall(es)))}"
            )
    assert not bad, f"{STRINGS.relative_to(ROOT)}:\n" + "\n".join(bad)


def test_english_of_each_string_is_still_in_its_source(table) -> None:
    """Catches drift: when a template or a taxonomy label changes, its row here must change too."""
    import yaml

    stale = []
    for key, entry in table.items():
        source = ROOT / str(entry.get("from", ""))
        if not source.is_file() or entry.get("composed") or _PLACEHOLDER.search(entry["en"]):
            continue
        raw = source.read_text(encoding="utf-8")
        if f'"{key}"' in raw or f"'{key}'" in raw:
            continue  # the source reads it from the table now: t("key")
        if source.suffix == ".yaml":
            found = _norm(entry["en"]) in _yaml_strings(yaml.safe_load(raw))
        else:
            found = _norm(entry["en"]) in _norm(raw) or _norm(entry["en"]) in _norm(_TAG_RE.sub(" ", raw))
        if not found:
            stale.append(f"{key}: {entry['en']!r} is no longer in {entry['from']}")
    assert not stale, f"{STRINGS.relative_to(ROOT)} is out of date:\n" + "\n".join(stale)


def test_table_covers_every_finder_string_and_taxonomy_label(table) -> None:
    import yaml

    def load(name: str) -> dict:
        return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))

    wanted = {f"finder.{k}" for k, v in load("search/strings.yaml")["en"].items() if isinstance(v, str)}
    for area in load("taxonomy/service_areas.yaml")["service_areas"]:
        wanted |= {f"area.{area['id']}.name", f"area.{area['id']}.description"}
        for sub in area.get("subcategories") or []:
            wanted |= {f"subcategory.{sub['id']}.name", f"subcategory.{sub['id']}.description"}
    for pop in load("taxonomy/populations.yaml")["populations"]:
        wanted |= {f"population.{pop['id']}.name", f"population.{pop['id']}.description"}
    wanted |= {f"language.{lang['code']}" for lang in load("taxonomy/languages.yaml")["languages"]}
    for region in load("taxonomy/regions.yaml")["regions"]:
        wanted |= {f"region.{region['id']}.name", f"region.{region['id']}.description"}
    missing = sorted(wanted - set(table))
    assert not missing, f"{STRINGS.relative_to(ROOT)} has no row for: {', '.join(missing)}"
