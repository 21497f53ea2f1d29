"""Bylines of imported posts: the export's author name matched to a Person.

An export gives one string, title and all (นายธนพล ช่างถาม); a Person keeps the title
apart (title นาย, name ธนพล ช่างถาม). A name is matched against each person's name,
full name and aliases; a new Person is made only when none matches.
"""

from newsroom.thainlp import normalize
from people.models import Person
from search.engine import HONORIFICS

# Longest first, so that นางสาว is tried before นาง (thai.md, "Names and honorifics").
_TITLES = sorted(HONORIFICS, key=len, reverse=True)


def split_title(author: str) -> tuple[str, str]:
    """``("นาย", "สมชาย ใจดี")`` from ``"นายสมชาย ใจดี"``; ``("", author)`` otherwise.

    A title is split off only before a whole name (given and family name, or after a
    title ending in a full stop): blind prefix stripping would cut นายก out of
    นายกเทศมนตรี or นาง out of นางแบบ.
    """
    text = " ".join(author.split())
    for title in _TITLES:
        if not text.startswith(title):
            continue
        rest = text[len(title) :]
        if title.isascii():
            if not rest.startswith((" ", ".")):
                continue
            rest = rest.lstrip(".")
        rest = rest.strip()
        if rest and (" " in rest or title.endswith(".")):
            return title, rest
    return "", text


class PersonFinder:
    """Finds or makes the Person for an author name; remembers every answer."""

    def __init__(self):
        self.created = 0
        self._by_name: dict[str, Person] = {}
        for person in Person.objects.only("pk", "title", "name", "aliases"):
            for name in (person.full_name, person.name, *person.aliases):
                self._by_name.setdefault(_key(name), person)
            if person.title:
                self._by_name.setdefault(_key(person.title + person.name), person)

    def person(self, author: str) -> Person | None:
        if not author.strip():
            return None
        key = _key(author)
        found = self._by_name.get(key)
        if found is None:
            title, name = split_title(author)
            found = self._by_name.get(_key(name)) if title else None
        if found is None:
            found = Person(title=title, name=name[: Person._meta.get_field("name").max_length])
            found.save()
            self.created += 1
        self._by_name[key] = found
        return found


def _key(name: str) -> str:
    return " ".join(normalize(name).split()).casefold()
