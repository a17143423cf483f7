/**
 * A small reverse proxy in Python's standard library, run with `python -c` on the project's
 * own Python base image, in front of a scaled server (compose `--scale`, a Swarm service with
 * `endpoint_mode: dnsrr`). It resolves the server's name on every request, so it follows
 * replicas as they come and go; it spreads requests round-robin and, when a replica refuses
 * the connection (it is stopping), tries the next one, so a rolling update loses no request.
 * On SIGTERM it stops accepting and finishes the requests in flight. It buffers each body in
 * memory: put nginx or Traefik in its place for large uploads or streaming responses.
 */
export const PROXY_SCRIPT = String.raw`import http.client, itertools, os, signal, socket, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM_HOST = os.environ.get("UPSTREAM_HOST", "server")
UPSTREAM_PORT = int(os.environ.get("UPSTREAM_PORT", "8000"))
LISTEN_PORT = int(os.environ.get("LISTEN_PORT", "8000"))
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"}
IDEMPOTENT = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}
turn = itertools.count()


def upstreams():
    infos = socket.getaddrinfo(UPSTREAM_HOST, UPSTREAM_PORT, socket.AF_INET, socket.SOCK_STREAM)
    addresses = sorted({info[4][0] for info in infos})
    start = next(turn) % len(addresses)
    return addresses[start:] + addresses[:start]


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        client = self.client_address[0]
        forwarded = self.headers.get("X-Forwarded-For")
        headers["X-Forwarded-For"] = f"{forwarded}, {client}" if forwarded else client
        headers.setdefault("X-Forwarded-Proto", "http")
        try:
            addresses = upstreams()
        except OSError as error:
            return self.fail(f"cannot resolve {UPSTREAM_HOST}: {error}")
        for address in addresses:
            connection = http.client.HTTPConnection(address, UPSTREAM_PORT, timeout=60)
            try:
                connection.sock = socket.create_connection((address, UPSTREAM_PORT), timeout=2)
                connection.sock.settimeout(60)
            except OSError:
                continue  # a replica that is stopping or gone: the next one
            try:
                connection.request(self.command, self.path, body, headers)
                response = connection.getresponse()
                payload = response.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                if self.command in IDEMPOTENT:
                    continue
                return self.fail(f"{address}: {error}")
            self.send_response_only(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
            connection.close()
            self.log_request(response.status)
            return
        self.fail(f"no replica of {UPSTREAM_HOST} answered")

    def fail(self, reason):
        sys.stderr.write(f"[proxy] 502 {self.command} {self.path}: {reason}\n")
        self.send_error(502, "Bad Gateway")

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = forward

    def log_message(self, format, *args):
        sys.stdout.write("[proxy] " + (format % args) + "\n")
        sys.stdout.flush()


server = ThreadingHTTPServer(("0.0.0.0", LISTEN_PORT), Proxy)
server.daemon_threads = False
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
print(f"[proxy] :{LISTEN_PORT} -> {UPSTREAM_HOST}:{UPSTREAM_PORT}", flush=True)
server.serve_forever()
server.server_close()
`;
