"""No network at run time: the whole run, imports included, works with sockets disabled.

The run happens in a fresh interpreter whose socket constructors and name lookups raise
before anything of the package (or spaCy, underthesea, lingua ...) is imported, so a
model download or telemetry call anywhere would fail the run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIRS = [str(ROOT / "raw"), str(ROOT / "tests" / "dev" / "raw")]

GUARD = """
import socket, sys

class NetworkUsed(RuntimeError):
    pass

def refuse(*args, **kwargs):
    raise NetworkUsed(f"network access attempted: {args!r}")

class NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        refuse(*args)

socket.socket = NoSocket
socket.create_connection = refuse
socket.getaddrinfo = refuse
socket.gethostbyname = refuse
socket.socketpair = refuse

from extract.cli import main
sys.argv = ["extract", *sys.argv[1:]]
main()
"""


def run_guarded(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", GUARD, *args], cwd=ROOT, capture_output=True, text=True)


def test_guard_really_blocks_sockets() -> None:
    probe = GUARD.split("from extract.cli")[0] + "socket.create_connection(('example.com', 80))\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode != 0 and "NetworkUsed" in result.stderr


def test_run_over_the_samples_succeeds_with_sockets_disabled(tmp_path: Path) -> None:
    result = run_guarded("run", *SAMPLE_DIRS, "--out", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert {e["status"] for e in manifest["articles"]} <= {"ok", "duplicate"}
    assert len(list((tmp_path / "documents").glob("*.json"))) == len(manifest["articles"])
    assert "NetworkUsed" not in result.stderr
