"""Menus of records render their options in Python: escaped, selected, same markup."""

from django import forms

from rounds.search.widgets import QuickSelect, render_options


def test_options_are_escaped_and_marked_selected():
    html = render_options([('a"b', "<script>alert(1)</script>", False), ("cu", "Cuba & co", True)])
    assert html == (
        '<option value="a&quot;b">&lt;script&gt;alert(1)&lt;/script&gt;</option>\n'
        '<option value="cu" selected>Cuba &amp; co</option>'
    )


def test_quick_select_renders_like_a_select_with_the_chosen_value():
    class Form(forms.Form):
        country = forms.ChoiceField(
            choices=[("", "Any"), ("cu", "Cuba"), ("us", "United <States>")], widget=QuickSelect
        )

    html = str(Form({"country": "cu"})["country"])
    assert html.startswith('<select id="id_country" name="country" required>')
    assert '<option value="cu" selected>Cuba</option>' in html
    assert '<option value="us">United &lt;States&gt;</option>' in html
    assert html.count(" selected") == 1
