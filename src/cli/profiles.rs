//! `vodesk profiles list|add|remove|use|test`. Secret keys are read from a hidden prompt or from
//! stdin — never from an argument, where the process list and shell history would show them —
//! and stored only in the OS keychain.

use std::io::{BufRead, IsTerminal};

use clap::{Args, Subcommand};
use serde::Serialize;
use vodesk_core::credentials::manage::{self, ManageError, SaveError, Secrets};
use vodesk_core::credentials::profile::parse_provider;
use vodesk_core::credentials::{
    LOCAL_PROFILES, Profile, ProfilesFile, Provider, ProxyConfig, Secret, config_dir, profile,
};
use vodesk_core::provider::check::Verdict;
use vodesk_core::provider::connect;

use super::CliError;
use super::output::{print_json, print_table};
use crate::connection::connect;

#[derive(Subcommand, Debug)]
pub enum ProfilesCommand {
    /// The saved profiles and the built-in Local one (the default is marked with *).
    List,
    /// Save a profile: fields in profiles.toml, the secret key in the OS keychain.
    Add(AddArgs),
    /// Remove a profile and its secrets from the keychain.
    Remove { name: String },
    /// Make a profile the default (Local for the built-in local service).
    Use { name: String },
    /// Check a profile's credentials, project id, clock and endpoint with one signed call.
    Test { name: Option<String> },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// A name for the profile, e.g. production.
    pub name: String,
    /// The cloud: huawei (default) or tencent.
    #[arg(long, default_value = "huawei", value_parser = parse_provider)]
    pub provider: Provider,
    /// Region id (cn-north-4, ap-guangzhou, cn-shanghai, ...): endpoints (and Huawei's project id) derive from it.
    #[arg(long, required_unless_present = "endpoint")]
    pub region: Option<String>,
    /// Explicit VOD endpoint URL (private cloud, local service).
    #[arg(long)]
    pub endpoint: Option<String>,
    /// Explicit object-storage (OBS) endpoint URL.
    #[arg(long)]
    pub object_endpoint: Option<String>,
    /// Huawei: the project id (looked up through IAM from the region when left out);
    /// Tencent: the SubAppId of the VOD application (the account's default when left out);
    /// Alibaba: the AppId (app-1000000, the default, when left out).
    #[arg(long, alias = "sub-app-id", alias = "app-id")]
    pub project_id: Option<String>,
    /// Access key id (Huawei AK, Tencent SecretId, Alibaba AccessKey ID).
    #[arg(long)]
    pub ak: String,
    /// Read the secret key from the first line of stdin instead of a hidden prompt.
    #[arg(long)]
    pub sk_stdin: bool,
    /// Also store a temporary security token (prompted, or the next stdin line).
    #[arg(long)]
    pub security_token: bool,
    /// Proxy URL for this profile (http://host:port).
    #[arg(long)]
    pub proxy: Option<String>,
    /// Proxy user; the password is prompted (or the next stdin line) and kept in the keychain.
    #[arg(long, requires = "proxy")]
    pub proxy_user: Option<String>,
    /// Save even if the connection test fails (e.g. offline).
    #[arg(long)]
    pub skip_test: bool,
    /// Make it the default profile.
    #[arg(long = "default")]
    pub make_default: bool,
}

/// `profile` is the global `--profile`, the default for `test`.
pub async fn run(cmd: ProfilesCommand, profile: Option<&str>, json: bool) -> Result<(), CliError> {
    match cmd {
        ProfilesCommand::List => list(json),
        ProfilesCommand::Add(args) => add(args, json).await,
        ProfilesCommand::Remove { name } => remove(name, json).await,
        ProfilesCommand::Use { name } => use_profile(name, json),
        ProfilesCommand::Test { name } => test(name.as_deref().or(profile), json).await,
    }
}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    default: bool,
    provider: &'a str,
    region: Option<&'a str>,
    endpoint: String,
    object_endpoint: String,
    project_id: &'a str,
    access_key: &'a str,
    proxy: Option<&'a str>,
}

fn load() -> Result<ProfilesFile, CliError> {
    ProfilesFile::load(&config_dir()).map_err(|e| {
        CliError::Usage(crate::words::profiles_file_error(
            &e,
            crate::words::profile_problem,
        ))
    })
}

fn list(json: bool) -> Result<(), CliError> {
    let file = load()?;
    let default = file.default_name();
    let locals = LOCAL_PROFILES.iter().map(|(name, kind)| Row {
        name,
        default: default.eq_ignore_ascii_case(name),
        provider: kind.as_str(),
        region: None,
        endpoint: "embedded local service".to_string(),
        object_endpoint: "embedded local service".to_string(),
        project_id: "",
        access_key: "",
        proxy: None,
    });
    let rows: Vec<Row> = locals
        .chain(file.profiles.iter().map(|p| Row {
            name: &p.name,
            default: default == p.name,
            provider: p.provider.as_str(),
            region: p.region.as_deref(),
            endpoint: p.vod_endpoint(),
            object_endpoint: p.obs_endpoint(),
            project_id: &p.project_id,
            access_key: &p.access_key,
            proxy: p.proxy.as_ref().map(|x| x.url.as_str()),
        }))
        .collect();
    if json {
        for r in &rows {
            print_json(r);
        }
        return Ok(());
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                if r.default { "*" } else { "" }.to_string(),
                r.name.to_string(),
                r.provider.to_string(),
                r.region.unwrap_or("").to_string(),
                r.endpoint.clone(),
                r.project_id.to_string(),
                r.access_key.to_string(),
            ]
        })
        .collect();
    print_table(
        &[
            String::new(),
            t!("cli-col-name"),
            t!("cli-col-provider"),
            t!("cli-col-region"),
            t!("cli-col-endpoint"),
            t!("cli-col-project-id"),
            t!("cli-col-access-key"),
        ],
        &cells,
    );
    Ok(())
}

fn read_secrets(args: &AddArgs) -> Result<Secrets, CliError> {
    // The catalogue's `$what`.
    let mut wanted = vec!["secret-key"];
    if args.security_token {
        wanted.push("security-token");
    }
    if args.proxy_user.is_some() {
        wanted.push("proxy-password");
    }
    let values: Vec<Secret> = if args.sk_stdin {
        let stdin = std::io::stdin();
        let mut lines = stdin.lock().lines();
        let mut out = Vec::new();
        for what in &wanted {
            let line = lines
                .next()
                .transpose()
                .map_err(|e: std::io::Error| {
                    CliError::usage(t!(
                        "cli-stdin-unreadable",
                        what = (*what),
                        error = (e.to_string())
                    ))
                })?
                .ok_or_else(|| CliError::usage(t!("cli-stdin-ended", what = (*what))))?;
            out.push(Secret::new(line.trim_end_matches('\r')));
        }
        out
    } else {
        if !std::io::stdin().is_terminal() {
            return Err(CliError::usage(t!("cli-no-terminal")));
        }
        let mut out = Vec::new();
        for what in &wanted {
            let prompt = t!(
                "cli-secret-prompt",
                what = (*what),
                name = (args.name.as_str())
            );
            let v = rpassword::prompt_password(prompt).map_err(|e| {
                CliError::usage(t!(
                    "cli-secret-unreadable",
                    what = (*what),
                    error = (e.to_string())
                ))
            })?;
            out.push(Secret::new(v));
        }
        out
    };
    for (v, what) in values.iter().zip(&wanted) {
        if v.expose().trim().is_empty() {
            let hint = connect::profile_rules(args.provider).map_or("", |r| r.keys_hint);
            return Err(CliError::usage(t!(
                "cli-secret-empty",
                what = (*what),
                hint = hint
            )));
        }
    }
    let mut it = values.into_iter();
    Ok(Secrets {
        secret_key: it.next().expect("the secret key is always read"),
        security_token: if args.security_token { it.next() } else { None },
        proxy_password: if args.proxy_user.is_some() {
            it.next()
        } else {
            None
        },
    })
}

async fn add(args: AddArgs, json: bool) -> Result<(), CliError> {
    let dir = config_dir();
    // Everything that can be checked without the network or the keychain comes first, so bad
    // input writes nothing.
    profile::validate_name(&args.name)
        .map_err(|e| CliError::Usage(crate::words::profile_problem(&e)))?;
    let candidate = Profile {
        name: args.name.clone(),
        provider: args.provider,
        region: args.region.clone(),
        endpoint: args.endpoint.clone(),
        object_endpoint: args.object_endpoint.clone(),
        project_id: args.project_id.clone().unwrap_or_default(),
        access_key: args.ak.clone(),
        security_token: args.security_token,
        proxy: args.proxy.clone().map(|url| ProxyConfig {
            url,
            user: args.proxy_user.clone(),
        }),
    };
    let mut check = candidate.clone();
    let lookup = connect::profile_rules(args.provider).is_some_and(|r| r.scope_lookup);
    if lookup && check.project_id.is_empty() {
        check.project_id = "pending".into();
    }
    check
        .validate()
        .map_err(|e| CliError::Usage(crate::words::profile_problem(&e)))?;
    if load()?.get(&args.name).is_some() {
        return Err(CliError::Usage(t!(
            "cli-profile-exists",
            name = (args.name.as_str())
        )));
    }
    let secrets = read_secrets(&args)?;
    let (profile, verdict) = manage::prepare(candidate, &secrets, args.skip_test)
        .await
        .map_err(|e| match e {
            SaveError::Refused(v, kind) => CliError::usage(t!(
                "cli-test-failed-not-saved",
                verdict = (crate::verdict::verdict_text(&v, kind, ""))
            )),
            SaveError::Invalid(m) => CliError::Usage(m),
            SaveError::NeedsProjectOrRegion => CliError::usage(t!("profile-needs-project")),
            SaveError::Field(e) => CliError::Usage(crate::words::profile_problem(&e)),
            SaveError::Storage(m) => CliError::Other(m),
        })?;
    let saved = profile.clone();
    let make_default = args.make_default;
    blocking(move || manage::save(&dir, saved, Some(&secrets), None, make_default)).await?;
    if json {
        print_json(&serde_json::json!({
            "name": profile.name,
            "project_id": profile.project_id,
            "default": make_default,
            "test": verdict.as_ref().map(Verdict::code),
        }));
    } else {
        let (name, project) = (profile.name.as_str(), profile.project_id.as_str());
        let line = if make_default {
            t!("cli-profile-saved-default", name = name, project = project)
        } else {
            t!("cli-profile-saved", name = name, project = project)
        };
        println!("{line}");
    }
    Ok(())
}

/// Runs a keychain/file step on a blocking thread; its error worded for the user.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ManageError> + Send + 'static,
) -> Result<T, CliError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CliError::Other(t!("task-stopped", error = (e.to_string()))))?
        .map_err(|e| CliError::Usage(crate::words::manage_error(&e)))
}

async fn remove(name: String, json: bool) -> Result<(), CliError> {
    let dir = config_dir();
    let n = name.clone();
    blocking(move || manage::remove(&dir, &n)).await?;
    if json {
        print_json(&serde_json::json!({ "removed": name }));
    } else {
        println!("{}", t!("cli-profile-removed", name = name));
    }
    Ok(())
}

fn use_profile(name: String, json: bool) -> Result<(), CliError> {
    let chosen = manage::set_default(&config_dir(), &name)
        .map_err(|e| CliError::Usage(crate::words::manage_error(&e)))?;
    if json {
        print_json(&serde_json::json!({ "default": chosen }));
    } else {
        println!("{}", t!("cli-profile-default", name = chosen));
    }
    Ok(())
}

async fn test(name: Option<&str>, json: bool) -> Result<(), CliError> {
    let conn = connect(name).await?;
    let verdict = conn.vod.test_connection().await;
    let profile = conn.profile.clone();
    let kind = conn.vod.kind();
    conn.close().await;
    // An OK names the scope that worked (a saved profile's project id or SubAppId).
    let scope = load()?
        .get(&profile)
        .map(|p| p.project_id.clone())
        .unwrap_or_default();
    let message = crate::verdict::verdict_text(&verdict, kind, &scope);
    if json {
        let e = verdict.error();
        print_json(&serde_json::json!({
            "profile": profile,
            "verdict": verdict.code(),
            "message": message,
            "error_code": e.and_then(|e| e.code.clone()),
            "request_id": e.and_then(|e| e.request_id.clone()),
        }));
    } else if verdict.is_ok() {
        println!("{profile}: {message}");
    } else {
        return Err(CliError::Other(format!("{profile}: {message}")));
    }
    if verdict.is_ok() {
        Ok(())
    } else {
        // Reported on stdout as JSON already.
        Err(CliError::Partial(String::new()))
    }
}

#[cfg(test)]
mod tests {
    use vodesk_core::credentials::profile::ProfileError;
    use vodesk_core::credentials::{Profile, Provider};

    use crate::i18n::{Language, pin_thread};
    use crate::words::profile_problem;

    /// In English the CLI says a profile's problems exactly as the provider layer does (the
    /// e2e tests and scripts read them).
    #[test]
    fn english_profile_problems_match_the_provider_layer_s_sentences() {
        pin_thread(Language::English);
        let good = |provider| Profile {
            name: "prod".into(),
            provider,
            region: Some(vodesk_core::provider::connect::default_region(provider).into()),
            endpoint: None,
            object_endpoint: None,
            project_id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9".into(),
            access_key: "AK".into(),
            security_token: false,
            proxy: None,
        };
        let mut broken: Vec<Profile> = Vec::new();
        for provider in [Provider::Huawei, Provider::Tencent, Provider::Aliyun] {
            let p = good(provider);
            let variants: [fn(&mut Profile); 16] = [
                |p| p.name = String::new(),
                |p| p.name = " x".into(),
                |p| p.name = "x".repeat(65),
                |p| p.name = "Local".into(),
                |p| p.name = "a#b".into(),
                |p| p.region = None,
                |p| {
                    p.region = None;
                    p.endpoint = Some("https://vod.example.com".into());
                },
                |p| p.region = Some("CN North".into()),
                |p| p.endpoint = Some("not a url".into()),
                |p| p.object_endpoint = Some("ftp://host".into()),
                |p| p.endpoint = Some("https://h/?q=1".into()),
                |p| p.endpoint = Some("https://u:p@h".into()),
                |p| p.access_key = String::new(),
                |p| p.access_key = "A K".into(),
                |p| p.project_id = "x".repeat(65),
                |p| p.project_id = "abc".into(),
            ];
            for change in &variants {
                let mut b = p.clone();
                change(&mut b);
                broken.push(b);
            }
        }
        let mut checked = 0;
        for p in &broken {
            if let Err(e) = p.validate() {
                let e: ProfileError = e;
                assert_eq!(profile_problem(&e), e.to_string(), "{e:?}");
                checked += 1;
            }
        }
        assert!(checked > 30, "{checked} problems checked");
    }
}
