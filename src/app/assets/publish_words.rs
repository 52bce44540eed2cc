//! What publishing is called at each provider, in one place for translation: Huawei publishes,
//! Tencent allows or forbids playback, Alibaba's audit lets an asset play or blocks it.

use vodesk_core::provider::api::PublishModel;

pub struct PublishWords {
    /// The state filter's two entries.
    pub published: &'static str,
    pub unpublished: &'static str,
    /// The details pane's buttons.
    pub publish: &'static str,
    pub unpublish: &'static str,
    /// The bulk pane's buttons.
    pub publish_all: &'static str,
    pub unpublish_all: &'static str,
    /// "3 assets {verb}." / "Asset x was not {verb}".
    pub published_verb: &'static str,
    pub unpublished_verb: &'static str,
}

pub fn publish_words(model: Option<PublishModel>) -> PublishWords {
    match model {
        Some(PublishModel::Distribution) => PublishWords {
            published: "Playback allowed",
            unpublished: "Playback forbidden",
            publish: "Allow playback",
            unpublish: "Forbid playback",
            publish_all: "Allow playback for all",
            unpublish_all: "Forbid playback for all",
            published_verb: "allowed for playback",
            unpublished_verb: "forbidden for playback",
        },
        Some(PublishModel::Audit) => PublishWords {
            published: "Passed review",
            unpublished: "Blocked",
            publish: "Unblock",
            unpublish: "Block",
            publish_all: "Unblock all",
            unpublish_all: "Block all",
            published_verb: "unblocked",
            unpublished_verb: "blocked",
        },
        Some(PublishModel::Publish) | None => PublishWords {
            published: "Published",
            unpublished: "Not published",
            publish: "Publish",
            unpublish: "Unpublish",
            publish_all: "Publish all",
            unpublish_all: "Unpublish all",
            published_verb: "published",
            unpublished_verb: "unpublished",
        },
    }
}
