"""Read a communiqué (English or Spanish) and propose the round it reports.

Rule based and deterministic: no network, no model. Names come from the database (dialogues,
countries, ministries and threat topics with their acronyms and aliases), so staff improve the
extraction by adding an alias in the admin. Only cities, ordinals, months and a few title
words live in code (tables.py). Every value carries the span of text it came from.
See docs/extraction.md for the stages and the modules that run them.
"""

from .reader import extract
from .result import MAX_BYTES, Extraction, ExtractionError, Match
from .terms import fold
from .vocabulary import Vocabulary

__all__ = ["MAX_BYTES", "Extraction", "ExtractionError", "Match", "Vocabulary", "extract", "fold"]
