"""Translation catalogs garbled through the case-swap chains: the document's plan, never the
rival's (cp1251 read as KOI8-R, and KOI8-R read as cp1251).

A probe on real translation catalogs (short UI strings, one a line) found lines of a catalog
garbled as cp1251 read as KOI8-R, whose other lines came back, turned into nonsense of another
kind: ``Сбросить все фильтры`` (``яАПНЯХРЭ БЯЕ ТХКЭРПШ``) came out as ``Ъюомъупщ аъе
руйщпоь``, the line garbled once more by the rival chain, which the search accepts on most lines
(a line garbled twice has its case back), and a span of it planned around such a line took the
lines near it too. These catalogs are written here in that shape, of our own words.
"""

from __future__ import annotations

import io

import pytest

import mojifix
from mojifix.fixers import cyrspans

CP1251_KOI8 = ("windows-1251", "koi8-r")
KOI8_CP1251 = ("koi8-r", "windows-1251")

# A Russian UI catalog. Four lines have fewer vowels than the search asks of a cp1251 repair
# (``Вставить текст``: three in thirteen letters), so each took the rival on its own; the unit
# (``КБ``, garbled ``йа``) keeps the catalog off the whole-document road.
RUSSIAN = """\
Добавить новую запись
Сохранить изменения
Удалить выбранные элементы
Отменить последнее действие
Вставить текст
Показать подробности
Скрыть боковую панель
Открыть в новом окне
Закрыть все вкладки
Выбрать всё
Жирный шрифт
Снять выделение
Найти и заменить
Перейти к началу страницы
Обновить список
Проверить текст
Загрузить файл на сервер
Скачать архив
Проверить орфографию
Настройки профиля
Сменить пароль
Выйти из учётной записи
Войти
Зарегистрироваться
Забыли пароль?
Сбросить настройки
Вернуться назад
Финский
Шведский
Польский
Датский
Чешский
Немецкий
%(size)s КБ
"""


def _garble(text: str, chain: tuple[str, str]) -> str:
    return text.encode(chain[0]).decode(chain[1])


def test_a_russian_catalog_through_cp1251_read_as_koi8r_takes_no_rival_line() -> None:
    """Every line comes back by the document's chain, or as it came: the unit line ``йа`` (for
    ``КБ``: two small letters whose repair reads rarer) is left alone, the lines with few
    vowels (``бЯРЮБХРЭ РЕЙЯР``, which was ``Аъпчаупщ пеиъп``) take the document's chain."""
    garbled = _garble(RUSSIAN, CP1251_KOI8)
    assert mojifix.fix_text(garbled) == RUSSIAN.replace("%(size)s КБ", "%(size)s йа")


# The lines with few vowels, which take the rival on their own evidence, gathered at the end.
_FEW_VOWELS = ("Закрыть все вкладки", "Вставить текст", "Жирный шрифт", "Проверить текст",
               "Сбросить настройки", "Выбрать шрифт", "Сменить шрифт")


@pytest.mark.parametrize("chunk_chars", [200, 250, 500])
def test_the_lines_that_took_each_chain_are_the_whole_files_when_streamed(chunk_chars: int) -> None:
    """The gain of the lines that took each case-swap chain is summed over the whole file: a
    file repaired in chunks comes out as the whole-text repair (mojifix.files.stream). Its last
    chunk is mostly lines that take the rival on their own: judged alone, the rival was planned
    there (``Аъпчаупщ пеиъп`` in 200 and 250 character chunks)."""
    from mojifix.files import stream

    rest = [line for line in RUSSIAN.splitlines() if line not in _FEW_VOWELS and "%" not in line]
    text = "\n".join(rest * 2 + ["%(size)s КБ", *_FEW_VOWELS, "Скачать архив"]) + "\n"
    data = _garble(text, CP1251_KOI8).encode("utf-8")
    out = io.BytesIO()
    stream.repair_stream(io.BytesIO(data), out, mojifix.Config(), chunk_chars=chunk_chars,
                         read_bytes=256, hold=0)
    whole = text.replace("%(size)s КБ", "%(size)s йа")
    assert out.getvalue().decode("utf-8") == mojifix.fix_text(data.decode("utf-8")) == whole


def test_the_rival_is_outweighed_by_the_lines_that_took_each_chain() -> None:
    """Measured on a Russian catalog: the search accepts the rival on most lines (180 against
    271), but one line in 118 took it: not planned. Two parts, one garbled each way, each
    took by many lines: both planned."""
    gain = {CP1251_KOI8: 271.2, KOI8_CP1251: 180.0}
    assert cyrspans.outweighed(KOI8_CP1251, gain, {CP1251_KOI8: 270.0, KOI8_CP1251: 2.0})
    assert not cyrspans.outweighed(CP1251_KOI8, gain, {CP1251_KOI8: 270.0, KOI8_CP1251: 2.0})
    assert not cyrspans.outweighed(KOI8_CP1251, gain, {CP1251_KOI8: 150.0, KOI8_CP1251: 120.0})
    # (and the gain each would bring, as before: a third of the rival's at least)
    assert cyrspans.outweighed(KOI8_CP1251, {CP1251_KOI8: 300.0, KOI8_CP1251: 90.0},
                               {CP1251_KOI8: 150.0, KOI8_CP1251: 120.0})
    assert not cyrspans.outweighed(("utf-8", "koi8-r"), gain, {})


def test_a_line_that_took_the_outweighed_rival_inside_the_plans_span_is_named() -> None:
    """The lines the plan leaves out for its rival's span (their own choice is dropped where the
    plan's chain does not admit them: left as they came); a line beside the span, or the rival's
    line in a plan that holds the rival too, is not named."""
    from mojifix.fixers import plan

    repaired = [(0, CP1251_KOI8, 3.0), (20, KOI8_CP1251, 2.0), (40, CP1251_KOI8, 3.0),
                (60, KOI8_CP1251, 2.0)]
    the_plan = plan.Plan((plan.Span(0, 40, CP1251_KOI8, 2),), 0.6, ())
    assert cyrspans.swapped_out(the_plan, repaired) == [(20, KOI8_CP1251)]
    both = plan.Plan((plan.Span(0, 0, CP1251_KOI8, 1), plan.Span(20, 20, KOI8_CP1251, 1),
                      plan.Span(40, 40, CP1251_KOI8, 1)), 1.0, ())
    assert cyrspans.swapped_out(both, repaired) == []
