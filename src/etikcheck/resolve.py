"""Which pack and which language a command uses: one precedence for every command.

The council: ``--council`` (or ``--rules PATH``, a pack of one's own), then the input document's
``"council"``, then the settings, else an error listing the councils. The language: ``--lang``,
then the input document's ``"lang"``, then the settings, then the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), then the council's own language. Text that belongs to no pack (the
help, the journal, settings) uses the same order without the council: flag, settings, locale,
English.
"""

from __future__ import annotations

from etikcheck.errors import EtikcheckError, Message, UsageError, excerpt
from etikcheck.i18n import locale_lang
from etikcheck.model import LANGS
from etikcheck.packs import registry
from etikcheck.store import settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from etikcheck.environment import Environment
    from etikcheck.model import Pack


def check_lang(lang: str | None, where: str = "--lang") -> str | None:
    if lang is not None and lang not in LANGS:
        allowed = ", ".join(LANGS)
        raise UsageError(
            Message("error.unsupported", field=where, value=excerpt(lang), allowed=allowed)
        )
    return lang


def first(*candidates: str | None) -> str | None:
    return next((c for c in candidates if c), None)


def pack(
    env: Environment,
    council: str | None = None,
    rules: Path | None = None,
    document_council: str | None = None,
    saved: settings.Settings | None = None,
) -> Pack:
    """The pack of a command: --rules, else the council by flag, document or settings."""
    saved = saved or settings.load(env.config_path())
    chosen = first(council, document_council, None if rules else saved.council)
    return registry.find_pack(chosen, rules, env.cache_path(), saved.packs_dir)


def lang(
    env: Environment,
    flag: str | None,
    pack_lang: str,
    document_lang: str | None = None,
    saved: settings.Settings | None = None,
) -> str:
    """The language of a command's texts (see the module docstring for the order)."""
    saved = saved or settings.load(env.config_path())
    chosen = first(check_lang(flag), document_lang, saved.lang, locale_lang(env.environ))
    return chosen or pack_lang


def pack_and_lang(
    env: Environment,
    council: str | None,
    rules: Path | None,
    flag_lang: str | None,
    document_council: str | None = None,
    document_lang: str | None = None,
) -> tuple[Pack, str]:
    saved = settings.load(env.config_path())
    check_lang(flag_lang)
    chosen = pack(env, council, rules, document_council, saved)
    return chosen, lang(env, flag_lang, chosen.lang, document_lang, saved)


def ui_lang(env: Environment, flag: str | None = None, council: str | None = None) -> str:
    """The language of texts that belong to no pack: flag, settings, locale, then the
    language of the member's council (``council``, else the settings'), else English. Never
    fails: a broken settings file is reported by the command that reads it, not by its help
    or by the message that the member pressed Ctrl-C."""
    try:
        saved = settings.load(env.config_path())
    except EtikcheckError:
        saved = settings.Settings()
    chosen = first(flag if flag in LANGS else None, saved.lang, locale_lang(env.environ))
    if chosen:
        return chosen
    try:
        return (
            pack(env, council or saved.council, saved=saved).lang
            if (council or saved.council)
            else "en"
        )
    except EtikcheckError:
        return "en"
