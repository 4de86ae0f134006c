"""Descriptions' HTML to text: the quick way gives exactly what the full scan gives, on HTML made to trip it."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sync.central.html_text import _reduce, _reduce_quickly, html_to_text

# Pieces of descriptions as feeds write them, and as they break them: tags in any case, with attributes, self-closing,
# unclosed; entities whole, cut, numeric, with leading zeros, too long; every kind of space; a tag split by another.
_PIECES = ["<p>", "</p>", "<P class='x'>", "<div>", "</DIV>", "<h2>", "<ul>", "<li>", "</li>", "<LI value=2>", "<br>",
           "<br/>", "<BR />", "</br>", "<dt>", "<dd>", "<td>", "<th>", "<tr>", "<b>", "</b>", "<a href=\"x\">", "</a>",
           "<span>", "<p-x>", "<pa>", "<list>", "<lia>", "<hr/>", "<table>", "<header>", "<x:y>", "<a ", "<", ">",
           "</", "<1>", "<p\n>", "&amp;", "&amp", "&am", "p;", "&nbsp;", "&#10;", "&#x41;", "&#0000065;", "&#x0000041",
           "&#99999999999;", "&lt;p&gt;", "&", "#", ";", " ", "  ", "\n", "\t", "\xa0", "\r\n", "a", "Clean floors",
           "é", "ŵ", "- ", "\u2028", "\x1f", "\x85", "\u3000", "\x0b"]


_SCANNED = ["<pre>", "</pre>", "<PRE x>", "<script>", "</script>", "<!-- c -->", "<!doctype x>", "<?xml?>", "<title>",
            "<head>", "\x01", "\x05"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES * 10 + _SCANNED), max_size=40).map("".join))
@example("<p>We are <b>hiring</b>&nbsp;now.</p><ul><li>Clean floors</li><li>Empty bins</li></ul>")
@example("<a <p>>")
@example("&am<b>p;")
@example("<li> Clean</li> <td> x </td>")
def test_the_quick_way_gives_what_the_full_scan_gives(html: str) -> None:
    quick = _reduce_quickly(html)
    assert quick is None or quick == "".join(_reduce(html))


@given(st.lists(st.sampled_from(_PIECES + _SCANNED), max_size=30).map("".join))
def test_html_to_text_leaves_no_marker_of_its_own(html: str) -> None:
    text = html_to_text(html)
    assert not {c for c in text if "\x01" <= c <= "\x05"} - set(html)
    assert "\n\n\n" not in text and text == text.strip()


def test_descriptions_with_a_pre_a_script_or_a_comment_take_the_full_scan() -> None:
    for html in ["<pre>a  b</pre>", "<p>x<SCRIPT>x</SCRIPT>", "<!-- x -->", "<!doctype html>", "<?xml?>", "<title>t",
                 "</style>", "<p>text \x01 mark</p>"]:
        assert _reduce_quickly(html) is None, html
    for html in ["<p>a</p>", "<header>x</header>", "<presenter>", "<li>x", "<br/>", "5 <a 6"]:
        assert _reduce_quickly(html) is not None, html
    assert html_to_text("<pre>a  b</pre><p>c  d</p>") == "a  b\n\nc d"
