"""The official Tencent Cloud Python SDKs, unchanged, against the Tencent personality of `vodesk serve`.

- API calls: tencentcloud-sdk-python-vod 3.1.194 on tencentcloud-sdk-python-common 3.1.195,
  addressed as `HttpProfile(protocol="http", endpoint="127.0.0.1:PORT")` (no scheme in the
  endpoint: the SDK would sign `Host: http://…`).
- Uploads: cos-python-sdk-v5 1.9.44 with the `ApplyUpload` TempCertificate, addressed as
  `CosConfig(IP="127.0.0.1", Port=PORT, Scheme="http")`, so that the SDK connects to loopback but
  sends and signs `Host: <StorageBucket>.cos.<StorageRegion>.myqcloud.com`.

Run: VODESK_BIN=<path to vodesk> .venv/bin/pytest tests/conformance/test_tencent_sdk.py
"""
import base64
import hashlib
import io
import itertools
import json
import random
import time
import types

import pytest
import requests
from qcloud_cos import CosConfig, CosS3Client
from qcloud_cos.cos_exception import CosServiceError
from tencentcloud.common import abstract_client, credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.vod.v20180717 import models, vod_client

from conftest import NO_PROXY, hostport

pytestmark = pytest.mark.usefixtures("no_proxies")


def new_client(service, secret_id=None, secret_key=None, method="POST"):
    host, port = hostport(service.tencent_endpoint)
    http = HttpProfile(protocol="http", endpoint=f"{host}:{port}", reqTimeout=30, reqMethod=method)
    profile = ClientProfile(httpProfile=http)
    cred = credential.Credential(secret_id or service.tencent_secret_id, secret_key or service.tencent_secret_key)
    return vod_client.VodClient(cred, service.tencent_region, profile)


class Tencent:
    """One SDK client plus the calls the tests share."""

    def __init__(self, service):
        assert service.tencent_endpoint, "this vodesk binary prints no tencent_endpoint: it predates the personality"
        self.service = service
        self.sub_app_id = service.tencent_subappid
        self.client = new_client(service)

    def call(self, action, client=None, **fields):
        """Build `<Action>Request` from `fields` as the SDK's own models do, send it and return the
        SDK's response model. `SubAppId` is filled in wherever the request has it."""
        req = getattr(models, action + "Request")()
        known = set(req._serialize(allow_none=True))
        if "SubAppId" in known:
            fields.setdefault("SubAppId", self.sub_app_id)
        unknown = set(fields) - known
        assert not unknown, f"{action}Request has no field(s) {unknown}"
        req.from_json_string(json.dumps(fields))
        return getattr(client or self.client, action)(req)

    def cos(self, apply):
        """A COS client for the session's bucket and region with its temporary certificate."""
        cert = apply.TempCertificate
        host, port = hostport(self.service.tencent_cos_endpoint)
        config = CosConfig(
            Region=apply.StorageRegion,
            SecretId=cert.SecretId,
            SecretKey=cert.SecretKey,
            Token=cert.Token,
            IP=host,
            Port=port,
            Scheme="http",
        )
        return CosS3Client(config, retry=1)

    def apply(self, name, media_type="mp4", **fields):
        return self.call("ApplyUpload", MediaType=media_type, MediaName=name, **fields)

    def upload(self, data: bytes, name: str, **apply_fields):
        """ApplyUpload, one COS PUT, CommitUpload. Returns (ApplyUpload, CommitUpload) responses."""
        apply = self.apply(name, **apply_fields)
        put = self.cos(apply).put_object(Bucket=apply.StorageBucket, Body=data, Key=apply.MediaStoragePath[1:])
        assert header(put, "ETag").strip('"') == hashlib.md5(data).hexdigest()
        commit = self.call("CommitUpload", VodSessionKey=apply.VodSessionKey)
        return apply, commit

    def describe(self, *file_ids, **fields):
        return self.call("DescribeMediaInfos", FileIds=list(file_ids), **fields)

    def info(self, file_id):
        rsp = self.describe(file_id)
        assert not rsp.NotExistFileIdSet, rsp.NotExistFileIdSet
        assert [m.FileId for m in rsp.MediaInfoSet] == [file_id]
        return rsp.MediaInfoSet[0]

    def classes(self):
        return {c.ClassId: c for c in self.call("DescribeAllClass").ClassInfoSet or []}

    def create_class(self, name, parent=-1):
        class_id = self.call("CreateClass", ParentId=parent, ClassName=name).ClassId
        assert isinstance(class_id, int)
        return class_id


@pytest.fixture(scope="module")
def tc(service):
    return Tencent(service)


def payload(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


_tokens = itertools.count(1)


def token() -> str:
    """A word no other name in this module's service contains (each module has its own service)."""
    return "tok%04dx" % next(_tokens)


def header(headers: dict, name: str):
    """A response header from a COS SDK result. The SDK returns `dict(**response.headers)`, which
    keeps the server's spelling of each name (see test_cos_result_headers_keep_cos_spelling)."""
    found = [v for k, v in headers.items() if k.lower() == name.lower()]
    assert len(found) == 1, (name, headers)
    return found[0]


def get(url):
    return requests.get(url, proxies=NO_PROXY, timeout=30)


def sdk_error(fn, *args, **kw) -> TencentCloudSDKException:
    with pytest.raises(TencentCloudSDKException) as e:
        fn(*args, **kw)
    assert e.value.requestId, f"no RequestId on {e.value}"
    return e.value


def test_apply_put_commit_describe(tc):
    data = payload(300_000, 1)
    name = "单次上传 " + token()
    apply = tc.apply(name)
    assert apply.StorageBucket and apply.StorageRegion and apply.VodSessionKey
    assert apply.MediaStoragePath.startswith("/") and len(apply.MediaStoragePath) > 1
    cert = apply.TempCertificate
    assert cert.SecretId and cert.SecretKey and cert.Token
    assert cert.ExpiredTime > time.time()
    assert apply.RequestId

    # EnableMD5: the SDK sends (and signs) Content-MD5; the other uploads go without it.
    put = tc.cos(apply).put_object(
        Bucket=apply.StorageBucket, Body=data, Key=apply.MediaStoragePath[1:], EnableMD5=True
    )
    assert header(put, "ETag").strip('"') == hashlib.md5(data).hexdigest()

    commit = tc.call("CommitUpload", VodSessionKey=apply.VodSessionKey)
    assert commit.FileId and commit.MediaUrl and commit.RequestId

    media = tc.info(commit.FileId)
    assert media.BasicInfo.Name == name
    assert media.BasicInfo.Status == "Normal"
    assert media.BasicInfo.MediaUrl
    if media.MetaData is not None and media.MetaData.Size is not None:
        assert media.MetaData.Size == len(data)

    got = get(commit.MediaUrl)
    assert got.status_code == 200
    assert got.content == data
    assert get(media.BasicInfo.MediaUrl).content == data


def record_parts(cos) -> list:
    """The part numbers `cos` sends from now on (upload_file's workers call
    upload_part(Bucket, Key, Body, PartNumber, UploadId, ...))."""
    sent = []
    upload_part = cos.upload_part

    def recording(*args, **kw):
        sent.append(kw["PartNumber"] if "PartNumber" in kw else args[3])
        return upload_part(*args, **kw)

    cos.upload_part = recording
    return sent


def test_multipart_upload_file(tc, tmp_path):
    size = 26 * 1024 * 1024 + 12_345  # 7 parts of 4 MiB, the last one short
    data = payload(size, 2)
    path = tmp_path / "big.mp4"
    path.write_bytes(data)
    name = "multipart " + token()
    apply = tc.apply(name)
    cos = tc.cos(apply)

    parts = record_parts(cos)
    rsp = cos.upload_file(
        Bucket=apply.StorageBucket, Key=apply.MediaStoragePath[1:], LocalFilePath=str(path), PartSize=4, MAXThread=3
    )
    assert rsp["ETag"]
    assert sorted(parts) == list(range(1, 8))

    commit = tc.call("CommitUpload", VodSessionKey=apply.VodSessionKey)
    media = tc.info(commit.FileId)
    assert media.BasicInfo.Name == name
    if media.MetaData is not None and media.MetaData.Size is not None:
        assert media.MetaData.Size == size
    got = get(commit.MediaUrl)
    assert got.status_code == 200
    assert hashlib.sha256(got.content).hexdigest() == hashlib.sha256(data).hexdigest()


def test_cover_and_cos_reads_with_the_certificate(tc):
    media, cover = payload(7000, 3), b"\xff\xd8\xff\xe0 cover " + payload(500, 4)
    apply = tc.apply("with cover " + token(), CoverType="jpg")
    assert apply.CoverStoragePath.startswith("/") and apply.CoverStoragePath != apply.MediaStoragePath
    cos = tc.cos(apply)
    bucket, key = apply.StorageBucket, apply.MediaStoragePath[1:]
    cos.put_object(Bucket=bucket, Body=media, Key=key)
    cos.put_object(Bucket=bucket, Body=cover, Key=apply.CoverStoragePath[1:])
    # The session's certificate reads back what it wrote.
    head = cos.head_object(Bucket=bucket, Key=key)
    assert int(header(head, "Content-Length")) == len(media)
    assert cos.get_object(Bucket=bucket, Key=key)["Body"].get_raw_stream().read() == media

    commit = tc.call("CommitUpload", VodSessionKey=apply.VodSessionKey)
    assert commit.CoverUrl
    assert get(commit.CoverUrl).content == cover
    assert tc.info(commit.FileId).BasicInfo.CoverUrl == commit.CoverUrl
    assert get(commit.MediaUrl).content == media


def test_upload_file_resumes_an_interrupted_multipart_upload(tc, tmp_path):
    # upload_file looks for an unfinished upload of its key (bucket-level GET ?uploads&prefix=,
    # encoding-type=url), checks the parts already there (ListParts, MD5 per part) and sends only
    # the rest.
    data = payload(5 * 1024 * 1024 + 7, 5)
    path = tmp_path / "resume.mp4"
    path.write_bytes(data)
    apply = tc.apply("resumed " + token())
    cos = tc.cos(apply)
    bucket, key = apply.StorageBucket, apply.MediaStoragePath[1:]
    upload_id = cos.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    cos.upload_part(Bucket=bucket, Key=key, Body=data[: 1024 * 1024], PartNumber=1, UploadId=upload_id)
    cos.upload_part(Bucket=bucket, Key=key, Body=data[1024 * 1024 : 2 * 1024 * 1024], PartNumber=2, UploadId=upload_id)
    listed = cos.list_multipart_uploads(Bucket=bucket, Prefix=key)["Upload"]
    assert [(u["Key"], u["UploadId"]) for u in listed] == [(key, upload_id)]

    sent = record_parts(cos)
    cos.upload_file(Bucket=bucket, Key=key, LocalFilePath=str(path), PartSize=1, MAXThread=2)
    assert sorted(sent) == [3, 4, 5, 6]
    assert not cos.list_multipart_uploads(Bucket=bucket, Prefix=key).get("Upload")

    commit = tc.call("CommitUpload", VodSessionKey=apply.VodSessionKey)
    assert get(commit.MediaUrl).content == data


def test_abort_multipart_upload(tc):
    apply = tc.apply("aborted " + token())
    cos = tc.cos(apply)
    bucket, key = apply.StorageBucket, apply.MediaStoragePath[1:]
    upload_id = cos.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    cos.upload_part(Bucket=bucket, Key=key, Body=b"part", PartNumber=1, UploadId=upload_id)
    cos.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
    assert not cos.list_multipart_uploads(Bucket=bucket, Prefix=key).get("Upload")
    with pytest.raises(CosServiceError) as e:
        cos.list_parts(Bucket=bucket, Key=key, UploadId=upload_id)
    assert e.value.get_status_code() == 404
    assert e.value.get_error_code() == "NoSuchUpload"


@pytest.fixture(scope="module")
def library(tc):
    """Three media in a fresh class tree, created a second apart (CreateTime has second
    resolution): alpha and beta in the class, gamma in its subclass; beta is tagged."""
    tok = token()
    parent = tc.create_class("search " + tok)
    child = tc.create_class("search child " + tok, parent)
    ids = {}
    for i, (key, class_id) in enumerate((("alpha", parent), ("beta", parent), ("gamma", child))):
        if i:
            time.sleep(1.1)
        _, commit = tc.upload(payload(1000 + i, 10 + i), f"{key} {tok}", ClassId=class_id)
        ids[key] = commit.FileId
    tag = "tag" + tok
    tc.call("ModifyMediaInfo", FileId=ids["beta"], AddTags=[tag])
    return types.SimpleNamespace(tok=tok, parent=parent, child=child, ids=ids, tag=tag)


def found(rsp):
    return [m.FileId for m in rsp.MediaInfoSet or []]


def test_search_by_name_class_and_tags(tc, library):
    ids = library.ids
    rsp = tc.call("SearchMedia", Names=[library.tok])
    assert rsp.TotalCount == 3
    assert set(found(rsp)) == set(ids.values())
    assert ids["beta"] in found(tc.call("SearchMedia", Names=["beta " + library.tok]))
    assert tc.call("SearchMedia", Names=["nothing-" + token()]).TotalCount == 0

    # ClassIds matches the class and all its subclasses.
    assert set(found(tc.call("SearchMedia", ClassIds=[library.parent]))) == set(ids.values())
    assert found(tc.call("SearchMedia", ClassIds=[library.child])) == [ids["gamma"]]

    assert found(tc.call("SearchMedia", Tags=[library.tag])) == [ids["beta"]]
    assert found(tc.call("SearchMedia", Tags=[library.tag], ClassIds=[library.child])) == []
    # The returned media carry their basic info.
    beta = tc.call("SearchMedia", Tags=[library.tag]).MediaInfoSet[0]
    assert beta.BasicInfo.Name == "beta " + library.tok
    assert beta.BasicInfo.TagSet == [library.tag]
    assert beta.BasicInfo.ClassId == library.parent


def test_search_by_text(tc, library):
    # `Text` is deprecated in favour of Names/Descriptions, but still in the SDK and documented:
    # fuzzy match on name or description.
    assert set(found(tc.call("SearchMedia", Text=library.tok))) == set(library.ids.values())
    assert found(tc.call("SearchMedia", Text="gamma " + library.tok))[:1] == [library.ids["gamma"]]


def test_search_paging_and_sort(tc, library):
    ids = library.ids
    order = [ids["alpha"], ids["beta"], ids["gamma"]]

    def page(direction, offset, limit):
        rsp = tc.call(
            "SearchMedia",
            ClassIds=[library.parent],
            Sort={"Field": "CreateTime", "Order": direction},
            Offset=offset,
            Limit=limit,
        )
        assert rsp.TotalCount == 3
        return found(rsp), [m.BasicInfo.CreateTime for m in rsp.MediaInfoSet]

    first, times = page("Asc", 0, 2)
    assert first == order[:2]
    assert times == sorted(times)
    assert page("Asc", 2, 2)[0] == order[2:]
    assert page("Desc", 0, 2)[0] == order[::-1][:2]
    assert page("Desc", 2, 10)[0] == order[:1]
    assert page("Desc", 0, 10)[0] == order[::-1]
    assert page("Asc", 3, 10)[0] == []


def test_modify_and_delete_media(tc):
    tok = token()
    class_id = tc.create_class("modify " + tok)
    _, commit = tc.upload(payload(5000, 20), "before " + tok)
    fid = commit.FileId

    tc.call(
        "ModifyMediaInfo",
        FileId=fid,
        Name="after 改名 " + tok,
        Description="a description 描述",
        AddTags=["red", "green"],
        ClassId=class_id,
    )
    basic = tc.info(fid).BasicInfo
    assert basic.Name == "after 改名 " + tok
    assert basic.Description == "a description 描述"
    assert sorted(basic.TagSet) == ["green", "red"]
    assert basic.ClassId == class_id

    tc.call("ModifyMediaInfo", FileId=fid, AddTags=["blue"], DeleteTags=["red"])
    basic = tc.info(fid).BasicInfo
    assert sorted(basic.TagSet) == ["blue", "green"]
    assert basic.Name == "after 改名 " + tok  # untouched fields stay
    assert found(tc.call("SearchMedia", Tags=["blue"], ClassIds=[class_id])) == [fid]
    tc.call("ModifyMediaInfo", FileId=fid, ClearTags=1)
    assert not tc.info(fid).BasicInfo.TagSet

    png = b"\x89PNG\r\n\x1a\n" + payload(200, 23)
    rsp = tc.call("ModifyMediaInfo", FileId=fid, CoverData=base64.b64encode(png).decode())
    assert rsp.CoverUrl
    assert get(rsp.CoverUrl).content == png
    assert tc.info(fid).BasicInfo.CoverUrl == rsp.CoverUrl

    err = sdk_error(tc.call, "ModifyMediaInfo", FileId=fid, ClassId=987654321)
    assert err.code == "InvalidParameterValue.ClassId"
    assert tc.info(fid).BasicInfo.ClassId == class_id

    tc.call("DeleteMedia", FileId=fid)
    rsp = tc.describe(fid)
    assert rsp.NotExistFileIdSet == [fid]
    assert not rsp.MediaInfoSet
    assert get(commit.MediaUrl).status_code == 404
    assert found(tc.call("SearchMedia", Names=[tok])) == []
    tc.call("DeleteClass", ClassId=class_id)
    assert class_id not in tc.classes()


def test_class_with_media_cannot_be_deleted(tc):
    class_id = tc.create_class("holds media " + token())
    _, commit = tc.upload(payload(100, 22), "in a class " + token(), ClassId=class_id)
    try:
        err = sdk_error(tc.call, "DeleteClass", ClassId=class_id)
        assert err.code == "UnsupportedOperation.ClassNotEmpty"
        assert tc.info(commit.FileId).BasicInfo.ClassId == class_id
    finally:
        tc.call("DeleteMedia", FileId=commit.FileId)
        if class_id in tc.classes():
            tc.call("DeleteClass", ClassId=class_id)


def test_modify_media_info_limits(tc):
    _, commit = tc.upload(payload(100, 21), "limits " + token())
    fid = commit.FileId
    assert sdk_error(tc.call, "ModifyMediaInfo", FileId=fid, Name="n" * 65).code == "InvalidParameterValue.Name"
    assert (
        sdk_error(tc.call, "ModifyMediaInfo", FileId=fid, Description="d" * 129).code
        == "InvalidParameterValue.Description"
    )
    assert sdk_error(tc.call, "ModifyMediaInfo", FileId=fid, AddTags=["t" * 33]).code == "InvalidParameterValue.TagTooLong"
    assert (
        sdk_error(tc.call, "ModifyMediaInfo", FileId=fid, AddTags=["x"], DeleteTags=["x"]).code
        == "InvalidParameterValue.AddTagsAndDeleteTagsConflict"
    )
    # At the limits, accepted; refused calls changed nothing.
    tc.call("ModifyMediaInfo", FileId=fid, Name="n" * 64, AddTags=["t" * 32])
    basic = tc.info(fid).BasicInfo
    assert basic.Name == "n" * 64
    assert basic.TagSet == ["t" * 32]


def test_class_crud(tc):
    tok = token()
    levels = [tc.create_class(f"L0 {tok}")]
    for level in range(1, 4):
        levels.append(tc.create_class(f"L{level} {tok}", levels[-1]))
    err = sdk_error(tc.call, "CreateClass", ParentId=levels[-1], ClassName=f"L4 {tok}")
    assert err.code == "FailedOperation.ClassLevelLimitExceeded"

    all_classes = tc.classes()
    for level, class_id in enumerate(levels):
        c = all_classes[class_id]
        assert c.Name == f"L{level} {tok}"
        assert c.Level == level
        assert c.ParentId == (levels[level - 1] if level else -1)
        assert (c.SubClassIdSet or []) == levels[level + 1:level + 2]
    assert not any(c.Name == f"L4 {tok}" for c in all_classes.values())

    dup = sdk_error(tc.call, "CreateClass", ParentId=levels[0], ClassName=f"L1 {tok}")
    assert dup.code == "FailedOperation.ClassNameDuplicate"
    missing_parent = sdk_error(tc.call, "CreateClass", ParentId=987654321, ClassName=f"orphan {tok}")
    assert missing_parent.code == "FailedOperation.ParentIdNoFound"

    tc.call("ModifyClass", ClassId=levels[1], ClassName=f"renamed {tok}")
    assert tc.classes()[levels[1]].Name == f"renamed {tok}"

    # A class with a subclass cannot go; leaves first.
    assert sdk_error(tc.call, "DeleteClass", ClassId=levels[0]).code == "UnsupportedOperation.ClassNotEmpty"
    for class_id in reversed(levels):
        tc.call("DeleteClass", ClassId=class_id)
    remaining = tc.classes()
    assert not set(levels) & set(remaining)


def test_forbid_and_recover_distribution(tc):
    data = payload(4096, 30)
    _, commit = tc.upload(data, "forbid " + token())
    fid = commit.FileId

    rsp = tc.call("ForbidMediaDistribution", FileIds=[fid], Operation="forbid")
    assert not rsp.NotExistFileIdSet
    assert tc.info(fid).BasicInfo.Status == "Forbidden"
    assert get(commit.MediaUrl).status_code == 403

    tc.call("ForbidMediaDistribution", FileIds=[fid], Operation="recover")
    assert tc.info(fid).BasicInfo.Status == "Normal"
    got = get(commit.MediaUrl)
    assert got.status_code == 200 and got.content == data

    unknown = "5285890" + str(random.Random(31).randrange(10**12, 10**13))
    rsp = tc.call("ForbidMediaDistribution", FileIds=[unknown], Operation="forbid")
    assert rsp.NotExistFileIdSet == [unknown]


def test_procedure_templates_and_upload_with_procedure(tc):
    rsp = tc.call("DescribeProcedureTemplates")
    assert rsp.TotalCount >= 1
    assert rsp.ProcedureTemplateSet
    names = [t.Name for t in rsp.ProcedureTemplateSet]
    assert all(names)
    assert all(t.Type in ("Preset", "Custom") for t in rsp.ProcedureTemplateSet)

    data = payload(2048, 40)
    _, commit = tc.upload(data, "with procedure " + token(), Procedure=names[0])
    assert tc.info(commit.FileId).BasicInfo.Status == "Normal"
    assert get(commit.MediaUrl).content == data


def test_signature_errors(tc, service):
    wrong_key = new_client(service, secret_key="x" * 32)
    err = sdk_error(tc.call, "DescribeAllClass", client=wrong_key)
    assert err.code == "AuthFailure.SignatureFailure"

    unknown_id = new_client(service, secret_id="AKID" + "0" * 32)
    err = sdk_error(tc.call, "DescribeAllClass", client=unknown_id)
    assert err.code == "AuthFailure.SecretIdNotFound"


def test_unsigned_payload(tc, service):
    # ClientProfile.unsignedPayload: X-TC-Content-SHA256: UNSIGNED-PAYLOAD, and the canonical
    # request hashes that literal string instead of the body.
    client = new_client(service)
    client.profile.unsignedPayload = True
    tok = token()
    class_id = tc.call("CreateClass", client=client, ParentId=-1, ClassName="unsigned " + tok).ClassId
    assert tc.classes()[class_id].Name == "unsigned " + tok
    tc.call("DeleteClass", ClassId=class_id)


def test_signature_expired(tc, monkeypatch):
    # The SDK stamps X-TC-Timestamp with abstract_client's time.time(): pin it 10 minutes back.
    monkeypatch.setattr(abstract_client, "time", types.SimpleNamespace(time=lambda: time.time() - 600))
    err = sdk_error(tc.call, "DescribeAllClass")
    assert err.code == "AuthFailure.SignatureExpire"


def test_unknown_ids_and_bad_values(tc):
    unknown = "5285890" + str(random.Random(50).randrange(10**12, 10**13))
    rsp = tc.describe(unknown)
    assert rsp.NotExistFileIdSet == [unknown]
    assert not rsp.MediaInfoSet
    assert rsp.RequestId

    err = sdk_error(tc.call, "ModifyMediaInfo", FileId=unknown, Name="x")
    assert err.code == "ResourceNotFound.FileNotExist"
    err = sdk_error(tc.call, "DeleteMedia", FileId=unknown)
    assert err.code == "ResourceNotFound" or err.code.startswith("ResourceNotFound.")

    err = sdk_error(tc.call, "CommitUpload", VodSessionKey="not-a-session-" + token())
    assert err.code == "InvalidParameterValue.VodSessionKey"

    err = sdk_error(tc.call, "DescribeAllClass", SubAppId=tc.sub_app_id + 1)
    assert err.code == "InvalidParameterValue.SubAppId"
    err = sdk_error(tc.apply, "not a media file " + token(), media_type="exe")
    assert err.code == "InvalidParameterValue.MediaType"


def test_get_form(tc, service):
    # HttpProfile(reqMethod="GET"): the SDK flattens the parameters into the TC3-signed query
    # string (FileIds.0=…&Sort.Field=…).
    client = new_client(service, method="GET")
    tok = token()
    _, first = tc.upload(payload(10, 70), f"getform-{tok}-名字")
    time.sleep(1.1)
    _, second = tc.upload(payload(10, 71), f"getform-{tok}-2")
    unknown = "5285890" + str(random.Random(72).randrange(10**12, 10**13))
    rsp = tc.call("DescribeMediaInfos", client=client, FileIds=[first.FileId, unknown])
    assert [m.BasicInfo.Name for m in rsp.MediaInfoSet] == [f"getform-{tok}-名字"]
    assert rsp.NotExistFileIdSet == [unknown]
    rsp = tc.call(
        "SearchMedia", client=client, Names=[f"getform-{tok}"], Sort={"Field": "CreateTime", "Order": "Asc"}, Limit=5
    )
    assert rsp.TotalCount == 2
    assert found(rsp) == [first.FileId, second.FileId]


def test_get_form_value_with_space(tc, service):
    client = new_client(service, method="GET")
    tok = token()
    _, commit = tc.upload(payload(10, 73), f"get form {tok}")
    assert found(tc.call("SearchMedia", Names=[f"get form {tok}"])) == [commit.FileId]  # POST
    assert found(tc.call("SearchMedia", client=client, Names=[f"get form {tok}"])) == [commit.FileId]


def test_cos_put_outside_session_path_is_refused(tc):
    mine = tc.apply("scoped " + token())
    other = tc.apply("other " + token())
    cos = tc.cos(mine)
    for key in ("outside-" + token() + "/x.mp4", other.MediaStoragePath[1:]):
        with pytest.raises(CosServiceError) as e:
            cos.put_object(Bucket=mine.StorageBucket, Body=b"not here", Key=key)
        assert e.value.get_status_code() == 403, key
        assert e.value.get_error_code() == "AccessDenied", key
        assert e.value.get_request_id()
    # The session's own key still works with the same certificate.
    cos.put_object(Bucket=mine.StorageBucket, Body=b"here", Key=mine.MediaStoragePath[1:])
    commit = tc.call("CommitUpload", VodSessionKey=mine.VodSessionKey)
    assert get(commit.MediaUrl).content == b"here"


# COS SDK results are dict(**response.headers), which keeps the server's spelling of header
# names: the documented response['ETag'] (and upload_file_from_buffer, which reads rt['ETag'] of
# each part) need the service to send `ETag` spelled so.
def test_cos_result_headers_keep_cos_spelling(tc):
    apply = tc.apply("header case " + token())
    data = payload(1000, 60)
    rsp = tc.cos(apply).put_object(Bucket=apply.StorageBucket, Body=data, Key=apply.MediaStoragePath[1:])
    # As in put_object's docstring (qcloud_cos/cos_client.py): print(response['ETag'])
    assert rsp["ETag"].strip('"') == hashlib.md5(data).hexdigest()


def test_upload_file_from_buffer(tc):
    apply = tc.apply("from buffer " + token())
    data = payload(3 * 1024 * 1024 + 5, 61)
    cos = tc.cos(apply)
    cos.upload_file_from_buffer(
        Bucket=apply.StorageBucket, Key=apply.MediaStoragePath[1:], Body=io.BytesIO(data), PartSize=1, MAXThread=2
    )
    commit = tc.call("CommitUpload", VodSessionKey=apply.VodSessionKey)
    assert get(commit.MediaUrl).content == data
