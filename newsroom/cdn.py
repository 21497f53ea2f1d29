"""CDN purges by key (interim: no backend)."""


def purge(keys) -> None:
    return None
