"""A counting pass-through between nbdash and a private dockerd, both on unix sockets.

Every HTTP request line nbdash sends to the Engine is appended to a log file, so the benchmark
can count Engine API calls per operation. Only the first request of each connection is seen,
which is every request: nbdash opens one connection per Engine call.
"""
import os
import socket
import sys
import threading


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(listen_path, upstream_path, log_path):
    if os.path.exists(listen_path):
        os.unlink(listen_path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(listen_path)
    server.listen(64)
    lock = threading.Lock()
    while True:
        client, _ = server.accept()
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        upstream.connect(upstream_path)
        head = client.recv(65536)
        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        with lock, open(log_path, "a") as log:
            log.write(line + "\n")
        upstream.sendall(head)
        threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2], sys.argv[3])
