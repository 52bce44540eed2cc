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
playback-allowed = Playback allowed
playback-forbidden = Playback forbidden
playback-allow = Allow playback
playback-forbid = Forbid playback
playback-allow-all = Allow playback for all
playback-forbid-all = Forbid playback for all
audit-passed = Passed review
audit-blocked = Blocked
audit-unblock = Unblock
audit-block = Block
audit-unblock-all = Unblock all
audit-block-all = Block all

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

buckets-url-only = This cloud's VOD service has no bucket browser; import media by URL here.
buckets-reload-tip = Reload the buckets
buckets-not-media = Not a media file VOD can import
buckets-load-more = Load more
buckets-empty = Empty.
buckets-defaults-pattern = Imports use the metadata form's defaults (shown when no queue row is selected); titles: { $pattern }
buckets-defaults-names = Imports use the metadata form's defaults (shown when no queue row is selected); titles: the object names
buckets-fix-defaults = ⚠ Fix the defaults before importing — { $problem }
buckets-import-selected = Import { $n } selected
buckets-import-selected-tip = Create assets from the selected objects, with the metadata form's defaults
buckets-authorize = Authorize VOD
buckets-authorize-tip = Let VOD read this bucket (needed before importing)
buckets-urls-label = Import by URL (one per line, up to { $max })
buckets-import-urls = Import URLs
buckets-too-many-urls = { $n } URLs; at most { $max } can be imported at once
buckets-not-url = "{ $url }" is not a URL
buckets-not-http = "{ $url }" must be http or https
buckets-not-media-url = "{ $url }" does not end with a supported media extension
buckets-load-failed = The buckets could not load: { $error }
bucket-authorized = VOD may now read { $bucket }.
bucket-not-authorized = { $bucket } could not be authorised: { $error }
bucket-imported = { $item } imported as asset { $asset }
bucket-not-imported = { $item } was not imported: { $error }
bucket-url-refused = { $url } was not accepted: { $error }
bucket-urls-failed = The URLs were not imported: { $error }
bucket-items-failed = { $failed } of { $total } items failed; see the bucket panel.

## The category manager
categories-title = Categories
categories-name = Name
categories-add-top = Add top-level
categories-add-inside = Add inside selected
categories-add-inside-off = Select a category above level { $max } (at most { $max } levels)
categories-rename = Rename selected
categories-delete = Delete selected
categories-delete-tip = The service refuses to delete a category that still has assets or sub-categories
category-created = Category "{ $name }" created.
category-renamed = Category renamed to "{ $name }".
category-deleted = Category deleted.
category-refused = The category change was refused: { $error }
categories-load-failed = Categories could not be loaded: { $error }

## Several assets at once
bulk-selected = { $n ->
    [one] 1 asset selected
   *[other] { $n } assets selected
}
bulk-hint = Ctrl-click adds or removes an asset, Shift-click a range; a plain click opens one.
bulk-delete-all = 🗑 Delete all…
bulk-change-for-all = Change for all
bulk-description = Description
bulk-new-description = New description for all
bulk-tags = Tags
bulk-new-tags = New tags for all
bulk-category = Category for all
bulk-apply = Apply to { $n }

## Keyboard shortcuts and About
help-title = Keyboard shortcuts
help-drop = Drop files or folders anywhere on the window to queue them.
help-tip = { $help } ({ $keys })
help-keys-or = { $first } or { $second }
about-title = About vodesk
about-tagline = Batch upload and manage media on cloud Video-on-Demand services.
about-version = Version { $version } (commit { $commit })
about-connected = Connected to { $endpoint }
command-add-files = Add files…
command-add-folder = Add folder…
command-start = Start
command-pause = Pause
command-resume = Resume
command-cancel = Cancel
command-retry = Retry
command-remove = Remove
command-clear-finished = Clear finished
command-select-all = Select all
command-search = Search
command-notifications = Notifications
command-help = Keyboard shortcuts
command-settings = Settings
command-quit = Quit
command-add-files-help = Add media files to the queue
command-add-folder-help = Add a folder (walked in the background)
command-start-help = Start the selected rows (all ready rows when none is selected)
command-pause-help = Pause the selected uploads (all when none is selected)
command-resume-help = Resume the selected uploads (all when none is selected)
command-cancel-help = Cancel the selected uploads
command-retry-help = Retry failed or cancelled rows
command-remove-help = Remove the selected rows that are not uploading
command-clear-finished-help = Remove every finished row
command-select-all-help = Select every row
command-search-help = Filter the queue by name or title
command-notifications-help = Show or hide the notification panel
command-help-help = Show this list (also ?)
command-settings-help = Transfer limits, part size, theme
command-quit-help = Close the window (unfinished uploads resume next time)

## Notifications
notify-more = { $n ->
    [one] 1 more notification — see the notification panel
   *[other] { $n } more notifications — see the notification panel
}
notify-heading = Notifications ({ $n })
notify-clear = Clear
notify-nothing = Nothing yet.
notify-ago = { $secs }s ago
notify-copy = Copy (with the error code and request id)

## What happened to assets (the action as the provider calls it: $op is publish, unpublish,
## allow, forbid, unblock, block or delete)
assets-op-done = { $op ->
    [publish] { $n ->
        [one] 1 asset published.
       *[other] { $n } assets published.
    }
    [unpublish] { $n ->
        [one] 1 asset unpublished.
       *[other] { $n } assets unpublished.
    }
    [allow] { $n ->
        [one] 1 asset allowed for playback.
       *[other] { $n } assets allowed for playback.
    }
    [forbid] { $n ->
        [one] 1 asset forbidden for playback.
       *[other] { $n } assets forbidden for playback.
    }
    [unblock] { $n ->
        [one] 1 asset unblocked.
       *[other] { $n } assets unblocked.
    }
    [block] { $n ->
        [one] 1 asset blocked.
       *[other] { $n } assets blocked.
    }
   *[delete] { $n ->
        [one] 1 asset deleted.
       *[other] { $n } assets deleted.
    }
}
assets-op-refused = Asset { $id } was not { $op ->
    [publish] published
    [unpublish] unpublished
    [allow] allowed for playback
    [forbid] forbidden for playback
    [unblock] unblocked
    [block] blocked
   *[delete] deleted
} (status { $status }); the service says: { $reason }.
assets-op-refused-busy = Asset { $id } was not { $op ->
    [publish] published
    [unpublish] unpublished
    [allow] allowed for playback
    [forbid] forbidden for playback
    [unblock] unblocked
    [block] blocked
   *[delete] deleted
} (status { $status }); it may still be processing — try again when it finishes.
assets-op-failed = The assets could not be { $op ->
    [publish] published
    [unpublish] unpublished
    [allow] allowed for playback
    [forbid] forbidden for playback
    [unblock] unblocked
    [block] blocked
   *[delete] deleted
}: { $error }
assets-status-unknown = unknown
assets-load-failed = The asset list could not load: { $error }
asset-not-saved = The change to asset { $id } could not be saved: { $error }
asset-cover-set = Cover set.
asset-cover-replaced = Cover replaced.
asset-metadata-saved = Metadata saved.
confirm-delete-title = Delete assets?
confirm-delete = { $n ->
    [one] Delete 1 asset from the service? Its media and outputs are removed; this cannot be undone.
   *[other] Delete { $n } assets from the service? Their media and outputs are removed; this cannot be undone.
}
confirm-delete-yes = Delete
confirm-delete-keep = Keep
confirm-cancel-title = Cancel uploads?
confirm-cancel = { $n ->
    [one] Cancel 1 upload? What it sent is discarded and it cannot be resumed.
   *[other] Cancel { $n } uploads? What they sent is discarded and they cannot be resumed.
}
confirm-cancel-yes = Cancel uploads
confirm-cancel-keep = Keep uploading

## Notes about uploads
batch-uploaded = { $n ->
    [one] 1 file uploaded.
   *[other] { $n } files uploaded.
}
batch-some-failed = { $n ->
    [one] 1 file uploaded
   *[other] { $n } files uploaded
}, { $failed } failed; select them and press Retry.
job-failed = { $name } failed: { $reason }
row-not-queued = { $name } could not be queued: { $error }
row-already-uploaded = { $name } is already uploaded as { $asset }; nothing was sent. Its Upload again button sends it once more.
drafts-back = { $n ->
    [one] 1 row not started last time is back in the queue.
   *[other] { $n } rows not started last time are back in the queue.
}
resumed-running = { $n ->
    [one] Resuming 1 unfinished upload from the last session.
   *[other] Resuming { $n } unfinished uploads from the last session.
}
resumed-failed = { $n ->
    [one] 1 upload failed in the last session; select it and press Retry.
   *[other] { $n } uploads failed in the last session; select them and press Retry.
}
resumed-paused = { $n ->
    [one] 1 upload you paused in the last session stays paused; Resume continues it.
   *[other] { $n } uploads you paused in the last session stay paused; Resume continues them.
}
preset-group-load-failed = Template groups could not be loaded: { $error }
preset-flow-load-failed = Task flows could not be loaded: { $error }
uploads-stopped = Uploads stopped: { $reason }. Resume them from the queue once it is fixed.
uploads-held = This account's uploads are held by another vodesk, { $holder }; they start here when it ends.
rows-still-busy = { $n ->
    [one] 1 row is still uploading or paused; cancel it first.
   *[other] { $n } rows are still uploading or paused; cancel them first.
}
row-not-started = { $name } was not started — { $why }; fix it in the metadata form.
row-not-started-more = { $more ->
    [one] { $name } was not started — { $why } (1 more row needs fixing); fix them in the metadata form.
   *[other] { $name } was not started — { $why } ({ $more } more rows need fixing); fix them in the metadata form.
}
uploading-files = { $n ->
    [one] Uploading 1 file.
   *[other] Uploading { $n } files.
}
drafts-not-saved = { $error }; the rows not started yet will not be back next time
queue-not-saved = { $error }; the upload queue cannot be saved
drafts-not-read = the unsent rows of the last session could not be read from { $path } ({ $error })
file-not-written = { $path } cannot be written ({ $error })
file-not-read = { $path } cannot be read ({ $error })

## Profiles: switching and what a test or save did
profile-connecting = Connecting to profile "{ $name }"…
profile-now-using = Now using profile "{ $name }"
profile-not-connected = Profile "{ $name }" could not connect: { $error }
profile-default-not-connected = The default profile could not connect: { $error }
profile-rows-moved = { $n ->
    [one] 1 row not started moved to "{ $profile }". Categories and template groups belong to each account: rows whose choice does not exist here are marked "needs fixing".
   *[other] { $n } rows not started moved to "{ $profile }". Categories and template groups belong to each account: rows whose choice does not exist here are marked "needs fixing".
}
profile-saved = Saved profile "{ $name }"; its secret key is in the OS keychain
profile-removed = Removed profile "{ $name }" and its secrets
profile-switching = Switching to "{ $name }"…
profile-secret-empty = the secret key is empty; paste it

## Native file dialogs
pick-files = Add files
pick-folder = Add folder
pick-cover = Choose a cover image
pick-cover-filter = JPG or PNG image
pick-subtitles = Attach subtitles
pick-subtitles-filter = SRT subtitles
cover-not-opened = { $path } cannot be opened ({ $error }).
cover-not-read = { $path } cannot be read ({ $error }).
cover-not-image = { $path } is not a readable JPG or PNG image ({ $error }).
cover-not-image-data = the cover is not a readable image ({ $error }).
cover-not-downloaded = the cover could not be downloaded (HTTP { $status })

## Connecting to a profile
connect-profile-not-found = profile "{ $name }" not found; `vodesk profiles list` shows the saved profiles, `vodesk profiles add` saves one
connect-keys-half-set = { $access } is set without { $secret }; set both, or neither to use the profile's keys
connect-secret-missing = the secret key of profile "{ $name }" is not in the OS keychain (service vodesk, account { $name }); remove the profile and add it again
connect-env-missing = { $name } is not set; set it (with the other HUAWEICLOUD_SDK_* variables) or unset them all to use the local service
connect-keychain-stopped = keychain lookup stopped: { $error }
connect-local-failed = cannot start the local service: { $error }

## Odds and ends of the form, the list and the panels
form-expires = Expires
form-expires-hint = never (yyyy-mm-dd)
form-expires-help = The media deletes itself after that day (UTC); empty keeps it.
form-expires-problem = ⚠ Expires: { $problem }
form-pattern-help = {"{"}name{"}"} or {"{"}stem{"}"}: file name without extension; {"{"}ext{"}"}: extension; {"{"}dir{"}"}: folder name
form-cover-preview = Cover preview
form-categories-failed = Categories could not be loaded: { $error }
list-not-a-date = "{ $text }" is not a date; write it as 2026-11-21
list-range-backwards = the range ends before it starts; swap the dates
row-empty-file = empty file (0 bytes) — remove it from the batch
panel-close = ✖ Close
panel-close-bulk-tip = Clear the asset selection
panel-close-details-tip = Back to the metadata form
task-stopped = stopped: { $error }
cover-read-stopped = reading the cover stopped: { $error }

## The profiles window ($provider is huawei, tencent or aliyun)
profiles-title = Profiles
profiles-add = ➕ Add a profile…
profiles-checking = Checking the connection…
profiles-remove-title = Remove profile?
profiles-remove-text = Remove "{ $name }" and its secret key from the keychain? Assets in the cloud are not touched.
profiles-remove = Remove
profiles-cancel = Cancel
profiles-default = { $name }  (default)
profiles-use = Use
profiles-use-tip = Switch to this profile and make it the default
profiles-test = Test
profiles-test-tip = Check its keys, project and endpoint now
profiles-edit = Edit
profiles-custom-endpoint = custom endpoint
profiles-detail = { $cloud } · { $region } · { $endpoint }
profile-cloud-name = { $provider ->
    [tencent] Tencent Cloud VOD
    [aliyun] Alibaba Cloud ApsaraVideo VOD
   *[huawei] Huawei Cloud VOD
}
profile-local = { $provider ->
    [tencent] embedded local service (Tencent Cloud VOD API)
    [aliyun] embedded local service (Alibaba Cloud VOD API)
   *[huawei] embedded local service (Huawei Cloud VOD API)
}
profile-new-title = New profile ({ $cloud })
profile-edit-title = Edit "{ $name }"
profile-cloud = Cloud
profile-keys-where = { $provider ->
    [tencent] Access keys are created in the Tencent Cloud console: CAM > API Keys
    [aliyun] Access keys are created in the Alibaba Cloud console: RAM > AccessKey
   *[huawei] Access keys are created in the Huawei Cloud console: My Credentials > Access Keys
}
profile-name = Name
profile-region = Region
profile-region-other = Other…
profile-region-id = Region ID
profile-region-choice = { $id } — { $name }
profile-vod-endpoint = VOD endpoint
profile-object-endpoint = Object endpoint
profile-endpoint-hint = derived from the region
profile-scope-label = { $provider ->
    [tencent] SubAppId
    [aliyun] AppId
   *[huawei] Project id
}
profile-scope-hint = { $provider ->
    [tencent] the account's default application
    [aliyun] default: app-1000000
   *[huawei] looked up from the region
}
profile-key-label = { $provider ->
    [tencent] SecretId
    [aliyun] AccessKey ID
   *[huawei] Access key (AK)
}
profile-secret-label = { $provider ->
    [tencent] SecretKey
    [aliyun] AccessKey secret
   *[huawei] Secret key (SK)
}
profile-keep-secret = leave empty to keep the stored one
profile-security-token = Security token
profile-token-hint = only for temporary keys
profile-proxy-url = Proxy URL
profile-proxy-hint = http://proxy:3128 (optional)
profile-proxy-user = Proxy user
profile-proxy-password = Proxy password
profile-make-default = Use it by default
profile-skip-test = Save without testing the connection
profile-test-connection = Test connection
profile-save = Save
profile-cancel = Cancel

## Problems with a field, named as the form labels it ($field)
field-category = Category
field-auto-encrypt = Auto-encrypt
field-auto-preheat = Auto-preheat
field-thumbnails = Thumbnails
field-thumbnail-interval = Thumbnail interval
field-thumbnail-dots = Snapshot offsets
field-thumbnail-quantity = Number of snapshots
field-thumbnail-cover-position = Cover position
field-thumbnail-aspect-ratio = Aspect ratio
field-thumbnail-max-length = Max length
field-review-template = Review template
field-category-name = Category name
problem-empty = { $field } is empty; fill it in or leave it out.
problem-title-empty = { $field } is empty; give the asset a title.
problem-dots-empty = { $field } is empty; give the snapshot offsets in seconds, e.g. 1, 5, 10.
problem-too-long = { $unit ->
    [bytes] { $field } is { $length } bytes long; the limit is { $max } bytes (UTF-8) — shorten it.
   *[chars] { $field } is { $length } characters long; the limit is { $max } characters — shorten it.
}
problem-range = { $field } must be { $min }–{ $max }; it is { $value }.
problem-range-seconds = { $field } must be { $min }–{ $max } s; it is { $value } s.
problem-missing = { $field } is missing; give a number from { $min } to { $max }.
problem-not-number = { $field }: "{ $text }" is not a whole number; type digits only.
problem-too-many-tags = { $field }: { $count } given, at most { $max } allowed — remove some.
problem-tag-too-long = { $unit ->
    [bytes] { $field }: "{ $tag }" is { $length } bytes long; each tag may be at most { $max } bytes (UTF-8) — shorten it.
   *[chars] { $field }: "{ $tag }" is { $length } characters long; each tag may be at most { $max } characters — shorten it.
}
problem-tag-comma = { $field }: "{ $tag }" contains a comma; commas separate tags.
problem-not-category-id = { $field }: { $id } is not a category; choose one from the list.
problem-not-workflow-id = { $field }: "{ $value }" is not a workflow ID; copy the ID (letters and digits) from the console's workflow list.
problem-in-past = { $field }: { $when } is in the past; give a later date or leave it empty to keep the media.
problem-needs-hls = { $field } needs a template group with HLS output; choose one or turn encryption off.
problem-not-available = { $field } is not available with this provider; leave it out.
problem-not-image = { $field }: { $path } is not a JPG or PNG image; choose a .jpg, .jpeg or .png file.
problem-subtitle-id-range = { $field }: ID { $id } is out of range; use 1 to { $max }.
problem-subtitle-id-twice = { $field }: ID { $id } is used twice; give each subtitle its own ID.
problem-not-srt = { $field }: { $path } is not an .srt file; only SRT subtitles are supported.
problem-unknown-category = { $field }: category { $id } does not exist in this account; choose one from the list.
problem-unknown-group = { $field }: "{ $group }" does not exist in this account; choose one from the list.
problem-group-without-hls = { $field } needs a template group with HLS output; "{ $group }" outputs { $formats } — choose an HLS group or turn encryption off.

## The command line: uploads (--json output stays in English for scripts)
cli-not-found = it does not exist
cli-permission-denied = permission denied
cli-no-media = no media files found in the given folders; supported formats: { $formats }
cli-cannot-read = { $path } cannot be read ({ $why }); check the path
cli-not-regular = { $path } is not a regular file; give a media file or a folder
cli-empty-file = { $path } is empty (0 bytes); remove it from the batch
cli-cannot-open = { $path } cannot be opened ({ $why }); check its permissions
cli-file-problem = { $path }: { $problem }
cli-bad-part-size = --part-size { $value } is not a size between 1M and 5G
cli-bad-bwlimit = --bwlimit { $value } is not a rate; write e.g. 20M or off
cli-zero-concurrency = --concurrency and --parts must be at least 1
cli-not-media = { $path } is not a supported media file; supported formats: { $formats }
cli-file-note = { $path }  note: { $note }
cli-file-uploaded = { $path }  { $asset }  uploaded ({ $size })
cli-file-skipped = { $path }  skipped: { $reason }
cli-file-cancelled = { $path }  cancelled
cli-file-failed = { $path }  failed: { $reason }
cli-file-already = { $path }  already uploaded as { $asset } (--again uploads it once more)
cli-waiting-owner = waiting: this account's uploads are held by another vodesk, { $holder }; they continue here when it ends (Ctrl-C to stop waiting)
cli-pausing = pausing: finishing the parts in flight…
cli-nothing-to-resume = nothing to upload: no interrupted uploads for this account
cli-upload-summary = { $done } uploaded, { $already } already uploaded, { $skipped } skipped, { $failed } failed — { $size } in { $secs } s ({ $rate }/s)
cli-uploads-halted = { $reason }; uploads are paused — run `vodesk upload --resume` to continue
cli-uploads-paused = { $n ->
    [one] 1 upload paused; run `vodesk upload --resume` to continue it
   *[other] { $n } uploads paused; run `vodesk upload --resume` to continue them
}
cli-files-not-uploaded = { $total ->
    [one] { $n } of 1 file did not upload
   *[other] { $n } of { $total } files did not upload
}

## The command line: metadata options, categories, upload jobs, unfinished multipart uploads
cli-bad-subtitle = --subtitle "{ $value }" is not LANG:ID:FILE; write e.g. en:1:movie.srt
cli-bad-subtitle-lang = --subtitle language "{ $lang }" is not supported; use cn or en
cli-option-file-empty = { $option } { $path } is empty; choose a non-empty file
cli-option-not-file = { $option } { $path } is not a file; choose a file
cli-option-unreadable = { $option } { $path } cannot be read ({ $error }); check the path
cli-thumbnail-needs-kind = thumbnail options need --thumbnail time|dots|quantity
cli-bad-dots = --thumbnail-dots "{ $value }" is not a list of whole seconds; write e.g. 1,5,10
cli-bad-expiry = --expire-at: { $error }
cli-bad-parent = --parent { $id } is not a category that can hold sub-categories; give a positive id
cli-category-created = { $id }  { $name }  created
cli-category-renamed = { $id }  { $name }  renamed
cli-category-removed = { $id }  removed
cli-category-other = Other
cli-job-parts = { $n ->
    [one] 1 part
   *[other] { $n } parts
}
cli-no-job = upload job { $id } does not exist; see `vodesk uploads list`
cli-jobs-held = this account's uploads are held by { $holder }; discard them once it has ended
cli-job-discarded = { $id }  { $path }  discarded
cli-job-discarded-locally = { $id }  { $path }  discarded locally; the service could not be told (its unfinished asset stays behind)
cli-bad-age = --abort-older-than "{ $value }" is not an age; write a number and d, h or m, e.g. 7d
cli-no-such-upload = --abort { $id }: { $bucket } has no unfinished upload with that id; list them with `vodesk buckets uploads { $bucket }`
cli-no-unfinished = { $bucket } has no unfinished uploads
cli-unfinished-summary = { $n } unfinished, { $aborted } aborted; { $size } still stored in parts

## The command line: assets ($op is publish, unpublish or delete)
cli-bad-time = --{ $option } "{ $value }" is not a time; write 2026-01-01, 2026-01-01T08:00:00Z or 20260101080000 (UTC)
cli-bad-status = --status "{ $value }" is not a status; use one of { $statuses }
cli-bad-size = --size { $value } is out of range; use 1 to 100
cli-assets-shown = { $shown } shown, { $total } in total
cli-more = more: --cursor { $cursor }
cli-origin-only-unavailable = --origin-only is not available with this provider; delete the whole asset
cli-cover-unavailable = --cover is not available with this provider; leave it out
cli-nothing-to-change = nothing to change; give --title, --description, --category, --tags or --cover
cli-asset-updated = { $id }  updated
cli-asset-done = { $id }  { $op ->
    [publish] published
    [unpublish] unpublished
   *[delete] deleted
} ({ $status })
cli-asset-not-done = { $id }  not { $op ->
    [publish] published
    [unpublish] unpublished
   *[delete] deleted
}: { $status } ({ $reason })
cli-asset-not-done-busy = { $id }  not { $op ->
    [publish] published
    [unpublish] unpublished
   *[delete] deleted
}: { $status } — it may be processing; retry when it is done
cli-assets-not-done = { $n } of { $total } assets were not { $op ->
    [publish] published
    [unpublish] unpublished
   *[delete] deleted
}

## The command line: profiles and buckets ($what is secret-key, security-token or proxy-password)
cli-error = error: { $message }
cli-stdin-unreadable = cannot read the { $what ->
    [security-token] security token
    [proxy-password] proxy password
   *[secret-key] secret key
} from stdin: { $error }
cli-stdin-ended = stdin ended before the { $what ->
    [security-token] security token
    [proxy-password] proxy password
   *[secret-key] secret key
}; give one value per line (secret key, then security token, then proxy password, as requested)
cli-no-terminal = no terminal to ask for the secret key on; pipe it in with --sk-stdin
cli-secret-prompt = { $what ->
    [security-token] security token
    [proxy-password] proxy password
   *[secret-key] secret key
} for { $name }:{" "}
cli-secret-unreadable = cannot read the { $what ->
    [security-token] security token
    [proxy-password] proxy password
   *[secret-key] secret key
}: { $error }
cli-secret-empty = the { $what ->
    [security-token] security token
    [proxy-password] proxy password
   *[secret-key] secret key
} is empty; paste it ({ $hint })
cli-profile-exists = a profile named "{ $name }" exists already; remove it first or choose another name
cli-test-failed-not-saved = connection test failed, nothing was saved: { $verdict }; or pass --skip-test to save anyway
cli-profile-saved = Saved profile "{ $name }" (project id { $project }); its secret key is in the OS keychain (service vodesk, account { $name }).
cli-profile-saved-default = Saved profile "{ $name }" (project id { $project }); its secret key is in the OS keychain (service vodesk, account { $name }). It is now the default.
cli-profile-removed = Removed profile "{ $name }" and its secrets.
cli-profile-default = "{ $name }" is now the default profile.
cli-bad-max-keys = --max-keys { $value } is out of range; use 1 to 1000
cli-more-marker = more: --marker { $marker }
cli-import-what = give BUCKET and KEY, or --url
cli-key-not-media = { $key } is not a supported media file; supported formats: { $formats }
cli-import-no-cover = --cover and --subtitle are not available for imports; set them after the import with the asset browser
cli-imported = { $bucket }/{ $key }  { $asset }  imported
cli-too-many-urls = { $n } URLs given; at most { $max } can be imported per call
cli-not-url = --url "{ $url }" is not a URL
cli-not-http = --url "{ $url }" must be http or https
cli-url-not-media = --url "{ $url }" must end with a supported media extension ({ $formats })
cli-url-accepted = { $url }  { $asset }  accepted
cli-url-failed = { $url }  failed: { $error }
cli-urls-not-accepted = { $n } of { $total } URLs were not accepted
cli-bad-faults = --faults { $value } is out of range; give a share between 0 and 1, e.g. 0.2
cli-serve-keys-half = set both { $access } and { $secret }, or neither to let the service generate keys
cli-bad-subappid = TENCENTCLOUD_SUBAPPID { $value } is not a number; give the SubAppId as digits, e.g. 1500000001, or unset it
cli-serve-stop = Press Ctrl-C to stop.
duration-seconds = { $s }s

## A connection test's verdict, in the words of the provider's console ($provider)
verdict-ok = { $provider ->
    [tencent] OK: the SecretId, SecretKey and endpoint work (the account's default application)
    [aliyun] OK: the AccessKey ID, AccessKey secret and endpoint work
   *[huawei] OK: the credentials, project id and endpoint work
}
verdict-ok-scope = { $provider ->
    [tencent] OK: the SecretId, SecretKey, SubAppId ({ $scope }) and endpoint work
    [aliyun] OK: the AccessKey ID, AccessKey secret, AppId ({ $scope }) and endpoint work
   *[huawei] OK: the credentials, project id ({ $scope }) and endpoint work
}
verdict-wrong-credentials = { $provider ->
    [tencent] wrong SecretId or SecretKey: the service rejected the signature ({ $detail }); check both in the Tencent Cloud console under CAM > API Keys
    [aliyun] wrong AccessKey ID or secret: the service rejected the signature ({ $detail }); check both in the RAM console under AccessKey
   *[huawei] wrong access key or secret key: the service rejected the signature ({ $detail }); check both keys in My Credentials > Access Keys
}
verdict-wrong-scope = { $provider ->
    [tencent] SubAppId wrong for these keys ({ $detail }); copy it from the VOD console's application list, or leave it out for the default application
    [aliyun] the region or application is wrong for these keys ({ $detail }); check the profile's region
   *[huawei] project id wrong for these credentials or this region ({ $detail }); copy it from My Credentials > API Credentials, or leave it out to look it up
}
verdict-clock = this computer's clock is { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
} { $direction ->
    [ahead] ahead of
   *[behind] behind
} the server's: set the correct time (enable automatic time sync); signed requests and upload URLs fail when the clock is off
verdict-unreachable = endpoint unreachable ({ $detail }); check the endpoint URL, the network and the proxy
verdict-permission = permission denied ({ $detail }); ask the account administrator for VOD permissions, or check the account's status
verdict-failed = the test call failed: { $error }
verdict-not-saved = connection test failed, nothing was saved: { $verdict }; or save without the test

## Problems with a profile's field, named as the form labels it ($field)
profile-problem-empty = { $field } is empty; fill it in.
profile-problem-name-empty = { $field } is empty; give a name such as production.
profile-problem-edge-space = { $field }: "{ $value }" starts or ends with a space; remove it.
profile-problem-too-long = { $field }: "{ $value }" is longer than 64 characters; shorten it.
profile-problem-built-in = { $field }: "{ $value }" is a built-in profile of the local service; choose another name.
profile-problem-bad-char = { $field }: "{ $value }" contains "{ $char }"; use letters, digits, spaces, '-', '_' or '.'.
profile-problem-not-region = { $field }: "{ $value }" is not a region ID; choose one from the list.
profile-problem-no-region = { $field } is empty; choose one, or give the { $endpoint } and the { $object }.
profile-problem-object-needed = { $field } is needed with a { $endpoint } of one's own when the region is empty.
profile-problem-not-url = { $field }: "{ $value }" is not a URL; give one like https://host[:port].
profile-problem-not-http = { $field }: "{ $value }" must start with http:// or https://.
profile-problem-no-host = { $field }: "{ $value }" has no host; give a URL like https://host[:port].
profile-problem-query = { $field }: "{ $value }" must not have a query or fragment.
profile-problem-user-in-url = { $field }: "{ $value }" must not carry a user or password (they would be stored in plain text).
profile-problem-key-empty = { $field } is empty; paste it from the console.
profile-problem-spaces = { $field } contains spaces; paste it without them.
profile-problem-scope-length = { $field } must be 1 to 64 characters; copy it from the console.
profile-problem-not-number = { $field }: "{ $value }" is not a number; copy it from the VOD console's application list, or leave it empty.
profile-problem-unsupported = This cloud is not supported yet.

## Starting the app
app-journal-unreadable = the upload journal { $path } cannot be opened ({ $error }); check that the folder is writable
app-could-not-start = error: vodesk could not start: { $error }
app-no-window = error: the window could not open ({ $error }); on Linux a desktop session (X11 or Wayland) is needed

## The command line's table columns
cli-col-asset-id = ASSET ID
cli-col-title = TITLE
cli-col-status = STATUS
cli-col-transcode = TRANSCODE
cli-col-size = SIZE
cli-col-created = CREATED
cli-col-key = KEY
cli-col-upload-id = UPLOAD ID
cli-col-started = STARTED
cli-col-parts = PARTS
cli-col-bucket = BUCKET
cli-col-location = LOCATION
cli-col-modified = MODIFIED
cli-col-name = NAME
cli-col-provider = PROVIDER
cli-col-region = REGION
cli-col-endpoint = ENDPOINT
cli-col-project-id = PROJECT ID
cli-col-access-key = ACCESS KEY
cli-col-transcodes = TRANSCODES
cli-col-formats = FORMATS
cli-col-id = ID
cli-col-state = STATE
cli-col-progress = PROGRESS
cli-col-path = PATH
cli-col-reason = REASON
cli-cell-aborted = aborted
cli-show-asset-id = asset id:
cli-show-title = title:
cli-show-status = status:
cli-show-description = description:
cli-show-file = file:
cli-show-size = size:
cli-show-duration = duration:
cli-show-picture = picture:
cli-show-category = category:
cli-show-tags = tags:
cli-show-created = created:
cli-show-transcode = transcode:
cli-show-thumbnails = thumbnails:
cli-show-review = review:
cli-show-video-url = video url:
cli-show-cover = cover:
cli-show-seconds = { $n } s

## The command line: a profile's problems, naming its options ($provider; $what is endpoint,
## object or proxy)
cli-profile-name-empty = the profile name is empty; give a name such as production
cli-profile-name-edge = profile name "{ $value }" starts or ends with a space; remove it
cli-profile-name-long = profile name "{ $value }" is longer than 64 characters; shorten it
cli-profile-name-built-in = "{ $value }" is a built-in profile of the local service; choose another name
cli-profile-name-char = profile name "{ $value }" contains { $char }; use letters, digits, spaces, '-', '_' or '.'
cli-profile-unsupported = provider { $provider } is not supported yet; use huawei or tencent
cli-profile-no-region = give a region (--region cn-north-4) or an endpoint URL (--endpoint URL)
cli-profile-object-needed = with --endpoint and no --region, give the object endpoint too (--object-endpoint URL)
cli-profile-not-region = region "{ $value }" is not a region id; use one like { $a }, { $b } or { $c }
cli-profile-url-not-url = { $what ->
    [object] object endpoint
    [proxy] proxy
   *[endpoint] endpoint
} "{ $value }" is not a URL; give a URL like https://host[:port]
cli-profile-url-not-http = { $what ->
    [object] object endpoint
    [proxy] proxy
   *[endpoint] endpoint
} "{ $value }" must start with http:// or https://; give a URL like https://host[:port]
cli-profile-url-no-host = { $what ->
    [object] object endpoint
    [proxy] proxy
   *[endpoint] endpoint
} "{ $value }" has no host; give a URL like https://host[:port]
cli-profile-url-query = { $what ->
    [object] object endpoint
    [proxy] proxy
   *[endpoint] endpoint
} "{ $value }" must not have a query or fragment; give a URL like https://host[:port]
cli-profile-url-user = { $what ->
    [object] object endpoint
    [proxy] proxy
   *[endpoint] endpoint
} "{ $value }" must not carry a user or password (they would be stored in plain text); give a URL like https://host[:port]
cli-profile-key-empty = { $provider ->
    [tencent] the SecretId (--ak) is empty; create them in the Tencent Cloud console under CAM > API Keys
    [aliyun] the AccessKey ID (--ak) is empty; create them in the Alibaba Cloud console under RAM > AccessKey
   *[huawei] the access key (--ak) is empty; create them in the Huawei Cloud console under My Credentials > Access Keys
}
cli-profile-key-spaces = { $provider ->
    [tencent] the SecretId (--ak) contains spaces; paste it without them
    [aliyun] the AccessKey ID (--ak) contains spaces; paste it without them
   *[huawei] the access key (--ak) contains spaces; paste it without them
}
cli-profile-scope-length = { $provider ->
    [tencent] the SubAppId must be 1 to 64 characters; copy it from the console (My Credentials > API Credentials)
    [aliyun] the AppId must be 1 to 64 characters; copy it from the console (My Credentials > API Credentials)
   *[huawei] the project id must be 1 to 64 characters; copy it from the console (My Credentials > API Credentials)
}
cli-profile-scope-number = { $provider ->
    [tencent] the SubAppId "{ $value }" is not a number; copy it from the VOD console's application list, or leave it out
    [aliyun] the AppId "{ $value }" is not a number; copy it from the VOD console's application list, or leave it out
   *[huawei] the project id "{ $value }" is not a number; copy it from the VOD console's application list, or leave it out
}

## Who holds an account's uploads (another vodesk process)
owner-holder = process { $pid } ({ $program }) since { $since }
owner-unknown = another vodesk process

## The profiles file
profiles-file-unreadable = { $path } cannot be read ({ $error })
profiles-file-invalid = { $path } is not a valid profiles file ({ $message }); fix it or move it away and add the profiles again
profiles-file-bad-profile = { $path }: profile "{ $name }": { $problem }

## Saving, removing and choosing profiles
profile-exists = a profile named "{ $name }" exists already; remove it first or choose another name
profile-removed-meanwhile = profile "{ $name }" not found; it was removed meanwhile
profile-secret-not-stored = the secret key of profile "{ $name }" is not in the keychain; enter it
profile-built-in = the built-in { $name } profile cannot be removed; it is the embedded local service
profile-needs-project = give the project id, or a region so the project id can be looked up

## vodesk serve's start-up listing
cli-serve-huawei = vodesk local VOD service (Huawei Cloud VOD API, profile Local)
cli-serve-tencent = Tencent Cloud VOD API (profile Local-Tencent)
cli-serve-aliyun = Alibaba Cloud ApsaraVideo VOD API (profile Local-Alibaba)
cli-serve-vod-api = VOD API:
cli-serve-object-endpoint = object endpoint:
cli-serve-cos-endpoint = COS endpoint:
cli-serve-oss-endpoint = OSS endpoint:
cli-serve-project-id = project id:
cli-serve-access-key = access key (AK):
cli-serve-secret-key = secret key (SK):
cli-serve-region = region:
cli-serve-stored-in = stored in { $path }
cli-serve-shown-once = { $secret }   (shown once; stored in { $path })
cli-serve-from-env = from { $var }
cli-serve-data-dir = data directory: { $path }
profiles-file-not-written = cannot write { $path }: { $error }
