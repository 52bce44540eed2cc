//! [`VodService`] for Alibaba ApsaraVideo VOD: the catalogue over `GetVideoList` /
//! `SearchMedia` / `GetVideoInfo(s)` / `UpdateVideoInfo`, categories, transcoding template
//! groups as presets, publish as the audit verdict (`CreateAudit` Normal / Blocked, §B.7),
//! uploads through OSS, imports by URL as `UploadMediaByURL` jobs.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serde_json::{Value, json};

use super::client::AliyunVod;
use super::mapping;
use super::uploads::{self, Sessions};
use super::wire::{
    AddCategoryRsp, DeleteVideoRsp, GetCategoriesRsp, GetMezzanineInfoRsp, GetPlayInfoRsp,
    GetUrlUploadInfosRsp, GetVideoInfoRsp, GetVideoInfosRsp, GetVideoListRsp,
    ListTemplateGroupsRsp, SearchMediaRsp, UploadMediaByUrlRsp, Video,
};
use crate::model::metadata::CoverImage;
use crate::model::{
    Accepts, AssetDetails, AssetState, AssetStatus, Category, LengthUnit, Limits, Preset,
    PresetKind, WorkflowRef,
};
use crate::provider::api::*;
use crate::provider::check::Verdict;
use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::kind::ProviderKind;
use crate::storage::RequestSigner;

/// The documented rules (§B.5, §B.6, §B.8). Titles are counted in bytes: `UpdateVideoInfo`
/// counts bytes where `CreateUploadVideo` counts characters, and a title must survive both.
pub const CAPABILITIES: Capabilities = Capabilities {
    limits: Limits {
        accepts: Accepts {
            encryption: false,
            preheat: false,
            thumbnails: false,
            subtitles: false,
            cover: true,
            review: false,
            workflow: Some(WorkflowRef::Id),
            expiry: false,
        },
        preset_kind: PresetKind::TemplateGroup,
        unit: LengthUnit::Bytes,
        title_max: 128,
        description_max: 1024,
        tags_max_count: 16,
        tag_max: 32,
        // A template group id.
        preset_max: 64,
        category_name_max: 64,
        category_levels: 3,
        // `UploadMediaByURL` takes up to 20 URLs a call.
        url_imports_max: 20,
    },
    parts: PartRules {
        // Alibaba's upload SDK sends files above 10 MiB in parts.
        single_put_max: 10 * 1024 * 1024,
        part_size_min: 100 * 1024,
        part_size_max: 5 * 1024 * 1024 * 1024,
        // OSS allows 10,000; kept within one List Parts page.
        max_parts: 1000,
    },
    publish: Some(PublishModel::Audit),
    asset_id_at_open: true,
    per_call_authorization: false,
    refreshable_credentials: true,
    duplicate_check: false,
    // A snapshot's URL can be given as `CoverURL`.
    cover_from_snapshot: true,
    cover_image: true,
    delete_original_only: false,
    buckets: false,
    bucket_authorization: false,
    url_import: true,
};

/// `GetVideoInfos` and `DeleteVideo` take at most 20 ids; `CreateAudit` 100 entries.
const BATCH: usize = 20;
const AUDIT_BATCH: usize = 100;
/// `GetVideoList` gives only the first 5,000 matches (§B.8).
const LIST_WINDOW: u32 = 5000;
/// `SearchMedia` pages past 200 need the scroll token.
const SEARCH_PAGES_WITHOUT_TOKEN: u32 = 200;
/// How long an import by URL is followed before it is reported as still running.
const PULL_PATIENCE: Duration = Duration::from_secs(30);

pub struct AliyunService {
    vod: Arc<AliyunVod>,
    sessions: Sessions,
    /// The application the account's calls are scoped to (`AppId`), when not the default.
    app_id: Option<String>,
}

fn param(name: &'static str, value: impl ToString) -> (&'static str, String) {
    (name, value.to_string())
}

fn unavailable(what: &str) -> ApiError {
    ApiError::new(
        ErrorKind::BadParameter,
        format!("{what} is not available with Alibaba Cloud VOD"),
    )
}

/// A value inside a `SearchMedia` match expression: quoted, without quotes of its own.
fn quoted(s: &str) -> String {
    format!("'{}'", s.replace(['\'', '\\'], " ").trim())
}

/// The page a cursor names, and the scroll token that goes with it.
fn page_of(cursor: Option<&Cursor>) -> Result<(u32, Option<String>), ApiError> {
    let Some(c) = cursor else {
        return Ok((1, None));
    };
    let (n, token) = match c.0.split_once(':') {
        Some((n, t)) => (n, Some(t.to_string()).filter(|t| !t.is_empty())),
        None => (c.0.as_str(), None),
    };
    let n = n.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
        ApiError::new(
            ErrorKind::BadParameter,
            format!("bad list cursor {:?}", c.0),
        )
    })?;
    Ok((n, token))
}

impl AliyunService {
    pub fn new(vod: AliyunVod, app_id: Option<String>) -> Self {
        AliyunService {
            vod: Arc::new(vod),
            sessions: Sessions::default(),
            app_id,
        }
    }

    pub fn vod(&self) -> &AliyunVod {
        &self.vod
    }

    pub fn http_client(&self) -> &reqwest::Client {
        self.vod.http()
    }

    fn app(&self, params: &mut Vec<(&'static str, String)>) {
        if let Some(app) = &self.app_id {
            params.push(param("AppId", app));
        }
    }

    /// One video (`GetVideoInfo`).
    pub async fn video(&self, id: &str) -> Result<Video, ApiError> {
        let rsp: GetVideoInfoRsp = self
            .vod
            .call("GetVideoInfo", &[param("VideoId", id)])
            .await?;
        rsp.video.filter(|v| !v.video_id.is_empty()).ok_or_else(|| {
            ApiError::new(
                ErrorKind::MalformedResponse,
                "GetVideoInfo returned no Video",
            )
        })
    }

    /// The videos of `ids` that exist (`GetVideoInfos`, 20 at a time), and those that do not.
    async fn videos(&self, ids: &[String]) -> Result<(Vec<Video>, Vec<String>), ApiError> {
        let mut found = Vec::new();
        let mut missing = Vec::new();
        for chunk in ids.chunks(BATCH) {
            let rsp: GetVideoInfosRsp = self
                .vod
                .call("GetVideoInfos", &[param("VideoIds", chunk.join(","))])
                .await?;
            missing.extend(rsp.non_exist_video_ids);
            found.extend(rsp.video_list);
        }
        Ok((found, missing))
    }

    /// Sets the audit verdict of existing videos (`Normal` lets them play, `Blocked` stops them).
    pub async fn audit(&self, ids: &[String], verdict: &str) -> Result<(), ApiError> {
        for chunk in ids.chunks(AUDIT_BATCH) {
            let content: Vec<Value> = chunk
                .iter()
                .map(|id| json!({ "VideoId": id, "Status": verdict }))
                .collect();
            let _: Value = self
                .vod
                .call(
                    "CreateAudit",
                    &[param("AuditContent", Value::from(content))],
                )
                .await?;
        }
        Ok(())
    }

    /// Audits the videos and says what became of each.
    async fn verdict(&self, ids: &[String], verdict: &str) -> Result<Vec<ItemResult>, ApiError> {
        let (_, missing) = self.videos(ids).await?;
        let present: Vec<String> = ids
            .iter()
            .filter(|i| !missing.contains(i))
            .cloned()
            .collect();
        self.audit(&present, verdict).await?;
        let (after, _) = self.videos(&present).await?;
        Ok(ids
            .iter()
            .map(|id| match after.iter().find(|v| &v.video_id == id) {
                Some(v) => ItemResult {
                    asset_id: id.clone(),
                    ok: true,
                    status: v.status.as_deref().map(mapping::status),
                    reason: None,
                },
                None => ItemResult {
                    asset_id: id.clone(),
                    ok: false,
                    status: None,
                    reason: Some("there is no such video".to_string()),
                },
            })
            .collect())
    }

    async fn search(
        &self,
        q: &AssetQuery,
        statuses: &[&str],
        page: u32,
        token: Option<String>,
        size: u32,
    ) -> Result<AssetPage, ApiError> {
        let mut terms = Vec::new();
        if let Some(t) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            terms.push(format!("Title = {}", quoted(t)));
        }
        for tag in &q.tags {
            terms.push(format!("Tags = {}", quoted(tag)));
        }
        if let Some(c) = q.category_id.filter(|c| *c > 0) {
            terms.push(format!("CateId = {c}"));
        }
        if !statuses.is_empty() {
            let list: Vec<String> = statuses.iter().map(|s| quoted(s)).collect();
            terms.push(format!("Status in ({})", list.join(",")));
        }
        if q.created_from.is_some() || q.created_to.is_some() {
            let from = q.created_from.map(mapping::format_time).unwrap_or_default();
            let to = q.created_to.map(mapping::format_time).unwrap_or_default();
            terms.push(format!("CreationTime = ('{from}','{to}')"));
        }
        let mut p = vec![
            param("SearchType", "video"),
            param("Match", terms.join(" and ")),
            param("SortBy", sort(q)),
            param("PageNo", page),
            param("PageSize", size),
        ];
        if let Some(t) = &token {
            p.push(param("ScrollToken", t));
        }
        let rsp: SearchMediaRsp = self.vod.call("SearchMedia", &p).await?;
        let got = rsp.media_list.len() as u32;
        let reached = (page - 1) * size + got;
        let more = got == size && rsp.total.is_none_or(|t| (reached as i64) < t);
        let next_token = rsp.scroll_token.filter(|t| !t.is_empty());
        Ok(AssetPage {
            total: rsp.total,
            next: more.then(|| {
                let next = page + 1;
                match next_token.filter(|_| next > SEARCH_PAGES_WITHOUT_TOKEN) {
                    Some(t) => Cursor(format!("{next}:{t}")),
                    None => Cursor(next.to_string()),
                }
            }),
            assets: rsp
                .media_list
                .iter()
                .filter_map(|m| {
                    let mut v = m.video.clone()?;
                    if v.video_id.is_empty() {
                        v.video_id = m.media_id.clone();
                    }
                    Some(mapping::asset(&v))
                })
                .collect(),
        })
    }
}

fn sort(q: &AssetQuery) -> &'static str {
    if q.oldest_first {
        "CreationTime:Asc"
    } else {
        "CreationTime:Desc"
    }
}

#[async_trait]
impl Catalogue for AliyunService {
    async fn list_assets(
        &self,
        q: &AssetQuery,
        cursor: Option<&Cursor>,
    ) -> Result<AssetPage, ApiError> {
        let statuses: Vec<&str> = q
            .states
            .iter()
            .flat_map(|s| mapping::status_filter(*s))
            .copied()
            .collect();
        if !q.states.is_empty() && statuses.is_empty() {
            return Ok(AssetPage {
                assets: Vec::new(),
                total: Some(0),
                next: None,
            });
        }
        if !q.ids.is_empty() {
            let (found, _) = self.videos(&q.ids).await?;
            let assets: Vec<_> = found
                .iter()
                .map(mapping::asset)
                .filter(|a| q.states.is_empty() || q.states.contains(&a.status.state))
                .collect();
            return Ok(AssetPage {
                total: Some(assets.len() as i64),
                assets,
                next: None,
            });
        }
        let (page, token) = page_of(cursor)?;
        let size = q.page_size.clamp(1, 100);
        let searching =
            q.text.as_deref().is_some_and(|t| !t.trim().is_empty()) || !q.tags.is_empty();
        if searching || token.is_some() {
            return self.search(q, &statuses, page, token, size).await;
        }
        let mut p = vec![
            param("SortBy", sort(q)),
            param("PageNo", page),
            param("PageSize", size),
        ];
        if !statuses.is_empty() {
            p.push(param("Status", statuses.join(",")));
        }
        if let Some(c) = q.category_id.filter(|c| *c > 0) {
            p.push(param("CateId", c));
        }
        if let Some(t) = q.created_from {
            p.push(param("StartTime", mapping::format_time(t)));
        }
        if let Some(t) = q.created_to {
            p.push(param("EndTime", mapping::format_time(t)));
        }
        let rsp: GetVideoListRsp = self.vod.call("GetVideoList", &p).await?;
        let got = rsp.video_list.len() as u32;
        let reached = (page - 1) * size + got;
        let more =
            got == size && rsp.total.is_none_or(|t| (reached as i64) < t) && reached < LIST_WINDOW;
        Ok(AssetPage {
            total: rsp.total,
            next: more.then(|| Cursor((page + 1).to_string())),
            assets: rsp.video_list.iter().map(mapping::asset).collect(),
        })
    }

    async fn asset_details(&self, asset_id: &str) -> Result<AssetDetails, ApiError> {
        let video = self.video(asset_id).await?;
        // The original exists once the upload is stored; streams once the video is Normal.
        let original: Option<GetMezzanineInfoRsp> = self
            .vod
            .call("GetMezzanineInfo", &[param("VideoId", asset_id)])
            .await
            .ok();
        let plays: Vec<_> = if video.status.as_deref() == Some("Normal") {
            self.vod
                .call::<GetPlayInfoRsp>("GetPlayInfo", &[param("VideoId", asset_id)])
                .await
                .map(|r| r.play_info_list)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        Ok(mapping::details(
            &video,
            original.as_ref().and_then(|o| o.mezzanine.as_ref()),
            &plays,
        ))
    }

    async fn edit_asset(&self, asset_id: &str, edit: &MetadataEdit) -> Result<(), ApiError> {
        let mut p = vec![param("VideoId", asset_id)];
        if let Some(t) = &edit.title {
            p.push(param("Title", t));
        }
        if let Some(d) = &edit.description {
            p.push(param("Description", d));
        }
        if let Some(c) = edit.category_id.filter(|c| *c > 0) {
            p.push(param("CateId", c));
        }
        // `Tags` replaces the whole set (§B.8).
        if let Some(tags) = &edit.tags {
            p.push(param("Tags", uploads::tags_param(tags)));
        }
        let _: Value = self.vod.call("UpdateVideoInfo", &p).await?;
        Ok(())
    }

    async fn publish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError> {
        self.verdict(asset_ids, "Normal").await
    }

    async fn unpublish(&self, asset_ids: &[String]) -> Result<Vec<ItemResult>, ApiError> {
        self.verdict(asset_ids, "Blocked").await
    }

    async fn delete(
        &self,
        asset_ids: &[String],
        scope: DeleteScope,
    ) -> Result<Vec<ItemResult>, ApiError> {
        if scope == DeleteScope::OriginalOnly {
            return Err(unavailable("Deleting only the original"));
        }
        let mut out = Vec::new();
        for chunk in asset_ids.chunks(BATCH) {
            let rsp: DeleteVideoRsp = self
                .vod
                .call("DeleteVideo", &[param("VideoIds", chunk.join(","))])
                .await?;
            for id in chunk {
                let reason = if rsp.non_exist_video_ids.contains(id) {
                    Some("there is no such video")
                } else if rsp.forbidden_video_ids.contains(id) {
                    Some("Alibaba VOD does not allow deleting this video now")
                } else {
                    None
                };
                out.push(ItemResult {
                    asset_id: id.clone(),
                    ok: reason.is_none(),
                    status: reason
                        .is_none()
                        .then(|| AssetStatus::new(AssetState::Deleted, "")),
                    reason: reason.map(str::to_string),
                });
            }
        }
        Ok(out)
    }

    async fn set_cover_from_snapshot(
        &self,
        asset_id: &str,
        snapshot_url: &str,
    ) -> Result<(), ApiError> {
        let _: Value = self
            .vod
            .call(
                "UpdateVideoInfo",
                &[param("VideoId", asset_id), param("CoverURL", snapshot_url)],
            )
            .await?;
        Ok(())
    }

    async fn set_cover_image(&self, asset_id: &str, image: &CoverImage) -> Result<(), ApiError> {
        // The video must exist before an image is made for it.
        self.video(asset_id).await?;
        let url = uploads::upload_cover(&self.vod, self.vod.http(), image).await?;
        self.set_cover_from_snapshot(asset_id, &url).await
    }

    async fn categories(&self) -> Result<Vec<Category>, ApiError> {
        self.children(-1, 0).await
    }

    async fn create_category(
        &self,
        name: &str,
        parent_id: Option<i64>,
    ) -> Result<Category, ApiError> {
        let mut p = vec![param("CateName", name)];
        if let Some(parent) = parent_id.filter(|p| *p > 0) {
            p.push(param("ParentId", parent));
        }
        let rsp: AddCategoryRsp = self.vod.call("AddCategory", &p).await?;
        let c = rsp
            .category
            .filter(|c| c.cate_id.is_some())
            .ok_or_else(|| {
                ApiError::new(
                    ErrorKind::MalformedResponse,
                    "AddCategory returned no CateId",
                )
            })?;
        Ok(mapping::category(&c, Vec::new()))
    }

    async fn rename_category(&self, id: i64, name: &str) -> Result<Category, ApiError> {
        let _: Value = self
            .vod
            .call(
                "UpdateCategory",
                &[param("CateId", id), param("CateName", name)],
            )
            .await?;
        Ok(Category {
            id,
            name: name.to_string(),
            parent_id: None,
            level: None,
            children: Vec::new(),
        })
    }

    async fn delete_category(&self, id: i64) -> Result<(), ApiError> {
        let _: Value = self
            .vod
            .call("DeleteCategory", &[param("CateId", id)])
            .await?;
        Ok(())
    }

    async fn presets(&self) -> Result<Vec<Preset>, ApiError> {
        let mut p = Vec::new();
        self.app(&mut p);
        let rsp: ListTemplateGroupsRsp = self.vod.call("ListTranscodeTemplateGroup", &p).await?;
        Ok(rsp
            .transcode_template_group_list
            .into_iter()
            .map(mapping::preset)
            .collect())
    }
}

impl AliyunService {
    /// The categories under `parent` (-1: the top level), each with its own children, paged
    /// 100 at a time; three levels at most (§B.8).
    fn children(
        &self,
        parent: i64,
        depth: u32,
    ) -> futures_util::future::BoxFuture<'_, Result<Vec<Category>, ApiError>> {
        Box::pin(async move {
            let mut out = Vec::new();
            for page in 1..=100u32 {
                let rsp: GetCategoriesRsp = self
                    .vod
                    .call(
                        "GetCategories",
                        &[
                            param("CateId", parent),
                            param("PageNo", page),
                            param("PageSize", 100),
                        ],
                    )
                    .await?;
                let n = rsp.sub_categories.len();
                for c in &rsp.sub_categories {
                    let kids = match (c.cate_id, c.sub_total) {
                        (Some(id), total) if depth < 2 && total.is_none_or(|t| t > 0) => {
                            self.children(id, depth + 1).await?
                        }
                        _ => Vec::new(),
                    };
                    out.push(mapping::category(c, kids));
                }
                if n < 100 || rsp.sub_total.is_some_and(|t| out.len() as i64 >= t) {
                    break;
                }
            }
            Ok(out)
        })
    }

    /// Follows an `UploadMediaByURL` job until it names its video (or patience runs out).
    async fn pulled(&self, job: &str) -> Result<Option<String>, ApiError> {
        let deadline = tokio::time::Instant::now() + PULL_PATIENCE;
        let mut wait = Duration::from_millis(200);
        loop {
            let rsp: GetUrlUploadInfosRsp = self
                .vod
                .call("GetURLUploadInfos", &[param("JobIds", job)])
                .await?;
            if let Some(info) = rsp.url_upload_info_list.iter().find(|i| i.job_id == job) {
                let status = info.status.clone().unwrap_or_default();
                let upper = status.to_ascii_uppercase();
                if upper.contains("FAIL") {
                    let mut e = ApiError::new(
                        ErrorKind::Other,
                        info.error_message
                            .clone()
                            .filter(|m| !m.is_empty())
                            .unwrap_or_else(|| "the import failed".to_string()),
                    );
                    e.code = info
                        .error_code
                        .clone()
                        .filter(|c| !c.is_empty())
                        .or(Some(status));
                    return Err(e);
                }
                if let Some(id) = info.media_id.as_deref().filter(|id| !id.is_empty())
                    && upper.contains("SUCCESS")
                {
                    return Ok(Some(id.to_string()));
                }
            }
            if tokio::time::Instant::now() >= deadline {
                return Ok(None);
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(3));
        }
    }
}

#[async_trait]
impl Uploads for AliyunService {
    fn http(&self) -> &reqwest::Client {
        self.vod.http()
    }

    async fn open_upload(&self, file: &UploadFile<'_>) -> Result<OpenedUpload, ApiError> {
        uploads::open(&self.vod, &self.sessions, self.app_id.as_deref(), file).await
    }

    async fn reopen_upload(
        &self,
        session: &UploadSession,
        _file: &UploadFile<'_>,
    ) -> Result<Arc<dyn RequestSigner>, ApiError> {
        uploads::reopen(&self.vod, &self.sessions, session).await
    }

    async fn finish_upload(
        &self,
        session: &UploadSession,
        file: &UploadFile<'_>,
    ) -> Result<Finished, ApiError> {
        uploads::finish(self, &self.sessions, session, file).await
    }

    async fn abandon_upload(&self, session: &UploadSession, _why: Abandon) -> Result<(), ApiError> {
        uploads::abandon(&self.vod, &self.sessions, session).await
    }

    async fn find_duplicate(
        &self,
        _size: u64,
        _head_md5_hex: &str,
    ) -> Result<Option<String>, ApiError> {
        Ok(None)
    }
}

#[async_trait]
impl Buckets for AliyunService {
    async fn import_urls(&self, items: &[UrlImport]) -> Result<Vec<UrlImported>, ApiError> {
        let mut out = Vec::new();
        for item in items {
            let meta = &item.metadata;
            let mut m = json!({ "SourceURL": item.url, "Title": meta.title });
            if let Some(d) = meta.description.as_deref().filter(|d| !d.is_empty()) {
                m["Description"] = json!(d);
            }
            if let Some(c) = meta.category_id.filter(|c| *c > 0) {
                m["CateId"] = json!(c);
            }
            if !meta.tags.is_empty() {
                m["Tags"] = json!(uploads::tags_param(&meta.tags));
            }
            if let Some(g) = &meta.preset {
                m["TemplateGroupId"] = json!(g);
            }
            let mut p = vec![
                param("UploadURLs", &item.url),
                param("UploadMetadatas", Value::from(vec![m])),
            ];
            self.app(&mut p);
            let r: Result<UploadMediaByUrlRsp, ApiError> =
                self.vod.call("UploadMediaByURL", &p).await;
            let result = match r {
                Ok(rsp) => match rsp.upload_jobs.into_iter().next() {
                    Some(job) => self.pulled(&job.job_id).await.map(|id| (id, job.job_id)),
                    None => Err(ApiError::new(
                        ErrorKind::MalformedResponse,
                        "UploadMediaByURL returned no job",
                    )),
                },
                Err(e) => Err(e),
            };
            out.push(UrlImported::from_outcome(&item.url, result));
        }
        Ok(out)
    }
}

#[async_trait]
impl VodService for AliyunService {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Aliyun
    }

    fn capabilities(&self) -> &Capabilities {
        &CAPABILITIES
    }

    fn account_key(&self) -> String {
        let c = self.vod.config();
        let app = self.app_id.as_deref().unwrap_or("default");
        format!("aliyun:{}:{app}:{}", c.region, c.credentials.access_key)
    }

    fn endpoint(&self) -> String {
        self.vod
            .config()
            .endpoint
            .as_str()
            .trim_end_matches('/')
            .to_string()
    }

    async fn test_connection(&self) -> Verdict {
        self.vod.test_connection().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_carry_the_page_and_the_scroll_token() {
        assert_eq!(page_of(None).unwrap(), (1, None));
        assert_eq!(page_of(Some(&Cursor("3".into()))).unwrap(), (3, None));
        assert_eq!(
            page_of(Some(&Cursor("201:abc".into()))).unwrap(),
            (201, Some("abc".to_string()))
        );
        assert!(page_of(Some(&Cursor("0".into()))).is_err());
        assert!(page_of(Some(&Cursor("x".into()))).is_err());
    }

    #[test]
    fn match_values_cannot_break_out_of_their_quotes() {
        assert_eq!(quoted("it's"), "'it s'");
    }
}
