"""Shared fixtures: a real `vodesk serve` on loopback with known credentials.

The binary is taken from $VODESK_BIN, else <repo>/target/debug/vodesk (built by `cargo build`).
"""
import json
import os
import pathlib
import subprocess
import tempfile

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
AK = "CONFORMANCEAK0000001"
SK = "ConformanceSecretKey000000000000000000000"
PROJECT_ID = "0123456789abcdef0123456789abcdef"
# The Tencent personality's keys (TENCENTCLOUD_*), fixed so that tests can sign with them.
TC_SECRET_ID = "AKIDCONFORMANCE000000000000000000001"
TC_SECRET_KEY = "ConformanceTencentSecretKey00001"
TC_SUBAPPID = 1500012345
# The Alibaba personality's AccessKey (ALIBABA_CLOUD_ACCESS_KEY_*), fixed for the same reason.
ALI_ACCESS_KEY_ID = "LTAI5tConformance00000001"
ALI_ACCESS_KEY_SECRET = "ConformanceAliyunSecret0000000001"


def vodesk_bin() -> str:
    path = os.environ.get("VODESK_BIN") or str(REPO / "target" / "debug" / "vodesk")
    if not os.path.exists(path):
        raise RuntimeError(f"{path} does not exist: run `cargo build` first or set VODESK_BIN")
    return path


class Service:
    def __init__(self, extra_args=()):
        self.data_dir = tempfile.mkdtemp(prefix="vodesk-conf-")
        env = dict(os.environ)
        env.update(HUAWEICLOUD_SDK_AK=AK, HUAWEICLOUD_SDK_SK=SK, HUAWEICLOUD_SDK_PROJECT_ID=PROJECT_ID)
        env.update(
            TENCENTCLOUD_SECRET_ID=TC_SECRET_ID,
            TENCENTCLOUD_SECRET_KEY=TC_SECRET_KEY,
            TENCENTCLOUD_SUBAPPID=str(TC_SUBAPPID),
        )
        env.update(
            ALIBABA_CLOUD_ACCESS_KEY_ID=ALI_ACCESS_KEY_ID,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET=ALI_ACCESS_KEY_SECRET,
        )
        self.proc = subprocess.Popen(
            [vodesk_bin(), "serve", "--data", self.data_dir, "--listen", "127.0.0.1:0", "--json", *extra_args],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("vodesk serve exited before printing its start-up line")
        info = json.loads(line)
        self.vod_endpoint = info["vod_endpoint"]
        self.object_endpoint = info["object_endpoint"]
        self.project_id = info["project_id"]
        self.region = info.get("region", "local-1")
        self.ak = AK
        self.sk = SK
        # Tencent personality (absent from binaries that predate it).
        self.tencent_endpoint = info.get("tencent_endpoint")
        self.tencent_cos_endpoint = info.get("tencent_cos_endpoint")
        self.tencent_region = info.get("tencent_region")
        self.tencent_subappid = info.get("tencent_subappid")
        self.tencent_secret_id = info.get("tencent_secret_id")
        self.tencent_secret_key = TC_SECRET_KEY
        # Alibaba personality (absent from binaries that predate it).
        self.aliyun_endpoint = info.get("aliyun_endpoint")
        self.aliyun_region = info.get("aliyun_region")
        self.aliyun_oss_endpoint = info.get("aliyun_oss_endpoint")
        self.aliyun_access_key_id = info.get("aliyun_access_key_id")
        self.aliyun_access_key_secret = ALI_ACCESS_KEY_SECRET

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def service():
    svc = Service(["--no-throttle"])
    yield svc
    svc.stop()


# For requests made directly (not through an SDK): never through a proxy.
NO_PROXY = {"http": None, "https": None}
PROXY_VARS = ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")


@pytest.fixture(scope="module")
def no_proxies():
    """Takes the proxy variables away for a module. The Tencent, Alibaba and OSS SDKs take proxies
    from the environment, and the Tencent common SDK's NO_PROXY check is a substring test on
    "host:port" (common/http/request.py), so NO_PROXY alone does not protect a loopback endpoint
    with a port: the proxy variables themselves must go."""
    with pytest.MonkeyPatch.context() as mp:
        for name in PROXY_VARS:
            mp.delenv(name, raising=False)
        mp.setenv("NO_PROXY", "127.0.0.1,localhost")
        mp.setenv("no_proxy", "127.0.0.1,localhost")
        yield


def hostport(url: str):
    """("127.0.0.1", 8080) of "http://127.0.0.1:8080/"."""
    host, port = url.split("://", 1)[1].rstrip("/").rsplit(":", 1)
    return host, int(port)
