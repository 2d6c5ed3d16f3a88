"""Data series from a spreadsheet: content/data/NAME.csv (a year or date column, one column per
series) with the series declared beside it in NAME.yaml; charts, {{data:}} and the evidence check
use its values as they use points written in YAML, and its errors are at the CSV's row."""
import pytest

from brief.build import Options, build

DECLARED = """title: Widgets in service
series:
  - id: count
    label: Widgets
    unit: widgets
    sources: [report-2020]
"""
VALUES = "year,count\n2016,1200\n2018,1500\n2020,1850\n"


def _as_csv(project, csv=VALUES, declared=DECLARED):
    """The minimal brief with its widget counts in a CSV beside their declaration."""
    data = project / "content/data"
    (data / "widgets.yaml").write_text(declared)
    (data / "widgets.csv").write_text(csv)
    return project


def test_charts_and_prose_use_the_csv_s_values(minimal):
    project = _as_csv(minimal, VALUES.replace("2020,1850", "2019,1700\n2020,1850"))
    build(project, Options(outputs=("pdf",)))
    page = (project / "build/brief.html").read_text()
    assert "rose to 1,850 in 2020" in page
    assert ('alt="Line chart of Widgets (widgets), 2016 to 2020: 1,200 widgets in 2016, 1,850 widgets in 2020; '
            'highest 1,850 widgets in 2020."') in page
    # each value is checked against the series' sources at its row of the CSV
    assert "content/data/widgets.csv:5</td><td>count</td><td>2020: 1,850</td>" in \
        (project / "build/evidence.html").read_text()


def test_a_value_not_in_its_sources_is_a_warning_at_its_row(minimal, brief_cli):
    run = brief_cli(_as_csv(minimal, VALUES.replace("1850", "1851")), "check")
    assert run.err.splitlines() == [
        "content/data/widgets.csv:4: warning: the value 2020: 1,851 of series 'count' is not in the archive of "
        "report-2020"]


def test_dates_may_stand_for_years(minimal, brief_cli):
    run = brief_cli(_as_csv(minimal, "date,count\n2016-06-30,1200\n2018-06-30,1500\n2020-06-30,1850\n"),
                    "check")
    assert (run.code, run.err) == (0, "")


CSV_ERRORS = {
    "a cell that is not a number, a year given twice, a column that is no series": (
        "year,count,extra\n2016,1200,3\n2018,12a,\n2020,1850,4\n2020,1,2\n", DECLARED, [
            "content/data/widgets.csv:1: column \"extra\" is not a series of content/data/widgets.yaml; declare it "
            "there (id, label, unit) or remove the column",
            "content/data/widgets.csv:3: column \"count\": \"12a\" is not a number; write digits, with '.' for "
            "decimals and no thousands separator or unit, or leave the cell empty",
            "content/data/widgets.csv:5: 2020 is given twice (lines 4 and 5); keep one row"]),
    "a thousands separator, a year that is not one, a short row": (
        'year,count\n2016,"1,200"\n20l8,1500\n2020\n', DECLARED, [
            "content/data/widgets.csv:2: column \"count\": \"1,200\" is not a number; write digits, with '.' for "
            "decimals and no thousands separator or unit, or leave the cell empty",
            "content/data/widgets.csv:3: column \"year\": \"20l8\" is not a year or a date (YYYY or YYYY-MM-DD)",
            "content/data/widgets.csv:4: the row has 1 cells; the header has 2 columns"]),
    "no year column": (
        "Jahr,count\n2016,1200\n", DECLARED, [
            "content/data/widgets.csv:1: the first column must be \"year\" or \"date\" (each row's year, or date "
            "YYYY-MM-DD), not \"Jahr\""]),
    "a spreadsheet saved with semicolons": (
        "year;count\n2016;1200\n", DECLARED, [
            "content/data/widgets.csv:1: the columns are separated by ';', not commas; save the sheet as CSV "
            "with commas (\"CSV UTF-8 (comma delimited)\")"]),
    "a declared series with no column": (
        "year,cnt\n2016,1200\n", DECLARED, [
            "content/data/widgets.csv:1: column \"cnt\" is not a series of content/data/widgets.yaml; declare it "
            "there (id, label, unit) or remove the column; did you mean 'count'?",
            "content/data/widgets.yaml:3: series 'count' has no 'points'; add its column \"count\" to "
            "content/data/widgets.csv"]),
    "values both in the YAML and the CSV": (
        VALUES, DECLARED + "    points: {2016: 1200}\n", [
            "content/data/widgets.yaml:3: series 'count' has its values twice, in 'points' and in column \"count\" "
            "of content/data/widgets.csv; keep one"]),
}


@pytest.mark.parametrize("case", CSV_ERRORS)
def test_csv_errors_are_at_their_row_and_column(case, minimal, brief_cli):
    csv, declared, expected = CSV_ERRORS[case]
    run = brief_cli(_as_csv(minimal, csv, declared), "check")
    assert run.code == 1
    assert run.err.splitlines()[:-1] == expected


def test_a_csv_without_its_declaration_is_an_error(minimal, brief_cli):
    (minimal / "content/data/counts.csv").write_text(VALUES)
    run = brief_cli(minimal, "check")
    assert run.err.splitlines()[:-1] == [
        "content/data/counts.csv:1: there is no content/data/counts.yaml beside it; declare its series there "
        "(a title, and for each column a series with its id, label and unit)"]


def test_a_series_with_neither_points_nor_a_csv_says_where_its_values_go(minimal, brief_cli):
    (minimal / "content/data/widgets.yaml").write_text(DECLARED)
    run = brief_cli(minimal, "check")
    assert run.err.splitlines()[:-1] == [
        "content/data/widgets.yaml:3: series 'count' has no 'points'; add them (year: value lines), or put them "
        "in content/data/widgets.csv"]
