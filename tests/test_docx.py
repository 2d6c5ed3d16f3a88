"""The Word output, read back from its XML: real footnotes, heading styles, the asks as a
numbered list, the charts as images, the theme's fonts, the same bytes every time."""
import shutil
import zipfile
from xml.etree import ElementTree

from brief.build import build
from prosedata import plain

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _part(docx, name):
    with zipfile.ZipFile(docx) as z:
        return ElementTree.fromstring(z.read(name))


def _paragraphs(docx):
    """Each paragraph of the body: (its style, whether it is numbered, its text)."""
    out = []
    for p in _part(docx, "word/document.xml").iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        numbered = p.find(f"{W}pPr/{W}numPr") is not None
        out.append((style.get(f"{W}val") if style is not None else None, numbered,
                    "".join(t.text or "" for t in p.iter(f"{W}t"))))
    return out


def test_every_note_is_a_word_footnote_in_order(real_build):
    project, result = real_build
    notes = _part(project / "build/brief.docx", "word/footnotes.xml")
    texts = [" ".join("".join(t.text or "" for t in n.iter(f"{W}t")).split())
             for n in notes.iter(f"{W}footnote") if int(n.get(f"{W}id")) > 0]
    expected = [plain(text) for _, text in sorted(result.edition.prose.notes.items())]
    assert len(expected) > 20 and texts == expected
    refs = [r.get(f"{W}id") for r in _part(project / "build/brief.docx", "word/document.xml")
            .iter(f"{W}footnoteReference")]
    assert len(refs) == len(expected)


def test_headings_are_word_heading_styles_and_the_asks_a_numbered_list(real_build):
    project, result = real_build
    paragraphs = _paragraphs(project / "build/brief.docx")
    headings = [text for style, _, text in paragraphs if style == "Heading1"]
    sections = [f"{s['label']} {s['title']}" for s in result.edition.sections]
    assert headings == ["Key findings", "Recommendations", *sections, "Sources", "About this brief"]
    start = next(i for i, p in enumerate(paragraphs) if p[2] == "Recommendations")
    asks = [text for _, numbered, text in paragraphs[start:] if numbered and text.endswith(
        tuple(a["ask"][-20:] for a in result.edition.asks))]
    assert len(asks) == len(result.edition.asks)


def test_charts_are_images_with_their_alt_text(real_build):
    project, result = real_build
    with zipfile.ZipFile(project / "build/brief.docx") as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        document = z.read("word/document.xml").decode()
    assert len(media) == len(result.edition.figures) > 0 and all(n.endswith(".png") for n in media)
    for figure in result.edition.figures.values():
        assert f'descr="{figure["alt"][:40]}' in document


def test_the_word_file_takes_the_theme_fonts_and_is_reproducible(built, tmp_path):
    project, _ = built
    fonts = {f.get(f"{W}ascii") for f in _part(project / "build/brief.docx", "word/styles.xml").iter(f"{W}rFonts")}
    assert {"Source Serif 4", "Source Sans 3"} <= fonts
    first = (project / "build/brief.docx").read_bytes()
    shutil.rmtree(project / "build")
    build(project)
    assert (project / "build/brief.docx").read_bytes() == first


def test_a_brief_can_ask_for_fewer_outputs(built, brief_cli):
    project, _ = built
    brief_yaml = project / "content/brief.yaml"
    shutil.rmtree(project / "build")
    brief_yaml.write_text(brief_yaml.read_text() + "outputs: [pdf]\n")
    run = brief_cli(project, "build")
    assert run.code == 0 and (project / "build/brief.pdf").exists()
    assert not (project / "build/brief.docx").exists() and not (project / "build/web").exists()
    brief_yaml.write_text(brief_yaml.read_text().replace("outputs: [pdf]", "outputs: [pdf, dcox]"))
    run = brief_cli(project, "check")
    assert run.err.splitlines()[0].endswith(
        "'outputs' names 'dcox', which is not an output; use pdf, docx, web; did you mean 'docx'?")
