"""``etikcheck check`` and ``etikcheck batch``: evaluate answers without prompts.

These are the commands scripts call in loops, so nothing here imports more than the check
needs: no typer, rich, questionary or YAML (YAML only for a YAML input document).
"""

from __future__ import annotations

from etikcheck import engine, resolve
from etikcheck.cli import inputs
from etikcheck.errors import ExitCode, InputError, Message, UsageError, os_reason
from etikcheck.model import SEVERITY
from etikcheck.output import views
from etikcheck.reading import TextError, read_file, read_stream

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment


def write_json(env: Environment, data: Any) -> None:
    from etikcheck.output.escape import json_text

    env.stdout.write(json_text(data) + "\n")


def write_view(values: Values, env: Environment, data: Any, render: Callable[[Any], str]) -> int:
    """The command's document: JSON with --json, else the text ``render`` makes of it."""
    if values.flag("json"):
        write_json(env, data)
    else:
        env.stdout.write(render(data))
    return 0


def warn(env: Environment, lang: str, warning: Message) -> None:
    """A warning on stderr in the session's language, safe for a terminal."""
    from etikcheck.i18n import t
    from etikcheck.output.escape import clean

    env.stderr.write(f"etikcheck: {clean(t(lang, 'msg.warning', text=warning.render(lang)))}\n")


def cannot_read(path: str, exc: OSError) -> UsageError:
    reason = os_reason(exc)
    return UsageError(Message("error.cannot_read_file", path=f"--input {path}", reason=reason))


def _read_input(
    env: Environment, path: str | None, answers_given: bool, pack_given: bool
) -> inputs.CheckRequest | None:
    """The document on stdin or in --input. Stdin is read when it is not a terminal and no
    answer comes from flags; when it is empty and a council or pack was named by flag, the
    answers are missing (said as such), rather than the document."""
    if path == "-" or (path is None and not answers_given and not env.stdin_isatty):
        try:
            data = read_stream(env.stdin)
        except TextError as exc:
            raise inputs.input_error("stdin", exc) from None
        if path is None and pack_given and not data.strip():
            return None
        return inputs.parse_document(data, "stdin")
    if path is None:
        return None
    try:
        data = read_file(path)
    except OSError as exc:
        raise cannot_read(path, exc) from None
    except TextError as exc:
        raise inputs.input_error(f"--input {path}", exc) from None
    return inputs.parse_document(data, path, yaml_hint=path.lower().endswith((".yaml", ".yml")))


def _as_flag(error: InputError, flags: dict[str, str]) -> InputError:
    """An error about an answer the member gave with -a names what they typed (``--answer
    lawful``), not the JSON path; the error's ``field`` stays the path, for scripts."""
    said, field = error.said, error.field or ""
    qid = field.removeprefix("answers.")
    if not isinstance(said, Message) or qid == field or qid not in flags:
        return error
    if said.params.get("field") != field:
        return error
    return InputError(Message(said.key, **{**said.params, "field": f"--answer {qid}"}), field)


def check(values: Values, env: Environment) -> int:
    fail_on = values.text("fail_on")
    resolve.check_lang(values.text("lang"))
    flag_answers = inputs.parse_answer_flags(values.many("answer"))
    rules = values.path("rules")
    council = values.text("council")
    pack_given = council is not None or rules is not None
    document = _read_input(env, values.text("input"), bool(flag_answers), pack_given)
    request = inputs.merge(document, topic=values.text("topic"), answers=flag_answers)
    pack, lang = resolve.pack_and_lang(
        env, council, rules, values.text("lang"), request.council, request.lang
    )
    try:
        decision = engine.evaluate(pack, request.answers, request.topic)
    except InputError as error:
        raise _as_flag(error, flag_answers) from None
    view = views.decision_json(decision, lang)
    if values.flag("json"):
        write_json(env, view)
    else:
        from etikcheck.output.text import plain_decision

        env.stdout.write(plain_decision(view, request.situation, env.columns()))
    if fail_on is not None and SEVERITY[decision.verdict] >= SEVERITY[fail_on]:
        return ExitCode.VERDICT
    return ExitCode.OK


def batch(values: Values, env: Environment) -> int:
    from etikcheck.cli.batch import run_batch

    resolve.check_lang(values.text("lang"))
    path = values.text("input")
    if path is None or path == "-":
        return run_batch(env.stdin, env, values)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below; a write error is not a read error
    except OSError as exc:
        raise cannot_read(path, exc) from None
    with stream:
        return run_batch(stream, env, values)
