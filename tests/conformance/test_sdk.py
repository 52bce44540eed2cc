"""The official Huawei VOD Python SDK (huaweicloudsdkvod 3.1.219, unchanged) against `vodesk serve`.

Run: VODESK_BIN=<path to vodesk> .venv/bin/pytest tests/conformance/test_sdk.py
"""
import base64
import hashlib
import re
import time

import pytest
import requests
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkvod.v1 import (
    CheckMd5DuplicationRequest,
    ConfirmAssetUploadReq,
    ConfirmAssetUploadRequest,
    CreateAssetByFileUploadReq,
    CreateAssetByFileUploadRequest,
    CreateAssetCategoryRequest,
    CreateCategoryReq,
    DeleteAssetCategoryRequest,
    DeleteAssetsRequest,
    ListAssetCategoryRequest,
    ListAssetListRequest,
    ListTemplateGroupRequest,
    PublishAssetReq,
    PublishAssetsRequest,
    ShowAssetDetailRequest,
    ShowAssetTempAuthorityRequest,
    Subtitle,
    Thumbnail,
    UnpublishAssetsRequest,
    UpdateAssetCategoryRequest,
    UpdateAssetMetaReq,
    UpdateAssetMetaRequest,
    UpdateCategoryReq,
    VodClient,
)

NO_PROXY = {"http": None, "https": None}


@pytest.fixture(scope="module")
def client(service):
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True
    return (
        VodClient.new_builder()
        .with_http_config(config)
        .with_credentials(BasicCredentials(service.ak, service.sk, service.project_id))
        .with_endpoint(service.vod_endpoint)
        .build()
    )


def b64md5(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()


def payload(n: int, seed: int) -> bytes:
    return bytes((i * 31 + seed) % 256 for i in range(n))


def create(client, **kw):
    fields = dict(title="SDK 测试", video_name="sdk.mp4", video_type="MP4", auto_publish=0)
    fields.update(kw)
    return client.create_asset_by_file_upload(
        CreateAssetByFileUploadRequest(body=CreateAssetByFileUploadReq(**fields))
    )


def confirm(client, asset_id, status="CREATED"):
    return client.confirm_asset_upload(
        ConfirmAssetUploadRequest(body=ConfirmAssetUploadReq(asset_id=asset_id, status=status))
    )


def details(client, asset_id):
    return client.show_asset_detail(ShowAssetDetailRequest(asset_id=asset_id))


def test_signature_is_checked(service):
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True
    bad = (
        VodClient.new_builder()
        .with_http_config(config)
        .with_credentials(BasicCredentials(service.ak, "wrong-secret", service.project_id))
        .with_endpoint(service.vod_endpoint)
        .build()
    )
    with pytest.raises(ClientRequestException) as e:
        bad.list_asset_category(ListAssetCategoryRequest(id=0))
    assert e.value.status_code == 401
    assert e.value.error_code == "APIGW.0301"


def test_single_put_flow(client):
    data = payload(200_000, 3)
    rsp = create(
        client,
        video_md5=b64md5(data),
        tags="sdk,测试",
        category_id=-1,
        cover_type="PNG",
        subtitles=[Subtitle(id=1, type="SRT", language="CN")],
        thumbnail=Thumbnail(type="quantity", quantity=2),
    )
    asset_id = rsp.asset_id
    assert re.fullmatch(r"[0-9a-f]{32}", asset_id)
    assert rsp.target.bucket and rsp.target.object and rsp.target.location
    assert len(rsp.subtitle_upload_urls) == 1

    put = requests.put(rsp.video_upload_url, data=data, headers={"Content-Type": "video/mp4"}, proxies=NO_PROXY)
    assert put.status_code == 200, put.text
    cover = requests.put(rsp.cover_upload_url, data=b"\x89PNGcover", headers={"Content-Type": "image/png"},
                         proxies=NO_PROXY)
    assert cover.status_code == 200, cover.text
    sub = requests.put(rsp.subtitle_upload_urls[0], data=b"1\n00:00:00,000 --> 00:00:01,000\nhi\n",
                       headers={"Content-Type": "application/octet-stream"}, proxies=NO_PROXY)
    assert sub.status_code == 200, sub.text

    assert confirm(client, asset_id).asset_id == asset_id

    # Duplicate check: hex MD5 of the first 1024 bytes.
    dup = client.check_md5_duplication(
        CheckMd5DuplicationRequest(size=len(data), md5=hashlib.md5(data[:1024]).hexdigest())
    )
    assert dup.is_duplicated == 1 and asset_id in dup.asset_ids

    lst = client.list_asset_list(ListAssetListRequest(asset_id=[asset_id], status=["CREATED", "PUBLISHED"]))
    assert lst.total == 1
    assert lst.assets[0].asset_status == "CREATED"
    assert lst.assets[0].size == len(data)

    d = details(client, asset_id)
    assert d.base_info.title == "SDK 测试"
    assert d.base_info.tags == "sdk,测试"
    assert d.base_info.video_type == "MP4"
    got = requests.get(d.base_info.sign_url, proxies=NO_PROXY)
    assert got.status_code == 200 and got.content == data
    assert requests.get(d.base_info.cover_info_array[0].cover_url, proxies=NO_PROXY).content == b"\x89PNGcover"
    assert d.base_info.subtitle_info[0].language == "CN"

    client.update_asset_meta(
        UpdateAssetMetaRequest(body=UpdateAssetMetaReq(asset_id=asset_id, title="renamed", tags="x"))
    )
    assert details(client, asset_id).base_info.title == "renamed"
    with pytest.raises(ClientRequestException) as e:
        client.update_asset_meta(UpdateAssetMetaRequest(body=UpdateAssetMetaReq(asset_id=asset_id, title="t" * 129)))
    assert (e.value.status_code, e.value.error_code) == (400, "VOD.10053")

    pub = client.publish_assets(PublishAssetsRequest(body=PublishAssetReq(asset_id=[asset_id])))
    assert pub.asset_info_array[0].status == "PUBLISHED"
    unpub = client.unpublish_assets(UnpublishAssetsRequest(body=PublishAssetReq(asset_id=[asset_id])))
    assert unpub.asset_info_array[0].status == "CREATED"

    # Thumbnails finish a few seconds after the confirm; delete is refused while they run.
    for _ in range(50):
        if details(client, asset_id).thumbnail_info.thumbnail_status == "THUMBNAIL_SUCCEED":
            break
        time.sleep(0.2)
    deleted = client.delete_assets(DeleteAssetsRequest(asset_id=[asset_id]))
    assert deleted.delete_result_array[0].status == "DELETED"
    with pytest.raises(ClientRequestException) as e:
        details(client, asset_id)
    assert e.value.error_code == "VOD.10062"


def test_validation_errors(client):
    with pytest.raises(ClientRequestException) as e:
        create(client, video_type="RMVB")
    assert (e.value.status_code, e.value.error_code) == (403, "VOD.10063")
    with pytest.raises(ClientRequestException) as e:
        create(client, category_id=999999)
    assert (e.value.status_code, e.value.error_code) == (403, "VOD.10064")
    with pytest.raises(ClientRequestException) as e:
        create(client, tags=",".join(["t"] * 17))
    assert e.value.error_code == "VOD.10053"


def test_multipart_flow(client):
    part_size = 5 * 1024 * 1024
    data = payload(part_size * 2 + 12345, 11)
    rsp = create(client, video_name="big.mp4")
    bucket, key = rsp.target.bucket, rsp.target.object

    def authority(**kw):
        return client.show_asset_temp_authority(
            ShowAssetTempAuthorityRequest(bucket=bucket, object_key=key, **kw)
        ).sign_str

    init = requests.post(authority(http_verb="POST", content_type="video/mp4"),
                         headers={"Content-Type": "video/mp4"}, proxies=NO_PROXY)
    assert init.status_code == 200, init.text
    upload_id = re.search(r"<UploadId>([^<]+)</UploadId>", init.text).group(1)

    etags = []
    for n, start in enumerate(range(0, len(data), part_size), start=1):
        part = data[start:start + part_size]
        md5 = b64md5(part)
        url = authority(http_verb="PUT", upload_id=upload_id, part_number=n, content_md5=md5,
                        content_type="application/octet-stream")
        r = requests.put(url, data=part, proxies=NO_PROXY,
                         headers={"Content-MD5": md5, "Content-Type": "application/octet-stream"})
        assert r.status_code == 200, r.text
        etags.append((n, r.headers["ETag"]))

    listed = requests.get(authority(http_verb="GET", upload_id=upload_id), proxies=NO_PROXY)
    assert listed.status_code == 200, listed.text
    assert len(re.findall(r"<PartNumber>", listed.text)) == len(etags)

    body = "<CompleteMultipartUpload>" + "".join(
        f"<Part><PartNumber>{n}</PartNumber><ETag>{e}</ETag></Part>" for n, e in etags
    ) + "</CompleteMultipartUpload>"
    done = requests.post(authority(http_verb="POST", upload_id=upload_id), data=body, proxies=NO_PROXY)
    assert done.status_code == 200, done.text

    confirm(client, rsp.asset_id)
    got = requests.get(details(client, rsp.asset_id).base_info.sign_url, proxies=NO_PROXY)
    assert got.status_code == 200
    assert hashlib.md5(got.content).hexdigest() == hashlib.md5(data).hexdigest()

    # The object of a confirmed asset is no upload target any more.
    with pytest.raises(ClientRequestException) as e:
        authority(http_verb="POST", content_type="video/mp4")
    assert e.value.error_code == "VOD.10053"


def test_cancel_and_wrong_state(client):
    rsp = create(client)
    confirm(client, rsp.asset_id, "CANCELLED")
    with pytest.raises(ClientRequestException) as e:
        confirm(client, rsp.asset_id)
    assert e.value.status_code == 403


def test_categories(client):
    roots = client.list_asset_category(ListAssetCategoryRequest(id=0)).body
    assert any(c.id == "-1" for c in roots)
    created = client.create_asset_category(CreateAssetCategoryRequest(body=CreateCategoryReq(name="SDK 分类")))
    assert created.level == 1 and created.parent_id == 0
    child = client.create_asset_category(
        CreateAssetCategoryRequest(body=CreateCategoryReq(name="child", parent_id=created.id))
    )
    assert child.level == 2
    with pytest.raises(ClientRequestException) as e:
        client.create_asset_category(CreateAssetCategoryRequest(body=CreateCategoryReq(name="SDK 分类")))
    assert e.value.error_code == "VOD.10065"
    renamed = client.update_asset_category(
        UpdateAssetCategoryRequest(body=UpdateCategoryReq(id=child.id, name="renamed"))
    )
    assert renamed.name == "renamed"
    got = client.list_asset_category(ListAssetCategoryRequest(id=created.id)).body
    assert got[0].children[0].name == "renamed"
    client.delete_asset_category(DeleteAssetCategoryRequest(id=child.id))
    client.delete_asset_category(DeleteAssetCategoryRequest(id=created.id))
    with pytest.raises(ClientRequestException) as e:
        client.list_asset_category(ListAssetCategoryRequest(id=created.id))
    assert e.value.error_code == "VOD.10064"


def test_template_groups_and_transcoding(client):
    groups = client.list_template_group(ListTemplateGroupRequest()).template_group_list
    by_type = {g.type for g in groups}
    assert "non_transcoding_template_group" in by_type
    names = [g.name for g in groups]
    assert "HD-HLS" in names

    data = payload(50_000, 5)
    rsp = create(client, template_group_name="HD-HLS", auto_publish=1)
    requests.put(rsp.video_upload_url, data=data, headers={"Content-Type": "video/mp4"}, proxies=NO_PROXY)
    confirm(client, rsp.asset_id)
    status = None
    for _ in range(50):
        status = details(client, rsp.asset_id).transcode_info.transcode_status
        if status == "TRANSCODE_SUCCEED":
            break
        time.sleep(0.2)
    assert status == "TRANSCODE_SUCCEED"
    lst = client.list_asset_list(ListAssetListRequest(asset_id=[rsp.asset_id]))
    assert lst.assets[0].asset_status == "PUBLISHED"
