"""A readability measure meant for each language the theme ships, from words per sentence (ASL)
and syllables per word (ASW). Each was fitted to its language's texts: English words are
shorter than German ones, so one formula across languages would rate German prose harder than it
is. A language without one here (one a project adds) gets no score, and the prose check says so.
"""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Measure:
    name: str
    score: Callable[[float, float], float]  # (ASL, ASW) -> score
    is_grade: bool  # a grade: a higher score is harder (limit: grade_limit); else a reading ease,
    #                 where a lower score is harder (limit: ease_limit)


MEASURES = {
    # Kincaid, Fishburne, Rogers & Chissom (1975), Derivation of new readability formulas for Navy
    # enlisted personnel: grade = 0.39 ASL + 11.8 ASW - 15.59.
    "en": Measure("Flesch-Kincaid grade", lambda asl, asw: 0.39 * asl + 11.8 * asw - 15.59, True),
    # Amstad (1978), Wie verständlich sind unsere Zeitungen?: Flesch's reading ease refitted to
    # German, 180 - ASL - 58.5 ASW.
    "de": Measure("Flesch reading ease for German (Amstad)", lambda asl, asw: 180 - asl - 58.5 * asw, False),
    # Kandel & Moles (1958), Application de l'indice de Flesch à la langue française:
    # 207 - 1.015 ASL - 73.6 ASW.
    "fr": Measure("Flesch reading ease for French (Kandel-Moles)",
                  lambda asl, asw: 207 - 1.015 * asl - 73.6 * asw, False),
    # Szigriszt Pazos (1993), Sistemas predictivos de legibilidad del mensaje escrito: the
    # perspicuity index, Flesch refitted to Spanish (read on the INFLESZ scale),
    # 206.835 - 62.3 ASW - ASL.
    "es": Measure("Szigriszt-Pazos perspicuity (INFLESZ)", lambda asl, asw: 206.835 - 62.3 * asw - asl, False),
}


def measure_for(language: str) -> Measure | None:
    return MEASURES.get(language.split("-")[0].lower())
