"""Start-up and matching speed with the full content.

    .venv/bin/python bench/matcher_speed.py [questions.yaml] [situations.yaml]

Prints content load time, index build time and per-question matching latency (p50/p99/max)
over the labelled questions: a cold pass (each question new to the caches) and warm passes;
then triage latency over the labelled situations.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bot.domain.content import load_content
from bot.domain.matcher import Matcher
from bot.domain.triage import Triager

DEFAULT_QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "dev.yaml"
DEFAULT_SITUATIONS = DEFAULT_QUESTIONS.with_name("dev_situations.yaml")
WARM_PASSES = 20
PROCESS_RUNS = 5


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _report(label: str, timings: list[tuple[float, float]]) -> None:
    """Wall-clock latency, and CPU time of this thread (what other processes on a shared
    machine cannot inflate)."""
    ms = [wall * 1000 for wall, _ in timings]
    cpu = [thread * 1000 for _, thread in timings]
    print(
        f"{label:<28} n={len(ms):<6} p50={_percentile(ms, 0.5):.3f} ms  "
        f"p99={_percentile(ms, 0.99):.3f} ms  max={max(ms):.3f} ms  "
        f"mean={statistics.mean(ms):.3f} ms  | cpu p50={_percentile(cpu, 0.5):.3f} "
        f"p99={_percentile(cpu, 0.99):.3f} ms"
    )


def _timed(call: Callable[[str], object], text: str) -> tuple[float, float]:
    begin, begin_cpu = time.perf_counter(), time.thread_time()
    call(text)
    return time.perf_counter() - begin, time.thread_time() - begin_cpu


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_QUESTIONS
    questions = [q["q"] for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]
    situations_path = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_SITUATIONS
    situations = [
        s["text"] for s in yaml.safe_load(situations_path.read_text(encoding="utf-8"))["situations"]
    ]

    started = time.perf_counter()
    content = load_content()
    loaded = time.perf_counter()
    matcher = Matcher(content)
    triager = Triager(content, matcher)
    built = time.perf_counter()
    print(f"content load       {1000 * (loaded - started):8.1f} ms")
    print(f"index build        {1000 * (built - loaded):8.1f} ms  (matcher and triage)")
    print(f"start-up total     {1000 * (built - started):8.1f} ms")
    print(f"entries indexed    {len(matcher.entries):8d}")

    _report("match, cold (first pass)", [_timed(matcher.match, q) for q in questions])
    warm = [_timed(matcher.match, q) for _ in range(WARM_PASSES) for q in questions]
    _report("match, warm", warm)
    _report("triage, cold (first pass)", [_timed(triager.triage, s) for s in situations])
    warm = [_timed(triager.triage, s) for _ in range(WARM_PASSES) for s in situations]
    _report("triage, warm", warm)

    command = [sys.executable, "-m", "bot", "ask", "--json", "staatssteun"]
    runs = []
    for _ in range(PROCESS_RUNS):
        begin = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        runs.append(time.perf_counter() - begin)
    print(
        f"whole process      {1000 * statistics.median(runs):8.1f} ms  (median of {PROCESS_RUNS}: "
        "python -m bot ask, imports included)"
    )


if __name__ == "__main__":
    main()
