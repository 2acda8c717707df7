"""`python bench/counting_client.py ARGS...`: `mpt ARGS...`, counting every byte its sockets receive, printed
as `socket-bytes: N` at exit. /proc/PID/io `rchar` counts read(2), not the recv(2) that Dask's comms use:
with this, what a cluster build's client receives over the network is counted too (make bench, and
tests/test_cluster.py)."""
import atexit
import socket
import sys

received = [0]
_recv_into, _recv = socket.socket.recv_into, socket.socket.recv


def _counted_recv_into(self, *args, **kwargs):
    n = _recv_into(self, *args, **kwargs)
    received[0] += n
    return n


def _counted_recv(self, *args, **kwargs):
    data = _recv(self, *args, **kwargs)
    received[0] += len(data)
    return data


socket.socket.recv_into, socket.socket.recv = _counted_recv_into, _counted_recv
atexit.register(lambda: print(f"socket-bytes: {received[0]}"))

if __name__ == "__main__":
    from toolkit.cli import main

    sys.exit(main(sys.argv[1:]))
