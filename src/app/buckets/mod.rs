//! The bucket browser: the buckets of the connection's object storage, their objects by prefix
//! (a page at a time), VOD authorisation, and imports into VOD — selected objects
//! or URLs (as many per request as the provider takes) — with the metadata form's defaults.

use std::collections::BTreeSet;
use std::path::Path;

use eframe::egui;
use vodesk_core::model::{MediaType, UploadMetadata, title_pattern};
use vodesk_core::provider::api::{Capabilities, UrlImport};
use vodesk_core::storage::{BucketInfo, ListObjectsQuery, ObjectListPage, ObjectSummary};

use crate::app::format::human_bytes;

pub mod unfinished;

const PAGE: u32 = 200;

/// What the browser asks the app to do.
pub enum BucketCmd {
    ListBuckets,
    /// List `bucket` under `prefix`, from `marker`.
    List {
        bucket: String,
        query: ListObjectsQuery,
    },
    Authorize(String),
    /// Objects of `bucket` to import: key, format, metadata.
    Import {
        bucket: String,
        items: Vec<(String, MediaType, UploadMetadata)>,
    },
    ImportUrls(Vec<UrlImport>),
    /// The unfinished multipart uploads of a bucket.
    ListUploads(String),
    /// Abort these unfinished uploads (key, upload id) of `bucket`.
    AbortUploads {
        bucket: String,
        uploads: Vec<(String, String)>,
    },
}

#[derive(Default)]
pub struct BucketsState {
    pub buckets: Vec<BucketInfo>,
    pub loaded: bool,
    pub error: Option<String>,
    pub bucket: Option<String>,
    pub prefix: String,
    pub folders: Vec<String>,
    pub objects: Vec<ObjectSummary>,
    pub next_marker: Option<String>,
    pub listing: bool,
    pub selected: BTreeSet<String>,
    pub urls: String,
    pub busy: bool,
    /// Per-item results of the last import, shown under the buttons.
    pub results: Vec<String>,
    pub unfinished: unfinished::UnfinishedView,
}

impl BucketsState {
    pub fn on_page(&mut self, bucket: &str, prefix: &str, r: Result<ObjectListPage, String>) {
        if self.bucket.as_deref() != Some(bucket) || self.prefix != prefix {
            return;
        }
        self.listing = false;
        match r {
            Ok(p) => {
                for f in p.common_prefixes {
                    if !self.folders.contains(&f) {
                        self.folders.push(f);
                    }
                }
                self.objects.extend(p.objects);
                self.next_marker = if p.is_truncated { p.next_marker } else { None };
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    fn open(&mut self, bucket: String, prefix: String) -> BucketCmd {
        self.bucket = Some(bucket.clone());
        self.prefix = prefix.clone();
        self.folders.clear();
        self.objects.clear();
        self.selected.clear();
        self.next_marker = None;
        self.listing = true;
        BucketCmd::List {
            bucket,
            query: query(&prefix, None),
        }
    }

    /// Draws the browser. Imports get the metadata form's defaults with titles from
    /// `pattern` (the object names when `None`); `problem` is why those defaults cannot be sent.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        defaults: &UploadMetadata,
        pattern: Option<&str>,
        problem: Option<String>,
        caps: &Capabilities,
    ) -> Vec<BucketCmd> {
        let mut cmds = Vec::new();
        if !caps.buckets {
            // A cloud whose VOD API has no buckets of the user's (Tencent): imports by URL only.
            ui.weak(t!("buckets-url-only"));
            ui.separator();
            self.imports(ui, defaults, pattern, problem, caps, None, &mut cmds);
            return cmds;
        }
        if !self.loaded {
            self.loaded = true;
            cmds.push(BucketCmd::ListBuckets);
        }
        ui.horizontal(|ui| {
            let text = self
                .bucket
                .clone()
                .unwrap_or_else(|| t!("buckets-choose-combo"));
            let mut chosen = None;
            egui::ComboBox::from_id_salt("bucket")
                .selected_text(text)
                .width(ui.available_width() - 40.0)
                .show_ui(ui, |ui| {
                    for b in &self.buckets {
                        if ui
                            .selectable_label(self.bucket.as_ref() == Some(&b.name), &b.name)
                            .clicked()
                        {
                            chosen = Some(b.name.clone());
                        }
                    }
                });
            if let Some(b) = chosen {
                cmds.push(self.open(b, String::new()));
            }
            if ui
                .small_button("⟳")
                .on_hover_text(t!("buckets-reload-tip"))
                .clicked()
            {
                cmds.push(BucketCmd::ListBuckets);
                if let Some(b) = self.bucket.clone() {
                    cmds.push(self.open(b, self.prefix.clone()));
                }
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let Some(bucket) = self.bucket.clone() else {
            if self.buckets.is_empty() {
                ui.label(t!("buckets-none"));
                ui.weak(t!("buckets-what"));
                ui.weak(t!("buckets-how"));
            } else {
                ui.weak(t!("buckets-choose"));
            }
            return cmds;
        };
        // Breadcrumbs, and the bucket's unfinished uploads.
        ui.horizontal_wrapped(|ui| {
            if ui
                .small_button(t!("unfinished-open"))
                .on_hover_text(t!("unfinished-open-hint"))
                .clicked()
            {
                cmds.push(self.unfinished.open_on(&bucket));
            }
            if ui.link(&bucket).clicked() {
                cmds.push(self.open(bucket.clone(), String::new()));
            }
            let mut acc = String::new();
            let prefix = self.prefix.clone();
            for part in prefix.split('/').filter(|p| !p.is_empty()) {
                acc.push_str(part);
                acc.push('/');
                ui.label("/");
                if ui.link(part).clicked() {
                    cmds.push(self.open(bucket.clone(), acc.clone()));
                }
            }
        });
        let list_height = (ui.available_height() - 230.0).max(120.0);
        egui::ScrollArea::vertical()
            .id_salt("objects")
            .max_height(list_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for f in self.folders.clone() {
                    let name = f.strip_prefix(&self.prefix).unwrap_or(&f).to_string();
                    if ui.selectable_label(false, format!("📁 {name}")).clicked() {
                        cmds.push(self.open(bucket.clone(), f.clone()));
                    }
                }
                for o in &self.objects {
                    let name = o.key.strip_prefix(&self.prefix).unwrap_or(&o.key);
                    let mut on = self.selected.contains(&o.key);
                    ui.horizontal(|ui| {
                        let media = MediaType::from_path(Path::new(&o.key)).is_some();
                        let r = ui.add_enabled(media, egui::Checkbox::new(&mut on, name));
                        if !media {
                            r.on_disabled_hover_text(t!("buckets-not-media"));
                        }
                        ui.weak(human_bytes(o.size));
                    });
                    if on {
                        self.selected.insert(o.key.clone());
                    } else {
                        self.selected.remove(&o.key);
                    }
                }
                if self.listing {
                    ui.spinner();
                } else if let Some(m) = self.next_marker.clone()
                    && ui.button(t!("buckets-load-more")).clicked()
                {
                    self.listing = true;
                    cmds.push(BucketCmd::List {
                        bucket: bucket.clone(),
                        query: query(&self.prefix, Some(m)),
                    });
                }
                if !self.listing && self.folders.is_empty() && self.objects.is_empty() {
                    ui.weak(t!("buckets-empty"));
                }
            });
        ui.separator();
        self.imports(
            ui,
            defaults,
            pattern,
            problem,
            caps,
            Some(&bucket),
            &mut cmds,
        );
        let ctx = ui.ctx().clone();
        self.unfinished.show(&ctx, &mut cmds);
        cmds
    }

    /// Importing the selected objects of `bucket` (when browsing one) and URLs, with the
    /// metadata form's defaults.
    #[allow(clippy::too_many_arguments)]
    fn imports(
        &mut self,
        ui: &mut egui::Ui,
        defaults: &UploadMetadata,
        pattern: Option<&str>,
        problem: Option<String>,
        caps: &Capabilities,
        bucket: Option<&str>,
        cmds: &mut Vec<BucketCmd>,
    ) {
        let max_urls = caps.limits.url_imports_max;
        ui.weak(match pattern {
            Some(pattern) => t!("buckets-defaults-pattern", pattern = pattern),
            None => t!("buckets-defaults-names"),
        });
        if let Some(p) = &problem {
            ui.colored_label(
                ui.visuals().error_fg_color,
                t!("buckets-fix-defaults", problem = p.as_str()),
            );
        }
        let sendable = problem.is_none();
        ui.add_enabled_ui(!self.busy, |ui| {
            if let Some(bucket) = bucket {
                ui.horizontal_wrapped(|ui| {
                    let n = self.selected.len();
                    if ui
                        .add_enabled(
                            n > 0 && sendable,
                            egui::Button::new(t!("buckets-import-selected", n = n)),
                        )
                        .on_hover_text(t!("buckets-import-selected-tip"))
                        .clicked()
                    {
                        let items = self
                            .selected
                            .iter()
                            .filter_map(|key| {
                                let media = MediaType::from_path(Path::new(key))?;
                                let mut meta = defaults.clone();
                                meta.title = title_pattern::expand(pattern, Path::new(key));
                                Some((key.clone(), media, meta))
                            })
                            .collect();
                        cmds.push(BucketCmd::Import {
                            bucket: bucket.to_string(),
                            items,
                        });
                    }
                    if caps.bucket_authorization
                        && ui
                            .button(t!("buckets-authorize"))
                            .on_hover_text(t!("buckets-authorize-tip"))
                            .clicked()
                    {
                        cmds.push(BucketCmd::Authorize(bucket.to_string()));
                    }
                });
            }
            let l = ui.label(t!("buckets-urls-label", max = max_urls));
            ui.add(
                egui::TextEdit::multiline(&mut self.urls)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            let (items, bad_url) = url_items(&self.urls, defaults, pattern, max_urls);
            if let Some(p) = &bad_url {
                ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {p}"));
            }
            if ui
                .add_enabled(
                    bad_url.is_none() && sendable && !items.is_empty(),
                    egui::Button::new(t!("buckets-import-urls")),
                )
                .clicked()
            {
                cmds.push(BucketCmd::ImportUrls(items));
            }
        });
        if self.busy {
            ui.spinner();
        }
        for r in &self.results {
            ui.label(r);
        }
        if cmds.iter().any(|c| {
            matches!(
                c,
                BucketCmd::Import { .. } | BucketCmd::ImportUrls(_) | BucketCmd::Authorize(_)
            )
        }) {
            self.busy = true;
            self.results.clear();
        }
    }
}

fn query(prefix: &str, marker: Option<String>) -> ListObjectsQuery {
    ListObjectsQuery {
        prefix: Some(prefix.to_string()).filter(|p| !p.is_empty()),
        delimiter: Some("/".into()),
        marker,
        max_keys: Some(PAGE),
    }
}

/// The URLs typed, as import items, or the first problem with them.
pub fn url_items(
    text: &str,
    defaults: &UploadMetadata,
    pattern: Option<&str>,
    max_urls: usize,
) -> (Vec<UrlImport>, Option<String>) {
    let urls: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if urls.len() > max_urls {
        return (
            Vec::new(),
            Some(t!(
                "buckets-too-many-urls",
                n = (urls.len()),
                max = max_urls
            )),
        );
    }
    let mut items = Vec::new();
    for u in urls {
        let Ok(parsed) = url::Url::parse(u) else {
            return (Vec::new(), Some(t!("buckets-not-url", url = u)));
        };
        if parsed.scheme() != "http" && parsed.scheme() != "https" {
            return (Vec::new(), Some(t!("buckets-not-http", url = u)));
        }
        let path = Path::new(parsed.path());
        let Some(media) = MediaType::from_path(path) else {
            return (Vec::new(), Some(t!("buckets-not-media-url", url = u)));
        };
        let mut meta = defaults.clone();
        meta.title = title_pattern::expand(pattern, path);
        items.push(UrlImport {
            url: u.to_string(),
            media,
            metadata: meta,
        });
    }
    (items, None)
}
