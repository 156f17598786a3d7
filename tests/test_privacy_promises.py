"""Every sentence of docs/privacy.md and docs/safety/browsing.md that promises something is checked by a test.

Every sentence of the two pages (the "Sources" list aside) is listed here, either in PROMISES with the checks
that hold it true, or in NOT_PROMISES (advice, explanations and honest limits). A new or changed sentence
fails `test_every_sentence_is_a_checked_promise_or_not_a_promise` until it is listed: if it promises
something, name the test that checks it (or write one).

A check is either `static:<name>` (a function below, run on the built site) or a browser test as
`tests/browser/<file>.py::<test>`, which must exist.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.sitebuild import html_pages, parse

PAGES = ("docs/privacy.md", "docs/safety/browsing.md")

HISTORY = "tests/browser/test_privacy_history.py::test_nothing_typed_or_located_reaches_the_profile"
SHARE = "tests/browser/test_privacy_history.py::test_copy_a_link_makes_the_link_on_demand_and_says_it_holds_the_search"
ARRIVING = "tests/browser/test_privacy_history.py::test_a_link_with_a_search_works_and_leaves_the_address_bar_at_once"
STORED = "tests/browser/test_site.py::test_nothing_is_stored"
LOCAL_ONLY = "tests/browser/test_site.py::test_axe_finds_nothing"
FINDER_LOCAL = "tests/browser/test_finder.py::test_shelter_near_83702_lists_boise_area_housing_first"
GEO = "tests/browser/test_finder.py::test_use_my_location_only_on_press_and_only_the_zip_is_kept"
RELOAD = "tests/browser/test_finder.py::test_filters_and_a_link_to_the_search_restore_the_same_list"
EXIT_STATES = "tests/browser/test_exit.py::test_one_tap_on_exit_leaves_in_every_state"
EXIT_SELECT = "tests/browser/test_exit.py::test_a_select_list_open_on_a_phone_does_not_block_the_exit"
EXIT_SHIFT = "tests/browser/test_exit.py::test_shift_three_times_leaves_with_the_menu_or_search_open"
EXIT_WORDS = "tests/browser/test_exit.py::test_one_name_for_the_exit_and_no_shift_promise_without_javascript"
EXIT_NOJS = "tests/browser/test_site.py::test_exit_works_as_a_plain_link_without_javascript"
EXIT_BLANK = "tests/browser/test_site.py::test_exit_button_leaves_the_site"
FRAMED_EXIT = "tests/browser/test_exit.py::test_inside_a_frame_the_exit_takes_the_whole_tab_away"
FRAMED_HIDDEN = "tests/browser/test_exit.py::test_inside_a_frame_the_page_hides_itself_and_offers_the_real_page"
FRAME_HEADERS = "tests/browser/test_hosting_headers.py::test_with_the_headers_no_other_site_can_frame_a_page"
LOGS_GUIDE = "tests/test_hosting.py::test_hosting_guide_names_every_header_and_what_github_pages_cannot_do"

PROMISES: dict[str, list[str]] = {
    # docs/privacy.md
    "No cookies.": [STORED, HISTORY],
    "The site does not put cookies on your device.": [STORED, HISTORY],
    "No tracking.": ["static:no_trackers", "static:only_own_files", LOCAL_ONLY],
    "There are no analytics, no ads and no tracking tools.": ["static:no_trackers", LOCAL_ONLY],
    "Pages load nothing that counts or follows visitors.": [
        "static:no_trackers",
        "static:only_own_files",
        LOCAL_ONLY,
        HISTORY,
    ],
    "Nothing saved on your device.": [STORED, HISTORY],
    "The site does not save your searches, your choices or your place.": [HISTORY, STORED, RELOAD],
    "It stores nothing in your browser.": [STORED, HISTORY],
    "There are no accounts.": ["static:no_forms_that_ask"],
    "No forms.": ["static:no_forms_that_ask"],
    "The site never asks for your name, email, phone number or story.": ["static:no_forms_that_ask"],
    "No calls to other companies.": ["static:only_own_files", LOCAL_ONLY],
    "Every file a page needs comes from this site.": ["static:only_own_files", LOCAL_ONLY],
    "Your browser does not contact any other company when you load a page.": ["static:only_own_files", LOCAL_ONLY],
    "When you search, your browser does the search.": [FINDER_LOCAL, HISTORY],
    "Your words are not sent to us or anyone else.": [HISTORY, FINDER_LOCAL],
    "When you look for help near a ZIP code or a town, your device works out the distances.": [FINDER_LOCAL],
    "The place you type is not sent anywhere.": [HISTORY, FINDER_LOCAL],
    "If you press Use my location, your phone or computer asks you first.": [GEO],
    "Your location is only used on your device to find the nearest ZIP code.": [GEO, HISTORY],
    "It is not sent anywhere.": [GEO, HISTORY],
    "Your words, your ZIP code and your location are not put in the web address or the tab title.": [HISTORY],
    "So they do not go into your browser history.": [HISTORY],
    "Only this button puts your search into a link.": [SHARE, HISTORY],
    "The page says so next to the button.": [SHARE],
    "Your searches are never in it, because they are never sent.": [HISTORY],
    "We ask the people who publish this site to keep logs short or turn them off.": [LOGS_GUIDE],
    "This site does not tell that website which page you came from.": ["static:no_referrer"],
    # docs/safety/browsing.md
    "Every page on this site has an Exit this page button at the top.": ["static:exit_on_every_page"],
    "It stays on top, even when the menu or the search is open.": [EXIT_STATES, EXIT_SELECT],
    "Tap or click the button.": [EXIT_STATES],
    "On a computer, you can also press the Shift key three times fast.": [EXIT_SHIFT],
    "The Shift keys only work when JavaScript is on.": [EXIT_WORDS],
    "The button always works.": [EXIT_STATES, EXIT_NOJS],
    "The page goes blank right away.": [EXIT_BLANK],
    "Then a weather website opens in the same tab.": ["static:exit_on_every_page", EXIT_STATES],
    "If another website shows this page inside its own page, the button takes you away from both.": [FRAMED_EXIT],
    "This site does not show its pages inside other websites.": [FRAMED_HIDDEN, FRAME_HEADERS],
    "Your searches are not in it.": [HISTORY],
    "When you search for help, your words, your ZIP code and your location are not put in the web address or "
    "in the tab title.": [HISTORY],
    "If you open a program and press Back, your search is often still there.": [HISTORY],
    "It is kept only in the open tab.": [HISTORY, RELOAD],
    "It is gone when you reload the page or close the tab.": [RELOAD, HISTORY],
    "A link made with Copy a link to this search holds the search.": [SHARE],
    "The page takes the search out of the address bar right away.": [ARRIVING],
    'A program\'s page is called "Program details".': ["static:program_titles", HISTORY],
    "The title never has the program's name in it.": ["static:program_titles", HISTORY],
    'Other pages keep their names, like "Hotlines" or "Protection orders".': ["static:program_titles"],
    "This site does not use cookies.": [STORED, HISTORY],
    "It does not use trackers or ads.": ["static:no_trackers", LOCAL_ONLY],
    "It does not ask for your name.": ["static:no_forms_that_ask"],
    'Search and "near me" run on your own device.': [FINDER_LOCAL, HISTORY],
    "Nothing you type is sent to us.": [HISTORY],
}

NOT_PROMISES = {
    line.strip()
    for line in """
We built this site so you can use it without being tracked.
Here is what that means, in plain words.
The search page has a button called Copy a link to this search.
Anyone who sees the link can see what you searched for.
If someone opens the link, it goes into the history of their browser.
We want to be honest about the limits.
The server's logs.
Like almost every website, the computer that sends you these pages may keep a short log.
A log line usually has your internet address (IP address), the time, the page and the type of browser.
Your network.
Your internet or phone company can see that you visited this site.
So can the owner of the Wi-Fi you use, like a workplace or school.
A private window does not change this.
Your device.
Your browser keeps a history of the pages you visit, like it does for any site.
The web address of a program's page has the program's name in it.
Read browsing more safely to learn how to leave fewer traces.
Calls and texts.
When you tap a phone number, your phone makes the call.
It shows in your call list.
We do not see it.
Some pages link to other websites, like a hotline or a court.
When you open one of those links, you leave this site.
That website's own privacy rules apply.
It may use cookies or trackers.
To ask about privacy, see about this site.
Please do not send us personal details about yourself or anyone else.
Someone may watch what you do on your phone or computer.
This page explains how to leave this site fast.
It also explains how to leave fewer traces.
The safest choice is to use a different device.
Use one the other person cannot get to.
For example, use a computer at a public library or a phone that belongs to a friend you trust.
It has nothing to do with this site.
Exit this page helps if someone walks into the room.
It does not hide that you visited this site.
It does not erase your history.
Other pages you opened on this site stay in your browser history.
Someone could press Back.
The browser's Back button may still lead to pages from this site.
Calls and texts leave a record.
If you tap a phone number here, the call shows in your phone's call list.
A text shows in your messages.
To leave fewer traces, use a private window or clear your history.
Both are explained below.
Your browser keeps a list of the pages you opened.
Some phones also show the open pages when you switch apps.
That list can show a small picture of the page, with what was on the screen.
Back still works.
A shared link is different.
If you open such a link, the link goes into your history.
The tab title is the name of the page in your history and in the list of open apps.
A name like "… Domestic Violence Shelter" tells a lot to someone who looks at your phone.
Those names help people find the pages with a search engine, like Google.
They say less about you than a program's name.
The web address still has the program's name in it, and so does the page itself.
Your history shows the web address too.
A private window, or clearing your history, hides both.
A private window does not save the pages you visit once you close it.
Browsers call it different names:
"private window", "Incognito" or "InPrivate".
Open your browser's menu.
It is often three dots or three lines in a corner.
Choose New private window or New Incognito window.
Open this site in that window.
Close the window when you are done.
A private window has limits.
It does not hide what you do from the owner of the network, like a workplace or a school.
It does not stop spy apps that someone put on your device.
If you did not use a private window, you can remove pages from your history.
Find History.
Delete the pages from this site, or clear your history for a time period.
Think about what is safest for you.
A history that is suddenly empty may draw attention.
Some people delete only the pages they want to hide.
A device is safer if the person who harmed you has never used it, checked it or set it up.
Some choices:
a computer at a public library,
a phone that belongs to a friend you trust,
a new phone that only you use.
An advocate can help you think about phone and computer safety.
See safety planning.
Read what we do not collect.
""".strip().splitlines()
}


def sentences(markdown: str) -> list[str]:
    """The sentences a reader reads: no front matter, headings, admonition markers, tables, code or Sources;
    links as their text, no bold or code marks."""
    markdown = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    markdown = re.split(r"(?m)^## Sources\s*$", markdown)[0]
    blocks: list[str] = []
    cur: list[str] = []
    for line in markdown.splitlines():
        s = line.strip()
        if not s or s.startswith(("#", "!!!", "|", "```")):
            if cur:
                blocks.append(" ".join(cur))
                cur = []
            continue
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)", s)
        if item:
            if cur:
                blocks.append(" ".join(cur))
            cur = [item.group(1)]
        else:
            cur.append(s)
    if cur:
        blocks.append(" ".join(cur))
    out: list[str] = []
    for block in blocks:
        block = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", block)
        block = re.sub(r"<https?://[^>]+>", "", block).replace("**", "").replace("`", "")
        out += [s.strip() for s in re.split(r"(?<=[.!?:])\s+(?=[A-Z\"“(])", block) if s.strip()]
    return out


def all_sentences() -> dict[str, str]:
    return {s: page for page in PAGES for s in sentences((REPO / page).read_text("utf-8"))}


def test_every_sentence_is_a_checked_promise_or_not_a_promise():
    found = all_sentences()
    new = [f"{page}: {s}" for s, page in found.items() if s not in PROMISES and s not in NOT_PROMISES]
    assert not new, (
        "New or changed sentences. If one promises something, add it to PROMISES with the test "
        "that checks it; otherwise add it to NOT_PROMISES:\n" + "\n".join(new)
    )
    gone = sorted((set(PROMISES) | NOT_PROMISES) - set(found))
    assert not gone, "Listed here but no longer in the pages (remove them):\n" + "\n".join(gone)
    assert not set(PROMISES) & NOT_PROMISES


def test_sentence_splitting_sees_promises_in_lists_and_links():
    text = "---\ntitle: x\n---\n# H\n\n- **No cookies.** The site does [not](a.md) keep\n  anything. Really.\n"
    assert sentences(text) == ["No cookies.", "The site does not keep anything.", "Really."]


@pytest.mark.parametrize("check", sorted({c for checks in PROMISES.values() for c in checks if "::" in c}))
def test_every_named_check_exists(check):
    path, name = check.split("::")
    assert re.search(rf"^def {re.escape(name)}\(", (REPO / path).read_text("utf-8"), re.M), check


# ---------------------------------------------------------------------------------------------- static checks


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.found: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.found.append((tag, a, tuple(self.stack)))
        if tag not in {
            "meta",
            "link",
            "input",
            "img",
            "br",
            "hr",
            "source",
            "wbr",
            "area",
            "base",
            "col",
            "embed",
            "track",
            "param",
        }:
            self.stack.append(tag)
        self._in_h1 = tag == "h1"

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1 += data


def elements(path: Path) -> Elements:
    e = Elements()
    e.feed(path.read_text("utf-8"))
    return e


def exit_url() -> str:
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    m = re.search(r"^\s+exit_url:\s*(\S+)", text, re.M)
    return m.group(1) if m else "https://www.weather.gov/"


def own(url: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I) or url.startswith("data:")


def check_exit_on_every_page(site: Path) -> None:
    for page in html_pages(site):
        found = [(a, stack) for tag, a, stack in elements(page).found if a.get("id") == "ccci-exit"]
        assert len(found) == 1, page
        a, stack = found[0]
        assert "header" in stack and a["href"] == exit_url() and a.get("target") == "_top", (page, a)
        assert "weather" in exit_url()


def check_no_referrer(site: Path) -> None:
    for page in html_pages(site):
        assert '<meta name="referrer" content="no-referrer">' in page.read_text("utf-8"), page


RESOURCE_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}


def check_only_own_files(site: Path) -> None:
    for page in html_pages(site):
        text = page.read_text("utf-8")
        assert "Content-Security-Policy\" content=\"default-src 'self'" in text, page
        for tag, a, _stack in elements(page).found:
            url = a.get(RESOURCE_ATTRS.get(tag, ""), "") or (
                a.get("href", "") if tag == "link" and a.get("rel", "") not in {"canonical", "alternate"} else ""
            )
            assert own(url), (page, tag, url)


TRACKERS = (
    "google-analytics",
    "googletagmanager",
    "gtag(",
    "plausible",
    "matomo",
    "piwik",
    "hotjar",
    "segment.com",
    "facebook.net",
    "clarity.ms",
    "doubleclick",
    "usefathom",
    "cloudflareinsights",
)


def check_no_trackers(site: Path) -> None:
    for path in [*html_pages(site), *site.rglob("*.js")]:
        text = path.read_text("utf-8", errors="replace").lower()
        assert not [t for t in TRACKERS if t in text], path


def check_no_forms_that_ask(site: Path) -> None:
    for page in html_pages(site):
        text = page.read_text("utf-8")
        assert "form-action 'none'" in text, page
        for tag, a, _stack in elements(page).found:
            assert tag != "textarea", page
            if tag == "input":
                assert a.get("type", "text") not in {"email", "tel", "password", "file"}, (page, a)
                assert a.get("autocomplete") not in {"name", "email", "tel", "username"}, (page, a)
            if tag == "form":  # a search form at most: never posted, never to another site
                assert a.get("method", "get").lower() == "get" and own(a.get("action", "")), (page, a)


def check_program_titles(site: Path) -> None:
    orgs = sorted((site / "org").glob("*/index.html"))
    assert orgs
    site_name = re.search(r"^site_name:\s*(.+)$", (REPO / "mkdocs.yml").read_text("utf-8"), re.M).group(1).strip()
    for page in orgs:
        title, name = parse(page).title.strip(), elements(page).h1.strip()
        assert title == f"Program details - {site_name}", (page, title)
        assert name and name not in title, (page, name)
    assert parse(site / "hotlines" / "index.html").title.startswith("Hotlines - ")
    assert parse(site / "rights" / "protection-orders" / "index.html").title.startswith("Protection orders")


STATIC = {
    "exit_on_every_page": check_exit_on_every_page,
    "no_referrer": check_no_referrer,
    "only_own_files": check_only_own_files,
    "no_trackers": check_no_trackers,
    "no_forms_that_ask": check_no_forms_that_ask,
    "program_titles": check_program_titles,
}


def test_every_static_check_named_exists():
    named = {c.split(":", 1)[1] for checks in PROMISES.values() for c in checks if c.startswith("static:")}
    assert named <= set(STATIC), named - set(STATIC)


@pytest.mark.parametrize("name", sorted(STATIC))
def test_static_promise_check(name, built_site):
    STATIC[name](built_site)
