//! HTTP blocks: request templates (`PATCH /me/profile/skills/{id}`) and example messages with their bodies.

use super::trim;

/// One line of an `## HTTP request` template block.
///
/// ```
/// use graphdoc_codegen::parse::http::{templates, Template};
///
/// let (ok, _) = templates("GET /me/profile/skills/{id}\n");
/// let want = Template { method: "GET".into(), path: "/me/profile/skills/{id}".into(), line: 0 };
/// assert_eq!(ok, [want]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// Upper-case method (`GET`, `PATCH`, ...).
    pub method: String,
    /// The path as written, spaces inside `{id | userPrincipalName}` kept.
    pub path: String,
    /// Line within the block, 0-based.
    pub line: usize,
}

const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// Reads the template lines of an HTTP block; lines that are not `METHOD path` are returned as errors.
///
/// ```
/// use graphdoc_codegen::parse::http::templates;
///
/// let block = "patch /users/{id | userPrincipalName}/profile HTTP/1.1\n\n// a comment\nnot a line\n";
/// let (ok, bad) = templates(block);
/// assert_eq!((ok[0].method.as_str(), ok[0].line), ("PATCH", 0));
/// assert_eq!(ok[0].path, "/users/{id | userPrincipalName}/profile");
/// assert_eq!(bad, [(3, "not a line".to_string())]);
/// ```
pub fn templates(text: &str) -> (Vec<Template>, Vec<(usize, String)>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for (line, raw) in text.lines().enumerate() {
        let l = trim::ws(raw);
        if l.is_empty() || l.starts_with("//") || l.starts_with('#') {
            continue;
        }
        match split_start_line(l) {
            Some((method, path)) => ok.push(Template { method, path, line }),
            None => bad.push((line, l.to_string())),
        }
    }
    (ok, bad)
}

/// `PATCH https://graph.microsoft.com/beta/me/x HTTP/1.1` → (`PATCH`, the rest without the version).
fn split_start_line(line: &str) -> Option<(String, String)> {
    let (method, rest) = line.split_once(char::is_whitespace)?;
    let method = method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let mut path = trim::ws(rest);
    if let Some(i) = path.rfind(" HTTP/") {
        path = path[..i].trim_end();
    }
    (!path.is_empty()).then(|| (method, path.to_string()))
}

/// An example request or response: start line, headers and body.
///
/// ```
/// use graphdoc_codegen::parse::http::message;
///
/// let text = "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"1\"}\n";
/// let m = message(text).unwrap();
/// assert_eq!((m.method, m.url, m.status), (None, None, Some(201)));
/// assert_eq!(m.headers, [("Content-Type".to_string(), "application/json".to_string())]);
/// assert_eq!(m.body, Some((text.find('{').unwrap(), "{\"id\": \"1\"}\n".to_string())));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// For requests: the method.
    pub method: Option<String>,
    /// For requests: the URL.
    pub url: Option<String>,
    /// For responses: the status code.
    pub status: Option<u16>,
    /// Header lines, as (name, value).
    pub headers: Vec<(String, String)>,
    /// The body text, if any, and its byte offset within the block.
    pub body: Option<(usize, String)>,
}

/// Reads an example HTTP message. A missing blank line before a `{` or `[` body is tolerated.
///
/// ```
/// use graphdoc_codegen::parse::http::message;
///
/// let text = "POST https://graph.microsoft.com/v1.0/me/events\nContent-type: application/json\n{\"subject\": \"x\"}";
/// let m = message(text).unwrap();
/// assert_eq!(m.method.as_deref(), Some("POST"));
/// assert_eq!(m.url.as_deref(), Some("https://graph.microsoft.com/v1.0/me/events"));
/// assert_eq!(m.body.unwrap().1, "{\"subject\": \"x\"}");
/// assert!(message("HTTP/1.1 204 No Content\n").unwrap().body.is_none());
/// assert!(message("not http").is_none());
/// ```
pub fn message(text: &str) -> Option<Message> {
    let (mut msg, body_at) = message_head(text)?;
    msg.body = body_at.map(|at| (at, text[at..].to_string()));
    Some(msg)
}

/// [`message`] without its body: where the body starts in `text`, when it has one. The parser
/// keeps the block's own text as the body instead of a copy of it.
pub(crate) fn message_head(text: &str) -> Option<(Message, Option<usize>)> {
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    let first = loop {
        let l = lines.next()?;
        offset += l.len();
        let t = trim::ws(l);
        if !t.is_empty() {
            break t;
        }
    };
    let mut msg = Message {
        method: None,
        url: None,
        status: None,
        headers: Vec::new(),
        body: None,
    };
    if let Some(rest) = first.strip_prefix("HTTP/") {
        let code = rest.split_whitespace().nth(1)?;
        msg.status = code.parse().ok();
    } else {
        let (m, u) = split_start_line(first)?;
        msg.method = Some(m);
        msg.url = Some(u);
    }
    for l in lines {
        let t = trim::ws(l);
        if t.is_empty() {
            offset += l.len();
            break;
        }
        if t.starts_with('{') || t.starts_with('[') {
            break;
        }
        match t.split_once(':') {
            Some((k, v)) if !k.contains(' ') => msg
                .headers
                .push((trim::ws(k).to_string(), trim::ws(v).to_string())),
            _ => break,
        }
        offset += l.len();
    }
    let at = offset.min(text.len());
    let body_at = (!trim::ws(&text[at..]).is_empty()).then_some(at);
    Some((msg, body_at))
}

impl Message {
    /// The `Content-Type` header, lowercased, without parameters.
    ///
    /// ```
    /// use graphdoc_codegen::parse::http::message;
    ///
    /// let m = message("HTTP/1.1 200 OK\ncontent-type: Application/JSON; charset=utf-8\n").unwrap();
    /// assert_eq!(m.content_type().as_deref(), Some("application/json"));
    /// assert_eq!(message("GET /me\n").unwrap().content_type(), None);
    /// ```
    pub fn content_type(&self) -> Option<String> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
    }
}

/// The status code a Response section names: "returns a `200 OK` response code".
///
/// A number is a status when it stands alone and is 100 to 599. The first one that opens a code
/// span wins, then the first followed by a capitalised reason phrase (`204 No Content`), then the
/// first at all: "Returns up to 100 items" before the status must not be read as one.
///
/// ```
/// use graphdoc_codegen::parse::http::status_in_prose;
///
/// let prose = "If successful, this method returns a `204 No Content` response code.";
/// assert_eq!(status_in_prose(prose), Some(204));
/// assert_eq!(status_in_prose("Lists 2021 items, then `200 OK`."), Some(200));
/// assert_eq!(status_in_prose("Returns up to 100 items. If successful, returns `200 OK`."), Some(200));
/// assert_eq!(status_in_prose("Up to 100 items, with a 202 Accepted code."), Some(202));
/// assert_eq!(status_in_prose("returns a 201 code"), Some(201));
/// assert_eq!(status_in_prose("returns a 600 code"), None);
/// ```
pub fn status_in_prose(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    let (mut first, mut with_phrase) = (None, None);
    for i in 0..bytes.len().saturating_sub(2) {
        let w = &bytes[i..i + 3];
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 3).copied();
        if before.is_some_and(|b| b.is_ascii_alphanumeric())
            || after.is_some_and(|b| b.is_ascii_alphanumeric())
            || !w.iter().all(u8::is_ascii_digit)
            || !(b'1'..=b'5').contains(&w[0])
        {
            continue;
        }
        let code =
            u16::from(w[0] - b'0') * 100 + u16::from(w[1] - b'0') * 10 + u16::from(w[2] - b'0');
        if before == Some(b'`') {
            return Some(code);
        }
        let phrase = after == Some(b' ') && bytes.get(i + 4).is_some_and(u8::is_ascii_uppercase);
        if phrase && with_phrase.is_none() {
            with_phrase = Some(code);
        }
        first.get_or_insert(code);
    }
    with_phrase.or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_keep_spaces_in_braces() {
        let (t, bad) = templates(
            "PATCH /me/profile/skills/{id}\nPATCH /users/{id | userPrincipalName}/profile/skills/{id}\nnot a line\n",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(
            t[1].path,
            "/users/{id | userPrincipalName}/profile/skills/{id}"
        );
        assert_eq!(bad, vec![(2, "not a line".to_string())]);
    }

    #[test]
    fn messages_with_and_without_blank_line() {
        let m = message("PATCH https://graph.microsoft.com/beta/me/x\nContent-type: application/json\n\n{\"a\":1}\n").unwrap();
        assert_eq!(m.method.as_deref(), Some("PATCH"));
        assert_eq!(m.content_type().as_deref(), Some("application/json"));
        assert_eq!(m.body.as_ref().unwrap().1.trim(), "{\"a\":1}");
        let m =
            message("HTTP/1.1 200 OK\nContent-Type: application/json\n{\n \"a\": 1\n}\n").unwrap();
        assert_eq!(m.status, Some(200));
        let (off, body) = m.body.unwrap();
        assert!(body.starts_with('{'));
        assert_eq!(
            off,
            "HTTP/1.1 200 OK\nContent-Type: application/json\n".len()
        );
        let m = message("HTTP/1.1 204 No Content\n").unwrap();
        assert_eq!(m.status, Some(204));
        assert!(m.body.is_none());
        assert!(message("").is_none());
        assert!(message("HTTP/1.1").is_none());
    }

    #[test]
    fn status_from_prose() {
        assert_eq!(
            status_in_prose("If successful, this method returns a `200 OK` response code"),
            Some(200)
        );
        assert_eq!(status_in_prose("returns `201 Created`"), Some(201));
        assert_eq!(status_in_prose("no code in 2021 here"), None);
    }
}
