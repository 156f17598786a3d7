"""Run a command and report wall time, CPU time and the peak memory of it and everything it started.

Usage from benchmarks: `measure(cmd, cwd) -> Measured`. The command runs under a small Python wrapper so that
RUSAGE_CHILDREN covers only that command (and its worker processes), not earlier runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "peak_mib": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime,
                  "code": proc.returncode,
                  "stderr": proc.stderr.decode(errors="replace")[-2000:]}))
"""


@dataclass
class Measured:
    wall: float
    peak_mib: float
    code: int
    stderr: str
    cpu: float = 0.0  # user + system seconds of the command and every process it started (a busy machine
    # stretches wall time; CPU time barely moves). peak_mib is the largest single process's peak.


def measure(cmd: list[str], cwd: Path) -> Measured:
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], cwd=cwd, capture_output=True, text=True, check=True)
    return Measured(**json.loads(out.stdout))
