"""Issue 17 item 1: an input's doc_id is its path under the input root (stable, readable, a safe file
name, bounded with a hash suffix), so `a/article.txt` and `b/article.txt` and every `slug/index.html`
of a site mirror are kept; a flat folder keeps `name-without-extension`; an argument that names
nothing is an error named on stderr, never silently dropped (exit 2 when nothing can be read)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.ids import MAX_DOC_ID_BYTES, path_doc_id, row_id_doc_id, url_doc_id
from extract.pipeline import run_paths
from extract.read import find_inputs
from extract.task import RunOptions

ROOT = Path(__file__).resolve().parent.parent
HASHED = re.compile(r"-[0-9a-f]{12}$")
ARTICLE = "Kế toán tổng hợp\n\nCông việc\n\n- Lập báo cáo tài chính hằng quý\n- Kiểm tra chứng từ\n"
PAGE = "<h1>{}</h1><h2>Mô tả công việc</h2><ul><li>{}</li><li>Kiểm tra chứng từ thu chi</li></ul>"


@pytest.mark.parametrize(
    ("relative", "doc_id"),
    [
        ("article.txt", "article"),
        ("000_cbf6e64175271390.txt", "000_cbf6e64175271390"),
        ("a/article.txt", "a__article"),
        ("ke-toan/index.html", "ke-toan__index"),
        ("blog/2024/05/nhan-vien.md", "blog__2024__05__nhan-vien"),
        ("kế toán.txt", "kế toán"),
        ("x::y.txt", "x::y"),
        ("job[1].txt", "job[1]"),
        ("v1.2/notes.md", "v1.2__notes"),
    ],
)
def test_a_path_gives_a_readable_doc_id(relative: str, doc_id: str) -> None:
    assert path_doc_id(relative) == doc_id


@pytest.mark.parametrize(
    ("relative", "kept"),
    [
        ("a\nb.txt", "a_b"),  # a control character: no file name should hold it
        ("a\x7fb.md", "a_b"),
        ("L" * 250 + ".md", "L" * (MAX_DOC_ID_BYTES - 13)),
        ("ệ" * 100 + ".txt", "ệ" * ((MAX_DOC_ID_BYTES - 13) // 3)),  # cut on a character, never inside one
    ],
)
def test_a_path_made_safe_or_cut_ends_with_a_hash_of_the_original(relative: str, kept: str) -> None:
    doc_id = path_doc_id(relative)
    assert HASHED.search(doc_id) and doc_id[:-13] == kept
    assert len(doc_id.encode()) <= MAX_DOC_ID_BYTES
    assert path_doc_id(relative) == doc_id  # stable
    assert path_doc_id(relative.replace("b", "c")) != doc_id or "b" not in relative


@pytest.mark.parametrize(
    ("raw", "doc_id"),
    [
        ("12345", "12345"),
        ("job-7f3a_x.v2", "job-7f3a_x.v2"),
        ("việc-làm-1", "việc-làm-1"),
    ],
)
def test_a_safe_row_id_is_kept_as_it_is(raw: str, doc_id: str) -> None:
    assert row_id_doc_id(raw) == doc_id


@pytest.mark.parametrize("raw", ["a/b", "site:1 2", ".hidden", "../up", " padded "])
def test_a_row_id_that_is_no_safe_name_is_made_one_and_hashed(raw: str) -> None:
    doc_id = row_id_doc_id(raw)
    assert HASHED.search(doc_id)
    assert "/" not in doc_id and " " not in doc_id and not doc_id.startswith(".")


def test_a_url_gives_its_host_and_a_hash_of_the_whole_url() -> None:
    a = url_doc_id("https://www.topcv.vn/viec-lam/ke-toan?id=1")
    b = url_doc_id("https://www.topcv.vn/viec-lam/ke-toan?id=2")
    assert re.fullmatch(r"www\.topcv\.vn-[0-9a-f]{16}", a) and a != b
    assert re.fullmatch(r"url-[0-9a-f]{16}", url_doc_id("not a url"))


def listed(paths: list[str]) -> dict[str, str]:
    """location (relative to the test folder's parent) -> doc_id, as find_inputs lists them."""
    with find_inputs(paths) as found:
        return {inp.location: inp.doc_id for inp in found.inputs()}


def test_doc_ids_come_from_the_path_under_the_argument_they_were_found_through(tmp_path: Path) -> None:
    for name in ["a/article.txt", "b/article.txt", "top.md", "ke-toan/index.html", "nghe/ke-toan/index.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    found = listed([str(tmp_path)])
    assert {Path(loc).relative_to(tmp_path).as_posix(): d for loc, d in found.items()} == {
        "a/article.txt": "a__article",
        "b/article.txt": "b__article",
        "top.md": "top",
        "ke-toan/index.html": "ke-toan__index",
        "nghe/ke-toan/index.html": "nghe__ke-toan__index",
    }
    assert listed([str(tmp_path / "a" / "article.txt")]) == {str(tmp_path / "a" / "article.txt"): "article"}
    assert set(listed([str(tmp_path / "*" / "index.html")]).values()) == {"ke-toan__index"}
    assert set(listed([str(tmp_path / "nghe")]).values()) == {"ke-toan__index"}


def test_a_file_reached_through_two_arguments_keeps_the_outer_roots_doc_id_whatever_their_order(
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    inner, outer = str(tmp_path / "a" / "article.txt"), str(tmp_path)
    assert listed([inner, outer]) == listed([outer, inner]) == {inner: "a__article"}


def test_the_samples_and_the_dev_set_keep_their_doc_ids() -> None:
    for folder in (ROOT / "raw", ROOT / "tests" / "dev" / "raw"):
        found = listed([str(folder)])
        assert sorted(found.values()) == sorted(p.stem for p in folder.iterdir() if p.suffix in {".txt", ".md", ".html"})


def test_a_site_mirror_keeps_every_page_and_same_named_files_no_longer_collide(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    pages = {
        "ke-toan/index.html": ("Kế toán tổng hợp", "Lập báo cáo tài chính hằng quý"),
        "nhan-su/index.html": ("Nhân viên nhân sự", "Tuyển dụng nhân sự cho công ty"),
        "kinh-doanh/index.html": ("Nhân viên kinh doanh", "Tìm kiếm khách hàng mới mỗi tuần"),
    }
    for name, (title, duty) in pages.items():
        (mirror / name).parent.mkdir(parents=True, exist_ok=True)
        (mirror / name).write_text(PAGE.format(title, duty), encoding="utf-8")
    for folder in ("a", "b"):
        (mirror / folder).mkdir()
    (mirror / "a" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (mirror / "b" / "article.txt").write_text(ARTICLE.replace("Kế toán", "Thủ quỹ"), encoding="utf-8")
    out = tmp_path / "out"
    assert run_paths([str(mirror)], RunOptions(out=out, quiet=True)) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["articles"]
    assert {e["doc_id"]: e["status"] for e in manifest} == {
        "a__article": "ok",
        "b__article": "ok",
        "ke-toan__index": "ok",
        "kinh-doanh__index": "ok",
        "nhan-su__index": "ok",
    }
    assert sorted(p.stem for p in (out / "documents").glob("*.json")) == sorted(e["doc_id"] for e in manifest)
    record = json.loads((out / "documents" / "ke-toan__index.json").read_text(encoding="utf-8"))
    assert record["source"]["path"] == str(mirror / "ke-toan" / "index.html")


def invoke(*args: str):  # noqa: ANN201
    return CliRunner().invoke(app, ["run", *args])


@pytest.mark.parametrize(
    ("argument", "said"),
    [
        ("nope", "no such file or folder"),
        ("nope.txt", "no such file or folder"),
        ("gone*.md", "no file matches"),
        ("notes.pdf", "not an article (.txt, .md, .html) or a dump (.jsonl, .parquet): notes.pdf"),
    ],
)
def test_an_argument_that_names_nothing_readable_is_named_and_exits_2_when_it_is_all(
    argument: str, said: str, tmp_path: Path
) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = invoke(str(tmp_path / argument), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"error: {tmp_path / argument}: {said}" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_argument_beside_real_inputs_is_a_named_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ke_toan.txt").write_text(ARTICLE, encoding="utf-8")
    result = invoke(str(tmp_path / "in"), str(tmp_path / "typo"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"failed: {tmp_path / 'typo'}: file not found" in result.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["articles"]
    assert {e["doc_id"]: (e["status"], e["reason"]) for e in manifest} == {
        "ke_toan": ("ok", None),
        "typo": ("failed", "file not found"),
    }
