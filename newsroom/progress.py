"""The progress bar of long management commands (imports, re-indexing, renditions).

In a terminal one line is redrawn; written to a log (not a terminal), a line for each
tenth of the way, so a log shows progress without thousands of lines.
"""

import time

BAR_WIDTH = 30


class ProgressBar:
    """``bar(done, total)`` after each step; ``bar.finish()`` at the end.

    With ``counts`` the line shows ``done/total`` and the rate per second (items); without,
    a percentage (bytes of a file, whose items are not known in advance).
    """

    def __init__(self, stdout, label: str = "", *, counts: bool = True):
        self.stdout, self.label, self.counts = stdout, label, counts
        self.interactive = stdout.isatty()
        self.started = time.monotonic()
        self.reported_tenth = 0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        share = min(done / total, 1.0) if total else 1.0
        if not self.interactive:
            if int(share * 10) <= self.reported_tenth:
                return
            self.reported_tenth = int(share * 10)
        self.stdout.write(
            ("\r" if self.interactive else "") + self.line(done, total, share),
            ending="" if self.interactive else "\n",
        )
        self.stdout.flush()
        self.drawn = self.interactive

    def line(self, done: int, total: int, share: float) -> str:
        bar = f"[{'#' * int(BAR_WIDTH * share):.<{BAR_WIDTH}}]"
        if not self.counts:
            return f"{bar} {share:4.0%} {self.label}".rstrip()
        seconds = time.monotonic() - self.started
        rate = f" ({done / seconds:.0f}/s)" if seconds > 0 and done else ""
        return f"{bar} {done}/{total} {self.label}".rstrip() + rate

    def interrupt(self) -> None:
        """Clear a drawn bar so that another line (an error) gets a line of its own."""
        if self.drawn:
            self.stdout.write("\r\033[K", ending="")
            self.drawn = False

    def finish(self) -> None:
        if self.drawn:
            self.stdout.write("")
            self.drawn = False
