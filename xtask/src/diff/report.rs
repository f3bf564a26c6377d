//! The diff's result and its three renderings: text for terminals, Markdown
//! for pull requests, JSON for tools.

use super::rules::{Level, Rule};
use serde_json::{json, Value};

/// One reported change.
#[derive(Clone, Debug)]
pub struct Change {
    pub rule: &'static Rule,
    /// Where: `POST /chat/completions`, `AudioSpeechRequest.sample_rate`,
    /// `GET /files parameter limit`.
    pub location: String,
    /// The operation (`POST /x`) the change is in, if any; component changes have none.
    pub operation: Option<String>,
    pub message: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

impl Change {
    pub fn level(&self) -> Level {
        self.rule.level
    }
}

/// Every change between two specs, sorted, plus the count of prose-only changes.
#[derive(Debug, Default)]
pub struct Report {
    /// How the old and new specs are named in the output.
    pub old: String,
    pub new: String,
    pub changes: Vec<Change>,
    /// Nodes whose description, summary, title or examples changed (and nothing else listed).
    pub prose_only: usize,
}

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "text" => Some(Format::Text),
            "markdown" | "md" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

impl Report {
    /// Builds a report: sorts the changes (level, most severe first, then
    /// location, rule and message) so every rendering is deterministic.
    pub fn new(mut changes: Vec<Change>, prose_only: usize) -> Report {
        changes.sort_by(|a, b| {
            (b.level(), &a.location, a.rule.id, &a.message).cmp(&(a.level(), &b.location, b.rule.id, &b.message))
        });
        Report { old: String::new(), new: String::new(), changes, prose_only }
    }

    /// The most severe level reported, if anything was.
    pub fn worst(&self) -> Option<Level> {
        self.changes.iter().map(Change::level).max()
    }

    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => self.text(),
            Format::Markdown => self.markdown(),
            Format::Json => self.json(),
        }
    }

    fn at(&self, level: Level) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.level() == level)
    }

    fn count(&self, level: Level) -> usize {
        self.at(level).count()
    }

    fn summary_line(&self) -> String {
        let counts: Vec<String> = Level::ALL.iter().map(|&l| format!("{} {l}", self.count(l))).collect();
        format!("{}, {} prose-only", counts.join(", "), self.prose_only)
    }

    fn prose_line(&self) -> Option<String> {
        (self.prose_only > 0).then(|| format!("{} prose-only changes not listed", self.prose_only))
    }

    /// `old → new: ` when the specs are named, else nothing.
    fn names(&self, quote: &str) -> String {
        if self.old.is_empty() && self.new.is_empty() {
            return String::new();
        }
        format!("{quote}{}{quote} → {quote}{}{quote}: ", self.old, self.new)
    }

    fn text(&self) -> String {
        let mut out = format!("{}{}\n", self.names(""), self.summary_line());
        for level in Level::ALL {
            let n = self.count(level);
            if n == 0 {
                continue;
            }
            out += &format!("\n{} ({n})\n", capitalized(level));
            for c in self.at(level) {
                out += &format!("  {}: {} [{}]\n", c.location, c.message, c.rule.id);
            }
        }
        if let Some(line) = self.prose_line() {
            out += &format!("\n{line}\n");
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!("## Spec changes\n\n{}{}\n", self.names("`"), self.summary_line());
        for level in Level::ALL {
            let n = self.count(level);
            if n == 0 {
                continue;
            }
            out += &format!("\n### {} ({n})\n\n| Location | Change | Rule |\n|---|---|---|\n", capitalized(level));
            for c in self.at(level) {
                out += &format!("| `{}` | {} | `{}` |\n", cell(&c.location), cell(&c.message), c.rule.id);
            }
        }
        if let Some(line) = self.prose_line() {
            out += &format!("\n{line}.\n");
        }
        out
    }

    /// The JSON rendering, a stable shape for tools:
    ///
    /// ```json
    /// {
    ///   "old": "spec/openapi.yaml", "new": "HEAD:spec/openapi.yaml",
    ///   "summary": {"breaking": 1, "warning": 0, "info": 2, "prose_only": 7},
    ///   "changes": [
    ///     {"rule": "request-type-changed", "level": "breaking",
    ///      "location": "AudioSpeechRequest.sample_rate", "operation": null,
    ///      "message": "type number → integer", "old": "number", "new": "integer"}
    ///   ]
    /// }
    /// ```
    ///
    /// `operation` is `"METHOD /path"` for changes inside an operation, else
    /// null; `old`/`new` are the JSON values before and after (null when not
    /// applicable). Changes are sorted by level (breaking first), location,
    /// rule, message; the summary counts equal the listed changes per level.
    fn json(&self) -> String {
        let changes: Vec<Value> = self
            .changes
            .iter()
            .map(|c| {
                json!({
                    "rule": c.rule.id,
                    "level": c.level().name(),
                    "location": c.location,
                    "operation": c.operation,
                    "message": c.message,
                    "old": c.old,
                    "new": c.new,
                })
            })
            .collect();
        let report = json!({
            "old": self.old,
            "new": self.new,
            "summary": {
                "breaking": self.count(Level::Breaking),
                "warning": self.count(Level::Warning),
                "info": self.count(Level::Info),
                "prose_only": self.prose_only,
            },
            "changes": changes,
        });
        serde_json::to_string_pretty(&report).expect("a JSON value serializes") + "\n"
    }
}

fn capitalized(level: Level) -> &'static str {
    match level {
        Level::Breaking => "Breaking",
        Level::Warning => "Warning",
        Level::Info => "Info",
    }
}

/// Escapes a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
