"""``etikcheck card``: the pocket card in every council, language and format.

The HTML is checked statically here (well-formed, self-contained, print CSS); that it fits one
A6 page was checked by rendering it in headless Chromium, which CI does not need.
"""

from __future__ import annotations

import html
import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from etikcheck.model import LANGS, Pack
from etikcheck.output.card import FORMATS, card_markdown, card_text, card_view
from etikcheck.output.escape import inline_md
from etikcheck.packs import registry as packs
from tests.conftest import FIXTURES, RunCli

COUNCILS = packs.bundled_ids()
AALBORG_PHONES = ("99 31 15 05", "33 70 39 50", "99 31 15 06")
PYTHON_REPR = re.compile(r"\bNone\b|\{'|\['|\bText\(|\bCite\(|<function|dict_|\\n")


def words(text: str) -> str:
    """Whitespace made single spaces: a text wrapped over lines still reads as one."""
    return " ".join(text.split())


def shown(text: str, fmt: str) -> str:
    """``text`` as a renderer of ``fmt`` writes it."""
    if fmt == "html":
        return html.escape(text, quote=True)
    if fmt == "md":
        return inline_md(text)
    return text


class Page(HTMLParser):
    """Checks that tags nest and close, and that nothing points outside the page."""

    VOID = frozenset({"meta", "br", "img", "hr", "input", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            assert name != "src", (tag, name, value)
            assert name != "href" or (value or "#").startswith("#"), (tag, name, value)
            assert not name.startswith("on"), (tag, name)  # no inline script either
            if tag == "html" and name == "lang":
                self.lang = value
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert tag not in self.VOID, tag
        assert self.stack, tag
        assert self.stack[-1] == tag, (self.stack[-3:], tag)
        self.stack.pop()


def check_page(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], parser.stack
    assert page.startswith("<!DOCTYPE html>")
    lowered = page.lower()
    for banned in ("<script", "http", "url(", "@import", "@font-face", "<link", "<iframe"):
        assert banned not in lowered, banned
    assert "@page" in page
    return parser


def test_the_aalborg_card_in_html_has_the_danish_questions_and_the_codes_phone_numbers(
    cli: RunCli,
) -> None:
    result = cli("card", "--council", "aalborg", "--format", "html")
    assert result.code == 0, result.stderr
    page = result.stdout
    assert check_page(page).lang == "da"
    for question in (
        "Er det lovligt?",
        "Er det foreneligt med byrådets adfærdskodeks og dets værdier?",
        "Er det etisk forsvarligt?",
        "Vil det stille dig og Aalborg Kommune i et godt lys?",
    ):
        assert f"<li>{question}</li>" in page
    for phone in AALBORG_PHONES:
        assert phone in page
    assert "Tommy Christiansen" in page
    assert "Byrådets adfærdskodeks" in page  # the source under its real title


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("council", COUNCILS)
def test_every_council_in_every_language_and_format(
    cli: RunCli, council: str, lang: str, fmt: str
) -> None:
    result = cli("card", "--council", council, "--lang", lang, "--format", fmt)
    assert result.code == 0, result.stderr
    out = result.stdout
    flat = words(out)
    pack = packs.load(council)
    assert not PYTHON_REPR.search(out), PYTHON_REPR.search(out)
    for question in pack.core_questions():
        assert words(shown(question.text.get(lang), fmt)) in flat, question.id
        for other in LANGS:  # the language's own texts, not another's
            if question.text.get(other) != question.text.get(lang):
                assert words(shown(question.text.get(other), fmt)) not in flat
    for verdict in ("reconsider", "seek_advice"):
        text = pack.verdicts[verdict]
        assert words(shown(text.label.get(lang), fmt)) in flat
        assert words(shown(text.next_step.get(lang), fmt)) in flat
    for value in pack.values:
        assert words(shown(value.name.get(lang), fmt)) in flat
    for contact in pack.contacts.values():
        assert words(shown(contact.role.get(lang), fmt)) in flat
        for detail in (contact.name, contact.phone, contact.email):
            if detail:
                assert words(shown(detail, fmt)) in flat
    title = pack.source.title.get(pack.source.lang)
    assert words(shown(title, fmt)) in flat  # the council's document under its real title
    assert pack.version in out
    assert pack.sha256[:12] in out
    assert pack.id in out
    if fmt == "html":
        assert check_page(out).lang == lang
    elif fmt == "txt":
        assert max(len(line) for line in out.splitlines()) <= 80


def _method(pack: Pack, lang: str) -> str:
    method = card_view(pack, lang)["method"]
    assert isinstance(method, str)
    return method


def test_the_questions_are_named_as_the_vasteras_method_and_as_vasteras_own_code() -> None:
    aalborg, vasteras = packs.load("aalborg"), packs.load("vasteras")
    assert _method(aalborg, "da") == (
        "De fire testspørgsmål kommer fra »Bemötandekod för förtroendevalda i Västerås stad« "
        "(Västerås stads adfærdskodeks for folkevalgte)."
    )
    assert _method(aalborg, "sv") == (
        "De fyra testfrågorna är hämtade ur ”Bemötandekod för förtroendevalda i Västerås stad”."
    )
    assert _method(vasteras, "sv") == (
        "De fyra testfrågorna är hämtade ur vår egen kod, "
        "”Bemötandekod för förtroendevalda i Västerås stad”."
    )
    english = _method(vasteras, "en")
    assert english.startswith("The four test questions come from our own code, “Bemötandekod")
    assert "(the City of Västerås's code of conduct for elected representatives)" in english


def test_values_in_translation_say_so_and_keep_the_original_names() -> None:
    view = card_view(packs.load("aalborg"), "en")
    assert view["values_heading"] == "Our values (translated from Danish)"
    trust = next(v for v in view["values"] if v["id"] == "tillid")
    assert (trust["name"], trust["original_name"]) == ("Trust", "Tillid")
    own = card_view(packs.load("aalborg"), "da")
    assert own["values_heading"] == "Vores værdier"
    assert all(v["original_name"] is None for v in own["values"])


def test_a_statement_that_begins_with_the_name_does_not_repeat_it(cli: RunCli) -> None:
    out = cli("card", "--council", "vasteras", "--lang", "sv").stdout
    assert "- Samarbete och handlingskraft för resultat\n" in out
    assert "Samarbete och handlingskraft: Samarbete" not in out
    page = cli("card", "--council", "vasteras", "--lang", "sv", "--format", "html").stdout
    assert "<li><b>Samarbete och handlingskraft</b> för resultat</li>" in page


def test_the_text_card(cli: RunCli) -> None:
    result = cli("card", "--council", "aalborg")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Lommekort: Aalborg Kommune", "=========================="]
    assert "1. Er det lovligt?" in lines
    assert "Hvis et af svarene er nej: Tænk dig om" in lines
    assert "Hvis du er usikker: Søg råd først" in lines
    assert "- Kommunaldirektør: Tommy Christiansen" in lines
    assert "  Telefon 99 31 15 05" in lines
    assert "Kilde: Byrådets adfærdskodeks, Aalborg Byråd" in lines
    assert lines[-1] == f"Regelpakke: aalborg 2.0.0 ({packs.load('aalborg').sha256[:12]})"
    # the general-advice contact says so, as on the result screen
    lawyers = lines.index("- Kommunens jurister")
    assert any("generelt råd" in line for line in lines[lawyers : lawyers + 4])
    # the contacts the code names come before the general roles
    assert lines.index("- Kommunaldirektør: Tommy Christiansen") < lines.index("- En partikollega")


def test_the_markdown_card(cli: RunCli) -> None:
    result = cli("card", "--council", "aarhus", "--lang", "en", "--format", "md")
    assert result.code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Pocket card: Aarhus Municipality\n\n")
    assert "\n## Four questions before you act\n" in out
    assert "\n1. Is it legal?\n" in out
    assert "\n**If any answer is no: Reconsider.** Do not do it this way." in out
    assert "\n**If you are unsure: Seek advice first.** " in out
    assert "\n## Our values (translated from Danish)\n" in out
    assert "\n- **Credibility (Troværdighed)**: “We are open and honest. We keep" in out
    assert "\n## Who to talk to\n" in out
    assert "\n- **The mayor (at City Council meetings)** · Has “the red button”" in out
    assert "\n- **The municipality's lawyers** (general advice, not a contact named" in out


def test_text_is_wrapped_at_word_boundaries_to_the_terminal(cli: RunCli) -> None:
    for council in COUNCILS:
        for lang in LANGS:
            narrow = cli("card", "--council", council, "--lang", lang, environ={"COLUMNS": "40"})
            wide = cli("card", "--council", council, "--lang", lang, environ={"COLUMNS": "200"})
            assert narrow.code == wide.code == 0
            lines = narrow.stdout.splitlines()
            assert max(len(line) for line in lines) <= 40, (council, lang)
            # no word was cut: the same words, in the same order, as on a wide terminal
            assert narrow.stdout.split() == wide.stdout.split(), (council, lang)
            assert max(len(line) for line in wide.stdout.splitlines()) <= 80  # capped at 80


def test_wrapping_keeps_long_words_whole() -> None:
    view = card_view(packs.load("aalborg"), "da")
    text = card_text(view, 20)
    assert "Byrådssekretariatet" in text.split()
    long = [line for line in text.splitlines() if len(line) > 20]
    # a word longer than the width stays whole
    assert long == ["- Byrådssekretariatet", "  grænseoverskridende"]


def test_output_file_is_private_and_never_replaced_without_force(
    cli: RunCli, tmp_path: Path
) -> None:
    target = tmp_path / "card.html"
    result = cli("card", "--council", "aalborg", "--format", "html", "-o", str(target))
    assert result.code == 0, result.stderr
    assert result.stdout == ""
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    page = target.read_text(encoding="utf-8")
    check_page(page)
    assert "99 31 15 05" in page

    target.write_text("mine", encoding="utf-8")
    refused = cli("card", "--council", "aalborg", "-o", str(target))
    assert refused.code == 2
    assert f"{target}: filen findes allerede; vælg et andet navn, eller brug --force" in (
        refused.stderr
    )
    assert target.read_text(encoding="utf-8") == "mine"

    forced = cli("card", "--council", "aalborg", "-o", str(target), "--force")
    assert forced.code == 0, forced.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Lommekort: Aalborg Kommune\n")
    assert max(len(line) for line in text.splitlines()) <= 72  # a file is wrapped to 72
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_an_existing_file_is_refused_before_any_work(cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "card.txt"
    target.write_text("mine", encoding="utf-8")
    result = cli("card", "--council", "nowhere", "-o", str(target))
    assert result.code == 2
    assert "the file exists" in result.stderr  # the file, not the unknown council
    missing_folder = cli("card", "--council", "aalborg", "-o", str(tmp_path / "no" / "c.txt"))
    assert missing_folder.code == 2
    assert f"mappen {tmp_path / 'no'} findes ikke" in missing_folder.stderr


def test_an_unknown_format_is_a_usage_error(cli: RunCli) -> None:
    result = cli("card", "--council", "aalborg", "--format", "pdf")
    assert result.code == 2
    assert "--format" in result.stderr
    assert "txt, md, html" in result.stderr
    assert result.stdout == ""


def test_council_and_language_follow_the_one_precedence(cli: RunCli) -> None:
    assert cli("card", "--council", "aalborg").stdout.startswith("Lommekort:")  # its own
    swedish = cli("card", "--council", "aalborg", environ={"LANG": "sv_SE.UTF-8"})
    assert swedish.stdout.startswith("Fickkort: Aalborgs kommun")  # the locale
    flag = cli("card", "--council", "aalborg", "--lang", "en", environ={"LANG": "sv_SE.UTF-8"})
    assert flag.stdout.startswith("Pocket card: Aalborg Municipality")  # the flag first
    unknown = cli("card", "--council", "aalborg", "--lang", "de")
    assert unknown.code == 2
    no_council = cli("card")
    assert no_council.code == 2
    assert "aalborg" in no_council.stderr
    assert cli("config", "set", "council", "vasteras").code == 0
    assert cli("config", "set", "lang", "en").code == 0
    assert cli("card").stdout.startswith("Pocket card: City of Västerås")  # the settings


def test_help_is_in_every_language(cli: RunCli) -> None:
    assert cli("card", "--help", "--lang", "da").stdout.startswith("Brug: etikcheck card")
    assert cli("card", "--help", "--lang", "sv").stdout.startswith("Användning: etikcheck card")
    english = cli("card", "--help", "--lang", "en").stdout
    assert "#a4" in english
    assert "A6" in english
    assert "card " in cli("--help").stdout


def test_a_custom_packs_texts_are_escaped_in_every_format(cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    text = (FIXTURES / "packs" / "minimal" / "pack.yaml").read_text(encoding="utf-8")
    text = text.replace('version: "0.1"', 'version: "0.1\\e[31m\\u202e"')
    council = 'en: "<script>x</script> *Council* \\e]52;c;x\\u0007"}'
    text = text.replace("en: Test Council}", council)
    text = text.replace("en: We care.}", 'en: "We \\u202ecare <b>[x](#e)</b>."}')
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    flags = ["card", "--rules", str(folder), "--lang", "en"]
    for fmt in FORMATS:
        result = cli(*flags, "--format", fmt)
        assert result.code == 0, result.stderr
        out = result.stdout
        assert "\x1b" not in out
        assert "\u202e" not in out
        assert "\x07" not in out
        version = "0.1\\x1b[31m\\u202e"  # shown, never interpreted
        assert (inline_md(version) if fmt == "md" else version) in out
        if fmt == "html":
            check_page(out)
            assert "&lt;script&gt;x&lt;/script&gt;" in out
        if fmt == "md":
            assert "\\<script\\>" in out
            assert "\\*Council\\*" in out
    # a custom pack shares the core: its test questions are named as the Västerås method
    assert "The four test questions come from “Bemötandekod" in cli(*flags).stdout


# What fits on the A6 card, measured in headless Chromium (Liberation Sans, Arial's metrics, at
# the card's 8 pt): about 40 lines of about 64 characters. The fullest card today (Aalborg in
# English, with the line on who decides and the lawyers in "if you are unsure") estimates 40; at
# 39 it printed on one page with 5 mm free. A pack text that grows past the estimate would push
# the card onto a second page: shorten the text, or make the card's layout denser.
A6_LINES = 40
A6_LINE_CHARS = 64


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("council", COUNCILS)
def test_the_html_card_fits_one_a6_page_by_estimate(council: str, lang: str) -> None:
    from etikcheck.output.card import card_html

    page = card_html(card_view(packs.load(council), lang))
    card = page.split('<main class="card">', 1)[1].split("</main>", 1)[0]
    blocks = re.findall(r"<(li|p|h1|h2|footer)\b[^>]*>(.*?)</\1>", card, re.S)
    texts = [html.unescape(re.sub(r"<[^>]+>", "", body)) for _, body in blocks]
    lines = sum(max(1, -(-len(text) // A6_LINE_CHARS)) for text in texts)
    assert lines <= A6_LINES, f"{council} {lang}: about {lines} lines, {A6_LINES} fit on A6"


def test_the_markdown_cards_contacts_read_as_the_records() -> None:
    """One line a contact, details apart with ·, the general-advice mark after the role."""
    md = card_markdown(card_view(packs.load("aalborg"), "da"))
    assert "- **Kommunens jurister** (generelt råd – kommunens eget dokument" in md
    assert "- **KL's hotline for grænseoverskridende adfærd** · Telefon 33 70 39 50\n" in md
