"""``etikcheck`` with no command: the guided interview (:mod:`etikcheck.interview.run`)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment


def run(values: Values, env: Environment) -> int:
    if values.flag("version"):
        from etikcheck import __version__

        env.stdout.write(f"etikcheck {__version__}\n")
        return 0
    from etikcheck import resolve
    from etikcheck.interview.run import InterviewOptions, run_interview

    options = InterviewOptions(
        council=values.text("council"),
        lang=resolve.check_lang(values.text("lang")),
        plain=values.flag("plain"),
        output=values.path("output"),
        force=values.flag("force"),
        rules=values.path("rules"),
    )
    return run_interview(options, env)
