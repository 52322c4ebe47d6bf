"""The JSON parser's complaints: translated in sv and da, or left out; English unchanged."""

from __future__ import annotations

import pytest

from etikcheck.reading import TextError, json_problem, loads_json

CASES = [
    (
        '{"a"',
        "ett kolon (:) förväntades",
        "der forventedes et kolon (:)",
        "Expecting ':' delimiter",
    ),
    (
        "{}x",
        "det finns mer efter JSON-dokumentets slut",
        "der kommer mere efter JSON-dokumentets slutning",
        "Extra data",
    ),
    ('{"a": }', "ett värde förväntades", "der forventedes en værdi", "Expecting value"),
]


@pytest.mark.parametrize(("text", "sv", "da", "en"), CASES)
def test_known_complaints_are_translated(text: str, sv: str, da: str, en: str) -> None:
    with pytest.raises(TextError) as caught:
        loads_json(text)
    problem = caught.value.problem
    assert not isinstance(problem, str)
    assert problem.render("sv").endswith(f": {sv}")
    assert problem.render("da").endswith(f": {da}")
    assert problem.render("en").endswith(f": {en}")


def test_an_unknown_complaint_is_left_out_in_sv_and_da() -> None:
    message = json_problem("error.invalid_json_at", "Something new", line=2, column=7)
    assert message.render("sv") == "ogiltig JSON på rad 2, kolumn 7"
    assert message.render("da") == "ugyldig JSON i linje 2, kolonne 7"
    assert message.render("en") == "invalid JSON at line 2, column 7: Something new"
    assert str(message) == "invalid JSON at line 2, column 7: Something new"


def test_too_many_digits() -> None:
    with pytest.raises(TextError) as caught:
        loads_json('{"a": ' + "1" * 5000 + "}")
    problem = caught.value.problem
    assert not isinstance(problem, str)
    assert problem.render("sv") == "ogiltig JSON: ett tal har för många siffror"
    assert problem.render("da") == "ugyldig JSON: et tal har for mange cifre"
    assert problem.render("en").startswith("invalid JSON: Exceeds the limit (4300 digits)")
