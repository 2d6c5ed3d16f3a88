"""The web edition, in a real browser (Chromium, Selenium) with axe-core: for the real brief and
for the German test brief."""
import re
from html import unescape

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


@pytest.fixture(scope="module")
def web_only(tmp_path_factory):
    """The minimal brief with `outputs: [web]`, a Polish source and developments that refer to a
    section: (project, result, page)."""
    project = make_project(tmp_path_factory.mktemp("web-only") / "p", "minimal")
    brief = project / "content/brief.yaml"
    brief.write_text(brief.read_text() + "outputs: [web]\n")
    sources = project / "content/sources.yaml"
    sources.write_text(sources.read_text().replace(
        "    title: Widgets Take Over\n", "    title: Widżety przejmują władzę\n    language: pl-PL\n"))
    developments = project / "content/developments.yaml"
    developments.write_text(developments.read_text().replace(
        "The law passed [@news-2018].", "The law passed [@news-2018]. See {{section:background}}.").replace(
        "summary: The census came out [@report-2020].",
        "summary: '{{section:background}} has the count. The census came out [@report-2020].'"))
    result = build(project)
    return project, result, project / "build/web/index.html"


def _headings(driver):
    """Every heading in the page's order: [level, id of its chapter or '', class, text]."""
    return driver.execute_script(
        "return [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => [+h.tagName[1], "
        "h.closest('section.chapter') ? h.closest('section.chapter').id : '', h.className, "
        "h.textContent.trim().replace(/\\s+/g, ' ')])")


def _prose_headings(fragment) -> list[str]:
    """The text of the headings Pandoc wrote in a piece of prose (its `##` and `###`)."""
    html = "".join(p for p in fragment.parts if isinstance(p, str))
    return [unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h\d[^>]*>(.*?)</h\d>", html)]


def _assert_outline(driver, result, page):
    """One h1; each chapter an h2 with its `##` subsections h3 below it (a callout's `###` one
    below the heading before it); no level skipped."""
    browser.open_at(driver, page, 1280)
    headings = _headings(driver)
    levels = [level for level, *_ in headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:])), headings
    for s in result.edition.sections:
        inside = [(level, cls, text) for level, chapter, cls, text in headings if chapter == f"sec-{s['id']}"]
        assert inside[0] == (2, "", f"{s['label']} {s['title']}")
        from_prose = [(level, text) for level, cls, text in inside[1:] if cls == ""]
        assert [text for _, text in from_prose] == _prose_headings(s["prose"])
        assert all(level >= 3 for level, _ in from_prose), from_prose
    return headings


def test_the_headings_are_an_outline_chapters_then_their_subsections(driver, edition):
    _, result, page = edition
    headings = _assert_outline(driver, result, page)
    if result.edition.brief.title == "Close the Korea Exception":
        assert [h for h in headings if h[1] == "sec-congress"][1:3] == [
            [3, "sec-congress", "", "Exports, 1992 to at least 2014"],
            [3, "sec-congress", "", "Use, 1996: an exemption for demilitarized zones"]]


def test_a_callout_heading_comes_one_level_below_its_subsection(driver, web_only):
    _, result, page = web_only
    headings = _assert_outline(driver, result, page)
    assert [h for h in headings if h[1] == "sec-background" and h[2] == ""] == [
        [2, "sec-background", "", "1 Background"], [3, "sec-background", "", "History"],
        [4, "sec-background", "", "In brief"]]


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
def test_axe_finds_no_violation(driver, edition, width):
    _, _, page = edition
    browser.open_at(driver, page, width)
    assert browser.axe(driver, **WCAG) == []


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
def test_axe_finds_no_violation_in_the_real_brief_s_korean_edition(driver, real_build, width):
    project, _ = real_build
    browser.open_at(driver, project / "build/web/ko-KR/index.html", width)
    assert browser.axe(driver, **WCAG) == []


def test_axe_finds_no_violation_at_200_percent_zoom(driver, edition):
    """A 1280 x 900 window zoomed to 200%: the page lays out in 640 x 450 CSS px, each two
    device pixels wide, as Chromium's own zoom does."""
    _, _, page = edition
    try:
        browser.zoomed(driver, page, 1280, 900, 2)
        assert driver.execute_script("return [innerWidth, devicePixelRatio]") == [640, 2]
        assert browser.axe(driver, **WCAG) == []
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


ARIA_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-details",
                   "aria-flowto", "aria-activedescendant", "aria-errormessage")


def test_every_aria_reference_resolves_and_each_note_call_is_named(driver, edition):
    _, result, page = edition
    browser.open_at(driver, page, 1280)
    references = driver.execute_script(
        "return arguments[0].flatMap(name => [...document.querySelectorAll('[' + name + ']')]"
        ".flatMap(e => e.getAttribute(name).trim().split(/\\s+/).map(id => [name, id])))", list(ARIA_REFERENCES))
    assert references
    missing = driver.execute_script("return arguments[0].filter(([_, id]) => !document.getElementById(id))", references)
    assert missing == []
    calls = driver.find_elements(By.CSS_SELECTOR, "a.fn-ref")
    assert [c.accessible_name for c in calls] == [result.edition.strings("note_call", number=int(c.text)) for c in calls]
    if result.edition.brief.language.startswith("en"):
        assert calls and calls[3].accessible_name == "Note 4"


def _local_links(driver) -> set[str]:
    return set(driver.execute_script(
        "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
        ".filter(h => !h.startsWith('#') && !/^[a-z]+:/i.test(h))"))


def test_the_page_links_the_evidence_report_and_the_pdfs_published_beside_it(driver, edition):
    project, result, page = edition
    browser.open_at(driver, page, 1280)
    translations = {f"{place}/index.html" for _, place in result.edition.editions if place}  # the language switch
    assert _local_links(driver) == {"brief.pdf", "brief-onepage.pdf", "evidence.html", *translations}
    for name in ("brief.pdf", "brief-onepage.pdf", "evidence.html"):
        assert (page.parent / name).read_bytes() == (project / "build" / name).read_bytes()


def test_a_brief_that_writes_no_pdf_links_none(driver, web_only):
    project, _, page = web_only
    browser.open_at(driver, page, 1280)
    assert _local_links(driver) == {"evidence.html"}
    assert not (page.parent / "brief.pdf").exists() and not (project / "build/brief.pdf").exists()
    assert (page.parent / "evidence.html").read_bytes() == (project / "build/evidence.html").read_bytes()


def test_a_foreign_title_carries_its_language_in_the_notes_and_sources(driver, web_only):
    _, _, page = web_only
    browser.open_at(driver, page, 1280)
    marked = driver.execute_script(
        "return [...document.querySelectorAll('body [lang]')].map(e => [e.lang, e.textContent, e.closest('li').id])")
    places = [place for _, _, place in marked]
    assert {(lang, text) for lang, text, _ in marked} == {("pl-PL", "Widżety przejmują władzę")}
    assert "ref-news-2018" in places and any(p.startswith("note-") for p in places)
    with_title = driver.execute_script(
        "return [...document.querySelectorAll('.notes-list li, .csl-entry')].filter(e => "
        "e.textContent.includes('Widżety')).map(e => e.id)")
    assert sorted(with_title) == sorted(places)


CHART_TEXT = """return [...document.querySelectorAll('figure svg text')].filter(t => t.getClientRects().length)
  .map(t => { const m = t.getScreenCTM(); return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) })"""


def test_every_chart_s_text_is_at_least_11_px_tall_on_a_phone(driver, edition):
    """Its size on the screen: the SVG's font size times the scale it is drawn at. A phone is
    shown the narrow drawing, a wide screen the column's (one drawing each)."""
    _, _, page = edition
    browser.open_at(driver, page, 375)
    sizes = driver.execute_script(CHART_TEXT)
    assert sizes and min(sizes) >= 11, sorted(sizes)[:5]
    for width, drawing in ((375, "phone"), (1280, "wide")):
        browser.open_at(driver, page, width)
        shown = driver.execute_script("return [...document.querySelectorAll('figure.chart')].map(f => "
                                      "[...f.querySelectorAll('svg')].filter(s => s.getClientRects().length)"
                                      ".map(s => s.getAttribute('class')))")
        assert shown and all(classes == [drawing] for classes in shown), shown


def _box(driver, selector):
    return driver.execute_script(f"return document.querySelector('{selector}').getBoundingClientRect().toJSON()")


@pytest.mark.parametrize("width", [1100, 1280, 1920])
def test_the_contents_stay_in_view_beside_the_text_on_a_wide_screen(driver, edition, width):
    _, _, page = edition
    browser.open_at(driver, page, width)
    driver.execute_script("document.getElementById('sources').scrollIntoView()")
    contents, text = _box(driver, "nav.contents .toc"), _box(driver, "main")
    assert 0 <= contents["top"] and contents["bottom"] <= 900
    assert contents["right"] <= text["left"]  # beside the text, never over it
    assert text["right"] - contents["left"] >= min(0.7 * width, 1000)  # the page fills the screen


def test_on_a_narrower_screen_the_contents_stay_above_the_text(driver, edition):
    _, _, page = edition
    browser.open_at(driver, page, 1099)
    driver.execute_script("document.getElementById('sources').scrollIntoView()")
    assert _box(driver, "nav.contents .toc")["bottom"] < 0


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


def test_the_chronology_s_cross_references_are_links(driver, web_only):
    _, _, page = web_only
    browser.open_at(driver, page, 1280)
    links = driver.execute_script(
        "return [...document.querySelectorAll('.development a:not(.fn-ref)')].map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [["Section 1", "#sec-background"], ["section 1", "#sec-background"]]
    driver.find_element(By.CSS_SELECTOR, '.development a[href="#sec-background"]').click()
    assert driver.execute_script("return location.hash") == "#sec-background"
    assert driver.execute_script("return document.getElementById('sec-background').getBoundingClientRect().top") < 5


def test_the_real_chronology_links_the_figure_it_points_to(driver, real_build):
    project, result = real_build
    browser.open_at(driver, project / "build/web/index.html", 1280)
    links = driver.execute_script(
        "return [...document.querySelectorAll('.development')].map(d => [...d.querySelectorAll('a:not(.fn-ref)')]"
        ".map(a => [a.textContent, a.getAttribute('href')]))")
    assert links == [[["Figure 1", "#fig-policy-states"]]] * len(result.edition.developments)
    findings = driver.execute_script(
        "return [...document.querySelectorAll('.finding-list a:not(.fn-ref)')].map(a => [a.textContent, a.getAttribute('href')])")
    assert findings == [[f"section {n}", f"#sec-{s}"] for n, s in
                        enumerate(["hinge", "military-case", "korea", "strain", "congress"], 1)]
