"""``councils``, ``topics`` and ``questions``: what a script needs to build a form."""

from __future__ import annotations

from etikcheck import engine, resolve
from etikcheck.cli.check import write_json, write_view
from etikcheck.output import text, views

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment


def councils(values: Values, env: Environment) -> int:
    """Every council etikcheck knows: bundled, then the packs folder's (one that cannot be
    loaded is left out, with a warning naming its file)."""
    from etikcheck.cli.rules import known_packs

    loaded = [pack for pack, _ in known_packs(env)]
    if values.flag("json"):
        write_json(env, views.councils_json(loaded))
    else:
        env.stdout.write(text.councils_text(loaded))
    return 0


def topics(values: Values, env: Environment) -> int:
    pack, lang = resolve.pack_and_lang(
        env, values.text("council"), values.path("rules"), values.text("lang")
    )
    return write_view(values, env, views.topics_json(pack, lang), text.topics_text)


def questions(values: Values, env: Environment) -> int:
    pack, lang = resolve.pack_and_lang(
        env, values.text("council"), values.path("rules"), values.text("lang")
    )
    topic = values.text("topic")
    engine.check_topic(pack, topic)
    data = views.questions_json(pack, lang, topic)
    return write_view(values, env, data, text.questions_text)
