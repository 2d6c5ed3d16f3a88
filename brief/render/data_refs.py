"""Numbers quoted in prose come from the data files: `{{data:FILE.SERIES[.WHICH]}}`."""
from ..content.model import DataFile
from ..look.numbers import format_number

SELECTORS = "latest, first, sum, latest-year, first-year or a year such as 2024"


class UnknownValue(Exception):
    """The reference names no value; the message says what exists instead."""


def _format(series, value, language):
    try:
        return format_number(value, language, series.format)
    except (ValueError, TypeError):
        raise UnknownValue(f"series '{series.id}' has a bad format '{series.format}'; "
                           "write a number pattern like #,##0.00") from None


def parse(ref: str, series_ids: dict[str, list[str]]) -> tuple[str, str, str]:
    """(file, series, which) of a reference, checked against the data files' series ids."""
    parts = ref.split(".")
    if len(parts) not in (2, 3):
        raise UnknownValue(f"'{{{{data:{ref}}}}}' must be FILE.SERIES or FILE.SERIES.WHICH")
    file_id, series_id, which = parts[0], parts[1], (parts[2] if len(parts) == 3 else "latest")
    if file_id not in series_ids:
        raise UnknownValue(f"unknown data file '{file_id}' in '{{{{data:{ref}}}}}'; "
                           f"known: {', '.join(sorted(series_ids)) or 'none'}")
    if series_id not in series_ids[file_id]:
        raise UnknownValue(f"unknown series '{series_id}' in '{{{{data:{ref}}}}}'; "
                           f"content/data/{file_id}.yaml has: {', '.join(series_ids[file_id])}")
    return file_id, series_id, which


def lookup(ref: str, data: dict[str, DataFile], language: str) -> str:
    """The text for one reference, such as `states-parties.parties.latest`."""
    file_id, series_id, which = parse(ref, {f: [s.id for s in d.series] for f, d in data.items()})
    s = next(s for s in data[file_id].series if s.id == series_id)
    keys = sorted(s.points, key=str)
    pick = {"latest": keys[-1], "first": keys[0]}
    if which in pick:
        return _format(s, s.points[pick[which]], language)
    if which == "sum":
        return _format(s, sum(s.points.values()), language)
    if which in ("latest-year", "first-year"):
        key = keys[-1] if which == "latest-year" else keys[0]
        return str(getattr(key, "year", key))
    for key in keys:
        if str(key) == which:
            return _format(s, s.points[key], language)
    raise UnknownValue(f"series '{series_id}' has no value '{which}' in '{{{{data:{ref}}}}}'; "
                       f"use {SELECTORS}")
