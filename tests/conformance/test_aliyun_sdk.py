"""The official Alibaba Cloud Python SDKs, unchanged, against the Alibaba personality of `vodesk serve`.

- API calls: alibabacloud_vod20170321 3.12.1 on alibabacloud-tea-openapi 0.4.6, addressed as
  `Config(endpoint="127.0.0.1:PORT", protocol="http")` (no scheme in the endpoint: the SDK would
  sign `host: http://…`), with its default ACS3-HMAC-SHA256 signature and with
  `signature_algorithm="v2"` (the RPC HMAC-SHA1 signature, `Format=json`).
- The classic SDK: aliyun-python-sdk-vod 2.16.32 request classes on aliyun-python-sdk-core 2.16.1,
  `AcsClient(ak, secret, region, port=PORT, auto_retry=False)` with `set_endpoint("127.0.0.1")`
  and `set_protocol_type("http")` on each request (RPC HMAC-SHA1, `Format=JSON`, empty
  `SignatureType=`).
- Uploads: oss2 2.19.1 with the decoded `UploadAuth` as `StsAuth`, at `UploadAddress.Endpoint`
  (the service's loopback OSS URL, path style), CRC-64 checks on (oss2's default).

There is no commit call: a video moves Uploading → (UploadSucc → Transcoding →) Normal once its
object is stored, and the tests poll GetVideoInfo as a client would.

Run: VODESK_BIN=<path to vodesk> .venv/bin/pytest tests/conformance/test_aliyun_sdk.py
"""
import base64
import collections
import hashlib
import itertools
import json
import random
import re
import time

import oss2
import pytest
import requests
from alibabacloud_tea_openapi.exceptions import AlibabaCloudException, ThrottlingException
from alibabacloud_tea_openapi.models import Config
from alibabacloud_vod20170321 import models
from alibabacloud_vod20170321.client import Client as VodClient
from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkvod.request.v20170321 import (
    CreateUploadVideoRequest,
    DeleteVideoRequest,
    GetVideoInfoRequest,
    UpdateVideoInfoRequest,
)

from conftest import NO_PROXY, Service, hostport

pytestmark = pytest.mark.usefixtures("no_proxies")

MiB = 1024 * 1024
# How long a video may take to become Normal once its object is stored (transcoding included).
SETTLE_SECONDS = 20


def tea_client(service, access_key_id=None, secret=None, signature="acs3") -> VodClient:
    host, port = hostport(service.aliyun_endpoint)
    config = Config(
        access_key_id=access_key_id or service.aliyun_access_key_id,
        access_key_secret=secret or service.aliyun_access_key_secret,
        endpoint=f"{host}:{port}",
        protocol="http",
        region_id=service.aliyun_region,
        read_timeout=30_000,
        connect_timeout=5_000,
    )
    if signature == "v2":
        config.signature_algorithm = "v2"
    else:
        assert signature == "acs3", signature
    client = VodClient(config)
    count_signing(client, signature)
    return client


def count_signing(client, signature):
    """Counts the client's requests by signing path, changing nothing: call_api sends through
    do_request (ACS3-HMAC-SHA256) unless signature_algorithm is "v2", then through do_rpcrequest
    (RPC HMAC-SHA1). `client.sent[client.signature]` is what this client should have used."""
    client.signature = signature
    client.sent = collections.Counter()
    for method, kind in (("do_request", "acs3"), ("do_rpcrequest", "v2")):
        original = getattr(client, method)

        def counting(*args, _original=original, _kind=kind, **kw):
            client.sent[_kind] += 1
            return _original(*args, **kw)

        setattr(client, method, counting)


def classic_client(service, access_key_id=None, secret=None) -> AcsClient:
    _, port = hostport(service.aliyun_endpoint)
    return AcsClient(
        access_key_id or service.aliyun_access_key_id,
        secret or service.aliyun_access_key_secret,
        service.aliyun_region,
        port=port,
        auto_retry=False,
        timeout=30,
    )


def classic_call(service, client, request) -> dict:
    """Sends a classic request class to loopback and returns the decoded JSON answer."""
    host, _ = hostport(service.aliyun_endpoint)
    request.set_endpoint(host)
    request.set_protocol_type("http")
    return json.loads(client.do_action_with_exception(request))


def decode(b64: str) -> dict:
    return json.loads(base64.b64decode(b64))


def method_name(action: str) -> str:
    """The Tea client's method of an action: GetVideoInfo → get_video_info."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", action).lower()


class Aliyun:
    """One Tea client (of either signature) plus the calls the tests share."""

    def __init__(self, service, signature="acs3"):
        assert service.aliyun_endpoint, "this vodesk binary prints no aliyun_endpoint: it predates the personality"
        self.service = service
        self.client = tea_client(service, signature=signature)
        self._groups = None

    def call(self, action, client=None, **fields):
        """Builds `<Action>Request` from wire-named `fields` with the SDK model's own from_map,
        sends it and returns the response body model."""
        req = getattr(models, action + "Request")().from_map(fields)
        unknown = set(fields) - set(req.to_map())
        assert not unknown, f"{action}Request has no field(s) {unknown}"
        client = client or self.client
        sent = sum(client.sent.values())
        rsp = getattr(client, method_name(action))(req)
        assert client.sent == {client.signature: client.sent[client.signature]}, client.sent
        assert sum(client.sent.values()) == sent + 1
        assert rsp.status_code == 200
        assert rsp.body.request_id
        return rsp.body

    def groups(self):
        if self._groups is None:
            self._groups = self.call("ListTranscodeTemplateGroup").transcode_template_group_list
        return self._groups

    def no_transcoding(self) -> str:
        """The built-in group that keeps the original as it is: Normal as soon as the object is stored."""
        found = [g.transcode_template_group_id for g in self.groups() if g.name == "No Transcoding"]
        assert len(found) == 1, [(g.name, g.transcode_template_group_id) for g in self.groups()]
        return found[0]

    def create(self, title, file_name="clip.mp4", **fields):
        """CreateUploadVideo; returns (response, decoded UploadAddress, decoded UploadAuth)."""
        rsp = self.call("CreateUploadVideo", Title=title, FileName=file_name, **fields)
        assert rsp.video_id
        return rsp, decode(rsp.upload_address), decode(rsp.upload_auth)

    def info(self, video_id):
        video = self.call("GetVideoInfo", VideoId=video_id).video
        assert video.video_id == video_id
        return video

    def upload(self, data: bytes, title: str, transcode=False, **fields):
        """CreateUploadVideo, one oss2 put_object, then wait until Normal. Returns the video id."""
        if not transcode:
            fields.setdefault("TemplateGroupId", self.no_transcoding())
        rsp, address, auth = self.create(title, FileSize=len(data), **fields)
        put = bucket_of(address, auth).put_object(address["FileName"], data)
        assert put.status == 200
        self.wait_normal(rsp.video_id)
        return rsp.video_id

    def wait_normal(self, video_id, timeout=SETTLE_SECONDS):
        """Polls GetVideoInfo until Normal; returns the statuses seen on the way, in order."""
        seen = []
        deadline = time.monotonic() + timeout
        while True:
            status = self.info(video_id).status
            if not seen or seen[-1] != status:
                seen.append(status)
            if status == "Normal":
                return seen
            assert status in ("Uploading", "UploadSucc", "Transcoding"), seen
            assert time.monotonic() < deadline, f"{video_id} not Normal after {timeout} s: {seen}"
            time.sleep(0.2)


def bucket_of(address: dict, auth: dict) -> oss2.Bucket:
    """oss2 at the upload address with the upload's STS key, as Alibaba's own upload SDK does."""
    sts = oss2.StsAuth(auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"])
    return oss2.Bucket(sts, address["Endpoint"], address["Bucket"], connect_timeout=30)


@pytest.fixture(scope="module")
def aly(service):
    return Aliyun(service)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    """26 MiB and a bit, written once per module: (path, bytes)."""
    data = payload(26 * MiB + 12_345, 1)
    path = tmp_path_factory.mktemp("aliyun") / "big.mp4"
    path.write_bytes(data)
    return path, data


def payload(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


def crc64(data: bytes) -> int:
    c = oss2.utils.Crc64(0)
    c.update(data)
    return c.crc


_tokens = itertools.count(1)


def token() -> str:
    """A word no other title in this module's service contains (each module has its own service)."""
    return "tok%04dx" % next(_tokens)


def get(url):
    return requests.get(url, proxies=NO_PROXY, timeout=30)


def tea_error(fn, *args, **kw) -> AlibabaCloudException:
    with pytest.raises(AlibabaCloudException) as e:
        fn(*args, **kw)
    assert e.value.request_id, f"no RequestId on {e.value}"
    return e.value


def classic_error(fn, *args, **kw) -> ServerException:
    with pytest.raises(ServerException) as e:
        fn(*args, **kw)
    assert e.value.get_request_id(), f"no RequestId on {e.value}"
    return e.value


def record_parts(bucket) -> list:
    """The part numbers `bucket` sends from now on (upload_part(key, upload_id, part_number, …))."""
    sent = []
    upload_part = bucket.upload_part

    def recording(key, upload_id, part_number, *args, **kw):
        sent.append(part_number)
        return upload_part(key, upload_id, part_number, *args, **kw)

    bucket.upload_part = recording
    return sent


# --- The whole life of a video -------------------------------------------------------------


@pytest.mark.parametrize(
    "upload, signature",
    [("put_object", "acs3"), ("put_object", "v2"), ("resumable_upload", "acs3")],
)
def test_upload_to_normal_download_update_search_delete(service, big_file, tmp_path, upload, signature):
    aly = Aliyun(service, signature)
    tok = token()
    title = f"life {tok} 生命周期"
    if upload == "put_object":
        data = payload(1 * MiB + 3, 2)
    else:
        path, data = big_file

    # The default template group transcodes, so the video passes through the upload and
    # transcoding states before Normal.
    rsp, address, auth = aly.create(
        title, file_name="C:\\videos\\life clip.mp4", FileSize=len(data), Description="first", Tags="a,b"
    )
    vid = rsp.video_id
    assert address["Endpoint"] == service.aliyun_oss_endpoint
    assert address["Bucket"] and address["FileName"]
    assert address["FileName"].endswith(".mp4")
    for field in ("AccessKeyId", "AccessKeySecret", "SecurityToken", "Expiration"):
        assert auth[field], (field, auth)
    assert aly.info(vid).status == "Uploading"

    bucket = bucket_of(address, auth)
    if upload == "put_object":
        put = bucket.put_object(address["FileName"], data)
        assert put.etag.strip('"').lower() == hashlib.md5(data).hexdigest()
    else:
        # A multipart threshold below the file's size: oss2 initiates, lists the parts, sends
        # 6 parts of 5 MiB (the last short) on 3 threads and completes.
        parts = record_parts(bucket)
        put = oss2.resumable_upload(
            bucket,
            address["FileName"],
            str(path),
            store=oss2.ResumableStore(root=str(tmp_path)),
            multipart_threshold=8 * MiB,
            part_size=5 * MiB,
            num_threads=3,
        )
        assert sorted(parts) == list(range(1, 7))
    assert put.status == 200
    # The service sends x-oss-hash-crc64ecma and oss2 (enable_crc, the default) has checked it.
    assert put.crc == crc64(data)

    # Statuses only move forward (how many a poll every 0.2 s catches depends on timing).
    order = ["Uploading", "UploadSucc", "Transcoding", "Normal"]
    seen = aly.wait_normal(vid)
    assert [order.index(s) for s in seen] == sorted(order.index(s) for s in seen), seen
    video = aly.info(vid)
    assert video.title == title
    assert video.description == "first"
    assert video.tags == "a,b"
    assert video.size == len(data)
    default_group = [g.transcode_template_group_id for g in aly.groups() if g.is_default == "Default"]
    assert [video.template_group_id] == default_group
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", video.creation_time)

    mezz = aly.call("GetMezzanineInfo", VideoId=vid).mezzanine
    assert mezz.video_id == vid
    assert mezz.size == len(data)
    got = get(mezz.file_url)
    assert got.status_code == 200
    assert hashlib.md5(got.content).hexdigest() == hashlib.md5(data).hexdigest()

    aly.call("UpdateVideoInfo", VideoId=vid, Title=f"edited {tok} 改名", Tags="x,y,z")
    video = aly.info(vid)
    assert video.title == f"edited {tok} 改名"
    assert video.tags == "x,y,z"  # Tags replaces the whole set
    assert video.description == "first"  # untouched fields stay

    found = aly.call("SearchMedia", Match=f"Title = '{tok}'")
    assert found.total == 1
    assert [m.media_id for m in found.media_list] == [vid]
    assert found.media_list[0].media_type == "video"
    assert found.media_list[0].video.title == f"edited {tok} 改名"
    assert aly.call("SearchMedia", Match=f"Title = 'life {tok}'").total == 0

    deleted = aly.call("DeleteVideo", VideoIds=vid)
    assert not deleted.non_exist_video_ids
    assert not deleted.forbidden_video_ids
    err = tea_error(aly.info, vid)
    assert (err.code, err.status_code) == ("InvalidVideo.NotFound", 404)
    assert aly.call("SearchMedia", Match=f"Title = '{tok}'").total == 0
    assert get(mezz.file_url).status_code in (403, 404)


# --- Uploads ---------------------------------------------------------------------------------


@pytest.fixture
def short_keys_service(monkeypatch):
    """A service whose upload keys last STS_SECONDS (VODESK_LOCAL_ALIYUN_STS_SECS)."""
    monkeypatch.setenv("VODESK_LOCAL_ALIYUN_STS_SECS", str(STS_SECONDS))
    svc = Service(["--no-throttle"])
    yield svc
    svc.stop()


STS_SECONDS = 2


def test_refresh_upload_video_continues_after_the_key_expired(short_keys_service, tmp_path):
    # oss2's resumable upload sends two parts, then (its progress callback waiting) the key
    # expires and the third part is refused SecurityTokenExpired. RefreshUploadVideo gives a new
    # key for the same address, and the same resumable upload with the new key finds the
    # unfinished upload (ListParts) and sends only the missing parts.
    aly = Aliyun(short_keys_service)
    part = 256 * 1024
    data = payload(4 * part + 77, 3)
    path = tmp_path / "resume.mp4"
    path.write_bytes(data)
    kw = dict(store=oss2.ResumableStore(root=str(tmp_path)), multipart_threshold=part, part_size=part, num_threads=1)
    rsp, address, auth = aly.create("refresh " + token(), FileSize=len(data), TemplateGroupId=aly.no_transcoding())
    vid = rsp.video_id
    assert auth["Expiration"] == str(STS_SECONDS)
    expires = time.time() + STS_SECONDS

    def wait_for_expiry_after_two_parts(consumed, total):
        if consumed == 2 * part:
            time.sleep(max(0.0, expires - time.time()) + 1.1)

    first = bucket_of(address, auth)
    sent_first = record_parts(first)
    with pytest.raises(oss2.exceptions.OssError) as e:
        oss2.resumable_upload(
            first, address["FileName"], str(path), progress_callback=wait_for_expiry_after_two_parts, **kw
        )
    assert e.value.code == "SecurityTokenExpired"
    assert sent_first == [1, 2, 3]
    assert aly.info(vid).status == "Uploading"

    refreshed = aly.call("RefreshUploadVideo", VideoId=vid)
    assert refreshed.video_id == vid
    new_address, new_auth = decode(refreshed.upload_address), decode(refreshed.upload_auth)
    assert new_address == address
    assert new_auth["AccessKeyId"] != auth["AccessKeyId"]
    assert new_auth["AccessKeySecret"] != auth["AccessKeySecret"]
    assert new_auth["SecurityToken"] != auth["SecurityToken"]

    second = bucket_of(new_address, new_auth)
    sent_second = record_parts(second)
    put = oss2.resumable_upload(second, new_address["FileName"], str(path), **kw)
    assert sorted(sent_second) == [3, 4, 5]
    assert put.status == 200
    assert put.crc == crc64(data)

    # oss2 checks the whole object's CRC-64 on a GET too.
    got = second.get_object(new_address["FileName"])
    assert got.read() == data
    assert got.server_crc == crc64(data)

    aly.wait_normal(vid)
    assert get(aly.call("GetMezzanineInfo", VideoId=vid).mezzanine.file_url).content == data


def test_upload_key_writes_only_its_own_object(aly):
    mine, address, auth = aly.create("scoped " + token())
    _, other_address, _ = aly.create("other " + token())
    bucket = bucket_of(address, auth)
    for key in (other_address["FileName"], "sv/elsewhere-" + token() + "/x.mp4"):
        with pytest.raises(oss2.exceptions.OssError) as e:
            bucket.put_object(key, b"not here")
        assert e.value.status == 403, key
        assert e.value.code == "AccessDenied", key
        assert e.value.request_id
    bucket.put_object(address["FileName"], b"here")
    assert aly.info(mine.video_id).size == 4


# oss2 signs the query parameters of its own sub-resource list into the V1 CanonicalizedResource
# (oss2.auth.ProviderAuth._subresource_key_set), which has names OBS and S3 lack: `objectMeta`,
# `sequential`, and `security-token`, the STS token of a pre-signed URL.


def test_oss_get_object_meta_and_object_exists(aly):
    rsp, address, auth = aly.create("meta " + token())
    bucket, key = bucket_of(address, auth), address["FileName"]
    data = payload(1234, 14)
    bucket.put_object(key, data)
    head = bucket.head_object(key)  # plain HEAD: accepted
    assert head.content_length == len(data)
    meta = bucket.get_object_meta(key)
    exists = bucket.object_exists(key)
    assert meta.content_length == len(data)
    assert meta.etag.lower() == hashlib.md5(data).hexdigest()
    assert exists


def test_oss_sequential_multipart_upload(aly, tmp_path):
    # resumable_upload passes params={"sequential": ""} on to InitiateMultipartUpload
    # (POST /<bucket>/<key>?sequential&uploads), as oss2 documents.
    data = payload(700_000, 15)
    path = tmp_path / "sequential.mp4"
    path.write_bytes(data)
    rsp, address, auth = aly.create("sequential " + token(), TemplateGroupId=aly.no_transcoding())
    bucket = bucket_of(address, auth)
    put = oss2.resumable_upload(
        bucket,
        address["FileName"],
        str(path),
        store=oss2.ResumableStore(root=str(tmp_path)),
        multipart_threshold=200 * 1024,
        part_size=256 * 1024,
        params={"sequential": ""},
    )
    assert put.crc == crc64(data)
    aly.wait_normal(rsp.video_id)
    assert get(aly.call("GetMezzanineInfo", VideoId=rsp.video_id).mezzanine.file_url).content == data


def test_oss_presigned_url_with_the_upload_key(aly):
    # Bucket.sign_url with StsAuth puts the token in the query: ?security-token=…&OSSAccessKeyId=
    # STS.…&Expires=…&Signature=…, the token signed as the sub-resource `security-token`.
    rsp, address, auth = aly.create("presigned " + token())
    bucket, key = bucket_of(address, auth), address["FileName"]
    data = payload(2000, 16)
    headers = {"Content-Type": "video/mp4"}
    put_url = bucket.sign_url("PUT", key, 300, headers=headers)
    put = requests.put(put_url, data=data, headers=headers, proxies=NO_PROXY, timeout=30)
    assert put.status_code == 200, put.text
    got = requests.get(bucket.sign_url("GET", key, 300), proxies=NO_PROXY, timeout=30)
    assert got.status_code == 200 and got.content == data
    assert aly.info(rsp.video_id).size == len(data)


def test_cover_from_create_upload_image(aly):
    image = aly.call("CreateUploadImage", ImageType="cover", ImageExt="jpg", Title="cover " + token())
    assert image.image_id and image.image_url
    address, auth = decode(image.upload_address), decode(image.upload_auth)
    assert address["Endpoint"] == aly.service.aliyun_oss_endpoint
    assert address["FileName"].endswith(".jpg")
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + payload(3000, 4)
    bucket_of(address, auth).put_object(address["FileName"], jpeg)
    info = aly.call("GetImageInfo", ImageId=image.image_id).image_info
    assert info.status == "Normal"
    assert info.image_type == "cover"
    assert get(image.image_url).content == jpeg

    vid = aly.upload(payload(5000, 5), "with cover " + token())
    before = aly.info(vid).cover_url  # the service's own first-frame cover, if any
    aly.call("UpdateVideoInfo", VideoId=vid, CoverURL=image.image_url)
    cover_url = aly.info(vid).cover_url
    assert cover_url and cover_url != before
    got = get(cover_url)
    assert got.status_code == 200 and got.content == jpeg


# --- Playback, review, listing ---------------------------------------------------------------


def test_get_play_info_of_a_normal_video(aly):
    data = payload(70_000, 6)
    title = "play " + token()
    vid = aly.upload(data, title, file_name="play.mp4")
    rsp = aly.call("GetPlayInfo", VideoId=vid)
    assert rsp.video_base.video_id == vid
    assert rsp.video_base.title == title
    assert rsp.video_base.status == "Normal"
    plays = rsp.play_info_list.play_info
    assert len(plays) == 1  # no transcoding: the original plays
    assert plays[0].format == "mp4"
    assert plays[0].size == len(data)
    assert get(plays[0].play_url).content == data


def test_get_play_info_of_a_transcoded_video(aly):
    # The default group transcodes to more than one definition; the local service plays the
    # original bytes for each.
    data = payload(9000, 7)
    vid = aly.upload(data, "transcoded " + token(), transcode=True)
    plays = aly.call("GetPlayInfo", VideoId=vid).play_info_list.play_info
    assert len(plays) >= 1
    assert len({p.definition for p in plays}) == len(plays)
    for p in plays:
        assert p.format == "mp4" and p.status == "Normal"
        assert get(p.play_url).content == data
    only_mp4 = aly.call("GetPlayInfo", VideoId=vid, Formats="mp4").play_info_list.play_info
    assert [p.definition for p in only_mp4] == [p.definition for p in plays]


def test_audit_blocks_and_restores_a_video(aly):
    data = payload(4096, 8)
    vid = aly.upload(data, "audit " + token())
    assert aly.info(vid).audit_status == "Init"

    aly.call("CreateAudit", AuditContent=json.dumps([{"VideoId": vid, "Status": "Blocked", "Reason": "test"}]))
    video = aly.info(vid)
    assert video.status == "Blocked"
    assert video.audit_status == "Blocked"
    err = tea_error(aly.call, "GetPlayInfo", VideoId=vid)
    assert err.code == "Forbidden.IllegalStatus"

    aly.call("CreateAudit", AuditContent=json.dumps([{"VideoId": vid, "Status": "Normal"}]))
    video = aly.info(vid)
    assert video.status == "Normal"
    assert video.audit_status == "Normal"
    assert get(aly.call("GetPlayInfo", VideoId=vid).play_info_list.play_info[0].play_url).content == data

    history = aly.call("GetAuditHistory", VideoId=vid, SortBy="CreationTime:Asc")
    assert history.status == "Normal"
    assert history.total == 2
    assert [(h.status, h.reason) for h in history.histories] == [("Blocked", "test"), ("Normal", "")]


def test_get_video_list_paging(aly):
    cate = aly.call("AddCategory", CateName="list " + token()).category.cate_id
    ids = []
    for i in range(5):
        time.sleep(0.005)  # distinct creation times (milliseconds) make the order certain
        ids.append(aly.create(f"list {i} " + token(), CateId=cate)[0].video_id)

    def page(no, size, order="Asc", **kw):
        rsp = aly.call(
            "GetVideoList", CateId=cate, PageNo=no, PageSize=size, SortBy=f"CreationTime:{order}", **kw
        )
        return rsp.total, [v.video_id for v in rsp.video_list.video]

    assert page(1, 2) == (5, ids[0:2])
    assert page(2, 2) == (5, ids[2:4])
    assert page(3, 2) == (5, ids[4:5])
    assert page(4, 2) == (5, [])
    assert page(1, 3, "Desc") == (5, ids[::-1][:3])
    assert page(1, 100) == (5, ids)
    # Status filters what is counted.
    assert page(1, 10, Status="Normal") == (0, [])
    assert page(1, 10, Status="Uploading") == (5, ids)
    video = aly.call("GetVideoList", CateId=cate, PageSize=1).video_list.video[0]
    assert video.cate_id == cate
    assert video.status == "Uploading"
    err = tea_error(aly.call, "GetVideoList", PageSize=101)
    assert err.code.startswith("InvalidParameter")


def test_list_transcode_template_group(aly):
    groups = aly.groups()
    assert groups
    assert all(g.transcode_template_group_id and g.name for g in groups)
    assert [g.is_default for g in groups].count("Default") == 1
    assert {g.is_default for g in groups} <= {"Default", "NotDefault"}
    assert {g.locked for g in groups} <= {"Enabled", "Disabled"}
    default = next(g for g in groups if g.is_default == "Default")
    no_transcoding = aly.no_transcoding()
    assert default.transcode_template_group_id != no_transcoding

    # A video takes the group it is created with, else the default one.
    rsp, _, _ = aly.create("group " + token(), TemplateGroupId=no_transcoding)
    assert aly.info(rsp.video_id).template_group_id == no_transcoding
    rsp, _, _ = aly.create("default group " + token())
    assert aly.info(rsp.video_id).template_group_id == default.transcode_template_group_id
    err = tea_error(aly.create, "bad group " + token(), TemplateGroupId="0" * 32)
    assert err.code.startswith("InvalidParameter")


# --- Categories ------------------------------------------------------------------------------


def test_category_crud(aly):
    tok = token()
    top = aly.call("AddCategory", CateName=f"top {tok}").category
    assert (top.level, top.parent_id, top.cate_name) == (0, -1, f"top {tok}")
    mid = aly.call("AddCategory", CateName=f"mid {tok}", ParentId=top.cate_id).category
    assert (mid.level, mid.parent_id) == (1, top.cate_id)
    low = aly.call("AddCategory", CateName=f"low {tok}", ParentId=mid.cate_id).category
    assert (low.level, low.parent_id) == (2, mid.cate_id)
    # Three levels at most.
    err = tea_error(aly.call, "AddCategory", CateName=f"too deep {tok}", ParentId=low.cate_id)
    assert err.code.startswith("InvalidParameter") and err.status_code == 400

    roots = aly.call("GetCategories", CateId=-1, PageSize=100)
    listed = {c.cate_id: c for c in roots.sub_categories.category}
    assert listed[top.cate_id].cate_name == f"top {tok}"
    assert listed[top.cate_id].sub_total == 1
    rsp = aly.call("GetCategories", CateId=top.cate_id)
    assert rsp.category.cate_name == f"top {tok}"
    assert [c.cate_id for c in rsp.sub_categories.category] == [mid.cate_id]
    assert rsp.sub_total == 1

    aly.call("UpdateCategory", CateId=mid.cate_id, CateName=f"renamed {tok}")
    assert aly.call("GetCategories", CateId=mid.cate_id).category.cate_name == f"renamed {tok}"

    rsp, _, _ = aly.create(f"in category {tok}", CateId=low.cate_id)
    video = aly.info(rsp.video_id)
    assert (video.cate_id, video.cate_name) == (low.cate_id, f"low {tok}")
    found = aly.call("SearchMedia", Match=f"CateId = {low.cate_id}")
    assert [m.media_id for m in found.media_list] == [rsp.video_id]

    # Deleting a category deletes its subcategories; their videos fall back to no category.
    aly.call("DeleteCategory", CateId=top.cate_id)
    roots = aly.call("GetCategories", CateId=-1, PageSize=100)
    assert top.cate_id not in {c.cate_id for c in roots.sub_categories.category}
    for gone in (top, mid, low):
        err = tea_error(aly.call, "GetCategories", CateId=gone.cate_id)
        assert err.status_code == 404, err.code
    assert aly.info(rsp.video_id).cate_id is None
    err = tea_error(aly.create, f"unknown category {tok}", CateId=low.cate_id)
    assert err.code.startswith("InvalidParameter")


# --- Search ----------------------------------------------------------------------------------


def test_search_media_match(aly):
    tok = token()
    a = aly.upload(payload(100, 9), f"alpha {tok}", Tags="red")
    b = aly.upload(payload(101, 10), f"beta {tok}", Tags="green,blue")
    pending, _, _ = aly.create(f"gamma {tok}")

    def ids(match, **kw):
        rsp = aly.call("SearchMedia", Match=match, SortBy="CreationTime:Asc", **kw)
        assert rsp.total == len(rsp.media_list)
        return [m.media_id for m in rsp.media_list]

    assert ids(f"Title = '{tok}'") == [a, b, pending.video_id]
    assert ids(f"Title = 'beta {tok}'") == [b]
    assert ids(f"Title = '{tok}' and Status = 'Normal'") == [a, b]
    assert ids(f"Title = '{tok}' and Status in ('Uploading')") == [pending.video_id]
    assert ids(f"Title = '{tok}' and Tags = 'blue'") == [b]
    assert ids(f"VideoId in ('{a}', '{pending.video_id}')") == [a, pending.video_id]
    assert ids(f"Title = 'nothing-{token()}'") == []
    first = aly.call("SearchMedia", Match=f"Title = '{tok}'", SortBy="CreationTime:Asc", PageNo=2, PageSize=2)
    assert first.total == 3
    assert [m.media_id for m in first.media_list] == [pending.video_id]


# --- Signatures and parameter encoding -------------------------------------------------------


@pytest.mark.parametrize("signature", ["acs3", "v2"])
def test_parameter_values_survive_signing(service, signature):
    # ACS3 sends spaces as '+' but signs them as %20; RPC encodes twice. Reserved characters,
    # non-ASCII text and a JSON string reach the service intact either way.
    aly = Aliyun(service, signature)
    tok = token()
    title = f"{tok} a+b & c=d %20 ~*'! 中文 🎬"
    rsp, _, _ = aly.create(title, file_name="x y*z.mp4", Description="line one\nline two", UserData='{"Extend":{"k":"v w"}}')
    video = aly.info(rsp.video_id)
    assert video.title == title
    assert video.description == "line one\nline two"
    assert json.loads(video.user_data) == {"Extend": {"k": "v w"}}
    aly.call("UpdateVideoInfo", VideoId=rsp.video_id, Title=title + " 2", Tags="标签 one,two+three")
    video = aly.info(rsp.video_id)
    assert video.title == title + " 2"
    assert video.tags == "标签 one,two+three"
    assert [m.media_id for m in aly.call("SearchMedia", Match=f"Title = '{tok} a+b & c=d'").media_list] == [
        rsp.video_id
    ]


@pytest.mark.parametrize("signature", ["acs3", "v2"])
def test_wrong_secret_is_signature_does_not_match(service, signature):
    client = tea_client(service, secret="x" * 30, signature=signature)
    err = tea_error(Aliyun(service).call, "ListTranscodeTemplateGroup", client=client)
    assert (err.code, err.status_code) == ("SignatureDoesNotMatch", 400)
    # The server's string to sign follows a ':' in the message (what the classic SDK compares).
    assert ":" in err.message


@pytest.mark.parametrize("signature", ["acs3", "v2"])
def test_unknown_access_key_id(service, signature):
    client = tea_client(service, access_key_id="LTAI" + "0" * 20, signature=signature)
    err = tea_error(Aliyun(service).call, "ListTranscodeTemplateGroup", client=client)
    assert client.sent == {signature: 1}
    assert err.code == "InvalidAccessKeyId.NotFound"
    assert err.status_code in (400, 404)


def test_throttling_user_with_retry_after():
    # A service with its documented per-account limits (DeleteCategory: 10 per second): the Tea
    # SDK raises ThrottlingException with retry_after from x-acs-retry-after.
    svc = Service()
    try:
        aly = Aliyun(svc)
        codes = []
        for _ in range(30):
            err = tea_error(aly.call, "DeleteCategory", CateId=987654321)
            codes.append(err.code)
            if isinstance(err, ThrottlingException):
                break
        assert codes[0] == "NoSuchResource"
        assert codes[-1] == "Throttling.User", codes
        assert err.status_code == 400
        assert err.retry_after and err.retry_after > 0
    finally:
        svc.stop()


# --- Errors ----------------------------------------------------------------------------------


def test_unknown_video_id(aly):
    unknown = "%032x" % random.Random(11).getrandbits(128)
    for action, fields in (
        ("GetVideoInfo", {}),
        ("GetMezzanineInfo", {}),
        ("GetPlayInfo", {}),
        ("UpdateVideoInfo", {"Title": "x"}),
        ("RefreshUploadVideo", {}),
    ):
        err = tea_error(aly.call, action, VideoId=unknown, **fields)
        assert (err.code, err.status_code) == ("InvalidVideo.NotFound", 404), action
    assert aly.call("DeleteVideo", VideoIds=unknown).non_exist_video_ids == [unknown]

    vid = aly.upload(payload(10, 12), "known " + token())
    rsp = aly.call("GetVideoInfos", VideoIds=f"{vid},{unknown}")
    assert [v.video_id for v in rsp.video_list] == [vid]
    assert rsp.non_exist_video_ids == [unknown]


def test_parameter_limits(aly):
    # CreateUploadVideo counts characters, UpdateVideoInfo bytes (§B.5, §B.8).
    err = tea_error(aly.create, "t" * 129)
    assert err.code.startswith("InvalidParameter") and err.status_code == 400
    rsp, _, _ = aly.create("标" * 128)  # 128 characters, 384 bytes
    vid = rsp.video_id
    assert aly.info(vid).title == "标" * 128

    for fields in (
        {"Title": "t" * 129},
        {"Title": "标" * 43},  # 43 characters, 129 bytes
        {"Tags": ",".join(f"t{i}" for i in range(17))},
        {"Tags": "t" * 33},
        {"Description": "d" * 1025},
    ):
        err = tea_error(aly.call, "UpdateVideoInfo", VideoId=vid, **fields)
        assert err.code.startswith("InvalidParameter") and err.status_code == 400, fields
    assert aly.info(vid).title == "标" * 128  # refused calls changed nothing

    aly.call("UpdateVideoInfo", VideoId=vid, Title="标" * 42 + "tt", Tags=",".join("t" * 32 for _ in range(1)))
    video = aly.info(vid)
    assert video.title == "标" * 42 + "tt"  # 128 bytes
    assert video.tags == "t" * 32

    err = tea_error(aly.call, "CreateUploadVideo", Title="no extension " + token(), FileName="noext")
    assert err.code.startswith("InvalidParameter")
    err = tea_error(aly.call, "CreateUploadVideo", FileName="x.mp4")
    assert err.code == "MissingParameter"


# --- The classic SDK (aliyun-python-sdk-core + aliyun-python-sdk-vod) --------------------------


def test_classic_sdk_create_upload_get_update_delete(service, aly):
    client = classic_client(service)
    tok = token()
    data = payload(200_000, 13)

    req = CreateUploadVideoRequest.CreateUploadVideoRequest()
    req.set_Title(f"classic {tok} 经典 a+b")
    req.set_FileName("classic clip*.mp4")
    req.set_FileSize(len(data))
    req.set_Tags("one,two")
    req.set_TemplateGroupId(aly.no_transcoding())
    created = classic_call(service, client, req)
    vid = created["VideoId"]
    assert created["RequestId"]
    address, auth = decode(created["UploadAddress"]), decode(created["UploadAuth"])
    assert address["Endpoint"] == service.aliyun_oss_endpoint

    put = bucket_of(address, auth).put_object(address["FileName"], data)
    assert put.crc == crc64(data)

    req = GetVideoInfoRequest.GetVideoInfoRequest()
    req.set_VideoId(vid)
    deadline = time.monotonic() + SETTLE_SECONDS
    while (video := classic_call(service, client, req)["Video"])["Status"] != "Normal":
        assert time.monotonic() < deadline, video
        time.sleep(0.2)
    assert video["VideoId"] == vid
    assert video["Title"] == f"classic {tok} 经典 a+b"
    assert video["Size"] == len(data)
    assert video["Tags"] == "one,two"

    upd = UpdateVideoInfoRequest.UpdateVideoInfoRequest()
    upd.set_VideoId(vid)
    upd.set_Title(f"classic {tok} edited")
    classic_call(service, client, upd)
    assert classic_call(service, client, req)["Video"]["Title"] == f"classic {tok} edited"
    # The Tea client sees what the classic one did.
    assert aly.info(vid).title == f"classic {tok} edited"

    delete = DeleteVideoRequest.DeleteVideoRequest()
    delete.set_VideoIds(vid)
    assert classic_call(service, client, delete)["NonExistVideoIds"] == []
    err = classic_error(classic_call, service, client, req)
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidVideo.NotFound", 404)


def test_classic_sdk_wrong_secret_is_invalid_access_key_secret(service):
    # On SignatureDoesNotMatch the classic core compares the server's string to sign (after ':')
    # with its own; equal means the request was intact and the secret is wrong.
    client = classic_client(service, secret="x" * 30)
    req = GetVideoInfoRequest.GetVideoInfoRequest()
    req.set_VideoId("0" * 32)
    err = classic_error(classic_call, service, client, req)
    assert (err.get_error_code(), err.get_http_status()) == ("InvalidAccessKeySecret", 400)


def test_classic_sdk_unknown_access_key_id(service):
    client = classic_client(service, access_key_id="LTAI" + "0" * 20)
    req = GetVideoInfoRequest.GetVideoInfoRequest()
    req.set_VideoId("0" * 32)
    err = classic_error(classic_call, service, client, req)
    assert err.get_error_code() == "InvalidAccessKeyId.NotFound"
