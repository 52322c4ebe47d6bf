"""One exception hierarchy for everything a user or a pack author can get wrong.

Each error carries the message the user sees and the exit code the CLI returns; the CLI has a
single handler that prints the message (and, in ``--json`` mode, a JSON ``error`` object).
A message a member can meet is a :class:`Message` (a key in ``translations/<lang>.json``), so
the handler shows it in the session's language; in JSON it stays English, for scripts. The
diagnostics of a pack's format are for pack authors and are English text.
"""

from __future__ import annotations


def excerpt(value: object, limit: int = 40) -> str:
    """A bad value as a message may quote it: short, with anything unprintable escaped.

    Messages quote what the user, a pack or a file gave (so it can be found and fixed), but
    never a whole file (a pack that is a symlink to a private key must not print the key) and
    never a raw control or bidi character."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool) or value is None:
        text = {True: "true", False: "false", None: "null"}[value]
    else:
        text = str(value)
    shown = text[:limit] + ("…" if len(text) > limit else "")
    visible = "".join(c if c.isprintable() else repr(c)[1:-1] for c in shown)
    return Quoted(visible) if isinstance(value, str) else visible


class Quoted(str):
    """A quoted value: ``'value'`` as a str (English, and so every JSON message, unchanged),
    and in the session's quotation marks (”…”, »…«) in a message rendered in Swedish or
    Danish."""

    __slots__ = ("bare",)
    bare: str

    def __new__(cls, bare: str) -> Quoted:
        quoted = super().__new__(cls, f"'{bare}'")
        quoted.bare = bare
        return quoted

    def said(self, lang: str) -> str:
        from etikcheck.i18n import quoted

        return str(self) if lang == "en" else quoted(self.bare, lang)


class Message:
    """A text for a person by its key in ``translations/<lang>.json`` and its parameters; a
    parameter may itself be a Message. ``str()`` is the English text."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        from etikcheck.i18n import t

        return t(lang, self.key, **{name: said(value, lang) for name, value in self.params.items()})

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.params!r})"


def said(text: object, lang: str) -> str:
    """A message or a plain value as text in ``lang``."""
    if isinstance(text, Message):
        return text.render(lang)
    return text.said(lang) if isinstance(text, Quoted) else str(text)


class Foreign(Message):
    """A sentence the system or a library wrote in English (an OS error's reason, the JSON
    parser's complaint), by the key of its translation: in English exactly the library's own
    text, so JSON messages and scripts that match them do not change; in Swedish and Danish the
    catalog's text."""

    __slots__ = ("english",)

    def __init__(self, key: str, english: str) -> None:
        super().__init__(key)
        self.english = english

    def render(self, lang: str) -> str:
        return self.english if lang == "en" else super().render(lang)


class EnglishOnly(Message):
    """A message whose ``problem`` is a library's English sentence with no translation: English
    says it, as ever; Swedish and Danish give the message ``bare`` (the same without the
    problem: the position, say), rather than an English sentence inside their own."""

    __slots__ = ("bare",)

    def __init__(self, key: str, bare: str, /, **params: object) -> None:
        super().__init__(key, **params)
        self.bare = bare

    def render(self, lang: str) -> str:
        if lang == "en":
            return super().render(lang)
        params = {name: value for name, value in self.params.items() if name != "problem"}
        return Message(self.bare, **params).render(lang)


# The reasons of the OSErrors a member meets, by errno name (see :func:`os_reason`)
_OS_REASONS = {
    "ENOENT": "reason.no_such_file",
    "EISDIR": "reason.is_a_folder",
    "EACCES": "reason.permission_denied",
    "EPERM": "reason.not_permitted",
    "ENOTDIR": "reason.not_a_folder",
    "ELOOP": "reason.symlink_loop",
    "ENAMETOOLONG": "reason.name_too_long",
}


def os_reason(exc: OSError) -> str | Message:
    """Why the system refused, for a message's ``{reason}``: the common reasons in the
    session's language (English: the system's own text, as before); any other as the system
    says it."""
    import errno

    english = exc.strerror or str(exc)
    key = _OS_REASONS.get(errno.errorcode.get(exc.errno or 0, ""))
    return Foreign(key, english) if key and exc.strerror else english


class ExitCode:
    """The documented exit codes (plain ints: ``enum`` costs a cold start 2 ms)."""

    OK = 0
    VERDICT = 1  # evaluated, and the verdict is at or above --fail-on
    USAGE = 2  # bad usage or bad input
    PACK = 3  # a broken rule pack
    INTERRUPTED = 130


class EtikcheckError(Exception):
    """Base class: ``str(error)`` is the complete one-line message for the user."""

    exit_code: int = ExitCode.USAGE
    kind: str = "error"

    def __init__(self, message: str | Message) -> None:
        self.said = message
        self.message = str(message)
        super().__init__(self.message)

    def localized(self, lang: str) -> str:
        """The message in ``lang`` (the text mode's message; JSON keeps ``message``)."""
        return said(self.said, lang)

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "message": self.message, "exit_code": int(self.exit_code)}


class UsageError(EtikcheckError):
    """Bad flags or a command that cannot run here (e.g. the interview without a terminal)."""

    kind = "usage"


class InputError(EtikcheckError):
    """Bad answers or a bad input document; ``field`` names what is wrong."""

    kind = "input"

    def __init__(self, message: str | Message, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data["field"] = self.field
        return data


class SettingsError(EtikcheckError):
    """The settings file cannot be used; the message names it."""

    kind = "settings"


class PackError(EtikcheckError):
    """A rule pack, deck or translation file that cannot be used; names file and line."""

    exit_code = ExitCode.PACK
    kind = "pack"

    def __init__(
        self, problem: str | Message, file: str | None = None, line: int | None = None
    ) -> None:
        where = file or "<pack>"
        if line is not None:
            where = f"{where}:{line}"
        # "file:line: problem" has no words of its own; a plain problem never reaches the UI
        # strings (their own errors are PackErrors)
        at = Message("error.at", where=where, problem=problem)
        super().__init__(at if isinstance(problem, Message) else f"{where}: {problem}")
        self.problem = str(problem)
        self.file = file
        self.line = line

    def to_json(self) -> dict[str, object]:
        data = super().to_json()
        data.update(file=self.file, line=self.line)
        return data


class Interrupted(EtikcheckError):
    """Ctrl-C or end of input at a prompt."""

    exit_code = ExitCode.INTERRUPTED
    kind = "interrupted"
