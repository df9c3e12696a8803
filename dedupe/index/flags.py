"""The --index flags of check, scan and clean, checked before anything runs.

Their own module, with nothing heavy imported: a run without --index never loads the index
(sqlite3, numpy and the engine's hashes), so a one-file check starts as fast as before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dedupe.errors import ConfigError

DEFAULT_TIMEOUT = 30.0  # seconds a writer waits for another before giving up
DEFAULT_BATCH = 1000  # documents per batch of a streamed run, per transaction of `index add`


@dataclass(frozen=True)
class IndexFlags:
    """--index, --update-index, --index-timeout and --batch of a command."""

    path: Path | None = None
    update: bool = False
    timeout: float = DEFAULT_TIMEOUT
    batch: int = DEFAULT_BATCH  # documents checked at once

    def __post_init__(self) -> None:
        if self.update and self.path is None:
            raise ConfigError("--update-index needs --index FILE")
        if not 0 <= self.timeout <= 3600:
            raise ConfigError(f"--index-timeout must be in [0, 3600] seconds, got {self.timeout}")
        if self.batch < 1:
            raise ConfigError(f"--batch must be at least 1, got {self.batch}")
