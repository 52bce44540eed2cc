//! The translation catalogue: Project Fluent through i18n-embed. Fluent was chosen over
//! key-value catalogues because plurals and word order belong to each language's sentence
//! (`{ $n -> [one] … *[other] … }`), not to code; i18n-embed-fl's `fl!` checks at compile time
//! that every key used exists in the English catalogue, and a test checks that the Chinese one
//! has the same keys and arguments. The catalogues (i18n/<lang>/vodesk.ftl) are embedded.
//!
//! Each language has a loader of its own, built once; choosing a language is an atomic switch,
//! so it applies at once on every thread. Tests may pin their thread to a language without
//! touching the others running in parallel.

use std::cell::Cell;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use i18n_embed::{LanguageLoader, unic_langid::LanguageIdentifier};
use rust_embed::RustEmbed;
use serde::{Deserialize, Serialize};

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Catalogue;

/// A language the catalogue has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Language {
    /// The system's locale (`LANG`, `LC_ALL`…): Chinese when it asks for Chinese, else English.
    #[default]
    System,
    English,
    Chinese,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::System, Language::English, Language::Chinese];

    /// Its name in its own language (not translated: people look for their own).
    pub fn autonym(self) -> Option<&'static str> {
        match self {
            Language::System => None,
            Language::English => Some("English"),
            Language::Chinese => Some("简体中文"),
        }
    }

    /// The language this choice means on this system.
    fn resolved(self) -> Language {
        match self {
            Language::System => system_language(),
            other => other,
        }
    }
}

/// Chinese when the system's preferred languages put a Chinese one first, else English.
fn system_language() -> Language {
    let wanted = i18n_embed::DesktopLanguageRequester::requested_languages();
    match wanted.first() {
        Some(l) if l.language.as_str() == "zh" => Language::Chinese,
        _ => Language::English,
    }
}

fn loader_for(tag: &str) -> FluentLanguageLoader {
    let loader = fluent_language_loader!();
    let id: LanguageIdentifier = tag.parse().expect("a valid language tag");
    // A missing catalogue is a build defect the catalogue test catches; English still works.
    let _ = loader.load_languages(&Catalogue, &[id]);
    // No Unicode isolation marks around arguments: they show as boxes in some fonts.
    loader.set_use_isolating(false);
    loader
}

static ENGLISH: LazyLock<FluentLanguageLoader> = LazyLock::new(|| loader_for("en"));
static CHINESE: LazyLock<FluentLanguageLoader> = LazyLock::new(|| loader_for("zh-CN"));

const EN: u8 = 0;
const ZH: u8 = 1;
static CURRENT: AtomicU8 = AtomicU8::new(EN);

thread_local! {
    /// A test's own language for its thread, over the process-wide one.
    static PINNED: Cell<Option<u8>> = const { Cell::new(None) };
}

fn code(lang: Language) -> u8 {
    match lang.resolved() {
        Language::Chinese => ZH,
        _ => EN,
    }
}

/// The language in use on this thread (its pinned one, if any), as a number that changes
/// with it: for what keeps worded text between frames.
pub fn in_use() -> u8 {
    PINNED
        .with(Cell::get)
        .unwrap_or_else(|| CURRENT.load(Ordering::Relaxed))
}

/// The loader of the language in use (the thread's pinned one, if any).
pub fn loader() -> &'static FluentLanguageLoader {
    if in_use() == ZH { &CHINESE } else { &ENGLISH }
}

/// Of a name given in English and in Chinese by someone else (a provider's region names), the
/// one of the language in use.
pub fn pick<'a>(english: &'a str, chinese: &'a str) -> &'a str {
    if in_use() == ZH { chinese } else { english }
}

/// Every string from now on is in `lang`.
pub fn apply(lang: Language) {
    CURRENT.store(code(lang), Ordering::Relaxed);
}

/// Strings asked for on this thread are in `lang`, whatever the process uses (tests running
/// side by side each keep their own language).
pub fn pin_thread(lang: Language) {
    PINNED.with(|p| p.set(Some(code(lang))));
}

/// The app's choice: the UI thread takes it at once, and (outside tests, which run side by side
/// in one process) every other thread too.
pub fn use_language(lang: Language) {
    pin_thread(lang);
    if !cfg!(test) {
        apply(lang);
    }
}

/// A sentence from the catalogue: `t!("key")` or `t!("key", name = value, …)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id)
    };
    ($id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id, $($args)*)
    };
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// Every message of a catalogue with the variables its text uses.
    fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
        let path = format!("{lang}/vodesk.ftl");
        let file = Catalogue::get(&path).unwrap_or_else(|| panic!("{path} is embedded"));
        let text = std::str::from_utf8(&file.data).expect("UTF-8");
        let resource = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errors)| panic!("{path} does not parse: {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                out.insert(m.id.name.to_string(), vars);
            }
        }
        out
    }

    fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                expression_vars(expression, out);
            }
        }
    }

    fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, out);
                for v in variants {
                    pattern_vars(&v.value, out);
                }
            }
            ast::Expression::Inline(i) => inline_vars(i, out),
        }
    }

    fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
            _ => {}
        }
    }

    #[test]
    fn both_languages_have_every_key_with_the_same_arguments() {
        let en = messages("en");
        let zh = messages("zh-CN");
        let only_en: Vec<&String> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        let only_zh: Vec<&String> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(only_en.is_empty(), "missing from zh-CN: {only_en:?}");
        assert!(only_zh.is_empty(), "missing from en: {only_zh:?}");
        for (key, vars) in &en {
            assert_eq!(vars, &zh[key], "{key} takes other arguments in zh-CN");
        }
        assert!(en.len() > 50, "the catalogue is read: {} keys", en.len());
    }

    #[test]
    fn plurals_and_arguments_come_out_in_the_thread_s_language() {
        pin_thread(Language::English);
        assert_eq!(t!("unfinished-aborted", n = 1), "1 upload aborted.");
        assert_eq!(t!("unfinished-aborted", n = 3), "3 uploads aborted.");
        assert_eq!(
            t!("status-service-value", raw = "PUBLISHED"),
            "Service value: PUBLISHED"
        );
        // A message may end in a space (the CLI's prompt, which scripts and tests read).
        assert_eq!(
            t!("cli-secret-prompt", what = "secret-key", name = "typed"),
            "secret key for typed: "
        );
        pin_thread(Language::Chinese);
        assert_eq!(t!("unfinished-aborted", n = 3), "已取消 3 个上传。");
        assert_eq!(t!("settings-title"), "设置");
    }
}
