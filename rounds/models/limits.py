"""How long a text may be: enough for any real communiqué or summary, and a clear error
(not a 50 MB row) for anything else. Model validators, so the admin, the import and the
intake flow all refuse with the same message."""

from django.core.validators import MaxLengthValidator

LIST = 5_000  # aliases, source URLs: a few dozen lines
NOTE = 5_000  # an uncertainty note, a person's notes, what a round said of a request
TEXT = 20_000  # a summary, a description, a statement or agreement in our own words
FULL_TEXT = 1_000_000  # a communiqué's full text (the intake flow's limit too)


def at_most(characters: int) -> list[MaxLengthValidator]:
    return [MaxLengthValidator(characters)]
