"""Benchmark: what the pipeline costs, measured against one plain word-segmentation pass.

    .venv/bin/python bench/run.py            # 1x, 10x, 100x of 20 synthetic articles (a few minutes)
    .venv/bin/python bench/run.py --quick    # 1x, 3x, 10x of 5 (well under a minute of work)
    .venv/bin/python bench/run.py --profile  # also print where the time goes, by module

For each corpus size (bench/corpus.py builds the articles) it runs, each in a fresh
subprocess: the pipeline (`run_paths`, one process, cache off) and a plain underthesea
`word_tokenize` over the same texts. Both are timed after their models are loaded, so the
figures are steady-state throughput; peak RSS is the pipeline process's own. Then the Dask
speed-up on the largest corpus: the same run on a LocalCluster of 1 worker and of 2 workers
(one thread each), the best of 3 alternated runs each; next to it, as the ceiling, the same
extraction in 2 plain processes against 1 (no Dask, no parent, no writing) and the machine's
pure-Python scaling. The largest corpus, because a run's start and its end (roles.json, the
manifest) are the same fixed ~0.15 s with 1 worker or 2: on a 3-second run they alone cap
the speed-up near 1.8x, on the long runs data teams make they vanish.
Targets (issue 8): ratio >= 1.0, peak RSS at the largest size within 10% of the smallest,
2 Dask workers >= 1.7x one. When the ratio is below 1.0 the profile is printed anyway.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import BASE_SIZE, build_corpus  # noqa: E402

# --- children: each measurement in its own process ------------------------------------


def warm_pipeline(out: Path) -> None:
    """One small run first, so imports, models and lexicons are loaded before timing starts."""
    from extract.pipeline import run_paths
    from extract.task import RunOptions, warm_stages

    warm_stages()
    run_paths(
        [str(p) for p in sorted((ROOT / "raw").glob("*.txt"))[:2]],
        RunOptions(out=out, quiet=True, force=True),
    )


def child_pipeline(corpus: Path, out: Path) -> dict:
    from extract.pipeline import run_paths
    from extract.task import RunOptions

    warm_pipeline(out.with_name(out.name + "_warm"))
    rss_before = _maxrss_mb()
    start = time.perf_counter()
    code = run_paths([str(corpus)], RunOptions(out=out, quiet=True, force=True))
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "exit": code,
        "rss_mb": _maxrss_mb(),
        "rss_warm_mb": rss_before,
        **_manifest(out),
    }


def child_tokenize(corpus: Path) -> dict:
    from underthesea import word_tokenize

    word_tokenize((ROOT / "raw" / "000_cbf6e64175271390.txt").read_text(encoding="utf-8"))
    start = time.perf_counter()
    words = 0
    for path in sorted(corpus.iterdir()):
        words += len(word_tokenize(path.read_text(encoding="utf-8")))
    return {"seconds": time.perf_counter() - start, "words": words, "rss_mb": _maxrss_mb()}


def child_dask(corpus: Path, out: Path, workers: int) -> dict:
    from extract.parallel import local_cluster_client
    from extract.pipeline import run_paths
    from extract.task import RunOptions

    with local_cluster_client(workers) as client:
        warm_pipeline(out.with_name(out.name + "_warm"))
        start = time.perf_counter()
        code = run_paths(
            [str(corpus)], RunOptions(out=out, quiet=True, force=True, scheduler=client.scheduler.address)
        )
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "exit": code, **_manifest(out)}


def child_profile(corpus: Path, out: Path, top: int) -> dict:
    import cProfile
    import pstats

    from extract.pipeline import run_paths
    from extract.task import RunOptions

    warm_pipeline(out.with_name(out.name + "_warm"))
    profiler = cProfile.Profile()
    profiler.enable()
    run_paths([str(corpus)], RunOptions(out=out, quiet=True, force=True))
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in stats.values())
    by_module: dict[str, float] = {}
    by_function: list[tuple[float, str]] = []
    extract_cum: list[tuple[float, str]] = []
    for (filename, line, func), (_, _, tt, ct, _) in stats.items():
        module = _module_of(filename, func)
        by_module[module] = by_module.get(module, 0.0) + tt
        by_function.append((tt, f"{module}.{func}:{line}" if filename != "~" else func))
        if module.startswith("extract."):
            extract_cum.append((ct, f"{module}.{func}:{line}"))
    return {
        "total": total,
        "self_by_module": sorted(by_module.items(), key=lambda kv: -kv[1])[:top],
        "self_by_function": [(name, tt) for tt, name in sorted(by_function, reverse=True)[:top]],
        "cumulative_extract": [(name, ct) for ct, name in sorted(extract_cum, reverse=True)[:top]],
    }


def _module_of(filename: str, func: str) -> str:
    """A profile row's owner: extract.<module>, a third-party package, or the builtin it wraps."""
    if filename == "~":
        return f"builtin {func.split(' of ')[-1].strip('<>') if ' of ' in func else func}"
    path = Path(filename)
    parts = path.parts
    if not path.is_absolute() and path.suffix in (".pyx", ".pxd"):
        return f"{parts[0]} (Cython)"  # e.g. spacy/tokens/doc.pyx
    if "extract" in parts and "site-packages" not in parts:
        rel = parts[parts.index("extract") :]
        return ".".join([*rel[:-1], path.stem])
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    return f"stdlib {path.stem}"


def spin(loops: int) -> float:
    """Pure-Python CPU work: how fast one core runs when the other is busy too (or not)."""
    start = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i
    return time.perf_counter() - start


DASK_REPEATS = 3


def cpu_scaling(loops: int = 10_000_000) -> float:
    """What 2 processes deliver over 1 on this machine right now: the ceiling for any 2-worker speed-up.

    On a shared or throttled VM two "cores" can give much less than 2x; the Dask figure
    is only meaningful next to this one.
    """
    from multiprocessing import get_context

    with get_context("spawn").Pool(2) as pool:
        pool.map(spin, [1000, 1000])  # start both workers before timing
        one = pool.apply(spin, (loops,))
        start = time.perf_counter()
        pool.map(spin, [loops, loops])
        two = time.perf_counter() - start
    return 2 * one / two


def extract_all(paths: list[str]) -> float:
    """Seconds to extract `paths` one after the other (records built, nothing written)."""
    from extract.extraction import extract_file

    start = time.perf_counter()
    for path in paths:
        extract_file(path)
    return time.perf_counter() - start


def workload_scaling(corpus: Path) -> float:
    """This workload's own 2-process scaling, with no Dask, no parent and no writing: the real ceiling.

    One fresh process extracts the corpus alone, then two fresh processes each extract half
    of it at once; every process is warmed up (`warm_worker`) first, as a Dask worker is.
    Fresh, because a process that has seen the corpus has its per-word caches filled: two
    workers each fill their own, which is part of what 2 workers cost. On a VM the two cores
    also share caches and memory bandwidth, so this is below the pure-Python `cpu_scaling`.
    """
    from multiprocessing import get_context

    from extract.task import warm_worker

    paths = [str(p) for p in sorted(corpus.iterdir())]
    context = get_context("spawn")
    with context.Pool(1, initializer=warm_worker) as pool:
        pool.apply(time.sleep, (0.1,))  # started and warm before timing
        one = pool.apply(extract_all, (paths,))
    with context.Pool(2, initializer=warm_worker) as pool:
        pool.map(time.sleep, [0.5, 0.5], chunksize=1)  # both started and warm
        start = time.perf_counter()
        pool.map(extract_all, [paths[0::2], paths[1::2]], chunksize=1)
        two = time.perf_counter() - start
    return one / two


def _manifest(out: Path) -> dict:
    articles = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["articles"]
    statuses = [a["status"] for a in articles]
    return {
        "articles": len(articles),
        **{s: statuses.count(s) for s in ("ok", "failed", "skipped", "duplicate")},
    }


def _maxrss_mb() -> float:
    """This process's peak RSS in MB.

    Linux carries ru_maxrss across exec, so a child started by a large parent
    would report the parent's peak; VmHWM belongs to the child's own memory map.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --- the parent: build, run children, print the table ------------------------------------


def spawn(*args: str) -> dict:
    """Run this script as a child measurement and return its JSON result."""
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if result.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpora (5 articles x 1, 3, 10)")
    parser.add_argument("--base", type=int, help=f"articles in the 1x corpus (default {BASE_SIZE}, quick 5)")
    parser.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temp folder)")
    parser.add_argument("--profile", action="store_true", help="print where the time goes, by module")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask speed-up")
    parser.add_argument("--report", type=Path, help="print the table of a saved results.json and stop")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child)))
        return
    if args.report:
        report(json.loads(args.report.read_text(encoding="utf-8")), args.report.parent)
        return
    base = args.base or (5 if args.quick else BASE_SIZE)
    multipliers = (1, 3, 10) if args.quick else (1, 10, 100)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="extract-bench-"))
    report(measure(workdir, base, multipliers, dask=not args.no_dask, profile=args.profile), workdir)


def run_child(argv: list[str]) -> dict:
    kind, corpus, *rest = argv
    if kind == "pipeline":
        return child_pipeline(Path(corpus), Path(rest[0]))
    if kind == "tokenize":
        return child_tokenize(Path(corpus))
    if kind == "dask":
        return child_dask(Path(corpus), Path(rest[0]), int(rest[1]))
    if kind == "profile":
        return child_profile(Path(corpus), Path(rest[0]), int(rest[1]))
    raise SystemExit(f"unknown child {kind}")


def measure(workdir: Path, base: int, multipliers: tuple[int, ...], *, dask: bool, profile: bool) -> dict:
    rows = []
    for mult in multipliers:
        corpus = workdir / f"corpus_{mult}x"
        articles, nbytes = build_corpus(corpus, base * mult)
        print(
            f"[{mult}x] {articles} articles, {nbytes / 1e6:.2f} MB: pipeline ...", file=sys.stderr, flush=True
        )
        pipe = spawn("pipeline", str(corpus), str(workdir / f"out_{mult}x"))
        print(f"[{mult}x] word_tokenize ...", file=sys.stderr, flush=True)
        tok = spawn("tokenize", str(corpus))
        rows.append({"mult": mult, "articles": articles, "bytes": nbytes, "pipeline": pipe, "tokenize": tok})
    results: dict = {"rows": rows}
    if dask:
        mult = multipliers[-1]  # the largest: the fixed start and end no worker shares weigh least
        corpus = workdir / f"corpus_{mult}x"
        results["dask"] = {"mult": mult, "cpu_scaling": [cpu_scaling()], "workload_scaling": []}
        runs: dict[str, list[dict]] = {"1": [], "2": []}
        for attempt in range(DASK_REPEATS):  # alternated, so a slow spell of the machine hits both
            for workers in (1, 2):
                print(
                    f"[dask] {workers} worker(s) on {mult}x, run {attempt + 1} ...",
                    file=sys.stderr,
                    flush=True,
                )
                runs[str(workers)].append(
                    spawn("dask", str(corpus), str(workdir / f"dask_{workers}"), str(workers))
                )
        for workers, measured in runs.items():  # the best of the runs: the least disturbed by the machine
            results["dask"][workers] = {
                **min(measured, key=lambda r: r["seconds"]),
                "all_seconds": [r["seconds"] for r in measured],
            }
        results["dask"]["cpu_scaling"].append(cpu_scaling())
        print("[dask] the same extraction in 2 plain processes ...", file=sys.stderr, flush=True)
        results["dask"]["workload_scaling"].append(workload_scaling(corpus))
    ratio = min(row["tokenize"]["seconds"] / row["pipeline"]["seconds"] for row in rows)
    if profile or ratio < 1.0:
        mult = 10 if 10 in multipliers else multipliers[-1]
        print(f"[profile] pipeline on {mult}x under cProfile ...", file=sys.stderr, flush=True)
        results["profile"] = spawn(
            "profile", str(workdir / f"corpus_{mult}x"), str(workdir / "profile_out"), "15"
        )
        results["profile"]["mult"] = mult
    (workdir / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


def report(results: dict, workdir: Path) -> None:
    print(
        f"\nextract benchmark ({sys.platform}, {os.cpu_count()} CPUs; raw figures in {workdir / 'results.json'})\n"
    )
    print(
        "| corpus | articles | MB | pipeline art/s | pipeline MB/s | word_tokenize art/s | ratio | peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    rows = results["rows"]
    for row in rows:
        pipe, tok = row["pipeline"], row["tokenize"]
        mb = row["bytes"] / 1e6
        print(
            f"| {row['mult']}x | {row['articles']} | {mb:.2f} | {row['articles'] / pipe['seconds']:.1f} "
            f"| {mb / pipe['seconds']:.3f} | {row['articles'] / tok['seconds']:.1f} "
            f"| {tok['seconds'] / pipe['seconds']:.2f} | {pipe['rss_mb']:.0f} |"
        )
    first, last = rows[0]["pipeline"], rows[-1]["pipeline"]
    growth = last["rss_mb"] / first["rss_mb"] - 1
    print(f"\npeak RSS {rows[-1]['mult']}x vs {rows[0]['mult']}x: {growth:+.1%} (target within 10%)")
    for row in rows:
        p = row["pipeline"]
        print(
            f"  {row['mult']}x: {p['ok']} ok, {p['failed']} failed, {p['skipped']} skipped, "
            f"{p['duplicate']} duplicates; RSS after warm-up {p['rss_warm_mb']:.0f} MB"
        )
    if "dask" in results:
        d = results["dask"]
        one, two = d["1"]["seconds"], d["2"]["seconds"]
        n = d["1"]["articles"]
        print(
            f"\nDask LocalCluster on {d['mult']}x ({n} articles): 1 worker {n / one:.1f} art/s, "
            f"2 workers {n / two:.1f} art/s, speed-up {one / two:.2f}x (target >= 1.7x)"
        )
        if d.get("all_seconds") or d["1"].get("all_seconds"):
            runs = "; ".join(
                f"{w} worker(s): " + ", ".join(f"{n / s:.1f}" for s in d[w]["all_seconds"])
                for w in ("1", "2")
            )
            print(f"  every run, art/s (best taken): {runs}")
        if d.get("workload_scaling"):
            print(
                f"  the same extraction in 2 plain processes (no Dask, no writing) vs 1: "
                f"{d['workload_scaling'][0]:.2f}x: the ceiling this workload has on this machine"
            )
        if d.get("cpu_scaling"):
            ceiling = ", ".join(f"{c:.2f}x" for c in d["cpu_scaling"])
            print(
                f"  this machine's own 2-process CPU scaling (pure-Python loop, before and after): {ceiling}"
            )
    if "profile" in results:
        prof = results["profile"]
        print(f"\nprofile of the {prof['mult']}x run ({prof['total']:.2f} s of self time):")
        print("  self time by module:")
        for module, seconds in prof["self_by_module"]:
            print(f"    {seconds:7.2f} s {100 * seconds / prof['total']:5.1f}%  {module}")
        print("  self time by function:")
        for name, seconds in prof["self_by_function"]:
            print(f"    {seconds:7.2f} s  {name}")
        print("  cumulative time of extract functions:")
        for name, seconds in prof["cumulative_extract"]:
            print(f"    {seconds:7.2f} s  {name}")


if __name__ == "__main__":
    main()
