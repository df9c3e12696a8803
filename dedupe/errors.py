"""One base error and a few subclasses; each message names the input and the fix."""


class DedupeError(Exception):
    """Base of every error the library raises; the CLI prints it on one line and exits 2."""


class InputError(DedupeError):
    """An input path, file or record cannot be used."""


class DecodeError(InputError):
    """A file is binary or no supported encoding fits it."""


class ConfigError(DedupeError):
    """An option, config file or pattern is invalid."""


class OutputError(DedupeError):
    """An output cannot be written where asked."""
