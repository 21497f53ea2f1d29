"""Model instances from table rows PostgreSQL returns as JSON (``to_jsonb(row)``), with
their relations set where select_related and prefetch_related leave them.

A page that needs a story with its section, image, bylines and tags gets them from the
ORM in one query per relation, and at 100,000 stories compiling those queries and
building their instances costs more CPU than the templates; one SQL statement returning
the related rows as JSON arrays costs one round trip and no compiling
(articles/story_loading.py, Article.related_articles).
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

# JSON has no dates: what each field type needs to become its Python value again (the
# others, numbers, text, booleans, arrays and file names, arrive as the ORM gives them).
PARSERS = {
    "DateTimeField": datetime.fromisoformat,
    "DateField": date.fromisoformat,
    "TimeField": time.fromisoformat,
    "FloatField": float,
}


def json_array(rows: str, order: str, source: str) -> str:
    """SQL for the JSON array of ``rows`` from ``source`` in ``order`` ([] if none);
    table and column names come from the models, never from input."""
    return f"(SELECT coalesce(jsonb_agg({rows} ORDER BY {order}), '[]') FROM {source})"  # noqa: S608


def instance(model: type[models.Model], row: dict) -> models.Model:
    """The instance the ORM would build from this table row (as JSON); a column the row
    leaves out is a deferred field, loaded if read."""
    columns, attnames, through_orm = _reading(model, tuple(row))
    values = []
    for column, parse in columns:
        value = row[column]
        values.append(parse(value) if parse and value is not None else value)
    if through_orm:
        return model.from_db(DEFAULT_DB_ALIAS, attnames, values)
    # What from_db() leaves, without Model.__init__'s walk over every field with its
    # descriptors and signals (none listen here): about 2 % of a story's render
    # (callgrind's count). A new instance's fields are plain attributes.
    new = model.__new__(model)
    state = ModelState()
    state.adding, state.db = False, DEFAULT_DB_ALIAS
    new.__dict__["_state"] = state
    new.__dict__.update(zip(attnames, values, strict=True))
    return new


@functools.cache
def _reading(model: type[models.Model], keys: tuple[str, ...]) -> tuple[list, list[str], bool]:
    """How to read a row with these keys: its columns (in the model's field order, as
    from_db() takes them) with their parsers, their attribute names, and whether
    the model's instances must be made by from_db(): something listens for them being
    made (an ImageField keeping its dimensions does), or the model makes them its own
    way. Rows of one model mostly have one shape, so this is worked out once per shape,
    not per row."""
    fields = [field for field in model._meta.concrete_fields if field.column in keys]
    columns = [(field.column, PARSERS.get(field.get_internal_type())) for field in fields]
    through_orm = (
        pre_init.has_listeners(model)
        or post_init.has_listeners(model)
        or model.__init__ is not models.Model.__init__
        or model.from_db.__func__ is not models.Model.from_db.__func__
    )
    return columns, [field.attname for field in fields], through_orm


def set_related(instance: models.Model, name: str, related: models.Model | None) -> None:
    """A foreign key's object, as select_related leaves it (None: there is none)."""
    instance._meta.get_field(name).set_cached_value(instance, related)


def prefetched(instance: models.Model, name: str, objects: list) -> None:
    """A relation's objects, where prefetch_related leaves them: ``.all()`` returns
    them without a query."""
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = LoadedRelation(instance, name, objects)


class LoadedRelation:
    """A relation's objects read with their story, where prefetch_related leaves its
    queryset. Reading them (``.all()``, iterating, ``len``, truth, an index, ``count()``,
    ``exists()``) is reading the list; anything else a queryset does (``filter``,
    ``values``...) is asked of the relation's own queryset, made then and holding the
    same objects, as a prefetched one would. Making that queryset for each relation of
    each story and card (the manager, a clone, its filter; for tags a join) was 7-9 %
    of an archive story's first read in py-spy's samples (3.6 % of its instructions),
    and pages only read the objects."""

    __slots__ = ("_name", "_objects", "_owner", "_queryset")

    def __init__(self, owner: models.Model, name: str, objects: list):
        self._objects, self._owner, self._name = objects, owner, name
        self._queryset = None

    def all(self) -> LoadedRelation:
        return self

    def __iter__(self):
        return iter(self._objects)

    def __len__(self) -> int:
        return len(self._objects)

    def __bool__(self) -> bool:
        return bool(self._objects)

    def __getitem__(self, index):
        return self._objects[index]

    def count(self) -> int:
        return len(self._objects)

    def exists(self) -> bool:
        return bool(self._objects)

    def __getattr__(self, attribute: str):
        if attribute.startswith("__"):  # copying or pickling asks for these: not ours
            raise AttributeError(attribute)
        return getattr(self.queryset(), attribute)

    def queryset(self):
        """The relation's queryset, as prefetch_related leaves it (its objects in it)."""
        if self._queryset is None:
            cache = self._owner._prefetched_objects_cache
            del cache[self._name]  # else the manager would hand back this list
            try:
                queryset = getattr(self._owner, self._name).get_queryset()  # lazy: no query
            finally:
                cache[self._name] = self
            queryset._result_cache = list(self._objects)
            queryset._prefetch_done = True
            self._queryset = queryset
        return self._queryset

    def __repr__(self) -> str:
        return f"<LoadedRelation {self._name} {self._objects!r}>"
