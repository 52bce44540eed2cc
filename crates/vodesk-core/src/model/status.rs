//! The status vocabularies of huawei-vod-api.md §3.3.

use crate::open_enum;

open_enum!(
    /// Asset status in listings (`asset_status`) and the merged status of publish responses.
    AssetStatus {
        Creating = "CREATING",
        Created = "CREATED",
        Failed = "FAILED",
        Published = "PUBLISHED",
        Deleted = "DELETED",
        Cancelled = "CANCELLED",
        Uncreated = "UNCREATED",
        NoAsset = "NO_ASSET",
        WaitingTranscode = "WAITING_TRANSCODE",
        Transcoding = "TRANSCODING",
        TranscodeSucceed = "TRANSCODE_SUCCEED",
        TranscodeFailed = "TRANSCODE_FAILED",
        ServerError = "SERVER_ERROR",
        UploadFailed = "UPLOAD_FAILED",
        Deleting = "DELETING",
        DeleteFailed = "DELETE_FAILED",
    }
);

open_enum!(
    TranscodeStatus {
        UnTranscode = "UN_TRANSCODE",
        WaitingTranscode = "WAITING_TRANSCODE",
        Transcoding = "TRANSCODING",
        TranscodeSucceed = "TRANSCODE_SUCCEED",
        TranscodeFailed = "TRANSCODE_FAILED",
    }
);

open_enum!(
    ThumbnailStatus {
        UnThumbnail = "UN_THUMBNAIL",
        Thumbnailing = "THUMBNAILING",
        ThumbnailSucceed = "THUMBNAIL_SUCCEED",
        ThumbnailFailed = "THUMBNAIL_FAILED",
    }
);

open_enum!(
    ReviewStatus {
        UnReview = "UN_REVIEW",
        Reviewing = "REVIEWING",
        ReviewSuspicious = "REVIEW_SUSPICIOUS",
        ReviewPassed = "REVIEW_PASSED",
        ReviewFailed = "REVIEW_FAILED",
        ReviewBlocked = "REVIEW_BLOCKED",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_is_lenient_and_keeps_unknown_values() {
        assert_eq!(AssetStatus::parse(" UNCREATED"), AssetStatus::Uncreated);
        assert_eq!(AssetStatus::parse("published"), AssetStatus::Published);
        assert_eq!(
            AssetStatus::parse("NOASSET"),
            AssetStatus::Other("NOASSET".into())
        );
        let s: TranscodeStatus = serde_json::from_str("\"TRANSCODING\"").unwrap();
        assert_eq!(s, TranscodeStatus::Transcoding);
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"TRANSCODING\"");
    }
}
