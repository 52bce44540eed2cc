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

## The upload queue's toolbar and totals
queue-add-files = ➕ Add files…
queue-add-folder = 📁 Add folder…
queue-start = ▶ Start
queue-start-selected = ▶ Start ({ $n })
queue-pause = ⏸ Pause
queue-resume = ⏵ Resume
queue-cancel = ✖ Cancel
queue-retry = ⟳ Retry
queue-remove = 🗑 Remove
queue-clear-finished = Clear finished
queue-files-done = { $total ->
    [one] { $done } of 1 file done
   *[other] { $done } of { $total } files done
}
queue-files-done-hint = Rows in the queue that finished uploading
queue-failed = { $n } failed
queue-bytes-of = { $done } of { $total }
queue-speed = { $speed }/s
queue-left = { $time } left
queue-finding = finding files…
limits-bandwidth = Bandwidth
limits-files = Files at once
limits-parts = Parts per file

## The queue table
col-name = Name
col-size = Size
col-title = Title
col-category = Category
col-status = Status
col-progress = Progress
col-speed = Speed
col-eta = ETA
col-actions = Actions
col-error = Error
category-other = Other
row-needs-fixing = needs fixing
row-ready = ready
row-queued = queued
row-refused = refused
row-already = already uploaded
row-hashing = hashing
row-uploading = uploading
row-paused = paused
row-completing = completing
row-done = done ✔
row-done-status = done ✔ · { $status }
row-skipped = skipped
row-failed = failed
row-cancelled = cancelled
row-start-tip = Start this upload
row-remove-tip = Remove from the queue
row-resume-tip = Resume
row-cancel-tip = Cancel this upload
row-retry-tip = Retry
row-again-tip = Upload again (this account has this file already)
row-pause-tip = Pause
follow-taken-in = being taken in
follow-processing = processing
follow-failed = processing failed

## Top bar, menu, status bar, panels
top-profile = Profile: { $name }
top-manage-profiles = Manage profiles…
top-connect-menu = Connect a cloud account…
top-connect = Connect a cloud account
top-filter-queue = 🔍 Filter queue (Ctrl+F)
top-theme = Theme
top-theme-system = 🖥 System
top-theme-follow = 🖥 Follow system
top-theme-light = ☀ Light
top-theme-dark = 🌙 Dark
top-notifications-tip = Notifications (Ctrl+Shift+N)
top-local-banner = 🏠 Local library — nothing leaves this computer.
menu-assets-panel = Assets panel
menu-metadata-panel = Metadata panel
menu-notification-panel = Notification panel
menu-settings = Settings… (Ctrl+,)
menu-shortcuts = Keyboard shortcuts (F1)
menu-about = About vodesk
status-notifications = { $n ->
    [one] ℹ 1 notification
   *[other] ℹ { $n } notifications
}
status-notifications-unread = { $n ->
    [one] ⚠ 1 notification
   *[other] ⚠ { $n } notifications
}
status-service = { $profile } service: { $endpoint }
status-limits = bandwidth: { $bandwidth } · { $files } files × { $parts } parts
tab-assets = Assets
tab-buckets = Buckets
tab-import = Import
tab-categories = Categories…
meta-heading = Metadata
meta-defaults-hint = Defaults for files you add next. Select rows to edit theirs.
meta-heading-selected = Metadata ({ $n } selected)
meta-started-unchanged = { $n ->
    [one] 1 started row is not changed.
   *[other] { $n } started rows are not changed.
}
meta-start-selected = ▶ Start { $n } selected
details-heading = Upload details
details-file = File
details-asset-id = Asset id
details-copy = Copy
queue-heading = Upload queue
queue-empty = Drop media files or folders here
queue-empty-hint = or use Add files… / Add folder… (Ctrl+O / Ctrl+Shift+O)
halt-held = ⏳ Uploads wait: another vodesk holds this account's uploads ({ $holder }); they start here when it ends.
halt-stopped = ⚠ Uploads stopped: { $reason }.
halt-nothing-lost = Nothing is lost; when it is fixed:
halt-resume-all = ▶ Resume all
drop-overlay = Drop files or folders to add them to the upload queue

## The metadata form
form-title = Title
form-required = required
form-mixed = mixed
form-description = Description
form-tags = Tags
form-tags-hint = comma-separated
form-tags-count-bytes = { $n } of { $max } tags, each at most { $each } bytes
form-tags-count-chars = { $n } of { $max } tags, each at most { $each } characters
form-length-bytes = { $n } / { $max } bytes
form-length-chars = { $n } / { $max } characters
form-auto-publish = Auto-publish
form-auto-encrypt = Auto-encrypt (HLS only)
form-auto-preheat = Auto-preheat
form-title-pattern = Title pattern
form-apply = Apply
form-none = None
form-cover = Cover
form-cover-none = none (the service makes one)
form-choose = Choose…
form-remove = Remove
preset-group-label = Template group
preset-group-loading = Loading template groups…
preset-group-failed = Template groups could not be loaded
preset-flow-label = Task flow
preset-flow-loading = Loading task flows…
preset-flow-failed = Task flows could not be loaded

## The asset list
list-refresh = Refresh
list-search = 🔍 Search assets
list-all-statuses = All statuses
list-filter-status = Filter by status
list-all-formats = All formats
list-filter-format = Filter by format
list-all-categories = All categories
list-filter-category = Filter by category
list-filter-date = Filter by creation date
list-range-from = from 2026-11-01
list-range-to = to 2026-11-21
list-sort = Sort the list
list-loading-all = Loading all { $total } assets to sort them… { $loaded } so far
list-count = { $loaded } of { $total } assets
list-loading = Loading…
list-new-uploads = { $n ->
    [one] ⟳ 1 new upload since this list loaded — show
   *[other] ⟳ { $n } new uploads since this list loaded — show
}
list-error = The list could not load: { $error }
sort-newest = Newest first
sort-oldest = Oldest first
sort-title-az = Title A–Z
sort-title-za = Title Z–A
sort-largest = Largest first
sort-smallest = Smallest first
sort-longest = Longest first
sort-shortest = Shortest first
since-any = Any time
since-day = Last 24 hours
since-week = Last 7 days
since-month = Last 30 days
since-range = Date range…

## Snapshots, subtitles, small words
thumb-enable = Thumbnails
thumb-kind-time = Every N seconds
thumb-kind-dots = At offsets
thumb-kind-quantity = N snapshots
thumb-interval = Interval (s)
thumb-interval-hint = 0–100, default 12
thumb-dots = Offsets (s)
thumb-dots-hint = e.g. 1, 5, 10
thumb-quantity = Snapshots
thumb-quantity-hint = 1–10
thumb-cover-position = Cover position
thumb-cover-position-hint = 1-based
thumb-aspect-ratio = Aspect ratio
thumb-aspect-ratio-hint = 0 keep, 1 16:9
thumb-max-length = Max length (px)
thumb-max-length-hint = 1–8192
form-subtitles = Subtitles
form-attach-srt = Attach .srt…
form-detach = Detach
list-tags = 🏷 Tags (comma-separated)
bandwidth-unlimited = unlimited

## The bucket browser
buckets-choose-combo = Choose a bucket
buckets-none = This account has no buckets yet.
buckets-what = A bucket is a container in the cloud's object storage that holds files; VOD can import media from the buckets it is allowed to read.
buckets-how = Create one in the cloud console's object storage (or with its command-line tool), press ⟳ to list it here, choose it, then Authorize VOD before importing.
buckets-choose = Choose a bucket above to browse its folders and import media into VOD.

## The asset details pane
details-cover = Cover
details-no-preview = No cover preview: { $error }
details-cancel-editing = Cancel editing
details-error = Details could not load: { $error }
details-format = Format
details-created = Created
details-expires = Expires
details-duration = Duration
details-seconds = { $n } s
details-snapshots = Snapshots
details-snapshot = Snapshot { $n }
details-snapshot-cover = Make this snapshot the cover
details-original = Original
details-urls = URLs
details-copy-url = Copy { $url }
details-delete = 🗑 Delete…
details-change-cover = 🖼 Change cover…
details-change-cover-tip = Replace the cover by a JPG or PNG image
details-edit = ✏ Edit
details-edit-loading = Loading the asset's metadata…
details-refresh = ⟳ Refresh
details-new-title = New title
details-new-description = New description
details-new-tags = New tags
details-new-category = New category
details-unchanged = unchanged
details-save = Save

## Files left out of the queue (not media)
left-out-reason = not a media format VOD takes (.{ $ext })
left-out-reason-no-ext = not a media format VOD takes (no extension)
left-out-link = { $n ->
    [one] 1 file left out
   *[other] { $n } files left out
}
left-out-link-hint = Files in the folders that are not media VOD takes; click to see them
left-out-title = Files left out
left-out-explain = { $n ->
    [one] This file in the folders you added is not media a VOD service takes, so it was not queued.
   *[other] These { $n } files in the folders you added are not media a VOD service takes, so they were not queued.
}
left-out-formats = Formats VOD takes: { $formats }
left-out-more = { $n ->
    [one] …and 1 more
   *[other] …and { $n } more
}
left-out-clear = Clear the list

## What a queued file holds (ffprobe)
col-media = Media
media-unreadable = ⚠ not readable as media
media-details = Duration: { $duration }
    Picture: { $width }×{ $height }, { $fps } frames/s
    Video: { $video }
    Audio: { $audio }
    Bitrate: { $bitrate } kbit/s
    Container: { $container }
media-no-tools = ffprobe and ffmpeg were not found, so queued files show no duration, picture size or frame. Install ffmpeg (on Debian and Ubuntu: sudo apt install ffmpeg) and restart vodesk to see them.
media-open = Open
media-open-hint = Open the file in the system's player
media-play = Play
media-play-hint = Open the asset's play URL (or its original) in the system's player
media-open-failed = { $target } could not be opened: { $error }
settings-open-with = Open media with
settings-open-with-hint = A program to open files and play URLs with (for example vlc or mpv); empty: the system's default
cli-left-out = { $path }  left out: { $reason }
cli-left-out-summary = { $n ->
    [one] 1 file in the folders is not media and was left out; formats VOD takes: { $formats }
   *[other] { $n } files in the folders are not media and were left out; formats VOD takes: { $formats }
}
cli-total-prefix = total
cli-total = { $done } of { $total } · { $speed }/s · { $left } left · { $finished } of { $files ->
    [one] 1 file
   *[other] { $files } files
}{ $walking ->
    [yes] {" "}(finding more…)
   *[no] {""}
}

## Watch folders
watch-open = 👁 Watch folders…
watch-open-hint = Folders whose new files are queued by themselves
watch-title = Watch folders
watch-explain = New media files in these folders are queued once they have stopped growing, with the metadata saved with the watch, and started at once if you choose.
watch-existing = Files already in a folder when it is added are not queued: use Add folder… for those.
watch-none = No folder is watched yet.
watch-state-watching = watching
watch-state-starting = looking…
watch-state-missing = ⚠ missing
watch-auto-start = Start uploads at once
watch-use-defaults = Use current defaults
watch-use-defaults-hint = Queue this folder's new files with the metadata now in the form's defaults (no row selected)
watch-remove = Stop watching this folder
watch-add = Add a watch folder…
watch-added = { $folder } is watched: its new files will be queued.
watch-already = { $folder } is watched already.
watch-gone = it is not there any more (removed, renamed or unmounted)
watch-not-a-folder = it is no longer a folder
watch-went-missing = The watched folder { $folder } cannot be read: { $why }. Watching goes on as soon as it is back; remove it under Watch folders if it moved.
watch-came-back = The watched folder { $folder } is back; watching goes on.
watch-queued = { $n ->
    [one] 1 new file from { $folder } was queued.
   *[other] { $n } new files from { $folder } were queued.
}
watch-file-damaged = The watch folders could not be read from { $file } ({ $error }); they start empty.
watch-save-failed = The watch folders could not be saved: { $error }
watch-pick-title = Watch a folder
