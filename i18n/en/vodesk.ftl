# vodesk — English. Every key here must also be in zh-CN/vodesk.ftl (a test checks both ways).
# Plurals use Fluent selectors on a number: { $n -> [one] … *[other] … }.

## Settings window
settings-title = Settings
settings-concurrent-files = Concurrent files
settings-parts-per-file = Parts per file
settings-bandwidth = Bandwidth limit (MiB/s, 0 = none)
settings-part-size = Part size (MiB)
settings-part-size-hint = Grown automatically so a file has at most 1,000 parts
settings-part-size-next-start = The part size takes effect the next time vodesk starts.
settings-theme = Theme
settings-theme-system = Follow system
settings-theme-light = Light
settings-theme-dark = Dark
settings-language = Language
settings-language-system = Follow system

## Asset statuses, in an editor's words (the service's own value is shown on hover)
status-uploading = Uploading
status-processing = Processing
status-failed = Failed
status-cancelled = Cancelled
status-deleting = Deleting
status-deleted = Deleted
status-service-value = Service value: { $raw }
task-transcode-waiting = Waiting to transcode
task-transcode-running = Transcoding
task-transcode-done = Transcoded
task-transcode-failed = Transcoding failed
task-thumbnails-waiting = Waiting for thumbnails
task-thumbnails-running = Making thumbnails
task-thumbnails-done = Thumbnails ready
task-thumbnails-failed = Thumbnails failed
task-review-waiting = Waiting for review
task-review-running = In review
task-review-done = Review passed
task-review-attention = Review: needs a look
task-review-failed = Review failed

## What publishing is called at each provider
publish-published = Published
publish-unpublished = Not published
publish-publish = Publish
publish-unpublish = Unpublish
publish-publish-all = Publish all
publish-unpublish-all = Unpublish all
publish-published-verb = published
publish-unpublished-verb = unpublished
playback-allowed = Playback allowed
playback-forbidden = Playback forbidden
playback-allow = Allow playback
playback-forbid = Forbid playback
playback-allow-all = Allow playback for all
playback-forbid-all = Forbid playback for all
playback-allowed-verb = allowed for playback
playback-forbidden-verb = forbidden for playback
audit-passed = Passed review
audit-blocked = Blocked
audit-unblock = Unblock
audit-block = Block
audit-unblock-all = Unblock all
audit-block-all = Block all
audit-unblocked-verb = unblocked
audit-blocked-verb = blocked

## The metadata form's workflow field
workflow-name-label = Workflow
workflow-name-hint = none — workflow name
workflow-name-help = A workflow set up in the console, by name; it runs after the upload. A template group, when chosen, is used instead.
workflow-id-label = Workflow ID
workflow-id-hint = none — workflow ID
workflow-id-help = A workflow set up in the console, by its ID; it runs after the upload in place of the template group.

## A bucket's unfinished multipart uploads
unfinished-open = Unfinished uploads…
unfinished-open-hint = Uploads started and never completed: their parts are still stored
unfinished-title = Unfinished uploads — { $bucket }
unfinished-explain = Uploads that were started and never completed: their parts are stored, and billed, until the upload is aborted.
unfinished-none = No unfinished uploads.
unfinished-loading = Looking for unfinished uploads…
unfinished-reload = Reload
unfinished-abort-selected = Abort selected
unfinished-older-label = Older than (days)
unfinished-abort-older = Abort older
unfinished-not-days = Days must be a whole number, such as 7.
unfinished-key = Key
unfinished-started = Started
unfinished-parts = Parts
unfinished-size = Size
unfinished-held = { $n ->
    [one] 1 unfinished upload holds { $size }.
   *[other] { $n } unfinished uploads hold { $size }.
}
unfinished-aborted = { $n ->
    [one] 1 upload aborted.
   *[other] { $n } uploads aborted.
}
unfinished-aborted-some-failed = { $n ->
    [one] 1 upload aborted
   *[other] { $n } uploads aborted
}; { $failed } could not be aborted ({ $first }).
