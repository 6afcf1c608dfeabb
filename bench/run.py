#!/usr/bin/python3
"""Throughput benchmark (issue 7): shenbao against OCRmyPDF and plain full-page OCR.

All tools read the same labelled sample documents (samples/*/typical-*.pdf), with the
same number of cores and the same DPI. Runs are interleaved (A B C A B C ...) so that
drift on a shared machine hits every tool alike; figures are medians, and the ratios
are taken per round (tools measured side by side) before the median.

Run with Debian's /usr/bin/python3 (standard library only). See bench/README.md.
"""
import argparse
import glob
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()


def page_count(pdf):
    for line in sh(f"pdfinfo {shlex.quote(pdf)}").splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise SystemExit(f"bench: cannot read the page count of {pdf} (pdfinfo)")


def pick_documents(pattern, want_pages):
    """Whole documents in name order until `want_pages` pages are reached.

    Documents are never split: a multi-page table is one document to shenbao."""
    docs = sorted(glob.glob(os.path.join(ROOT, pattern)))
    if not docs:
        raise SystemExit(f"bench: no sample documents match {pattern}")
    chosen, pages = [], 0
    for d in docs:
        if want_pages and pages >= want_pages:
            break
        n = page_count(d)
        chosen.append((d, n))
        pages += n
    return chosen, pages


class TreeRss:
    """Samples the summed RSS of a process and all its descendants (peak, bytes).

    /usr/bin/time -v only gives the largest single process; shenbao and the plain
    pipeline run several processes at once, so the sum is what the machine must hold."""

    def __init__(self, root_pid, interval=0.1):
        self.root, self.interval, self.peak = root_pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self):
        while not self._stop.is_set():
            children = {}
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    with open(f"/proc/{pid}/stat") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                    children.setdefault(ppid, []).append(int(pid))
                except (OSError, IndexError, ValueError):
                    pass
            total, todo = 0, [self.root]
            while todo:
                pid = todo.pop()
                try:
                    with open(f"/proc/{pid}/statm") as f:
                        total += int(f.read().split()[1]) * PAGE_SIZE
                except (OSError, IndexError, ValueError):
                    pass
                todo.extend(children.get(pid, []))
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def stop(self):
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmd, env=None):
    """Runs a shell command under /usr/bin/time -v. Returns (seconds, rc, max single-process
    RSS in bytes, sampled peak tree RSS in bytes, stderr tail)."""
    full = ["/usr/bin/time", "-v", "/bin/sh", "-c", cmd]
    with tempfile.TemporaryFile(mode="w+") as err:
        start = time.perf_counter()
        p = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=err, env=env)
        sampler = TreeRss(p.pid)
        rc = p.wait()
        seconds = time.perf_counter() - start
        tree = sampler.stop()
        err.seek(0)
        text = err.read()
    max_rss = 0
    for line in text.splitlines():
        if "Maximum resident set size" in line:
            max_rss = int(line.split(":")[1]) * 1024
    tail = "\n".join(l for l in text.splitlines() if not l.startswith("\t"))[-800:]
    return seconds, rc, max_rss, tree, tail


def q(path):
    return shlex.quote(path)


def make_tools(args, docs_dir, docs):
    """Each tool: name -> function(workdir) giving (shell command, check(workdir) -> problem)."""
    names = [os.path.basename(d) for d, _ in docs]
    pages = sum(n for _, n in docs)
    j, dpi = args.jobs, args.dpi
    tools = {}

    def shenbao(w):
        cmd = f"{q(args.shenbao_copy)} run {q(docs_dir)} --out {q(w + '/out')} --jobs {j} --dpi {dpi} -q " \
              f"--templates {q(args.templates_copy)}"

        def check(w):
            path = os.path.join(w, "out", "records.jsonl")
            n = sum(1 for _ in open(path)) if os.path.exists(path) else 0
            return None if n >= len(names) else f"{n} records for {len(names)} documents"
        return cmd, check
    tools["shenbao"] = shenbao

    ocrmypdf_opts = f"-l chi_sim --output-type pdf --force-ocr --oversample {dpi} -q"

    def ocrmypdf(w):
        # As the issue states it: one document at a time, --jobs N inside it.
        cmd = f"mkdir -p {q(w)}/pdf && for f in {' '.join(q(n) for n in names)}; do " \
              f"ocrmypdf {ocrmypdf_opts} --jobs {j} {q(docs_dir)}/\"$f\" {q(w)}/pdf/\"$f\" || exit 1; done"

        def check(w):
            n = len(glob.glob(os.path.join(w, "pdf", "*.pdf")))
            return None if n == len(names) else f"{n} output PDFs for {len(names)} documents"
        return cmd, check
    tools["ocrmypdf"] = ocrmypdf

    def ocrmypdf_par(w):
        # What a user with many short documents would do instead: N documents at once.
        cmd = f"mkdir -p {q(w)}/pdf && cd {q(docs_dir)} && printf '%s\\n' {' '.join(q(n) for n in names)} | " \
              f"xargs -P {j} -I{{}} ocrmypdf {ocrmypdf_opts} --jobs 1 {{}} {q(w)}/pdf/{{}}"
        return cmd, ocrmypdf(w)[1]
    if args.ocrmypdf_parallel:
        tools["ocrmypdf-xP"] = ocrmypdf_par

    def ocrmypdf_native(w):
        # Without --oversample: OCRmyPDF reads the scans at their own resolution (fewer pixels).
        cmd, check = ocrmypdf(w)
        return cmd.replace(f" --oversample {dpi}", ""), check
    if args.ocrmypdf_native:
        tools["ocrmypdf-nat"] = ocrmypdf_native

    def plain(w):
        # Rasterize every page (grey, DPI), then one single-threaded Tesseract per core.
        cmd = f"mkdir -p {q(w)}/img && cd {q(docs_dir)} && printf '%s\\n' {' '.join(q(n) for n in names)} | " \
              f"xargs -P {j} -I{{}} pdftoppm -r {dpi} -gray {{}} {q(w)}/img/{{}} && " \
              f"ls {q(w)}/img/*.pgm | xargs -P {j} -n 1 sh -c " \
              f"'tesseract -l chi_sim --psm 3 \"$1\" \"${{1%.pgm}}\" 2>/dev/null' _"

        def check(w):
            n = len(glob.glob(os.path.join(w, "img", "*.txt")))
            return None if n == pages else f"{n} text files for {pages} pages"
        return cmd, check
    tools["plain"] = plain
    return {k: v for k, v in tools.items() if k in args.tools or (k.startswith("ocrmypdf-") and "ocrmypdf" in args.tools)}


def stage_split(out_dir):
    """Per-stage seconds summed over the records, if shenbao writes any (else None)."""
    keys = ("timing", "timings", "stage_seconds", "stages")
    total = {}

    def visit(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in keys and isinstance(v, dict) and v and all(isinstance(x, (int, float)) for x in v.values()):
                    for stage, s in v.items():
                        total[stage] = total.get(stage, 0.0) + s
                else:
                    visit(v)
        elif isinstance(node, list):
            for v in node:
                visit(v)
    timings = os.path.join(out_dir, "timings.json")
    if os.path.exists(timings):
        visit(json.load(open(timings)))
        return total or None
    path = os.path.join(out_dir, "records.jsonl")
    if os.path.exists(path):
        for line in open(path):
            visit(json.loads(line))
    return total or None


def ensure_shenbao(args):
    if not os.path.exists(args.shenbao):
        build = os.path.dirname(args.shenbao)
        print(f"bench: {args.shenbao} missing, building it", flush=True)
        subprocess.run(["cmake", "-S", ROOT, "-B", build, "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], check=True)
        subprocess.run(["cmake", "--build", build, "-j2", "--target", "shenbao"], check=True)


def machine():
    model = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    return f"{os.cpu_count()} cores (nproc {sh('nproc')}), CPU {model}, load average {open('/proc/loadavg').read().split()[:3]}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=0, help="at least this many pages (whole documents); default all")
    ap.add_argument("--jobs", type=int, default=2, help="cores given to every tool (default 2)")
    ap.add_argument("--runs", type=int, default=3, help="interleaved rounds; figures are medians (default 3)")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--samples", default="samples/*/typical-*.pdf", help="glob under the repository")
    ap.add_argument("--shenbao", default=os.path.join(ROOT, "build", "shenbao"))
    ap.add_argument("--templates", default=os.path.join(ROOT, "templates"),
                    help="template folder given to shenbao (copied at the start)")
    ap.add_argument("--tools", default="shenbao,ocrmypdf,plain", help="comma list of shenbao,ocrmypdf,plain")
    ap.add_argument("--ocrmypdf-parallel", action="store_true",
                    help="also time OCRmyPDF on N documents at once (--jobs 1 each)")
    ap.add_argument("--ocrmypdf-native", action="store_true",
                    help="also time OCRmyPDF without --oversample (at the scans' own 200-250 ppi)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    args.tools = args.tools.split(",")
    for tool in ("pdfinfo", "pdftoppm", "tesseract", "ocrmypdf"):
        if shutil.which(tool) is None and (tool != "ocrmypdf" or "ocrmypdf" in args.tools):
            raise SystemExit(f"bench: {tool} not found; run bench/setup.sh")
    if "shenbao" in args.tools:
        ensure_shenbao(args)

    docs, pages = pick_documents(args.samples, args.pages)
    work = tempfile.mkdtemp(prefix="shenbao-bench-")
    docs_dir = os.path.join(work, "docs")
    os.makedirs(docs_dir)
    for d, _ in docs:  # flat copies, one name space for every tool
        form = os.path.basename(os.path.dirname(d))
        shutil.copy(d, os.path.join(docs_dir, f"{form}--{os.path.basename(d)}"))
    docs = [(os.path.join(docs_dir, f"{os.path.basename(os.path.dirname(d))}--{os.path.basename(d)}"), n)
            for d, n in docs]
    # A private copy of the binary: a rebuild of build/ during the run cannot change it.
    if "shenbao" in args.tools:
        args.shenbao_copy = os.path.join(work, "shenbao")
        shutil.copy(args.shenbao, args.shenbao_copy)
        args.templates_copy = os.path.join(work, "templates")
        shutil.copytree(args.templates, args.templates_copy)
        check = subprocess.run([args.shenbao_copy, "templates", "--templates", args.templates_copy],
                               capture_output=True, text=True)
        if check.returncode != 0:
            shutil.rmtree(work, ignore_errors=True)
            raise SystemExit(f"bench: {args.shenbao} cannot load the templates of {args.templates}:\n"
                             f"{check.stderr.strip()}\n(a rebuild, or --templates DIR matching the binary)")
    tools = make_tools(args, docs_dir, docs)

    print(f"machine: {machine()}")
    if "shenbao" in args.tools:
        built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(os.path.getmtime(args.shenbao)))
        print(f"shenbao: {args.shenbao} (built {built}), templates {args.templates}")
    print(f"input: {len(docs)} documents, {pages} pages ({args.samples}); --jobs {args.jobs}, {args.dpi} dpi, "
          f"{args.runs} interleaved rounds")
    for name, fn in tools.items():
        print(f"  {name}: {fn(os.path.join(work, 'run'))[0]}")
    print(flush=True)

    env = dict(os.environ)
    results = {name: [] for name in tools}   # per round: (seconds, max_rss, tree_rss) or None
    stages = None
    for r in range(args.runs):
        for name, fn in tools.items():
            w = os.path.join(work, f"{name}-{r}")
            os.makedirs(w)
            cmd, check = fn(w)
            run_env = dict(env, OMP_THREAD_LIMIT="1") if name == "plain" else env
            seconds, rc, max_rss, tree, tail = timed(cmd, run_env)
            problem = check(w)
            if rc != 0 and not (name == "shenbao" and rc == 1 and problem is None):
                problem = f"exit status {rc}: {tail}"
            if problem:
                print(f"round {r + 1} {name}: FAILED ({problem})", flush=True)
                results[name].append(None)
            else:
                results[name].append((seconds, max_rss, tree))
                print(f"round {r + 1} {name}: {seconds:.1f} s, {pages / seconds * 60:.1f} pages/min", flush=True)
            if name == "shenbao" and stages is None:
                stages = stage_split(os.path.join(w, "out"))
            if not args.keep:
                shutil.rmtree(w, ignore_errors=True)

    print(f"\nresults ({pages} pages, --jobs {args.jobs}, {args.dpi} dpi, median of {args.runs}):")
    print(f"  {'tool':<12} {'pages/min':>10} {'s/page':>8} {'runs (pages/min)':<26} "
          f"{'peak RSS 1 proc':>15} {'peak RSS all':>13}")
    ppm = {}
    for name, runs in results.items():
        ok = [x for x in runs if x]
        if not ok:
            print(f"  {name:<12} failed")
            continue
        ppm[name] = statistics.median(pages / s * 60 for s, _, _ in ok)
        each = ", ".join(f"{pages / x[0] * 60:.1f}" if x else "fail" for x in runs)
        print(f"  {name:<12} {ppm[name]:>10.1f} {60 / ppm[name]:>8.2f} {each:<26} "
              f"{max(x[1] for x in ok) / 2**20:>12.0f} MB {max(x[2] for x in ok) / 2**20:>10.0f} MB")

    print("\nratios (shenbao pages/min ÷ other's; per round side by side, then the median):")
    for other in [n for n in results if n != "shenbao"]:
        per_round = [b[0] / a[0] for a, b in zip(results["shenbao"], results[other]) if a and b] \
            if "shenbao" in results else []
        if per_round:
            print(f"  shenbao/{other:<12} {statistics.median(per_round):6.2f}×   "
                  f"(rounds: {', '.join(f'{x:.2f}' for x in per_round)}; ratio of medians "
                  f"{ppm['shenbao'] / ppm[other]:.2f})")
        else:
            print(f"  shenbao/{other:<12} not available (a tool failed every round)")

    if "shenbao" in results:
        if stages:
            total = sum(stages.values())
            print("\nshenbao stage split (summed over the records of round 1):")
            for stage, s in stages.items():
                print(f"  {stage:<14} {s:8.2f} s  {100 * s / total:5.1f} %")
        else:
            print("\nshenbao stage split: not available (records.jsonl and shenbao.log carry no per-stage times)")
    print(f"\nmachine at the end: load average {open('/proc/loadavg').read().split()[:3]}")
    if args.keep:
        print(f"work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if all(any(r) for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
