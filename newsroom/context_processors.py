from django.conf import settings


def site(request) -> dict:
    """The newsroom's name, which every page shows."""
    return {"site_name": settings.SITE_NAME}
