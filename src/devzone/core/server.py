"""``devzone serve --workers N --threads T``: N server processes on one listening socket, T threads each.

Why processes: a page is Python work (templates, ORM rows), and one process runs Python on one core at a
time whatever its thread count; with N processes the pages of N people are built side by side. Each
process is the same production WSGI server as before (waitress for HTTP, cheroot for HTTPS), given the
socket the parent bound, so the kernel hands each new connection to whichever process accepts it first.
No new dependency: ``os.fork`` and ``signal`` from the standard library. Where there is no ``fork``
(Windows) one process serves, as before.

The parent only supervises: it forwards Ctrl+C / SIGTERM to the workers and starts a worker again when
one dies (an out-of-memory kill, an abort in native code), so the site keeps answering. Background work
that must run once per site — the notice scheduler — runs in worker 0 only; the documents the workers
queue are built by one more process, the helper (``core/document_runner.py``), restarted the same way.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from types import FrameType

from django.db import connections

Worker = Callable[[socket.socket, int], None]
HELPER = -1  # the index of the helper process
RESTART_PAUSE_SECONDS = 1.0  # a worker that dies at once is not restarted in a tight loop


def listen(host: str, port: int, *, backlog: int = 1024) -> socket.socket:
    """The site's listening socket, bound once by the parent and shared by every worker."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def can_fork() -> bool:
    return hasattr(os, "fork")


def run(
    sock: socket.socket, *, workers: int, serve: Worker, helper: Callable[[], None] | None = None
) -> None:
    """Serve on ``sock`` with ``workers`` processes, each calling ``serve(sock, index)``, and ``helper``
    (the document runner) in one more process that serves no page; returns on a stop."""
    if (workers <= 1 and helper is None) or not can_fork():
        serve(sock, 0)
        return
    connections.close_all()  # a connection opened by set-up must not be shared by the forked workers
    Supervisor(sock, serve, helper).run(workers)


class Supervisor:
    """The parent of the workers: starts them, stops them on a signal, restarts one that died."""

    def __init__(self, sock: socket.socket, serve: Worker, helper: Callable[[], None] | None = None) -> None:
        self.sock = sock
        self.serve = serve
        self.helper = helper
        self.children: dict[int, int] = {}  # pid → worker index
        self.stopping = False

    def start(self, index: int) -> None:
        pid = os.fork()
        if pid:
            self.children[pid] = index
            return
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # the worker: stops at once on a signal
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        code = 0
        try:
            if index == HELPER and self.helper is not None:
                self.sock.close()  # the helper's copy: it accepts no connection
                self.helper()
            else:
                self.serve(self.sock, index)
        except BaseException:  # whatever ended the worker, the parent starts it again
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def stop(self, _signum: int, _frame: FrameType | None) -> None:
        self.stopping = True
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                self.children.pop(pid, None)

    def run(self, workers: int) -> None:
        signal.signal(signal.SIGINT, self.stop)
        signal.signal(signal.SIGTERM, self.stop)
        for index in range(workers):
            self.start(index)
        if self.helper is not None:
            self.start(HELPER)
        while self.children:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            index = self.children.pop(pid, None)
            if index is not None and not self.stopping:
                time.sleep(RESTART_PAUSE_SECONDS)
                self.start(index)
        self.sock.close()
