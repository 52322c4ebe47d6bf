"""The guided interview as data: which steps, in which order, with back and review.

No prompts and no printing here (``prompts.py`` draws the steps), so the whole flow can be
tested headless. The order: the situation (optional), the topic (when the pack has topics), the
test questions with question 2 asked value by value, then the topic's questions.
"""

from __future__ import annotations

from etikcheck.engine import evaluate
from etikcheck.frozen import Frozen
from etikcheck.model import Decision, Pack, Question

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    StepKind = Literal["situation", "topic", "question"]


class Step(Frozen):
    kind: StepKind
    id: str  # the question id; "situation" or "topic" for those steps


SITUATION = Step("situation", "situation")
TOPIC = Step("topic", "topic")


class Interview:
    """The state of one interview: answers so far and where we are."""

    def __init__(self, pack: Pack, lang: str) -> None:
        self.pack = pack
        self.lang = lang
        self.situation: str | None = None
        self.topic: str | None = None
        self.answers: dict[str, str] = {}
        self.index = 0
        self.chosen: set[Step] = set()  # the steps the member has answered at least once
        self.values_at_once = False  # question 2 answered once for all values, not item by item

    # -- the steps ----------------------------------------------------------------------------

    def steps(self) -> list[Step]:
        steps = [SITUATION]
        if self.pack.topics:
            steps.append(TOPIC)
        steps += [Step("question", q.id) for q in self.question_order()]
        return steps

    def question_order(self) -> list[Question]:
        """lawful, the value items (in place of ``values``, unless the member answers it once
        for all values), ethical, reputation, the topic's questions."""
        order: list[Question] = []
        items = self.pack.value_questions()
        for question in self.pack.core_questions():
            if question.id == "values" and items and not self.values_at_once:
                order += items
            else:
                order.append(question)
        if self.topic is not None:
            order += [self.pack.questions[q] for q in self.pack.topics[self.topic].questions]
        return order

    def current(self) -> Step | None:
        """The step to ask now; None when every step is done (time for the review)."""
        steps = self.steps()
        return steps[self.index] if self.index < len(steps) else None

    def answer_values_at_once(self, at_once: bool) -> None:
        """Switch question 2 between one answer for all values and one per value; the index
        stays, so the step asked next is question 2 in its new form."""
        self.values_at_once = at_once

    def can_go_back(self) -> bool:
        return self.index > 0

    def position(self, step: Step) -> tuple[int, int]:
        """(n, total) of a question among the four test questions, counting items as one."""
        core = [q.id for q in self.pack.core_questions()]
        question = self.pack.questions[step.id]
        if question.kind == "value":
            return core.index("values") + 1, len(core)
        if question.kind == "core":
            return core.index(question.id) + 1, len(core)
        topic_questions = self.pack.topics[self.topic or ""].questions
        return topic_questions.index(question.id) + 1, len(topic_questions)

    # -- moving -------------------------------------------------------------------------------

    def answer(self, step: Step, value: str | None) -> None:
        """Record the answer to ``step`` and move on."""
        self.set(step, value)
        self.index += 1

    def back(self) -> None:
        """Return to the previous step; its answer (and every other) is kept."""
        self.index = max(0, self.index - 1)

    def answered(self, step: Step) -> bool:
        return step in self.chosen

    def set(self, step: Step, value: str | None) -> None:
        """Set one answer without moving (the review screen changes answers this way)."""
        self.chosen.add(step)
        if step.kind == "situation":
            self.situation = value or None
        elif step.kind == "topic":
            self.topic = value or None
        elif value is None:
            self.answers.pop(step.id, None)
        else:
            self.answers[step.id] = value

    def value_of(self, step: Step) -> str | None:
        if step.kind == "situation":
            return self.situation
        if step.kind == "topic":
            return self.topic
        return self.answers.get(step.id)

    # -- the end ------------------------------------------------------------------------------

    def first_open(self) -> int | None:
        """The index of the first question still unanswered (e.g. after choosing a topic)."""
        for index, step in enumerate(self.steps()):
            if step.kind == "question" and step.id not in self.answers:
                return index
        return None

    def current_answers(self) -> dict[str, str]:
        """Answers to the questions now in the flow (a changed topic drops the old ones)."""
        asked = {q.id for q in self.question_order()}
        return {q: a for q, a in self.answers.items() if q in asked}

    def decision(self) -> Decision:
        return evaluate(self.pack, self.current_answers(), self.topic)
