"""Checks of rendered public pages: their structure (landmarks, labels) and their text."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db


class PageStructure(HTMLParser):
    """Collect what the accessibility checks need: h1s, landmarks, labels and form controls."""

    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.tags: set[str] = set()
        self.label_for: set[str] = set()
        self.controls: list[dict] = []
        self.skip_link = False
        self.open_labels = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if tag == "h1":
            self.h1 += 1
        if tag == "label":
            self.open_labels += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            # A control inside its <label> is labelled by it.
            self.controls.append({**attrs, "wrapped": self.open_labels > 0})
        if tag == "a" and attrs.get("href") == "#main" and "skip-link" in attrs.get("class", ""):
            self.skip_link = True

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1


def assert_accessible_page(response):
    """One h1, landmarks, a skip link, and every form control labelled."""
    assert response.status_code == 200
    page = PageStructure()
    page.feed(response.content.decode())
    assert page.h1 == 1, f"{page.h1} h1 elements"
    assert {"header", "nav", "main", "footer"} <= page.tags
    assert page.skip_link
    for control in page.controls:
        labelled = control["wrapped"] or control.get("aria-label") or control.get("aria-labelledby")
        assert labelled or control.get("id") in page.label_for, control
    assert re.search(r"<title>[^<]+</title>", response.content.decode())


def text_of(response) -> str:
    """The page's text with tags removed and whitespace collapsed, for phrase checks."""
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
