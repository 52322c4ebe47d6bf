"""Generate ``docs/topics.md``: the topics x councils table, with the quoted sources.

Run ``python -m etikcheck.output.docs docs/topics.md`` after changing a pack; a test fails when the
file in the repository differs from what the packs generate.
"""

from __future__ import annotations

import sys
from pathlib import Path

from etikcheck.model import Cite, Pack
from etikcheck.output.text import quote_lines, where_text
from etikcheck.output.views import cite_json
from etikcheck.packs import registry as packs

HEADER = (
    "# Situation topics\n\n"
    "Generated from the bundled packs by `python -m etikcheck.output.docs docs/topics.md`; "
    "do not edit by hand.\n\n"
    "Each cell shows what the council's code says on the topic, quoted in its original "
    "language with document and section, or that it has no specific guidance (the four test "
    "questions and the general contact then apply). Laws are cited by name and section only.\n"
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _cite(cite: Cite, lang: str) -> str:
    source = cite_json(cite, lang)
    assert source is not None
    where = where_text(source, lang)
    return " ".join([*quote_lines(source, lang), f"({where})"]) if source["quote"] else where


def _guidance(pack: Pack, topic_id: str) -> str:
    topic = pack.topics[topic_id]
    parts = [_cite(cite, pack.lang) for cite in topic.quotes]
    if topic.guidance is not None:
        parts.insert(0, f"*{topic.guidance.get('en')}*")
    if not parts:
        parts.append("*(not covered)*")
    return "<br>".join(_cell(part) for part in parts)


def render(loaded: list[Pack]) -> str:
    first = loaded[0]
    lines = [HEADER]
    lines.append("| topic | " + " | ".join(p.council.get("en") for p in loaded) + " |")
    lines.append("|---" * (len(loaded) + 1) + "|")
    for topic_id, topic in first.topics.items():
        cells = [_guidance(pack, topic_id) for pack in loaded]
        lines.append(
            f"| `{topic_id}`: {_cell(topic.title.get('en'))} | " + " | ".join(cells) + " |"
        )
    lines.append("")
    lines.append("## Questions, rules and contacts per topic\n")
    for topic_id, topic in first.topics.items():
        lines.append(f"### `{topic_id}`: {topic.title.get('en')}\n")
        lines.append(f"{topic.description.get('en')}\n")
        for pack in loaded:
            mine = pack.topics[topic_id]
            questions = ", ".join(f"`{q}`" for q in mine.questions)
            rules = ", ".join(f"`{r.id}` ({r.verdict})" for r in mine.rules) or "none"
            contacts = ", ".join(pack.contacts[c].role.get("en") for c in mine.contacts) or "none"
            lines.append(
                f"- **{pack.council.get('en')}**: questions {questions}; rules {rules}; "
                f"contacts {contacts}; {len(mine.actions)} action(s)."
            )
        lines.append("")
    return "\n".join(lines)


def generate() -> str:
    return render([packs.load(council) for council in packs.bundled_ids()])


def main(argv: list[str]) -> int:
    text = generate()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
