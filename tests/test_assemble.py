"""Assembling records: texts as a reader sees them, offsets into the source as written
(SPEC section 2: `source[start:end]` is where the value was read)."""

from __future__ import annotations

import html
import re

import pytest

from extract import extract_text
from extract.models import DocumentRecord

HTML_POSTING = """<html><body><h1>Nhân viên kế toán</h1>
<h2>Mô tả công việc</h2>
<ul>
<li>Lập <b>báo cáo</b> thuế &amp; quyết toán hằng quý</li>
<li>Đối chiếu <a href="/cong-no">công nợ</a> với khách hàng&nbsp;và nhà cung cấp</li>
</ul>
<h2>Yêu cầu</h2>
<ul><li>Tốt nghiệp <i>Cao đẳng</i> trở lên chuyên ngành <span class="x">Kế toán</span></li></ul>
</body></html>"""

MARKDOWN_POSTING = """# Payroll Clerk

## Responsibilities

- Process **bi-weekly** payroll in [ADP](https://example.com/adp) for 300 employees
- Answer `payroll` questions from team members ![icon](i.png)

## Requirements

- You share our [values](/values/), and work in accordance with them
"""

CASES = [
    (
        "html",
        HTML_POSTING,
        ["Lập báo cáo thuế & quyết toán hằng quý", "Đối chiếu công nợ với khách hàng và nhà cung cấp"],
        ["Tốt nghiệp Cao đẳng trở lên chuyên ngành Kế toán"],
    ),
    (
        "md",
        MARKDOWN_POSTING,
        ["Process bi-weekly payroll in ADP for 300 employees", "Answer payroll questions from team members"],
        ["You share our values, and work in accordance with them"],
    ),
]


def _items(record: DocumentRecord):
    for role in record.roles:
        yield from role.duties
        yield from role.requirements
        yield from role.salaries
        yield from role.career_path
        if role.summary:
            yield role.summary


@pytest.mark.parametrize(("media", "text", "duties", "requirements"), CASES, ids=[c[0] for c in CASES])
def test_item_texts_are_what_a_reader_sees(media, text, duties, requirements):
    record = extract_text(text, media=media)
    assert [d.text for r in record.roles for d in r.duties] == duties
    assert [q.text for r in record.roles for q in r.requirements] == requirements


@pytest.mark.parametrize(("media", "text"), [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_every_value_is_the_markup_free_view_of_its_source_slice(media, text):
    """Tags, link targets and marks out, entities decoded, white space collapsed: nothing else
    differs between an item's text and the slice its offsets give."""
    record = extract_text(text, media=media)
    for item in _items(record):
        raw = text[item.start : item.end]
        seen = html.unescape(re.sub(r"<[^>]+>|\]\([^)]*\)|[\[*`]|!\[[^\]]*\]\([^)]*\)", "", raw))
        assert item.text == " ".join(seen.split()), (item.text, raw)
        assert item.start < item.end


def test_plain_text_values_are_their_source_slices_exactly():
    text = "Nhân viên kho\n\nNhiệm vụ:\n\n- Kiểm đếm  hàng nhập kho\n- Sắp xếp hàng hóa\n"
    record = extract_text(text)
    values = list(_items(record))
    assert values and all(v.text == text[v.start : v.end] for v in values)
