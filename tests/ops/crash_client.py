#!/usr/bin/env python3
"""Load for the crash test: THREADS threads create SRAs as fast as the server takes them until
STOP_FILE appears, and append every write the server acknowledged (HTTP 201) to ACKED as
"<id>\t<title>". A request that fails (server killed, 503) is not acknowledged; with --retry it is
sent again with the same Idempotency-Key until it is acknowledged or refused, as a careful client
would. Usage: crash_client.py PORT TOKEN ACKED STOP_FILE THREADS [--retry]"""
import http.client, json, os, sys, threading, time, uuid

port, token, acked_path, stop_file, threads = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
retry = '--retry' in sys.argv
lock = threading.Lock()
acked = open(acked_path, 'a', buffering=1)
counts = {'acked': 0, 'failed': 0, 'retried': 0}

def post(body, key):
    c = http.client.HTTPConnection('127.0.0.1', int(port), timeout=10)
    try:
        headers = {'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json', 'Idempotency-Key': key}
        c.request('POST', '/api/v1/sras', body=json.dumps(body), headers=headers)
        r = c.getresponse()
        return r.status, r.read()
    except OSError:
        return 0, b''
    finally:
        c.close()

def worker(n):
    i = 0
    while not os.path.exists(stop_file):
        i += 1
        title = f'crash {n}-{i} {uuid.uuid4().hex[:8]}'
        key = uuid.uuid4().hex
        for attempt in range(60 if retry else 1):
            status, raw = post({'area_id': 'area_2', 'title': title}, key)
            if status == 201:
                doc = json.loads(raw)
                with lock:
                    acked.write(f"{doc['id']}\t{title}\n")
                    counts['acked'] += 1
                break
            if status not in (0, 502, 503) or os.path.exists(stop_file):
                break
            with lock:
                counts['retried' if retry else 'failed'] += 1
            time.sleep(0.1)
        else:
            with lock:
                counts['failed'] += 1

ts = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
for t in ts: t.start()
for t in ts: t.join()
print(json.dumps(counts))
