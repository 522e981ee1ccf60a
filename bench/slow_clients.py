#!/usr/bin/env python3
"""Holds N slow-header connections to host:port until killed: each sends the start of a request
and then one more header byte every `interval` seconds, never finishing the head; when the server
drops one, it reconnects. Used by bench/http.sh (the "slowloris" load beside wrk)."""
import asyncio
import sys


async def client(host, port, interval, counters):
    while True:
        try:
            reader, writer = await asyncio.open_connection(host, port)
            counters['open'] += 1
            writer.write(b'GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: ')
            await writer.drain()
            while True:
                await asyncio.sleep(interval)
                writer.write(b'a')
                await writer.drain()
        except (ConnectionError, OSError):
            counters['dropped'] += 1
            await asyncio.sleep(0.1)
        finally:
            try:
                writer.close()
            except Exception:
                pass


async def main():
    host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    interval = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
    counters = {'open': 0, 'dropped': 0}
    await asyncio.gather(*(client(host, port, interval, counters) for _ in range(n)))


if __name__ == '__main__':
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
