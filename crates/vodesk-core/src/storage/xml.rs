//! OBS/S3 XML documents (huawei-obs-api.md §3). Parsed by local element name, so the
//! deployment-specific default namespace (§3.11) and any prefix are irrelevant; unknown elements
//! are ignored and optional ones become `None`. Anything that is not well-formed XML, or is
//! missing what the document is for, is a `MalformedResponse` error — never a panic.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use quick_xml::escape::{partial_escape, resolve_predefined_entity};
use quick_xml::events::Event;

use crate::provider::error::{ApiError, ErrorKind};

/// Guards the explicit stack below against hostile nesting; real documents are 4 levels deep.
const MAX_DEPTH: usize = 64;

/// One element: local name, concatenated text content, child elements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XmlElement {
    pub name: String,
    pub text: String,
    pub children: Vec<XmlElement>,
}

impl XmlElement {
    pub fn child(&self, name: &str) -> Option<&XmlElement> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a XmlElement> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Text of a child exactly as sent (keys may legitimately start or end with spaces).
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// Trimmed text of a child; empty counts as absent (`<NextMarker/>`).
    pub fn trimmed(&self, name: &str) -> Option<&str> {
        self.raw(name).map(str::trim).filter(|s| !s.is_empty())
    }
}

fn malformed(what: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::MalformedResponse, what.into())
}

/// Parses a whole document into its root element.
pub fn parse_element(bytes: &[u8]) -> Result<XmlElement, ApiError> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut stack: Vec<XmlElement> = Vec::new();
    let mut root: Option<XmlElement> = None;
    let bad = |e: &dyn std::fmt::Display| malformed(format!("invalid XML: {e}"));
    loop {
        let event = reader.read_event().map_err(|e| bad(&e))?;
        match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err(malformed("invalid XML: more than one root element"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(malformed("invalid XML: nested too deeply"));
                }
                stack.push(XmlElement {
                    name: local_name(start.local_name().as_ref())?,
                    ..XmlElement::default()
                });
            }
            Event::Empty(empty) => {
                let el = XmlElement {
                    name: local_name(empty.local_name().as_ref())?,
                    ..XmlElement::default()
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None if root.is_none() => root = Some(el),
                    None => return Err(malformed("invalid XML: more than one root element")),
                }
            }
            Event::End(_) => {
                // quick-xml already checked that the end tag matches the open one.
                let Some(done) = stack.pop() else {
                    return Err(malformed("invalid XML: unexpected end tag"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => {
                let text = t.xml10_content().map_err(|e| bad(&e))?;
                push_text(&mut stack, &text)?;
            }
            Event::CData(c) => {
                let text = c.xml10_content().map_err(|e| bad(&e))?;
                push_text(&mut stack, &text)?;
            }
            Event::GeneralRef(r) => {
                let resolved: Cow<'_, str> = match r.resolve_char_ref().map_err(|e| bad(&e))? {
                    Some(ch) => Cow::Owned(ch.to_string()),
                    None => {
                        let name = r.decode().map_err(|e| bad(&e))?;
                        match resolve_predefined_entity(&name) {
                            Some(s) => Cow::Borrowed(s),
                            None => {
                                return Err(malformed(format!(
                                    "invalid XML: unknown entity &{name};"
                                )));
                            }
                        }
                    }
                };
                push_text(&mut stack, &resolved)?;
            }
            Event::Eof => {
                if !stack.is_empty() {
                    return Err(malformed("invalid XML: the document is truncated"));
                }
                return root.ok_or_else(|| malformed("empty reply where XML was expected"));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
}

fn local_name(raw: &[u8]) -> Result<String, ApiError> {
    std::str::from_utf8(raw)
        .map(str::to_string)
        .map_err(|_| malformed("invalid XML: element name is not UTF-8"))
}

fn push_text(stack: &mut [XmlElement], text: &str) -> Result<(), ApiError> {
    match stack.last_mut() {
        Some(el) => {
            el.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(malformed("not an XML document")),
    }
}

/// A document type that can be read from a reply.
pub trait FromXml: Sized {
    /// Expected local name of the root element.
    const ROOT: &'static str;
    fn from_element(root: &XmlElement) -> Result<Self, ApiError>;
}

/// Parses `bytes` as `T`. An `<Error>` root (S3 servers may send one with status 200, e.g. for
/// CompleteMultipartUpload) is returned as the mapped `ApiError` rather than "malformed".
pub fn parse<T: FromXml>(bytes: &[u8]) -> Result<T, ApiError> {
    let root = parse_element(bytes)?;
    if root.name == T::ROOT {
        return T::from_element(&root);
    }
    if root.name == "Error" {
        let doc = ErrorResponse::from_element(&root)?;
        return Err(super::errors::error_from_document(None, &doc, None, None));
    }
    Err(malformed(format!(
        "expected <{}>, got <{}>",
        T::ROOT,
        root.name
    )))
}

/// `"abc"` / `&quot;abc&quot;` / `abc` → `abc`, so ETags compare equal whatever the server sent.
pub fn normalize_etag(raw: &str) -> String {
    let t = raw.trim();
    let t = t.strip_prefix('"').unwrap_or(t);
    let t = t.strip_suffix('"').unwrap_or(t);
    t.trim().to_string()
}

fn parse_u64(el: &XmlElement, name: &str) -> Result<Option<u64>, ApiError> {
    el.trimmed(name)
        .map(|s| {
            s.parse::<u64>()
                .map_err(|_| malformed(format!("<{name}> is not a number: \"{s}\"")))
        })
        .transpose()
}

fn parse_u32(el: &XmlElement, name: &str) -> Result<Option<u32>, ApiError> {
    el.trimmed(name)
        .map(|s| {
            s.parse::<u32>()
                .map_err(|_| malformed(format!("<{name}> is not a number: \"{s}\"")))
        })
        .transpose()
}

fn parse_bool(el: &XmlElement, name: &str) -> Result<bool, ApiError> {
    match el.trimmed(name) {
        None => Ok(false),
        Some(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Some(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        Some(s) => Err(malformed(format!("<{name}> is not true/false: \"{s}\""))),
    }
}

/// ISO 8601 timestamps; an unreadable one is dropped rather than failing the whole listing.
fn parse_time(el: &XmlElement, name: &str) -> Option<DateTime<Utc>> {
    el.trimmed(name)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

fn opt_string(el: &XmlElement, name: &str) -> Option<String> {
    el.trimmed(name).map(str::to_string)
}

fn required(el: &XmlElement, name: &str) -> Result<String, ApiError> {
    opt_string(el, name).ok_or_else(|| malformed(format!("<{}> has no <{name}>", el.name)))
}

// ---------------------------------------------------------------------------------------------

/// One bucket of `ListAllMyBucketsResult`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BucketInfo {
    pub name: String,
    pub creation_date: Option<DateTime<Utc>>,
    /// Region id; absent in S3 mode and when `x-obs-location` was not sent.
    pub location: Option<String>,
    /// `OBJECT` or `POSIX`.
    pub bucket_type: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListAllMyBucketsResult {
    pub owner_id: Option<String>,
    pub buckets: Vec<BucketInfo>,
}

impl FromXml for ListAllMyBucketsResult {
    const ROOT: &'static str = "ListAllMyBucketsResult";
    fn from_element(root: &XmlElement) -> Result<Self, ApiError> {
        let buckets = root
            .child("Buckets")
            .map(|b| {
                b.children_named("Bucket")
                    .map(|b| {
                        Ok(BucketInfo {
                            name: required(b, "Name")?,
                            creation_date: parse_time(b, "CreationDate"),
                            location: opt_string(b, "Location"),
                            bucket_type: opt_string(b, "BucketType"),
                        })
                    })
                    .collect::<Result<Vec<_>, ApiError>>()
            })
            .transpose()?
            .unwrap_or_default();
        Ok(ListAllMyBucketsResult {
            owner_id: root.child("Owner").and_then(|o| opt_string(o, "ID")),
            buckets,
        })
    }
}

/// One `Contents` entry of a listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectSummary {
    pub key: String,
    pub size: u64,
    /// Without quotes.
    pub etag: Option<String>,
    pub last_modified: Option<DateTime<Utc>>,
    /// `STANDARD`, `WARM`, `COLD`, … (S3 mode: `STANDARD_IA`, `GLACIER`, …).
    pub storage_class: Option<String>,
    /// `Appendable` for appendable objects; absent for normal ones.
    pub object_type: Option<String>,
    pub owner_id: Option<String>,
}

/// `ListBucketResult` of ListObjects v1, also carrying the v2 (`list-type=2`) fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListBucketResult {
    pub name: Option<String>,
    pub prefix: Option<String>,
    pub marker: Option<String>,
    pub next_marker: Option<String>,
    pub delimiter: Option<String>,
    pub max_keys: Option<u32>,
    pub is_truncated: bool,
    pub encoding_type: Option<String>,
    pub contents: Vec<ObjectSummary>,
    /// Full prefixes including the delimiter (`Photos 2024/b/`).
    pub common_prefixes: Vec<String>,
    pub start_after: Option<String>,
    pub continuation_token: Option<String>,
    pub next_continuation_token: Option<String>,
    pub key_count: Option<u32>,
}

impl ListBucketResult {
    /// The `marker` for the next page (§5.3): `NextMarker`, else the greatest of the last key and
    /// the last common prefix; `None` when the listing is complete.
    pub fn resume_marker(&self) -> Option<String> {
        if !self.is_truncated {
            return None;
        }
        if let Some(m) = self.next_marker.as_ref().filter(|m| !m.is_empty()) {
            return Some(m.clone());
        }
        let last_key = self.contents.last().map(|o| o.key.as_str());
        let last_prefix = self.common_prefixes.last().map(String::as_str);
        last_key.max(last_prefix).map(str::to_string)
    }
}

/// `encoding-type=url` replies carry keys URL-encoded with `+` for space (the SDK uses
/// `unquote_plus`).
fn url_decode_plus(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

impl FromXml for ListBucketResult {
    const ROOT: &'static str = "ListBucketResult";
    fn from_element(root: &XmlElement) -> Result<Self, ApiError> {
        let encoding_type = opt_string(root, "EncodingType");
        let url_encoded = encoding_type
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case("url"));
        let dec = |s: &str| {
            if url_encoded {
                url_decode_plus(s)
            } else {
                s.to_string()
            }
        };
        // Keys and prefixes are kept untrimmed: leading/trailing spaces are part of a key.
        let raw_opt = |name: &str| root.raw(name).filter(|s| !s.is_empty()).map(dec);

        let contents = root
            .children_named("Contents")
            .map(|c| {
                let key = c
                    .raw("Key")
                    .filter(|k| !k.is_empty())
                    .ok_or_else(|| malformed("<Contents> has no <Key>"))?;
                Ok(ObjectSummary {
                    key: dec(key),
                    size: parse_u64(c, "Size")?.unwrap_or(0),
                    etag: c.trimmed("ETag").map(normalize_etag),
                    last_modified: parse_time(c, "LastModified"),
                    storage_class: opt_string(c, "StorageClass"),
                    object_type: opt_string(c, "Type"),
                    owner_id: c.child("Owner").and_then(|o| opt_string(o, "ID")),
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        let common_prefixes = root
            .children_named("CommonPrefixes")
            .flat_map(|cp| cp.children_named("Prefix"))
            .filter(|p| !p.text.is_empty())
            .map(|p| dec(&p.text))
            .collect();
        Ok(ListBucketResult {
            name: opt_string(root, "Name"),
            prefix: raw_opt("Prefix"),
            marker: raw_opt("Marker"),
            next_marker: raw_opt("NextMarker"),
            delimiter: raw_opt("Delimiter"),
            max_keys: parse_u32(root, "MaxKeys")?,
            is_truncated: parse_bool(root, "IsTruncated")?,
            encoding_type,
            contents,
            common_prefixes,
            start_after: raw_opt("StartAfter"),
            continuation_token: opt_string(root, "ContinuationToken"),
            next_continuation_token: opt_string(root, "NextContinuationToken"),
            key_count: parse_u32(root, "KeyCount")?,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InitiateMultipartUploadResult {
    pub bucket: Option<String>,
    pub key: Option<String>,
    pub upload_id: String,
}

impl FromXml for InitiateMultipartUploadResult {
    const ROOT: &'static str = "InitiateMultipartUploadResult";
    fn from_element(root: &XmlElement) -> Result<Self, ApiError> {
        Ok(InitiateMultipartUploadResult {
            bucket: opt_string(root, "Bucket"),
            key: root
                .raw("Key")
                .filter(|k| !k.is_empty())
                .map(str::to_string),
            upload_id: required(root, "UploadId")?,
        })
    }
}

/// One uploaded part of `ListPartsResult`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartInfo {
    pub part_number: u32,
    /// Without quotes.
    pub etag: Option<String>,
    pub size: Option<u64>,
    pub last_modified: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPartsResult {
    pub bucket: Option<String>,
    pub key: Option<String>,
    pub upload_id: Option<String>,
    pub part_number_marker: Option<u32>,
    pub next_part_number_marker: Option<u32>,
    pub max_parts: Option<u32>,
    pub is_truncated: bool,
    pub storage_class: Option<String>,
    pub parts: Vec<PartInfo>,
}

impl FromXml for ListPartsResult {
    const ROOT: &'static str = "ListPartsResult";
    fn from_element(root: &XmlElement) -> Result<Self, ApiError> {
        let parts = root
            .children_named("Part")
            .map(|p| {
                Ok(PartInfo {
                    part_number: parse_u32(p, "PartNumber")?
                        .ok_or_else(|| malformed("<Part> has no <PartNumber>"))?,
                    etag: p.trimmed("ETag").map(normalize_etag),
                    size: parse_u64(p, "Size")?,
                    last_modified: parse_time(p, "LastModified"),
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        Ok(ListPartsResult {
            bucket: opt_string(root, "Bucket"),
            key: root
                .raw("Key")
                .filter(|k| !k.is_empty())
                .map(str::to_string),
            upload_id: opt_string(root, "UploadId"),
            part_number_marker: parse_u32(root, "PartNumberMarker")?,
            next_part_number_marker: parse_u32(root, "NextPartNumberMarker")?,
            max_parts: parse_u32(root, "MaxParts")?,
            is_truncated: parse_bool(root, "IsTruncated")?,
            storage_class: opt_string(root, "StorageClass"),
            parts,
        })
    }
}

/// One `Upload` of `ListMultipartUploadsResult`: begun, neither completed nor aborted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadSummary {
    pub key: String,
    pub upload_id: String,
    pub initiated: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListMultipartUploadsResult {
    pub uploads: Vec<UploadSummary>,
    pub is_truncated: bool,
    pub next_key_marker: Option<String>,
    pub next_upload_id_marker: Option<String>,
}

impl FromXml for ListMultipartUploadsResult {
    const ROOT: &'static str = "ListMultipartUploadsResult";
    fn from_element(root: &XmlElement) -> Result<Self, ApiError> {
        let url_encoded =
            opt_string(root, "EncodingType").is_some_and(|e| e.eq_ignore_ascii_case("url"));
        let dec = |s: &str| {
            if url_encoded {
                url_decode_plus(s)
            } else {
                s.to_string()
            }
        };
        let uploads = root
            .children_named("Upload")
            .map(|u| {
                let key = u
                    .raw("Key")
                    .filter(|k| !k.is_empty())
                    .ok_or_else(|| malformed("<Upload> has no <Key>"))?;
                Ok(UploadSummary {
                    key: dec(key),
                    upload_id: required(u, "UploadId")?,
                    initiated: parse_time(u, "Initiated"),
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        Ok(ListMultipartUploadsResult {
            uploads,
            is_truncated: parse_bool(root, "IsTruncated")?,
            next_key_marker: root.raw("NextKeyMarker").filter(|s| !s.is_empty()).map(dec),
            next_upload_id_marker: opt_string(root, "NextUploadIdMarker"),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompleteMultipartUploadResult {
    pub location: Option<String>,
    pub bucket: Option<String>,
    pub key: Option<String>,
    /// Without quotes (`<hex>-<part count>`).
    pub etag: Option<String>,
}

impl FromXml for CompleteMultipartUploadResult {
    const ROOT: &'static str = "CompleteMultipartUploadResult";
    fn from_element(root: &XmlElement) -> Result<Self, ApiError> {
        Ok(CompleteMultipartUploadResult {
            location: opt_string(root, "Location"),
            bucket: opt_string(root, "Bucket"),
            key: root
                .raw("Key")
                .filter(|k| !k.is_empty())
                .map(str::to_string),
            etag: root.trimmed("ETag").map(normalize_etag),
        })
    }
}

/// The `<Error>` document (§3.12).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorResponse {
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    pub host_id: Option<String>,
    pub resource: Option<String>,
}

impl FromXml for ErrorResponse {
    const ROOT: &'static str = "Error";
    fn from_element(root: &XmlElement) -> Result<Self, ApiError> {
        Ok(ErrorResponse {
            code: opt_string(root, "Code"),
            message: opt_string(root, "Message"),
            request_id: opt_string(root, "RequestId"),
            host_id: opt_string(root, "HostId"),
            resource: opt_string(root, "Resource"),
        })
    }
}

/// `CompleteMultipartUpload` body: parts in ascending order (the server rejects any other with
/// `InvalidPartOrder`), ETags quoted like the SDK sends them, no XML declaration (vector V6).
pub fn complete_multipart_upload_body<S: AsRef<str>>(parts: &[(u32, S)]) -> String {
    let mut sorted: Vec<(u32, &str)> = parts.iter().map(|(n, e)| (*n, e.as_ref())).collect();
    sorted.sort_by_key(|p| p.0);
    let mut out = String::from("<CompleteMultipartUpload>");
    for (n, etag) in sorted {
        out.push_str("<Part><PartNumber>");
        out.push_str(&n.to_string());
        out.push_str("</PartNumber><ETag>\"");
        out.push_str(&partial_escape(normalize_etag(etag)));
        out.push_str("\"</ETag></Part>");
    }
    out.push_str("</CompleteMultipartUpload>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST_BUCKETS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ListAllMyBucketsResult xmlns="http://obs.cn-north-4.myhuaweicloud.com/doc/2015-06-30/">
  <Owner><ID>783fc6652cf246c096ea836694f71855</ID></Owner>
  <Buckets>
    <Bucket>
      <Name>examplebucket01</Name>
      <CreationDate>2018-06-21T09:15:01.032Z</CreationDate>
      <Location>cn-north-4</Location>
      <BucketType>OBJECT</BucketType>
    </Bucket>
    <Bucket>
      <Name>s3mode</Name>
      <CreationDate>not a date</CreationDate>
      <Unknown><Deep>x</Deep></Unknown>
    </Bucket>
  </Buckets>
</ListAllMyBucketsResult>"#;

    const LIST_OBJECTS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ListBucketResult xmlns="http://obs.example.com/doc/2015-06-30/">
  <Name>examplebucket</Name>
  <Prefix>photos/2006/</Prefix>
  <Marker></Marker>
  <MaxKeys>1000</MaxKeys>
  <Delimiter>/</Delimiter>
  <IsTruncated>false</IsTruncated>
  <Contents>
    <Key>photos/2006/index.html</Key>
    <LastModified>2015-07-01T02:11:19.775Z</LastModified>
    <ETag>"a72e382246ac83e86bd203389849e71d"</ETag>
    <Size>9</Size>
    <Owner><ID>b4bf1b36d9ca43d984fbcb9491b6fce9</ID></Owner>
    <StorageClass>STANDARD</StorageClass>
    <Type>Appendable</Type>
  </Contents>
  <Contents>
    <Key> spaced &amp; &#x65C5; </Key>
    <ETag>&quot;abc&quot;</ETag>
    <Size>0</Size>
  </Contents>
  <CommonPrefixes><Prefix>photos/2006/January/</Prefix></CommonPrefixes>
</ListBucketResult>"#;

    #[test]
    fn list_all_my_buckets() {
        let r: ListAllMyBucketsResult = parse(LIST_BUCKETS.as_bytes()).expect("parses");
        assert_eq!(
            r.owner_id.as_deref(),
            Some("783fc6652cf246c096ea836694f71855")
        );
        assert_eq!(r.buckets.len(), 2);
        assert_eq!(r.buckets[0].name, "examplebucket01");
        assert_eq!(r.buckets[0].location.as_deref(), Some("cn-north-4"));
        assert_eq!(r.buckets[0].bucket_type.as_deref(), Some("OBJECT"));
        assert_eq!(
            r.buckets[0].creation_date.map(|d| d.timestamp_millis()),
            Some(1_529_572_501_032)
        );
        assert_eq!(r.buckets[1].creation_date, None);
        assert_eq!(r.buckets[1].location, None);
    }

    #[test]
    fn list_bucket_result_v1() {
        let r: ListBucketResult = parse(LIST_OBJECTS.as_bytes()).expect("parses");
        assert_eq!(r.name.as_deref(), Some("examplebucket"));
        assert_eq!(r.prefix.as_deref(), Some("photos/2006/"));
        assert_eq!(r.marker, None);
        assert_eq!(r.delimiter.as_deref(), Some("/"));
        assert_eq!(r.max_keys, Some(1000));
        assert!(!r.is_truncated);
        assert_eq!(r.contents.len(), 2);
        let o = &r.contents[0];
        assert_eq!(o.key, "photos/2006/index.html");
        assert_eq!(o.size, 9);
        assert_eq!(o.etag.as_deref(), Some("a72e382246ac83e86bd203389849e71d"));
        assert_eq!(o.storage_class.as_deref(), Some("STANDARD"));
        assert_eq!(o.object_type.as_deref(), Some("Appendable"));
        assert_eq!(
            o.owner_id.as_deref(),
            Some("b4bf1b36d9ca43d984fbcb9491b6fce9")
        );
        assert!(o.last_modified.is_some());
        assert_eq!(r.contents[1].key, " spaced & 旅 ");
        assert_eq!(r.contents[1].etag.as_deref(), Some("abc"));
        assert_eq!(r.contents[1].last_modified, None);
        assert_eq!(r.common_prefixes, vec!["photos/2006/January/".to_string()]);
        assert_eq!(r.resume_marker(), None);
    }

    #[test]
    fn list_bucket_result_v2_and_url_encoding() {
        let xml = r#"<ns:ListBucketResult xmlns:ns="http://s3.amazonaws.com/doc/2006-03-01/">
            <ns:Name>b</ns:Name><ns:KeyCount>2</ns:KeyCount><ns:MaxKeys>2</ns:MaxKeys>
            <ns:EncodingType>url</ns:EncodingType><ns:IsTruncated>TRUE</ns:IsTruncated>
            <ns:ContinuationToken>t1</ns:ContinuationToken>
            <ns:NextContinuationToken>t2</ns:NextContinuationToken>
            <ns:StartAfter>a%2Bb</ns:StartAfter>
            <ns:Contents><ns:Key>Photos+2024%2F%E6%97%85.jpg</ns:Key><ns:Size>5</ns:Size>
              <ns:ETag>0cc175b9c0f1b6a831c399e269772661</ns:ETag></ns:Contents>
            <ns:CommonPrefixes><ns:Prefix>z+dir/</ns:Prefix></ns:CommonPrefixes>
        </ns:ListBucketResult>"#;
        let r: ListBucketResult = parse(xml.as_bytes()).expect("parses");
        assert_eq!(r.key_count, Some(2));
        assert!(r.is_truncated);
        assert_eq!(r.next_continuation_token.as_deref(), Some("t2"));
        assert_eq!(r.continuation_token.as_deref(), Some("t1"));
        assert_eq!(r.start_after.as_deref(), Some("a+b"));
        assert_eq!(r.contents[0].key, "Photos 2024/旅.jpg");
        assert_eq!(
            r.contents[0].etag.as_deref(),
            Some("0cc175b9c0f1b6a831c399e269772661")
        );
        assert_eq!(r.common_prefixes, vec!["z dir/".to_string()]);
        // No NextMarker: fall back to the greatest of last key / last prefix (§5.3).
        assert_eq!(r.resume_marker().as_deref(), Some("z dir/"));
    }

    #[test]
    fn resume_marker_prefers_next_marker() {
        let r = ListBucketResult {
            is_truncated: true,
            next_marker: Some("b/".into()),
            common_prefixes: vec!["a/".into(), "b/".into()],
            ..Default::default()
        };
        assert_eq!(r.resume_marker().as_deref(), Some("b/"));
        let r = ListBucketResult {
            is_truncated: true,
            ..Default::default()
        };
        assert_eq!(r.resume_marker(), None);
    }

    #[test]
    fn multipart_documents() {
        let init = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<InitiateMultipartUploadResult xmlns="http://obs.example.com/doc/2015-06-30/">
  <Bucket>bucketname</Bucket><Key>objectkey</Key>
  <UploadId>00000163D40171ED8DF4050919BD02B8</UploadId>
</InitiateMultipartUploadResult>"#;
        let r: InitiateMultipartUploadResult = parse(init.as_bytes()).expect("parses");
        assert_eq!(r.upload_id, "00000163D40171ED8DF4050919BD02B8");
        assert_eq!(r.key.as_deref(), Some("objectkey"));

        let parts = r#"<ListPartsResult xmlns="http://obs.example.com/doc/2015-06-30/">
  <Bucket>b</Bucket><Key>k</Key><UploadId>u</UploadId>
  <Initiator><ID>domainID/d:userID/u</ID></Initiator>
  <StorageClass>STANDARD</StorageClass>
  <PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>2</NextPartNumberMarker>
  <MaxParts>2</MaxParts><IsTruncated>true</IsTruncated>
  <Part><PartNumber>1</PartNumber><LastModified>2018-06-06T07:39:32.522Z</LastModified>
    <ETag>"b026324c6904b2a9cb4b88d6d61c81d1"</ETag><Size>280709</Size></Part>
  <Part><PartNumber>2</PartNumber><ETag>26ab0db90d72e28ad0ba1e22ee510510</ETag></Part>
</ListPartsResult>"#;
        let r: ListPartsResult = parse(parts.as_bytes()).expect("parses");
        assert!(r.is_truncated);
        assert_eq!(r.next_part_number_marker, Some(2));
        assert_eq!(r.parts.len(), 2);
        assert_eq!(
            r.parts[0].etag.as_deref(),
            Some("b026324c6904b2a9cb4b88d6d61c81d1")
        );
        assert_eq!(r.parts[0].size, Some(280709));
        assert_eq!(r.parts[1].size, None);

        let done = r#"<CompleteMultipartUploadResult xmlns="http://obs.example.com/doc/2015-06-30/">
  <Location>http://b.obs.example.com/k</Location><Bucket>b</Bucket><Key>k</Key>
  <ETag>"03f814825e5a691489b947a2e120b2d3-3"</ETag></CompleteMultipartUploadResult>"#;
        let r: CompleteMultipartUploadResult = parse(done.as_bytes()).expect("parses");
        assert_eq!(
            r.etag.as_deref(),
            Some("03f814825e5a691489b947a2e120b2d3-3")
        );
    }

    #[test]
    fn error_document_and_error_root_in_success_reply() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchKey</Code>
  <Message>The resource you requested does not exist</Message>
  <Resource>/example-bucket/object</Resource>
  <RequestId>001B21A61C6C0000013402C4616D5285</RequestId>
  <HostId>RkRCRDJENDc5MzdGQkQ4OUY3MTI4NTQ3NDk2Mjg0M0FBQUFBQUFBYmJiYmJiYmJD</HostId>
  <Key>object</Key>
</Error>"#;
        let e: ErrorResponse = parse(xml.as_bytes()).expect("parses");
        assert_eq!(e.code.as_deref(), Some("NoSuchKey"));
        assert_eq!(
            e.request_id.as_deref(),
            Some("001B21A61C6C0000013402C4616D5285")
        );
        assert_eq!(e.resource.as_deref(), Some("/example-bucket/object"));
        let err = parse::<CompleteMultipartUploadResult>(xml.as_bytes()).expect_err("error");
        assert_eq!(err.kind, ErrorKind::NotFound);
        assert_eq!(err.code.as_deref(), Some("NoSuchKey"));
    }

    #[test]
    fn complete_body_matches_sdk() {
        let body = complete_multipart_upload_body(&[
            (2, "92eb5ffee6ae2fec3ad71c777531578f"),
            (1, "\"0cc175b9c0f1b6a831c399e269772661\""),
        ]);
        // Vector V6 body, byte for byte.
        assert_eq!(
            body,
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"0cc175b9c0f1b6a831c399e269772661\"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>\"92eb5ffee6ae2fec3ad71c777531578f\"</ETag></Part></CompleteMultipartUpload>"
        );
        assert_eq!(body.len(), 223);
        let root = parse_element(body.as_bytes()).expect("well-formed");
        assert_eq!(root.children_named("Part").count(), 2);
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        let cases: &[&[u8]] = &[
            b"",
            b"   ",
            b"garbage",
            b"<<<>>>",
            b"<ListBucketResult><Name>b</Na",
            b"<ListBucketResult><Name>b</Name>",
            b"<ListBucketResult><Name>b</Wrong></ListBucketResult>",
            b"<a/><b/>",
            b"<ListBucketResult>&bogus;</ListBucketResult>",
            b"<ListBucketResult><Contents><Key>k</Key><Size>-1</Size></Contents></ListBucketResult>",
            b"<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>",
            b"<ListBucketResult><IsTruncated>maybe</IsTruncated></ListBucketResult>",
            b"<ListBucketResult><MaxKeys>99999999999</MaxKeys></ListBucketResult>",
            b"<html><body>502 Bad Gateway</body></html>",
            b"\xff\xfe<\x00a\x00>",
            b"<ListBucketResult>&#0;</ListBucketResult>",
        ];
        for c in cases {
            let e = parse::<ListBucketResult>(c).expect_err(&String::from_utf8_lossy(c));
            assert_eq!(e.kind, ErrorKind::MalformedResponse, "{c:?}");
        }
        let deep = "<a>".repeat(1000);
        assert!(parse_element(deep.as_bytes()).is_err());
        assert!(
            parse::<InitiateMultipartUploadResult>(b"<InitiateMultipartUploadResult/>").is_err()
        );
    }
}
