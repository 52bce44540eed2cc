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
