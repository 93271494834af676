"""The current page in each language: hreflang alternates and the language switcher."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language

from .middleware import CHOICE_PARAMETER


def languages(request: HttpRequest) -> dict:
    """``page_languages``: for each language, its code, name, this page's address in it (for
    hreflang) and the switcher's link (English links carry ``?lang=en``: the reader's choice,
    remembered, so a Spanish Accept-Language no longer redirects)."""
    current = get_language()
    full_path = request.get_full_path()
    items = []
    for code, name in settings.LANGUAGES:
        link = translate_url(full_path, code)
        if code == settings.LANGUAGE_CODE:
            link += ("&" if "?" in link else "?") + urlencode({CHOICE_PARAMETER: code})
        items.append(
            {
                "code": code,
                "name": name,
                "href": request.build_absolute_uri(translate_url(request.path, code)),
                "link": link,
                "current": code == current,
            }
        )
    return {"page_languages": items}
