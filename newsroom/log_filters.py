"""Logging filters named in settings.LOGGING."""

import logging


class OneLineWarning(logging.Filter):
    """A record kept to one warning line: no traceback, no error level.

    Django logs a request for an unknown host (`DisallowedHost`) at error level with
    the exception attached, so a scan of the server fills the log with tracebacks and,
    through the error-level handlers, the admins' inboxes. It is the client's mistake,
    not the site's: a warning saying which host was asked is enough.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
