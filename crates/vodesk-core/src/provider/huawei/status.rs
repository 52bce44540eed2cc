//! Huawei's status vocabularies (huawei-vod-api.md §3.3) and what each value means in vodesk's
//! neutral terms ([`AssetState`], [`TaskState`]).

use crate::model::{AssetState, AssetStatus, TaskState, TaskStatus};
use crate::open_enum;

open_enum!(
    /// Asset status in listings (`asset_status`) and the merged status of publish responses.
    HwAssetStatus {
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
    HwTranscodeStatus {
        UnTranscode = "UN_TRANSCODE",
        WaitingTranscode = "WAITING_TRANSCODE",
        Transcoding = "TRANSCODING",
        TranscodeSucceed = "TRANSCODE_SUCCEED",
        TranscodeFailed = "TRANSCODE_FAILED",
    }
);

open_enum!(
    HwThumbnailStatus {
        UnThumbnail = "UN_THUMBNAIL",
        Thumbnailing = "THUMBNAILING",
        ThumbnailSucceed = "THUMBNAIL_SUCCEED",
        ThumbnailFailed = "THUMBNAIL_FAILED",
    }
);

open_enum!(
    HwReviewStatus {
        UnReview = "UN_REVIEW",
        Reviewing = "REVIEWING",
        ReviewSuspicious = "REVIEW_SUSPICIOUS",
        ReviewPassed = "REVIEW_PASSED",
        ReviewFailed = "REVIEW_FAILED",
        ReviewBlocked = "REVIEW_BLOCKED",
    }
);

impl HwAssetStatus {
    pub fn state(&self) -> AssetState {
        use HwAssetStatus as S;
        match self {
            S::Creating => AssetState::Uploading,
            // Stored, not published; an unpublished asset with a template group reports its
            // transcoding state instead of CREATED (§3.3).
            S::Created | S::TranscodeSucceed => AssetState::Unpublished,
            S::WaitingTranscode | S::Transcoding => AssetState::Processing,
            S::Published => AssetState::Published,
            S::Failed | S::TranscodeFailed | S::ServerError | S::UploadFailed | S::DeleteFailed => {
                AssetState::Failed
            }
            S::Cancelled => AssetState::Cancelled,
            S::Deleting => AssetState::Deleting,
            S::Deleted => AssetState::Deleted,
            S::Uncreated | S::NoAsset | S::Other(_) => AssetState::Unknown,
        }
    }

    pub fn neutral(&self) -> AssetStatus {
        AssetStatus::new(self.state(), self.as_str())
    }

    /// The list filter values (§9.1) that make up a neutral state.
    pub fn filter_values(state: AssetState) -> &'static [&'static str] {
        match state {
            AssetState::Uploading => &["CREATING"],
            AssetState::Processing => &["WAITING_TRANSCODE", "TRANSCODING"],
            AssetState::Unpublished => &["CREATED", "TRANSCODE_SUCCEED"],
            AssetState::Published => &["PUBLISHED"],
            AssetState::Failed => &[
                "FAILED",
                "UPLOAD_FAILED",
                "TRANSCODE_FAILED",
                "SERVER_ERROR",
            ],
            AssetState::Cancelled => &["CANCELLED"],
            AssetState::Deleting | AssetState::Deleted => &["DELETED"],
            AssetState::Unknown => &["UNCREATED"],
        }
    }
}

impl HwTranscodeStatus {
    pub fn neutral(&self) -> TaskStatus {
        use HwTranscodeStatus as S;
        let state = match self {
            S::UnTranscode => TaskState::None,
            S::WaitingTranscode => TaskState::Waiting,
            S::Transcoding => TaskState::Running,
            S::TranscodeSucceed => TaskState::Succeeded,
            S::TranscodeFailed => TaskState::Failed,
            S::Other(_) => TaskState::Unknown,
        };
        TaskStatus::new(state, self.as_str())
    }
}

impl HwThumbnailStatus {
    pub fn neutral(&self) -> TaskStatus {
        use HwThumbnailStatus as S;
        let state = match self {
            S::UnThumbnail => TaskState::None,
            S::Thumbnailing => TaskState::Running,
            S::ThumbnailSucceed => TaskState::Succeeded,
            S::ThumbnailFailed => TaskState::Failed,
            S::Other(_) => TaskState::Unknown,
        };
        TaskStatus::new(state, self.as_str())
    }
}

impl HwReviewStatus {
    pub fn neutral(&self) -> TaskStatus {
        use HwReviewStatus as S;
        let state = match self {
            S::UnReview => TaskState::None,
            S::Reviewing => TaskState::Running,
            S::ReviewSuspicious => TaskState::Attention,
            S::ReviewPassed => TaskState::Succeeded,
            S::ReviewFailed | S::ReviewBlocked => TaskState::Failed,
            S::Other(_) => TaskState::Unknown,
        };
        TaskStatus::new(state, self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_is_lenient_and_keeps_unknown_values() {
        assert_eq!(HwAssetStatus::parse(" UNCREATED"), HwAssetStatus::Uncreated);
        assert_eq!(HwAssetStatus::parse("published"), HwAssetStatus::Published);
        assert_eq!(
            HwAssetStatus::parse("NOASSET"),
            HwAssetStatus::Other("NOASSET".into())
        );
        let s: HwTranscodeStatus = serde_json::from_str("\"TRANSCODING\"").unwrap();
        assert_eq!(s, HwTranscodeStatus::Transcoding);
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"TRANSCODING\"");
    }

    #[test]
    fn neutral_states_keep_the_raw_value() {
        let s = HwAssetStatus::parse("TRANSCODE_SUCCEED").neutral();
        assert_eq!(s.state, AssetState::Unpublished);
        assert_eq!(s.raw, "TRANSCODE_SUCCEED");
        let odd = HwAssetStatus::parse("SOMETHING_NEW").neutral();
        assert_eq!(odd, AssetStatus::new(AssetState::Unknown, "SOMETHING_NEW"));
        assert_eq!(
            HwReviewStatus::ReviewSuspicious.neutral().state,
            TaskState::Attention
        );
    }
}
