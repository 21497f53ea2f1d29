"""What a change to a person, organisation or affiliation makes stale on public pages:
the pages that show it (its own, bylines, "in this story" lists, other profiles that
name it) record its key; see newsroom/pagecache.py. Connected in PeopleConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from newsroom import pagecache

from .models import Affiliation, Organisation, Person


def entity_changed(sender, instance: Person | Organisation, **kwargs) -> None:
    pagecache.invalidate_keys(instance.cache_key)


def affiliation_changed(sender, instance: Affiliation, **kwargs) -> None:
    pagecache.invalidate_keys(f"person-{instance.person_id}", f"org-{instance.organisation_id}")


def connect() -> None:
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        for model, receiver in (
            (Person, entity_changed),
            (Organisation, entity_changed),
            (Affiliation, affiliation_changed),
        ):
            signal.connect(
                receiver, sender=model, dispatch_uid=f"people.page_keys:{model.__name__}:{name}"
            )
