"""Running a parse where an abort, an out-of-memory or an endless loop hits only that parse.

Why: an uploaded file is the one input a user controls byte by byte, and the libraries that read files
trust them. A 1.5 KB .xlsx makes python-calamine allocate 512 GiB and abort the process; a 400 KB PDF
whose page stream is a deflate bomb took pdfminer to 870 MB and 14 s (20 MB of the same would take the
server's memory whole); nested form XObjects make it draw for ever. Checks before parsing catch what can
be seen from outside; this catches the rest. The parse runs in a child process with an address-space
limit (``RLIMIT_AS``) and a time limit; if it dies, is killed or runs out of memory, the caller gets a
:class:`Failed` and the server answers the next request, its own memory untouched.

The children are forked from a small *parse server* of our own: a fresh interpreter (so a child inherits
neither the web server's threads nor its database connections) that has imported the readers once, so a
parse costs one fork (milliseconds), not a new interpreter and its imports (half a second). The parse
server is started on first use by each process that parses, and ends when that process ends (it watches
its standard input, which only its parent holds). Not ``multiprocessing``'s fork server: that one runs
the caller's main script again in every child, which breaks a plain script or a notebook that parses.

Pure module: no Django. Where there is no ``fork`` (Windows) the parse runs in the calling process: the
checks before parsing still hold there.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import math
import os
import pickle
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Failed", "preload", "run_isolated"]

#: modules the parse server imports once, so that every parse child starts with them loaded
_PRELOAD: list[str] = []
_lock = threading.Lock()
_server: tuple[int, subprocess.Popen[bytes], str] | None = None  # (owner pid, process, socket path)
_SIZE = struct.Struct("!q")
_START_SECONDS = 60.0


@dataclass(frozen=True)
class Failed(Exception):
    """The isolated parse did not return: ``why`` is ``"memory"``, ``"time"`` or ``"died"``."""

    why: str
    seconds: float = 0.0

    def __str__(self) -> str:
        return self.why


def preload(modules: Iterable[str]) -> None:
    """Have parse children start with ``modules`` imported (call at import time, before the first parse)."""
    with _lock:
        _PRELOAD.extend(m for m in modules if m not in _PRELOAD)


def run_isolated(target: str, args: tuple[Any, ...], *, memory_bytes: int, seconds: float) -> Any:
    """``target(*args)`` in a parse child; ``target`` is ``"package.module:function"``.

    What the function returns comes back (it must pickle); what it raises is raised here as itself;
    :class:`Failed` if the child ran out of memory, ran past ``seconds`` (it is killed) or died.

    >>> run_isolated("math:hypot", (3, 4), memory_bytes=2**31, seconds=30)
    5.0
    >>> run_isolated("math:sqrt", (-1,), memory_bytes=2**31, seconds=30)
    Traceback (most recent call last):
    ...
    ValueError: math domain error
    """
    if not hasattr(os, "fork"):
        return _call(target, args)
    deadline = time.monotonic() + seconds
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(_START_SECONDS)
        connection.connect(_server_path())
        stream = connection.makefile("rwb")
        try:
            (child,) = _SIZE.unpack(_read(stream, _SIZE.size))
            request = (memory_bytes, seconds, dict(os.environ), target, args)
            pickle.dump(request, stream, protocol=pickle.HIGHEST_PROTOCOL)
            stream.flush()
            connection.settimeout(max(deadline - time.monotonic(), 0.001))
            (size,) = _SIZE.unpack(_read(stream, _SIZE.size))
            status, payload = pickle.loads(_read(stream, size))  # noqa: S301 - our own child wrote it
        except TimeoutError as exc:
            _kill(child)
            raise Failed("time", seconds) from exc
        except (EOFError, ConnectionError, pickle.UnpicklingError) as exc:
            raise Failed("died") from exc
        finally:
            stream.close()
    if status == "memory":
        raise Failed("memory")
    if status == "raised":
        raise payload
    return payload


# ---------------------------------------------------------------------------------------------
# the caller's side


def _server_path() -> str:
    """The socket of this process's parse server, started if there is none (or it died, or we forked)."""
    global _server  # noqa: PLW0603 - one parse server per process
    with _lock:
        if _server is not None and (_server[0] != os.getpid() or _server[1].poll() is not None):
            _server = None
        if _server is None:
            path = str(Path(tempfile.mkdtemp(prefix="devzone-parse-")) / "socket")  # a 0700 directory
            process = subprocess.Popen(
                [sys.executable, "-c", "from devzone.core.isolated import _serve; _serve()"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
            )
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(pickle.dumps((path, list(_PRELOAD))))
            process.stdin.flush()  # kept open: the server ends when it reads end-of-file
            ready, _, _ = select.select([process.stdout], [], [], _START_SECONDS)
            if not ready or process.stdout.readline() != b"ready\n":
                process.kill()
                raise Failed("died")
            _server = (os.getpid(), process, path)
        return _server[2]


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended on its own meanwhile
        os.kill(pid, signal.SIGKILL)


def _read(stream: io.BufferedIOBase, size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) < size:
        raise EOFError
    return data


def _call(target: str, args: tuple[Any, ...]) -> Any:
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)(*args)


# ---------------------------------------------------------------------------------------------
# the parse server and its children


def _serve() -> None:
    """Main of the parse server: import the readers, then fork one child per connection."""
    path, modules = pickle.load(sys.stdin.buffer)  # noqa: S301 - our parent wrote it
    for module in modules:
        importlib.import_module(module)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    sys.stdout.buffer.write(b"ready\n")
    sys.stdout.buffer.flush()
    while True:
        readable, _, _ = select.select([listener, sys.stdin], [], [])
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 4096):
            listener.close()
            Path(path).unlink(missing_ok=True)
            Path(path).parent.rmdir()
            return  # the parent is gone
        if listener in readable:
            connection, _ = listener.accept()
            if os.fork() == 0:
                listener.close()
                try:
                    _child(connection)
                finally:
                    os._exit(0)
            connection.close()


def _child(connection: socket.socket) -> None:
    import resource  # noqa: PLC0415 - POSIX only, and only the child needs it

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # a reader that runs a program (LibreOffice) waits for it
    stream = connection.makefile("rwb")
    stream.write(_SIZE.pack(os.getpid()))
    stream.flush()
    memory, seconds, environment, target, args = pickle.load(stream)  # noqa: S301 - our caller wrote it
    os.environ.clear()  # the caller's environment as it is now (PATH finds the same programs)
    os.environ.update(environment)
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # The caller kills a child past its time; this bounds one whose caller is gone (killed mid-parse).
    cpu = math.ceil(seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    try:
        outcome: tuple[str, Any] = ("ok", _call(target, args))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as exc:  # returned to the caller, who knows what the reader's exceptions mean
        outcome = ("raised", exc)
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("memory", None))
    except Exception as exc:  # a result or an exception that does not pickle
        data = pickle.dumps(("raised", RuntimeError(f"{exc.__class__.__name__}: {exc}"[:300])))
    stream.write(_SIZE.pack(len(data)) + data)
    stream.flush()
