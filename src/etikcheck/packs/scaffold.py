"""``etikcheck rules new``: a starting pack and its test cases, ready to fill in.

The texts taken from the council's code are placeholders in sv, da and en (``REPLACE …``) for
the council secretary to replace with the code's own words: ``rules lint`` warns for each one
left, and ``rules lint --strict`` (the pre-commit hook) fails until none is. The structure (one
value, its two rules, cases for every rule) is complete: apart from the placeholders the pack
lints clean and its cases pass. The JSON Schemas of the pack and of the cases are written beside
them and named by a relative ``$schema`` line, so that editors check the files as they are typed
wherever the folder is (a shared repository, another machine).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from etikcheck.errors import UsageError, excerpt
from etikcheck.model import LANGS
from etikcheck.store.files import write_private

PACK_SCHEMA = "pack.schema.json"
CASES_SCHEMA = "cases.schema.json"

PACK = """\
# yaml-language-server: $schema=./{pack_schema}
# A rule pack for {shown}. Replace every text marked REPLACE with your code's own words
# (the original language, {lang}, quoted; the others translated): `etikcheck rules lint`
# lists each one left. The guide: `etikcheck rules guide` (docs/rule-packs.md).
format: 1
id: {id}
version: "0.1.0"
lang: {lang}
council:
  sv: {quoted}
  da: {quoted}
  en: {quoted}
# aliases: [Other name]  # other names the council goes by, for --council (optional)
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
# yaml-language-server: $schema=./{cases_schema}
# Test cases for the {id} pack: run them with `etikcheck rules test {folder}`.
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


def create(name: str, lang: str, target: Path, force: bool = False) -> list[Path]:
    """Write ``<target>/pack.yaml`` and ``cases.yaml`` for a council called ``name``, and the
    schemas their ``$schema`` lines name beside them; returns the files written. Nothing is
    written when one of them exists (unless ``force``)."""
    from etikcheck.packs.schema import SCHEMA_DIR
    from etikcheck.store.files import check_target

    if lang not in LANGS:
        raise UsageError(f"--lang: {lang!r} is not supported; allowed: {', '.join(LANGS)}")
    pack_id = slug(name)
    if not pack_id:
        raise UsageError(f"{name!r} gives no usable pack id; use letters or digits")
    values = {
        "id": pack_id,
        "quoted": json.dumps(name, ensure_ascii=False),  # a YAML string, whatever the name holds
        "shown": excerpt(name, 60),  # a comment line: no newline or control character
        "lang": lang,
        "pack_schema": PACK_SCHEMA,
        "cases_schema": CASES_SCHEMA,
        "folder": excerpt(str(target), 60)[1:-1],
    }
    files = {
        target / "pack.yaml": PACK.format(**values),
        target / "cases.yaml": CASES.format(**values),
        target / PACK_SCHEMA: (SCHEMA_DIR / PACK_SCHEMA).read_text(encoding="utf-8"),
        target / CASES_SCHEMA: (SCHEMA_DIR / CASES_SCHEMA).read_text(encoding="utf-8"),
    }
    if not force:
        for path in files:
            if path.exists():
                check_target(path)  # refused when it exists: choose another name or use --force
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{target}: cannot create the folder: {exc.strerror or exc}") from None
    for path, text in files.items():
        write_private(path, text, overwrite=force)
    return list(files)
