"""``etikcheck config``: show and change the settings (council, lang, packs)."""

from __future__ import annotations

from etikcheck import resolve
from etikcheck.cli.check import write_json
from etikcheck.errors import Message, excerpt
from etikcheck.i18n import t
from etikcheck.store import settings

CONFIG_SCHEMA = "etikcheck.config/1"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from etikcheck.cli.parse import Values
    from etikcheck.environment import Environment


def show(values: Values, env: Environment) -> int:
    path = settings.settings_path(env.config_path())
    current = settings.load(env.config_path())
    if values.flag("json"):
        write_json(env, {"schema": CONFIG_SCHEMA, "file": str(path), **current.as_dict()})
        return 0
    env.stdout.write(f"# {path}\n")
    for key in settings.KEYS:
        shown = getattr(current, key) or t(
            resolve.ui_lang(env, values.text("lang")), "label.not_set"
        )
        env.stdout.write(f"{key} = {shown}\n")
    return 0


def set_value(values: Values, env: Environment) -> int:
    key, value = values.text("key") or "", values.text("value") or ""
    current = settings.load(env.config_path())
    if key == "council":
        value = _council(value, current, env)
    value = settings.validate(key, value, "config set", current.packs_dir)
    path = settings.save(env.config_path(), current.with_value(key, value))
    env.stdout.write(f"{key} = {value} ({path})\n")
    return 0


def _council(value: str, current: settings.Settings, env: Environment) -> str:
    """The id of the council ``value`` names (an id, a name, an alias: "Århus" is aarhus)."""
    from etikcheck.errors import SettingsError
    from etikcheck.packs import registry

    packs_dir, cache_dir = current.packs_dir, env.cache_path()
    found = registry.council_id(value, packs_dir, cache_dir)
    if found is None:
        known = registry.known_ids(packs_dir)
        hint = registry.suggestions(value, registry.council_names(packs_dir, cache_dir))
        what, shown, allowed = "config set: council", excerpt(value), ", ".join(known)
        if hint:
            hinted = registry.either(hint)
            message = Message(
                "error.not_one_of_hint", what=what, value=shown, allowed=allowed, hint=hinted
            )
        else:
            message = Message("error.not_one_of", what=what, value=shown, allowed=allowed)
        raise SettingsError(message)
    return found


def unset(values: Values, env: Environment) -> int:
    key = values.text("key") or ""
    current = settings.load(env.config_path())
    settings.save(env.config_path(), current.with_value(key, None))
    env.stdout.write(f"{key} = {t(resolve.ui_lang(env, values.text('lang')), 'label.not_set')}\n")
    return 0
