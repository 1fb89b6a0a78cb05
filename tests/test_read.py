"""Reading inputs: which files, how they decode, which ones are refused and why; HTML structure with offsets."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import fsspec
import pytest

from extract.normalize import normalize
from extract.read import InputList, ReadError, decode_bytes, find_inputs, html_units, read_source

VI = "Kế toán viên lập báo cáo tài chính, kiểm tra chứng từ và hòa giải số liệu với ngân hàng mỗi tháng.\n"
EN = "Registered nurses assess patients, administer medicines and keep accurate records.\n"
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese legacy files have it: base letters plus separate tone marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in _TONES)
        rest = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(rest.encode("cp1258") + tone.encode("cp1258"))
    return b"".join(out)


# ---------------------------------------------------------------- find_inputs


def list_inputs(paths: list[str]) -> list[str]:
    """The locations find_inputs lists, in the order a run reads them."""
    with find_inputs(paths) as found:
        return list(found)


def test_folders_are_searched_recursively_and_filtered_by_extension(tmp_path: Path) -> None:
    for name in [
        "a.txt",
        "b.md",
        "sub/c.html",
        "sub/deep/d.htm",
        "e.markdown",
        "notes.pdf",
        "img.png",
        ".hidden.txt",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "f.txt").write_text("x")
    found = list_inputs([str(tmp_path)])
    names = [Path(p).relative_to(tmp_path).as_posix() for p in found]
    assert names == ["a.txt", "b.md", "e.markdown", "sub/c.html", "sub/deep/d.htm"]


def test_inputs_are_sorted_and_deduplicated_across_arguments(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    found = list_inputs([str(tmp_path / "z.txt"), str(tmp_path), str(tmp_path / "a.txt")])
    assert [Path(p).name for p in found] == ["a.txt", "z.txt"]


@pytest.mark.parametrize(
    "names",
    [
        ["b.txt", "B.txt", "a.md", "_x.txt", "0.txt"],
        ["kế toán.txt", "ke toan.txt", "Đ.md", "z.txt", "\ue000.txt", "\ud7ff.txt"],
        ["\udcff\udcfe.txt", "a.txt"],  # a name that is not UTF-8, as Python decodes it
    ],
)
def test_the_input_list_sorts_like_python_and_keeps_each_location_once(names: list[str]) -> None:
    locations = [f"/corpus/{n}" for n in names]
    with InputList() as found:
        for loc in locations + locations[::-1]:
            found.add(loc)
        assert len(found) == len(set(locations))
        assert list(found) == sorted(set(locations)) == list(found)  # iterable more than once


def test_a_missing_file_is_listed_so_the_manifest_can_report_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    assert list_inputs([missing]) == [missing]
    with pytest.raises(ReadError) as err:
        read_source(missing)
    assert err.value.status == "failed" and "not found" in err.value.reason


def test_fsspec_urls_are_listed_and_read() -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe("/corpus/jobs/accountant.txt", VI.encode())
    fs.pipe("/corpus/jobs/nurse.md", EN.encode())
    fs.pipe("/corpus/skip.json", b"{}")
    found = list_inputs(["memory://corpus"])
    assert found == ["memory:///corpus/jobs/accountant.txt", "memory:///corpus/jobs/nurse.md"]
    src = read_source(found[1])
    assert (src.doc_id, src.media, src.text) == ("nurse", "md", EN)


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (VI.encode("utf-8"), "utf-8", VI),
        (VI.encode("utf-8-sig"), "utf-8-sig", VI),
        (VI.encode("utf-16"), "utf-16", VI),
        ((VI * 3).encode("utf-16-le"), "utf-16-le", VI * 3),
        ((VI * 3).encode("utf-16-be"), "utf-16-be", VI * 3),
        (to_cp1258(VI * 3), "cp1258", VI * 3),
        (EN.encode("ascii"), "utf-8", EN),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "windows-1258", "ascii"],
)
def test_encodings_are_detected_and_the_text_comes_back(data: bytes, encoding: str, expected: str) -> None:
    text, codec, warnings = decode_bytes(data)
    assert (codec, warnings) == (encoding, ())
    # Windows-1258 keeps tone marks as combining characters: equal once normalised
    assert normalize(text).text == normalize(expected).text


def test_a_few_broken_bytes_in_utf8_are_replaced_and_reported() -> None:
    data = VI.encode() * 5 + b"\xff\xfe broken " + VI.encode()
    text, codec, warnings = decode_bytes(data)
    assert codec == "utf-8"
    assert "\ufffd" in text and "Kế toán" in text
    assert warnings and "replaced" in warnings[0]


@pytest.mark.parametrize(
    ("data", "warning", "replaced"),
    [
        (VI.encode()[:40] + b"\xff\xff\xff\xff" + VI.encode()[40:], "4 invalid UTF-8 byte(s) replaced", 4),
        (VI.encode() + b"\xff" * 4, "4 invalid UTF-8 byte(s) replaced", 4),
        (VI.encode()[:40] + b"\x00" + VI.encode()[40:], "1 NUL byte(s) replaced", 1),
        (VI.encode() * 30 + b"\x00\x00", "2 NUL byte(s) replaced", 2),
    ],
    ids=["four-stray-ff", "ff-at-the-end", "one-nul", "two-nuls-in-a-long-text"],
)
def test_a_few_bad_bytes_are_replaced_counted_and_the_article_kept(data: bytes, warning: str, replaced: int) -> None:
    """Issue 16 item 6: a stray byte costs a character, not the article; offsets stay one char per char."""
    text, codec, warnings = decode_bytes(data)
    assert (codec, warnings, text.count("\ufffd")) == ("utf-8", (warning,), replaced)
    assert text.replace("\ufffd", "") == data.replace(b"\xff", b"").replace(b"\x00", b"").decode()


@pytest.mark.parametrize(
    ("data", "status", "reason"),
    [
        (b"", "skipped", "empty file"),
        (b"  \n\t\n", "skipped", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "skipped", "binary file (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "skipped", "binary file (PDF document)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "skipped", "binary file (ZIP"),
        (b"abc\x00\x01\x02\x00\x00def\x00\x13\x00", "skipped", "binary file"),
        (bytes(range(0, 32)) * 20, "skipped", "binary file"),
    ],
    ids=["empty", "blank", "png", "pdf", "zip", "nul-bytes", "control-chars"],
)
def test_inputs_that_are_not_articles_get_a_clear_reason(data: bytes, status: str, reason: str) -> None:
    with pytest.raises(ReadError) as err:
        decode_bytes(data)
    assert err.value.status == status
    assert err.value.reason.startswith(reason)


def test_a_file_over_the_size_limit_is_skipped_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 5000)
    with pytest.raises(ReadError) as err:
        read_source(str(path), max_bytes=1000)
    assert err.value.status == "skipped" and "size limit" in err.value.reason
    assert read_source(str(path), max_bytes=5000).nbytes == 5000


def test_unsupported_extension_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "cv.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(ReadError) as err:
        read_source(str(path))
    assert err.value.status == "skipped" and ".docx" in err.value.reason


def test_source_record_fields(tmp_path: Path) -> None:
    data = VI.encode("utf-8-sig")
    path = tmp_path / "003_sales-manager.v2.TXT"
    path.write_bytes(data)
    src = read_source(str(path))
    assert src.doc_id == "003_sales-manager.v2"
    assert src.sha256 == hashlib.sha256(data).hexdigest()
    assert (src.nbytes, src.media, src.encoding) == (len(data), "txt", "utf-8-sig")
    assert src.text == VI  # the BOM is not part of the text


@pytest.mark.parametrize(
    ("content", "media"),
    [
        ("<!DOCTYPE html><html><body><p>Nurse</p></body></html>", "html"),
        ("  <html lang='vi'><body>Kế toán</body></html>", "html"),
        ("<b>Kế toán</b> lập sổ sách.", "txt"),
        ("Kế toán lập sổ sách.", "txt"),
    ],
)
def test_a_saved_page_with_a_txt_extension_is_read_as_html(tmp_path: Path, content: str, media: str) -> None:
    path = tmp_path / "page.txt"
    path.write_text(content, encoding="utf-8")
    src = read_source(str(path))
    assert src.media == media
    assert bool(src.warnings) is (media == "html")


def test_a_very_long_line_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    line = "Sales representatives contact clients and negotiate contracts. " * 20000
    path.write_text(line, encoding="utf-8")
    assert len(read_source(str(path)).text) == len(line)


# ---------------------------------------------------------------- HTML


PAGE = """<!DOCTYPE html><html><head><title>Accountant</title><style>p{color:red}</style>
<script>var s = "<p>not text</p>";</script></head><body>
<header><nav><a href="/">Home</a> <a href="/jobs">Jobs</a></nav></header>
<main><article>
<h1>Kế toán tổng hợp &amp; Kiểm toán</h1>
<p>Kế toán viên <b>lập</b> báo cáo&nbsp;tài chính &lt;hàng tháng&gt;.<br>Dòng thứ hai</p>
<h3>Nhiệm vụ</h3>
<ul><li>Lập <i>sổ sách</i> kế toán</li><li><p>Kê khai thuế</p><ul><li>VAT</li></ul></li></ul>
<ol><li>Bước một</li><li>Bước hai</li></ol>
<table><tr><th>Cấp bậc</th><th>Lương</th></tr><tr><td>Junior</td><td>8 - 12 triệu</td></tr></table>
<div class="social-share">Chia sẻ lên Facebook</div>
<form><label>Email</label><input name="e"></form>
</article></main>
<aside><h3>Bài viết liên quan</h3></aside>
<footer>© 2025 Company</footer></body></html>"""


def _units() -> list:
    return html_units(PAGE)


def test_html_keeps_headings_list_items_and_table_rows() -> None:
    kept = [(u.kind, u.depth, u.marker, u.view.text) for u in _units() if u.kind != "boilerplate"]
    assert kept == [
        ("heading", 1, "", "Kế toán tổng hợp & Kiểm toán"),
        ("paragraph", 0, "", "Kế toán viên lập báo cáo tài chính <hàng tháng>."),
        ("paragraph", 0, "", "Dòng thứ hai"),
        ("heading", 3, "", "Nhiệm vụ"),
        ("list_item", 1, "•", "Lập sổ sách kế toán"),
        ("list_item", 1, "•", "Kê khai thuế"),
        ("list_item", 2, "•", "VAT"),
        ("list_item", 1, "1.", "Bước một"),
        ("list_item", 1, "2.", "Bước hai"),
        ("row", 0, "", "Cấp bậc"),
        ("row", 0, "", "Junior"),
    ]
    rows = [[c.text for c in u.cells] for u in _units() if u.kind == "row"]
    assert rows == [["Cấp bậc", "Lương"], ["Junior", "8 - 12 triệu"]]


def test_html_navigation_forms_asides_and_share_bars_are_dropped() -> None:
    dropped = [u.view.text for u in _units() if u.kind == "boilerplate"]
    assert dropped == ["Home Jobs", "Chia sẻ lên Facebook", "Email", "Bài viết liên quan", "© 2025 Company"]
    everything = " ".join(u.view.text for u in _units())
    assert "not text" not in everything and "color" not in everything


def test_html_offsets_point_at_the_source_even_through_entities() -> None:
    for unit in _units():
        for cell in unit.cells or [unit.view]:
            for i, ch in enumerate(cell.text):
                raw = PAGE[cell.starts[i] : cell.ends[i]]
                if ch == " ":
                    continue
                assert raw == ch or (raw.startswith("&") and raw.endswith(";")), (ch, raw)
    title = next(u for u in _units() if u.kind == "heading")
    amp = title.view.text.index("&")
    assert PAGE[title.view.starts[amp] : title.view.ends[amp]] == "&amp;"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            "<p><span>Mức lương: 10 - 14 triệu</span><span>Hà Nội</span></p>",
            "Mức lương: 10 - 14 triệu Hà Nội",
        ),
        ("<p><strong>10</strong><span>triệu</span></p>", "10 triệu"),
        ("<p><b>Ng</b>uyễn Văn A</p>", "Nguyễn Văn A"),  # a mark inside a word is no boundary
        ("<p><span>Lương</span><span>:</span> 10 triệu</p>", "Lương: 10 triệu"),
        ("<p><a>Kế</a> <a>toán</a></p>", "Kế toán"),
    ],
)
def test_side_by_side_elements_read_apart_as_a_page_shows_them(html: str, text: str) -> None:
    (unit,) = html_units(html)
    assert unit.view.text == text
    assert len(unit.view.starts) == len(unit.view.text)


@pytest.mark.parametrize(
    "html",
    [
        "<p>Unclosed paragraph <b>bold <i>both",
        "<div><p>One<p>Two</div></span></p>",
        "<table><tr><td>cell<td>other</table>text after",
        "<ul><li>a<li>b</ul><h2>Heading without end",
        "<div>" * 5000 + "Deep text" + "</div>" * 5000,
        "<p>" + "x" * 200000 + "</p>",
        "plain text, no tags at all",
        "<!-- only a comment -->",
    ],
    ids=["unclosed", "misnested", "table-no-end", "list-no-end", "deep", "long", "no-tags", "comment"],
)
def test_malformed_html_never_crashes_and_keeps_its_text(html: str) -> None:
    units = html_units(html)
    text = " ".join(" ".join(c.text for c in u.cells) if u.cells else u.view.text for u in units)
    for word in ("Unclosed", "Two", "other", "Heading", "Deep", "plain"):
        if word in html:
            assert word in text
    for unit in units:
        assert len(unit.view.starts) == len(unit.view.text)
