"""A throwaway redis-server on a free loopback port, for tests that stop and restart the cache."""

import shutil
import socket
import subprocess
import tempfile
import time

import pytest


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """``redis-server`` without persistence: a restart empties it, as a restarted production cache may be."""

    def __init__(self, binary):
        self.binary = binary
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="portal-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - a fixed local binary and arguments
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", self.dir],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def restart(self):
        self.stop()
        self.start()

    def cache_settings(self):
        return {
            "default": {
                "BACKEND": "portal.cache.TolerantRedisCache",
                "LOCATION": self.url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }


@pytest.fixture(scope="module")
def redis_server():
    binary = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/sbin:/usr/bin")
    if binary is None:
        pytest.skip("no redis-server: apt-get install redis-server")
    server = RedisServer(binary)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.dir, ignore_errors=True)
