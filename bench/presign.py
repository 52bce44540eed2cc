#!/usr/bin/env python3
"""Creates one asset through the official Huawei VOD Python SDK and prints its pre-signed
`video_upload_url` (one JSON line: {"asset_id", "video_upload_url"}).

Credentials come from the environment (HUAWEICLOUD_SDK_AK / _SK / _PROJECT_ID), never from
arguments. Usage: presign.py VOD_ENDPOINT [TITLE]
With --confirm ASSET_ID instead, confirms that asset as uploaded (status CREATED).
"""
import json
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkvod.v1 import (
    ConfirmAssetUploadReq,
    ConfirmAssetUploadRequest,
    CreateAssetByFileUploadReq,
    CreateAssetByFileUploadRequest,
    VodClient,
)


def client(endpoint: str) -> VodClient:
    config = HttpConfig.get_default_config()
    config.ignore_ssl_verification = True
    creds = BasicCredentials(
        os.environ["HUAWEICLOUD_SDK_AK"],
        os.environ["HUAWEICLOUD_SDK_SK"],
        os.environ["HUAWEICLOUD_SDK_PROJECT_ID"],
    )
    return (
        VodClient.new_builder()
        .with_http_config(config)
        .with_credentials(creds)
        .with_endpoint(endpoint)
        .build()
    )


def main() -> None:
    args = sys.argv[1:]
    if len(args) >= 3 and args[1] == "--confirm":
        c = client(args[0])
        c.confirm_asset_upload(
            ConfirmAssetUploadRequest(body=ConfirmAssetUploadReq(asset_id=args[2], status="CREATED"))
        )
        print(json.dumps({"asset_id": args[2], "confirmed": True}))
        return
    if not args:
        sys.exit("usage: presign.py VOD_ENDPOINT [TITLE] | VOD_ENDPOINT --confirm ASSET_ID")
    title = args[1] if len(args) > 1 else "bench curl"
    rsp = client(args[0]).create_asset_by_file_upload(
        CreateAssetByFileUploadRequest(
            body=CreateAssetByFileUploadReq(
                title=title, video_name="bench.mp4", video_type="MP4", auto_publish=0
            )
        )
    )
    print(json.dumps({"asset_id": rsp.asset_id, "video_upload_url": rsp.video_upload_url}))


if __name__ == "__main__":
    main()
