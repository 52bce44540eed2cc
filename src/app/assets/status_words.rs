//! Statuses in an editor's words, in one place for translation. The service's own value is
//! shown on hover, so nothing is lost for someone comparing with the vendor console.

use vodesk_core::model::{AssetState, AssetStatus, TaskState, TaskStatus};

use super::publish_words::PublishWords;

/// An asset's status: the provider's word for published and not published, else vodesk's;
/// a value this version does not know is shown as the service gave it.
pub fn asset_word(s: &AssetStatus, words: &PublishWords) -> String {
    match s.state {
        AssetState::Uploading => "Uploading",
        AssetState::Processing => "Processing",
        AssetState::Published => words.published,
        AssetState::Unpublished => words.unpublished,
        AssetState::Failed => "Failed",
        AssetState::Cancelled => "Cancelled",
        AssetState::Deleting => "Deleting",
        AssetState::Deleted => "Deleted",
        AssetState::Unknown => return s.raw.clone(),
    }
    .to_string()
}

/// The processing tasks an asset shows.
#[derive(Clone, Copy)]
pub enum Task {
    Transcode,
    Thumbnails,
    Review,
}

/// A task's status as a whole phrase (never assembled: each language words them its own way);
/// `None` when the task was not asked for.
pub fn task_word(task: Task, t: &TaskStatus) -> Option<String> {
    use TaskState as S;
    let word = match (task, t.state) {
        (_, S::None) => return None,
        (_, S::Unknown) => return Some(t.raw.clone()),
        (Task::Transcode, S::Waiting) => "Waiting to transcode",
        (Task::Transcode, S::Running) => "Transcoding",
        (Task::Transcode, S::Succeeded | S::Attention) => "Transcoded",
        (Task::Transcode, S::Failed) => "Transcoding failed",
        (Task::Thumbnails, S::Waiting) => "Waiting for thumbnails",
        (Task::Thumbnails, S::Running) => "Making thumbnails",
        (Task::Thumbnails, S::Succeeded | S::Attention) => "Thumbnails ready",
        (Task::Thumbnails, S::Failed) => "Thumbnails failed",
        (Task::Review, S::Waiting) => "Waiting for review",
        (Task::Review, S::Running) => "In review",
        (Task::Review, S::Succeeded) => "Review passed",
        (Task::Review, S::Attention) => "Review: needs a look",
        (Task::Review, S::Failed) => "Review failed",
    };
    Some(word.to_string())
}

/// The hover text of a status shown in words.
pub fn raw_hint(raw: &str) -> String {
    format!("Service value: {raw}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::assets::publish_words::publish_words;
    use vodesk_core::provider::api::PublishModel;

    #[test]
    fn statuses_read_as_words_in_the_providers_terms() {
        let huawei = publish_words(Some(PublishModel::Publish));
        let alibaba = publish_words(Some(PublishModel::Audit));
        let published = AssetStatus::new(AssetState::Published, "PUBLISHED");
        assert_eq!(asset_word(&published, &huawei), "Published");
        let normal = AssetStatus::new(AssetState::Published, "Normal");
        assert_eq!(asset_word(&normal, &alibaba), "Passed review");
        let odd = AssetStatus::new(AssetState::Unknown, "SOMETHING_NEW");
        assert_eq!(asset_word(&odd, &huawei), "SOMETHING_NEW");

        let running = TaskStatus::new(TaskState::Running, "TRANSCODING");
        assert_eq!(
            task_word(Task::Transcode, &running).as_deref(),
            Some("Transcoding")
        );
        let failed = TaskStatus::new(TaskState::Failed, "REVIEW_FAILED");
        assert_eq!(
            task_word(Task::Review, &failed).as_deref(),
            Some("Review failed")
        );
        let none = TaskStatus::new(TaskState::None, "UN_REVIEW");
        assert_eq!(task_word(Task::Review, &none), None);
    }
}
