"""``etikcheck rules``: list, show, lint, test and start rule packs."""

from __future__ import annotations

from etikcheck import resolve
from etikcheck.cli.check import write_json
from etikcheck.errors import ExitCode, UsageError
from etikcheck.output.escape import clean
from etikcheck.packs import registry
from etikcheck.store import settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment
    from etikcheck.model import Pack


def _pack_arg(env: Environment, pack: str) -> Pack:
    """A council id (bundled or in the packs folder), or the path of a pack folder / pack.yaml."""
    from pathlib import Path

    path = Path(pack)
    packs_dir = settings.load(env.config_path()).packs_dir
    if pack in registry.known_ids(packs_dir) and not path.exists():
        return registry.load(pack, env.cache_path(), packs_dir)
    return registry.load_custom(path, env.cache_path())


def _folders(paths: list[str]) -> list[Path]:
    """Pack folders, once each (pre-commit passes pack.yaml, cases.yaml or core.yaml files)."""
    from pathlib import Path

    return list(dict.fromkeys(p if p.is_dir() else p.parent for p in map(Path, paths)))


def list_packs(values: Values, env: Environment) -> int:
    from etikcheck.output import views

    loaded = [registry.load(council, env.cache_path()) for council in registry.bundled_ids()]
    if values.flag("json"):
        write_json(env, {"packs": [views.pack_summary_json(p) for p in loaded]})
        return 0
    for pack in loaded:
        env.stdout.write(
            f"{pack.id:<10} {clean(pack.version):<8} sha256 {pack.sha256[:16]}  "
            f"{registry.rules_dir() / pack.id}\n"
        )
    return 0


def show(values: Values, env: Environment) -> int:
    from etikcheck.output import text, views

    loaded = _pack_arg(env, values.text("pack") or "")
    lang = resolve.lang(env, values.text("lang"), loaded.lang)
    data = views.pack_json(loaded, lang)
    if values.flag("json"):
        write_json(env, data)
    else:
        env.stdout.write(text.render_pack(data))
    return 0


def lint(values: Values, env: Environment) -> int:
    from etikcheck.packs.lint import lint_path

    fmt = values.text("format") or "text"
    folders = _folders(values.many("packs"))
    problems = [p for folder in folders for p in lint_path(folder)]
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "json":
        write_json(env, {"problems": [p.to_json() for p in problems], "errors": errors})
    else:
        for problem in problems:
            env.stdout.write(clean(str(problem)) + "\n")
        warnings = len(problems) - errors
        env.stdout.write(
            f"{len(folders)} pack(s) checked: {errors} error(s), {warnings} warning(s)\n"
        )
    return ExitCode.VERDICT if errors else ExitCode.OK


def test(values: Values, env: Environment) -> int:
    from etikcheck.packs.cases import load_cases, run_cases

    failed = passed = 0
    for folder in _folders(values.many("packs")):
        pack = registry.load_custom(folder, env.cache_path())
        cases_file = folder / registry.CASES_FILE
        if not cases_file.is_file():
            raise UsageError(f"{folder}: no {registry.CASES_FILE} beside the pack")
        report = run_cases(pack, load_cases(cases_file))
        for case, problems in report.failures:
            env.stdout.write(f"FAIL {cases_file}:{case.line} {clean(case.name)}\n")
            env.stdout.writelines(f"     {clean(problem)}\n" for problem in problems)
        env.stdout.writelines(f"FAIL {cases_file}: {clean(gap)}\n" for gap in report.gaps)
        passed, failed = passed + report.passed, failed + report.failed
    env.stdout.write(f"{passed} passed, {failed} failed\n")
    return ExitCode.VERDICT if failed else ExitCode.OK


def new(values: Values, env: Environment) -> int:
    from importlib import resources as importlib_resources
    from pathlib import Path

    from etikcheck.packs.scaffold import create, slug

    council = values.text("name") or ""
    schema = importlib_resources.files("etikcheck") / "schemas" / "pack.schema.json"
    target = values.path("dir") or Path(slug(council) or "pack")
    create(
        council,
        values.text("lang") or "da",
        target,
        Path(str(schema)).as_uri(),
        values.flag("force"),
    )
    env.stdout.write(
        f"Created {target / 'pack.yaml'} and {target / 'cases.yaml'}.\n"
        f"Next: etikcheck rules lint {target} && etikcheck rules test {target}\n"
    )
    return 0
