"""A short line of a legacy CJK document read as Latin-1 or cp1252 takes the document's chain
(fixers/shortcjk.py): one or two CJK letters beside ASCII (``IPv4 »ò IPv6``, ``%(num)d³â``)
cost more read than garbled, and were left as they came (or made ``ǰ`` by ftfy's UTF-8 road),
unless the line has its own evidence of being Latin text. Catalog-shaped documents of our own
words (UI strings one per line)."""

from __future__ import annotations

import pytest

import mojifix
from mojifix.fixers import shortcjk

CHINESE = ("保存并继续编辑\n删除所选的项目\n搜索结果\n用户名或者密码不正确\nIPv4 或 IPv6\n"
           "%(num)d 分\n请输入一个有效的电子邮件地址。\n%(value)s 兆\n最近的操作\n%(delta)s前\n"
           "这个字段是必填项。\n修改密码\n")
TRADITIONAL = ("儲存並繼續編輯\n刪除所選的項目\n搜尋結果\n使用者名稱或密碼不正確\nIPv4 或 IPv6\n"
               "%(num)d 年\n請輸入一個有效的電子郵件地址。\n%(delta)s後\n最近的動作\n%(num)d 週\n"
               "這個欄位是必填的。\n變更密碼\n")
KOREAN = ("저장 후 계속 편집\n선택한 항목 삭제\n검색 결과\n사용자 이름 또는 비밀번호가 올바르지 않습니다\n"
          "%(num)d년\n%(num)d개월\n올바른 이메일 주소를 입력하세요.\n최근 작업\n%(num)d주\n"
          "이 필드는 필수입니다.\n비밀번호 변경\n")
JAPANESE = ("保存して編集を続ける\n選択した項目を削除\n検索結果\nユーザー名またはパスワードが違います\n"
            "%(num)d分\n%(delta)s前\n有効なメールアドレスを入力してください。\n最近の操作\n"
            "この項目は必須です。\nパスワードの変更\n")


@pytest.mark.parametrize(("text", "page", "wrong"), [
    (CHINESE, "gbk", "latin-1"), (CHINESE, "gbk", "cp1252"), (TRADITIONAL, "big5", "latin-1"),
    (TRADITIONAL, "big5", "cp1252"), (TRADITIONAL, "gbk", "latin-1"), (KOREAN, "euc-kr", "latin-1"),
    (KOREAN, "euc-kr", "cp1252"), (JAPANESE, "gbk", "latin-1"), (JAPANESE, "gbk", "cp1252")])
def test_a_catalog_comes_back_with_its_short_lines(text: str, page: str, wrong: str) -> None:
    garbled = text.encode(page).decode(wrong)
    assert mojifix.fix_text(garbled) == text


def test_the_lines_the_base_left() -> None:
    # What each short line was (the base left these four garbled, and made ``ǰ`` of the last:
    # ``Ç°`` is UTF-8's ``ǰ``, ftfy's reading).
    garbled = CHINESE.encode("gbk").decode("latin-1").split("\n")
    assert [garbled[4], garbled[5], garbled[7], garbled[9]] == [
        "IPv4 »ò IPv6", "%(num)d ·Ö", "%(value)s Õ×", "%(delta)sÇ°"]
    assert mojifix.fix_text("\n".join(garbled)).split("\n")[9] == "%(delta)s前"


def test_a_latin_line_pasted_in_keeps_its_evidence() -> None:
    # A French line in Latin-1 bytes inside the GBK document: ``éé`` is a GBK pair too, but it
    # stands inside a word (two ASCII letters before it). The rest is repaired, the line kept.
    # (The document is then read line by line, where ``%(delta)s前``, whose GBK bytes are UTF-8's
    # ``ǰ``, is left to the costs: see test_utf8_bytes_stay_utf8s_in_the_line_search.)
    chinese = CHINESE.replace("%(delta)s前\n", "")
    for latin in ("Fichier créé\n", "agréé\n", "Ça va\n", "Für Öl\n"):
        garbled = chinese.encode("gbk").decode("latin-1") + latin
        assert mojifix.fix_text(garbled) == chinese + latin


def test_utf8_bytes_stay_utf8s_in_the_line_search() -> None:
    # A Russian manual page (UTF-8 read as cp1252, bytes dropped) had five lines
    # ``(Ð² ut_tv) */`` made ``(胁 ut_tv) */``: GBK's D0 B2 is UTF-8's ``в``, and the five took
    # the CJK chain among themselves in the line search. A document read whole through the CJK
    # page keeps such a line (``前`` above).
    assert not shortcjk.documents_line("(Ð² ut_tv) */", ("gbk", "latin-1"))
    assert shortcjk.documents_line("(Ð² ut_tv) */", ("gbk", "latin-1"), whole=True)
    assert not shortcjk.documents_line("%(delta)sÇ°", ("gbk", "latin-1"))
    assert shortcjk.documents_line("%(delta)sÇ°", ("gbk", "latin-1"), whole=True)


def test_a_russian_page_read_as_cp1252_keeps_its_letters() -> None:
    from conftest import shared_path

    text = shared_path("corpus", "manpages", "ru", "wtmp.5.txt").read_text("utf-8")
    garbled = text.encode("utf-8").decode("cp1252", errors="ignore")
    assert "(Ð² ut_tv)" in garbled
    out = mojifix.fix_text(garbled)
    assert "胁" not in out and "(в ut_tv)" in out


@pytest.mark.parametrize(("line", "chain", "taken"), [
    ("IPv4 »ò IPv6", ("gbk", "latin-1"), True),  # 或
    ("%(num)d³â", ("euc-kr", "windows-1252"), True),  # 년
    ("«n«D»y", ("big5", "latin-1"), True),  # 南非語: ASCII trail bytes, symbols before them
    ("«n«D»y¤¤", ("big5", "latin-1"), True),  # 南非語中: four letters, no ASCII letter kept
    ("%(delta)s«á", ("big5", "latin-1"), True),  # 後
    ("Ça va", ("big5", "latin-1"), False),  # ド: a Latin letter before an ASCII trail byte
    ("Fichier créé", ("gbk", "latin-1"), False),  # 殚 inside a word
    ("x »ò »ò »ò", ("gbk", "latin-1"), False),  # three letters beside an ASCII letter
    ("»ò »ò »ò", ("gbk", "latin-1"), True),  # nothing else on the line
    ("%(num)d³â", ("euc-kr", "koi8-r"), False),  # not a Western page
    ("x ¤Î", ("gbk", "latin-1"), False),  # の: not GBK's script (kana)
    ("x ©¶", ("gbk", "latin-1"), False),  # ┒: no letter
    ("IPv4 or IPv6", ("gbk", "latin-1"), False),  # nothing to read
])
def test_documents_line(line: str, chain: tuple[str, str], taken: bool) -> None:
    assert shortcjk.documents_line(line, chain) is taken
