//! What publishing is called at each provider (the catalogue's words): Huawei publishes,
//! Tencent allows or forbids playback, Alibaba's audit lets an asset play or blocks it.

use vodesk_core::provider::api::PublishModel;

pub struct PublishWords {
    /// The state filter's two entries.
    pub published: String,
    pub unpublished: String,
    /// The details pane's buttons.
    pub publish: String,
    pub unpublish: String,
    /// The bulk pane's buttons.
    pub publish_all: String,
    pub unpublish_all: String,
}

pub fn publish_words(model: Option<PublishModel>) -> PublishWords {
    match model {
        Some(PublishModel::Distribution) => PublishWords {
            published: t!("playback-allowed"),
            unpublished: t!("playback-forbidden"),
            publish: t!("playback-allow"),
            unpublish: t!("playback-forbid"),
            publish_all: t!("playback-allow-all"),
            unpublish_all: t!("playback-forbid-all"),
        },
        Some(PublishModel::Audit) => PublishWords {
            published: t!("audit-passed"),
            unpublished: t!("audit-blocked"),
            publish: t!("audit-unblock"),
            unpublish: t!("audit-block"),
            publish_all: t!("audit-unblock-all"),
            unpublish_all: t!("audit-block-all"),
        },
        Some(PublishModel::Publish) | None => PublishWords {
            published: t!("publish-published"),
            unpublished: t!("publish-unpublished"),
            publish: t!("publish-publish"),
            unpublish: t!("publish-unpublish"),
            publish_all: t!("publish-publish-all"),
            unpublish_all: t!("publish-unpublish-all"),
        },
    }
}
