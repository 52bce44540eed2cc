"""Drives the local Tencent personality with the official SDKs, unchanged
(tencentcloud-sdk-python-vod, cos-python-sdk-v5), pointed at loopback as
vendor-sdks-on-loopback.md says. Run by tests/tencent_sdk.rs; prints OK at the end."""
import json, sys, time

from tencentcloud.common import credential
from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.vod.v20180717 import models, vod_client
from qcloud_cos import CosConfig, CosS3Client

endpoint, cos_endpoint, secret_id, secret_key, sub_app, media = sys.argv[1:7]
sub_app = int(sub_app)
host, port = cos_endpoint.replace("http://", "").split(":")


def client(method="POST"):
    hp = HttpProfile(protocol="http", endpoint=endpoint.replace("http://", ""), reqMethod=method)
    return vod_client.VodClient(credential.Credential(secret_id, secret_key), "ap-guangzhou",
                                ClientProfile(httpProfile=hp))


def req(cls, **kw):
    r = cls()
    r.from_json_string(json.dumps(kw))
    return r


vod = client()
cls = vod.CreateClass(req(models.CreateClassRequest, ParentId=-1, ClassName="SDK 类", SubAppId=sub_app))
classes = vod.DescribeAllClass(req(models.DescribeAllClassRequest, SubAppId=sub_app))
assert any(c.ClassId == cls.ClassId and c.Level == 0 for c in classes.ClassInfoSet)

apply = vod.ApplyUpload(req(models.ApplyUploadRequest, MediaType="mp4", MediaName="sdk clip",
                            ClassId=cls.ClassId, Procedure="LongVideoPreset", SubAppId=sub_app))
cert = apply.TempCertificate
cos = CosS3Client(CosConfig(Region=apply.StorageRegion, SecretId=cert.SecretId, SecretKey=cert.SecretKey,
                            Token=cert.Token, IP=host, Port=int(port), Scheme="http"))
# PartSize 1 MB: a larger file goes multipart, as the upload SDK does.
cos.upload_file(Bucket=apply.StorageBucket, Key=apply.MediaStoragePath[1:], LocalFilePath=media,
                PartSize=1, MAXThread=2)
commit = vod.CommitUpload(req(models.CommitUploadRequest, VodSessionKey=apply.VodSessionKey, SubAppId=sub_app))
again = vod.CommitUpload(req(models.CommitUploadRequest, VodSessionKey=apply.VodSessionKey, SubAppId=sub_app))
assert commit.FileId == again.FileId

info = vod.DescribeMediaInfos(req(models.DescribeMediaInfosRequest, FileIds=[commit.FileId, "1"], SubAppId=sub_app))
assert info.NotExistFileIdSet == ["1"], info.NotExistFileIdSet
basic = info.MediaInfoSet[0].BasicInfo
assert (basic.Name, basic.ClassId, basic.Status) == ("sdk clip", cls.ClassId, "Normal"), basic
import os
assert info.MediaInfoSet[0].MetaData.Size == os.path.getsize(media)

vod.ModifyMediaInfo(req(models.ModifyMediaInfoRequest, FileId=commit.FileId, AddTags=["t1", "t2"],
                        Description="from the SDK", SubAppId=sub_app))
found = client("GET").SearchMedia(req(models.SearchMediaRequest, Tags=["t2"], Names=["sdk"],
                                      Sort={"Field": "CreateTime", "Order": "Desc"}, Offset=0, Limit=10,
                                      SubAppId=sub_app))
assert found.TotalCount == 1 and found.MediaInfoSet[0].BasicInfo.TagSet == ["t1", "t2"]

flows = vod.DescribeProcedureTemplates(req(models.DescribeProcedureTemplatesRequest, SubAppId=sub_app))
assert "LongVideoPreset" in [p.Name for p in flows.ProcedureTemplateSet]
for _ in range(50):
    info = vod.DescribeMediaInfos(req(models.DescribeMediaInfosRequest, FileIds=[commit.FileId],
                                      Filters=["transcodeInfo"], SubAppId=sub_app))
    t = info.MediaInfoSet[0].TranscodeInfo
    if t is not None and t.TranscodeSet:
        break
    time.sleep(0.2)
assert [x.Definition for x in t.TranscodeSet] == [0, 100010, 100020, 100030]

forbid = vod.ForbidMediaDistribution(req(models.ForbidMediaDistributionRequest, FileIds=[commit.FileId, "2"],
                                         Operation="forbid", SubAppId=sub_app))
assert forbid.NotExistFileIdSet == ["2"]

pull = vod.PullUpload(req(models.PullUploadRequest, MediaUrl=commit.MediaUrl.replace("f0.mp4", "f0.mp4"),
                          MediaName="pulled", SubAppId=sub_app))
for _ in range(100):
    task = vod.DescribeTaskDetail(req(models.DescribeTaskDetailRequest, TaskId=pull.TaskId, SubAppId=sub_app))
    if task.Status == "FINISH":
        break
    time.sleep(0.1)
# The media is forbidden, so its URL answers 403 and the pull fails with an error code.
assert task.TaskType == "PullUpload" and task.PullUploadTask.ErrCode != 0, task

vod.ForbidMediaDistribution(req(models.ForbidMediaDistributionRequest, FileIds=[commit.FileId],
                                Operation="recover", SubAppId=sub_app))
pull = vod.PullUpload(req(models.PullUploadRequest, MediaUrl=commit.MediaUrl, SubAppId=sub_app))
for _ in range(100):
    task = vod.DescribeTaskDetail(req(models.DescribeTaskDetailRequest, TaskId=pull.TaskId, SubAppId=sub_app))
    if task.Status == "FINISH":
        break
    time.sleep(0.1)
assert task.PullUploadTask.ErrCode == 0 and task.PullUploadTask.FileId, task
assert task.PullUploadTask.MetaData.Size == os.path.getsize(media)

vod.DeleteMedia(req(models.DeleteMediaRequest, FileId=commit.FileId, SubAppId=sub_app))
for call, code in [
    (lambda: vod.DeleteMedia(req(models.DeleteMediaRequest, FileId=commit.FileId, SubAppId=sub_app)), "ResourceNotFound"),
    (lambda: vod.DeleteClass(req(models.DeleteClassRequest, ClassId=999999, SubAppId=sub_app)), "ResourceNotFound"),
    (lambda: vod.DescribeAllClass(req(models.DescribeAllClassRequest, SubAppId=sub_app + 1)), "InvalidParameterValue.SubAppId"),
    (lambda: vod_client.VodClient(credential.Credential(secret_id, "wrong"), "ap-guangzhou",
                                  ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint.replace("http://", ""))))
        .DescribeAllClass(models.DescribeAllClassRequest()), "AuthFailure.SignatureFailure"),
]:
    try:
        call()
        raise AssertionError("expected " + code)
    except TencentCloudSDKException as e:
        assert e.get_code() == code, (e.get_code(), code)
        assert e.get_request_id()
print("OK")
