"""Training output: the scenario view in the terminal, the session report (Markdown and a
self-contained HTML file with inline SVG bar charts), and decks as handouts.

Everything from packs, decks and the leader's notes is data: escaped for HTML and Markdown,
control characters made visible. The HTML has no external references and prints well.

Every scenario is shown with its number in the deck and the action the group tests. A report
starts with one machine-readable line, an HTML comment holding the deck and the ids of the
scenarios discussed (never a name), so that ``train plan --history`` can read it back.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

from etikcheck.i18n import t
from etikcheck.model import ANSWERS, CORE_QUESTIONS, Cite, Deck, Pack, Scenario
from etikcheck.output.escape import clean, fenced, inline_md
from etikcheck.output.text import quote_lines, where_text
from etikcheck.output.views import cite_json, question_text
from etikcheck.training.votes import ScenarioResult, answer_risk, vote_questions

BAR_WIDTH = 24
SVG_WIDTH = 240
REPORT_SCHEMA = "etikcheck.training-report/1"
# <!-- etikcheck-training {"schema": …, "council": …, "deck": …, "date": …, "scenarios": […]} -->
MARKER = re.compile(r"<!-- etikcheck-training (\{[^<>]*\}) -->")


def _question_text(pack: Pack, question: str, lang: str) -> str:
    return clean(question_text(pack, question, lang))


def _answer(answer: str, lang: str) -> str:
    return t(lang, f"answer.{answer}")


def _source(cite: Cite, lang: str) -> dict[str, Any]:
    source = cite_json(cite, lang)
    assert source is not None
    return source


def _bar(count: int, total: int) -> str:
    filled = round(BAR_WIDTH * count / total) if total else 0
    return "█" * filled + "·" * (BAR_WIDTH - filled)


def report_marker(deck: Deck, day: str, results: Iterable[ScenarioResult]) -> str:
    """The report's machine-readable first line: the deck and the scenarios discussed, by id."""
    data = {
        "schema": REPORT_SCHEMA,
        "council": deck.council,
        "deck": deck.id,
        "date": day,
        "scenarios": [result.scenario.id for result in results],
    }
    return f"<!-- etikcheck-training {json.dumps(data, ensure_ascii=True)} -->"


def read_marker(text: str) -> dict[str, Any] | None:
    """The marker of a report (see :func:`report_marker`), or None when there is none."""
    match = MARKER.search(text)
    if match is None:
        return None
    try:
        data = json.loads(match.group(1))
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("schema") == REPORT_SCHEMA else None


def heading(deck: Deck, scenario: Scenario, lang: str) -> str:
    """A scenario's number and title, as handouts, sessions and reports show it: "3. Title"."""
    return f"{deck.number(scenario.id)}. {scenario.title.get(lang)}"


def action_line(scenario: Scenario, lang: str) -> str:
    return t(lang, "train.action", action=scenario.action.get(lang))


def asked_text(pack: Pack, scenario: Scenario, question: str, lang: str) -> str:
    """A question as it is asked in a session: the four test questions about the action the
    group tests ("To accept the tickets: is it legal?"); other questions as they are."""
    text = pack.questions[question].text.get(lang)
    if question not in CORE_QUESTIONS:
        return text
    action = scenario.action.get(lang)
    question_text = after_colon(text, lang)
    return t(lang, "train.asked", action=action[:1].upper() + action[1:], question=question_text)


def after_colon(sentence: str, lang: str) -> str:
    """A full sentence as it is written after a colon: in Swedish and English with a small
    first letter ("To accept the tickets: is it legal?"); in Danish a full sentence after a
    colon keeps its capital ("At sige ja tak til invitationen: Er det lovligt?"), as the
    program's own answer lines do. An acronym keeps its capitals in every language."""
    if lang == "da" or not sentence[1:2].islower():
        return sentence
    return sentence[0].lower() + sentence[1:]


def scenario_text(pack: Pack, deck: Deck, scenario: Scenario, lang: str) -> str:
    """The scenario as the group sees it before voting."""
    lines = [
        t(lang, "train.scenario_n", n=deck.number(scenario.id), total=len(deck.scenarios)),
        clean(scenario.title.get(lang)).upper(),
        "",
        clean(scenario.situation.get(lang)),
        "",
        clean(action_line(scenario, lang)),
    ]
    if scenario.values:
        names = [v.name.get(lang) for v in pack.values if v.id in scenario.values]
        lines.append(f"{t(lang, 'train.values_in_play')}: {clean(', '.join(names))}")
    return "\n".join(lines) + "\n"


def note_text(scenario: Scenario, lang: str) -> str:
    """The facilitator's note and the code's words it rests on: shown only when asked for."""
    lines = [f"{t(lang, 'train.note')}: {clean(scenario.note.get(lang))}"]
    for cite in scenario.cites:
        source = _source(cite, lang)
        lines += [f"  {line}" for line in quote_lines(source, lang)]
        lines.append(f"  {where_text(source, lang)}")
    return "\n".join(lines) + "\n"


def result_text(pack: Pack, result: ScenarioResult, lang: str) -> str:
    """After the vote: bars, the majority's recommendation, what flips it, the variations and
    the discussion questions. The facilitator's note is not here (see :func:`note_text`)."""
    lines = [t(lang, "train.votes")]
    for question in vote_questions(pack, result.scenario):
        counts = result.votes.get(question, {})
        total = sum(counts.values())
        lines.append(
            f"  {_question_text(pack, question, lang)} ({t(lang, 'train.total', n=total)})"
        )
        for answer in ANSWERS:
            count = counts.get(answer, 0)
            lines.append(f"    {_answer(answer, lang):<8} {_bar(count, total)} {count}")
    lines.append("")
    if result.decision is None:
        lines.append(t(lang, "train.no_votes"))
    else:
        verdict = pack.verdicts[result.decision.verdict]
        lines.append(
            f"{t(lang, 'train.recommendation')}: {verdict.label.get(lang)} "
            f"({result.decision.verdict})"
        )
        lines.append(f"  {clean(verdict.next_step.get(lang))}")
        lines.append("")
        lines.append(t(lang, "train.flips"))
        lines += [f"  - {line}" for line in flip_lines(pack, result, lang)] or [
            f"  {t(lang, 'train.no_flip')}"
        ]
    lines += ["", t(lang, "train.variations")]
    lines += [f"  {n}. {clean(v.get(lang))}" for n, v in enumerate(result.scenario.variations, 1)]
    lines += ["", t(lang, "train.discussion")]
    lines += [f"  - {clean(q.get(lang))}" for q in result.scenario.discussion]
    return "\n".join(lines) + "\n"


def flip_lines(pack: Pack, result: ScenarioResult, lang: str) -> list[str]:
    return [
        t(
            lang,
            "train.flip_line",
            question=_question_text(pack, flip.question, lang),
            was=_answer(flip.answer, lang),
            now=_answer(flip.would_be, lang),
            verdict=pack.verdicts[flip.verdict].label.get(lang),
        )
        for flip in result.flips
    ]


# -- Markdown ------------------------------------------------------------------------------------


def session_markdown(
    pack: Pack, deck: Deck, lang: str, day: str, results: Iterable[ScenarioResult]
) -> str:
    results = list(results)
    lines = [
        report_marker(deck, day, results),
        "",
        f"# {t(lang, 'train.report_title')}: {inline_md(deck.title.get(lang))}",
        "",
        f"- {t(lang, 'train.date')}: {day}",
        f"- {t(lang, 'label.council')}: {inline_md(pack.council.get(lang))}",
        f"- {t(lang, 'label.pack')}: {pack.id} {pack.version}, sha256 `{pack.sha256}`",
        "",
    ]
    for result in results:
        scenario = result.scenario
        lines += _scenario_md(deck, scenario, lang)
        lines += [
            f"### {t(lang, 'train.votes')}",
            "",
            f"| | {' | '.join(_answer(a, lang) for a in ANSWERS)} |",
        ]
        lines.append("|---" * (len(ANSWERS) + 1) + "|")
        for question in vote_questions(pack, scenario):
            counts = result.votes.get(question, {})
            cells = " | ".join(str(counts.get(a, 0)) for a in ANSWERS)
            lines.append(f"| {inline_md(_question_text(pack, question, lang))} | {cells} |")
        lines.append("")
        if result.decision is None:
            lines += [t(lang, "train.no_votes"), ""]
        else:
            verdict = pack.verdicts[result.decision.verdict]
            lines += [
                f"**{t(lang, 'train.recommendation')}: {inline_md(verdict.label.get(lang))}** "
                f"({result.decision.verdict})",
                "",
                f"{t(lang, 'train.flips')}:",
                "",
            ]
            lines += [f"- {inline_md(line)}" for line in flip_lines(pack, result, lang)] or [
                f"- {t(lang, 'train.no_flip')}"
            ]
            lines.append("")
        lines += [f"### {t(lang, 'train.variations')}", ""]
        lines += [f"{n}. {inline_md(v.get(lang))}" for n, v in enumerate(scenario.variations, 1)]
        lines += ["", f"### {t(lang, 'train.note')}", "", inline_md(scenario.note.get(lang)), ""]
        lines += _cites_markdown(scenario, lang)
        if result.notes:
            lines += [f"### {t(lang, 'train.notes')}", "", fenced(result.notes), ""]
    return "\n".join(lines)


def _scenario_md(deck: Deck, scenario: Scenario, lang: str) -> list[str]:
    """A scenario's heading, situation and the action the group tests, in Markdown."""
    return [
        f"## {inline_md(heading(deck, scenario, lang))}",
        "",
        inline_md(scenario.situation.get(lang)),
        "",
        f"*{inline_md(action_line(scenario, lang))}*",
        "",
    ]


def deck_markdown(pack: Pack, deck: Deck, lang: str, notes: bool) -> str:
    lines = [f"# {t(lang, 'train.handout')}: {inline_md(deck.title.get(lang))}", ""]
    for scenario in deck.scenarios.values():
        lines += _scenario_md(deck, scenario, lang)
        lines += [f"**{t(lang, 'train.variations')}**", ""]
        lines += [f"{n}. {inline_md(v.get(lang))}" for n, v in enumerate(scenario.variations, 1)]
        lines += ["", f"**{t(lang, 'train.discussion')}**", ""]
        lines += [f"- {inline_md(q.get(lang))}" for q in scenario.discussion]
        lines.append("")
        if notes:
            lines += [f"**{t(lang, 'train.note')}:** {inline_md(scenario.note.get(lang))}", ""]
            lines += _cites_markdown(scenario, lang)
    return "\n".join(lines)


def _cites_markdown(scenario: Scenario, lang: str) -> list[str]:
    lines = []
    for cite in scenario.cites:
        source = _source(cite, lang)
        for line in quote_lines(source, lang):
            lines += [f"> {inline_md(line)}", ">"]
        lines += [f"> — {inline_md(where_text(source, lang))}", ""]
    return lines


# -- HTML ----------------------------------------------------------------------------------------

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:46rem;
margin:2rem auto;padding:0 1rem;line-height:1.45;color:#111}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #ccc}
h3{font-size:1.05rem}blockquote{margin:.5rem 0;padding-left:1rem;border-left:3px solid #999}
.meta{color:#444}.verdict{font-weight:bold}.chart{display:block;margin:.2rem 0 1rem}
pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem}
section{break-inside:avoid-page}
@media print{body{margin:0;max-width:none}h2{break-before:auto}a{color:inherit}}
.legend{color:#444;font-size:.9rem}.action{font-style:italic}
"""
# Bars are coloured by how far an answer can raise the recommendation under the rules
# (votes.answer_risk), not by the word: green for an answer that never makes it stricter, orange
# for one that can make it seek advice, red for one that can make it reconsider.
COLOURS = {"proceed": "#2e7d32", "seek_advice": "#b26a00", "reconsider": "#c62828"}


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def bar_chart(
    pack: Pack, question: str, counts: dict[str, int], lang: str, risk: dict[str, str]
) -> str:
    """An inline SVG bar chart of one question's votes, labelled for screen readers; each bar
    coloured by the verdict its answer leads to (``risk``: answer -> verdict)."""
    total = sum(counts.values())
    label = f"{_question_text(pack, question, lang)}: " + ", ".join(
        f"{_answer(a, lang)} {counts.get(a, 0)}" for a in ANSWERS
    )
    rows = []
    for index, answer in enumerate(ANSWERS):
        count = counts.get(answer, 0)
        width = round(SVG_WIDTH * count / total) if total else 0
        y = index * 22
        rows.append(
            f'<text x="0" y="{y + 15}" font-size="13">{_e(_answer(answer, lang))}</text>'
            f'<rect x="80" y="{y + 3}" width="{width}" height="16" '
            f'fill="{COLOURS[risk[answer]]}" data-answer="{answer}" data-count="{count}" '
            f'data-risk="{risk[answer]}"/>'
            f'<text x="{86 + width}" y="{y + 15}" font-size="13">{count}</text>'
        )
    height = len(ANSWERS) * 22 + 4
    return (
        f'<svg class="chart" role="img" aria-label="{_e(label)}" width="{SVG_WIDTH + 130}" '
        f'height="{height}" viewBox="0 0 {SVG_WIDTH + 130} {height}">{"".join(rows)}</svg>'
    )


def _page(title: str, lang: str, body: list[str], marker: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        + (f"{marker}\n" if marker else "")
        + f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _cites_html(scenario: Scenario, lang: str) -> list[str]:
    parts = []
    for cite in scenario.cites:
        source = _source(cite, lang)
        quote = "".join(f"<p>{_e(line)}</p>" for line in quote_lines(source, lang))
        parts.append(
            f"<blockquote>{quote}<footer>{_e(where_text(source, lang))}</footer></blockquote>"
        )
    return parts


def session_html(
    pack: Pack, deck: Deck, lang: str, day: str, results: Iterable[ScenarioResult]
) -> str:
    results = list(results)
    title = f"{t(lang, 'train.report_title')}: {deck.title.get(lang)}"
    body = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(t(lang, "train.date"))}: {_e(day)} · '
        f"{_e(pack.council.get(lang))} · {_e(t(lang, 'label.pack'))}: {_e(pack.id)} "
        f"{_e(pack.version)} ({_e(pack.sha256[:12])})</p>",
    ]
    for result in results:
        scenario = result.scenario
        risk = answer_risk(pack, scenario)
        body.append(f'<section id="{_e(scenario.id)}">')
        body.append(f"<h2>{_e(heading(deck, scenario, lang))}</h2>")
        body.append(f"<p>{_e(scenario.situation.get(lang))}</p>")
        body.append(f'<p class="action">{_e(action_line(scenario, lang))}</p>')
        body.append(f"<h3>{_e(t(lang, 'train.votes'))}</h3>")
        body.append(f'<p class="legend">{_e(legend(pack, lang))}</p>')
        for question in vote_questions(pack, scenario):
            body.append(f"<p>{_e(_question_text(pack, question, lang))}</p>")
            body.append(
                bar_chart(pack, question, result.votes.get(question, {}), lang, risk[question])
            )
        if result.decision is None:
            body.append(f"<p>{_e(t(lang, 'train.no_votes'))}</p>")
        else:
            verdict = pack.verdicts[result.decision.verdict]
            body.append(
                f'<p class="verdict" data-verdict="{result.decision.verdict}">'
                f"{_e(t(lang, 'train.recommendation'))}: {_e(verdict.label.get(lang))}</p>"
            )
            flips = flip_lines(pack, result, lang) or [t(lang, "train.no_flip")]
            body.append(f"<p>{_e(t(lang, 'train.flips'))}:</p><ul>")
            body += [f"<li>{_e(line)}</li>" for line in flips]
            body.append("</ul>")
        body.append(f"<h3>{_e(t(lang, 'train.variations'))}</h3><ol>")
        body += [f"<li>{_e(v.get(lang))}</li>" for v in scenario.variations]
        body.append(f"</ol><h3>{_e(t(lang, 'train.note'))}</h3>")
        body.append(f"<p>{_e(scenario.note.get(lang))}</p>")
        body += _cites_html(scenario, lang)
        if result.notes:
            body.append(f"<h3>{_e(t(lang, 'train.notes'))}</h3><pre>{_e(result.notes)}</pre>")
        body.append("</section>")
    return _page(title, lang, body, report_marker(deck, day, results))


def legend(pack: Pack, lang: str) -> str:
    """What the bars' colours mean, with the pack's own verdict names."""
    return t(
        lang,
        "train.legend",
        seek_advice=pack.verdicts["seek_advice"].label.get(lang),
        reconsider=pack.verdicts["reconsider"].label.get(lang),
    )


def deck_html(pack: Pack, deck: Deck, lang: str, notes: bool) -> str:
    title = f"{t(lang, 'train.handout')}: {deck.title.get(lang)}"
    body = [f"<h1>{_e(title)}</h1>"]
    for scenario in deck.scenarios.values():
        body.append(f'<section id="{_e(scenario.id)}"><h2>{_e(heading(deck, scenario, lang))}</h2>')
        body.append(f"<p>{_e(scenario.situation.get(lang))}</p>")
        body.append(f'<p class="action">{_e(action_line(scenario, lang))}</p>')
        body.append(f"<h3>{_e(t(lang, 'train.variations'))}</h3><ol>")
        body += [f"<li>{_e(v.get(lang))}</li>" for v in scenario.variations]
        body.append(f"</ol><h3>{_e(t(lang, 'train.discussion'))}</h3><ul>")
        body += [f"<li>{_e(q.get(lang))}</li>" for q in scenario.discussion]
        body.append("</ul>")
        if notes:
            body.append(f"<h3>{_e(t(lang, 'train.note'))}</h3><p>{_e(scenario.note.get(lang))}</p>")
            body += _cites_html(scenario, lang)
        body.append("</section>")
    return _page(title, lang, body)
