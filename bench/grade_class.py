#!/usr/bin/env python3
"""Grading a class: what an instructor waits for.

Makes a class of distinct submissions: each the reference solutions with every
.cpp file carrying a comment of its own (as real students' files differ, so
that the object cache cannot hide the compiling), and every other student also
with one catalogued mistake in it. Then, in one script run, side by side:

  cold     `grader grade` of the solutions, cold cache (the grader's precompiled
           header and the reference objects are built)
  one      `grader grade` of one distinct student, the reference objects cached
  serial   the same for another distinct student, one compiler at a time
           (--compile-jobs 1: how `grade` compiled before it ran compilers in parallel)
  class    `grader batch` of the class, the reference objects cached
  again    the same batch with --force: the same files, every object cached

and prints each time, per student, and as a ratio to `one` (these machines are
shared and noisy: the ratios are the figures to compare between runs).

    bench/grade_class.py                 20 students, 2 jobs
    bench/grade_class.py --students 8 --jobs 1

Before and after a change: --baseline DIR, an earlier checkout with its solution
build (e.g. `git worktree add /tmp/before main~3`, then `cmake --preset solution &&
cmake --build --preset solution --target grader` in it). Each grader first grades
the solutions to fill its own cache, then the two grade distinct students in turn
(--rounds pairs), and the script prints each time and the ratio before / after.
With --alone instead, "before" is this tree's grader with `grade --files-alone`
(each student file compiled alone, as grading did before files were compiled
together in units).
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
GRADER = ROOT / "build" / "solution" / "grader" / "grader"
CATALOGUES = [ROOT / "grader" / "catalogue" / "mistakes.toml",
              ROOT / "grader" / "tests" / "catalogue" / "mistakes.toml"]


def mistakes():
    for path in CATALOGUES:
        if path.exists():
            with open(path, "rb") as f:
                return tomllib.load(f)["mistake"]
    sys.exit("no mistake catalogue found in " + ", ".join(map(str, CATALOGUES)))


def make_student(folder, name, mistake=None):
    """The solutions, every .cpp with a comment naming `name`, and `mistake` in it."""
    shutil.copytree(ROOT / "solutions", folder)
    for source in folder.rglob("*.cpp"):
        source.write_text(source.read_text() + f"// written by {name}\n")
    if mistake:
        target = folder / mistake["file"]
        text = target.read_text()
        if mistake["replace"] not in text:
            sys.exit(f"mistake {mistake['name']!r}: its text is not in {mistake['file']}")
        target.write_text(text.replace(mistake["replace"], mistake["with"], 1))


def make_class(folder, count):
    """`count` distinct students; every other one with a different mistake."""
    catalogue = [m for m in mistakes() if (ROOT / "solutions" / m["file"]).exists()]
    step = max(1, len(catalogue) // count)  # spread over the labs, not the first layers only
    for k in range(count):
        mistake = catalogue[(k * step) % len(catalogue)] if k % 2 else None
        make_student(folder / f"s{k:02d}", f"s{k:02d}", mistake)


def timed(args, grader=GRADER):
    start = time.monotonic()
    result = subprocess.run([str(grader), *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"grader {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--baseline", type=pathlib.Path,
                        help="an earlier checkout with its solution build: before against after")
    parser.add_argument("--alone", action="store_true",
                        help="before: this grader with grade --files-alone")
    parser.add_argument("--rounds", type=int, default=2,
                        help="with --baseline or --alone: pairs of students")
    a = parser.parse_args()
    if not GRADER.exists():
        sys.exit(f"{GRADER} is missing: cmake --preset solution && cmake --build --preset solution")
    if a.baseline:
        baseline = a.baseline.resolve()
        return before_and_after(
            {"before": (baseline / "build" / "solution" / "grader" / "grader", baseline, []),
             "after": (GRADER, ROOT, [])}, a.rounds)
    if a.alone:
        return before_and_after({"before": (GRADER, ROOT, ["--files-alone"]),
                                 "after": (GRADER, ROOT, [])}, a.rounds)
    with tempfile.TemporaryDirectory(prefix="grade-class-") as tmp:
        tmp = pathlib.Path(tmp)
        make_class(tmp / "class", a.students)
        make_student(tmp / "one", "one")
        make_student(tmp / "serial", "serial")
        cache = ["--cache", str(tmp / "cache")]
        cold = timed(cache + ["grade", "--submission", str(ROOT / "solutions"), "--out",
                              str(tmp / "out-cold")])
        one = timed(cache + ["grade", "--submission", str(tmp / "one"), "--out",
                             str(tmp / "out-one")])
        serial = timed(cache + ["--compile-jobs", "1", "grade", "--submission",
                                str(tmp / "serial"), "--out", str(tmp / "out-serial")])
        batch = cache + ["batch", "--submissions", str(tmp / "class"), "--out",
                         str(tmp / "marks"), "--jobs", str(a.jobs)]
        whole = timed(batch)
        again = timed(batch + ["--force"])
    load = os.getloadavg()[0]
    n = a.students
    print(f"{n} distinct students, {a.jobs} jobs, {os.cpu_count()} cores, load {load:.1f}")
    print(f"{'run':<42}{'seconds':>9}{'per student':>13}{'x one':>8}")
    for name, s, students in [("cold: the solutions, empty cache", cold, 1),
                              ("one: a distinct student, reference cached", one, 1),
                              ("serial: the same, one compiler at a time", serial, 1),
                              ("class: batch, reference cached", whole, n),
                              ("again: batch --force, all cached", again, n)]:
        print(f"{name:<42}{s:>9.1f}{s / students:>13.1f}{s / one:>8.2f}")
    print(f"100 students at this rate: {100 * whole / n / 60:.0f} minutes")

def before_and_after(graders, rounds):
    """Distinct students graded in turn by two graders: name -> (grader, root, grade's flags)."""
    for name, (grader, _, _) in graders.items():
        if not grader.exists():
            sys.exit(f"{name}: {grader} is missing (build the solution preset there)")
    times = {name: [] for name in graders}
    with tempfile.TemporaryDirectory(prefix="grade-before-after-") as tmp:
        tmp = pathlib.Path(tmp)

        def grade(name, submission, out):
            grader, root, flags = graders[name]
            return timed(["--root", str(root), "--cache", str(tmp / f"cache-{name}"), "grade",
                          "--submission", str(submission), "--out", str(tmp / out), *flags],
                         grader)

        cold = {name: grade(name, ROOT / "solutions", f"out-cold-{name}") for name in graders}
        for k in range(rounds):
            for name in (["before", "after"] if k % 2 == 0 else ["after", "before"]):
                student = tmp / f"{name}{k}"
                make_student(student, f"{name}{k}")
                times[name].append(grade(name, student, f"out-{name}{k}"))
    print(f"distinct students graded in turn, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f} at the end")
    print(f"{'grader':<8}{'cold':>8}  each distinct student (s)")
    for name in graders:
        print(f"{name:<8}{cold[name]:>8.1f}  " + "  ".join(f"{t:.1f}" for t in times[name]))
    before, after = (sum(times[n]) / len(times[n]) for n in ("before", "after"))
    print(f"before / after, a distinct student: {before / after:.2f}x")


if __name__ == "__main__":
    main()
