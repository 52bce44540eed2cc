//! The metadata form (PRODUCT.md "Metadata form"): edits the selected draft rows at once, or the
//! defaults for new files when nothing is selected. Values that differ between rows show as
//! "mixed" and are left alone until edited. Rules come from the model's `validate`.

pub mod cover;
mod fields;
pub mod problems;
mod thumbnail;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use eframe::egui;
use vodesk_core::model::metadata::{SUBTITLE_ID_MAX, parse_expiry, parse_tags};
use vodesk_core::model::{
    Category, Field, FieldError, LengthUnit, Limits, Preset, PresetKind, Rule, SubtitleLanguage,
    SubtitleSpec, UploadMetadata, WorkflowRef, title_pattern,
};
use vodesk_core::provider::api::Capabilities;

use crate::app::backend::Pick;
use fields::{common, field_errors, labelled, length_counter};
pub use thumbnail::ThumbBuffers;

/// One thing the form edits: a draft row's metadata (with its file, for title patterns) or
/// the defaults for new files.
pub struct Target<'a> {
    pub path: Option<&'a Path>,
    pub meta: &'a mut UploadMetadata,
}

/// What the account offers: its rules (from the provider's capabilities), and categories and
/// processing presets, fetched in the background.
pub struct Catalog {
    pub caps: Capabilities,
    pub categories: Vec<Category>,
    /// Every category by id, with its full path ("纪录片 / 海岸线").
    pub names: std::collections::HashMap<i64, String>,
    pub categories_error: Option<String>,
    pub templates: Vec<Preset>,
    pub templates_error: Option<String>,
    pub loaded_templates: bool,
    pub loaded_categories: bool,
}

impl Catalog {
    pub fn new(caps: Capabilities) -> Catalog {
        Catalog {
            caps,
            categories: Vec::new(),
            names: Default::default(),
            categories_error: None,
            templates: Vec::new(),
            templates_error: None,
            loaded_templates: false,
            loaded_categories: false,
        }
    }

    pub fn set_categories(&mut self, cats: Vec<Category>) {
        fn walk(c: &Category, prefix: &str, out: &mut std::collections::HashMap<i64, String>) {
            let name = if prefix.is_empty() {
                c.name.clone()
            } else {
                format!("{prefix} / {}", c.name)
            };
            out.insert(c.id, name.clone());
            for ch in &c.children {
                walk(ch, &name, out);
            }
        }
        self.names.clear();
        for c in &cats {
            walk(c, "", &mut self.names);
        }
        self.categories = cats;
        self.categories_error = None;
        self.loaded_categories = true;
    }

    /// Every problem of `m`: the field rules, then [`Catalog::extra_check`].
    pub fn problems(&self, m: &UploadMetadata) -> Vec<FieldError> {
        let mut out = m.validate(&self.caps.limits);
        out.extend(self.extra_check(m));
        out
    }

    /// Rules that need the account's data: the category and template group exist in it (ids
    /// and names belong to one account: rows moved to another profile keep theirs), and
    /// encryption needs a group with HLS output.
    fn extra_check(&self, m: &UploadMetadata) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.loaded_categories
            && let Some(id) = m.category_id
            && id != -1
            && !self.names.contains_key(&id)
        {
            out.push(FieldError::new(Field::Category, Rule::UnknownCategory(id)));
        }
        if self.loaded_templates
            && self.templates_error.is_none()
            && let Some(g) = &m.preset
            && !self.templates.iter().any(|t| &t.id == g)
        {
            out.push(FieldError::new(
                Field::TemplateGroup,
                Rule::UnknownGroup(g.clone()),
            ));
        }
        if m.auto_encrypt
            && let Some(g) = &m.preset
            && let Some(t) = self.templates.iter().find(|t| &t.id == g)
            && !t.produces_hls()
        {
            let formats = if t.formats.is_empty() {
                "—".to_string()
            } else {
                t.formats_text()
            };
            out.push(FieldError::new(
                Field::AutoEncrypt,
                Rule::GroupWithoutHls {
                    group: g.clone(),
                    formats,
                },
            ));
        }
        out
    }
}

/// What the form asks the app to do after drawing.
#[derive(Default)]
pub struct FormOutput {
    pub pick: Option<Pick>,
    pub load_cover: Option<PathBuf>,
    /// Titles were rewritten from the pattern (the table shows them at once anyway).
    pub pattern_applied: bool,
}

/// What the memoised values were computed for: selection generation, edits, rows, and the
/// template groups and categories (count, loaded) they were checked against.
type MemoKey = (u64, u64, usize, (usize, bool), (usize, bool), u8);

#[derive(Default)]
pub struct FormState {
    loaded: Option<u64>,
    title: String,
    description: String,
    tags: String,
    workflow: String,
    /// The expiry as typed (`2027-01-31`; empty: never).
    expires: String,
    /// Why the typed expiry is not a date (it is not applied until it is one).
    expires_problem: Option<String>,
    pub pattern: String,
    thumb: ThumbBuffers,
    pub previews: cover::Previews,
    /// Values derived from the targets (shared values, problems), recomputed only when the
    /// targets change: with 10,000 rows selected they are not cheap.
    memo: Memo,
    /// Bumped in frames that may carry an edit.
    edits: u64,
    input_last_frame: bool,
}

/// Derived values by name, valid for one state of the targets.
#[derive(Default)]
struct Memo {
    key: Option<MemoKey>,
    values: std::collections::HashMap<&'static str, Box<dyn std::any::Any>>,
}

impl Memo {
    fn get<T: Clone + 'static>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        if let Some(v) = self.values.get(name).and_then(|b| b.downcast_ref::<T>()) {
            return v.clone();
        }
        let v = f();
        self.values.insert(name, Box::new(v.clone()));
        v
    }
}

impl FormState {
    /// Reloads the text buffers from the targets (selection changed).
    fn reload(&mut self, ts: &[Target]) {
        self.title = common(ts, |m| m.title.clone()).unwrap_or_default();
        self.description =
            common(ts, |m| m.description.clone().unwrap_or_default()).unwrap_or_default();
        self.tags = common(ts, |m| m.tags.join(", ")).unwrap_or_default();
        self.workflow =
            common(ts, |m| m.workflow_name.clone().unwrap_or_default()).unwrap_or_default();
        self.expires = common(ts, |m| {
            m.expires_at
                .map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        })
        .unwrap_or_default();
        self.expires_problem = None;
        self.thumb = ThumbBuffers::load(ts);
    }

    /// Whether the form holds the values of `generation` already (else it reloads them).
    pub fn holds(&self, generation: u64) -> bool {
        self.loaded == Some(generation)
    }

    /// Draws the form for `ts`; `generation` changes when the selection does.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ts: &mut [Target],
        generation: u64,
        catalog: &Catalog,
    ) -> FormOutput {
        let mut out = FormOutput::default();
        if self.loaded != Some(generation) {
            self.reload(ts);
            self.loaded = Some(generation);
        }
        // Any edit needs a click, a key or typed text: such a frame starts from fresh values.
        let input = ui.input(|i| {
            i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Key { .. }
                        | egui::Event::Text(_)
                        | egui::Event::Paste(_)
                        | egui::Event::PointerButton { .. }
                )
            })
        });
        // The frame after such input too: widgets apply edits after the values were read.
        if input || self.input_last_frame {
            self.edits += 1;
        }
        self.input_last_frame = input;
        // The account rules depend on the categories and template groups as they arrive.
        let key = (
            generation,
            self.edits,
            ts.len(),
            (catalog.templates.len(), catalog.loaded_templates),
            (catalog.names.len(), catalog.loaded_categories),
            // The problems are worded in the language in use.
            crate::i18n::in_use(),
        );
        if self.memo.key != Some(key) {
            self.memo.values.clear();
            self.memo.key = Some(key);
        }
        let defaults = ts.iter().all(|t| t.path.is_none());
        let mut errors = self.memo.get("errors", || target_errors(ts, catalog));
        // The form's own parse errors change as one types: not memoised.
        for e in self.thumb.parse_errors() {
            let text = problems::problem_text(&e, &catalog.caps.limits);
            let v = errors.entry(e.field).or_default();
            if !v.contains(&text) {
                v.push(text);
            }
        }

        if !defaults {
            self.title_field(ui, ts, &errors, &catalog.caps.limits);
        }
        self.pattern_field(ui, ts, defaults, &mut out);

        // Description
        // Description
        let mixed = self.memo.get("description", || {
            common(ts, |m| m.description.clone()).is_none()
        });
        let r = labelled(ui, &t!("form-description"), |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut self.description)
                    .id_salt("form-description")
                    .hint_text(if mixed {
                        t!("form-mixed")
                    } else {
                        String::new()
                    })
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
        });
        if r.changed() {
            let d = (!self.description.is_empty()).then(|| self.description.clone());
            ts.iter_mut().for_each(|t| t.meta.description = d.clone());
        }
        if !mixed {
            let l = &catalog.caps.limits;
            length_counter(ui, &self.description, l.description_max, l);
        }
        field_errors(ui, &errors, &[Field::Description]);

        // Tags
        let mixed = self
            .memo
            .get("tags", || common(ts, |m| m.tags.clone()).is_none());
        let r = labelled(ui, &t!("form-tags"), |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.tags)
                    .id_salt("form-tags")
                    .hint_text(if mixed {
                        t!("form-mixed")
                    } else {
                        t!("form-tags-hint")
                    })
                    .desired_width(f32::INFINITY),
            )
        });
        if r.changed() {
            let tags = parse_tags(&self.tags);
            ts.iter_mut().for_each(|t| t.meta.tags = tags.clone());
        }
        if !mixed {
            let l = &catalog.caps.limits;
            let (n, max, each) = (parse_tags(&self.tags).len(), l.tags_max_count, l.tag_max);
            ui.weak(match l.unit {
                LengthUnit::Bytes => t!("form-tags-count-bytes", n = n, max = max, each = each),
                LengthUnit::Chars => t!("form-tags-count-chars", n = n, max = max, each = each),
            });
        }
        field_errors(ui, &errors, &[Field::Tags]);

        if catalog.caps.limits.accepts.expiry {
            self.expiry_field(ui, ts);
            field_errors(ui, &errors, &[Field::ExpireAt]);
        }

        ui.separator();
        self.category_picker(ui, ts, catalog);
        field_errors(ui, &errors, &[Field::Category]);
        self.template_picker(ui, ts, catalog);
        field_errors(ui, &errors, &[Field::TemplateGroup]);
        if let Some(kind) = catalog.caps.limits.accepts.workflow {
            self.workflow_field(ui, ts, kind);
            field_errors(ui, &errors, &[Field::Workflow, Field::WorkflowId]);
        }

        let cur = self
            .memo
            .get("auto_publish", || common(ts, |m| m.auto_publish));
        flag(ui, ts, &t!("form-auto-publish"), cur, |m| {
            &mut m.auto_publish
        });
        // What the provider does not take at upload is not offered.
        let accepts = catalog.caps.limits.accepts;
        if accepts.encryption {
            let cur = self
                .memo
                .get("auto_encrypt", || common(ts, |m| m.auto_encrypt));
            flag(ui, ts, &t!("form-auto-encrypt"), cur, |m| {
                &mut m.auto_encrypt
            });
        }
        field_errors(ui, &errors, &[Field::AutoEncrypt]);
        if accepts.preheat {
            let cur = self
                .memo
                .get("auto_preheat", || common(ts, |m| m.auto_preheat));
            flag(ui, ts, &t!("form-auto-preheat"), cur, |m| {
                &mut m.auto_preheat
            });
        }

        if accepts.thumbnails {
            ui.separator();
            if self.thumb.show(ui, ts) {
                // The buffers changed the targets; nothing else to do.
            }
        }
        field_errors(
            ui,
            &errors,
            &[
                Field::Thumbnail,
                Field::ThumbnailInterval,
                Field::ThumbnailDots,
                Field::ThumbnailQuantity,
                Field::ThumbnailCoverPosition,
                Field::ThumbnailAspectRatio,
                Field::ThumbnailMaxLength,
            ],
        );

        ui.separator();
        if accepts.cover {
            self.cover_picker(ui, ts, &mut out);
        }
        field_errors(ui, &errors, &[Field::Cover]);
        if accepts.subtitles {
            let subs = self
                .memo
                .get("subtitles", || common(ts, |m| m.subtitles.clone()));
            subtitles(ui, ts, subs, &mut out);
        }
        field_errors(ui, &errors, &[Field::Subtitle, Field::AutoPreheat]);
        out
    }

    fn title_field(
        &mut self,
        ui: &mut egui::Ui,
        ts: &mut [Target],
        errors: &BTreeMap<Field, Vec<String>>,
        limits: &Limits,
    ) {
        let mixed = self
            .memo
            .get("title", || common(ts, |m| m.title.clone()).is_none());
        let r = labelled(ui, &t!("form-title"), |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.title)
                    // A stable id: fields above come and go (errors, loaded lists), and an
                    // id from the widget order would lose the focus while typing.
                    .id_salt("form-title")
                    .hint_text(if mixed {
                        t!("form-mixed")
                    } else {
                        t!("form-required")
                    })
                    .desired_width(f32::INFINITY),
            )
        });
        if r.changed() {
            ts.iter_mut()
                .for_each(|t| t.meta.title = self.title.clone());
        }
        if !mixed {
            length_counter(ui, &self.title, limits.title_max, limits);
        }
        field_errors(ui, errors, &[Field::Title]);
    }

    /// Titles from each file's name; for the defaults, the pattern new rows get.
    fn pattern_field(
        &mut self,
        ui: &mut egui::Ui,
        ts: &mut [Target],
        defaults: bool,
        out: &mut FormOutput,
    ) {
        ui.horizontal(|ui| {
            let l = ui.label(t!("form-title-pattern"));
            ui.add(
                egui::TextEdit::singleline(&mut self.pattern)
                    .id_salt("form-pattern")
                    .hint_text("{name}")
                    .desired_width(90.0),
            )
            .labelled_by(l.id)
            .on_hover_text(t!("form-pattern-help"));
            if !defaults && ui.button(t!("form-apply")).clicked() {
                let p = (!self.pattern.trim().is_empty()).then_some(self.pattern.as_str());
                for t in ts.iter_mut() {
                    if let Some(path) = t.path {
                        t.meta.title = title_pattern::expand(p, path);
                    }
                }
                self.title = common(ts, |m| m.title.clone()).unwrap_or_default();
                out.pattern_applied = true;
            }
        });
    }

    fn category_picker(&mut self, ui: &mut egui::Ui, ts: &mut [Target], catalog: &Catalog) {
        let current = self
            .memo
            .get("category", || common(ts, |m| m.category_id.unwrap_or(-1)));
        let text = match current {
            None => t!("form-mixed"),
            Some(-1) => t!("category-other"),
            Some(id) => catalog.names.get(&id).cloned().unwrap_or(format!("#{id}")),
        };
        let mut chosen = None;
        egui::ComboBox::from_label(t!("col-category"))
            .selected_text(text)
            .width(150.0)
            .show_ui(ui, |ui| {
                // The service may list "Other" itself.
                if !catalog.names.contains_key(&-1)
                    && ui
                        .selectable_label(current == Some(-1), t!("category-other"))
                        .clicked()
                {
                    chosen = Some(-1);
                }
                fn tree(
                    ui: &mut egui::Ui,
                    c: &Category,
                    depth: usize,
                    cur: Option<i64>,
                    chosen: &mut Option<i64>,
                ) {
                    let label = format!("{}{}", "    ".repeat(depth), c.name);
                    if ui.selectable_label(cur == Some(c.id), label).clicked() {
                        *chosen = Some(c.id);
                    }
                    for ch in &c.children {
                        tree(ui, ch, depth + 1, cur, chosen);
                    }
                }
                for c in &catalog.categories {
                    tree(ui, c, 0, current, &mut chosen);
                }
            });
        if let Some(e) = &catalog.categories_error {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                t!("form-categories-failed", error = e.as_str()),
            );
        }
        if let Some(id) = chosen {
            let v = (id != -1).then_some(id);
            ts.iter_mut().for_each(|t| t.meta.category_id = v);
        }
    }

    /// A workflow typed by name or id (no API lists them): it runs after the upload, and on
    /// Alibaba it takes the place of the template group.
    fn workflow_field(&mut self, ui: &mut egui::Ui, ts: &mut [Target], kind: WorkflowRef) {
        let mixed = self.memo.get("workflow", || {
            common(ts, |m| m.workflow_name.clone()).is_none()
        });
        let words = workflow_words(kind);
        let r = labelled(ui, &words.label, |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.workflow)
                    .id_salt("form-workflow")
                    .hint_text(if mixed {
                        t!("form-mixed")
                    } else {
                        words.hint.clone()
                    })
                    .desired_width(f32::INFINITY),
            )
            .on_hover_text(&words.help)
        });
        if r.changed() {
            let w = self.workflow.trim();
            let w = (!w.is_empty()).then(|| w.to_string());
            ts.iter_mut().for_each(|t| t.meta.workflow_name = w.clone());
        }
    }

    fn template_picker(&mut self, ui: &mut egui::Ui, ts: &mut [Target], catalog: &Catalog) {
        let current = self
            .memo
            .get("template", || common(ts, |m| m.preset.clone()));
        let text = match &current {
            None => t!("form-mixed"),
            Some(None) => t!("form-none"),
            Some(Some(g)) => catalog
                .templates
                .iter()
                .find(|p| &p.id == g)
                .map_or_else(|| g.clone(), |p| p.name.clone()),
        };
        let mut chosen: Option<Option<String>> = None;
        let words = preset_words(catalog.caps.limits.preset_kind);
        egui::ComboBox::from_label(&words.label)
            .selected_text(text)
            .width(150.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(current == Some(None), t!("form-none"))
                    .clicked()
                {
                    chosen = Some(None);
                }
                for g in &catalog.templates {
                    let label = if g.formats.is_empty() {
                        g.name.clone()
                    } else {
                        format!("{}  ({})", g.name, g.formats_text())
                    };
                    let on = current
                        .as_ref()
                        .is_some_and(|c| c.as_deref() == Some(&g.id));
                    if ui.selectable_label(on, label).clicked() {
                        chosen = Some(Some(g.id.clone()));
                    }
                }
            });
        if !catalog.loaded_templates {
            ui.weak(&words.loading);
        }
        if let Some(e) = &catalog.templates_error {
            ui.colored_label(ui.visuals().warn_fg_color, format!("{}: {e}", words.failed));
        }
        if let Some(g) = chosen {
            ts.iter_mut().for_each(|t| t.meta.preset = g.clone());
        }
    }

    /// "Expires": a date after which the media deletes itself (end of that day, UTC); empty
    /// keeps it. A value that is not a date yet is not applied and says why.
    fn expiry_field(&mut self, ui: &mut egui::Ui, ts: &mut [Target]) {
        let mixed = self
            .memo
            .get("expires", || common(ts, |m| m.expires_at))
            .is_none();
        let r = labelled(ui, &t!("form-expires"), |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.expires)
                    .id_salt("form-expires")
                    .hint_text(if mixed {
                        t!("form-mixed")
                    } else {
                        t!("form-expires-hint")
                    })
                    .desired_width(f32::INFINITY),
            )
        });
        if r.changed() {
            let typed = self.expires.trim();
            let value = if typed.is_empty() {
                Ok(None)
            } else {
                parse_expiry(typed).map(Some)
            };
            match value {
                Ok(v) => {
                    self.expires_problem = None;
                    ts.iter_mut().for_each(|t| t.meta.expires_at = v);
                }
                Err(e) => self.expires_problem = Some(e),
            }
        }
        if let Some(p) = &self.expires_problem {
            ui.colored_label(
                ui.visuals().error_fg_color,
                t!("form-expires-problem", problem = p.as_str()),
            );
        } else if !mixed {
            ui.weak(t!("form-expires-help"));
        }
    }

    fn cover_picker(&mut self, ui: &mut egui::Ui, ts: &mut [Target], out: &mut FormOutput) {
        let current = self.memo.get("cover", || common(ts, |m| m.cover.clone()));
        ui.horizontal(|ui| {
            ui.label(t!("form-cover"));
            match &current {
                None => {
                    ui.weak(t!("form-mixed"));
                }
                Some(None) => {
                    ui.weak(t!("form-cover-none"));
                }
                Some(Some(p)) => {
                    ui.label(
                        p.file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                    )
                    .on_hover_text(p.display().to_string());
                }
            }
            if ui.button(t!("form-choose")).clicked() {
                out.pick = Some(Pick::Cover);
            }
            if matches!(current, Some(Some(_)) | None) && ui.button(t!("form-remove")).clicked() {
                ts.iter_mut().for_each(|t| t.meta.cover = None);
            }
        });
        if let Some(Some(p)) = &current {
            let (preview, fresh) = self.previews.get(&p.display().to_string());
            match preview {
                cover::Preview::Loading => {
                    ui.spinner();
                }
                cover::Preview::Ready(tex) => {
                    let size = tex.size_vec2();
                    let scale = (240.0 / size.x).min(1.0);
                    ui.add(
                        egui::Image::new((tex.id(), size * scale))
                            .alt_text(t!("form-cover-preview")),
                    );
                }
                cover::Preview::Failed(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
            }
            if fresh {
                out.load_cover = Some(p.clone());
            }
        }
    }
}

/// Every problem of the targets, by field (deduplicated).
/// How the form names a provider's processing presets (one place per kind, for translation).
pub struct PresetWords {
    pub label: String,
    pub loading: String,
    pub failed: String,
}

pub fn preset_words(kind: PresetKind) -> PresetWords {
    match kind {
        PresetKind::TemplateGroup => PresetWords {
            label: t!("preset-group-label"),
            loading: t!("preset-group-loading"),
            failed: t!("preset-group-failed"),
        },
        PresetKind::TaskFlow => PresetWords {
            label: t!("preset-flow-label"),
            loading: t!("preset-flow-loading"),
            failed: t!("preset-flow-failed"),
        },
    }
}

/// Why the presets of `kind` are missing, as a notification says it.
pub fn presets_failed(kind: PresetKind, error: &str) -> String {
    match kind {
        PresetKind::TemplateGroup => t!("preset-group-load-failed", error = error),
        PresetKind::TaskFlow => t!("preset-flow-load-failed", error = error),
    }
}

/// The workflow field's words, by how the provider names workflows.
pub struct WorkflowWords {
    pub label: String,
    pub hint: String,
    pub help: String,
}

pub fn workflow_words(kind: WorkflowRef) -> WorkflowWords {
    match kind {
        WorkflowRef::Name => WorkflowWords {
            label: t!("workflow-name-label"),
            hint: t!("workflow-name-hint"),
            help: t!("workflow-name-help"),
        },
        WorkflowRef::Id => WorkflowWords {
            label: t!("workflow-id-label"),
            hint: t!("workflow-id-hint"),
            help: t!("workflow-id-help"),
        },
    }
}

fn target_errors(ts: &[Target], catalog: &Catalog) -> BTreeMap<Field, Vec<String>> {
    let mut out: BTreeMap<Field, Vec<String>> = BTreeMap::new();
    // Defaults have no title of their own: each new row's comes from its file name.
    let defaults = ts.iter().all(|t| t.path.is_none());
    for t in ts {
        for e in catalog.problems(t.meta) {
            if defaults && e.field == Field::Title {
                continue;
            }
            let text = problems::problem_text(&e, &catalog.caps.limits);
            let v = out.entry(e.field).or_default();
            if !v.contains(&text) {
                v.push(text);
            }
        }
    }
    out
}

/// A checkbox over a boolean that may differ between rows (shown indeterminate).
fn flag(
    ui: &mut egui::Ui,
    ts: &mut [Target],
    label: &str,
    cur: Option<bool>,
    f: impl Fn(&mut UploadMetadata) -> &mut bool,
) {
    let mut v = cur.unwrap_or(false);
    if ui
        .add(egui::Checkbox::new(&mut v, label).indeterminate(cur.is_none()))
        .changed()
    {
        ts.iter_mut().for_each(|t| *f(t.meta) = v);
    }
}

fn subtitles(
    ui: &mut egui::Ui,
    ts: &mut [Target],
    current: Option<Vec<SubtitleSpec>>,
    out: &mut FormOutput,
) {
    ui.horizontal(|ui| {
        ui.label(t!("form-subtitles"));
        if current.is_none() {
            ui.weak(t!("form-mixed"));
        }
        if ui.button(t!("form-attach-srt")).clicked() {
            out.pick = Some(Pick::Subtitle);
        }
    });
    let Some(subs) = current else { return };
    let mut remove = None;
    let mut relang = None;
    for (i, s) in subs.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("#{}", s.id));
            let mut lang = s.language;
            egui::ComboBox::from_id_salt(("sub-lang", i))
                .selected_text(lang.code())
                .width(50.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut lang, SubtitleLanguage::Cn, "CN");
                    ui.selectable_value(&mut lang, SubtitleLanguage::En, "EN");
                });
            if lang != s.language {
                relang = Some((i, lang));
            }
            ui.label(
                s.path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            if ui
                .small_button("✖")
                .on_hover_text(t!("form-detach"))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    for t in ts.iter_mut() {
        if let Some((i, l)) = relang {
            t.meta.subtitles[i].language = l;
        }
        if let Some(i) = remove {
            t.meta.subtitles.remove(i);
        }
    }
}

/// Attaches subtitle files to every target, each with the next free id.
pub fn attach_subtitles(ts: &mut [Target], files: &[PathBuf]) {
    for t in ts.iter_mut() {
        for f in files {
            let id = (1..=SUBTITLE_ID_MAX)
                .find(|id| !t.meta.subtitles.iter().any(|s| s.id == *id))
                // Out of ids: validation says so (ids 1 to 8).
                .unwrap_or(SUBTITLE_ID_MAX + 1);
            t.meta.subtitles.push(SubtitleSpec {
                id,
                language: SubtitleLanguage::Cn,
                path: f.clone(),
            });
        }
    }
}
