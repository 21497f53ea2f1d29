"""Which of the site's languages a piece of text is written in, from its letters.

Stories carry no language field: the newsroom writes Thai with English words in it
(acronyms, names, quotes) and now and then a whole story in English. A story counts
as Thai when Thai letters make at least 30 % of its letters; a Thai story full of
"UCLG ASPAC" and "COVID-19" stays Thai, an English story naming one Thai place stays
English. Pages use it to mark a story in the other language with its own `lang`, so
screen readers read it with the right voice.
"""

import re

from django.conf import settings

THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
THAI_SHARE = 0.3


def text_language(text: str) -> str:
    """The language of `text`, "th" or "en"; the site's own when it has no letters."""
    thai = len(THAI_LETTER.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    if thai + latin == 0:
        return settings.LANGUAGE_CODE
    return "th" if thai / (thai + latin) >= THAI_SHARE else "en"
