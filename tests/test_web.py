"""The web edition, in a real browser (Chromium, Selenium) with axe-core: for the real brief and
for the German test brief."""
import re

import pytest
from selenium.webdriver.common.by import By

import browser
from brief.build import build
from conftest import make_project

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                              "best-practice"]}}


@pytest.fixture(scope="module")
def driver():
    chrome = browser.start()
    yield chrome
    chrome.quit()


@pytest.fixture(scope="module", params=["real", "wasser"])
def edition(request, real_build, tmp_path_factory):
    """(project, build result, build/web/index.html) for the real brief and the German one."""
    if request.param == "real":
        project, result = real_build
    else:
        project = make_project(tmp_path_factory.mktemp("wasser-web") / "p", "wasser")
        result = build(project)
    return project, result, project / "build/web/index.html"


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violation(driver, edition, width):
    _, _, page = edition
    browser.open_at(driver, page, width)
    assert browser.axe(driver, **WCAG) == []


def test_nothing_overflows_sideways_on_a_phone(driver, edition):
    _, _, page = edition
    browser.open_at(driver, page, 375)
    widths = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths


def test_every_note_call_and_back_link_leads_to_an_element(driver, edition):
    _, _, page = edition
    browser.open_at(driver, page, 1280)
    links = driver.execute_script(
        "return [...document.querySelectorAll('a[href^=\"#\"]')].map(a => [a.getAttribute('href'), a.className])")
    missing = driver.execute_script(
        "return [...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href'))"
        ".filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))")
    assert missing == []
    calls = [h for h, cls in links if cls == "fn-ref"]
    backs = [h for h, cls in links if cls == "fn-back"]
    assert sorted(h.removeprefix("#note-") for h in calls) == sorted(h.removeprefix("#call-") for h in backs)
    citations = [h for h, _ in links if h.startswith("#ref-")]
    from brief.look.theme import citation_style, is_note_style
    import yaml
    style = yaml.safe_load((edition[0] / "content/brief.yaml").read_text()).get("citation_style", "")
    if is_note_style(citation_style(edition[0], style or "chicago-shortened-notes-bibliography.csl")):
        assert len(calls) > 20
    else:  # author-date (APA): citations in the text, each a link to its Sources entry
        assert calls == [] and citations


def test_every_figure_has_alt_text_and_a_caption_in_the_page_s_fonts(driver, edition):
    _, _, page = edition
    browser.open_at(driver, page, 1280)
    figures = driver.find_elements(By.CSS_SELECTOR, "figure.chart")
    assert figures
    for figure in figures:
        svg = figure.find_element(By.TAG_NAME, "svg")
        assert svg.get_attribute("role") == "img" and len(svg.get_attribute("aria-label")) > 20
        assert figure.find_element(By.TAG_NAME, "figcaption").text.startswith(("Figure", "Abbildung"))
    families = driver.execute_script(
        "return [...document.querySelectorAll('figure svg text')].map(t => getComputedStyle(t).fontFamily)")
    loaded = driver.execute_script("return [...document.fonts].filter(f => f.status == 'loaded').map(f => f.family)")
    assert families and {f.strip('"') for f in families} <= {f.strip('"') for f in loaded}


def test_no_request_leaves_the_page_and_no_script_runs(driver, edition):
    _, _, page = edition
    with browser.served(page.parent) as base:  # as a static host serves it (file:// has no timings)
        driver.get(base + "index.html")
        driver.execute_script("return document.fonts.ready")
        requested = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert requested and all(url.startswith(base) for url in requested), requested
    assert any(url.endswith(".ttf") for url in requested) and any(url.endswith("web.css") for url in requested)
    assert driver.find_elements(By.TAG_NAME, "script") == []


def test_the_page_holds_every_section_and_every_note(driver, edition):
    project, _, page = edition
    browser.open_at(driver, page, 1280)
    text = " ".join(driver.find_element(By.TAG_NAME, "body").text.split())
    html = (project / "build/brief.html").read_text()
    from html import unescape  # a title such as "Korea's minefields" is escaped in the HTML
    titles = [unescape(t) for t in re.findall(r'<h1 class="chapter-title"><span class="num">[^<]*</span> ([^<]+)</h1>', html)]
    assert titles and all(title in text for title in titles)
    from printedsources import sources
    from prosedata import notes_of
    notes = notes_of(project)
    assert all(" ".join(note.split()) in text for note in notes)
    assert all(" ".join(entry.split())[:60] in text for entry in sources(html))


def test_landmarks_language_and_sharing_metadata(edition):
    project, result, page = edition
    html = page.read_text()
    for tag in ("<header", "<nav", "<main", "<footer"):
        assert tag in html
    lang = re.search(r'<html lang="([^"]+)">', html)[1]
    assert lang == re.search(r'<html lang="([^"]+)">', (project / "build/brief.html").read_text())[1]
    for name in ("og:title", "og:description", "twitter:card"):
        assert f'"{name}"' in html
    # Neither brief has a web_address, so there is no absolute address for the preview image
    # (test_hostile_content checks one that has).
    assert "web_address" not in (project / "content/brief.yaml").read_text() and '"og:image"' not in html
    assert (page.parent / "cover.png").read_bytes().startswith(b"\x89PNG")
    assert (page.parent / "brief.pdf").read_bytes() == (project / "build/brief.pdf").read_bytes()


def test_the_print_css_meets_contrast_and_links_differ_by_more_than_colour(driver, real_build):
    """The PDF's own HTML and CSS, checked by axe-core as the issue measured it."""
    project, _ = real_build
    browser.open_at(driver, project / "build/brief.html", 1280)
    rules = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
    assert browser.axe(driver, **rules) == []
