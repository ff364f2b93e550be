"""Marking as a history teacher would: a table of answers and the marks they earn.

Every row is (question id, answer, verdict[, score]) against ``tests/data/marking_bank.yaml``
(Stalin and the USSR, 1924–1930).  The rows are grouped by the rule they pin down;
a second table checks the words of the feedback a student is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from powerquiz.bank import Bank, load_bank
from powerquiz.marking import Mark, mark

BANK = Path(__file__).resolve().parent / "data" / "marking_bank.yaml"


@cache
def bank() -> Bank:
    return load_bank(BANK)


def marked(qid: str, answer: Any) -> Mark:
    q = bank().question(qid)
    assert q is not None, f"no question {qid!r} in the marking bank"
    return mark(q, answer)


def rows(*cases: tuple[Any, ...]) -> list[Any]:
    """pytest params with readable ids: ``qid | answer -> verdict``."""
    out = []
    for case in cases:
        qid, answer, verdict = case[:3]
        score = case[3] if len(case) > 3 else None
        shown = answer if isinstance(answer, str) else " | ".join(map(str, answer))
        out.append(pytest.param(qid, answer, verdict, score, id=f"{qid} | {shown!r} -> {verdict}"))
    return out


def check(qid: str, answer: Any, verdict: str, score: float | None) -> None:
    m = marked(qid, answer)
    assert m.verdict == verdict, f"{qid}: {answer!r} marked {m.verdict} {m.score}: {m.feedback}"
    if score is not None:
        assert m.score == pytest.approx(score), m.feedback
    assert m.feedback, "every mark says why"
    assert m.expected == bank().question(qid).expected  # type: ignore[union-attr]


FOLDING = rows(
    ("left-leader", "trotsky", "correct", 1.0),
    ("left-leader", "TROTSKY", "correct", 1.0),
    ("left-leader", "  Trotsky.  ", "correct", 1.0),
    ("left-leader", '"Trotsky"', "correct", 1.0),
    ("left-leader", "‘Trotsky’!", "correct", 1.0),
    ("left-leader", "Trótsky", "correct", 1.0),
    ("sioc", "socialism   in\tone  country", "correct", 1.0),
    ("sioc", "'Socialism in One Country'", "correct", 1.0),
    ("sioc", "“Socialism in One Country”", "correct", 1.0),
    ("nep-faction", "the Right", "correct", 1.0),
    ("nep-faction", "Right", "correct", 1.0),
    ("nep-faction", "THE RIGHT!", "correct", 1.0),
    ("plan-name", "five-year plan", "correct", 1.0),
    ("plan-name", "5 year plan", "correct", 1.0),
    ("plan-name", "The First Five Year Plan", "correct", 1.0),
    ("nep-acronym", "N.E.P.", "correct", 1.0),
    ("nep-acronym", "the NEP", "correct", 1.0),
    ("secret-police", "the O.G.P.U.", "correct", 1.0),
    ("kulaks", "the kulaks", "correct", 1.0),
    ("stalin-post", "general-secretary", "correct", 1.0),
)

SENTENCES = rows(
    ("left-leader", "It was Trotsky who led them.", "correct", 1.0),
    ("left-leader", "Leon Trotsky", "correct", 1.0),
    ("left-leader", "Lev Bronstein", "correct", 1.0),
    ("right-members", "They were Bukharin, Tomsky and Rykov.", "correct", 1.0),
    ("right-members", "Nikolai Bukharin, Tomsky and Rykov", "correct", 1.0),
    ("lenin-death", "Lenin died in 1924.", "correct", 1.0),
    ("lenin-death", "January 1924", "correct", 1.0),
    ("sioc", "Stalin's idea was Socialism in One Country", "correct", 1.0),
    ("kulaks", "the richer peasants, the kulaks", "correct", 1.0),
    ("nep-faction", "I think it was the Right", "correct", 1.0),
    ("sioc", "Socialism in One Country, not Permanent Revolution", "correct", 1.0),
    ("left-policy", "rapid industrialisation, not NEP", "correct", 1.0),
    ("left-leader", "not Trotsky", "wrong", 0.0),
    ("left-leader", "Bronstein", "wrong", 0.0),
)

TYPOS = rows(
    ("pravda-editor", "Bukarin", "correct", 1.0),
    ("pravda-editor", "Bucharin", "correct", 1.0),
    ("pravda-editor", "Bukhairn", "correct", 1.0),
    ("left-leader", "Trotksy", "correct", 1.0),
    ("left-leader", "Trotski", "correct", 1.0),
    ("kulaks", "Kulacks", "correct", 1.0),
    ("kulaks", "kulak", "correct", 1.0),
    ("stalin-post", "general secretery", "correct", 1.0),
    ("war-communism", "war comunism", "correct", 1.0),
    ("opposition-name", "Left Oposition", "correct", 1.0),
    ("sioc", "Socialsim in One Contry", "correct", 1.0),
    ("party-unity", "resolution on party untiy", "correct", 1.0),
    ("left-policy", "rapid industrialization", "correct", 1.0),
    ("left-policy", "rapid industrialisaton", "correct", 1.0),
    ("nep-faction", "the Rihgt", "correct", 1.0),
    ("pravda-editor", "Bkhrn", "wrong", 0.0),
    ("pravda-editor", "Bookharine", "wrong", 0.0),
    ("nep-acronym", "NEF", "wrong", 0.0),
    ("nep-acronym", "NAP", "wrong", 0.0),
    ("secret-police", "OGPO", "wrong", 0.0),
    ("secret-police", "GPO", "wrong", 0.0),
    ("nep-faction", "the Lefts", "wrong", 0.0),
    ("opposition-name", "Lift Opposition", "wrong", 0.0),
)

RIVALS = rows(
    ("left-leader", "Tomsky", "wrong", 0.0),
    ("left-leader", "Tromsky", "wrong", 0.0),
    ("left-leader", "Tomksy", "wrong", 0.0),
    ("secret-police", "Checka", "wrong", 0.0),
    ("kulaks", "Nepman", "wrong", 0.0),
    ("kulaks", "Nepmn", "wrong", 0.0),
    ("right-members", "Trotksy, Bukharin, Tomsky, Rykov", "partial", 2 / 3),
    ("right-members", "Bukharin, Tomksy, Rykov", "correct", 1.0),
    ("triumvirate", "Stalin, Zinoviev, Kamenev", "correct", 1.0),
    ("triumvirate", "Stalin, Zinovyev, Kamenyev", "correct", 1.0),
)

NUMBERS = rows(
    ("lenin-death", "1924", "correct", 1.0),
    ("lenin-death", "in 1924", "correct", 1.0),
    ("lenin-death", "1925", "wrong", 0.0),
    ("lenin-death", "1942", "wrong", 0.0),
    ("lenin-death", "1922", "wrong", 0.0),
    ("lenin-death", "924", "wrong", 0.0),
    ("lenin-death", "1923-1925", "wrong", 0.0),
    ("left-removed", "1926", "correct", 1.0),
    ("left-removed", "1962", "wrong", 0.0),
    ("left-removed", "1927", "wrong", 0.0),
    ("left-removed", "1925", "wrong", 0.0),
    ("left-removed", "1,926", "correct", 1.0),
)

RANGES = rows(
    ("collectivisation-years", "1929–1930", "correct", 1.0),
    ("collectivisation-years", "1929-1930", "correct", 1.0),
    ("collectivisation-years", "1929-30", "correct", 1.0),
    ("collectivisation-years", "1929 to 1930", "correct", 1.0),
    ("collectivisation-years", "1929—30", "correct", 1.0),
    ("collectivisation-years", "1929 – 1930", "correct", 1.0),
    ("collectivisation-years", "from 1929 to 1930", "correct", 1.0),
    ("collectivisation-years", "1929", "partial", 0.5),
    ("collectivisation-years", "1930", "partial", 0.5),
    ("collectivisation-years", "1926", "wrong", 0.0),
    ("collectivisation-years", "1928", "wrong", 0.0),
    ("collectivisation-years", "1928-1930", "wrong", 0.0),
    ("collectivisation-years", "1929-31", "wrong", 0.0),
    ("collectivisation-years", "1930-1929", "wrong", 0.0),
    ("collectivisation-years", "1929/30", "correct", 1.0),
    ("collectivisation-years", "between 1929 and 1930", "correct", 1.0),
    ("collectivisation-years", "1929 and 1930", "correct", 1.0),
    ("collectivisation-years", "1929/1931", "wrong", 0.0),
    ("collectivisation-years", "between 1928 and 1930", "wrong", 0.0),
    ("grain-crisis", "1927–1928", "correct", 1.0),
    ("grain-crisis", "the winter of 1927-28", "correct", 1.0),
    ("grain-crisis", "1927", "partial", 0.5),
    ("grain-crisis", "1928-29", "wrong", 0.0),
)

LISTS = rows(
    ("right-members", "Bukharin, Tomsky and Rykov", "correct", 1.0),
    ("right-members", "Rykov; Tomsky; Bukharin", "correct", 1.0),
    ("right-members", "Rykov & Tomsky & Bukharin", "correct", 1.0),
    ("right-members", "Bukharin/Tomsky/Rykov", "correct", 1.0),
    ("right-members", "Bukharin\nTomsky\nRykov", "correct", 1.0),
    ("right-members", "Bukharin Tomsky Rykov", "correct", 1.0),
    ("right-members", "Nikolai Bukharin; Rykov; Tomsky", "correct", 1.0),
    ("right-members", ["Bukharin", "Tomsky", "Rykov"], "correct", 1.0),
    ("right-members", "Bukharin, Tomsky", "partial", 2 / 3),
    ("right-members", "Rykov", "partial", 1 / 3),
    ("right-members", "Bukharin, Bukharin, Bukharin", "partial", 1 / 3),
    ("right-members", "Bukharin, Tomsky, Rykov, Trotsky", "partial", 2 / 3),
    ("right-members", "Bukharin, Tomsky, Rykov, Stalin", "partial", 2 / 3),
    ("right-members", "Bukharin, Tomsky, Trotsky", "partial", 1 / 3),
    ("right-members", "Bukharin, Trotsky", "wrong", 0.0),
    ("right-members", "Trotsky, Zinoviev, Kamenev", "wrong", 0.0),
    ("right-members", "Bukharin, Tomsky, Rykov, I think", "correct", 1.0),
    ("right-members", "Bukharin, not Trotsky, Tomsky and Rykov", "correct", 1.0),
    ("right-members", "Bukharin, Tomsky and Rykow", "correct", 1.0),
    ("united-opposition", "Trotsky, Zinoviev and Kamenev", "correct", 1.0),
    ("united-opposition", "Leon Trotsky, Zinoviev, Kamenev", "correct", 1.0),
    ("united-opposition", "Trotsky, Zinoviev, Kamenev, Bukharin", "partial", 2 / 3),
    ("united-opposition", "Zinoviev and Kamenev", "partial", 2 / 3),
    ("triumvirate", "Stalin, Zinoviev and Trotsky", "partial", 1 / 3),
    ("triumvirate", "Kamenev, Stalin, Zinoviev", "correct", 1.0),
)

ORDERED_LISTS = rows(
    ("key-years", "1924, 1926, 1928", "correct", 1.0),
    ("key-years", "1924 1926 1928", "correct", 1.0),
    ("key-years", "1926, 1924, 1928", "partial", 2 / 3),
    ("key-years", "1928, 1926, 1924", "partial", 1 / 3),
    ("key-years", "1924, 1926", "partial", 2 / 3),
    # 1927 in 1928's place: missing once, not cancelled a second time as a wrong extra.
    ("key-years", "1924, 1926, 1927", "partial", 2 / 3),
    ("rivals-order", "Trotsky, then Bukharin", "correct", 1.0),
    ("rivals-order", "Leon Trotsky > Nikolai Bukharin", "correct", 1.0),
    ("rivals-order", "Bukharin and Trotsky", "partial", 0.5),
    ("rivals-order", "Trotsky, Tomsky", "wrong", 0.0),
)

HEDGING = rows(
    ("nep-faction", "the Left or the Right", "wrong", 0.0),
    ("nep-faction", "the Right or the Left", "wrong", 0.0),
    ("left-leader", "Trotsky or Stalin", "wrong", 0.0),
    ("left-leader", "Trotsky/Bukharin", "wrong", 0.0),
    ("sioc", "Socialism in One Country or Permanent Revolution", "wrong", 0.0),
    ("kulaks", "Kulaks and Nepmen", "wrong", 0.0),
    ("lenin-death", "1924 or 1925", "wrong", 0.0),
    ("lenin-death", "1922 or 1924", "wrong", 0.0),
    ("left-policy", "NEP or rapid industrialisation", "wrong", 0.0),
    ("opposition-name", "Left Opposition or United Opposition", "wrong", 0.0),
)

TELLING_WORDS = rows(
    # A word that tells a wrong: entry (option, other gap) from the right answer, said
    # beside it, is a hedge: "Left" in Left Opposition against Right Opposition.
    ("right-label", "Left or Right Opposition", "wrong", 0.0),
    ("right-label", "the Left or the Right Opposition", "wrong", 0.0),
    ("right-label", "Left/Right Opposition", "wrong", 0.0),
    ("right-label", "Left and Right Opposition", "wrong", 0.0),
    ("right-label", "Left-Right Opposition", "wrong", 0.0),
    ("right-label", "Right Opposition or Left", "wrong", 0.0),
    ("right-label", "Left-wing or Right-wing Opposition", "wrong", 0.0),
    ("right-label", "Right Opposition", "correct", 1.0),
    ("right-label", "the Right-wing Opposition", "correct", 1.0),
    ("right-label", "Right Opposition, not the Left", "correct", 1.0),
    ("right-label", "the Right Opposition, as opposed to the Left", "correct", 1.0),
    ("right-label", "Right Opposition rather than Left Opposition", "correct", 1.0),
    ("factions-cloze", ["Left or Right", "the Left", "the Right"], "partial", 2 / 3),
    ("factions-cloze", ["the Right", "the Left or the Right", "the Right"], "partial", 2 / 3),
    ("label-choice", "Right or Left Opposition", "wrong", 0.0),
    ("label-choice", "Left Opposition or United Front", "wrong", 0.0),
    ("label-choice", "the Left Opposition, not the Right", "correct", 1.0),
)

ALTERNATIVES = rows(
    # One answer asked, two offered: a second answer joined by or, and, &, / (or by a
    # comma, when it is a name) is a hedge, whether or not the bank lists it as wrong.
    ("revolution-champion", "Trotsky or Zinoviev", "wrong", 0.0),
    ("revolution-champion", "Zinoviev or Trotsky", "wrong", 0.0),
    ("revolution-champion", "Trotsky and Zinoviev", "wrong", 0.0),
    ("revolution-champion", "Trotsky & Zinoviev", "wrong", 0.0),
    ("revolution-champion", "Trotsky/Zinoviev", "wrong", 0.0),
    ("revolution-champion", "Trotsky, Zinoviev", "wrong", 0.0),
    ("revolution-champion", "either Trotsky or maybe Zinoviev", "wrong", 0.0),
    ("revolution-champion", "Trotsky, or was it Zinoviev", "wrong", 0.0),
    ("pravda-editor", "Bukharin or Stalin", "wrong", 0.0),
    ("policy-term", "collectivisation or industrialisation", "wrong", 0.0),
    ("policy-term", "collectivisation and industrialisation", "wrong", 0.0),
    ("mourner", "chief mourner or pallbearer", "wrong", 0.0),
    ("mourner", "chief mourner/pallbearer", "wrong", 0.0),
    ("lenin-month", "January 1924 or 1925", "wrong", 0.0),
    ("nep-defender", "Bukharin or Lenin", "wrong", 0.0),
    # Extra words that are not a second answer keep working.
    ("pravda-editor", "Nikolai Bukharin", "correct", 1.0),
    ("pravda-editor", "Bukharin, not Trotsky", "correct", 1.0),
    ("pravda-editor", "Bukharin rather than Trotsky", "correct", 1.0),
    ("revolution-champion", "I think it was Trotsky", "correct", 1.0),
    ("revolution-champion", "Trotsky, I think", "correct", 1.0),
    ("revolution-champion", "Trotsky, the leader of the Red Army", "correct", 1.0),
    ("revolution-champion", "Trotsky and he was ill at the time", "correct", 1.0),
    ("revolution-champion", "Trotsky. Zinoviev joined him later.", "correct", 1.0),
    ("revolution-champion", "Trotsky (not Bukharin)", "correct", 1.0),
    # A known limit: a name typed in lower case after a comma reads as a description.
    ("revolution-champion", "trotsky, zinoviev", "correct", 1.0),
    ("policy-term", "collectivisation, or joint ownership of land", "correct", 1.0),
    ("policy-term", "collectivisation of agriculture", "correct", 1.0),
    ("kulaks", "kulaks and their families", "correct", 1.0),
    ("kulaks", "Peasants, the kulaks", "correct", 1.0),
    ("mourner", "chief or main mourner", "correct", 1.0),
    ("left-leader", "Leon Trotsky or Lev Bronstein", "correct", 1.0),
    ("sioc", "Socialism in One Country rather than Permanent Revolution", "correct", 1.0),
    ("lenin-month", "January 1924, aged 53", "correct", 1.0),
    ("nep-defender", "Bukharin, not Trotsky", "correct", 1.0),
    # "X of Y" names Y too: the marker cannot tell "Politburo of the Central Committee"
    # (true) from "Bukharin of the Left" (false), so it is a hedge unless accepted.
    ("purge-body", "Politburo of the Central Committee", "wrong", 0.0),
    ("purge-body", "the Politburo", "correct", 1.0),
    ("purge-body-full", "Politburo of the Central Committee", "correct", 1.0),
    ("purge-body-full", "Central Committee", "wrong", 0.0),
)

OTHER_WORDS = rows(
    # A negating prefix added, dropped or changed is a different word, never a typo.
    ("policy-term", "decollectivisation", "wrong", 0.0),
    ("trotsky-slogan", "Impermanent Revolution", "wrong", 0.0),
    ("trotsky-slogan", "Permanent Devolution", "wrong", 0.0),
    ("left-aims-cloze", ["deindustrialisation", "collectivisation", "peasants"],
     "partial", 2 / 3),
    ("party-unity", "Resolution on Party Disunity", "wrong", 0.0),
    # The first letter: dropped or added is never a typo; changed, only in long words.
    ("trotsky-slogan", "Permanent Evolution", "wrong", 0.0),
    ("health-cloze", ["wealth", "1924-1925"], "partial", 0.5),
    ("right-label", "Night Opposition", "wrong", 0.0),
    ("right-label", "Light Opposition", "wrong", 0.0),
    ("nep-faction", "the Bright", "wrong", 0.0),
    # Real typos keep working, and so do the usual spellings of Russian names.
    ("policy-term", "collectivization", "correct", 1.0),
    ("policy-term", "colectivisation", "correct", 1.0),
    ("left-aims-cloze", ["industrialization", "collectivization", "peasants"], "correct", 1.0),
    ("trotsky-slogan", "Permanant Revolution", "correct", 1.0),
    ("trotsky-slogan", "Permanent Revloution", "correct", 1.0),
    ("health-cloze", ["helth", "1924-25"], "correct", 1.0),
    ("right-label", "Rihgt Opposition", "correct", 1.0),
    ("right-label", "Right Opositon", "correct", 1.0),
    ("left-leader", "rTotsky", "correct", 1.0),
    ("left-leader", "Trotskii", "correct", 1.0),
    ("left-leader", "Trotskiy", "correct", 1.0),
    ("revolution-champion", "Trotskii", "correct", 1.0),
    ("right-members", "Bucharin, Tomskii, Rykow", "correct", 1.0),
    ("triumvirate", "Stalin, Zinovyev, Kamanev", "correct", 1.0),
    # A part spelt past recognition is missing once, not also a wrong extra.
    ("right-members", "Bukharin, Tomskyyy, Rykov", "partial", 2 / 3),
    ("right-members", "Bukharin, Tomsky, Stalin", "partial", 2 / 3),
    ("right-members", "Bukharin, Tomsky, Rykov, Stalin", "partial", 2 / 3),
    ("right-members", "Bukharin, Tomsky, Trotsky", "partial", 1 / 3),
)

REPLACED_WORDS = rows(
    # Words missing from a long answer may earn half marks; words replaced never do.
    ("sioc", "Capitalism in One Country", "wrong", 0.0),
    ("sioc", "Socialism in Every Country", "wrong", 0.0),
    ("sioc", "Socialism in No Country", "wrong", 0.0),
    ("sioc", "One Country", "partial", 0.5),
    ("sioc", "Socialism in just One Country", "partial", 0.5),
    ("right-label", "Left-wing Opposition", "wrong", 0.0),
    ("right-label", "Right-wing Opposition", "correct", 1.0),
)

DATES = rows(
    # A day inside the right month and year is right, in any common order.
    ("lenin-month", "January 1924", "correct", 1.0),
    ("lenin-month", "January 21, 1924", "correct", 1.0),
    ("lenin-month", "21 January 1924", "correct", 1.0),
    ("lenin-month", "He died on the 21st of January, 1924", "correct", 1.0),
    ("lenin-month", "Jan 21 1924", "correct", 1.0),
    ("lenin-month", "1924 January", "correct", 1.0),
    ("lenin-month", "January of 1924", "correct", 1.0),
    ("lenin-month", "February 1924", "wrong", 0.0),
    ("lenin-month", "February 21, 1924", "wrong", 0.0),
    ("lenin-month", "January 1925", "wrong", 0.0),
    ("lenin-month", "1924", "wrong", 0.0),
    ("late-1920s", "late 1920s", "correct", 1.0),
    ("late-1920s", "the late twenties", "correct", 1.0),
    ("late-1920s", "early 1920s", "wrong", 0.0),
    ("late-1920s", "mid-1920s", "wrong", 0.0),
    ("late-1920s", "late 1920s, not the mid-1920s", "correct", 1.0),
)

NO_ANSWER = rows(
    ("left-leader", "", "wrong", 0.0),
    ("left-leader", "   ", "wrong", 0.0),
    ("left-leader", "?", "wrong", 0.0),
    ("left-leader", "idk", "wrong", 0.0),
    ("left-leader", "don't know", "wrong", 0.0),
    ("left-leader", "I don’t know", "wrong", 0.0),
    ("right-members", "dunno", "wrong", 0.0),
    ("nep-defender", "?", "wrong", 0.0),
    ("left-members-multi", "idk", "wrong", 0.0),
    ("right-kept-nep", "?", "wrong", 0.0),
    ("sioc-cloze", "", "wrong", 0.0),
)

PHRASES = rows(
    ("sioc", "Socialism in One Country", "correct", 1.0),
    ("sioc", "socialism in 1 country", "correct", 1.0),
    ("sioc", "Socialism", "wrong", 0.0),
    ("sioc", "Country", "wrong", 0.0),
    ("sioc", "in", "wrong", 0.0),
    ("sioc", "One Country", "partial", 0.5),
    # A content word replaced earns nothing: a synonym cannot be told from an opposite.
    ("sioc", "socialism in a single country", "wrong", 0.0),
    ("sioc", "Socialism in just One Country", "partial", 0.5),
    ("sioc", "One Country Socialism", "partial", 0.5),
    ("party-unity", "Resolution on Party Unity", "correct", 1.0),
    ("party-unity", "the ban on factions", "correct", 1.0),
    ("party-unity", "Party Unity", "partial", 0.5),
    ("party-unity", "Unity", "wrong", 0.0),
    ("party-unity", "on", "wrong", 0.0),
    ("left-policy", "industrialisation", "wrong", 0.0),
    ("left-policy", "rapid", "wrong", 0.0),
    ("war-communism", "communism", "wrong", 0.0),
    ("stalin-post", "Secretary", "wrong", 0.0),
    ("plan-name", "Plan", "wrong", 0.0),
    ("plan-name", "the", "wrong", 0.0),
)

LEFT_RIGHT = rows(
    ("nep-faction", "the Left", "wrong", 0.0),
    ("nep-faction", "Left", "wrong", 0.0),
    ("nep-faction", "Right Opposition", "correct", 1.0),
    ("nep-faction", "Left Opposition", "wrong", 0.0),
    ("opposition-name", "Left Opposition", "correct", 1.0),
    ("opposition-name", "the left opposition", "correct", 1.0),
    ("opposition-name", "Right Opposition", "wrong", 0.0),
    ("opposition-name", "United Opposition", "wrong", 0.0),
    ("opposition-name", "Left", "wrong", 0.0),
    ("opposition-name", "Opposition", "wrong", 0.0),
    ("opposition-name", "Right Oposition", "wrong", 0.0),
)

CHOICE = rows(
    ("nep-defender", "Bukharin", "correct", 1.0),
    ("nep-defender", "2", "correct", 1.0),
    ("nep-defender", "bukarin", "correct", 1.0),
    ("nep-defender", "it was Bukharin", "correct", 1.0),
    ("nep-defender", "Trotsky", "wrong", 0.0),
    ("nep-defender", "1", "wrong", 0.0),
    ("nep-defender", "Bukharin or Trotsky", "wrong", 0.0),
    ("nep-defender", "Rykov", "wrong", 0.0),
    ("nep-defender", "9", "wrong", 0.0),
    ("left-removed-choice", "1926", "correct", 1.0),
    ("left-removed-choice", "2", "correct", 1.0),
    ("left-removed-choice", "1928", "wrong", 0.0),
    ("left-removed-choice", "4", "wrong", 0.0),
    ("left-removed-choice", "1929-30", "wrong", 0.0),
    ("left-removed-choice", "1925", "wrong", 0.0),
    ("trotsky-idea", "Permanent Revolution", "correct", 1.0),
    ("trotsky-idea", "permanant revolution", "correct", 1.0),
    ("trotsky-idea", "1", "correct", 1.0),
    ("trotsky-idea", "Socialism in One Country", "wrong", 0.0),
    ("trotsky-idea", "revolution", "wrong", 0.0),
)

MULTI = rows(
    ("left-members-multi", "Trotsky, Zinoviev, Kamenev", "correct", 1.0),
    ("left-members-multi", "1, 2, 3", "correct", 1.0),
    ("left-members-multi", "1 2 3", "correct", 1.0),
    ("left-members-multi", "3,2,1", "correct", 1.0),
    ("left-members-multi", "Kamenev Trotsky Zinoviev", "correct", 1.0),
    ("left-members-multi", ["Trotsky", "2", "Kamenev"], "correct", 1.0),
    ("left-members-multi", "Trotsky Zinoviev", "partial", 2 / 3),
    ("left-members-multi", "1", "partial", 1 / 3),
    ("left-members-multi", "Trotsky, Zinoviev, Kamenev, Bukharin", "partial", 2 / 3),
    ("left-members-multi", "1, 2, 3, 4, 5", "partial", 1 / 3),
    ("left-members-multi", "Trotsky, Bukharin, Rykov", "wrong", 0.0),
    ("left-members-multi", "Bukharin", "wrong", 0.0),
    ("nep-features", "private trade, a tax in kind", "correct", 1.0),
    ("nep-features", "private trade and tax in kind", "correct", 1.0),
    ("nep-features", "1, 3", "correct", 1.0),
    ("nep-features", "private trade", "partial", 0.5),
    ("nep-features", "private trade, grain requisitioning, a tax in kind", "partial", 0.5),
    ("nep-features", "1 2 3 4", "wrong", 0.0),
)

TRUEFALSE = rows(
    ("right-kept-nep", "true", "correct", 1.0),
    ("right-kept-nep", "T", "correct", 1.0),
    ("right-kept-nep", "Yes", "correct", 1.0),
    ("right-kept-nep", "TRUE.", "correct", 1.0),
    ("right-kept-nep", "false", "wrong", 0.0),
    ("right-kept-nep", "no", "wrong", 0.0),
    ("right-kept-nep", "maybe", "wrong", 0.0),
    ("trotsky-gensek", "false", "correct", 1.0),
    ("trotsky-gensek", "F", "correct", 1.0),
    ("trotsky-gensek", "No", "correct", 1.0),
    ("trotsky-gensek", "true", "wrong", 0.0),
)

ORDER = rows(
    ("fall-sequence", "1 > 2 > 3 > 4 > 5", "correct", 1.0),
    ("fall-sequence", "1, 2, 3, 4, 5", "correct", 1.0),
    ("fall-sequence", ["1", "2", "3", "4", "5"], "correct", 1.0),
    ("fall-sequence", "1, 2, 3, 5, 4", "partial", 0.9),
    ("fall-sequence", "2 1 3 4 5", "partial", 0.9),
    ("fall-sequence", "5 > 4 > 3 > 2 > 1", "wrong", 0.0),
    ("fall-sequence", "3 > 4 > 5 > 1 > 2", "partial", 0.4),
    ("fall-sequence", "1 > 2 > 3", "partial", 0.3),
    ("fall-sequence", "Lenin dies > Trotsky loses the War Commissariat > Left removed from the "
                      "Politburo > Trotsky expelled > Bukharin removed", "correct", 1.0),
    ("turn-sequence", "Grain procurement crisis, First Five-Year Plan begins, Dizzy with Success",
     "correct", 1.0),
    ("turn-sequence", "grain crisis > five-year plan > dizzy with success", "correct", 1.0),
    ("turn-sequence", "2, 1, 3", "partial", 2 / 3),
    ("turn-sequence", "3, 2, 1", "wrong", 0.0),
)

MATCH = rows(
    ("factions-match", "Trotsky=Left; Zinoviev=Left; Bukharin=Right; Rykov=Right", "correct", 1.0),
    ("factions-match", {"Trotsky": "Left", "Zinoviev": "Left", "Bukharin": "Right",
                        "Rykov": "Right"}, "correct", 1.0),
    ("factions-match", "trotsky = the left; zinoviev = left; bukharin = right; rykov = right",
     "correct", 1.0),
    ("factions-match", "Trotksy=Left; Zinovev=Left; Bukarin=Right; Rykov=Rihgt", "correct", 1.0),
    ("factions-match", "Trotsky=Left; Zinoviev=Right; Bukharin=Right; Rykov=Left", "partial", 0.5),
    ("factions-match", "Trotsky=Left; Zinoviev=Left", "partial", 0.5),
    ("factions-match", "Trotsky=Left; Zinoviev=Left; Bukharin=Right", "partial", 0.75),
    ("factions-match", "Trotsky=Right; Zinoviev=Right; Bukharin=Left; Rykov=Left", "wrong", 0.0),
    ("posts-match", "Stalin=General Secretary; Trotsky=Commissar for War; "
                    "Bukharin=editor of Pravda; Rykov=Chairman of Sovnarkom", "correct", 1.0),
    ("posts-match", "Stalin=Gen Secretary; Trotsky=War; Bukharin=Pravda; Rykov=Sovnarkom",
     "correct", 1.0),
    ("posts-match", "Stalin=Commissar for War; Trotsky=General Secretary; "
                    "Bukharin=editor of Pravda; Rykov=Chairman of Sovnarkom", "partial", 0.5),
)

CLOZE = rows(
    ("left-aims-cloze", ["rapid industrialisation", "collectivisation", "peasants"],
     "correct", 1.0),
    ("left-aims-cloze", ["industrialisation", "collective farms", "peasantry"], "correct", 1.0),
    ("left-aims-cloze", ["industrialization", "colectivisation", "the peasants"], "correct", 1.0),
    ("left-aims-cloze", "rapid industrialisation | collectivisation | peasants", "correct", 1.0),
    ("left-aims-cloze", ["rapid industrialisation", "NEP", "peasants"], "partial", 2 / 3),
    ("left-aims-cloze", ["collectivisation", "rapid industrialisation", "peasants"],
     "partial", 1 / 3),
    ("left-aims-cloze", ["rapid industrialisation", "collectivisation"], "partial", 2 / 3),
    ("left-aims-cloze", ["", "", ""], "wrong", 0.0),
    ("dates-cloze", ["1924", "1926", "1929-30"], "correct", 1.0),
    ("dates-cloze", ["1924", "1926", "1929"], "partial", 5 / 6),
    ("dates-cloze", ["1924", "1925", "1929–1930"], "partial", 2 / 3),
    ("dates-cloze", ["1926", "1924", "1929–1930"], "partial", 1 / 3),
    ("dates-cloze", ["1925", "1927", "1928"], "wrong", 0.0),
    ("sioc-cloze", "Socialism in One Country", "correct", 1.0),
    ("sioc-cloze", ["socialism in one country"], "correct", 1.0),
    ("sioc-cloze", "Permanent Revolution", "wrong", 0.0),
    ("sioc-cloze", "Socialism", "wrong", 0.0),
    ("factions-cloze", ["the Right", "the Left", "the Right"], "correct", 1.0),
    ("factions-cloze", ["Right", "United Opposition", "Right"], "correct", 1.0),
    ("factions-cloze", ["the Left", "the Right", "the Left"], "wrong", 0.0),
    ("factions-cloze", ["the Right", "the Left", "the Left"], "partial", 2 / 3),
)

RECALL = rows(
    ("nep-turn-recall", "again", "wrong", 0.0),
    ("nep-turn-recall", "Hard", "partial", 0.5),
    ("nep-turn-recall", "good", "correct", 1.0),
    ("nep-turn-recall", "EASY", "correct", 1.0),
    ("nep-turn-recall", "whatever", "wrong", 0.0),
)


class TestFolding:
    """Folding: case, accents, punctuation, quotes, spacing and leading articles change no mark."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), FOLDING)
    def test_case_accents_punctuation_quotes_and_articles_are_ignored(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """Case, accents, punctuation, quotes, spacing and leading articles do not change a mark."""
        check(qid, answer, verdict, score)


class TestSentences:
    """Answers in sentences: the answer may sit among extra words, but not after "not"."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), SENTENCES)
    def test_an_answer_inside_a_sentence_counts(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """The answer may sit inside a sentence or among extra words, but not after "not"."""
        check(qid, answer, verdict, score)


class TestTypos:
    """Typos: forgiven by word length; refused for different words or near other known answers."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), TYPOS)
    def test_small_typos_in_long_words_are_forgiven(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """A typo scaled to the word's length is accepted; none in short words and acronyms."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), OTHER_WORDS)
    def test_a_different_word_within_reach_is_not_a_typo(
        self, qid: str, answer: Any, verdict: str, score: float | None
    ) -> None:
        """Opposites (de-, im-...) and first-letter changes are refused; real slips are not."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), RIVALS)
    def test_a_word_as_close_to_another_known_answer_is_not_a_typo(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """A word as close to an option, wrong: entry or other part is never taken as a typo."""
        check(qid, answer, verdict, score)


class TestNumbers:
    """Numbers: years exact, dates in any order, ranges however written (one year half marks)."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), NUMBERS)
    def test_years_are_exact(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """A year one off, or with digits swapped, is wrong: numbers get no typos."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), DATES)
    def test_a_date_in_any_order(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """A day inside the right month and year is right; another month or year is not."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), RANGES)
    def test_a_range_is_one_value_however_written(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """Every way of writing a range agrees; one year of it is half marks, others wrong."""
        check(qid, answer, verdict, score)


class TestLists:
    """Lists: parts in any order, wrong extras cancel right parts, ordered lists count runs."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), LISTS)
    def test_each_part_scores_and_each_wrong_extra_cancels_one(
        self, qid: str, answer: Any, verdict: str, score: float | None
    ) -> None:
        """Parts come in any order and with any separator; wrong extras cancel right parts."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), ORDERED_LISTS)
    def test_an_ordered_list_counts_the_parts_in_sequence(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """With ordered: true only the longest run in the right order earns marks."""
        check(qid, answer, verdict, score)


class TestHedging:
    """Hedging: the right answer given alongside a known wrong one earns nothing."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), HEDGING)
    def test_an_answer_that_also_gives_a_wrong_one_is_wrong(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """Giving the right answer alongside a known wrong one (or another year) earns nothing."""
        check(qid, answer, verdict, score)


class TestHedges:
    """Hedges: a wrong answer's telling word or a second joined answer beside the right one."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), TELLING_WORDS)
    def test_a_word_of_a_wrong_answer_beside_the_right_one_is_a_hedge(
        self, qid: str, answer: Any, verdict: str, score: float | None
    ) -> None:
        """"Left or Right Opposition" names the wrong Left Opposition's telling word: a hedge."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), ALTERNATIVES)
    def test_a_second_answer_joined_to_the_right_one_is_a_hedge(
        self, qid: str, answer: Any, verdict: str, score: float | None
    ) -> None:
        """"X or Y", "X and Y", "X/Y" for one answer are hedges; extra words are not."""
        check(qid, answer, verdict, score)


class TestNoAnswer:
    """No answer: nothing, "?", "idk" and "don't know" are wrong whatever the type."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), NO_ANSWER)
    def test_empty_and_dont_know_are_wrong(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """Nothing, "?", "idk" and "don't know" are wrong whatever the type."""
        check(qid, answer, verdict, score)


class TestPhrases:
    """Phrases: most words of a long answer earn half marks; a replaced word earns nothing."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), PHRASES)
    def test_a_long_answer_needs_most_of_its_words(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """Most words of a 3+-word answer earn half marks; one word or a small word earns none."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), REPLACED_WORDS)
    def test_a_replaced_word_earns_nothing(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """Half marks are for words missing, never for a word replaced by another."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), LEFT_RIGHT)
    def test_left_is_not_right(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """One word different (Left for Right) is a different answer, not a typo."""
        check(qid, answer, verdict, score)


class TestOtherTypes:
    """Other types: choice, multi, true/false, order, match, cloze and recall scoring."""
    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), CHOICE)
    def test_choice_by_text_or_number(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """A choice is given by the option's text (typos allowed) or its number."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), MULTI)
    def test_multi_scores_right_minus_wrong_picks(
        self, qid: str, answer: Any, verdict: str, score: float | None
    ) -> None:
        """(Right picks - wrong picks) / needed picks: ticking everything is never full marks."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), TRUEFALSE)
    def test_truefalse_reads_every_spelling(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """true/false/t/f/yes/no in any case are read; anything else is wrong."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), ORDER)
    def test_order_scores_pairs_in_the_right_relative_order(
        self, qid: str, answer: Any, verdict: str, score: float | None
    ) -> None:
        """Order earns the fraction of pairs in the right relative order; full only if exact."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), MATCH)
    def test_match_scores_the_fraction_of_pairs(
        self, qid: str, answer: Any, verdict: str, score: float | None
    ) -> None:
        """Match earns the fraction of pairs matched correctly."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), CLOZE)
    def test_cloze_is_the_mean_of_its_gaps(
        self, qid: str, answer: Any, verdict: str, score: float | None
    ) -> None:
        """Each gap is marked as a short answer and the score is their mean."""
        check(qid, answer, verdict, score)

    @pytest.mark.parametrize(("qid", "answer", "verdict", "score"), RECALL)
    def test_recall_is_self_rated(
        self, qid: str, answer: str, verdict: str, score: float | None
    ) -> None:
        """again is wrong, hard is half marks, good and easy are right."""
        check(qid, answer, verdict, score)


FEEDBACK: Sequence[Any] = [
    pytest.param("right-members", "Bukarin, Tomsky and Rykov",
                 "accepted with a typo: Bukarin -> Bukharin", id="typo named"),
    pytest.param("right-members", "Bukharin, Tomsky", "2 of 3: missing Rykov", id="missing part"),
    pytest.param("right-members", "Bukharin, Tomsky, Rykov, Trotsky",
                 "Trotsky led the Left, not the Right.", id="wrong: feedback in a list"),
    pytest.param("right-members", "Bukharin, Tomsky, Rykov, Stalin",
                 "a wrong extra cancels a right one: Stalin", id="unknown extra named"),
    pytest.param("left-leader", "Tomsky", "Tomsky was a trade-union leader on the Right.",
                 id="wrong: feedback"),
    pytest.param("left-leader", "Tromsky", "not accepted as a typo", id="ambiguous typo"),
    pytest.param("nep-faction", "the Left or the Right", "hedged", id="hedge named"),
    pytest.param("triumvirate", "Stalin, Zinoviev, Trotsky", "Trotsky is a wrong answer",
                 id="wrong entry without feedback"),
    pytest.param("lenin-death", "1925", "1925 is not 1924", id="numbers are exact"),
    pytest.param("collectivisation-years", "1929", "only part of the answer", id="range start"),
    pytest.param("lenin-death", "1923-1925", "not a range", id="range for a year"),
    pytest.param("sioc", "One Country", "partly right", id="fragment"),
    pytest.param("left-leader", "idk", "no answer given", id="no answer"),
    pytest.param("nep-defender", "9", "there is no option 9", id="option out of range"),
    pytest.param("nep-defender", "Trotsky", "Trotsky wanted NEP ended.", id="choice wrong:"),
    pytest.param("left-members-multi", "1, 2, 3, 4", "Bukharin was on the Right.",
                 id="multi wrong:"),
    pytest.param("right-kept-nep", "false", "Bukharin argued NEP was working.",
                 id="truefalse wrong:"),
    pytest.param("fall-sequence", "2 1 3 4 5", "Lenin dies comes before Trotsky loses",
                 id="order slip"),
    pytest.param("factions-match", "Trotsky=Left; Zinoviev=Right; Bukharin=Right; Rykov=Right",
                 "Zinoviev is Left, not Right", id="match slip"),
    pytest.param("left-aims-cloze", ["rapid industrialisation", "NEP", "peasants"],
                 "gap 2: The Left wanted NEP ended.", id="cloze gap named"),
    pytest.param("factions-cloze", ["the Left", "the Left", "the Right"],
                 "gap 1: Left is the answer to gap 2", id="cloze other gap"),
    pytest.param("nep-turn-recall", "hard", "recall is self-rated", id="recall"),
    pytest.param("right-label", "Left or Right Opposition",
                 "hedged: Left and Right Opposition; give one answer", id="telling word named"),
    pytest.param("right-label", "Left-Right Opposition",
                 "That label went to Trotsky, Zinoviev and Kamenev, on the Left.",
                 id="telling word: wrong: feedback"),
    pytest.param("right-label", "Left-wing Opposition",
                 "That label went to Trotsky, Zinoviev and Kamenev, on the Left.",
                 id="rival's words: wrong: feedback"),
    pytest.param("revolution-champion", "Trotsky or Zinoviev",
                 "hedged: Trotsky and Zinoviev; give one answer", id="alternative named"),
    pytest.param("factions-cloze", ["Left or Right", "the Left", "the Right"],
                 "gap 1: hedged: Left and Right; give one answer", id="cloze hedge"),
    pytest.param("lenin-month", "February 1924", "February 1924 is not January 1924",
                 id="wrong month named"),
    pytest.param("lenin-month", "1924", "1924 alone is not the answer: it is January 1924",
                 id="year without month"),
    pytest.param("late-1920s", "early 1920s", "early 1920s is not late 1920s",
                 id="early named"),
    pytest.param("right-members", "Bukharin, Tomskyyy, Rykov",
                 "Tomskyyy is not one of the answers", id="unrecognised part"),
    pytest.param("left-leader", "Trotskii", "accepted with a typo: Trotskii -> Trotsky",
                 id="transliteration"),
]


class TestFeedback:
    """Feedback: the reason in plain words, typos as (typed, meant) pairs, the expected answer."""
    @pytest.mark.parametrize(("qid", "answer", "said"), FEEDBACK)
    def test_feedback_says_why(self, qid: str, answer: Any, said: str) -> None:
        """The feedback names the reason for the mark in plain words."""
        m = marked(qid, answer)
        assert any(said in line for line in m.feedback), m.feedback

    def test_typos_are_returned_as_pairs(self) -> None:
        """Each accepted typo comes back as (typed, meant) for a character diff."""
        m = marked("right-members", "Bukarin, Tomksy and Rykov")
        assert m.typos == (("Bukarin", "Bukharin"), ("Tomksy", "Tomsky"))

    def test_an_exact_answer_has_no_typos(self) -> None:
        """An answer typed exactly reports no typo."""
        assert marked("left-leader", "Trotsky").typos == ()

    def test_the_expected_answer_is_always_given(self) -> None:
        """Every mark carries the expected answer, right or wrong."""
        assert marked("right-members", "Trotsky").expected == "Bukharin, Tomsky and Rykov"
        assert marked("dates-cloze", ["1", "2", "3"]).expected == "1924 | 1926 | 1929–1930"


def test_the_table_is_big_enough() -> None:
    """The table holds at least 150 marked answers."""
    tables = [FOLDING, SENTENCES, TYPOS, RIVALS, NUMBERS, RANGES, LISTS, ORDERED_LISTS, HEDGING,
              NO_ANSWER, PHRASES, LEFT_RIGHT, CHOICE, MULTI, TRUEFALSE, ORDER, MATCH, CLOZE,
              RECALL, TELLING_WORDS, ALTERNATIVES, OTHER_WORDS, REPLACED_WORDS, DATES]
    assert sum(map(len, tables)) >= 150
