"""PDF/UA-1 structure checks with pikepdf: the rules of PDF/UA-1 (ISO 14289-1) this project can
test without veraPDF, which cannot be installed here. A focused subset, not a validator.

usage: python tests/pdfua_checks.py file.pdf [--quiet]       exit code 1 if any check fails

Each check_* function takes a pikepdf.Pdf and returns a list of problem strings
(empty list = pass). `run_all(pdf)` returns {check name: problems}.

Checks:
  check_link_annotations   every /Link annotation has /StructParent, the ParentTree maps it to a
                           /Link struct element that is in the tree and holds an OBJR to it;
                           annotation has /Contents; one annotation per OBJR; no Link
                           element nested in another Link (a::after, <a><em>: extra annotations)
  check_list_items         every LI has only Lbl and LBody children (and at least one);
                           every L has only LI / L / Caption children
  check_figures            every Figure has a non-empty /Alt (or /ActualText)
  check_marked_content     every marked-content sequence in each page content stream is an
                           /Artifact or has an MCID that the ParentTree maps to a struct element
                           that is reachable from the StructTreeRoot and lists that MCID;
                           no tagged content nested in artifacts or vice versa; no painting
                           operator outside marked content; every MCID used once per page
  check_parent_tree        every ParentTree entry points to an element reachable from the root
                           (or null); every element's /P is its real parent
  check_notes              every Note has a unique /ID, registered in the IDTree; every link to
                           a named destination note-N has a Note with ID note-N
  check_headings           the first heading is H1 and no heading is more than one level below
                           the heading before it (Matterhorn 14-002, 14-003)
  check_lang               /Lang in the catalog is set (non-empty)
  check_metadata           XMP has pdfuaid:part=1 and a non-empty dc:title; DisplayDocTitle
                           true; MarkInfo/Marked true; pages /Tabs /S
"""
import sys
from collections import defaultdict

import pikepdf
from pikepdf import Array, Dictionary, Name

PAINT_OPS = {'Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's', 'sh', 'Do', 'EI'}


# ---------------------------------------------------------------- helpers

def number_tree_items(node):
    """Flatten a number tree (/Nums and /Kids) into {int: value}."""
    out = {}
    if '/Nums' in node:
        nums = node.Nums
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get('/Kids', []):
        out.update(number_tree_items(kid))
    return out


def kids_of(elem):
    k = elem.get('/K')
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def is_struct_elem(obj):
    return isinstance(obj, Dictionary) and '/S' in obj and obj.get('/Type', Name.StructElem) == Name.StructElem


class StructIndex:
    """Everything the checks need about the structure tree, computed once."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.root = pdf.Root.get('/StructTreeRoot')
        self.page_of = {p.objgen: i for i, p in enumerate(pdf.pages)}
        self.elements = []                 # reachable struct elements, document order
        self.parent = {}                   # objgen -> parent objgen (tree parent)
        self.mcids = defaultdict(set)      # objgen -> {(page, mcid)} it lists
        self.objrs = defaultdict(list)     # objgen -> [annotation objgen]
        self.by_objgen = {}
        self.parent_tree = number_tree_items(self.root.ParentTree) if self.root is not None and '/ParentTree' in self.root else {}
        if self.root is not None:
            for top in kids_of(self.root):
                self._walk(top, self.root.objgen, None)

    def _walk(self, elem, parent_og, inherited_page):
        og = elem.objgen
        if og in self.by_objgen:
            return  # shared element: reported by check_parent_tree
        self.by_objgen[og] = elem
        self.parent[og] = parent_og
        self.elements.append(elem)
        page = self.page_of.get(elem.Pg.objgen) if '/Pg' in elem else inherited_page
        for kid in kids_of(elem):
            if isinstance(kid, int):
                self.mcids[og].add((page, int(kid)))
            elif isinstance(kid, Dictionary) and kid.get('/Type') == Name.MCR:
                kp = self.page_of.get(kid.Pg.objgen) if '/Pg' in kid else page
                self.mcids[og].add((kp, int(kid.MCID)))
            elif isinstance(kid, Dictionary) and kid.get('/Type') == Name.OBJR:
                self.objrs[og].append(kid.Obj.objgen)
            elif is_struct_elem(kid):
                self._walk(kid, og, page)

    def s(self, elem):
        return str(elem.get('/S'))

    def struct_children(self, elem):
        return [k for k in kids_of(elem) if is_struct_elem(k)]

    def ancestors(self, elem):
        og = self.parent.get(elem.objgen)
        while og in self.by_objgen:
            yield self.by_objgen[og]
            og = self.parent.get(og)


# ---------------------------------------------------------------- checks

def check_link_annotations(pdf, idx=None):
    idx = idx or StructIndex(pdf)
    problems = []
    seen_objr = defaultdict(int)
    for og, annots in idx.objrs.items():
        for a in annots:
            seen_objr[a] += 1
    for pno, page in enumerate(pdf.pages):
        for annot in page.get('/Annots', []):
            if annot.get('/Subtype') != Name.Link:
                continue
            where = f'page {pno + 1} link annotation {annot.objgen[0]} -> {annot.get("/Dest") or annot.get("/A", {}).get("/URI")}'
            if '/StructParent' not in annot:
                problems.append(f'{where}: no /StructParent')
                continue
            elem = idx.parent_tree.get(int(annot.StructParent))
            if not isinstance(elem, Dictionary):
                problems.append(f'{where}: ParentTree has no element for StructParent {int(annot.StructParent)}')
                continue
            if elem.objgen not in idx.by_objgen:
                problems.append(f'{where}: its struct element is not in the structure tree')
            if elem.get('/S') != Name.Link:
                problems.append(f'{where}: parented to {elem.get("/S")}, not /Link')
            if annot.objgen not in idx.objrs.get(elem.objgen, []):
                problems.append(f'{where}: its struct element has no OBJR for it')
            if seen_objr.get(annot.objgen, 0) > 1:
                problems.append(f'{where}: referenced by {seen_objr[annot.objgen]} OBJRs')
            if not str(annot.get('/Contents', '')).strip():
                problems.append(f'{where}: no /Contents (alternate description)')
    for elem in idx.elements:
        if idx.s(elem) == '/Link' and any(idx.s(a) == '/Link' for a in idx.ancestors(elem)):
            problems.append(f'Link {elem.objgen[0]} is nested in another Link (a second annotation for one link)')
    return problems


def check_list_items(pdf, idx=None):
    idx = idx or StructIndex(pdf)
    problems = []
    for elem in idx.elements:
        s = idx.s(elem)
        if s == '/LI':
            raw = kids_of(elem)
            kinds = [idx.s(k) if is_struct_elem(k) else ('MCID' if isinstance(k, int) else 'content') for k in raw]
            bad = [k for k in kinds if k not in ('/Lbl', '/LBody')]
            page = idx.page_of.get(elem.Pg.objgen, -1) + 1 if '/Pg' in elem else '?'
            if bad or not kinds:
                problems.append(f'page {page} LI {elem.objgen[0]}: children {kinds}')
        elif s == '/L':
            bad = [idx.s(k) for k in idx.struct_children(elem) if idx.s(k) not in ('/LI', '/L', '/Caption')]
            if bad:
                problems.append(f'L {elem.objgen[0]}: children {bad}')
    return problems


def check_figures(pdf, idx=None):
    idx = idx or StructIndex(pdf)
    problems = []
    for elem in idx.elements:
        if idx.s(elem) == '/Figure':
            alt = str(elem.get('/Alt', '')) or str(elem.get('/ActualText', ''))
            if not alt.strip():
                page = idx.page_of.get(elem.Pg.objgen, -1) + 1 if '/Pg' in elem else '?'
                problems.append(f'page {page} Figure {elem.objgen[0]}: no /Alt')
    return problems


def _content_streams(page):
    """(label, content stream object or page, StructParents) for the page and its form XObjects."""
    yield 'page', page, page.obj.get('/StructParents')
    seen = set()

    def forms(resources, depth):
        if depth > 8 or resources is None:
            return
        for name, xo in resources.get('/XObject', {}).items():
            if xo.get('/Subtype') == Name.Form and xo.objgen not in seen:
                seen.add(xo.objgen)
                yield f'xobject {name}', xo, xo.get('/StructParents')
                yield from forms(xo.get('/Resources'), depth + 1)
    yield from forms(page.obj.get('/Resources'), 0)


def check_marked_content(pdf, idx=None, xobjects=True):
    idx = idx or StructIndex(pdf)
    problems = []
    for pno, page in enumerate(pdf.pages):
        page_map = None
        for label, stream, struct_parents in _content_streams(page):
            if label != 'page' and not xobjects:
                continue
            if struct_parents is not None:
                page_map = idx.parent_tree.get(int(struct_parents))
            stack = []          # 'A' artifact, 'T' tagged (with MCID), 'O' other (no MCID)
            used = set()
            outside = 0
            for operands, op in pikepdf.parse_content_stream(stream, 'BDC BMC EMC ' + ' '.join(PAINT_OPS)):
                op = str(op)
                if op in ('BDC', 'BMC'):
                    tag = str(operands[0])
                    props = operands[1] if op == 'BDC' and len(operands) > 1 else None
                    mcid = None
                    if isinstance(props, Dictionary) and '/MCID' in props:
                        mcid = int(props.MCID)
                    where = f'page {pno + 1} {label} {tag} MCID {mcid}'
                    if tag == '/Artifact':
                        if 'T' in stack:
                            problems.append(f'{where}: artifact nested in tagged content')
                        stack.append('A')
                        continue
                    if mcid is None:
                        # Marked content without MCID (e.g. /Span <</ActualText>>) is fine inside tagged content.
                        if 'T' not in stack and 'A' not in stack:
                            problems.append(f'{where}: neither Artifact nor MCID')
                        stack.append('O')
                        continue
                    if 'A' in stack:
                        problems.append(f'{where}: tagged content nested in an artifact')
                    if mcid in used:
                        problems.append(f'{where}: MCID used twice')
                    used.add(mcid)
                    stack.append('T')
                    if label != 'page' and struct_parents is None:
                        problems.append(f'{where}: XObject with MCIDs has no /StructParents')
                        continue
                    if not isinstance(page_map, Array) or mcid >= len(page_map):
                        problems.append(f'{where}: not in ParentTree')
                        continue
                    elem = page_map[mcid]
                    if not isinstance(elem, Dictionary):
                        problems.append(f'{where}: ParentTree entry is null')
                    elif elem.objgen not in idx.by_objgen:
                        problems.append(f'{where}: ParentTree element {elem.get("/S")} {elem.objgen[0]} is not reachable from StructTreeRoot')
                    elif (pno, mcid) not in idx.mcids.get(elem.objgen, ()):
                        problems.append(f'{where}: element {elem.get("/S")} {elem.objgen[0]} does not list this MCID')
                elif op == 'EMC':
                    if stack:
                        stack.pop()
                    else:
                        problems.append(f'page {pno + 1} {label}: unbalanced EMC')
                elif not stack and label == 'page':
                    outside += 1
            if stack:
                problems.append(f'page {pno + 1} {label}: {len(stack)} unclosed marked-content sequences')
            if outside:
                problems.append(f'page {pno + 1} {label}: {outside} painting operators outside marked content')
    return problems


def check_parent_tree(pdf, idx=None):
    idx = idx or StructIndex(pdf)
    problems = []
    for key, value in idx.parent_tree.items():
        targets = list(value) if isinstance(value, Array) else [value]
        for i, t in enumerate(targets):
            if isinstance(t, Dictionary) and t.objgen not in idx.by_objgen:
                problems.append(f'ParentTree[{key}][{i}] -> {t.get("/S")} {t.objgen[0]} not reachable from StructTreeRoot')
    for elem in idx.elements:
        p = elem.get('/P')
        real = idx.parent.get(elem.objgen)
        if p is None or p.objgen != real:
            problems.append(f'{elem.get("/S")} {elem.objgen[0]}: /P is {p.objgen if p is not None else None}, tree parent is {real}')
    return problems


def check_notes(pdf, idx=None):
    idx = idx or StructIndex(pdf)
    problems = []
    ids = defaultdict(list)
    for elem in idx.elements:
        if '/ID' in elem:
            ids[bytes(elem.ID)].append(elem)
        if idx.s(elem) == '/Note' and '/ID' not in elem:
            problems.append(f'Note {elem.objgen[0]}: no /ID')
    for key, elems in ids.items():
        if len(elems) > 1:
            problems.append(f'ID {key!r} used by {len(elems)} elements')
    # Linked note calls (<a href="#note-N">) must lead to a Note with that ID.
    for pno, page in enumerate(pdf.pages):
        for annot in page.get('/Annots', []):
            dest = str(annot.get('/Dest', ''))
            if dest.startswith('note-'):
                notes = [e for e in ids.get(dest.encode('latin-1'), []) if idx.s(e) == '/Note']
                if not notes:
                    problems.append(f'page {pno + 1}: call to {dest} but no Note element with that ID')
    if ids:
        if '/IDTree' not in idx.root:
            problems.append('elements have /ID but StructTreeRoot has no /IDTree')
        else:
            tree = pikepdf.NameTree(idx.root.IDTree)
            for key, elems in ids.items():
                name = key.decode('latin-1')
                if name not in tree or tree[name].objgen != elems[0].objgen:
                    problems.append(f'ID {name!r} missing from IDTree or points elsewhere')
    return problems


def check_headings(pdf, idx=None):
    idx = idx or StructIndex(pdf)
    problems, above = [], 0
    for elem in idx.elements:
        s = idx.s(elem)
        if len(s) == 3 and s.startswith('/H') and s[2].isdigit():
            level = int(s[2])
            if level > above + 1:
                page = idx.page_of.get(elem.Pg.objgen, -1) + 1 if '/Pg' in elem else '?'
                problems.append(f'page {page} {s} {elem.objgen[0]}: ' + (f'follows H{above}' if above else 'is the first heading'))
            above = level
    return problems


def check_lang(pdf, idx=None):
    lang = str(pdf.Root.get('/Lang', '')).strip()
    return [] if lang else ['catalog /Lang missing or empty']


def check_metadata(pdf, idx=None):
    problems = []
    meta = pdf.open_metadata()
    if str(meta.get('pdfuaid:part', '')) != '1':
        problems.append(f'XMP pdfuaid:part is {meta.get("pdfuaid:part")!r}, not 1')
    if not str(meta.get('dc:title', '') or '').strip():
        problems.append('XMP dc:title missing or empty')
    vp = pdf.Root.get('/ViewerPreferences', {})
    if vp.get('/DisplayDocTitle') is not True:
        problems.append('ViewerPreferences/DisplayDocTitle is not true')
    if pdf.Root.get('/MarkInfo', {}).get('/Marked') is not True:
        problems.append('MarkInfo/Marked is not true')
    for pno, page in enumerate(pdf.pages):
        if page.get('/Annots') and page.obj.get('/Tabs') != Name.S:
            problems.append(f'page {pno + 1} has annotations but /Tabs is not /S')
    return problems


CHECKS = [check_link_annotations, check_list_items, check_figures, check_marked_content,
          check_parent_tree, check_notes, check_headings, check_lang, check_metadata]


def run_all(pdf):
    idx = StructIndex(pdf)
    return {check.__name__: check(pdf, idx) for check in CHECKS}


def main(argv):
    import time
    quiet = '--quiet' in argv
    path = [a for a in argv if not a.startswith('--')][0]
    t0 = time.perf_counter()
    with pikepdf.open(path) as pdf:
        results = run_all(pdf)
    ms = (time.perf_counter() - t0) * 1000
    failed = 0
    for name, problems in results.items():
        status = 'ok' if not problems else f'FAIL ({len(problems)})'
        print(f'{name:26} {status}')
        if problems:
            failed += 1
            for p in problems[: (5 if quiet else 40)]:
                print('    ' + p)
            if len(problems) > (5 if quiet else 40):
                print(f'    … {len(problems) - (5 if quiet else 40)} more')
    print(f'checked {path} in {ms:.0f} ms')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
