"""The PDF's tag tree, finished where WeasyPrint 70 stops short of PDF/UA-1 (with pikepdf).

WeasyPrint tags the document as it lays it out; five things it cannot express are put right
here, after `write_pdf` and before the file is saved, without touching the page's content
except to mark running heads as artifacts:

- running heads and page numbers (@page margin boxes) become /Artifact content; WeasyPrint
  leaves them as text whose struct elements hang outside the tree;
- each note becomes a /Note element with an /ID, its number a /Lbl, moved from its page's
  footnote area (or, set in the side column, from inside the calling paragraph) to right after
  the block holding its call (the notes stage links call and note
  both ways, `#note-N` and `#call-N`, which is how they are found here: no text is read);
- a link's extra annotations (for an <em> inside an <a>, say) are removed, so each link is one
  annotation in one /Link element, and the pieces of a link broken across lines are one element;
- every list item is /Lbl + one /LBody;
- a Figure's /BBox is converted from CSS pixels to PDF points;
- each link annotation says where it leads in words (/Contents, from links.py, instead of the
  target's id), is printed like the page (the Print flag), and a link to a source in another
  language carries it (/Lang).

MCIDs are never renumbered; every move updates the ParentTree and the /P back-pointers.
"""
import re
from collections import defaultdict

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ..templates import CALL_ID_PREFIX, NOTE_ID_PREFIX

BLOCKS = {"/P", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/H", "/LBody", "/Caption", "/TD", "/TH",
          "/BlockQuote", "/Lbl"}
NOTE, CALL = (re.compile(rf"^{re.escape(prefix)}(\d+)$") for prefix in (NOTE_ID_PREFIX, CALL_ID_PREFIX))
MARGIN_TEXT = re.compile(rb"/Span\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def _kids(elem) -> list:
    k = elem.get("/K")
    return [] if k is None else list(k) if isinstance(k, Array) else [k]


def _is_elem(obj) -> bool:
    return isinstance(obj, Dictionary) and "/S" in obj and obj.get("/Type", Name.StructElem) == Name.StructElem


def _is_objr(obj) -> bool:
    return isinstance(obj, Dictionary) and obj.get("/Type") == Name.OBJR


def _target(annot):
    if "/Dest" in annot:
        return ("dest", str(annot.Dest))
    if "/A" in annot and "/URI" in annot.A:
        return ("uri", str(annot.A.URI))
    return None


class Tree:
    """The structure tree held as Python lists (parents, kids), written back by `commit`."""

    def __init__(self, pdf):
        self.pdf, self.root = pdf, pdf.Root.StructTreeRoot
        self.document = _kids(self.root)[0]
        self.page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
        self.elem, self.parent, self.k, self.dirty, self.order = {}, {}, {}, set(), []
        self._walk(self.document, self.root.objgen)
        tree = self.root.ParentTree
        self.nums = tree.Nums  # WeasyPrint writes one flat /Nums array
        self.page_arrays, self.annot_entries = {}, {}
        for i in range(0, len(self.nums), 2):
            key, value = int(self.nums[i]), self.nums[i + 1]
            if isinstance(value, Array):
                self.page_arrays[key] = value
            else:
                self.annot_entries[key] = i + 1

    def _walk(self, elem, parent):
        self.elem[elem.objgen], self.parent[elem.objgen] = elem, parent
        self.order.append(elem)
        self.k[elem.objgen] = _kids(elem)
        for kid in self.k[elem.objgen]:
            if _is_elem(kid):
                self._walk(kid, elem.objgen)

    def tag(self, elem) -> str:
        return str(elem.S)

    def page_of(self, elem):
        og = elem.objgen
        while og in self.elem:
            if "/Pg" in self.elem[og]:
                return self.page_index[self.elem[og].Pg.objgen]
            og = self.parent[og]
        return None

    def ancestors(self, elem):
        og = self.parent.get(elem.objgen)
        while og in self.elem:
            yield self.elem[og]
            og = self.parent.get(og)

    def annotations(self, elem):
        return [x.Obj for x in self.k[elem.objgen] if _is_objr(x)]

    def index_in_parent(self, elem) -> int:
        return next(i for i, x in enumerate(self.k[self.parent[elem.objgen]])
                    if isinstance(x, Dictionary) and x.objgen == elem.objgen)

    def new_elem(self, tag, parent, page):
        elem = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name(tag), P=parent, K=Array()))
        if page is not None:
            elem.Pg = self.pdf.pages[page].obj
        self.elem[elem.objgen], self.parent[elem.objgen], self.k[elem.objgen] = elem, parent.objgen, []
        self.dirty.add(elem.objgen)
        return elem

    def detach(self, kid, parent):
        self.k[parent.objgen] = [x for x in self.k[parent.objgen]
                                 if not (isinstance(x, Dictionary) and x.objgen == kid.objgen)]
        self.dirty.add(parent.objgen)

    def attach(self, kid, parent, index=None):
        """Add a kid (element, OBJR or MCID) to `parent`, keeping the ParentTree right."""
        kids = self.k[parent.objgen]
        kids.insert(len(kids) if index is None else index, kid)
        self.dirty.add(parent.objgen)
        if _is_elem(kid):
            self.parent[kid.objgen] = parent.objgen
            kid.P = parent
        elif isinstance(kid, int):
            page = self.pdf.pages[self.page_of(parent)].obj
            self.page_arrays[int(page.StructParents)][kid] = parent
        elif _is_objr(kid) and "/StructParent" in kid.Obj:
            self.nums[self.annot_entries[int(kid.Obj.StructParent)]] = parent

    def move(self, elem, new_parent, index=None):
        self.detach(elem, self.elem[self.parent[elem.objgen]])
        self.attach(elem, new_parent, index)

    def commit(self):
        for og in self.dirty:
            if og in self.elem:
                self.elem[og].K = Array(self.k[og])


def margin_boxes_to_artifacts(tree: Tree):
    """Text whose struct element is not in the tree is margin-box text (running heads, page
    numbers): it becomes pagination artifacts. Run first, before anything is detached."""
    reachable = set(tree.elem)
    for page in tree.pdf.pages:
        mcids = tree.page_arrays.get(int(page.obj.StructParents))
        orphans = {i for i, e in enumerate(mcids or []) if isinstance(e, Dictionary) and e.objgen not in reachable}
        if not orphans:
            continue
        contents = page.obj.Contents
        for stream in contents if isinstance(contents, Array) else [contents]:
            data = stream.read_bytes()
            marked = MARGIN_TEXT.sub(lambda m: b"/Artifact <</Type /Pagination>> BDC"
                                     if int(m[1]) in orphans else m[0], data)
            if marked != data:
                stream.write(marked)
        for i in orphans:
            mcids[i] = None


def notes_to_note_elements(tree: Tree):
    # A page's footnote area: a page-level NonStruct whose children are all Span (the notes).
    areas = {e.objgen for e in tree.k[tree.document.objgen]
             if _is_elem(e) and tree.tag(e) == "/NonStruct" and tree.k[e.objgen]
             and all(_is_elem(k) and tree.tag(k) == "/Span" for k in tree.k[e.objgen])}
    calls, backs = {}, {}
    for elem in tree.order:
        if tree.tag(elem) == "/Link":
            for annot in tree.annotations(elem):
                kind, where = _target(annot) or ("", "")
                if kind == "dest" and (m := NOTE.match(where)):
                    calls.setdefault(m[1], elem)
                elif kind == "dest" and (m := CALL.match(where)):
                    backs.setdefault(m[1], elem)
    notes = {}  # the note: the back-link's lowest ancestor that is a child of a footnote area, or,
    for number, link in backs.items():  # for a note floated beside its call, of an element holding the call
        holds_call = {a.objgen for a in tree.ancestors(calls[number])} if number in calls else set()
        chain = [link, *tree.ancestors(link)]
        note = next((chain[i] for i in range(len(chain) - 1)
                     if chain[i + 1].objgen in areas or chain[i + 1].objgen in holds_call), None)
        if note is not None:
            notes[number] = note
    placed = defaultdict(int)  # block -> notes already placed after it
    for number, note in notes.items():
        note.S, note.ID = Name.Note, String(f"{NOTE_ID_PREFIX}{number}")
        back = backs[number]
        if tree.parent[back.objgen] == note.objgen:  # its number, a link back to the call
            index = tree.index_in_parent(back)
            tree.detach(back, note)
            label = tree.new_elem("/Lbl", note, tree.page_of(note))
            tree.attach(back, label)
            tree.attach(label, note, index)
        call = calls.get(number)
        block = next((a for a in ([call, *tree.ancestors(call)] if call else []) if tree.tag(a) in BLOCKS), None)
        if block is not None and tree.parent[block.objgen] in tree.elem:
            parent = tree.elem[tree.parent[block.objgen]]
            tree.move(note, parent, tree.index_in_parent(block) + 1 + placed[block.objgen])
            placed[block.objgen] += 1
    for og in areas:
        if not tree.k[og]:
            tree.detach(tree.elem[og], tree.document)
    if notes:
        ids = pikepdf.NameTree.new(tree.pdf)
        for number, note in notes.items():
            ids[f"{NOTE_ID_PREFIX}{number}"] = note
        tree.root.IDTree = ids.obj


def one_annotation_per_link(tree: Tree):
    dropped = set()
    for elem in list(tree.order):
        for objr in [x for x in tree.k[elem.objgen] if _is_objr(x)]:
            annot = objr.Obj
            outer = next((a for a in tree.ancestors(elem) if tree.tag(a) == "/Link"
                          and any(_target(x) == _target(annot) for x in tree.annotations(a))), None)
            if outer is None:
                if tree.tag(elem) != "/Link":
                    elem.S = Name.Link
                continue
            tree.detach(objr, elem)
            tree.nums[tree.annot_entries[int(annot.StructParent)]] = None
            dropped.add(annot.objgen)
            if tree.tag(elem) == "/Link" and not tree.annotations(elem):
                elem.S = Name.Span
    for page in tree.pdf.pages:
        if dropped and "/Annots" in page:
            page.Annots = Array([a for a in page.Annots if a.objgen not in dropped])
    for og in list(tree.k):  # the pieces of one link broken across lines: one element
        kids, i = tree.k[og], 0
        while i < len(kids) - 1:
            a, b = kids[i], kids[i + 1]
            if (_is_elem(a) and _is_elem(b) and tree.tag(a) == tree.tag(b) == "/Link" and tree.annotations(a)
                    and tree.page_of(a) == tree.page_of(b)
                    and {_target(x) for x in tree.annotations(a)} == {_target(x) for x in tree.annotations(b)}):
                for kid in list(tree.k[b.objgen]):
                    tree.attach(kid, a)
                tree.k[b.objgen] = []
                tree.detach(b, tree.elem[og])
                kids = tree.k[og]
            else:
                i += 1


def list_items_as_label_and_body(tree: Tree):
    for item in [e for e in tree.order if tree.tag(e) == "/LI"]:
        kids = tree.k[item.objgen]
        if (kids and all(_is_elem(k) and tree.tag(k) in ("/Lbl", "/LBody") for k in kids)
                and sum(tree.tag(k) == "/LBody" for k in kids) <= 1):
            continue
        labels, body = [], []
        for kid in kids:
            if _is_elem(kid) and tree.tag(kid) == "/Lbl":
                labels.append(kid)
            elif _is_elem(kid) and tree.tag(kid) == "/LBody":
                body += tree.k[kid.objgen]
                tree.k[kid.objgen] = []
            else:
                body.append(kid)
        tree.k[item.objgen] = []
        tree.dirty.add(item.objgen)
        for label in labels:
            tree.attach(label, item)
        if body:
            lbody = tree.new_elem("/LBody", item, tree.page_of(item))
            for kid in body:
                tree.attach(kid, lbody)
            tree.attach(lbody, item)


def figure_boxes_in_points(tree: Tree):
    """WeasyPrint 70 writes a Figure's /BBox in CSS px from the top; PDF wants points from the bottom."""
    for elem in tree.order:
        if tree.tag(elem) == "/Figure" and "/A" in elem and "/BBox" in elem.A:
            x1, y1, x2, y2 = (float(v) * 0.75 for v in elem.A.BBox)
            height = float(tree.pdf.pages[tree.page_of(elem)].MediaBox[3])
            elem.A.BBox = Array([round(x1, 3), round(height - y2, 3), round(x2, 3), round(height - y1, 3)])


def empty_elements_removed(tree: Tree):
    """An element with nothing in it says nothing: the note calls' generated content (`none`),
    an empty anchor paragraph. Children first, so a parent emptied by them goes too."""
    for elem in reversed(tree.order):
        og = elem.objgen
        if not tree.k.get(og) and "/Alt" not in elem and "/ActualText" not in elem and tree.parent.get(og) in tree.elem:
            tree.detach(elem, tree.elem[tree.parent[og]])


PRINT = 4  # an annotation's Print flag (ISO 32000-1, 12.5.3): shown on paper as on screen


def links_described(tree: Tree, descriptions: dict, languages: dict):
    for page in tree.pdf.pages:
        for annot in page.get("/Annots", []):
            annot.F = int(annot.get("/F", 0)) | PRINT
            kind, where = _target(annot) or ("", "")
            if kind == "dest" and where in descriptions:
                annot.Contents = String(descriptions[where])
    for elem in tree.order:
        if tree.tag(elem) == "/Link":
            language = next((languages[where] for kind, where in map(_target, tree.annotations(elem))
                             if kind == "dest" and where in languages), None)
            if language:
                elem.Lang = String(language)


def finish_tags(pdf, descriptions: dict, languages: dict):
    """`descriptions`: what a link to each destination says; `languages`: the language of a
    destination whose links are in another than the document's (see links.py)."""
    tree = Tree(pdf)
    margin_boxes_to_artifacts(tree)
    notes_to_note_elements(tree)
    one_annotation_per_link(tree)
    list_items_as_label_and_body(tree)
    figure_boxes_in_points(tree)
    links_described(tree, descriptions, languages)
    empty_elements_removed(tree)
    tree.commit()
