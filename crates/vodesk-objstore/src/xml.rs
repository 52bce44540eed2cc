//! Minimal XML writing and namespace-agnostic reading of request bodies.

use quick_xml::events::Event;

pub(crate) const S3_NS: &str = "http://s3.amazonaws.com/doc/2006-03-01/";

/// Builds a response document by hand: the shapes are small and fixed, and a string
/// builder avoids a serde detour for every listing.
pub(crate) struct XmlOut {
    buf: String,
}

impl XmlOut {
    /// Root element with the S3 namespace (clients ignore the namespace URI).
    pub fn new(root: &str) -> Self {
        let mut buf = String::with_capacity(1024);
        buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
        buf.push_str(root);
        buf.push_str(" xmlns=\"");
        buf.push_str(S3_NS);
        buf.push_str("\">");
        XmlOut { buf }
    }

    /// Root element without namespace (error documents are shown without one).
    pub fn new_plain(root: &str) -> Self {
        let mut buf = String::with_capacity(512);
        buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
        buf.push_str(root);
        buf.push('>');
        XmlOut { buf }
    }

    pub fn open(&mut self, name: &str) {
        self.buf.push('<');
        self.buf.push_str(name);
        self.buf.push('>');
    }

    pub fn close(&mut self, name: &str) {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    pub fn elem(&mut self, name: &str, text: &str) {
        self.open(name);
        self.buf.push_str(&quick_xml::escape::escape(text));
        self.close(name);
    }

    pub fn finish(mut self, root: &str) -> String {
        self.close(root);
        self.buf
    }
}

/// A parsed element tree, enough for `CompleteMultipartUpload` and `Delete` bodies.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub name: String,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// Parses by local element name and ignores namespaces (clients send with or without one).
pub(crate) fn parse(doc: &str) -> Option<Node> {
    let mut reader = quick_xml::Reader::from_str(doc);
    let mut stack: Vec<Node> = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                stack.push(Node {
                    name,
                    ..Default::default()
                });
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let node = Node {
                    name,
                    ..Default::default()
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Some(node),
                }
            }
            Event::End(_) => {
                let node = stack.pop()?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Some(node),
                }
            }
            Event::Text(t) => {
                let s = t.decode().ok()?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Event::CData(t) => {
                let s = t.decode().ok()?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            // quick-xml 0.38 reports entity references separately from the text around them.
            Event::GeneralRef(r) => {
                let resolved: Option<char> = if r.is_char_ref() {
                    r.resolve_char_ref().ok()?
                } else {
                    match r.decode().ok()?.as_ref() {
                        "quot" => Some('"'),
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "apos" => Some('\''),
                        _ => None,
                    }
                };
                let c = resolved?;
                if let Some(top) = stack.last_mut() {
                    top.text.push(c);
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}
