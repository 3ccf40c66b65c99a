"""A real HTTP server that answers one byte at a time: the slow-drip attack on timeouts.

`mode` "headers" drips the status line and headers; "body" sends headers at once and drips a
JSON body that never ends. Each byte comes well inside any per-read timeout.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Literal


class DripServer:
    def __init__(self, mode: Literal["headers", "body"] = "body", every: float = 0.2) -> None:
        self.mode = mode
        self.every = every
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections = 0
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket, data: bytes) -> None:
        for i in range(len(data)):
            if self._stop.is_set():
                return
            conn.sendall(data[i : i + 1])
            time.sleep(self.every)

    def _serve(self, conn: socket.socket) -> None:
        try:
            conn.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
            if self.mode == "headers":
                self._drip(conn, head + b"X-Slow: " + b"a" * 100_000 + b"\r\n\r\n{}")
            else:
                conn.sendall(head + b"\r\n")
                self._drip(conn, b'{"pad": "' + b"a" * 100_000 + b'"}')
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self.sock.close()

    def __enter__(self) -> DripServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
