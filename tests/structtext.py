"""Reading a built PDF the way a screen reader does: in the order of its structure tree.

pypdf decodes the text of each page while reporting every operator, so the text of each
marked-content sequence (page, MCID) is known; the tree (pikepdf) then says in which order and
in which element it is read. An element's text is its marked content and its children's text,
joined exactly as the PDF has it: no space is added where the text layer has none.
"""
import pikepdf
from pikepdf import Array, Dictionary, Name
from pypdf import PdfReader


def marked_text(path) -> dict[tuple[int, int], str]:
    """The text of every marked-content sequence with an MCID, by (page index, MCID)."""
    texts = {}
    for index, page in enumerate(PdfReader(path).pages):
        stack = []  # the MCID of each open marked-content sequence (None without one)

        def operator(op, args, cm, tm):
            if op in (b"BDC", b"BMC"):
                props = args[1] if op == b"BDC" and len(args) > 1 else None
                stack.append(props.get("/MCID") if hasattr(props, "get") else None)
            elif op == b"EMC" and stack:
                stack.pop()

        def text(t, cm, tm, font, size):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None and t != "\n":
                texts[(index, int(mcid))] = texts.get((index, int(mcid)), "") + t

        page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return texts


class Element:
    def __init__(self, tag, attributes, kids):
        self.tag, self.attributes, self.kids = tag, attributes, kids  # kids: Element | str

    @property
    def text(self) -> str:
        return "".join(k if isinstance(k, str) else k.text for k in self.kids)

    def walk(self):
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.walk()

    def __repr__(self):
        return f"<{self.tag} {self.text[:60]!r}>"


def structure(path) -> Element:
    """The document's structure tree, each element with its text in reading order."""
    texts = marked_text(path)
    with pikepdf.open(path) as pdf:
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}

        def build(elem, page):
            page = pages.get(elem.Pg.objgen, page) if "/Pg" in elem else page
            k = elem.get("/K")
            kids = []
            for kid in ([] if k is None else list(k) if isinstance(k, Array) else [k]):
                if isinstance(kid, int):
                    kids.append(texts.get((page, int(kid)), ""))
                elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                    kids.append(texts.get((pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page,
                                           int(kid.MCID)), ""))
                elif isinstance(kid, Dictionary) and "/S" in kid and kid.get("/Type") != Name.OBJR:
                    kids.append(build(kid, page))
            attributes = {key: str(elem[key]) for key in ("/Lang", "/Alt", "/ID", "/ActualText") if key in elem}
            return Element(str(elem.S), attributes, kids)

        root = pdf.Root.StructTreeRoot
        return build(pdf.make_indirect(Dictionary(S=Name.Root, K=root.K)), None)
