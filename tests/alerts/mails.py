"""Reading the alerts' e-mails in tests."""

import re

LINK = re.compile(r"https?://\S+/alerts/(confirm|unsubscribe)/([\w-]+)/")


def link_in(message, kind: str) -> str:
    """The path of the confirm or unsubscribe link in an e-mail's text."""
    for match in LINK.finditer(message.body):
        if match.group(1) == kind:
            return f"/alerts/{kind}/{match.group(2)}/"
    raise AssertionError(f"no {kind} link in {message.body!r}")
