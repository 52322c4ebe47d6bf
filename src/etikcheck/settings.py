"""The user's settings (council, language) in ``settings.json`` in the platform config dir."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from .errors import SettingsError
from .files import ensure_private_dir, write_private
from .model import LANGS

SETTINGS_FILE = "settings.json"
KEYS = ("council", "lang")


@dataclass(frozen=True)
class Settings:
    council: str | None = None
    lang: str | None = None

    def with_value(self, key: str, value: str | None) -> Settings:
        return replace(self, **{key: value})


def settings_path(config_dir: Path) -> Path:
    return config_dir / SETTINGS_FILE


def validate(key: str, value: str, councils: list[str], where: str) -> str:
    if key not in KEYS:
        raise SettingsError(f"{where}: unknown setting {key!r}; known: {', '.join(KEYS)}")
    allowed = councils if key == "council" else list(LANGS)
    if value not in allowed:
        raise SettingsError(f"{where}: {key} {value!r} is not one of: {', '.join(allowed)}")
    return value


def load(config_dir: Path, councils: list[str]) -> Settings:
    path = settings_path(config_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read the settings file: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(
            f"{path}: the settings file is broken (line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg}); fix it or delete it"
        ) from None
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: the settings file must hold one JSON object")
    values = {}
    for key, value in data.items():
        if not isinstance(value, str):
            raise SettingsError(f"{path}: {key} must be text, not {json.dumps(value)}")
        values[key] = validate(key, value, councils, str(path))
    return Settings(**values)


def save(config_dir: Path, settings: Settings) -> Path:
    ensure_private_dir(config_dir)
    path = settings_path(config_dir)
    data = {key: value for key, value in asdict(settings).items() if value is not None}
    write_private(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", overwrite=True)
    return path
