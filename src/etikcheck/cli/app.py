"""The command line: typer commands, flags, exit codes and the choice of renderer. No logic.

Every error a user or pack author can cause is an EtikcheckError; :func:`run` is the one place
that turns it into a message on stderr (plus a JSON ``error`` object in ``--json`` mode) and an
exit code.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from etikcheck import __version__, engine
from etikcheck.cli import lean as fastcli
from etikcheck.environment import Environment
from etikcheck.errors import ExitCode, UsageError
from etikcheck.i18n import choose, locale_lang, t
from etikcheck.model import Pack
from etikcheck.output import views as serialize
from etikcheck.output.escape import clean
from etikcheck.output.record import record_markdown
from etikcheck.output.text import render_pack
from etikcheck.packs import registry as packs
from etikcheck.store import journal, settings
from etikcheck.store.files import write_private

app = typer.Typer(
    name="etikcheck",
    help="Ethics decision support for elected council members: the four test questions, "
    "your council's values, and who to talk to.\n\n"
    "Run without a command for the guided interview:\n\n"
    "  etikcheck [--council ID] [--lang sv|da|en] [--plain] [--output FILE [--force]] "
    "[--rules PATH]\n\n"
    "--plain (also NO_COLOR or TERM=dumb) gives numbered lines without colour or cursor "
    "movement, for screen readers. Nothing is saved unless you choose to at the end or give "
    "--output.",
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CouncilOpt = Annotated[
    str | None, typer.Option("--council", "-c", help="Council id: aalborg, aarhus or vasteras.")
]
LangOpt = Annotated[str | None, typer.Option("--lang", "-l", help="Language: sv, da or en.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Write JSON to stdout.")]
RulesOpt = Annotated[
    Path | None,
    typer.Option("--rules", help="Use the custom pack in this folder (or pack.yaml) instead."),
]


def _env(ctx: typer.Context) -> Environment:
    env = ctx.obj
    assert isinstance(env, Environment)
    return env


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def check(ctx: typer.Context) -> None:
    """Evaluate answers without prompts (flags, or JSON/YAML on stdin); see: check --help."""
    raise typer.Exit(fastcli.run(["check", *ctx.args], _env(ctx)))


@app.command()
def councils(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the councils (rule packs) etikcheck knows."""
    env = _env(ctx)
    loaded = [packs.load(council) for council in packs.bundled_ids()]
    if as_json:
        fastcli.write_json(
            env,
            {
                "schema": serialize.COUNCILS_SCHEMA,
                "councils": [serialize.pack_summary_json(p) for p in loaded],
            },
        )
        return
    for pack in loaded:
        name = pack.council.get(pack.lang)
        env.stdout.write(f"{pack.id:<10} {name} ({pack.lang}, {pack.version})\n")


@app.command()
def topics(
    ctx: typer.Context,
    council: CouncilOpt = None,
    lang: LangOpt = None,
    as_json: JsonOpt = False,
    rules: RulesOpt = None,
) -> None:
    """The situation topics of a council, with their questions, actions and sources."""
    env = _env(ctx)
    pack = packs.choose(council, rules, env.cache_path(), _packs_dir(env))
    out_lang = fastcli.pick_lang(env, fastcli.check_lang_flag(lang), None, pack.lang)
    data = serialize.topics_json(pack, out_lang)
    if as_json:
        fastcli.write_json(env, data)
        return
    for topic in data["topics"]:
        env.stdout.write(f"{topic['id']}: {clean(topic['title'])}\n")
        env.stdout.write(f"    {clean(topic['description'])}\n")
        if topic["guidance"]:
            env.stdout.write(f"    {clean(topic['guidance'])}\n")
        for question in topic["questions"]:
            env.stdout.write(f"    {question['id']}: {clean(question['text'])}\n")


@app.command()
def questions(
    ctx: typer.Context,
    council: CouncilOpt = None,
    lang: LangOpt = None,
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="Include a topic's questions.")
    ] = None,
    as_json: JsonOpt = False,
    rules: RulesOpt = None,
) -> None:
    """The questions a check must answer, with allowed answers and texts (to build a form)."""
    env = _env(ctx)
    pack = packs.choose(council, rules, env.cache_path(), _packs_dir(env))
    engine.check_topic(pack, topic)
    out_lang = fastcli.pick_lang(env, fastcli.check_lang_flag(lang), None, pack.lang)
    data = serialize.questions_json(pack, out_lang, topic)
    if as_json:
        fastcli.write_json(env, data)
        return
    answers = "/".join(a["label"] for a in data["questions"][0]["answers"])
    for question in data["questions"]:
        marker = "" if question["required"] else " (optional)"
        env.stdout.write(f"{question['id']}{marker}: {question['text']} [{answers}]\n")
        if question["help"]:
            env.stdout.write(f"    {question['help']}\n")
    env.stdout.write(f"\n{data['values_rule']}\n")


rules_app = typer.Typer(help="Write, check and test rule packs (your council's own code).")
app.add_typer(rules_app, name="rules")


def _packs_dir(env: Environment) -> Path | None:
    return settings.load(env.config_path()).packs_dir


def _pack_arg(env: Environment, pack: str) -> Pack:
    """A council id (bundled or in the packs folder), or the path of a pack folder / pack.yaml."""
    path = Path(pack)
    packs_dir = _packs_dir(env)
    if pack in packs.known_ids(packs_dir) and not path.exists():
        return packs.load(pack, env.cache_path(), packs_dir)
    return packs.load_custom(path, env.cache_path())


@rules_app.command("list")
def rules_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The bundled packs, with version and content hash."""
    env = _env(ctx)
    loaded = [packs.load(council, env.cache_path()) for council in packs.bundled_ids()]
    if as_json:
        fastcli.write_json(env, {"packs": [serialize.pack_summary_json(p) for p in loaded]})
        return
    for pack in loaded:
        env.stdout.write(
            f"{pack.id:<10} {pack.version:<8} sha256 {pack.sha256[:16]}  "
            f"{packs.rules_dir() / pack.id}\n"
        )


@rules_app.command("show")
def rules_show(
    ctx: typer.Context,
    pack: Annotated[str, typer.Argument(help="A council id or a pack folder.")],
    lang: LangOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Everything in a pack: questions, values, topics, rules and contacts."""
    env = _env(ctx)
    loaded = _pack_arg(env, pack)
    out_lang = fastcli.pick_lang(env, fastcli.check_lang_flag(lang), None, loaded.lang)
    data = serialize.pack_json(loaded, out_lang)
    if as_json:
        fastcli.write_json(env, data)
        return
    env.stdout.write(render_pack(data))


@rules_app.command("lint")
def rules_lint(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Pack folders (or pack.yaml files).")],
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Check packs: schema, references, translations, and every answer combination."""
    env = _env(ctx)
    if fmt not in ("text", "json"):
        raise UsageError(f"--format: {fmt!r} is not supported; allowed: text, json")
    from etikcheck.packs.lint import lint_path

    folders = dict.fromkeys(path if path.is_dir() else path.parent for path in paths)
    problems = [p for folder in folders for p in lint_path(folder)]
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "json":
        fastcli.write_json(env, {"problems": [p.to_json() for p in problems], "errors": errors})
    else:
        for problem in problems:
            env.stdout.write(clean(str(problem)) + "\n")
        warnings = len(problems) - errors
        env.stdout.write(
            f"{len(folders)} pack(s) checked: {errors} error(s), {warnings} warning(s)\n"
        )
    if errors:
        raise typer.Exit(ExitCode.VERDICT)


@rules_app.command("test")
def rules_test(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Pack folders with a cases.yaml.")],
) -> None:
    """Run each pack's test cases (cases.yaml beside pack.yaml); show expected against got."""
    env = _env(ctx)
    from etikcheck.packs.cases import coverage_gaps, load_cases, run_case

    failed = passed = 0
    folders = dict.fromkeys(path if path.is_dir() else path.parent for path in paths)
    for folder in folders:  # pre-commit passes pack.yaml, cases.yaml or core.yaml files
        pack = packs.load_custom(folder, env.cache_path())
        cases_file = folder / packs.CASES_FILE
        if not cases_file.is_file():
            raise UsageError(f"{folder}: no {packs.CASES_FILE} beside the pack")
        cases = load_cases(cases_file)
        for case in cases:
            problems = run_case(pack, case)
            if problems:
                failed += 1
                env.stdout.write(f"FAIL {cases_file}:{case.line} {clean(case.name)}\n")
                for problem in problems:
                    env.stdout.write(f"     {clean(problem)}\n")
            else:
                passed += 1
        for gap in coverage_gaps(pack, cases):
            failed += 1
            env.stdout.write(f"FAIL {cases_file}: {gap}\n")
    env.stdout.write(f"{passed} passed, {failed} failed\n")
    if failed:
        raise typer.Exit(ExitCode.VERDICT)


@rules_app.command("new")
def rules_new(
    ctx: typer.Context,
    council: Annotated[str, typer.Argument(help="The council's name, e.g. 'Odense Kommune'.")],
    lang: Annotated[str, typer.Option("--lang", "-l", help="The code's own language.")] = "da",
    folder: Annotated[
        Path | None, typer.Option("--dir", help="Where to write (default: ./<id>).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
) -> None:
    """Start a pack for your council: pack.yaml and cases.yaml that lint clean and pass."""
    env = _env(ctx)
    from importlib import resources as importlib_resources

    from etikcheck.packs.scaffold import create, slug

    schema = importlib_resources.files("etikcheck") / "schemas" / "pack.schema.json"
    target = folder or Path(slug(council) or "pack")
    create(council, lang, target, Path(str(schema)).as_uri(), force)
    env.stdout.write(
        f"Created {target / 'pack.yaml'} and {target / 'cases.yaml'}.\n"
        f"Next: etikcheck rules lint {target} && etikcheck rules test {target}\n"
    )


train_app = typer.Typer(help="Training sessions on dilemmas, for group leaders.")
app.add_typer(train_app, name="train")
DeckOpt = Annotated[
    str | None, typer.Option("--deck", "-d", help="A deck file (default: the council's own).")
]
PlainOpt = Annotated[bool, typer.Option("--plain", help="Linear text, no colour or cursor moves.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE (0600).")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing file.")]


@train_app.callback(invoke_without_command=True)
def train(
    ctx: typer.Context,
    council: CouncilOpt = None,
    deck: DeckOpt = None,
    lang: LangOpt = None,
    plain: PlainOpt = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Save the session report here (.md or .html)."),
    ] = None,
    force: ForceOpt = False,
    rules: RulesOpt = None,
) -> None:
    """Run a facilitated session: scenarios, the group's votes, what flips the advice."""
    if ctx.invoked_subcommand is not None:
        return
    from etikcheck.training.run import TrainOptions, run_training

    options = TrainOptions(
        council, deck, fastcli.check_lang_flag(lang), plain, output, force, rules
    )
    raise typer.Exit(run_training(options, _env(ctx)))


@train_app.command("answer")
def train_answer(
    ctx: typer.Context,
    scenario: Annotated[str, typer.Option("--scenario", "-s", help="The scenario id.")],
    council: CouncilOpt = None,
    deck: DeckOpt = None,
    lang: LangOpt = None,
    plain: PlainOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
    rules: RulesOpt = None,
) -> None:
    """Answer one scenario on your own device: an anonymous answer file (or stdout)."""
    from etikcheck.training.run import TrainOptions, run_answer

    options = TrainOptions(
        council, deck, fastcli.check_lang_flag(lang), plain, output, force, rules
    )
    raise typer.Exit(run_answer(options, scenario, _env(ctx)))


@train_app.command("tally")
def train_tally(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Answer files from 'train answer'.")],
    council: CouncilOpt = None,
    deck: DeckOpt = None,
    lang: LangOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also save a report (.md or .html).")
    ] = None,
    force: ForceOpt = False,
    rules: RulesOpt = None,
) -> None:
    """Add up participants' answer files into the session view and report."""
    from etikcheck.training.report import result_text
    from etikcheck.training.run import TrainOptions, open_deck, report_text
    from etikcheck.training.votes import Session, result_for, tally

    env = _env(ctx)
    options = TrainOptions(
        council, deck, fastcli.check_lang_flag(lang), False, output, force, rules
    )
    pack, loaded, out_lang = open_deck(options, env)
    counted = tally(files, pack, loaded)
    for warning in counted.warnings:
        env.stderr.write(f"etikcheck: warning: {clean(warning)}\n")
    session = Session(pack, loaded, out_lang)
    for scenario_id in loaded.scenarios:
        if scenario_id in counted.votes:
            result = result_for(pack, loaded.scenarios[scenario_id], counted.votes[scenario_id])
            session.results.append(result)
            env.stdout.write(f"\n{clean(result.scenario.title.get(out_lang))}\n")
            env.stdout.write(result_text(pack, result, out_lang))
    env.stdout.write(f"\n{t(out_lang, 'train.tallied', files=counted.files)}\n")
    if output is not None:
        write_private(output, report_text(session, output), overwrite=force)
        env.stdout.write(t(out_lang, "train.saved", path=output) + "\n")


@train_app.command("deck")
def train_deck(
    ctx: typer.Context,
    council: CouncilOpt = None,
    deck: DeckOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "md",
    notes: Annotated[
        bool, typer.Option("--notes", help="Include the facilitator's notes and quotes.")
    ] = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
    rules: RulesOpt = None,
) -> None:
    """Print a deck as handouts (Markdown or a self-contained HTML page)."""
    from etikcheck.training.report import deck_html, deck_markdown
    from etikcheck.training.run import TrainOptions, open_deck

    env = _env(ctx)
    if fmt not in ("md", "html"):
        raise UsageError(f"--format: {fmt!r} is not supported; allowed: md, html")
    options = TrainOptions(
        council, deck, fastcli.check_lang_flag(lang), False, output, force, rules
    )
    pack, loaded, out_lang = open_deck(options, env)
    render = deck_html if fmt == "html" else deck_markdown
    text = render(pack, loaded, out_lang, notes)
    if output is None:
        env.stdout.write(text)
    else:
        write_private(output, text, overwrite=force)


journal_app = typer.Typer(help="Your private journal of saved decision records.")
app.add_typer(journal_app, name="journal")
config_app = typer.Typer(help="Show or change your settings (council, lang).")
app.add_typer(config_app, name="config")


def _ui_lang(env: Environment, flag: str | None = None) -> str:
    """The language of the tool's own words: flag, setting, locale, else English."""
    saved = settings.load(env.config_path())
    return choose(fastcli.check_lang_flag(flag), saved.lang, locale_lang(env.environ), "en")


def _journal(env: Environment) -> list[journal.Entry]:
    entries, warnings = journal.read(journal.journal_path(env.data_path()))
    for warning in warnings:
        env.stderr.write(f"etikcheck: warning: {warning}\n")
    return entries


@journal_app.callback(invoke_without_command=True)
def journal_list(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the saved records (newest last)."""
    if ctx.invoked_subcommand is not None:
        return
    env = _env(ctx)
    entries = _journal(env)
    if as_json:
        fastcli.write_json(env, {"records": [e.record for e in entries]})
        return
    if not entries:
        env.stdout.write(t(_ui_lang(env), "label.journal_empty") + "\n")
        return
    for entry in entries:
        decision = entry.record["decision"]
        situation = clean(entry.record.get("situation") or "")
        if len(situation) > 50:
            situation = situation[:49] + "…"
        env.stdout.write(
            f"{entry.number:>3}  {entry.record.get('saved_at', '?'):<25}  "
            f"{decision.get('council', '?'):<9} {decision.get('verdict', '?'):<12} {situation}\n"
        )


def _entry(env: Environment, number: int) -> journal.Entry:
    entries = _journal(env)
    if not 1 <= number <= len(entries):
        raise UsageError(
            f"no record {number} in the journal; it has {len(entries)} "
            f"record{'s' if len(entries) != 1 else ''}"
        )
    return entries[number - 1]


@journal_app.command("show")
def journal_show(
    ctx: typer.Context,
    number: Annotated[int, typer.Argument(help="The record number, as 'journal' lists it.")],
    as_json: JsonOpt = False,
) -> None:
    """Show one record in full."""
    env = _env(ctx)
    entry = _entry(env, number)
    if as_json:
        fastcli.write_json(env, entry.record)
    else:
        env.stdout.write(record_markdown(entry.record))


@journal_app.command("export")
def journal_export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="md or json (JSON lines).")] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (0600).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Export every record as Markdown (or JSON lines) to stdout or a file."""
    env = _env(ctx)
    if fmt not in ("md", "json"):
        raise UsageError(f"--format: {fmt!r} is not supported; allowed: md, json")
    entries = _journal(env)
    if fmt == "md":
        text = "\n---\n\n".join(record_markdown(e.record) for e in entries)
    else:
        text = "".join(json.dumps(e.record, ensure_ascii=False) + "\n" for e in entries)
    if output is None:
        env.stdout.write(text)
    else:
        write_private(output, text, overwrite=force)
        env.stderr.write(f"etikcheck: {len(entries)} records written to {output}\n")


@config_app.callback(invoke_without_command=True)
def config_show(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Show the settings and where they are kept."""
    if ctx.invoked_subcommand is not None:
        return
    env = _env(ctx)
    path = settings.settings_path(env.config_path())
    current = settings.load(env.config_path())
    if as_json:
        fastcli.write_json(env, {"file": str(path), **asdict(current)})
        return
    env.stdout.write(f"# {path}\n")
    for key in settings.KEYS:
        env.stdout.write(f"{key} = {getattr(current, key) or '(not set)'}\n")


@config_app.command("set")
def config_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="council or lang")],
    value: Annotated[str, typer.Argument(help="A council id, or sv, da or en")],
) -> None:
    """Set one setting, e.g. 'config set council aarhus'."""
    env = _env(ctx)
    current = settings.load(env.config_path())
    path = settings.settings_path(env.config_path())
    settings.validate(key, value, "config set", current.packs_dir)
    settings.save(env.config_path(), current.with_value(key, value))
    env.stdout.write(f"{key} = {value} ({path})\n")


@config_app.command("unset")
def config_unset(
    ctx: typer.Context, key: Annotated[str, typer.Argument(help="council or lang")]
) -> None:
    """Remove one setting."""
    env = _env(ctx)
    if key not in settings.KEYS:
        raise UsageError(f"unknown setting {key!r}; known: {', '.join(settings.KEYS)}")
    current = settings.load(env.config_path())
    settings.save(env.config_path(), current.with_value(key, None))
    env.stdout.write(f"{key} = (not set)\n")


def _version(value: bool) -> None:
    if value:
        print(f"etikcheck {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Run without a command to be guided through the four test questions."""
    if ctx.invoked_subcommand is None:
        env = _env(ctx)
        env.stdout.write(ctx.get_help() + "\n")


def run_app(args: list[str], env: Environment) -> int:
    """Run the typer app; click's own usage errors become our UsageError."""
    try:
        result = app(args=args, prog_name="etikcheck", standalone_mode=False, obj=env)
    except typer.TyperException as error:
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        raise UsageError(message) from None
    return int(result or 0)
