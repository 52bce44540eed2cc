//! The profiles screen: saved accounts with Use / Edit / Test / Remove, and a form to add or
//! edit one. Secret fields start empty and are never filled from the keychain: while editing,
//! each one left empty keeps the stored value, each one typed replaces it. Saving tests the
//! connection first.

use eframe::egui;
use vodesk_core::credentials::manage::Secrets;
use vodesk_core::credentials::{LOCAL_PROFILES, Profile, Provider, ProxyConfig, Secret};
use vodesk_core::provider::connect::default_region;

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
    pub fn over(self, stored: Option<Secrets>) -> Result<Secrets, String> {
        let (sk, token, proxy) = match stored {
            Some(s) => (Some(s.secret_key), s.security_token, s.proxy_password),
            None => (None, None, None),
        };
        Ok(Secrets {
            secret_key: self
                .secret_key
                .or(sk)
                .ok_or_else(|| t!("profile-secret-empty"))?,
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
        ProfileDraft {
            original: Some(p.name.clone()),
            provider: Some(p.provider),
            name: p.name.clone(),
            region: p.region.clone().unwrap_or_default(),
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
    egui::Window::new("Profiles")
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
            } else if ui.button("➕ Add a profile…").clicked() {
                s.add_new();
            }
            if s.busy {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Checking the connection…");
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
        egui::Window::new("Remove profile?")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(format!(
                    "Remove \"{name}\" and its secret key from the keychain? Assets in the cloud are not touched."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Remove").clicked() {
                        action = Some(ProfileAction::Remove(name.clone()));
                        s.confirm_remove = None;
                    }
                    if ui.button("Cancel").clicked() {
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
                    let mut title = name.to_string();
                    if s.default == name {
                        title.push_str("  (default)");
                    }
                    if s.current == name {
                        ui.strong(title);
                    } else {
                        ui.label(title);
                    }
                    ui.weak(detail);
                    ui.horizontal(|ui| {
                        let in_use = s.current == name;
                        if ui
                            .add_enabled(!in_use, egui::Button::new("Use"))
                            .on_hover_text("Switch to this profile and make it the default")
                            .clicked()
                        {
                            *action = Some(ProfileAction::Use(name.to_string()));
                        }
                        if let Some(p) = saved {
                            if ui
                                .add_enabled(!s.busy, egui::Button::new("Test"))
                                .on_hover_text("Check its keys, project and endpoint now")
                                .clicked()
                            {
                                *action = Some(ProfileAction::Test {
                                    profile: Box::new(p.clone()),
                                    secrets: TypedSecrets::default(),
                                    stored: Some(p.name.clone()),
                                });
                            }
                            if ui.button("Edit").clicked() {
                                s.draft = Some(ProfileDraft::edit(p));
                                s.status = None;
                            }
                            if ui.button("Remove").clicked() {
                                s.confirm_remove = Some(p.name.clone());
                            }
                        }
                    });
                    ui.end_row();
                };
            for (name, kind) in LOCAL_PROFILES {
                row(ui, name, words(*kind).local.into(), None);
            }
            let saved = s.saved.clone();
            for p in &saved {
                let detail = format!(
                    "{} · {} · {}",
                    words(p.provider).name,
                    p.region.as_deref().unwrap_or("custom endpoint"),
                    p.vod_endpoint()
                );
                row(ui, &p.name, detail, Some(p));
            }
        });
}

/// What the form says for each cloud: one place, for translation.
struct ProviderWords {
    name: &'static str,
    title: &'static str,
    region_hint: &'static str,
    scope_label: &'static str,
    scope_hint: &'static str,
    key_label: &'static str,
    secret_label: &'static str,
    keys_where: &'static str,
    /// The detail of the built-in profile of the local service's personality.
    local: &'static str,
}

const PROVIDERS: [Provider; 3] = [Provider::Huawei, Provider::Tencent, Provider::Aliyun];

fn words(p: Provider) -> ProviderWords {
    match p {
        Provider::Tencent => ProviderWords {
            name: "Tencent Cloud VOD",
            title: "New profile (Tencent Cloud VOD)",
            region_hint: "ap-guangzhou",
            scope_label: "SubAppId",
            scope_hint: "the account's default application",
            key_label: "SecretId",
            secret_label: "SecretKey",
            keys_where: "Keys are created in the Tencent Cloud console under CAM > API Keys.",
            local: "embedded local service (Tencent Cloud VOD API)",
        },
        Provider::Aliyun => ProviderWords {
            name: "Alibaba Cloud ApsaraVideo VOD",
            title: "New profile (Alibaba Cloud ApsaraVideo VOD)",
            region_hint: "cn-shanghai",
            scope_label: "AppId",
            scope_hint: "default: app-1000000",
            key_label: "AccessKey ID",
            secret_label: "AccessKey secret",
            keys_where: "Keys are created in the Alibaba Cloud console under RAM > AccessKey.",
            local: "embedded local service (Alibaba Cloud VOD API)",
        },
        Provider::Huawei => ProviderWords {
            name: "Huawei Cloud VOD",
            title: "New profile (Huawei Cloud VOD)",
            region_hint: "cn-north-4",
            scope_label: "Project id",
            scope_hint: "looked up from the region",
            key_label: "Access key (AK)",
            secret_label: "Secret key (SK)",
            keys_where: "Keys are created in the Huawei Cloud console under My Credentials > Access Keys.",
            local: "embedded local service (Huawei Cloud VOD API)",
        },
    }
}

/// Draws the form; true when the user cancelled it.
fn form(
    ui: &mut egui::Ui,
    d: &mut ProfileDraft,
    busy: bool,
    action: &mut Option<ProfileAction>,
) -> bool {
    let mut cancel = false;
    let w = words(d.kind());
    ui.heading(match &d.original {
        Some(n) => format!("Edit \"{n}\""),
        None => w.title.to_string(),
    });
    if d.original.is_none() {
        let before = d.kind();
        let mut chosen = before;
        egui::ComboBox::from_label("Cloud")
            .selected_text(w.name)
            .show_ui(ui, |ui| {
                for p in PROVIDERS {
                    ui.selectable_value(&mut chosen, p, words(p).name);
                }
            });
        if chosen != before {
            d.provider = Some(chosen);
            // The region field follows the cloud while it holds the other one's default.
            if d.region.trim() == default_region(before) {
                d.region = default_region(chosen).to_string();
            }
        }
    }
    let w = words(d.kind());
    ui.weak(w.keys_where);
    egui::Grid::new("profile-form")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            field(ui, "Name", &mut d.name, "production", false);
            field(ui, "Region", &mut d.region, w.region_hint, false);
            field(
                ui,
                "VOD endpoint",
                &mut d.endpoint,
                "derived from the region",
                false,
            );
            field(
                ui,
                "Object endpoint",
                &mut d.object_endpoint,
                "derived from the region",
                false,
            );
            field(ui, w.scope_label, &mut d.project_id, w.scope_hint, false);
            field(ui, w.key_label, &mut d.access_key, "", false);
            let editing = d.original.is_some();
            let keep = |new: &'static str| {
                if editing {
                    "leave empty to keep the stored one"
                } else {
                    new
                }
            };
            field(ui, w.secret_label, &mut d.secret_key, keep(""), true);
            field(
                ui,
                "Security token",
                &mut d.security_token,
                keep("only for temporary keys"),
                true,
            );
            field(
                ui,
                "Proxy URL",
                &mut d.proxy_url,
                "http://proxy:3128 (optional)",
                false,
            );
            field(ui, "Proxy user", &mut d.proxy_user, "", false);
            field(ui, "Proxy password", &mut d.proxy_password, keep(""), true);
        });
    ui.checkbox(&mut d.make_default, "Use it by default");
    ui.checkbox(&mut d.skip_test, "Save without testing the connection");
    ui.horizontal(|ui| {
        let secrets = d.secrets();
        // A new profile can be tested once its secret key is typed; an edited one at once.
        let testable = secrets.secret_key.is_some() || d.original.is_some();
        if ui
            .add_enabled(!busy && testable, egui::Button::new("Test connection"))
            .clicked()
        {
            *action = Some(ProfileAction::Test {
                profile: Box::new(d.profile()),
                secrets: secrets.clone(),
                stored: d.original.clone(),
            });
        }
        if ui.add_enabled(!busy, egui::Button::new("Save")).clicked() {
            *action = Some(ProfileAction::Save {
                profile: Box::new(d.profile()),
                secrets,
                replacing: d.original.clone(),
                make_default: d.make_default,
                skip_test: d.skip_test,
            });
        }
        cancel = ui.button("Cancel").clicked();
    });
    cancel
}
