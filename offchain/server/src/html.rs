//! The pages' shared frame: escaping, the layout with its stylesheet and script, and the
//! small pieces every page uses. Server-rendered: a page is complete without its script,
//! which only adds the address lookup on the overview.
use std::fmt::Write as _;

/// `text` safe inside HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
header { background: #1d2330; color: #fff; padding: 0.8em 1.5em; display: flex; gap: 2em; align-items: baseline; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
header .chain { color: #aab; font-size: 0.9em; margin-left: auto; }
main { padding: 1em 1.5em; max-width: 72em; }
section { background: #fff; border-radius: 6px; padding: 0.6em 1.2em 1em; margin-bottom: 1em; box-shadow: 0 1px 2px #0002; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid #e4e6ee; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
dl.figures { display: grid; grid-template-columns: max-content auto; gap: 0.3em 1.5em; }
dl.figures dd { margin: 0; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, monospace; font-size: 0.9em; word-break: break-all; }
.ok { color: #17803d; } .bad { color: #b3261e; }
svg text { font-size: 11px; fill: #444; }
"#;

const SCRIPT: &str = r#"
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('lookup');
  if (!form) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = document.getElementById('lookup-answer');
    const address = form.elements.address.value.trim();
    const answer = await fetch('/api/v1/accounts/' + encodeURIComponent(address) + '/partner');
    const body = await answer.json();
    if (!answer.ok) { out.textContent = body.error; out.className = 'bad'; return; }
    out.className = '';
    out.textContent = body.bound
      ? 'bound to ' + (body.partner_codes[0] || body.partner) + ' since epoch ' + body.binding_epoch
      : (body.can_be_bound ? 'not bound: a first stake with a code would bind it' : 'not bound, and it can no longer be (it has held the token)');
  });
});
"#;

/// A whole page around `body`.
pub fn page(title: &str, chain: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · referral suite</title><style>{STYLE}</style><script>{SCRIPT}</script></head>\
         <body><header><a href=\"/\">Referral suite</a><a href=\"/claim\">How to claim</a><span class=\"chain\">{chain}</span></header>\
         <main>{body}</main></body></html>\n",
        title = escape(title),
        chain = escape(chain),
    )
}

/// A `<dl>` of figures, each `<dd>` marked with its field name (what tests and scrapers read).
pub fn figures(rows: &[(&str, &str, String)]) -> String {
    let mut out = String::from("<dl class=\"figures\">");
    for (field, label, value) in rows {
        let _ = write!(out, "<dt>{}</dt><dd data-field=\"{field}\">{}</dd>", escape(label), escape(value));
    }
    out.push_str("</dl>");
    out
}

/// A table: header cells (a trailing `#` marks a numeric column) and rows of cells
/// already escaped (they may hold links).
pub fn table(id: &str, header: &[&str], rows: &[Vec<String>]) -> String {
    let numeric: Vec<bool> = header.iter().map(|h| h.ends_with('#')).collect();
    let cell = |i: usize| if numeric.get(i).copied().unwrap_or(false) { " class=\"n\"" } else { "" };
    let mut out = format!("<table id=\"{id}\"><thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", cell(i), escape(h.trim_end_matches('#')));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, value) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{value}</td>", cell(i));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_everywhere_it_lands() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        let page = page("<t>", "ws://h?a=1&b=2", "<p>body</p>");
        assert!(page.contains("<title>&lt;t&gt; · referral suite</title>"));
        assert!(page.contains("ws://h?a=1&amp;b=2"));
        let dl = figures(&[("claimable", "Claimable", "1.5 <units>".into())]);
        assert_eq!(dl, "<dl class=\"figures\"><dt>Claimable</dt><dd data-field=\"claimable\">1.5 &lt;units&gt;</dd></dl>");
        let t = table("t", &["name", "amount#"], &[vec!["bob".into(), "2".into()]]);
        assert!(t.contains("<th class=\"n\">amount</th>") && t.contains("<td class=\"n\">2</td>"), "{t}");
    }
}
