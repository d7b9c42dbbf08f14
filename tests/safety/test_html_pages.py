"""Clean HTML pages come out byte-for-byte the same (QA pass on HTML): mojibake quoted in code
elements is an example, as in Markdown code; a page garbled as a whole is still repaired."""

from __future__ import annotations

import pytest

import mojifix
from conftest import run_cli

# --- mojibake in code elements ----------------------------------------------------------------

# node's buffer.html: ``// Prints: this is a tÃ©st`` in a <pre><code>, the prose clean.
EXAMPLE = "<p>Decoding as latin1 gives:</p>\n<pre><code>// Prints: this is a tÃ©st</code></pre>\n"


def test_mojibake_quoted_in_pre_is_an_example(tmp_path) -> None:
    path = tmp_path / "ex.html"
    path.write_bytes(EXAMPLE.encode())
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0, r.stderr
    assert path.read_bytes() == EXAMPLE.encode()
    repair = mojifix.repair_text(EXAMPLE, path="ex.html")
    assert not repair.changed
    assert [f.summary for f in repair.findings] == [
        "mojibake only in code, the prose being clean, left alone: HTML/XML markup "
        "(decided from the file name)"]


@pytest.mark.parametrize("tag", ["code", "tt", "kbd", "samp", "var", "script", "style", "textarea"])
def test_mojibake_only_in_a_code_element_stays(tag) -> None:
    page = f"<p>Example:</p>\n<{tag} class=x>s = 'tÃ©st'</{tag}>\n"
    assert mojifix.fix_text(page, path="a.html") == page
    assert mojifix.fix_text(f"<pre>{page}</pre>", path="a.html") == f"<pre>{page}</pre>"


@pytest.mark.parametrize(("page", "fixed"), [
    # (a review) a comment naming <pre>, an unclosed <pre>, a custom element named code-something
    ("<body><!-- wrap in <pre> later --><p>Le cafÃ© est bon.</p></body>\n",
     "<body><!-- wrap in <pre> later --><p>Le café est bon.</p></body>\n"),
    ("<body><pre>example\n</body>\n<p>Le cafÃ© est bon.</p>\n",
     "<body><pre>example\n</body>\n<p>Le café est bon.</p>\n"),
    ("<code-block>x</code-block><p>Le cafÃ© est bon.</p>\n", "<code-block>x</code-block><p>Le café est bon.</p>\n"),
    # a bare <PRE> is preformatted text: a mail archive's page, all its text in one, garbled
    ("<HTML><BODY><H1>Re: question</H1><PRE>J'ai essayÃ© la derniÃ¨re version.</PRE></BODY></HTML>\n",
     "<HTML><BODY><H1>Re: question</H1><PRE>J'ai essayé la dernière version.</PRE></BODY></HTML>\n"),
])
def test_prose_mojibake_is_repaired_whatever_the_markup_around_it(page: str, fixed: str) -> None:
    assert mojifix.fix_text(page, path="a.html") == fixed


def test_an_html_page_garbled_as_a_whole_is_repaired_code_included() -> None:
    page = ("<p>Le café est très bon à Noël.</p>\n<pre><code>print('été')</code></pre>\n"
            "<script>var s = 'déjà';</script>\n<p>Fin : à bientôt.</p>\n")
    garbled = page.encode().decode("cp1252")
    assert mojifix.fix_text(garbled, path="a.html") == page


def test_mojibake_in_attributes_and_comments_is_not_code() -> None:
    # An alt text is shown to the reader: repaired as prose, and then the page decides for <pre>.
    assert mojifix.fix_text('<img alt="cafÃ©">\n<pre>tÃ©st</pre>\n', path="a.html") == \
        '<img alt="café">\n<pre>tést</pre>\n'
    assert mojifix.fix_text("<p>Hi</p><!-- cafÃ© -->\n", path="a.html") == "<p>Hi</p><!-- café -->\n"


# --- double escapes: the page decides ---------------------------------------------------------

# A page about escaping shows ``&quot;`` and ``&amp;`` as text: ``&amp;quot;``, ``&amp;amp;``.
ABOUT_ESCAPING = ("<p>Fixed: avoid generating &amp;quot; in attributes.</p>\n"
                  "<p>Use &amp;amp; to write an ampersand in HTML.</p>\n")
# libxslt's tutorial ("entities like &amp;copy;") beside a single escape; xslt.html's
# ``&amp;quot;`` beside many.
ONE_BESIDE_SINGLES = [
    "<p>the output of entities like &amp;copy; is &#263;</p>\n",
    "<p>a &amp;quot; in &lt;xsl:text&gt; or &lt;a&gt; and &lt;b&gt;</p>\n",
]


@pytest.mark.parametrize("page", [ABOUT_ESCAPING, *ONE_BESIDE_SINGLES])
def test_deliberate_double_escapes_stay(tmp_path, page) -> None:
    path = tmp_path / "amp.html"
    path.write_bytes(page.encode())
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0, r.stderr
    assert path.read_bytes() == page.encode()
    assert mojifix.repair_text(page, path="amp.html").findings == ()


def test_a_page_escaped_twice_throughout_is_undone_one_level() -> None:
    page = ("<h1>Tom &amp;amp; Jerry&amp;#39;s &amp;quot;Show&amp;quot;</h1>\n"
            "<p>Write &amp;lt;p&amp;gt; for a paragraph.&amp;nbsp;&amp;nbsp;Caf&amp;eacute;.</p>\n"
            "<pre>&amp;lt;b&amp;gt;</pre>\n<footer>&copy; 2020</footer>\n")  # (the template's own)
    repair = mojifix.repair_text(page, path="t.html")
    assert repair.text == (
        "<h1>Tom &amp; Jerry&#39;s &quot;Show&quot;</h1>\n"
        "<p>Write &lt;p&gt; for a paragraph.&nbsp;&nbsp;Caf&eacute;.</p>\n"
        "<pre>&amp;lt;b&amp;gt;</pre>\n<footer>&copy; 2020</footer>\n")
    assert [f.summary for f in repair.findings] == [
        "double-escaped HTML entities in text, 9 undone one level"]


@pytest.mark.parametrize(("twice", "once", "undone"), [
    (2, 0, False),  # the QA page: two, nothing else
    (3, 0, True),
    (4, 4, True),   # half: a short page escaped twice, its template's &raquo; &copy; &nbsp; once (a review)
    (3, 4, False),  # 43%
    (1, 0, False),
    (1, 1, False),  # the clean pages measured: one double beside 1, 12 and 21 single escapes
])
def test_the_html_double_escape_rule(twice, once, undone) -> None:
    page = "<p>" + "x &amp;amp; y " * twice + "&copy; " * once + "</p>\n"
    out = mojifix.fix_text(page, path="t.html")
    assert out == (page.replace("&amp;amp;", "&amp;") if undone else page)


def test_plain_text_double_escapes_still_decoded() -> None:
    # Not markup: the text rules (fixers/entities.py), one double escape is enough.
    assert mojifix.fix_text("Tom &amp;amp; Jerry") == "Tom & Jerry"
    assert mojifix.fix_text(ABOUT_ESCAPING.replace("<p>", "").replace("</p>", ""), file_kind="text") == (
        'Fixed: avoid generating " in attributes.\nUse & to write an ampersand in HTML.\n')


# --- the note says how the kind was decided ---------------------------------------------------


@pytest.mark.parametrize(("options", "how"), [
    ((), "decided from the file name"),
    (("--file-kind", "code"), "forced with --file-kind"),
    (("--file-kind-for", "*.py=code"), "by a --file-kind-for rule"),
])
def test_check_notes_say_how_the_kind_was_decided(tmp_path, options, how) -> None:
    path = tmp_path / "b.py"
    path.write_bytes('x = "&amp;"  # cafÃ©\n'.encode())
    r = run_cli("check", *options, str(path))
    assert r.returncode == 1, r.stderr
    assert r.stdout.decode().splitlines() == [
        f"{path}:1:1: file-kind: entities left alone: source code ({how})",
        f"{path}:1:19: mojibake: UTF-8 read as Latin-1: 1 place, 1 character changed "
        "(first: 'Ã©' → 'é')",
    ]


def test_a_streamed_file_notes_its_kind_decided_from_the_content() -> None:
    import io

    from mojifix.files import stream

    page = "<!DOCTYPE html>\n" + EXAMPLE
    out = io.BytesIO()
    result = stream.repair_stream(io.BytesIO(page.encode()), out)
    assert out.getvalue() == page.encode()
    assert [f.summary for f in result.findings.values()] == [
        "mojibake only in code, the prose being clean, left alone: HTML/XML markup "
        "(decided from the content)"]


def test_file_kind_from_is_checked() -> None:
    with pytest.raises(ValueError, match="file_kind_from"):
        mojifix.Config(file_kind_from="name")
