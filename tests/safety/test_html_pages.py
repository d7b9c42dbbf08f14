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


@pytest.mark.parametrize("tag", ["pre", "code", "tt", "kbd", "samp", "var", "script", "style", "textarea"])
def test_mojibake_only_in_a_code_element_stays(tag) -> None:
    page = f"<p>Example:</p>\n<{tag} class=x>s = 'tÃ©st'</{tag}>\n"
    assert mojifix.fix_text(page, path="a.html") == page


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
