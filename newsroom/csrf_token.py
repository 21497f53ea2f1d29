"""A reader's CSRF token for a page served from the page cache, made cheaply.

Django's ``get_token`` draws each of the 64 characters of a new secret and its mask
with its own ``secrets.choice`` call: about 80 microseconds, which is a third of what
serving a cached story costs (bench/load.py). :func:`reader_token` makes the same
token — a secret kept in the CSRF cookie, given out masked (mask + cipher, so that no
two responses carry the same bytes) — from one read of the system's random source.
CsrfViewMiddleware checks it as its own: it reads the secret from ``request.META``
as get_token leaves it, and sets the cookie on the way out.
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_CHARS = CSRF_ALLOWED_CHARS
_INDEX = {char: index for index, char in enumerate(_CHARS)}
# Bytes at or above this would make the first characters likelier than the rest.
_UNBIASED_BELOW = 256 - 256 % len(_CHARS)


def random_string(length: int = CSRF_SECRET_LENGTH) -> str:
    """``length`` characters of CSRF_ALLOWED_CHARS, each equally likely, unpredictable."""
    chars: list[str] = []
    while len(chars) < length:
        chars += [
            _CHARS[byte % len(_CHARS)]
            for byte in secrets.token_bytes(length + 8)
            if byte < _UNBIASED_BELOW
        ]
    return "".join(chars[:length])


def reader_token(request) -> str:
    """What ``django.middleware.csrf.get_token(request)`` returns, and its side effects."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:  # a first visit: a new secret, for the cookie
        secret = request.META["CSRF_COOKIE"] = random_string()
    # Send the cookie (again, renewing its expiry), as get_token asks the middleware to.
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = random_string()
    cipher = "".join(
        _CHARS[(_INDEX[s] + _INDEX[m]) % len(_CHARS)] for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher
