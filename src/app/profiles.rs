//! The profiles screen: saved accounts with Use / Edit / Test / Remove, and a form to add or
//! edit one. Secret fields start empty and are never filled from the keychain: while editing,
//! each one left empty keeps the stored value, each one typed replaces it. Saving tests the
//! connection first.

use eframe::egui;
use vodesk_core::credentials::manage::ManageError;
use vodesk_core::credentials::manage::Secrets;
use vodesk_core::credentials::profile::{ProfileError, ProfileField, ProfileRule};
use vodesk_core::credentials::{LOCAL_PROFILES, Profile, Provider, ProxyConfig, Secret};
use vodesk_core::provider::connect::{Region, default_region, profile_rules};

/// The secret fields as typed (`None` = left empty).
#[derive(Clone, Default)]
pub struct TypedSecrets {
    pub secret_key: Option<Secret>,
    pub security_token: Option<Secret>,
    pub proxy_password: Option<Secret>,
}

impl TypedSecrets {
    /// The secrets to use: each typed one, else the one `stored` (an edit keeps what it does
    /// not retype). A new profile needs its secret key typed.
    pub fn over(self, stored: Option<Secrets>) -> Result<Secrets, ManageError> {
        let (sk, token, proxy) = match stored {
            Some(s) => (Some(s.secret_key), s.security_token, s.proxy_password),
            None => (None, None, None),
        };
        Ok(Secrets {
            secret_key: self.secret_key.or(sk).ok_or(ManageError::NoSecret)?,
            security_token: self.security_token.or(token),
            proxy_password: self.proxy_password.or(proxy),
        })
    }
}

/// What the screen asks the backend to do. `stored` names the saved profile whose keychain
/// secrets fill the fields left empty.
pub enum ProfileAction {
    Test {
        profile: Box<Profile>,
        secrets: TypedSecrets,
        stored: Option<String>,
    },
    Save {
        profile: Box<Profile>,
        secrets: TypedSecrets,
        replacing: Option<String>,
        make_default: bool,
        skip_test: bool,
    },
    Remove(String),
    Use(String),
}

/// The add / edit form. Strings as typed; turned into a profile on Test or Save.
#[derive(Default)]
pub struct ProfileDraft {
    /// The profile being edited (`None` = a new one).
    pub original: Option<String>,
    /// The cloud (`None`: Huawei, the first one offered).
    pub provider: Option<Provider>,
    pub name: String,
    pub region: String,
    /// The region is typed, not chosen from the provider's list ("Other…").
    pub region_other: bool,
    pub endpoint: String,
    pub object_endpoint: String,
    pub project_id: String,
    pub access_key: String,
    pub secret_key: String,
    pub security_token: String,
    pub proxy_url: String,
    pub proxy_user: String,
    pub proxy_password: String,
    pub make_default: bool,
    pub skip_test: bool,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl ProfileDraft {
    pub fn edit(p: &Profile) -> Self {
        let region = p.region.clone().unwrap_or_default();
        ProfileDraft {
            original: Some(p.name.clone()),
            provider: Some(p.provider),
            name: p.name.clone(),
            region_other: !listed(p.provider, &region),
            region,
            endpoint: p.endpoint.clone().unwrap_or_default(),
            object_endpoint: p.object_endpoint.clone().unwrap_or_default(),
            project_id: p.project_id.clone(),
            access_key: p.access_key.clone(),
            proxy_url: p.proxy.as_ref().map(|x| x.url.clone()).unwrap_or_default(),
            proxy_user: p
                .proxy
                .as_ref()
                .and_then(|x| x.user.clone())
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    pub fn kind(&self) -> Provider {
        self.provider.unwrap_or(Provider::Huawei)
    }

    pub fn profile(&self) -> Profile {
        Profile {
            name: self.name.trim().to_string(),
            provider: self.kind(),
            region: opt(&self.region),
            endpoint: opt(&self.endpoint),
            object_endpoint: opt(&self.object_endpoint),
            project_id: self.project_id.trim().to_string(),
            access_key: self.access_key.trim().to_string(),
            security_token: !self.security_token.is_empty(),
            proxy: opt(&self.proxy_url).map(|url| ProxyConfig {
                url,
                user: opt(&self.proxy_user),
            }),
        }
    }

    /// The secret fields as typed.
    pub fn secrets(&self) -> TypedSecrets {
        let secret = |s: &str| (!s.is_empty()).then(|| Secret::new(s.trim_end()));
        TypedSecrets {
            secret_key: secret(&self.secret_key),
            security_token: secret(&self.security_token),
            proxy_password: secret(&self.proxy_password),
        }
    }
}

#[derive(Default)]
pub struct ProfilesScreen {
    pub open: bool,
    pub saved: Vec<Profile>,
    pub default: String,
    /// The profile in use by this window.
    pub current: String,
    pub draft: Option<ProfileDraft>,
    /// The last test or save: whether it worked, and the sentence.
    pub status: Option<(bool, String)>,
    pub busy: bool,
    pub confirm_remove: Option<String>,
}

impl ProfilesScreen {
    pub fn add_new(&mut self) {
        self.open = true;
        self.status = None;
        self.draft = Some(ProfileDraft {
            region: default_region(Provider::Huawei).into(),
            ..Default::default()
        });
    }
}

/// The regions the provider lists.
fn regions(kind: Provider) -> &'static [Region] {
    profile_rules(kind).map_or(&[], |r| r.regions)
}

/// `region` is one of the provider's listed regions.
fn listed(kind: Provider, region: &str) -> bool {
    regions(kind).iter().any(|r| r.id == region.trim())
}

/// A region as the list shows it: its id and its name in the provider's words.
fn region_choice(r: &Region) -> String {
    t!(
        "profile-region-choice",
        id = (r.id),
        name = (crate::i18n::pick(r.name_en, r.name_zh))
    )
}

fn field(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str, secret: bool) {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .password(secret)
            .desired_width(280.0),
    )
    .labelled_by(l.id);
    ui.end_row();
}

/// Draws the window; the action the user asked for, if any.
pub fn show(ctx: &egui::Context, s: &mut ProfilesScreen) -> Option<ProfileAction> {
    let mut action = None;
    let mut open = s.open;
    egui::Window::new(t!("profiles-title"))
        // The title changes with the language; the window stays the same one.
        .id(egui::Id::unique("profiles-window"))
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            list(ui, s, &mut action);
            ui.separator();
            if let Some(d) = s.draft.as_mut() {
                if form(ui, d, s.busy, &mut action) {
                    s.draft = None;
                }
            } else if ui.button(t!("profiles-add")).clicked() {
                s.add_new();
            }
            if s.busy {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(t!("profiles-checking"));
                });
            }
            if let Some((ok, msg)) = &s.status {
                let color = if *ok {
                    ui.visuals().widgets.active.fg_stroke.color
                } else {
                    ui.visuals().error_fg_color
                };
                ui.label(egui::RichText::new(msg).color(color));
            }
        });
    s.open = open;
    if let Some(name) = s.confirm_remove.clone() {
        egui::Window::new(t!("profiles-remove-title"))
            .id(egui::Id::unique("profile-remove-window"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(t!("profiles-remove-text", name = name.as_str()));
                ui.horizontal(|ui| {
                    if ui.button(t!("profiles-remove")).clicked() {
                        action = Some(ProfileAction::Remove(name.clone()));
                        s.confirm_remove = None;
                    }
                    if ui.button(t!("profiles-cancel")).clicked() {
                        s.confirm_remove = None;
                    }
                });
            });
    }
    if action.is_some() {
        s.status = None;
    }
    action
}

fn list(ui: &mut egui::Ui, s: &mut ProfilesScreen, action: &mut Option<ProfileAction>) {
    egui::Grid::new("profiles-list")
        .num_columns(4)
        .striped(true)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let mut row =
                |ui: &mut egui::Ui, name: &str, detail: String, saved: Option<&Profile>| {
                    let title = if s.default == name {
                        t!("profiles-default", name = name)
                    } else {
                        name.to_string()
                    };
                    if s.current == name {
                        ui.strong(title);
                    } else {
                        ui.label(title);
                    }
                    ui.weak(detail);
                    ui.horizontal(|ui| {
                        let in_use = s.current == name;
                        if ui
                            .add_enabled(!in_use, egui::Button::new(t!("profiles-use")))
                            .on_hover_text(t!("profiles-use-tip"))
                            .clicked()
                        {
                            *action = Some(ProfileAction::Use(name.to_string()));
                        }
                        if let Some(p) = saved {
                            if ui
                                .add_enabled(!s.busy, egui::Button::new(t!("profiles-test")))
                                .on_hover_text(t!("profiles-test-tip"))
                                .clicked()
                            {
                                *action = Some(ProfileAction::Test {
                                    profile: Box::new(p.clone()),
                                    secrets: TypedSecrets::default(),
                                    stored: Some(p.name.clone()),
                                });
                            }
                            if ui.button(t!("profiles-edit")).clicked() {
                                s.draft = Some(ProfileDraft::edit(p));
                                s.status = None;
                            }
                            if ui.button(t!("profiles-remove")).clicked() {
                                s.confirm_remove = Some(p.name.clone());
                            }
                        }
                    });
                    ui.end_row();
                };
            for (name, kind) in LOCAL_PROFILES {
                row(
                    ui,
                    name,
                    t!("profile-local", provider = (kind.as_str())),
                    None,
                );
            }
            let saved = s.saved.clone();
            for p in &saved {
                let region = p
                    .region
                    .clone()
                    .unwrap_or_else(|| t!("profiles-custom-endpoint"));
                let detail = t!(
                    "profiles-detail",
                    cloud = (cloud_name(p.provider)),
                    region = region,
                    endpoint = (p.vod_endpoint())
                );
                row(ui, &p.name, detail, Some(p));
            }
        });
}

/// The cloud's name, as people know it.
pub fn cloud_name(p: Provider) -> String {
    t!("profile-cloud-name", provider = (p.as_str()))
}

const PROVIDERS: [Provider; 3] = [Provider::Huawei, Provider::Tencent, Provider::Aliyun];

/// Draws the form; true when the user cancelled it.
fn form(
    ui: &mut egui::Ui,
    d: &mut ProfileDraft,
    busy: bool,
    action: &mut Option<ProfileAction>,
) -> bool {
    let mut cancel = false;
    ui.heading(match &d.original {
        Some(n) => t!("profile-edit-title", name = n.as_str()),
        None => t!("profile-new-title", cloud = (cloud_name(d.kind()))),
    });
    if d.original.is_none() {
        let before = d.kind();
        let mut chosen = before;
        egui::ComboBox::from_label(t!("profile-cloud"))
            .selected_text(cloud_name(before))
            .show_ui(ui, |ui| {
                for p in PROVIDERS {
                    ui.selectable_value(&mut chosen, p, cloud_name(p));
                }
            });
        if chosen != before {
            d.provider = Some(chosen);
            // The region follows the cloud while it holds the other one's default.
            if d.region.trim() == default_region(before) {
                d.region = default_region(chosen).to_string();
            }
            d.region_other = !listed(chosen, &d.region);
        }
    }
    let kind = d.kind();
    let provider = kind.as_str();
    if let Some(rules) = profile_rules(kind) {
        ui.hyperlink_to(
            t!("profile-keys-where", provider = provider),
            rules.keys_console,
        );
    }
    egui::Grid::new("profile-form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            field(ui, &t!("profile-name"), &mut d.name, "production", false);
            region_field(ui, d);
            let derived = t!("profile-endpoint-hint");
            field(
                ui,
                &t!("profile-vod-endpoint"),
                &mut d.endpoint,
                &derived,
                false,
            );
            field(
                ui,
                &t!("profile-object-endpoint"),
                &mut d.object_endpoint,
                &derived,
                false,
            );
            field(
                ui,
                &t!("profile-scope-label", provider = provider),
                &mut d.project_id,
                &t!("profile-scope-hint", provider = provider),
                false,
            );
            field(
                ui,
                &t!("profile-key-label", provider = provider),
                &mut d.access_key,
                "",
                false,
            );
            let editing = d.original.is_some();
            let keep = |new: String| {
                if editing {
                    t!("profile-keep-secret")
                } else {
                    new
                }
            };
            field(
                ui,
                &t!("profile-secret-label", provider = provider),
                &mut d.secret_key,
                &keep(String::new()),
                true,
            );
            field(
                ui,
                &t!("profile-security-token"),
                &mut d.security_token,
                &keep(t!("profile-token-hint")),
                true,
            );
            field(
                ui,
                &t!("profile-proxy-url"),
                &mut d.proxy_url,
                &t!("profile-proxy-hint"),
                false,
            );
            field(ui, &t!("profile-proxy-user"), &mut d.proxy_user, "", false);
            field(
                ui,
                &t!("profile-proxy-password"),
                &mut d.proxy_password,
                &keep(String::new()),
                true,
            );
        });
    ui.checkbox(&mut d.make_default, t!("profile-make-default"));
    ui.checkbox(&mut d.skip_test, t!("profile-skip-test"));
    ui.horizontal(|ui| {
        let secrets = d.secrets();
        // A new profile can be tested once its secret key is typed; an edited one at once.
        let testable = secrets.secret_key.is_some() || d.original.is_some();
        if ui
            .add_enabled(
                !busy && testable,
                egui::Button::new(t!("profile-test-connection")),
            )
            .clicked()
        {
            *action = Some(ProfileAction::Test {
                profile: Box::new(d.profile()),
                secrets: secrets.clone(),
                stored: d.original.clone(),
            });
        }
        if ui
            .add_enabled(!busy, egui::Button::new(t!("profile-save")))
            .clicked()
        {
            *action = Some(ProfileAction::Save {
                profile: Box::new(d.profile()),
                secrets,
                replacing: d.original.clone(),
                make_default: d.make_default,
                skip_test: d.skip_test,
            });
        }
        cancel = ui.button(t!("profile-cancel")).clicked();
    });
    cancel
}

/// The region: one of the provider's, or "Other…" and a typed id (a region added since, or
/// one left empty for an endpoint of one's own).
fn region_field(ui: &mut egui::Ui, d: &mut ProfileDraft) {
    let kind = d.kind();
    let l = ui.label(t!("profile-region"));
    let listed = regions(kind).iter().find(|r| r.id == d.region.trim());
    let other = d.region_other || listed.is_none();
    let shown = match listed {
        Some(r) if !other => region_choice(r),
        _ => t!("profile-region-other"),
    };
    egui::ComboBox::from_id_salt("profile-region")
        .selected_text(shown)
        .width(280.0)
        .show_ui(ui, |ui| {
            for r in regions(kind) {
                let on = !other && d.region.trim() == r.id;
                if ui.selectable_label(on, region_choice(r)).clicked() {
                    d.region = r.id.to_string();
                    d.region_other = false;
                }
            }
            if ui
                .selectable_label(other, t!("profile-region-other"))
                .clicked()
                && !other
            {
                d.region_other = true;
                d.region.clear();
            }
        })
        .response
        .labelled_by(l.id);
    ui.end_row();
    if other {
        let hint = default_region(kind);
        field(ui, &t!("profile-region-id"), &mut d.region, hint, false);
    }
}

/// A profile's field as the form labels it.
fn field_label(field: ProfileField, kind: Provider) -> String {
    let provider = kind.as_str();
    match field {
        ProfileField::Name => t!("profile-name"),
        ProfileField::Region => t!("profile-region"),
        ProfileField::Endpoint => t!("profile-vod-endpoint"),
        ProfileField::ObjectEndpoint => t!("profile-object-endpoint"),
        ProfileField::AccessKey => t!("profile-key-label", provider = provider),
        ProfileField::Scope => t!("profile-scope-label", provider = provider),
        ProfileField::Proxy => t!("profile-proxy-url"),
    }
}

/// A profile's problem as one sentence naming the form's field.
pub fn problem_text(e: &ProfileError) -> String {
    let field = field_label(e.field, e.provider);
    let value = e.value.as_str();
    match &e.rule {
        ProfileRule::Empty if e.field == ProfileField::Name => {
            t!("profile-problem-name-empty", field = field)
        }
        ProfileRule::Empty if e.field == ProfileField::AccessKey => {
            t!("profile-problem-key-empty", field = field)
        }
        ProfileRule::Empty => t!("profile-problem-empty", field = field),
        ProfileRule::EdgeSpace => t!("profile-problem-edge-space", field = field, value = value),
        ProfileRule::TooLong => t!("profile-problem-too-long", field = field, value = value),
        ProfileRule::BuiltIn => t!("profile-problem-built-in", field = field, value = value),
        ProfileRule::BadChar(c) => t!(
            "profile-problem-bad-char",
            field = field,
            value = value,
            char = (c.to_string())
        ),
        ProfileRule::NotARegion(_) => {
            t!("profile-problem-not-region", field = field, value = value)
        }
        ProfileRule::NoRegionOrEndpoint => t!(
            "profile-problem-no-region",
            field = field,
            endpoint = (field_label(ProfileField::Endpoint, e.provider)),
            object = (field_label(ProfileField::ObjectEndpoint, e.provider))
        ),
        ProfileRule::ObjectEndpointNeeded => t!(
            "profile-problem-object-needed",
            field = field,
            endpoint = (field_label(ProfileField::Endpoint, e.provider))
        ),
        ProfileRule::NotAUrl => t!("profile-problem-not-url", field = field, value = value),
        ProfileRule::NotHttp => t!("profile-problem-not-http", field = field, value = value),
        ProfileRule::NoHost => t!("profile-problem-no-host", field = field, value = value),
        ProfileRule::QueryOrFragment => t!("profile-problem-query", field = field, value = value),
        ProfileRule::UserInUrl => {
            t!("profile-problem-user-in-url", field = field, value = value)
        }
        ProfileRule::HasSpaces => t!("profile-problem-spaces", field = field),
        ProfileRule::ScopeLength => t!("profile-problem-scope-length", field = field),
        ProfileRule::NotANumber => t!("profile-problem-not-number", field = field, value = value),
        ProfileRule::Unsupported => t!("profile-problem-unsupported"),
    }
}
