"""Docker runtime benchmark: start latency through nbdash against a bare container of the same
image, and Engine API calls per fleet status refresh (the background sampling of the running
fleet) while the console polls GET /api/bots. Driven by bench/run-docker-bench.sh."""
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

PORT = int(os.environ["BENCH_NBDASH_PORT"])
ENGINE = os.environ["BENCH_DOCKER_SOCKET"]  # the real daemon, for the bare runs
CALL_LOG = os.environ["BENCH_CALL_LOG"]
IMAGE = os.environ.get("BENCH_IMAGE", "simbot:latest")
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
FLEET = int(os.environ.get("BENCH_FLEET", "5"))
STATS_INTERVAL_S = int(os.environ.get("BENCH_STATS_INTERVAL", "1"))
WINDOW_S = 10.0
PASSWORD = os.environ["NBDASH_ADMIN_PASSWORD"]


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("docker", timeout=30)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def engine(method, target, body=None):
    conn = UnixHTTPConnection(ENGINE)
    conn.request(method, "/v1.41" + target, json.dumps(body) if body is not None else None,
                 {"Content-Type": "application/json"})
    res = conn.getresponse()
    data = res.read()
    conn.close()
    return res.status, (json.loads(data) if data else None)


class Dashboard:
    def __init__(self):
        self.cookie = ""
        self.csrf = ""
        status, body, headers = self.call("POST", "/api/auth/login", {"password": PASSWORD})
        assert status == 200, body
        self.csrf = body["csrf_token"]
        self.cookie = headers["set-cookie"].split(";", 1)[0]

    def call(self, method, target, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {"Content-Type": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.csrf and method != "GET":
            headers["X-CSRF-Token"] = self.csrf
        conn.request(method, target, json.dumps(body) if body is not None else None, headers)
        res = conn.getresponse()
        data = res.read()
        conn.close()
        parsed = json.loads(data) if data else None
        return res.status, parsed, {k.lower(): v for k, v in res.getheaders()}


def wait(predicate, timeout=30.0, step=0.005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def dashboard_start(dash, bot_id):
    t0 = time.monotonic()
    status, body, _ = dash.call("POST", f"/api/bots/{bot_id}/start", {})
    assert status == 202, body
    ok = wait(lambda: dash.call("GET", f"/api/bots/{bot_id}")[1]["current_state"] == "ready")
    assert ok, f"{bot_id} never became ready"
    return time.monotonic() - t0


def bare_start(folder, index):
    """docker run of the same image with the same mount and limits, until its channel port
    accepts connections (what 'ready' means for the dashboard)."""
    ws, gw = free_port(), free_port()
    data = os.path.join(folder, f"bare{index}")
    os.makedirs(data, exist_ok=True)
    config = {"channels": {"websocket": {"enabled": True, "host": "127.0.0.1", "port": ws,
                                         "token": "bench-token"}},
              "gateway": {"host": "127.0.0.1", "port": gw}}
    with open(os.path.join(data, "config.json"), "w") as f:
        json.dump(config, f)
    body = {"Image": IMAGE, "Cmd": ["gateway", "--config", "/home/nanobot/.nanobot/config.json"],
            "HostConfig": {"NetworkMode": "host", "Binds": [f"{data}:/home/nanobot/.nanobot"],
                           "Memory": 512 << 20, "NanoCpus": 10 ** 9, "PidsLimit": 256,
                           "CapDrop": ["ALL"], "SecurityOpt": ["no-new-privileges"]}}
    name = f"nbdash-bench-bare-{index}"
    t0 = time.monotonic()
    status, created = engine("POST", f"/containers/create?name={name}", body)
    assert status == 201, created
    status, _ = engine("POST", f"/containers/{name}/start")
    assert status == 204, status
    assert wait(lambda: port_open(ws)), "bare container never listened"
    elapsed = time.monotonic() - t0
    engine("DELETE", f"/containers/{name}?force=1")
    return elapsed


def engine_calls():
    try:
        with open(CALL_LOG) as f:
            return [line.strip() for line in f if line.strip()]
    except FileNotFoundError:
        return []


def main():
    dash = Dashboard()
    folder = tempfile.mkdtemp(prefix="nbdash-bench-")
    dashboard_times, bare_times = [], []
    for i in range(RUNS):
        bot_id = f"bench-{i}"
        status, body, _ = dash.call("POST", "/api/bots", {"id": bot_id, "image_tag": IMAGE})
        assert status == 201, body
        # Interleaved, so both see the same machine load.
        dashboard_times.append(dashboard_start(dash, bot_id))
        bare_times.append(bare_start(folder, i))
        dash.call("DELETE", f"/api/bots/{bot_id}?purge=true")
    shutil.rmtree(folder, ignore_errors=True)

    fleet = [f"fleet-{i}" for i in range(FLEET)]
    for bot_id in fleet:
        dash.call("POST", "/api/bots", {"id": bot_id, "image_tag": IMAGE})
        dashboard_start(dash, bot_id)
    # Steady state: every bot has figures, then a window of console polling.
    wait(lambda: all(b["stats"] is not None for b in dash.call("GET", "/api/bots")[1]["bots"]),
         timeout=30, step=0.2)
    before = len(engine_calls())
    t0 = time.monotonic()
    polls = 50
    for _ in range(polls):
        dash.call("GET", "/api/bots")
        time.sleep(WINDOW_S / polls)
    window_s = time.monotonic() - t0
    during_polls = engine_calls()[before:]
    lists = sum(1 for c in during_polls if c.startswith("GET /v1.41/containers/json?"))
    inspects = sum(1 for c in during_polls if c.endswith("/json HTTP/1.1"))
    stats = sum(1 for c in during_polls if "/stats?" in c)
    # Each refresh of the background sampler lists the containers once, so the list calls count
    # the refreshes that really ran (a loaded machine runs fewer than the window allows).
    refreshes = max(lists, 1)
    print(json.dumps({
        "runs": RUNS,
        "dashboard_start_to_ready_ms": {
            "median": round(statistics.median(dashboard_times) * 1000, 1),
            "min": round(min(dashboard_times) * 1000, 1),
            "max": round(max(dashboard_times) * 1000, 1)},
        "bare_create_start_to_listening_ms": {
            "median": round(statistics.median(bare_times) * 1000, 1),
            "min": round(min(bare_times) * 1000, 1),
            "max": round(max(bare_times) * 1000, 1)},
        "ratio_median": round(statistics.median(dashboard_times) / statistics.median(bare_times), 2),
        "fleet_size": FLEET,
        "fleet_refresh": {
            "polls_of_get_api_bots": polls, "window_s": round(window_s, 1),
            "refresh_interval_s": STATS_INTERVAL_S,
            "refreshes_at_most": round(window_s / STATS_INTERVAL_S, 1),
            "list_calls": lists, "engine_calls_per_poll": round(len(during_polls) / polls, 2),
            "per_container_inspects": inspects, "stats_calls": stats,
            "stats_calls_per_refresh_per_running_bot": round(stats / refreshes / FLEET, 2),
            "other_calls": len(during_polls) - lists - inspects - stats},
    }, indent=2))


def fleet_ready():
    dash = Dashboard()
    ok = wait(lambda: all(b["current_state"] == "ready"
                          for b in dash.call("GET", "/api/bots")[1]["bots"]), timeout=60)
    assert ok, "the fleet did not come back ready"


def cleanup():
    dash = Dashboard()
    for bot in dash.call("GET", "/api/bots")[1]["bots"]:
        dash.call("DELETE", f"/api/bots/{bot['id']}?purge=true")


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "measure"
    sys.exit({"measure": main, "fleet-ready": fleet_ready, "cleanup": cleanup}[mode]())
