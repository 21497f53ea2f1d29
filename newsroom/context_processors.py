from django.conf import settings


def site(request) -> dict:
    """The newsroom's name, which every page shows, and the CSRF marker for forms on
    pages that are cached whole (newsroom/pagecache.py)."""
    from newsroom.pagecache import CSRF_PLACEHOLDER

    return {"site_name": settings.SITE_NAME, "csrf_placeholder": CSRF_PLACEHOLDER}
