"""``etikcheck rules``: list, show, lint, test and start rule packs, and the pack guide.

``show``, ``lint`` and ``test`` take what ``check --rules`` and ``--council`` take: the path
of a pack (its folder, its pack.yaml, or the cases.yaml or core.yaml beside it, as pre-commit
passes them), else a council by id, name or alias, bundled or in the settings' packs folder.
Without an argument ``lint`` and ``test`` take every bundled pack and every pack of the packs
folder. An argument that names no pack is reported as the user typed it.
"""

from __future__ import annotations

from pathlib import Path

from etikcheck import resolve
from etikcheck.cli.check import write_json, write_view
from etikcheck.errors import EtikcheckError, ExitCode, PackError, UsageError, excerpt
from etikcheck.frozen import Frozen
from etikcheck.output.escape import clean
from etikcheck.packs import registry
from etikcheck.store import settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment
    from etikcheck.model import Pack
    from etikcheck.packs.lint import Problem

LINT_SCHEMA = "etikcheck.lint/1"
PACKS_SCHEMA = "etikcheck.packs/1"


class Target(Frozen):
    """A pack a command line names: ``shown`` as the user typed it (or its id, when none was
    typed), ``path`` its folder or pack file, ``council`` its id when named as a council, and
    ``folder_is_id`` when it is found by its folder's name (bundled, or in the packs folder)."""

    shown: str
    path: Path
    council: str | None = None
    folder_is_id: bool = False

    @property
    def folder(self) -> Path:
        return self.path if self.path.is_dir() else self.path.parent


def _in_a_packs_folder(folder: Path, packs_dir: Path | None) -> bool:
    parent = folder.resolve().parent
    return parent == registry.rules_dir().resolve() or (
        packs_dir is not None and parent == packs_dir.resolve()
    )


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name the system refuses (too long, say): no such path
        return False


def _target(name: str, packs_dir: Path | None, cache_dir: Path | None) -> Target | str:
    """The pack ``name`` names, or why it names none (a message quoting ``name``)."""
    path = Path(name)
    here = _exists(path)
    if here and path.is_dir() and (path / registry.PACK_FILE).exists():
        return Target(name, path, None, _in_a_packs_folder(path, packs_dir))
    if here and not path.is_dir():
        if path.name in (registry.PACK_FILE, registry.CASES_FILE, registry.CORE_FILE):
            folder = path.parent
            if not (folder / registry.PACK_FILE).exists():
                return f"{excerpt(name)}: there is no {registry.PACK_FILE} beside it"
            return Target(name, folder, None, _in_a_packs_folder(folder, packs_dir))
        return Target(name, path)  # a pack file of another name
    try:
        council = registry.council_id(name, packs_dir, cache_dir)
    except EtikcheckError as error:
        return error.message
    if council is not None:
        folder = registry.resolve(council, packs_dir, cache_dir).parent
        return Target(name, folder, council, True)
    known = registry.council_names(packs_dir, cache_dir)
    hint = registry.suggestions(name, known)
    listed = ", ".join(registry.known_ids(packs_dir))
    what = (
        f"a folder without {registry.PACK_FILE}"
        if here and path.is_dir()
        else f"not a folder with {registry.PACK_FILE} or a pack file"
    )
    more = (
        f"did you mean {' or '.join(hint)}? Known councils: {listed}"
        if hint
        else f"known councils: {listed}"
    )
    return f"no pack {excerpt(name)}: {what}, and no council goes by that name; {more}"


def _targets(
    names: list[str], env: Environment, packs_dir: Path | None
) -> tuple[list[Target], list[tuple[str, str]]]:
    """The packs named on the command line, each once, and (name, why) for each name that
    names none. No names: every bundled pack, then every pack of the packs folder."""
    cache_dir = env.cache_path()
    if not names:
        bundled = [Target(c, registry.rules_dir() / c, c, True) for c in registry.bundled_ids()]
        own = [  # by path: one with a bundled pack's id is still itself
            Target(c, packs_dir / c, None, True)
            for c in registry.custom_ids(packs_dir)
            if packs_dir is not None
        ]
        return bundled + own, []
    found: dict[Path, Target] = {}
    missing: list[tuple[str, str]] = []
    for name in names:
        target = _target(name, packs_dir, cache_dir)
        if isinstance(target, str):
            missing.append((name, target))
        else:
            found.setdefault(target.path.resolve(), target)
    return list(found.values()), missing


def _load(target: Target, env: Environment, packs_dir: Path | None) -> Pack:
    if target.council is not None:
        return registry.load(target.council, env.cache_path(), packs_dir)
    return registry.load_custom(target.path, env.cache_path(), target.folder_is_id)


def _one(values: Values, env: Environment) -> Pack:
    """The one pack ``rules show`` is given."""
    packs_dir = settings.load(env.config_path()).packs_dir
    name = values.text("pack") or ""
    target = _target(name, packs_dir, env.cache_path())
    if isinstance(target, str):
        raise UsageError(f"{' '.join(values.command.path)}: {target}")
    return _load(target, env, packs_dir)


def _all(env: Environment) -> tuple[list[tuple[Pack, Path]], list[str]]:
    """Every known pack with its folder: the bundled ones, then those of the packs folder;
    and a warning for each that cannot be loaded (it is left out)."""
    packs_dir = settings.load(env.config_path()).packs_dir
    loaded, warnings = [], []
    for council in registry.known_ids(packs_dir):
        folder = registry.resolve(council, packs_dir, env.cache_path()).parent
        try:
            loaded.append((registry.load(council, env.cache_path(), packs_dir), folder))
        except PackError as error:
            warnings.append(f"{error.message} (the pack {council!r} is left out)")
    return loaded, warnings


def known_packs(env: Environment) -> list[tuple[Pack, Path]]:
    """Every known pack (bundled, then the packs folder's), warning on stderr for each that
    cannot be loaded; ``etikcheck councils`` and ``rules list``."""
    loaded, warnings = _all(env)
    for warning in warnings:
        env.stderr.write(f"etikcheck: warning: {clean(warning)}\n")
    return loaded


def list_packs(values: Values, env: Environment) -> int:
    from etikcheck.output import views

    loaded = known_packs(env)
    bundled = registry.rules_dir().resolve()
    if values.flag("json"):
        entries = [
            {**views.pack_summary_json(p), "path": str(f), "bundled": f.resolve().parent == bundled}
            for p, f in loaded
        ]
        write_json(env, {"schema": PACKS_SCHEMA, "packs": entries})
        return 0
    for pack, folder in loaded:
        env.stdout.write(
            f"{pack.id:<10} {clean(pack.version):<8} sha256 {pack.sha256[:16]}  "
            f"{clean(str(folder))}\n"
        )
    return 0


def show(values: Values, env: Environment) -> int:
    from etikcheck.output import text, views

    loaded = _one(values, env)
    lang = resolve.lang(env, values.text("lang"), loaded.lang)
    return write_view(values, env, views.pack_json(loaded, lang), text.render_pack)


def lint(values: Values, env: Environment) -> int:
    """Every problem of every pack named (or known), in one run; exit 1 on an error (or, with
    --strict, a warning), 2 when a name names no pack."""
    from etikcheck.packs.lint import Problem, lint_pack

    strict = values.flag("strict")
    as_json = values.flag("json") or values.text("format") == "json"
    packs_dir = settings.load(env.config_path()).packs_dir
    targets, missing = _targets(values.many("packs"), env, packs_dir)
    names = registry.council_names(packs_dir, env.cache_path())
    problems: list[Problem] = [
        Problem("not-found", "error", excerpt(n, 200)[1:-1], None, m) for n, m in missing
    ]
    checked = []
    for target in targets:
        report = lint_pack(target.path, env.cache_path(), target.folder_is_id, names)
        problems += report.problems
        checked.append(
            {
                "pack": target.shown,
                "path": str(target.path),
                "files": _files(target),
                "analysed": report.analysed,
            }
        )
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    failed = bool(errors or (strict and warnings))
    if as_json:
        write_json(
            env,
            {
                "schema": LINT_SCHEMA,
                "strict": strict,
                "passed": not failed and not missing,
                "packs": checked,
                "problems": [p.to_json() for p in problems],
                "errors": errors,
                "warnings": warnings,
            },
        )
    else:
        env.stdout.writelines(clean(str(problem)) + "\n" for problem in problems)
        env.stdout.write(_summary(len(targets), errors, warnings, strict, checked))
    if missing:
        return ExitCode.USAGE
    return ExitCode.VERDICT if failed else ExitCode.OK


def _files(target: Target) -> list[str]:
    pack_file, own_core = registry.pack_files(target.path)
    files = [pack_file] if own_core is None else [own_core, pack_file]
    cases = pack_file.parent / registry.CASES_FILE
    return [registry.display_name(f) for f in (*files, *([cases] if cases.is_file() else []))]


def _summary(
    count: int, errors: int, warnings: int, strict: bool, checked: list[dict[str, object]]
) -> str:
    line = f"{count} pack(s) checked: {errors} error(s), {warnings} warning(s)"
    if strict and warnings:
        line += " (--strict: warnings fail too)"
    unchecked = [str(c["pack"]) for c in checked if not c["analysed"]]
    if unchecked:
        line += (
            f"; the answer combinations of {', '.join(map(clean, unchecked))} are checked once "
            "the errors that stop it loading are fixed"
        )
    return line + "\n"


def test(values: Values, env: Environment) -> int:
    """Every case of every pack named (or known); a name that names no pack, a pack that does
    not load or one without cases.yaml is a FAIL line, and the others still run."""
    from etikcheck.packs.cases import load_cases, run_cases

    packs_dir = settings.load(env.config_path()).packs_dir
    targets, missing = _targets(values.many("packs"), env, packs_dir)
    worst: int = ExitCode.USAGE if missing else ExitCode.OK
    env.stdout.writelines(f"FAIL {clean(message)}\n" for _, message in missing)
    failed = passed = 0
    for target in targets:
        cases_file = target.folder / registry.CASES_FILE
        try:
            pack = _load(target, env, packs_dir)
            if not cases_file.is_file():
                raise UsageError(f"{target.shown}: no {registry.CASES_FILE} beside the pack")
            cases = load_cases(cases_file, registry.display_name(cases_file))
        except EtikcheckError as error:
            env.stdout.write(f"FAIL {clean(error.message)}\n")
            worst = max(worst, error.exit_code)
            continue
        report = run_cases(pack, cases)
        for case, problems in report.failures:
            env.stdout.write(f"FAIL {case.file}:{case.line} {clean(case.name)}\n")
            env.stdout.writelines(f"     {clean(problem)}\n" for problem in problems)
        shown = registry.display_name(cases_file)
        env.stdout.writelines(f"FAIL {shown}: {clean(gap)}\n" for gap in report.gaps)
        passed, failed = passed + report.passed, failed + report.failed
    env.stdout.write(f"{passed} passed, {failed} failed\n")
    if worst != ExitCode.OK:
        return worst
    return ExitCode.VERDICT if failed else ExitCode.OK


def new(values: Values, env: Environment) -> int:
    from etikcheck.packs.scaffold import create, slug

    council = values.text("name") or ""
    target = values.path("dir") or Path(slug(council) or "pack")
    # the document's language: --pack-lang, else the --lang given (what `rules new NAME --lang
    # da` meant when the command's own option was --lang), else Danish
    pack_lang = values.text("pack_lang") or values.text("lang") or "da"
    written = create(council, pack_lang, target, values.flag("force"))
    shown = " ".join(clean(str(path)) for path in written)
    folder = clean(str(target))
    env.stdout.write(
        f"Created {shown}.\n"
        "Replace every text marked REPLACE with your code's own words; `etikcheck rules lint "
        f"{folder}` lists each one left, and `etikcheck rules guide` explains the format.\n"
        f"Next: etikcheck rules lint --strict {folder} && etikcheck rules test {folder}\n"
    )
    return 0


def guide(values: Values, env: Environment) -> int:
    """The pack authors' guide (docs/rule-packs.md), shipped in the package."""
    from etikcheck import resources
    from etikcheck.reading import TextError, decode, read_file

    path = resources.data_path("docs") / "rule-packs.md"
    try:
        env.stdout.write(decode(read_file(path)))
    except (OSError, TextError) as exc:
        raise UsageError(f"the guide is not in this installation ({path}): {exc}") from None
    return 0
