"""What the load cases read of the machine: the CPU of a process tree."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench.load import backends_cpu_between, backends_cpu_s, process_tree_cpu_s

LINUX = Path("/proc/self/stat").exists()


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_a_process_tree_counts_the_cpu_of_its_children() -> None:
    spin = (
        "import time, sys\n"
        "end = time.process_time() + 0.3\n"
        "while time.process_time() < end: pass\n"
        "print('spun', flush=True)\n"
        "sys.stdin.read()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", spin], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "spun"
        own = time.process_time()
        assert process_tree_cpu_s(child.pid) >= 0.25
        assert process_tree_cpu_s(os.getpid()) >= own + 0.25
    finally:
        child.communicate("")
    assert process_tree_cpu_s(child.pid) == 0.0  # gone: nothing more to count


def test_no_backend_of_an_unknown_database() -> None:
    assert backends_cpu_s("rs_no_such_database_here") == {}


def test_backends_count_what_they_spent_in_between_and_a_new_one_whole() -> None:
    before = {10: 1.0, 11: 2.0, 12: 5.0}  # 12 ends in between
    after = {10: 1.5, 11: 2.0, 13: 0.25}  # 13 is born in between
    assert backends_cpu_between(before, after) == 0.75
