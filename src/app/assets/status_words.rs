//! Statuses in an editor's words (the catalogue's). The service's own value is shown on hover,
//! so nothing is lost for someone comparing with the vendor console.

use vodesk_core::model::{AssetState, AssetStatus, TaskState, TaskStatus};

use super::publish_words::PublishWords;

/// An asset's status: the provider's word for published and not published, else vodesk's;
/// a value this version does not know is shown as the service gave it.
pub fn asset_word(s: &AssetStatus, words: &PublishWords) -> String {
    match s.state {
        AssetState::Uploading => t!("status-uploading"),
        AssetState::Processing => t!("status-processing"),
        AssetState::Published => words.published.clone(),
        AssetState::Unpublished => words.unpublished.clone(),
        AssetState::Failed => t!("status-failed"),
        AssetState::Cancelled => t!("status-cancelled"),
        AssetState::Deleting => t!("status-deleting"),
        AssetState::Deleted => t!("status-deleted"),
        AssetState::Unknown => s.raw.clone(),
    }
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
        (Task::Transcode, S::Waiting) => t!("task-transcode-waiting"),
        (Task::Transcode, S::Running) => t!("task-transcode-running"),
        (Task::Transcode, S::Succeeded | S::Attention) => t!("task-transcode-done"),
        (Task::Transcode, S::Failed) => t!("task-transcode-failed"),
        (Task::Thumbnails, S::Waiting) => t!("task-thumbnails-waiting"),
        (Task::Thumbnails, S::Running) => t!("task-thumbnails-running"),
        (Task::Thumbnails, S::Succeeded | S::Attention) => t!("task-thumbnails-done"),
        (Task::Thumbnails, S::Failed) => t!("task-thumbnails-failed"),
        (Task::Review, S::Waiting) => t!("task-review-waiting"),
        (Task::Review, S::Running) => t!("task-review-running"),
        (Task::Review, S::Succeeded) => t!("task-review-done"),
        (Task::Review, S::Attention) => t!("task-review-attention"),
        (Task::Review, S::Failed) => t!("task-review-failed"),
    };
    Some(word)
}

/// The hover text of a status shown in words.
pub fn raw_hint(raw: &str) -> String {
    t!("status-service-value", raw = raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::assets::publish_words::publish_words;
    use vodesk_core::provider::api::PublishModel;

    #[test]
    fn statuses_read_as_words_in_the_providers_terms() {
        crate::i18n::pin_thread(crate::i18n::Language::English);
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

        crate::i18n::pin_thread(crate::i18n::Language::Chinese);
        let alibaba = publish_words(Some(PublishModel::Audit));
        assert_eq!(asset_word(&normal, &alibaba), "审核通过");
        assert_eq!(
            task_word(Task::Transcode, &running).as_deref(),
            Some("转码中")
        );
        assert_eq!(raw_hint("Normal"), "服务返回值：Normal");
    }
}
