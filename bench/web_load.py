"""Serve an app with gunicorn on loopback and drive it with signed-in clients for a fixed time."""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"  # the only address any request here is sent to
# Refusals the workflow gives when two people act on one claim at once.
EXPECTED_RACES = {409, 422}
# A ceiling on requests per client, so a loop stops even if the clock misbehaves.
MAX_REQUESTS_PER_CLIENT = 200_000
_HIDDEN = re.compile(r'<input[^>]*name="(csrf_token|version)"[^>]*value="([^"]*)"')
_STATE = re.compile(r'<span class="badge state-([a-z_]+)">')


@dataclass(frozen=True)
class ServerSettings:
    """How gunicorn is run, for the app and the bare route alike."""

    workers: int
    threads: int
    worker_class: str = "gthread"

    def args(self) -> list[str]:
        return [
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            f"--worker-class={self.worker_class}",
            "--keep-alive=10",
            "--backlog=256",
            "--log-level=warning",
        ]

    def describe(self) -> str:
        return (
            f"gunicorn {self.worker_class}, {self.workers} workers x {self.threads} threads, "
            f"keep-alive 10 s, bound to {HOST}"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(
    app: str, settings: ServerSettings, env: dict[str, str], cwd: Path, ready_path: str
) -> Iterator[tuple[int, int]]:
    """Run gunicorn on a free loopback port until the block ends; yield the port and its pid."""
    port = free_port()
    # The gunicorn installed beside the Python running this script (the project's venv).
    command = [str(Path(sys.executable).parent / "gunicorn")]
    command += ["--bind", f"{HOST}:{port}", *settings.args(), app]
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env}, start_new_session=True)
    try:
        _wait_until_up(port, ready_path, process)
        yield port, process.pid
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # its own session: the master and workers
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _wait_until_up(port: int, path: str, process: subprocess.Popen, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before answering")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {limit:.0f} s")


class Client:
    """One browser-like session: a kept-alive connection, its cookie and an API token."""

    def __init__(self, port: int, token: str | None = None) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookie: str | None = None
        self.token = token

    def send(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, str]:
        headers = dict(headers or {})
        if self.cookie and not headers.get("Authorization"):
            headers["Cookie"] = self.cookie
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                page = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle kept-alive connection: nothing was processed.
                self.connection.close()
                if attempt:
                    raise
        for value in response.headers.get_all("Set-Cookie") or []:
            pair = value.split(";", 1)[0]
            if pair.startswith("claimcheck_session="):
                self.cookie = pair if pair.split("=", 1)[1] else None
        return response.status, page

    def form(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        body = urlencode(fields).encode()
        return self.send("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def api(self, method: str, path: str, payload: dict) -> tuple[int, str]:
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        return self.send(method, path, json.dumps(payload).encode(), headers)

    def sign_in(self, email: str, password: str) -> None:
        status, page = self.send("GET", "/login")
        fields = dict(_HIDDEN.findall(page))
        status, _ = self.form(
            "/login", {"csrf_token": fields["csrf_token"], "email": email, "password": password}
        )
        if status != 302 or not self.cookie:
            raise RuntimeError(f"sign-in as {email} failed with {status}")

    def close(self) -> None:
        self.connection.close()


@dataclass
class Tally:
    """Latencies (ms) and outcomes per page type, shared by every client thread."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    races: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, status: int, what: str = "") -> None:
        with self.lock:
            self.latencies[kind].append(ms)
            if status in EXPECTED_RACES and kind.startswith(("save", "transition")):
                self.races[kind] += 1
            elif status >= 400 or status < 200:
                self.errors[kind] += 1
                self.examples.setdefault(kind, f"{status} {what}")


@dataclass
class Mix:
    """What the app's clients do: read the queue and claims, save wordings, move claims on."""

    claims: int
    tally: Tally
    editable: frozenset[str]
    take_ids: list[int]
    rng: random.Random = field(default_factory=random.Random)
    last: dict = field(default_factory=dict)
    saves: int = 0

    def _timed(self, client: Client, kind: str, call: Callable[[], tuple[int, str]], what: str):
        started = time.perf_counter()
        status, page = call()
        self.tally.add(kind, (time.perf_counter() - started) * 1000, status, what)
        return status, page

    def queue_path(self) -> tuple[str, str]:
        pages = max(1, min(200, self.claims // 50 // 8))
        page = self.rng.randint(1, pages)
        return self.rng.choice(
            (
                ("queue: state=new by score", f"/claims?state=new&sort=score&page={page}"),
                ("queue: unassigned", f"/claims?assignee=none&page={page}"),
                ("queue: min_score by age", f"/claims?min_score=0.8&sort=age&page={page}"),
                ("queue: first page", "/claims"),
            )
        )

    def view_claim(self, client: Client) -> None:
        claim_id = self.rng.randint(1, self.claims)
        path = f"/claims/{claim_id}"
        status, page = self._timed(client, "claim page", lambda: client.send("GET", path), path)
        if status == 200:
            fields = dict(_HIDDEN.findall(page))
            state = _STATE.search(page)
            self.last = {
                "id": claim_id,
                "version": int(fields.get("version", "0") or 0),
                "csrf": fields.get("csrf_token"),
                "state": state.group(1) if state else None,
            }

    def save(self, client: Client) -> None:
        for _ in range(3):  # find an editable claim, as a person would by reading the queue
            if self.last.get("state") in self.editable and self.last.get("csrf"):
                break
            self.view_claim(client)
        else:
            return
        claim, self.last = self.last, {}
        wording = f"Reworded for the benchmark, pass {self.rng.randint(1, 10**6)}."
        self.saves += 1
        if self.saves % 2:
            path = f"/claims/{claim['id']}/wording"
            fields = {"csrf_token": claim["csrf"], "text": wording, "version": claim["version"]}
            self._timed(client, "save: form POST", lambda: client.form(path, fields), path)
        else:
            path = f"/api/v1/claims/{claim['id']}"
            body = {"version": claim["version"], "text": wording}
            self._timed(client, "save: API PATCH", lambda: client.api("PATCH", path, body), path)

    def transition(self, client: Client) -> None:
        if not self.take_ids:
            return
        claim_id = self.take_ids.pop()
        path = f"/api/v1/claims/{claim_id}/transitions"
        if self.rng.random() < 0.75:
            kind, body = "transition: take", {"action": "take"}
        else:
            kind, body = "transition: dismiss", {"action": "dismiss", "reason": "Duplicate"}
        self._timed(client, kind, lambda: client.api("POST", path, body), path)

    def step(self, client: Client) -> None:
        roll = self.rng.random()
        if roll < 0.35:
            kind, path = self.queue_path()
            self._timed(client, kind, lambda: client.send("GET", path), path)
        elif roll < 0.70:
            self.view_claim(client)
        elif roll < 0.85:
            self.save(client)
        else:
            self.transition(client)


def drive(
    clients: list[Client], step: Callable[[int, Client], None], seconds: float
) -> tuple[float, float]:
    """Run `step` in a loop on every client for `seconds`; return (wall, client CPU) seconds."""
    deadline = time.monotonic() + seconds
    cpu_started = time.process_time()

    def loop(index: int) -> None:
        client = clients[index]
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                return
            step(index, client)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        for future in [pool.submit(loop, i) for i in range(len(clients))]:
            future.result()
    return time.monotonic() - started, time.process_time() - cpu_started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name, or None once it has gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User plus system CPU seconds used so far by each process still running."""
    used = {}
    for pid in pids:
        fields = _proc_stat(pid)
        if fields is not None:
            used[pid] = (int(fields[11]) + int(fields[12])) / _TICKS_PER_SECOND
    return used


def process_tree(root: int) -> list[int]:
    """A process and all its descendants (gunicorn's master and workers)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _proc_stat(int(entry.name))) is not None:
            parents[int(entry.name)] = int(fields[1])
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two readings; processes that started in between count in full."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())
