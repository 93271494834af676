"""Read a communiqué (English or Spanish) and propose the round it reports.

Rule based and deterministic: no network, no model. Names come from the database (dialogues,
countries, ministries with their aliases, the offices that name a ministry through its
holder, threat topics), so staff improve the extraction by adding an alias or an office in
the admin. Only cities and venues (gazetteer.py), ordinals, months, weekdays and a few title
words (tables.py) live in code. Every value carries the span of text it came from.
See docs/extraction.md for the stages and the modules that run them.
"""

from .reader import extract
from .result import MAX_BYTES, Extraction, ExtractionError, Match
from .vocabulary import Vocabulary

__all__ = ["MAX_BYTES", "Extraction", "ExtractionError", "Match", "Vocabulary", "extract"]
