"""``etikcheck rules new``: a starting pack and its test cases that lint clean and pass.

The texts are placeholders in sv, da and en for the council secretary to replace with the
code's own words; the structure (one value, its two rules, cases for every rule) is complete.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from etikcheck.errors import UsageError, excerpt
from etikcheck.model import LANGS
from etikcheck.store.files import write_private

PACK = """\
# yaml-language-server: $schema={schema}
# A rule pack for {shown}. Replace every text marked REPLACE with your code's own words
# (the original language, {lang}, quoted; the others translated). Guide: docs/rule-packs.md
format: 1
id: {id}
version: "0.1.0"
lang: {lang}
council:
  sv: {quoted}
  da: {quoted}
  en: {quoted}
source: {id}-code

sources:
  - id: {id}-code
    title:
      sv: REPLACE uppförandekodens titel
      da: REPLACE adfærdskodeksets titel
      en: REPLACE the title of the code of conduct
    publisher:
      sv: {quoted}
      da: {quoted}
      en: {quoted}
    sections:
      values:
        sv: REPLACE avsnittets rubrik
        da: REPLACE afsnittets overskrift
        en: REPLACE the section heading

values:
  - id: respect
    name:
      sv: REPLACE värdets namn
      da: REPLACE værdiens navn
      en: REPLACE the value's name
    cite:
      source: {id}-code
      section: values
    statements:
      - sv: REPLACE en mening ur koden om värdet
        da: REPLACE en sætning fra kodekset om værdien
        en: REPLACE a sentence from the code about the value

rules:
  - id: respect-no
    when:
      is: {{values.respect: no}}
    verdict: reconsider
    values: [respect]
    message:
      sv: Det du tänker göra är inte förenligt med värdet.
      da: Det, du har tænkt dig at gøre, er ikke foreneligt med værdien.
      en: What you are about to do is not consistent with the value.
    cite:
      source: {id}-code
      section: values
  - id: respect-unsure
    when:
      is: {{values.respect: unsure}}
    verdict: seek_advice
    values: [respect]
    message:
      sv: Du är osäker på om det är förenligt med värdet.
      da: Du er usikker på, om det er foreneligt med værdien.
      en: You are unsure whether it is consistent with the value.
    cite:
      source: {id}-code
      section: values
"""

CASES = """\
# Test cases for the {id} pack: run them with `etikcheck rules test {id}`.
cases:
  - name: all yes
    answers: {{lawful: yes, values.respect: yes, ethical: yes, reputation: yes}}
    verdict: proceed
    fires: [core-all-yes]
    not_fires: [core-no, core-unsure, respect-no, respect-unsure]
    referrals: [group-leader]
  - name: the value answered no
    answers: {{lawful: yes, values.respect: no, ethical: yes, reputation: yes}}
    verdict: reconsider
    fires: [core-no, respect-no]
    not_fires: [core-all-yes, respect-unsure]
  - name: unsure about the value
    answers: {{lawful: yes, values.respect: unsure, ethical: yes, reputation: yes}}
    verdict: seek_advice
    fires: [core-unsure, respect-unsure]
    not_fires: [core-no, respect-no]
    referrals: [party-colleague, group-leader]
  - name: values answered directly
    answers: {{lawful: unsure, values: yes, ethical: yes, reputation: yes}}
    verdict: seek_advice
    fires: [core-unsure]
    not_fires: [respect-no, respect-unsure]
"""


def slug(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "æ": "ae", "ö": "o", "ø": "o", "é": "e"})
    return re.sub(r"[^a-z0-9]+", "-", name.lower().translate(table)).strip("-")


def create(name: str, lang: str, target: Path, schema: str, force: bool = False) -> Path:
    """Write ``<target>/pack.yaml`` and ``cases.yaml`` for a council called ``name``."""
    if lang not in LANGS:
        raise UsageError(f"--lang: {lang!r} is not supported; allowed: {', '.join(LANGS)}")
    pack_id = slug(name)
    if not pack_id:
        raise UsageError(f"{name!r} gives no usable pack id; use letters or digits")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{target}: cannot create the folder: {exc.strerror or exc}") from None
    values = {
        "id": pack_id,
        "quoted": json.dumps(name, ensure_ascii=False),  # a YAML string, whatever the name holds
        "shown": excerpt(name, 60),  # a comment line: no newline or control character
        "lang": lang,
        "schema": schema,
    }
    write_private(target / "pack.yaml", PACK.format(**values), overwrite=force)
    write_private(target / "cases.yaml", CASES.format(**values), overwrite=force)
    return target
