"""`brief schema DIR`: a JSON Schema for each kind of content file, read off the same record
declarations the validator checks against (model.py), so an editor with a YAML language server
completes field names, shows each field's description and flags a mistake while it is typed."""
import json
from pathlib import Path

from ..content import model

DRAFT = "https://json-schema.org/draft/2020-12/schema"


class _Forms:
    """A file that may be written in more than one form: the schema accepts each."""

    def __init__(self, *forms):
        self.forms = forms

    def json(self):
        return {"anyOf": [form.json() for form in self.forms]}


KINDS = {  # file name -> (what it checks, the schema)
    "brief.schema.json": ("content/brief.yaml", model.Brief.schema),
    "section.schema.json": ("content/sections/*.yaml", model.Section.schema),
    # CSL YAML ({references: [...]}) or a CSL JSON array, as Zotero and Better BibTeX export them
    "sources.schema.json": ("content/sources.yaml or sources.json", _Forms(model.SOURCES, model.SOURCE_LIST)),
    "developments.schema.json": ("content/developments.yaml", model.DEVELOPMENTS),
    "data.schema.json": ("content/data/*.yaml", model.DataFile.schema),
    "chart.schema.json": ("charts/*.yaml", model.Chart.schema),
}


def schema(name: str) -> dict:
    what, declared = KINDS[name]
    return {"$schema": DRAFT, "title": f"brief: {what}", **declared.json()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in KINDS:
        path = folder / name
        path.write_text(json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def reference_tables() -> str:
    """The README's field tables, from the same declarations (tests keep the README equal)."""
    records = [model.Brief, model.Finding, model.Recommendation, model.ProseCheck, model.AvoidedTerm,
               model.Look, model.Section, model.Development, model.DataFile, model.Series, model.Chart,
               model.Annotation]
    out = []
    for record in records:
        struct = record.schema
        out += [f"#### {struct.what}", "", "| field | type | meaning |", "| --- | --- | --- |"]
        for name, field in struct.fields.items():
            optional = "" if field.required else ", optional"
            out.append(f"| `{name}` | {field.type.label()}{optional} | {field.doc} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(reference_tables())
