"""GIFT answer blocks to powerquiz questions (see :mod:`powerquiz.imports.gift`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from powerquiz.bank.model import Question, QuestionType, WrongAnswer
from powerquiz.imports.gift import (
    GAP_MARK,
    MODEL_ANSWER,
    Answer,
    answers_of,
    formatted,
    plain_answer,
    post,
)

if TYPE_CHECKING:
    from powerquiz.imports.gift import _Block, _Reader

_TF = re.compile(r"^(T|F|TRUE|FALSE)\s*(#.*)?$", re.DOTALL)
_NUMBER = re.compile(r"^#\s*=?\s*(-?[0-9]+(?:\.[0-9]+)?)(?::\s*0*(?:\.0*)?)?\s*(#.*)?$",
                     re.DOTALL)
NUMERIC_RANGE = "a numerical answer with a range or tolerance (powerquiz marks exact answers)"


def build(r: _Reader, qid: str, topic: str, fmt: str, before: str, inside: str, after: str,
          block: _Block) -> Question | None:
    """The question an answer block makes, or None (skipped, with the reason recorded)."""
    draft = r.draft
    inside, _, general = inside.partition("####")
    body = inside.strip()
    gap = bool(after.strip())
    whole = formatted(before + GAP_MARK + after, fmt, draft) if gap else formatted(before, fmt,
                                                                                draft)
    prompt = whole.replace(GAP_MARK, "_____")
    explain = formatted(general, fmt, draft)
    where = r.where(block.start)
    if not body:
        return _essay(r, qid, topic, prompt, general, fmt, where)
    tf = _TF.match(body)
    if tf:
        truth = tf.group(1).startswith("T")
        feedback = (tf.group(2) or "").lstrip("#").partition("#")[0]
        fb = formatted(feedback, fmt, draft)
        wrong = (WrongAnswer("False" if truth else "True", fb),) if fb else ()
        return Question(qid, topic, "truefalse", prompt=prompt, truth=truth, wrong=wrong,
                        explain=explain)
    if body.startswith("#"):
        m = _NUMBER.match(post(body))
        if not m:
            draft.skip(NUMERIC_RANGE, where)
            return None
        return Question(qid, topic, "short", prompt=prompt, parts=((m.group(1),),),
                        explain=explain)
    answers = answers_of(body)
    if not answers:
        draft.skip("an answer block GIFT does not define", where)
        return None
    if any(a.mark == "=" and "->" in a.text for a in answers):
        pairs = []
        for a in answers:
            left, _, right = a.text.partition("->")
            if left.strip():
                pairs.append((formatted(left, fmt, draft), formatted(right, fmt, draft)))
        return Question(qid, topic, "match", prompt=prompt, pairs=tuple(pairs),
                        explain=explain)
    if any(a.mark == "~" for a in answers):
        return _options(r, qid, topic, fmt, prompt, explain, answers, where)
    return _short(r, qid, topic, fmt, whole if gap else prompt, explain, answers, gap, where)


def _essay(r: _Reader, qid: str, topic: str, prompt: str, general: str, fmt: str,
           where: str) -> Question | None:
    raw = post(general).strip().removeprefix("[html]")
    m = MODEL_ANSWER.match(raw)
    if m:
        model = formatted(m.group(1), "html", r.draft)
        explain = formatted(m.group(2) or "", "html", r.draft)
    else:
        model, explain = formatted(general, fmt, r.draft), ""
    if not model:
        r.draft.skip("an essay with no model answer or feedback to show", where)
        return None
    return Question(qid, topic, "recall", prompt=prompt, model_answer=model, explain=explain)


def _options(r: _Reader, qid: str, topic: str, fmt: str, prompt: str, explain: str,
             answers: list[Answer], where: str) -> Question | None:
    draft = r.draft
    options = [formatted(a.text, fmt, draft) for a in answers]
    paired = list(zip(answers, options, strict=True))
    right = [o for a, o in paired if a.mark == "=" or (a.weight or 0) > 0]
    wrong = tuple(WrongAnswer(o, formatted(a.feedback, fmt, draft)) for a, o in paired
                  if a.feedback and o not in right)
    if any(a.feedback and o in right for a, o in paired):
        draft.warn("feedback on right answers dropped (powerquiz gives feedback on wrong ones)")
    if not right:
        draft.skip("a multiple-choice question with no right option", where)
        return None
    # As Moodle reads GIFT: an "=" answer makes a single-answer question; answers that are
    # all "~" with weights let the student tick several.
    qtype: QuestionType = "choice" if any(a.mark == "=" for a in answers) else "multi"
    if qtype == "choice" and len(right) > 1:
        right = right[:1]
    return Question(qid, topic, qtype, prompt=prompt, options=tuple(options),
                    correct=tuple(right), wrong=wrong, explain=explain)


def _short(r: _Reader, qid: str, topic: str, fmt: str, text: str, explain: str,
           answers: list[Answer], gap: bool, where: str) -> Question | None:
    draft = r.draft
    rights: list[str] = []
    wrong: list[WrongAnswer] = []
    for a in answers:
        answer = plain_answer(a.text)
        if not answer:
            continue
        if a.weight is None or a.weight > 0:
            if a.weight is not None and a.weight < 100:
                draft.warn("partial-credit answers counted as right")
            rights.append(answer)
        else:
            wrong.append(WrongAnswer(answer, formatted(a.feedback, fmt, draft)))
    if not rights:
        draft.skip("a short answer with no right answer", where)
        return None
    if not gap:
        return Question(qid, topic, "short", prompt=text,
                        parts=((rights[0],),), accept=tuple(rights[1:]),
                        wrong=tuple(wrong), explain=explain)
    if any("|" in a or "{{" in a or "}}" in a for a in rights):
        draft.skip("a missing-word answer containing '|', '{{' or '}}'", where)
        return None
    cloze = text.replace(GAP_MARK, "{{" + "|".join(rights) + "}}", 1)
    return Question(qid, topic, "cloze", text=cloze, wrong=tuple(wrong), explain=explain,
                    gaps=(tuple(rights),))
