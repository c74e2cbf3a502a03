"""Progress on stderr for long runs (a tqdm bar), silent when asked or when stderr is not a terminal.

The API reports progress through the small `Progress` protocol; only the CLI decides how (or
whether) to show it.
"""

from __future__ import annotations

import sys
import threading
from typing import Protocol

SHOW_AFTER_SECONDS = 2.0


class Progress(Protocol):
    def start(self, stage: str, total: int | None) -> None: ...   # total None: no count, elapsed time only
    def advance(self, n: int = 1) -> None: ...
    def finish(self) -> None: ...


class TerminalProgress:
    """A tqdm bar per stage, shown only once a stage has run for SHOW_AFTER_SECONDS."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.bar = None
        self._ticker: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self, stage: str, total: int | None) -> None:
        from tqdm import tqdm

        self.finish()
        tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked while a bar is open
        unit = "doc" if total is not None else "s"
        fmt = None if total is not None else "{desc}: {elapsed}"
        self.bar = tqdm(total=total, desc=stage, unit=unit, file=self.stream, delay=SHOW_AFTER_SECONDS,
                        leave=False, dynamic_ncols=True, bar_format=fmt, mininterval=0.2)
        if total is None:
            # nothing counts up while rules run: refresh the elapsed time from a ticker thread
            self._stop.clear()
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            bar = self.bar
            if bar is not None:
                bar.update(0)

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def finish(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def terminal_progress(quiet: bool, stream=None) -> TerminalProgress | None:
    """A progress bar for the CLI, or None when quiet or when the stream is not a terminal."""
    stream = stream or sys.stderr
    if quiet or not getattr(stream, "isatty", lambda: False)():
        return None
    return TerminalProgress(stream)
