"""``etikcheck config``: show and change the settings (council, lang, packs)."""

from __future__ import annotations

from etikcheck.cli.check import write_json
from etikcheck.store import settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment


def show(values: Values, env: Environment) -> int:
    path = settings.settings_path(env.config_path())
    current = settings.load(env.config_path())
    if values.flag("json"):
        write_json(env, {"file": str(path), **current.as_dict()})
        return 0
    env.stdout.write(f"# {path}\n")
    for key in settings.KEYS:
        env.stdout.write(f"{key} = {getattr(current, key) or '(not set)'}\n")
    return 0


def set_value(values: Values, env: Environment) -> int:
    key, value = values.text("key") or "", values.text("value") or ""
    current = settings.load(env.config_path())
    value = settings.validate(key, value, "config set", current.packs_dir)
    path = settings.save(env.config_path(), current.with_value(key, value))
    env.stdout.write(f"{key} = {value} ({path})\n")
    return 0


def unset(values: Values, env: Environment) -> int:
    key = values.text("key") or ""
    current = settings.load(env.config_path())
    settings.save(env.config_path(), current.with_value(key, None))
    env.stdout.write(f"{key} = (not set)\n")
    return 0
