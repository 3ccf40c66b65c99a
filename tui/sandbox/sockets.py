"""The sandbox's listening socket, made before the server that accepts on it.

Standard library only: a command starting the shared sandbox process makes the socket itself
(the address is known at once, and its first requests wait in the backlog while the process
starts) and hands it down.
"""

from __future__ import annotations

import socket


def listening_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A TCP socket bound to `host:port` (0: any free port) and listening.

    proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets declaring it, and
    without it every response waits ~40 ms for a delayed ACK (Nagle)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:  # the port is taken: the caller may try another
        sock.close()
        raise
    return sock
