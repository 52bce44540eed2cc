"""The real aws CLI (botocore, SigV4) against the embedded object endpoint of `vodesk serve`.

Covers bucket creation, single PUT, listings (s3 ls, s3api list-objects / list-objects-v2),
multipart upload through `aws s3 cp` (file above the 8 MiB default threshold), download and
byte comparison, server-side copy, batch delete and error codes.
"""
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

BUCKET = "awscli-conf"


def aws_bin() -> str:
    here = pathlib.Path(sys.executable).parent / "aws"
    return str(here) if here.exists() else (shutil.which("aws") or "aws")


@pytest.fixture(scope="module")
def aws(service, tmp_path_factory):
    cfg_dir = tmp_path_factory.mktemp("awscfg")
    config = cfg_dir / "config"
    config.write_text(
        "[default]\nregion = {}\ns3 =\n    addressing_style = path\n".format(service.region)
    )
    env = dict(os.environ)
    env.pop("AWS_CA_BUNDLE", None)
    env.pop("AWS_PROFILE", None)
    env.update(
        AWS_ACCESS_KEY_ID=service.ak,
        AWS_SECRET_ACCESS_KEY=service.sk,
        AWS_DEFAULT_REGION=service.region,
        AWS_CONFIG_FILE=str(config),
        AWS_SHARED_CREDENTIALS_FILE=str(cfg_dir / "credentials"),
        AWS_EC2_METADATA_DISABLED="true",
    )

    def run(*args, check=True):
        cmd = [aws_bin(), "--endpoint-url", service.object_endpoint, *args]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
        return proc

    run("s3", "mb", f"s3://{BUCKET}")
    return run


def write_random(path: pathlib.Path, size: int, seed: int) -> str:
    import random

    rnd = random.Random(seed)
    data = rnd.randbytes(size)
    path.write_bytes(data)
    return hashlib.md5(data).hexdigest()


def test_mb_is_idempotent_and_listed(aws):
    out = aws("s3", "ls").stdout
    assert BUCKET in out
    aws("s3api", "head-bucket", "--bucket", BUCKET)


def test_put_get_roundtrip_with_odd_key(aws, tmp_path):
    src = tmp_path / "small.bin"
    md5 = write_random(src, 300_000, 1)
    key = "dir one/файл+x.bin"
    aws("s3", "cp", str(src), f"s3://{BUCKET}/{key}")
    head = json.loads(aws("s3api", "head-object", "--bucket", BUCKET, "--key", key).stdout)
    assert head["ContentLength"] == 300_000
    assert head["ETag"] == f'"{md5}"'
    dst = tmp_path / "small.out"
    aws("s3", "cp", f"s3://{BUCKET}/{key}", str(dst))
    assert dst.read_bytes() == src.read_bytes()


def test_multipart_upload_via_s3_cp(aws, tmp_path):
    src = tmp_path / "big.bin"
    write_random(src, 20 * 1024 * 1024 + 12345, 2)
    aws("s3", "cp", str(src), f"s3://{BUCKET}/big/big.bin")
    head = json.loads(aws("s3api", "head-object", "--bucket", BUCKET, "--key", "big/big.bin").stdout)
    assert head["ContentLength"] == src.stat().st_size
    # Multipart ETag: "<md5 of part md5s>-<parts>" (8 MiB default chunks -> 3 parts).
    assert head["ETag"].strip('"').endswith("-3")
    dst = tmp_path / "big.out"
    aws("s3", "cp", f"s3://{BUCKET}/big/big.bin", str(dst))
    assert dst.read_bytes() == src.read_bytes()


def test_multipart_from_stdin_with_expected_size(aws, tmp_path, service):
    src = tmp_path / "stream.bin"
    write_random(src, 9 * 1024 * 1024, 3)
    with open(src, "rb") as fh:
        cmd = [aws_bin(), "--endpoint-url", service.object_endpoint, "s3", "cp", "-",
               f"s3://{BUCKET}/big/stream.bin", "--expected-size", str(src.stat().st_size)]
        env = dict(os.environ, AWS_ACCESS_KEY_ID=service.ak, AWS_SECRET_ACCESS_KEY=service.sk,
                   AWS_DEFAULT_REGION=service.region, AWS_EC2_METADATA_DISABLED="true")
        env.pop("AWS_CA_BUNDLE", None)
        proc = subprocess.run(cmd, stdin=fh, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    dst = tmp_path / "stream.out"
    aws("s3", "cp", f"s3://{BUCKET}/big/stream.bin", str(dst))
    assert dst.read_bytes() == src.read_bytes()


def test_listings(aws, tmp_path):
    src = tmp_path / "x.txt"
    src.write_text("x")
    for i in range(7):
        aws("s3", "cp", str(src), f"s3://{BUCKET}/list/f{i}.txt")
    aws("s3", "cp", str(src), f"s3://{BUCKET}/list/sub/deep.txt")
    out = aws("s3", "ls", f"s3://{BUCKET}/list/").stdout
    assert "PRE sub/" in out
    assert sum(1 for line in out.splitlines() if line.endswith(".txt")) == 7
    v1 = json.loads(aws("s3api", "list-objects", "--bucket", BUCKET, "--prefix", "list/",
                        "--delimiter", "/", "--page-size", "3").stdout)
    assert [c["Key"] for c in v1["Contents"]] == [f"list/f{i}.txt" for i in range(7)]
    assert [p["Prefix"] for p in v1["CommonPrefixes"]] == ["list/sub/"]
    v2 = json.loads(aws("s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", "list/",
                        "--page-size", "2").stdout)
    assert len(v2["Contents"]) == 8
    rec = aws("s3", "ls", "--recursive", f"s3://{BUCKET}/list/").stdout
    assert "list/sub/deep.txt" in rec


def test_copy_and_delete(aws, tmp_path):
    src = tmp_path / "c.bin"
    write_random(src, 1000, 4)
    aws("s3", "cp", str(src), f"s3://{BUCKET}/copy/src.bin")
    aws("s3", "cp", f"s3://{BUCKET}/copy/src.bin", f"s3://{BUCKET}/copy/dst.bin")
    dst = tmp_path / "c.out"
    aws("s3", "cp", f"s3://{BUCKET}/copy/dst.bin", str(dst))
    assert dst.read_bytes() == src.read_bytes()
    aws("s3", "rm", "--recursive", f"s3://{BUCKET}/copy/")
    listing = aws("s3", "ls", f"s3://{BUCKET}/copy/", check=False)
    assert "src.bin" not in listing.stdout


def test_errors(aws, service):
    proc = aws("s3api", "head-object", "--bucket", BUCKET, "--key", "missing", check=False)
    assert proc.returncode != 0 and "404" in proc.stderr
    proc = aws("s3api", "get-object", "--bucket", BUCKET, "--key", "missing", "/dev/null", check=False)
    assert "NoSuchKey" in proc.stderr
    proc = aws("s3", "rb", f"s3://{BUCKET}", check=False)
    assert "BucketNotEmpty" in proc.stderr
    env = dict(os.environ, AWS_ACCESS_KEY_ID=service.ak, AWS_SECRET_ACCESS_KEY="wrong" + service.sk,
               AWS_DEFAULT_REGION=service.region, AWS_EC2_METADATA_DISABLED="true")
    env.pop("AWS_CA_BUNDLE", None)
    proc = subprocess.run([aws_bin(), "--endpoint-url", service.object_endpoint, "s3", "ls"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and "SignatureDoesNotMatch" in proc.stderr


def test_presign_v4_url_with_curl_like_client(aws, tmp_path):
    import urllib.request

    src = tmp_path / "p.bin"
    write_random(src, 5000, 5)
    aws("s3", "cp", str(src), f"s3://{BUCKET}/presign/p.bin")
    url = aws("s3", "presign", f"s3://{BUCKET}/presign/p.bin", "--expires-in", "60").stdout.strip()
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.read() == src.read_bytes()
