"""The user's settings in ``settings.json`` in the platform config dir.

``council`` and ``lang`` are the interview's defaults; ``packs`` names a folder of a council's
own packs (each a folder with pack.yaml), usable by id everywhere a bundled council is.
"""

from __future__ import annotations

import json
from pathlib import Path

from etikcheck.errors import Message, SettingsError, excerpt, os_reason
from etikcheck.frozen import Frozen, replace
from etikcheck.model import LANGS
from etikcheck.packs.registry import known_ids
from etikcheck.reading import MAX_SMALL, TextError, decode, loads_json, read_file

SETTINGS_FILE = "settings.json"
KEYS = ("council", "lang", "packs")


class Settings(Frozen):
    council: str | None = None
    lang: str | None = None
    packs: str | None = None

    def with_value(self, key: str, value: str | None) -> Settings:
        return replace(self, **{key: value})

    def as_dict(self) -> dict[str, str | None]:
        return {key: getattr(self, key) for key in KEYS}

    @property
    def packs_dir(self) -> Path | None:
        return Path(self.packs) if self.packs else None


def settings_path(config_dir: Path) -> Path:
    return config_dir / SETTINGS_FILE


def validate(key: str, value: str, where: str, packs_dir: Path | None) -> str:
    if key not in KEYS:
        message = Message(
            "error.unknown_setting", where=where, key=excerpt(key), known=", ".join(KEYS)
        )
        raise SettingsError(message)
    if key == "packs":
        folder = Path(value).expanduser().resolve()
        if not folder.is_dir():
            raise SettingsError(Message("error.not_a_folder", where=where, value=excerpt(value)))
        return str(folder)
    allowed = known_ids(packs_dir) if key == "council" else list(LANGS)
    if value not in allowed:
        message = Message(
            "error.not_one_of",
            what=f"{where}: {key}",
            value=excerpt(value),
            allowed=", ".join(allowed),
        )
        raise SettingsError(message)
    return value


def load(config_dir: Path) -> Settings:
    path = settings_path(config_dir)
    try:
        data = loads_json(decode(read_file(path, MAX_SMALL)))
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        reason = os_reason(exc)
        raise SettingsError(
            Message("error.settings_unreadable", path=path, reason=reason)
        ) from None
    except TextError as exc:
        message = Message("error.settings_broken", path=path, problem=exc.problem)
        raise SettingsError(message) from None
    if not isinstance(data, dict):
        raise SettingsError(Message("error.settings_not_object", path=path))
    for key, value in data.items():
        if not isinstance(value, str):
            field = f"{path}: {excerpt(key)}"
            raise SettingsError(Message("error.must_be_text", field=field, value=excerpt(value)))
    values: dict[str, str] = {}
    for key in sorted(data, key=lambda k: k != "packs"):  # the packs folder first: councils
        packs_dir = Path(values["packs"]) if "packs" in values else None
        values[key] = validate(key, data[key], str(path), packs_dir)
    return Settings(**values)


def save(config_dir: Path, settings: Settings) -> Path:
    from etikcheck.store.files import ensure_private_dir, write_private

    ensure_private_dir(config_dir)
    path = settings_path(config_dir)
    data = {key: value for key, value in settings.as_dict().items() if value is not None}
    write_private(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", overwrite=True)
    return path
