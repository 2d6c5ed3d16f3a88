"""A data file's values as a spreadsheet exports them: `content/data/NAME.csv`.

The first column is the year (or the date, YYYY-MM-DD) of each row, and every other column is
one series, named by its id; the series' labels, units, formats and sources are declared beside
it in `content/data/NAME.yaml`, which then leaves out their `points`. An empty cell is a year
with no value. Each value keeps its row's line, so a message points at the cell's row.
"""
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problems
from .files import read_text
from .types import PointValues, out_of_range, suggest

YEAR_COLUMNS = ("year", "date")
_YEAR = re.compile(r"[0-9]{4}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]*\.[0-9]+|-?[0-9]+\.")
NOT_A_NUMBER = ("is not a number; write digits, with '.' for decimals and no thousands separator or "
                "unit, or leave the cell empty")


@dataclass
class Table:
    """The columns of a CSV data file: series id -> its values by year, with their lines."""

    path: Path
    columns: dict[str, PointValues] = field(default_factory=dict)
    line: int = 1  # the header row's
    complete: bool = True  # False when a cell or row has an error: its values are not used


def read_table(path: Path, problems: Problems) -> Table | None:
    """The table in `path` (not `complete` when some of it is wrong), or None when its rows
    cannot be read at all; every problem is recorded."""
    text = read_text(path, problems)
    if text is None:
        return None
    rows = _rows(text)
    if not rows:
        problems.error(path, 1, "the file is empty; write a header row (year, then one column per series) "
                                "and a row per year")
        return None
    (header_line, header), body = rows[0], rows[1:]
    names = [name.strip() for name in header]
    if not _header_ok(path, header_line, names, problems):
        return None  # every row would be misread
    ok, table = True, Table(path, {name: _values() for name in names[1:]}, header_line)
    seen = {}
    for line, cells in body:
        if len(cells) != len(names):
            problems.error(path, line, f"the row has {len(cells)} cells; the header has {len(names)} "
                                       "columns")
            ok = False
            continue
        year = _year(cells[0].strip())
        if year is None:
            problems.error(path, line, f"column \"{names[0]}\": \"{cells[0].strip()}\" is not a year or a "
                                       "date (YYYY or YYYY-MM-DD)")
            ok = False
            continue
        if year in seen:
            problems.error(path, line, f"{year} is given twice (lines {seen[year]} and {line}); keep one row")
            ok = False
            continue
        seen[year] = line
        for name, cell in zip(names[1:], cells[1:]):
            if not (cell := cell.strip()):
                continue
            number, why = _number(cell)
            if why:
                problems.error(path, line, f"column \"{name}\": \"{cell[:40]}\" {why}")
                ok = False
            else:
                table.columns[name][year] = number
                table.columns[name].lines[year] = line
    for name, values in table.columns.items():
        if ok and not values:
            problems.error(path, header_line, f"column \"{name}\" has no values; fill it in or remove it")
            ok = False
    table.complete = ok
    return table


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Each non-empty row with the line it ends on (a quoted cell may hold a line break)."""
    reader = csv.reader(io.StringIO(text))
    return [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]


def _header_ok(path, line, names, problems) -> bool:
    if len(names) == 1 and (separator := next((c for c in ";\t" if c in names[0]), None)):
        shown = "tabs" if separator == "\t" else "';'"
        problems.error(path, line, f"the columns are separated by {shown}, not commas; save the sheet as "
                                   "CSV with commas (\"CSV UTF-8 (comma delimited)\")")
        return False
    ok = True
    if names[0].lower() not in YEAR_COLUMNS:
        problems.error(path, line, f"the first column must be \"year\" or \"date\" (each row's year, or date "
                                   f"YYYY-MM-DD), not \"{names[0][:40]}\"")
        ok = False
    if len(names) < 2:
        problems.error(path, line, "there is no series column; add one column per series, named by its id")
        ok = False
    for i, name in enumerate(names[1:], 2):
        if not name:
            problems.error(path, line, f"column {i} has no name; name it by its series' id")
            ok = False
        elif names.index(name) != i - 1:
            problems.error(path, line, f"column \"{name}\" is given twice; keep one")
            ok = False
    return ok


def _values() -> PointValues:
    values = PointValues()
    values.lines = {}
    return values


def _year(cell: str):
    if _YEAR.fullmatch(cell):
        return int(cell)
    if _DATE.fullmatch(cell):
        try:
            return dt.date.fromisoformat(cell)
        except ValueError:
            return None
    return None


def _number(cell: str):
    """(the number, None), or (None, why it is not one)."""
    if _INTEGER.fullmatch(cell):
        number = int(cell)
    elif _DECIMAL.fullmatch(cell):
        number = float(cell)
    else:
        return None, NOT_A_NUMBER
    if problem := out_of_range(number):
        return None, f"is {problem}"
    return number, None


def join(data: dict, tables: dict, data_paths: dict, problems: Problems):
    """Give each series of `data` (data file id -> DataFile) without `points` its column of the
    CSV beside it; a data file whose values cannot all be found is taken out of `data` (its
    errors recorded), so nothing draws or quotes it."""
    for file_id, (path, table) in tables.items():
        yaml_path = path.with_suffix(".yaml")
        if file_id not in data_paths:
            problems.error(path, 1, f"there is no content/data/{yaml_path.name} beside it; declare its series "
                                    "there (a title, and for each column a series with its id, label and unit)")
        elif table is None:
            data.pop(file_id, None)  # its errors are recorded: its values cannot be read
        elif file_id in data:
            data[file_id].table = path
            declared = [s.id for s in data[file_id].series]
            for name in (n for n in table.columns if n not in declared):
                problems.error(path, table.line, f"column \"{name}\" is not a series of content/data/"
                               f"{yaml_path.name}; declare it there (id, label, unit) or remove the column"
                               + suggest(name, declared))
    for file_id, data_file in list(data.items()):
        table = tables.get(file_id, (None, None))[1]
        ok = True
        for series in data_file.series:
            column = table.columns.get(series.id) if table else None
            if series.points is not None and column is not None:
                problems.error(data_file.path, series.line, f"series '{series.id}' has its values twice, in "
                               f"'points' and in column \"{series.id}\" of {_shown(table.path)}; keep one")
                ok = False
            elif series.points is None and column is None:
                where = (f"add its column \"{series.id}\" to {_shown(table.path)}" if table else
                         f"add them (year: value lines), or put them in content/data/{file_id}.csv")
                problems.error(data_file.path, series.line, f"series '{series.id}' has no 'points'; {where}")
                ok = False
            elif series.points is None:
                series.points, series.values_in = column, table.path
        if not ok or (table and not table.complete):
            del data[file_id]


def _shown(path: Path) -> str:
    return f"content/data/{path.name}"
