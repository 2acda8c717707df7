"""`python bench/counting_client.py ARGS...`: `mpt ARGS...`, printing at exit `client-read: N`, the bytes it
read: its /proc io `rchar` (files, read(2) on sockets, and its children once reaped) plus every byte its
sockets received through recv(2), which Dask's comms use and `rchar` leaves out. Used by make bench and
tests/test_cluster.py to show that a cluster build's client only coordinates."""
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
def _report() -> None:
    with open("/proc/self/io", encoding="ascii") as f:
        rchar = next(int(line.split()[1]) for line in f if line.startswith("rchar:"))
    print(f"client-read: {rchar + received[0]}")


atexit.register(_report)

if __name__ == "__main__":
    from toolkit.cli import main

    sys.exit(main(sys.argv[1:]))
