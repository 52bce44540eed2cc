//! Printing results: tables for people, JSON for scripts; errors as one sentence on stderr.

use serde::Serialize;

use super::CliError;

pub fn print_json<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string(value).expect("output serializes")
    );
}

pub fn report_error(json: bool, e: &CliError) {
    if let CliError::Partial(msg) = e {
        // Items were reported one by one already; only the summary remains.
        if !msg.is_empty() {
            eprintln!("{msg}");
        }
        return;
    }
    if json {
        let mut v = serde_json::json!({ "error": e.to_string() });
        if let CliError::Api(a) = e {
            v["error_code"] = serde_json::json!(a.code);
            v["request_id"] = serde_json::json!(a.request_id);
            v["http_status"] = serde_json::json!(a.status);
        }
        eprintln!("{v}");
    } else {
        eprintln!("{}", t!("cli-error", message = (e.to_string())));
    }
}

/// Left-aligned columns sized to their content.
pub fn print_table(headers: &[String], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(display_width(cell));
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            out.push_str(c);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(widths[i] - display_width(c) + 2));
            }
        }
        println!("{}", out.trim_end());
    };
    line(headers.iter().map(String::as_str).collect());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

/// Labelled values, one a line, the values lined up after the longest label.
pub fn print_fields(rows: &[(String, String)]) {
    let width = rows
        .iter()
        .map(|(l, _)| display_width(l))
        .max()
        .unwrap_or(0)
        + 2;
    for (label, value) in rows {
        let pad = " ".repeat(width - display_width(label));
        println!("{label}{pad}{value}");
    }
}

/// Headed groups of labelled values, indented under their heading, every value in one column.
pub fn print_sections(sections: &[(String, Vec<(String, String)>)]) {
    let width = sections
        .iter()
        .flat_map(|(_, rows)| rows)
        .map(|(l, _)| display_width(l))
        .max()
        .unwrap_or(0)
        + 2;
    for (heading, rows) in sections {
        println!("{heading}");
        for (label, value) in rows {
            let pad = " ".repeat(width - display_width(label));
            println!("  {label}{pad}{value}");
        }
    }
}

/// Terminal columns: CJK characters take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{1100}'..='\u{ffdc}').contains(&c) && !c.is_ascii() && c as u32 >= 0x2e80 {
                2
            } else {
                1
            }
        })
        .sum()
}

pub fn human_size(bytes: i64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1024.0 && i + 1 < UNITS.len() {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", UNITS[i])
    }
}
