# vodesk — 简体中文。每个键都必须同时出现在 en/vodesk.ftl 中（有测试双向检查）。

## 设置窗口
settings-title = 设置
settings-concurrent-files = 同时上传文件数
settings-parts-per-file = 每个文件的并行分段数
settings-bandwidth = 带宽上限（MiB/秒，0 表示不限）
settings-part-size = 分段大小（MiB）
settings-part-size-hint = 会自动增大，使一个文件最多 1,000 个分段
settings-part-size-next-start = 分段大小在下次启动 vodesk 时生效。
settings-theme = 主题
settings-theme-system = 跟随系统
settings-theme-light = 浅色
settings-theme-dark = 深色
settings-language = 语言
settings-language-system = 跟随系统

## 媒资状态（悬停可见服务返回的原始值）
status-uploading = 上传中
status-processing = 处理中
status-failed = 失败
status-cancelled = 已取消
status-deleting = 删除中
status-deleted = 已删除
status-service-value = 服务返回值：{ $raw }
task-transcode-waiting = 等待转码
task-transcode-running = 转码中
task-transcode-done = 已转码
task-transcode-failed = 转码失败
task-thumbnails-waiting = 等待截图
task-thumbnails-running = 截图中
task-thumbnails-done = 截图完成
task-thumbnails-failed = 截图失败
task-review-waiting = 等待审核
task-review-running = 审核中
task-review-done = 审核通过
task-review-attention = 审核：需要人工查看
task-review-failed = 审核未通过

## 各云的“发布”说法
publish-published = 已发布
publish-unpublished = 未发布
publish-publish = 发布
publish-unpublish = 取消发布
publish-publish-all = 全部发布
publish-unpublish-all = 全部取消发布
publish-published-verb = 已发布
publish-unpublished-verb = 已取消发布
playback-allowed = 允许播放
playback-forbidden = 禁止播放
playback-allow = 允许播放
playback-forbid = 禁止播放
playback-allow-all = 全部允许播放
playback-forbid-all = 全部禁止播放
playback-allowed-verb = 已允许播放
playback-forbidden-verb = 已禁止播放
audit-passed = 审核通过
audit-blocked = 已屏蔽
audit-unblock = 解除屏蔽
audit-block = 屏蔽
audit-unblock-all = 全部解除屏蔽
audit-block-all = 全部屏蔽
audit-unblocked-verb = 已解除屏蔽
audit-blocked-verb = 已屏蔽

## 元数据表单中的工作流
workflow-name-label = 工作流
workflow-name-hint = 无 — 工作流名称
workflow-name-help = 在控制台中创建的工作流（按名称），上传后执行。如同时选择了转码模板组，则以模板组为准。
workflow-id-label = 工作流 ID
workflow-id-hint = 无 — 工作流 ID
workflow-id-help = 在控制台中创建的工作流（按 ID），上传后执行，并代替转码模板组。

## 存储桶中未完成的分段上传
unfinished-open = 未完成的上传…
unfinished-open-hint = 已开始但未完成的上传：其分段仍在存储中
unfinished-title = 未完成的上传 — { $bucket }
unfinished-explain = 已开始但从未完成的上传：在取消之前，其分段会一直存储并计费。
unfinished-none = 没有未完成的上传。
unfinished-loading = 正在查找未完成的上传…
unfinished-reload = 刷新
unfinished-abort-selected = 取消所选上传
unfinished-older-label = 早于（天）
unfinished-abort-older = 取消较早的上传
unfinished-not-days = 天数须为整数，例如 7。
unfinished-key = 对象键
unfinished-started = 开始时间
unfinished-parts = 分段数
unfinished-size = 大小
unfinished-held = { $n } 个未完成的上传占用 { $size }。
unfinished-aborted = 已取消 { $n } 个上传。
unfinished-aborted-some-failed = 已取消 { $n } 个上传；{ $failed } 个未能取消（{ $first }）。

## 上传队列的工具栏与合计
queue-add-files = ➕ 添加文件…
queue-add-folder = 📁 添加文件夹…
queue-start = ▶ 开始
queue-start-selected = ▶ 开始（{ $n }）
queue-pause = ⏸ 暂停
queue-resume = ⏵ 继续
queue-cancel = ✖ 取消
queue-retry = ⟳ 重试
queue-remove = 🗑 移除
queue-clear-finished = 清除已完成
queue-files-done = 已完成 { $done } / { $total } 个文件
queue-files-done-hint = 队列中已上传完成的行
queue-failed = { $n } 个失败
queue-bytes-of = { $done } / { $total }
queue-speed = { $speed }/秒
queue-left = 剩余 { $time }
queue-finding = 正在查找文件…
limits-bandwidth = 带宽
limits-files = 同时上传文件数
limits-parts = 每个文件的分段数

## 队列表格
col-name = 文件名
col-size = 大小
col-title = 标题
col-category = 分类
col-status = 状态
col-progress = 进度
col-speed = 速度
col-eta = 剩余时间
col-actions = 操作
col-error = 错误
category-other = 其他
row-needs-fixing = 需修正
row-ready = 就绪
row-queued = 排队中
row-refused = 已拒绝
row-already = 已上传过
row-hashing = 校验中
row-uploading = 上传中
row-paused = 已暂停
row-completing = 完成中
row-done = 完成 ✔
row-done-status = 完成 ✔ · { $status }
row-skipped = 已跳过
row-failed = 失败
row-cancelled = 已取消
row-start-tip = 开始上传此文件
row-remove-tip = 从队列中移除
row-resume-tip = 继续
row-cancel-tip = 取消此上传
row-retry-tip = 重试
row-again-tip = 再次上传（此账号已有该文件）
row-pause-tip = 暂停
follow-taken-in = 入库中
follow-processing = 处理中
follow-failed = 处理失败

## 顶栏、菜单、状态栏、面板
top-profile = 配置：{ $name }
top-manage-profiles = 管理配置…
top-connect-menu = 连接云账号…
top-connect = 连接云账号
top-filter-queue = 🔍 筛选队列（Ctrl+F）
top-theme = 主题
top-theme-system = 🖥 系统
top-theme-follow = 🖥 跟随系统
top-theme-light = ☀ 浅色
top-theme-dark = 🌙 深色
top-notifications-tip = 通知（Ctrl+Shift+N）
top-local-banner = 🏠 本地媒资库 — 所有内容都不会离开这台电脑。
menu-assets-panel = 媒资面板
menu-metadata-panel = 元数据面板
menu-notification-panel = 通知面板
menu-settings = 设置…（Ctrl+,）
menu-shortcuts = 键盘快捷键（F1）
menu-about = 关于 vodesk
status-notifications = ℹ { $n } 条通知
status-notifications-unread = ⚠ { $n } 条通知
status-service = { $profile } 服务：{ $endpoint }
status-limits = 带宽：{ $bandwidth } · { $files } 个文件 × { $parts } 个分段
tab-assets = 媒资
tab-buckets = 存储桶
tab-import = 导入
tab-categories = 分类…
meta-heading = 元数据
meta-defaults-hint = 之后添加的文件使用这些默认值。选中队列中的行可编辑其元数据。
meta-heading-selected = 元数据（已选 { $n } 行）
meta-started-unchanged = 已开始的 { $n } 行不会被修改。
meta-start-selected = ▶ 开始所选的 { $n } 行
details-heading = 上传详情
details-file = 文件
details-asset-id = 媒资 ID
details-copy = 复制
queue-heading = 上传队列
queue-empty = 将媒体文件或文件夹拖放到这里
queue-empty-hint = 或使用“添加文件…” / “添加文件夹…”（Ctrl+O / Ctrl+Shift+O）
halt-held = ⏳ 上传等待中：另一个 vodesk 正在处理此账号的上传（{ $holder }）；它结束后将在这里开始。
halt-stopped = ⚠ 上传已停止：{ $reason }。
halt-nothing-lost = 不会丢失任何内容；问题解决后：
halt-resume-all = ▶ 全部继续
drop-overlay = 拖放文件或文件夹，将其加入上传队列

## 元数据表单
form-title = 标题
form-required = 必填
form-mixed = 多个值
form-description = 描述
form-tags = 标签
form-tags-hint = 用逗号分隔
form-tags-count-bytes = 已有 { $n } / { $max } 个标签，每个最多 { $each } 字节
form-tags-count-chars = 已有 { $n } / { $max } 个标签，每个最多 { $each } 个字符
form-length-bytes = { $n } / { $max } 字节
form-length-chars = { $n } / { $max } 个字符
form-auto-publish = 自动发布
form-auto-encrypt = 自动加密（仅 HLS）
form-auto-preheat = 自动预热
form-title-pattern = 标题模板
form-apply = 应用
form-none = 无
form-cover = 封面
form-cover-none = 无（由服务自动生成）
form-choose = 选择…
form-remove = 移除
preset-group-label = 转码模板组
preset-group-loading = 正在加载转码模板组…
preset-group-failed = 无法加载转码模板组
preset-flow-label = 任务流
preset-flow-loading = 正在加载任务流…
preset-flow-failed = 无法加载任务流

## 媒资列表
list-refresh = 刷新
list-search = 🔍 搜索媒资
list-all-statuses = 全部状态
list-filter-status = 按状态筛选
list-all-formats = 全部格式
list-filter-format = 按格式筛选
list-all-categories = 全部分类
list-filter-category = 按分类筛选
list-filter-date = 按创建日期筛选
list-range-from = 起 2026-11-01
list-range-to = 止 2026-11-21
list-sort = 排序
list-loading-all = 正在加载全部 { $total } 个媒资以便排序… 已加载 { $loaded } 个
list-count = { $loaded } / { $total } 个媒资
list-loading = 加载中…
list-new-uploads = ⟳ 列表加载后有 { $n } 个新上传 — 显示
list-error = 列表无法加载：{ $error }
sort-newest = 最新优先
sort-oldest = 最早优先
sort-title-az = 标题 A–Z
sort-title-za = 标题 Z–A
sort-largest = 最大优先
sort-smallest = 最小优先
sort-longest = 最长优先
sort-shortest = 最短优先
since-any = 任意时间
since-day = 最近 24 小时
since-week = 最近 7 天
since-month = 最近 30 天
since-range = 日期范围…

## 截图、字幕、零散词语
thumb-enable = 截图
thumb-kind-time = 每 N 秒一张
thumb-kind-dots = 指定时间点
thumb-kind-quantity = 共 N 张
thumb-interval = 间隔（秒）
thumb-interval-hint = 0–100，默认 12
thumb-dots = 时间点（秒）
thumb-dots-hint = 例如 1, 5, 10
thumb-quantity = 截图数量
thumb-quantity-hint = 1–10
thumb-cover-position = 封面位置
thumb-cover-position-hint = 从 1 开始
thumb-aspect-ratio = 宽高比
thumb-aspect-ratio-hint = 0 保持原比例，1 为 16:9
thumb-max-length = 最大边长（像素）
thumb-max-length-hint = 1–8192
form-subtitles = 字幕
form-attach-srt = 添加 .srt…
form-detach = 移除
list-tags = 🏷 标签（用逗号分隔）
bandwidth-unlimited = 不限

## 存储桶浏览器
buckets-choose-combo = 选择存储桶
buckets-none = 此账号还没有存储桶。
buckets-what = 存储桶是云对象存储中存放文件的容器；VOD 可以从已授权读取的存储桶导入媒体。
buckets-how = 请在云控制台的对象存储中（或用其命令行工具）创建存储桶，点击 ⟳ 刷新列表并选择它，导入前先点击“授权 VOD”。
buckets-choose = 在上方选择一个存储桶，浏览其文件夹并将媒体导入 VOD。

## 媒资详情
details-cover = 封面
details-no-preview = 无法预览封面：{ $error }
details-cancel-editing = 取消编辑
details-error = 无法加载详情：{ $error }
details-format = 格式
details-created = 创建时间
details-expires = 过期时间
details-duration = 时长
details-seconds = { $n } 秒
details-snapshots = 截图
details-snapshot = 截图 { $n }
details-snapshot-cover = 将此截图设为封面
details-original = 原始文件
details-urls = 地址
details-copy-url = 复制 { $url }
details-delete = 🗑 删除…
details-change-cover = 🖼 更换封面…
details-change-cover-tip = 用 JPG 或 PNG 图片替换封面
details-edit = ✏ 编辑
details-edit-loading = 正在加载媒资的元数据…
details-refresh = ⟳ 刷新
details-new-title = 新标题
details-new-description = 新描述
details-new-tags = 新标签
details-new-category = 新分类
details-unchanged = 不变
details-save = 保存

## Files left out of the queue (not media)
left-out-reason = 不是点播支持的媒体格式（.{ $ext }）
left-out-reason-no-ext = 不是点播支持的媒体格式（无扩展名）
left-out-link = { $n ->
   *[other] 已略过 { $n } 个文件
}
left-out-link-hint = 所添加文件夹中不是点播支持的媒体的文件；点击查看
left-out-title = 已略过的文件
left-out-explain = { $n ->
   *[other] 所添加的文件夹中有 { $n } 个文件不是点播服务支持的媒体，未加入队列。
}
left-out-formats = 点播支持的格式：{ $formats }
left-out-more = { $n ->
   *[other] ……还有 { $n } 个
}
left-out-clear = 清空列表

## What a queued file holds (ffprobe)
col-media = 媒体信息
media-unreadable = ⚠ 无法识别为媒体
media-details = 时长：{ $duration }
    画面：{ $width }×{ $height }，{ $fps } 帧/秒
    视频：{ $video }
    音频：{ $audio }
    码率：{ $bitrate } kbit/s
    封装：{ $container }
media-no-tools = 未找到 ffprobe 和 ffmpeg，队列中的文件无法显示时长、分辨率和画面。请安装 ffmpeg（Debian 和 Ubuntu：sudo apt install ffmpeg）并重启 vodesk。
media-open = 打开
media-open-hint = 用系统播放器打开此文件
media-play = 播放
media-play-hint = 用系统播放器打开媒资的播放地址（或原始文件）
media-open-failed = 无法打开 { $target }：{ $error }
settings-open-with = 打开媒体的程序
settings-open-with-hint = 用来打开文件和播放地址的程序（如 vlc 或 mpv）；留空则用系统默认程序
cli-left-out = { $path }  已略过：{ $reason }
cli-left-out-summary = { $n ->
   *[other] 文件夹中有 { $n } 个文件不是媒体，已略过；点播支持的格式：{ $formats }
}
cli-total-prefix = 总计
cli-total = { $done } / { $total } · { $speed }/s · 剩余 { $left } · { $finished } / { $files } 个文件{ $walking ->
    [yes] （仍在查找…）
   *[no] {""}
}

## Watch folders
watch-open = 👁 监视文件夹…
watch-open-hint = 新文件会自动加入队列的文件夹
watch-title = 监视文件夹
watch-explain = 这些文件夹中出现的新媒体文件在停止增长后会自动加入队列，使用监视时保存的元数据；如选择，还会立即开始上传。
watch-existing = 添加监视时文件夹中已有的文件不会加入队列：请用“添加文件夹…”添加它们。
watch-none = 尚未监视任何文件夹。
watch-state-watching = 监视中
watch-state-starting = 正在查看…
watch-state-missing = ⚠ 找不到
watch-auto-start = 立即开始上传
watch-use-defaults = 使用当前默认值
watch-use-defaults-hint = 此文件夹的新文件将使用表单中当前的默认元数据（未选中任何行时）加入队列
watch-remove = 停止监视此文件夹
watch-add = 添加监视文件夹…
watch-added = 已开始监视 { $folder }：其中的新文件会加入队列。
watch-already = { $folder } 已在监视中。
watch-gone = 文件夹已不存在（被删除、重命名或卸载）
watch-not-a-folder = 它已不再是文件夹
watch-went-missing = 无法读取监视的文件夹 { $folder }：{ $why }。文件夹恢复后会继续监视；如已移动，请在“监视文件夹”中移除。
watch-came-back = 监视的文件夹 { $folder } 已恢复，继续监视。
watch-queued = { $n ->
   *[other] 已将 { $folder } 中的 { $n } 个新文件加入队列。
}
watch-file-damaged = 无法从 { $file } 读取监视文件夹（{ $error }），将从空列表开始。
watch-save-failed = 无法保存监视文件夹：{ $error }
watch-pick-title = 监视文件夹
