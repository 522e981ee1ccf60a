#!/usr/bin/env python3
"""Sends N unauthenticated uploads of SIZE bytes at once to POST /api/v1/incidents/import on
host:port, each sending its body as fast as the server takes it until the answer arrives; prints
the answers' statuses and how much of the bodies was sent. Used by bench/http.sh to take srm's
peak RSS under the attack (the bodies must be refused before they are read)."""
import socket
import sys
import threading


def one(host, port, size, out):
    s = socket.create_connection((host, port))
    s.sendall(b'POST /api/v1/incidents/import HTTP/1.1\r\nHost: bench\r\nContent-Type: text/csv\r\n'
              b'Content-Length: %d\r\n\r\n' % size)
    s.setblocking(False)
    chunk = b'x' * 65536
    sent = 0
    answer = b''
    import select
    while True:
        r, w, _ = select.select([s], [s] if sent < size else [], [], 30)
        if not r and not w:
            break
        if r:
            try:
                data = s.recv(65536)
            except (ConnectionError, BlockingIOError):
                data = b''
            answer += data
            if not data or b'\r\n\r\n' in answer:
                break
        if w:
            try:
                sent += s.send(chunk[:min(len(chunk), size - sent)])
            except (BlockingIOError, ConnectionError):
                pass
    s.close()
    out.append((answer[9:12].decode(errors='replace') or '---', sent))


def main():
    host, port, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    out = []
    threads = [threading.Thread(target=one, args=(host, port, size, out)) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(set(s for s, _ in out))
    print(f"statuses={','.join(statuses)} max_sent_mb={max(b for _, b in out) / 1048576:.1f} of {size / 1048576:.0f}")


if __name__ == '__main__':
    main()
