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
playback-allowed = 允许播放
playback-forbidden = 禁止播放
playback-allow = 允许播放
playback-forbid = 禁止播放
playback-allow-all = 全部允许播放
playback-forbid-all = 全部禁止播放
audit-passed = 审核通过
audit-blocked = 已屏蔽
audit-unblock = 解除屏蔽
audit-block = 屏蔽
audit-unblock-all = 全部解除屏蔽
audit-block-all = 全部屏蔽

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

buckets-url-only = 此云的点播服务没有存储桶浏览器；请在这里通过 URL 导入媒体。
buckets-reload-tip = 刷新存储桶列表
buckets-not-media = 不是 VOD 可导入的媒体文件
buckets-load-more = 加载更多
buckets-empty = 此处为空。
buckets-defaults-pattern = 导入使用元数据表单的默认值（未选中队列行时显示）；标题：{ $pattern }
buckets-defaults-names = 导入使用元数据表单的默认值（未选中队列行时显示）；标题：对象名
buckets-fix-defaults = ⚠ 请先修正默认值再导入 — { $problem }
buckets-import-selected = 导入所选的 { $n } 个
buckets-import-selected-tip = 用所选对象创建媒资，使用元数据表单的默认值
buckets-authorize = 授权 VOD
buckets-authorize-tip = 允许 VOD 读取此存储桶（导入前需要）
buckets-urls-label = 通过 URL 导入（每行一个，最多 { $max } 个）
buckets-import-urls = 导入 URL
buckets-too-many-urls = 共 { $n } 个 URL；一次最多可导入 { $max } 个
buckets-not-url = “{ $url }”不是 URL
buckets-not-http = “{ $url }”必须是 http 或 https
buckets-not-media-url = “{ $url }”的扩展名不是支持的媒体格式
buckets-load-failed = 无法加载存储桶：{ $error }
bucket-authorized = VOD 现在可以读取 { $bucket }。
bucket-not-authorized = 无法授权 { $bucket }：{ $error }
bucket-imported = { $item } 已导入为媒资 { $asset }
bucket-not-imported = { $item } 未导入：{ $error }
bucket-url-refused = { $url } 未被接受：{ $error }
bucket-urls-failed = URL 未导入：{ $error }
bucket-items-failed = { $total } 项中有 { $failed } 项失败；请查看存储桶面板。

## 分类管理
categories-title = 分类
categories-name = 名称
categories-add-top = 添加顶级分类
categories-add-inside = 在所选分类下添加
categories-add-inside-off = 请选择未到第 { $max } 级的分类（分类最多 { $max } 级）
categories-rename = 重命名所选
categories-delete = 删除所选
categories-delete-tip = 分类下仍有媒资或子分类时，服务会拒绝删除
category-created = 已创建分类“{ $name }”。
category-renamed = 分类已重命名为“{ $name }”。
category-deleted = 分类已删除。
category-refused = 分类修改被拒绝：{ $error }
categories-load-failed = 无法加载分类：{ $error }

## 批量操作
bulk-selected = 已选 { $n } 个媒资
bulk-hint = Ctrl 加点击可添加或移除媒资，Shift 加点击选择一个范围；直接点击打开单个媒资。
bulk-delete-all = 🗑 全部删除…
bulk-change-for-all = 批量修改
bulk-description = 描述
bulk-new-description = 所有媒资的新描述
bulk-tags = 标签
bulk-new-tags = 所有媒资的新标签
bulk-category = 所有媒资的分类
bulk-apply = 应用到 { $n } 个媒资

## 键盘快捷键与关于
help-title = 键盘快捷键
help-drop = 将文件或文件夹拖放到窗口任意位置即可加入队列。
help-tip = { $help }（{ $keys }）
help-keys-or = { $first } 或 { $second }
about-title = 关于 vodesk
about-tagline = 批量上传并管理云点播服务上的媒体。
about-version = 版本 { $version }（提交 { $commit }）
about-connected = 已连接到 { $endpoint }
command-add-files = 添加文件…
command-add-folder = 添加文件夹…
command-start = 开始
command-pause = 暂停
command-resume = 继续
command-cancel = 取消
command-retry = 重试
command-remove = 移除
command-clear-finished = 清除已完成
command-select-all = 全选
command-search = 搜索
command-notifications = 通知
command-help = 键盘快捷键
command-settings = 设置
command-quit = 退出
command-add-files-help = 将媒体文件加入队列
command-add-folder-help = 添加文件夹（在后台遍历）
command-start-help = 开始所选的行（未选中时开始所有就绪的行）
command-pause-help = 暂停所选的上传（未选中时暂停全部）
command-resume-help = 继续所选的上传（未选中时继续全部）
command-cancel-help = 取消所选的上传
command-retry-help = 重试失败或已取消的行
command-remove-help = 移除所选的未在上传的行
command-clear-finished-help = 移除所有已完成的行
command-select-all-help = 选中所有行
command-search-help = 按文件名或标题筛选队列
command-notifications-help = 显示或隐藏通知面板
command-help-help = 显示此列表（也可按 ?）
command-settings-help = 传输限制、分段大小、主题
command-quit-help = 关闭窗口（未完成的上传下次继续）

## 通知
notify-more = 还有 { $n } 条通知 — 请查看通知面板
notify-heading = 通知（{ $n }）
notify-clear = 清空
notify-nothing = 暂无通知。
notify-ago = { $secs } 秒前
notify-copy = 复制（含错误码和请求 ID）

## 媒资操作的结果（$op 为服务商对该操作的叫法）
assets-op-done = { $op ->
    [publish] 已发布 { $n } 个媒资。
    [unpublish] 已取消发布 { $n } 个媒资。
    [allow] 已允许播放 { $n } 个媒资。
    [forbid] 已禁止播放 { $n } 个媒资。
    [unblock] 已解除屏蔽 { $n } 个媒资。
    [block] 已屏蔽 { $n } 个媒资。
   *[delete] 已删除 { $n } 个媒资。
}
assets-op-refused = 媒资 { $id } 未能{ $op ->
    [publish] 发布
    [unpublish] 取消发布
    [allow] 允许播放
    [forbid] 禁止播放
    [unblock] 解除屏蔽
    [block] 屏蔽
   *[delete] 删除
}（状态 { $status }）；服务返回：{ $reason }。
assets-op-refused-busy = 媒资 { $id } 未能{ $op ->
    [publish] 发布
    [unpublish] 取消发布
    [allow] 允许播放
    [forbid] 禁止播放
    [unblock] 解除屏蔽
    [block] 屏蔽
   *[delete] 删除
}（状态 { $status }）；它可能仍在处理中，请在处理完成后重试。
assets-op-failed = 无法{ $op ->
    [publish] 发布
    [unpublish] 取消发布
    [allow] 允许播放
    [forbid] 禁止播放
    [unblock] 解除屏蔽
    [block] 屏蔽
   *[delete] 删除
}这些媒资：{ $error }
assets-status-unknown = 未知
assets-load-failed = 无法加载媒资列表：{ $error }
asset-not-saved = 无法保存对媒资 { $id } 的修改：{ $error }
asset-cover-set = 封面已设置。
asset-cover-replaced = 封面已更换。
asset-metadata-saved = 元数据已保存。
confirm-delete-title = 删除媒资？
confirm-delete = 从服务中删除 { $n } 个媒资？其媒体文件和转码输出将被移除，且无法撤销。
confirm-delete-yes = 删除
confirm-delete-keep = 保留
confirm-cancel-title = 取消上传？
confirm-cancel = 取消 { $n } 个上传？已发送的数据将被丢弃，且无法继续上传。
confirm-cancel-yes = 取消上传
confirm-cancel-keep = 继续上传

## 上传相关的通知
batch-uploaded = 已上传 { $n } 个文件。
batch-some-failed = 已上传 { $n } 个文件，{ $failed } 个失败；选中它们并点击“重试”。
job-failed = { $name } 上传失败：{ $reason }
row-not-queued = { $name } 无法加入队列：{ $error }
row-already-uploaded = { $name } 已上传为媒资 { $asset }，未重复发送。点击其“再次上传”按钮可再传一次。
drafts-back = 上次未开始的 { $n } 行已回到队列。
resumed-running = 正在继续上次会话中未完成的 { $n } 个上传。
resumed-failed = 上次会话中有 { $n } 个上传失败；选中它们并点击“重试”。
resumed-paused = 上次会话中暂停的 { $n } 个上传保持暂停；点击“继续”即可恢复。
preset-group-load-failed = 无法加载转码模板组：{ $error }
preset-flow-load-failed = 无法加载任务流：{ $error }
uploads-stopped = 上传已停止：{ $reason }。问题解决后，可在队列中继续。
uploads-held = 此账号的上传由另一个 vodesk 占用（{ $holder }）；它结束后将在这里开始。
rows-still-busy = 有 { $n } 行仍在上传或已暂停；请先取消。
row-not-started = { $name } 未开始 — { $why }；请在元数据表单中修正。
row-not-started-more = { $name } 未开始 — { $why }（另有 { $more } 行需修正）；请在元数据表单中修正。
uploading-files = 正在上传 { $n } 个文件。
drafts-not-saved = { $error }；尚未开始的行下次不会恢复
queue-not-saved = { $error }；无法保存上传队列
drafts-not-read = 无法从 { $path } 读取上次会话未发送的行（{ $error }）
file-not-written = 无法写入 { $path }（{ $error }）
file-not-read = 无法读取 { $path }（{ $error }）

## 配置：切换，以及测试或保存的结果
profile-connecting = 正在连接配置“{ $name }”…
profile-now-using = 正在使用配置“{ $name }”
profile-not-connected = 配置“{ $name }”无法连接：{ $error }
profile-default-not-connected = 默认配置无法连接：{ $error }
profile-rows-moved = 尚未开始的 { $n } 行已移至“{ $profile }”。分类和转码模板组属于各自的账号：所选项在此不存在的行会标记为“需修正”。
profile-saved = 已保存配置“{ $name }”；其密钥保存在系统钥匙串中
profile-removed = 已移除配置“{ $name }”及其密钥
profile-switching = 正在切换到“{ $name }”…
profile-secret-empty = 密钥为空；请粘贴密钥

## 系统文件对话框
pick-files = 添加文件
pick-folder = 添加文件夹
pick-cover = 选择封面图片
pick-cover-filter = JPG 或 PNG 图片
pick-subtitles = 添加字幕
pick-subtitles-filter = SRT 字幕
cover-not-opened = 无法打开 { $path }（{ $error }）。
cover-not-read = 无法读取 { $path }（{ $error }）。
cover-not-image = { $path } 不是可读取的 JPG 或 PNG 图片（{ $error }）。
cover-not-image-data = 封面不是可读取的图片（{ $error }）。
cover-not-downloaded = 无法下载封面（HTTP { $status }）

## 连接配置
connect-profile-not-found = 找不到配置“{ $name }”；`vodesk profiles list` 列出已保存的配置，`vodesk profiles add` 可保存新配置
connect-keys-half-set = 已设置 { $access } 但未设置 { $secret }；请两者都设置，或都不设置以使用配置中的密钥
connect-secret-missing = 配置“{ $name }”的密钥不在系统钥匙串中（服务 vodesk，账号 { $name }）；请移除该配置后重新添加
connect-env-missing = 未设置 { $name }；请设置它（以及其他 HUAWEICLOUD_SDK_* 变量），或全部取消设置以使用本地服务
connect-keychain-stopped = 钥匙串查询中断：{ $error }
connect-local-failed = 无法启动本地服务：{ $error }

## 表单、列表与面板的零散文字
form-expires = 过期时间
form-expires-hint = 永不（yyyy-mm-dd）
form-expires-help = 媒体将在该日（UTC）之后自动删除；留空则永久保留。
form-expires-problem = ⚠ 过期时间：{ $problem }
form-pattern-help = {"{"}name{"}"} 或 {"{"}stem{"}"}：不含扩展名的文件名；{"{"}ext{"}"}：扩展名；{"{"}dir{"}"}：文件夹名
form-cover-preview = 封面预览
form-categories-failed = 无法加载分类：{ $error }
list-not-a-date = “{ $text }”不是日期；请写成 2026-11-21 的形式
list-range-backwards = 结束日期早于开始日期；请交换两个日期
row-empty-file = 空文件（0 字节）— 请将其从本批中移除
panel-close = ✖ 关闭
panel-close-bulk-tip = 清除媒资选择
panel-close-details-tip = 返回元数据表单
task-stopped = 已中断：{ $error }
cover-read-stopped = 读取封面中断：{ $error }

## 配置窗口（$provider 为 huawei、tencent 或 aliyun）
profiles-title = 配置
profiles-add = ➕ 添加配置…
profiles-checking = 正在检查连接…
profiles-remove-title = 移除配置？
profiles-remove-text = 从钥匙串中移除“{ $name }”及其密钥？云端的媒资不受影响。
profiles-remove = 移除
profiles-cancel = 取消
profiles-default = { $name }（默认）
profiles-use = 使用
profiles-use-tip = 切换到此配置并设为默认
profiles-test = 测试
profiles-test-tip = 立即检查其密钥、项目和服务地址
profiles-edit = 编辑
profiles-custom-endpoint = 自定义服务地址
profiles-detail = { $cloud } · { $region } · { $endpoint }
profile-cloud-name = { $provider ->
    [tencent] 腾讯云点播
    [aliyun] 阿里云视频点播
   *[huawei] 华为云点播
}
profile-local = { $provider ->
    [tencent] 内置本地服务（腾讯云点播 API）
    [aliyun] 内置本地服务（阿里云视频点播 API）
   *[huawei] 内置本地服务（华为云点播 API）
}
profile-new-title = 新建配置（{ $cloud }）
profile-edit-title = 编辑“{ $name }”
profile-cloud = 云服务
profile-keys-where = { $provider ->
    [tencent] 访问密钥在腾讯云控制台创建：访问管理 > API 密钥管理
    [aliyun] 访问密钥在阿里云控制台创建：RAM 访问控制 > AccessKey
   *[huawei] 访问密钥在华为云控制台创建：我的凭证 > 访问密钥
}
profile-name = 名称
profile-region = 区域
profile-region-other = 其他…
profile-region-id = 区域 ID
profile-region-choice = { $id } — { $name }
profile-vod-endpoint = 点播服务地址
profile-object-endpoint = 对象存储地址
profile-endpoint-hint = 由区域推导
profile-scope-label = { $provider ->
    [tencent] SubAppId
    [aliyun] AppId
   *[huawei] 项目 ID
}
profile-scope-hint = { $provider ->
    [tencent] 账号的默认应用
    [aliyun] 默认：app-1000000
   *[huawei] 根据区域自动查询
}
profile-key-label = { $provider ->
    [tencent] SecretId
    [aliyun] AccessKey ID
   *[huawei] 访问密钥 ID（AK）
}
profile-secret-label = { $provider ->
    [tencent] SecretKey
    [aliyun] AccessKey Secret
   *[huawei] 秘密访问密钥（SK）
}
profile-keep-secret = 留空则保留已保存的值
profile-security-token = 安全令牌
profile-token-hint = 仅用于临时密钥
profile-proxy-url = 代理 URL
profile-proxy-hint = http://proxy:3128（可选）
profile-proxy-user = 代理用户名
profile-proxy-password = 代理密码
profile-make-default = 设为默认
profile-skip-test = 保存时不测试连接
profile-test-connection = 测试连接
profile-save = 保存
profile-cancel = 取消

## 字段问题，按表单上的名称称呼字段（$field）
field-category = 分类
field-auto-encrypt = 自动加密
field-auto-preheat = 自动预热
field-thumbnails = 截图
field-thumbnail-interval = 截图间隔
field-thumbnail-dots = 截图时间点
field-thumbnail-quantity = 截图数量
field-thumbnail-cover-position = 封面位置
field-thumbnail-aspect-ratio = 宽高比
field-thumbnail-max-length = 最大边长
field-review-template = 审核模板
field-category-name = 分类名称
problem-empty = { $field }为空；请填写，或不设置此项。
problem-title-empty = { $field }为空；请为媒资填写标题。
problem-dots-empty = { $field }为空；请填写以秒为单位的截图时间点，例如 1, 5, 10。
problem-too-long = { $unit ->
    [bytes] { $field }长 { $length } 字节，上限为 { $max } 字节（UTF-8）；请缩短。
   *[chars] { $field }长 { $length } 个字符，上限为 { $max } 个字符；请缩短。
}
problem-range = { $field }须在 { $min }–{ $max } 之间，当前为 { $value }。
problem-range-seconds = { $field }须在 { $min }–{ $max } 秒之间，当前为 { $value } 秒。
problem-missing = 缺少{ $field }；请填写 { $min } 到 { $max } 之间的数字。
problem-not-number = { $field }：“{ $text }”不是整数；请只输入数字。
problem-too-many-tags = { $field }：共 { $count } 个，最多 { $max } 个；请删除一些。
problem-tag-too-long = { $unit ->
    [bytes] { $field }：“{ $tag }”长 { $length } 字节，每个标签最多 { $max } 字节（UTF-8）；请缩短。
   *[chars] { $field }：“{ $tag }”长 { $length } 个字符，每个标签最多 { $max } 个字符；请缩短。
}
problem-tag-comma = { $field }：“{ $tag }”含有逗号；逗号用于分隔标签。
problem-not-category-id = { $field }：{ $id } 不是分类；请从列表中选择。
problem-not-workflow-id = { $field }：“{ $value }”不是工作流 ID；请从控制台的工作流列表中复制 ID（字母和数字）。
problem-in-past = { $field }：{ $when } 已过去；请填写更晚的日期，或留空以保留媒体。
problem-needs-hls = { $field }需要输出 HLS 的转码模板组；请选择一个，或关闭加密。
problem-not-available = 此服务商不支持{ $field }；请不要设置。
problem-not-image = { $field }：{ $path } 不是 JPG 或 PNG 图片；请选择 .jpg、.jpeg 或 .png 文件。
problem-subtitle-id-range = { $field }：ID { $id } 超出范围；请使用 1 到 { $max }。
problem-subtitle-id-twice = { $field }：ID { $id } 重复使用；每个字幕需使用不同的 ID。
problem-not-srt = { $field }：{ $path } 不是 .srt 文件；仅支持 SRT 字幕。
problem-unknown-category = { $field }：此账号中不存在分类 { $id }；请从列表中选择。
problem-unknown-group = { $field }：此账号中不存在“{ $group }”；请从列表中选择。
problem-group-without-hls = { $field }需要输出 HLS 的转码模板组；“{ $group }”输出 { $formats }；请选择 HLS 模板组，或关闭加密。

## 命令行：上传（--json 输出保持英文，供脚本使用）
cli-not-found = 文件不存在
cli-permission-denied = 没有权限
cli-no-media = 在给定的文件夹中没有找到媒体文件；支持的格式：{ $formats }
cli-cannot-read = 无法读取 { $path }（{ $why }）；请检查路径
cli-not-regular = { $path } 不是普通文件；请给出媒体文件或文件夹
cli-empty-file = { $path } 是空文件（0 字节）；请将其从本批中移除
cli-cannot-open = 无法打开 { $path }（{ $why }）；请检查其权限
cli-file-problem = { $path }：{ $problem }
cli-bad-part-size = --part-size { $value } 不是 1M 到 5G 之间的大小
cli-bad-bwlimit = --bwlimit { $value } 不是速率；请写成 20M 或 off 这样的形式
cli-zero-concurrency = --concurrency 和 --parts 至少为 1
cli-not-media = { $path } 不是支持的媒体文件；支持的格式：{ $formats }
cli-file-note = { $path }  提示：{ $note }
cli-file-uploaded = { $path }  { $asset }  已上传（{ $size }）
cli-file-skipped = { $path }  已跳过：{ $reason }
cli-file-cancelled = { $path }  已取消
cli-file-failed = { $path }  失败：{ $reason }
cli-file-already = { $path }  已上传为 { $asset }（--again 可再传一次）
cli-waiting-owner = 等待中：此账号的上传由另一个 vodesk 占用（{ $holder }）；它结束后将在这里继续（按 Ctrl-C 停止等待）
cli-pausing = 正在暂停：等待进行中的分段完成…
cli-nothing-to-resume = 没有要上传的内容：此账号没有中断的上传
cli-upload-summary = 已上传 { $done } 个，之前已上传 { $already } 个，跳过 { $skipped } 个，失败 { $failed } 个 — { $secs } 秒内传输 { $size }（{ $rate }/秒）
cli-uploads-halted = { $reason }；上传已暂停 — 运行 `vodesk upload --resume` 继续
cli-uploads-paused = 已暂停 { $n } 个上传；运行 `vodesk upload --resume` 继续
cli-files-not-uploaded = { $total } 个文件中有 { $n } 个未上传

## 命令行：元数据选项、分类、上传任务、未完成的分段上传
cli-bad-subtitle = --subtitle “{ $value }”不是 语言:ID:文件 的形式；请写成 en:1:movie.srt 这样
cli-bad-subtitle-lang = 不支持 --subtitle 语言“{ $lang }”；请使用 cn 或 en
cli-option-file-empty = { $option } { $path } 是空文件；请选择非空文件
cli-option-not-file = { $option } { $path } 不是文件；请选择文件
cli-option-unreadable = 无法读取 { $option } { $path }（{ $error }）；请检查路径
cli-thumbnail-needs-kind = 截图选项需要 --thumbnail time|dots|quantity
cli-bad-dots = --thumbnail-dots “{ $value }”不是以整秒表示的列表；请写成 1,5,10 这样
cli-bad-expiry = --expire-at：{ $error }
cli-bad-parent = --parent { $id } 不是可以包含子分类的分类；请给出正数 ID
cli-category-created = { $id }  { $name }  已创建
cli-category-renamed = { $id }  { $name }  已重命名
cli-category-removed = { $id }  已删除
cli-category-other = 其他
cli-job-parts = { $n } 个分段
cli-no-job = 上传任务 { $id } 不存在；请查看 `vodesk uploads list`
cli-jobs-held = 此账号的上传由 { $holder } 占用；请在其结束后再丢弃
cli-job-discarded = { $id }  { $path }  已丢弃
cli-job-discarded-locally = { $id }  { $path }  已在本地丢弃；未能通知服务（其未完成的媒资会保留）
cli-bad-age = --abort-older-than “{ $value }”不是时长；请写数字加 d、h 或 m，例如 7d
cli-no-such-upload = --abort { $id }：{ $bucket } 中没有该 ID 的未完成上传；用 `vodesk buckets uploads { $bucket }` 列出
cli-no-unfinished = { $bucket } 没有未完成的上传
cli-unfinished-summary = 未完成 { $n } 个，已取消 { $aborted } 个；仍有 { $size } 以分段形式存储

## 命令行：媒资（$op 为 publish、unpublish 或 delete）
cli-bad-time = --{ $option } “{ $value }”不是时间；请写成 2026-01-01、2026-01-01T08:00:00Z 或 20260101080000（UTC）
cli-bad-status = --status “{ $value }”不是状态；请使用 { $statuses } 之一
cli-bad-size = --size { $value } 超出范围；请使用 1 到 100
cli-assets-shown = 显示 { $shown } 个，共 { $total } 个
cli-more = 更多：--cursor { $cursor }
cli-origin-only-unavailable = 此服务商不支持 --origin-only；请删除整个媒资
cli-cover-unavailable = 此服务商不支持 --cover；请不要使用
cli-nothing-to-change = 没有要修改的内容；请给出 --title、--description、--category、--tags 或 --cover
cli-asset-updated = { $id }  已更新
cli-asset-done = { $id }  { $op ->
    [publish] 已发布
    [unpublish] 已取消发布
   *[delete] 已删除
}（{ $status }）
cli-asset-not-done = { $id }  未能{ $op ->
    [publish] 发布
    [unpublish] 取消发布
   *[delete] 删除
}：{ $status }（{ $reason }）
cli-asset-not-done-busy = { $id }  未能{ $op ->
    [publish] 发布
    [unpublish] 取消发布
   *[delete] 删除
}：{ $status } — 可能仍在处理中；处理完成后请重试
cli-assets-not-done = { $total } 个媒资中有 { $n } 个未能{ $op ->
    [publish] 发布
    [unpublish] 取消发布
   *[delete] 删除
}

## 命令行：配置与存储桶（$what 为 secret-key、security-token 或 proxy-password）
cli-error = 错误：{ $message }
cli-stdin-unreadable = 无法从标准输入读取{ $what ->
    [security-token] 安全令牌
    [proxy-password] 代理密码
   *[secret-key] 密钥
}：{ $error }
cli-stdin-ended = 读取{ $what ->
    [security-token] 安全令牌
    [proxy-password] 代理密码
   *[secret-key] 密钥
}前标准输入已结束；请每行给一个值（依次为密钥、安全令牌、代理密码，按需提供）
cli-no-terminal = 没有可用于输入密钥的终端；请用 --sk-stdin 通过管道传入
cli-secret-prompt = { $name } 的{ $what ->
    [security-token] 安全令牌
    [proxy-password] 代理密码
   *[secret-key] 密钥
}：{" "}
cli-secret-unreadable = 无法读取{ $what ->
    [security-token] 安全令牌
    [proxy-password] 代理密码
   *[secret-key] 密钥
}：{ $error }
cli-secret-empty = { $what ->
    [security-token] 安全令牌
    [proxy-password] 代理密码
   *[secret-key] 密钥
}为空；请粘贴（{ $hint }）
cli-profile-exists = 已存在名为“{ $name }”的配置；请先移除它或换一个名称
cli-test-failed-not-saved = 连接测试失败，未保存任何内容：{ $verdict }；也可以加 --skip-test 直接保存
cli-profile-saved = 已保存配置“{ $name }”（项目 ID { $project }）；其密钥保存在系统钥匙串中（服务 vodesk，账号 { $name }）。
cli-profile-saved-default = 已保存配置“{ $name }”（项目 ID { $project }）；其密钥保存在系统钥匙串中（服务 vodesk，账号 { $name }）。它现在是默认配置。
cli-profile-removed = 已移除配置“{ $name }”及其密钥。
cli-profile-default = “{ $name }”现在是默认配置。
cli-bad-max-keys = --max-keys { $value } 超出范围；请使用 1 到 1000
cli-more-marker = 更多：--marker { $marker }
cli-import-what = 请给出 BUCKET 和 KEY，或 --url
cli-key-not-media = { $key } 不是支持的媒体文件；支持的格式：{ $formats }
cli-import-no-cover = 导入时不能使用 --cover 和 --subtitle；请在导入后用媒资浏览器设置
cli-imported = { $bucket }/{ $key }  { $asset }  已导入
cli-too-many-urls = 给出了 { $n } 个 URL；每次最多可导入 { $max } 个
cli-not-url = --url “{ $url }”不是 URL
cli-not-http = --url “{ $url }”必须是 http 或 https
cli-url-not-media = --url “{ $url }”必须以支持的媒体扩展名结尾（{ $formats }）
cli-url-accepted = { $url }  { $asset }  已接受
cli-url-failed = { $url }  失败：{ $error }
cli-urls-not-accepted = { $total } 个 URL 中有 { $n } 个未被接受
cli-bad-faults = --faults { $value } 超出范围；请给出 0 到 1 之间的比例，例如 0.2
cli-serve-keys-half = 请同时设置 { $access } 和 { $secret }，或都不设置，由服务生成密钥
cli-bad-subappid = TENCENTCLOUD_SUBAPPID { $value } 不是数字；请以数字给出 SubAppId（例如 1500000001），或取消设置
cli-serve-stop = 按 Ctrl-C 停止。
duration-seconds = { $s } 秒

## 连接测试的结论，使用服务商控制台的叫法（$provider）
verdict-ok = { $provider ->
    [tencent] 正常：SecretId、SecretKey 和服务地址均可用（账号的默认应用）
    [aliyun] 正常：AccessKey ID、AccessKey Secret 和服务地址均可用
   *[huawei] 正常：访问密钥、项目 ID 和服务地址均可用
}
verdict-ok-scope = { $provider ->
    [tencent] 正常：SecretId、SecretKey、SubAppId（{ $scope }）和服务地址均可用
    [aliyun] 正常：AccessKey ID、AccessKey Secret、AppId（{ $scope }）和服务地址均可用
   *[huawei] 正常：访问密钥、项目 ID（{ $scope }）和服务地址均可用
}
verdict-wrong-credentials = { $provider ->
    [tencent] SecretId 或 SecretKey 错误：服务拒绝了签名（{ $detail }）；请在腾讯云控制台的“访问管理 > API 密钥管理”中核对
    [aliyun] AccessKey ID 或 Secret 错误：服务拒绝了签名（{ $detail }）；请在 RAM 控制台的 AccessKey 中核对
   *[huawei] 访问密钥 ID 或秘密访问密钥错误：服务拒绝了签名（{ $detail }）；请在“我的凭证 > 访问密钥”中核对
}
verdict-wrong-scope = { $provider ->
    [tencent] SubAppId 与这组密钥不符（{ $detail }）；请从点播控制台的应用列表复制，或留空使用默认应用
    [aliyun] 区域或应用与这组密钥不符（{ $detail }）；请检查配置的区域
   *[huawei] 项目 ID 与这组凭证或区域不符（{ $detail }）；请从“我的凭证 > API 凭证”复制，或留空自动查询
}
verdict-clock = 本机时钟比服务器{ $direction ->
    [ahead] 快
   *[behind] 慢
} { $minutes } 分钟：请设置正确的时间（开启自动时间同步）；时钟不准时，签名请求和上传地址都会失败
verdict-unreachable = 无法连接服务地址（{ $detail }）；请检查服务地址、网络和代理
verdict-permission = 没有权限（{ $detail }）；请向账号管理员申请点播权限，或检查账号状态
verdict-failed = 测试调用失败：{ $error }
verdict-not-saved = 连接测试失败，未保存任何内容：{ $verdict }；也可以不测试直接保存

## 配置字段的问题，按表单上的名称称呼字段（$field）
profile-problem-empty = { $field }为空；请填写。
profile-problem-name-empty = { $field }为空；请填写名称，例如 production。
profile-problem-edge-space = { $field }：“{ $value }”首尾有空格；请删除。
profile-problem-too-long = { $field }：“{ $value }”超过 64 个字符；请缩短。
profile-problem-built-in = { $field }：“{ $value }”是本地服务的内置配置；请换一个名称。
profile-problem-bad-char = { $field }：“{ $value }”含有“{ $char }”；请使用字母、数字、空格、“-”、“_”或“.”。
profile-problem-not-region = { $field }：“{ $value }”不是区域 ID；请从列表中选择。
profile-problem-no-region = { $field }为空；请选择区域，或填写{ $endpoint }和{ $object }。
profile-problem-object-needed = 区域为空并自定义{ $endpoint }时，需要填写{ $field }。
profile-problem-not-url = { $field }：“{ $value }”不是 URL；请填写 https://host[:port] 这样的地址。
profile-problem-not-http = { $field }：“{ $value }”必须以 http:// 或 https:// 开头。
profile-problem-no-host = { $field }：“{ $value }”没有主机名；请填写 https://host[:port] 这样的地址。
profile-problem-query = { $field }：“{ $value }”不能包含查询参数或片段。
profile-problem-user-in-url = { $field }：“{ $value }”不能包含用户名或密码（它们会以明文保存）。
profile-problem-key-empty = { $field }为空；请从控制台粘贴。
profile-problem-spaces = { $field }含有空格；请去掉空格后粘贴。
profile-problem-scope-length = { $field }须为 1 到 64 个字符；请从控制台复制。
profile-problem-not-number = { $field }：“{ $value }”不是数字；请从点播控制台的应用列表复制，或留空。
profile-problem-unsupported = 暂不支持此云服务。

## 启动应用
app-journal-unreadable = 无法打开上传日志 { $path }（{ $error }）；请检查该文件夹是否可写
app-could-not-start = 错误：vodesk 无法启动：{ $error }
app-no-window = 错误：无法打开窗口（{ $error }）；在 Linux 上需要桌面会话（X11 或 Wayland）

## 命令行表格的列
cli-col-asset-id = 媒资 ID
cli-col-title = 标题
cli-col-status = 状态
cli-col-transcode = 转码
cli-col-size = 大小
cli-col-created = 创建时间
cli-col-key = 对象键
cli-col-upload-id = 上传 ID
cli-col-started = 开始时间
cli-col-parts = 分段数
cli-col-bucket = 存储桶
cli-col-location = 位置
cli-col-modified = 修改时间
cli-col-name = 名称
cli-col-provider = 服务商
cli-col-region = 区域
cli-col-endpoint = 服务地址
cli-col-project-id = 项目 ID
cli-col-access-key = 访问密钥
cli-col-transcodes = 转码
cli-col-formats = 格式
cli-col-id = ID
cli-col-state = 状态
cli-col-progress = 进度
cli-col-path = 路径
cli-col-reason = 原因
cli-cell-aborted = 已取消
cli-show-asset-id = 媒资 ID：
cli-show-title = 标题：
cli-show-status = 状态：
cli-show-description = 描述：
cli-show-file = 文件：
cli-show-size = 大小：
cli-show-duration = 时长：
cli-show-picture = 画面：
cli-show-category = 分类：
cli-show-tags = 标签：
cli-show-created = 创建时间：
cli-show-transcode = 转码：
cli-show-thumbnails = 截图：
cli-show-review = 审核：
cli-show-video-url = 视频地址：
cli-show-cover = 封面：
cli-show-seconds = { $n } 秒

## 命令行：配置的问题，按选项称呼（$provider；$what 为 endpoint、object 或 proxy）
cli-profile-name-empty = 配置名称为空；请给出名称，例如 production
cli-profile-name-edge = 配置名称“{ $value }”首尾有空格；请删除
cli-profile-name-long = 配置名称“{ $value }”超过 64 个字符；请缩短
cli-profile-name-built-in = “{ $value }”是本地服务的内置配置；请换一个名称
cli-profile-name-char = 配置名称“{ $value }”含有 { $char }；请使用字母、数字、空格、“-”、“_”或“.”
cli-profile-unsupported = 暂不支持服务商 { $provider }；请使用 huawei 或 tencent
cli-profile-no-region = 请给出区域（--region cn-north-4）或服务地址（--endpoint URL）
cli-profile-object-needed = 使用 --endpoint 而未给出 --region 时，还需给出对象存储地址（--object-endpoint URL）
cli-profile-not-region = 区域“{ $value }”不是区域 ID；请使用 { $a }、{ $b } 或 { $c } 这样的 ID
cli-profile-url-not-url = { $what ->
    [object] 对象存储地址
    [proxy] 代理
   *[endpoint] 服务地址
}“{ $value }”不是 URL；请给出 https://host[:port] 这样的地址
cli-profile-url-not-http = { $what ->
    [object] 对象存储地址
    [proxy] 代理
   *[endpoint] 服务地址
}“{ $value }”必须以 http:// 或 https:// 开头；请给出 https://host[:port] 这样的地址
cli-profile-url-no-host = { $what ->
    [object] 对象存储地址
    [proxy] 代理
   *[endpoint] 服务地址
}“{ $value }”没有主机名；请给出 https://host[:port] 这样的地址
cli-profile-url-query = { $what ->
    [object] 对象存储地址
    [proxy] 代理
   *[endpoint] 服务地址
}“{ $value }”不能包含查询参数或片段；请给出 https://host[:port] 这样的地址
cli-profile-url-user = { $what ->
    [object] 对象存储地址
    [proxy] 代理
   *[endpoint] 服务地址
}“{ $value }”不能包含用户名或密码（它们会以明文保存）；请给出 https://host[:port] 这样的地址
cli-profile-key-empty = { $provider ->
    [tencent] SecretId（--ak）为空；请在腾讯云控制台的“访问管理 > API 密钥管理”中创建
    [aliyun] AccessKey ID（--ak）为空；请在阿里云控制台的“RAM 访问控制 > AccessKey”中创建
   *[huawei] 访问密钥 ID（--ak）为空；请在华为云控制台的“我的凭证 > 访问密钥”中创建
}
cli-profile-key-spaces = { $provider ->
    [tencent] SecretId（--ak）含有空格；请去掉空格后粘贴
    [aliyun] AccessKey ID（--ak）含有空格；请去掉空格后粘贴
   *[huawei] 访问密钥 ID（--ak）含有空格；请去掉空格后粘贴
}
cli-profile-scope-length = { $provider ->
    [tencent] SubAppId 须为 1 到 64 个字符；请从控制台复制
    [aliyun] AppId 须为 1 到 64 个字符；请从控制台复制
   *[huawei] 项目 ID 须为 1 到 64 个字符；请从控制台（我的凭证 > API 凭证）复制
}
cli-profile-scope-number = { $provider ->
    [tencent] SubAppId“{ $value }”不是数字；请从点播控制台的应用列表复制，或不设置
    [aliyun] AppId“{ $value }”不是数字；请从点播控制台的应用列表复制，或不设置
   *[huawei] 项目 ID“{ $value }”不是数字；请从点播控制台的应用列表复制，或不设置
}

## Who holds an account's uploads (another vodesk process)
owner-holder = 进程 { $pid }（{ $program }），自 { $since } 起
owner-unknown = 另一个 vodesk 进程

## The profiles file
profiles-file-unreadable = 无法读取 { $path }（{ $error }）
profiles-file-invalid = { $path } 不是有效的配置文件（{ $message }）；请修正它，或将其移走后重新添加配置
profiles-file-bad-profile = { $path }：配置“{ $name }”：{ $problem }

## Saving, removing and choosing profiles
profile-exists = 已有名为“{ $name }”的配置；请先移除它，或换一个名称
profile-removed-meanwhile = 找不到配置“{ $name }”；它已在此期间被移除
profile-secret-not-stored = 钥匙串中没有配置“{ $name }”的秘密访问密钥；请输入
profile-built-in = 内置配置 { $name } 无法移除；它是内置的本地服务
profile-needs-project = 请填写项目 ID，或填写区域以便查询项目 ID

## vodesk serve's start-up listing
cli-serve-huawei = vodesk 本地点播服务（华为云点播 API，配置 Local）
cli-serve-tencent = 腾讯云点播 API（配置 Local-Tencent）
cli-serve-aliyun = 阿里云视频点播 API（配置 Local-Alibaba）
cli-serve-vod-api = 点播 API：
cli-serve-object-endpoint = 对象存储地址：
cli-serve-cos-endpoint = COS 地址：
cli-serve-oss-endpoint = OSS 地址：
cli-serve-project-id = 项目 ID：
cli-serve-access-key = 访问密钥 ID（AK）：
cli-serve-secret-key = 秘密访问密钥（SK）：
cli-serve-region = 区域：
cli-serve-stored-in = 保存在 { $path }
cli-serve-shown-once = { $secret }   （仅显示一次；保存在 { $path }）
cli-serve-from-env = 来自 { $var }
cli-serve-data-dir = 数据目录：{ $path }
profiles-file-not-written = 无法写入 { $path }：{ $error }
