"""Logging filters (settings.LOGGING)."""

import logging


class OneLine(logging.Filter):
    """Log the message without its traceback: for expected, repeated events such as requests
    for a host the site does not serve (django.security.DisallowedHost)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
