//! `ObsClient`: signed calls for the bucket browser (list, head, get, put, delete, create bucket)
//! and unsigned calls to pre-signed URLs handed out by a VOD service.

use std::fmt;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use chrono::{DateTime, Duration, Utc};
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use reqwest::header::HeaderMap;
use reqwest::{Method, Response};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWrite, AsyncWriteExt};

use crate::provider::error::{ApiError, ErrorKind};
use crate::provider::http::{HttpOptions, build_client, transport_error};

use super::addressing::{Addressing, Endpoint};
use super::errors::error_from_response;
use super::header_signer::{self, sign_call};
use super::send;
use super::sign::{self, Credentials, PresignInput, SignatureFlavor};
use super::signer::SignedRequest;
use super::xml::{self, BucketInfo, FromXml, ListBucketResult, ObjectSummary, normalize_etag};

mod unfinished;
pub use unfinished::UnfinishedUpload;

/// Largest single PUT OBS accepts (§4); bigger files need multipart.
pub const MAX_SINGLE_PUT: u64 = 5 * 1024 * 1024 * 1024;
/// Cap on XML replies we buffer; a 1000-key listing is well under 1 MiB.
const MAX_XML_REPLY: usize = 32 * 1024 * 1024;
/// Cap on error bodies we buffer; they are a few hundred bytes.
const MAX_ERROR_REPLY: usize = 64 * 1024;
const FILE_CHUNK: usize = 1024 * 1024;

/// Settings for [`ObsClient::new`].
#[derive(Clone, Debug)]
pub struct ObsConfig {
    /// `https://obs.cn-north-4.myhuaweicloud.com` or `http://127.0.0.1:9000`.
    pub endpoint: String,
    /// `None` = path-style for IP/localhost endpoints, virtual-hosted otherwise.
    pub addressing: Option<Addressing>,
    pub credentials: Credentials,
    pub signature: SignatureFlavor,
    /// Added to the local clock for the `Date` header (server time − local time), so a user
    /// whose clock is off can still work after we measured the skew.
    pub clock_offset_secs: i64,
    pub http: HttpOptions,
}

impl ObsConfig {
    pub fn new(endpoint: impl Into<String>, credentials: Credentials) -> Self {
        ObsConfig {
            endpoint: endpoint.into(),
            addressing: None,
            credentials,
            signature: SignatureFlavor::Obs,
            clock_offset_secs: 0,
            http: HttpOptions::default(),
        }
    }
}

/// Parameters of one ListObjects (v1) call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListObjectsQuery {
    pub prefix: Option<String>,
    pub delimiter: Option<String>,
    /// Exclusive start key (a previous page's `next_marker`).
    pub marker: Option<String>,
    /// 1–1000; the server caps larger values.
    pub max_keys: Option<u32>,
}

/// One page of a listing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectListPage {
    pub objects: Vec<ObjectSummary>,
    /// Full prefixes including the delimiter ("sub-folders").
    pub common_prefixes: Vec<String>,
    pub is_truncated: bool,
    /// Marker for the next page when truncated: `NextMarker`, else the last key/prefix (§5.3).
    pub next_marker: Option<String>,
}

/// What HEAD (and the headers of GET) say about an object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectMeta {
    /// Length of the (possibly ranged) body.
    pub content_length: Option<u64>,
    pub content_type: Option<String>,
    /// Without quotes.
    pub etag: Option<String>,
    pub last_modified: Option<DateTime<Utc>>,
    /// Absent for Standard objects (OBS only reports the others).
    pub storage_class: Option<String>,
    pub version_id: Option<String>,
    /// `x-obs-meta-*` / `x-amz-meta-*` headers with the prefix removed, names lower-case.
    pub metadata: Vec<(String, String)>,
}

/// A streaming GET.
pub struct ObjectDownload {
    pub meta: ObjectMeta,
    pub body: BoxStream<'static, Result<Bytes, ApiError>>,
}

impl fmt::Debug for ObjectDownload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObjectDownload")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

/// Result of a PUT.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PutObjectOutput {
    /// Without quotes.
    pub etag: Option<String>,
    pub version_id: Option<String>,
}

/// A transfer failed either at the service or on the local disk.
#[derive(Debug)]
pub enum TransferError {
    Api(ApiError),
    Io {
        path: Option<PathBuf>,
        error: std::io::Error,
    },
}

impl From<ApiError> for TransferError {
    fn from(e: ApiError) -> Self {
        TransferError::Api(e)
    }
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransferError::Api(e) => e.fmt(f),
            TransferError::Io {
                path: Some(p),
                error,
            } => write!(f, "{}: {error}", p.display()),
            TransferError::Io { path: None, error } => write!(f, "local I/O failed: {error}"),
        }
    }
}

impl std::error::Error for TransferError {}

fn io_err(path: Option<&Path>) -> impl FnOnce(std::io::Error) -> TransferError + '_ {
    move |error| TransferError::Io {
        path: path.map(Path::to_path_buf),
        error,
    }
}

/// Body of a pre-signed PUT: bytes in memory, or a byte range of a file, streamed.
#[derive(Clone, Debug)]
pub enum PutBody {
    Bytes(Bytes),
    FileRange {
        path: PathBuf,
        offset: u64,
        len: u64,
    },
}

impl PutBody {
    pub(super) fn len(&self) -> u64 {
        match self {
            PutBody::Bytes(b) => b.len() as u64,
            PutBody::FileRange { len, .. } => *len,
        }
    }

    /// The body as a stream of chunks (a file range is read lazily, 1 MiB at a time).
    pub(super) async fn into_stream(
        self,
    ) -> Result<BoxStream<'static, std::io::Result<Bytes>>, TransferError> {
        match self {
            PutBody::Bytes(b) => Ok(futures_util::stream::once(async move { Ok(b) }).boxed()),
            PutBody::FileRange { path, offset, len } => {
                let mut file = tokio::fs::File::open(&path)
                    .await
                    .map_err(io_err(Some(&path)))?;
                file.seek(std::io::SeekFrom::Start(offset))
                    .await
                    .map_err(io_err(Some(&path)))?;
                Ok(tokio_util::io::ReaderStream::with_capacity(file.take(len), FILE_CHUNK).boxed())
            }
        }
    }
}

/// What [`ObsClient::presign_url`] signs.
#[derive(Clone, Debug, Default)]
pub struct PresignSpec<'a> {
    /// `GET`, `PUT`, `POST`, `DELETE`, `HEAD`.
    pub method: &'a str,
    pub bucket: &'a str,
    /// `None` for a bucket-level URL (listing, `?uploads` listing).
    pub key: Option<&'a str>,
    /// Extra query parameters, decoded (`("uploadId", Some(id))`, `("uploads", None)`).
    pub query: &'a [(&'a str, Option<&'a str>)],
    pub content_type: Option<&'a str>,
    pub content_md5: Option<&'a str>,
    pub expires_in_secs: u64,
}

/// One call of the browser before it is signed.
struct Call<'a> {
    method: Method,
    bucket: Option<&'a str>,
    key: Option<&'a str>,
    query: Vec<(String, Option<String>)>,
    /// Headers that take part in the signature (Content-Type, Content-MD5, x-obs-*), plus any
    /// other header to send.
    headers: Vec<(String, String)>,
    body: Option<reqwest::Body>,
}

impl<'a> Call<'a> {
    fn new(method: Method, bucket: Option<&'a str>, key: Option<&'a str>) -> Self {
        Call {
            method,
            bucket,
            key,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    fn query(mut self, name: &str, value: Option<&str>) -> Self {
        self.query
            .push((name.to_string(), value.map(str::to_string)));
        self
    }

    fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }
}

/// Client for one OBS / S3-compatible endpoint and one set of credentials.
#[derive(Clone, Debug)]
pub struct ObsClient {
    endpoint: Endpoint,
    credentials: Credentials,
    flavor: SignatureFlavor,
    clock_offset_secs: i64,
    http: reqwest::Client,
}

impl ObsClient {
    pub fn new(config: ObsConfig) -> Result<Self, ApiError> {
        let http = build_client(&config.http)?;
        Self::with_http_client(config, http)
    }

    /// Shares an existing connection pool (e.g. the VOD client's).
    pub fn with_http_client(config: ObsConfig, http: reqwest::Client) -> Result<Self, ApiError> {
        Ok(ObsClient {
            endpoint: Endpoint::parse(&config.endpoint, config.addressing)?,
            credentials: config.credentials,
            flavor: config.signature,
            clock_offset_secs: config.clock_offset_secs,
            http,
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    pub fn set_clock_offset_secs(&mut self, secs: i64) {
        self.clock_offset_secs = secs;
    }

    fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.clock_offset_secs)
    }

    async fn send_signed(&self, req: Call<'_>) -> Result<Response, ApiError> {
        let body = req.body;
        let signed = sign_call(
            &self.endpoint,
            &self.credentials,
            self.flavor,
            self.now(),
            header_signer::Call {
                method: req.method,
                bucket: req.bucket,
                key: req.key,
                query: req.query,
                headers: req.headers,
            },
        )?;
        let what = format!("{} {}", signed.method, signed.redacted_url());
        tracing::debug!(request = %what, "storage request");
        let mut builder = self.http.request(signed.method.clone(), &signed.url);
        for (name, value) in &signed.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = body {
            builder = builder.body(body);
        }
        let resp = builder
            .send()
            .await
            .map_err(|e| transport_error(&e.without_url(), &what))?;
        check_status(resp, &what).await
    }

    // ------------------------------------------------------------------ bucket browser calls

    /// ListBuckets on the service endpoint (buckets of every region).
    pub async fn list_buckets(&self) -> Result<Vec<BucketInfo>, ApiError> {
        let location_header = format!("{}location", self.flavor.header_prefix());
        let req = Call::new(Method::GET, None, None).header(&location_header, "true");
        let resp = self.send_signed(req).await?;
        let result: xml::ListAllMyBucketsResult = read_xml(resp, "ListBuckets").await?;
        Ok(result.buckets)
    }

    /// One ListObjects (v1) page.
    pub async fn list_objects(
        &self,
        bucket: &str,
        query: &ListObjectsQuery,
    ) -> Result<ObjectListPage, ApiError> {
        let mut req = Call::new(Method::GET, Some(bucket), None);
        if let Some(p) = query.prefix.as_deref().filter(|p| !p.is_empty()) {
            req = req.query("prefix", Some(p));
        }
        if let Some(m) = query.marker.as_deref().filter(|m| !m.is_empty()) {
            req = req.query("marker", Some(m));
        }
        if let Some(d) = query.delimiter.as_deref().filter(|d| !d.is_empty()) {
            req = req.query("delimiter", Some(d));
        }
        if let Some(n) = query.max_keys {
            req = req.query("max-keys", Some(&n.to_string()));
        }
        let resp = self.send_signed(req).await?;
        let result: ListBucketResult = read_xml(resp, "ListObjects").await?;
        let next_marker = result.resume_marker();
        if result.is_truncated {
            match &next_marker {
                None => {
                    return Err(ApiError::new(
                        ErrorKind::MalformedResponse,
                        "the listing is truncated but gives no way to continue",
                    ));
                }
                // A server that hands back the marker it was given would make callers loop forever.
                Some(m) if query.marker.as_deref() == Some(m.as_str()) => {
                    return Err(ApiError::new(
                        ErrorKind::MalformedResponse,
                        format!("the listing does not advance past \"{m}\""),
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(ObjectListPage {
            objects: result.contents,
            common_prefixes: result.common_prefixes,
            is_truncated: result.is_truncated,
            next_marker,
        })
    }

    /// All pages of a listing, merged; common prefixes de-duplicated across pages (§5.3).
    pub async fn list_all_objects(
        &self,
        bucket: &str,
        prefix: Option<&str>,
        delimiter: Option<&str>,
    ) -> Result<ObjectListPage, ApiError> {
        let mut query = ListObjectsQuery {
            prefix: prefix.map(str::to_string),
            delimiter: delimiter.map(str::to_string),
            marker: None,
            max_keys: Some(1000),
        };
        let mut all = ObjectListPage::default();
        loop {
            let page = self.list_objects(bucket, &query).await?;
            all.objects.extend(page.objects);
            for p in page.common_prefixes {
                if !all.common_prefixes.contains(&p) {
                    all.common_prefixes.push(p);
                }
            }
            match page.next_marker {
                Some(m) if page.is_truncated => query.marker = Some(m),
                _ => return Ok(all),
            }
        }
    }

    /// HEAD an object. The reply has no body, so a 403 cannot tell a wrong key pair from a
    /// missing permission: it is reported as `PermissionDenied`.
    pub async fn head_object(&self, bucket: &str, key: &str) -> Result<ObjectMeta, ApiError> {
        let resp = self
            .send_signed(Call::new(Method::HEAD, Some(bucket), Some(key)))
            .await?;
        Ok(object_meta(resp.headers(), self.flavor))
    }

    /// GET an object as a byte stream.
    pub async fn get_object(&self, bucket: &str, key: &str) -> Result<ObjectDownload, ApiError> {
        self.get_object_range(bucket, key, None).await
    }

    /// GET `bytes=start-end` (inclusive; `end: None` = to the end) or the whole object.
    pub async fn get_object_range(
        &self,
        bucket: &str,
        key: &str,
        range: Option<(u64, Option<u64>)>,
    ) -> Result<ObjectDownload, ApiError> {
        let mut req = Call::new(Method::GET, Some(bucket), Some(key));
        if let Some((start, end)) = range {
            let end = end.map(|e| e.to_string()).unwrap_or_default();
            req = req.header("Range", format!("bytes={start}-{end}"));
        }
        let resp = self.send_signed(req).await?;
        let meta = object_meta(resp.headers(), self.flavor);
        let what = format!("GET {bucket}/{key}");
        let body = resp
            .bytes_stream()
            .map_err(move |e| transport_error(&e, &what))
            .boxed();
        Ok(ObjectDownload { meta, body })
    }

    /// GET an object into `writer`; returns its metadata. Checks the byte count against
    /// `Content-Length` so a silently shortened download is an error.
    pub async fn download_to<W: AsyncWrite + Unpin>(
        &self,
        bucket: &str,
        key: &str,
        writer: &mut W,
    ) -> Result<ObjectMeta, TransferError> {
        let mut dl = self.get_object(bucket, key).await?;
        let mut written = 0u64;
        while let Some(chunk) = dl.body.next().await {
            let chunk = chunk?;
            writer.write_all(&chunk).await.map_err(io_err(None))?;
            written += chunk.len() as u64;
        }
        writer.flush().await.map_err(io_err(None))?;
        if let Some(expected) = dl.meta.content_length
            && expected != written
        {
            return Err(ApiError::new(
                ErrorKind::Unreachable,
                format!("the download of {key} stopped after {written} of {expected} bytes"),
            )
            .into());
        }
        Ok(dl.meta)
    }

    /// PUT a file, streamed, with `Content-MD5` so the server rejects a corrupted transfer.
    pub async fn put_object(
        &self,
        bucket: &str,
        key: &str,
        path: &Path,
        content_type: Option<&str>,
    ) -> Result<PutObjectOutput, TransferError> {
        let len = tokio::fs::metadata(path)
            .await
            .map_err(io_err(Some(path)))?
            .len();
        if len > MAX_SINGLE_PUT {
            return Err(ApiError::new(
                ErrorKind::BadParameter,
                format!(
                    "{} is larger than 5 GB; it needs a multipart upload",
                    path.display()
                ),
            )
            .into());
        }
        let md5 = file_md5_base64(path, len).await?;
        let body = PutBody::FileRange {
            path: path.to_path_buf(),
            offset: 0,
            len,
        }
        .into_stream()
        .await?;
        let body = reqwest::Body::wrap_stream(body);
        let mut req = Call::new(Method::PUT, Some(bucket), Some(key))
            .header("Content-Length", len.to_string())
            .header("Content-MD5", md5);
        if let Some(ct) = content_type {
            req = req.header("Content-Type", ct);
        }
        req.body = Some(body);
        let resp = self.send_signed(req).await?;
        Ok(put_output(resp.headers(), self.flavor))
    }

    /// PUT bytes from memory (small objects, "folder" markers ending with `/`).
    pub async fn put_object_bytes(
        &self,
        bucket: &str,
        key: &str,
        data: Bytes,
        content_type: Option<&str>,
    ) -> Result<PutObjectOutput, ApiError> {
        let mut req = Call::new(Method::PUT, Some(bucket), Some(key))
            .header("Content-Length", data.len().to_string())
            .header("Content-MD5", sign::content_md5(&data));
        if let Some(ct) = content_type {
            req = req.header("Content-Type", ct);
        }
        req.body = Some(reqwest::Body::from(data));
        let resp = self.send_signed(req).await?;
        Ok(put_output(resp.headers(), self.flavor))
    }

    /// DELETE an object (succeeds also when it does not exist, as OBS does).
    pub async fn delete_object(&self, bucket: &str, key: &str) -> Result<(), ApiError> {
        self.send_signed(Call::new(Method::DELETE, Some(bucket), Some(key)))
            .await
            .map(|_| ())
    }

    /// Create a bucket, optionally in a region. Already owning it counts as success, so import
    /// flows can call this unconditionally.
    pub async fn create_bucket(
        &self,
        bucket: &str,
        location: Option<&str>,
    ) -> Result<(), ApiError> {
        let mut req = Call::new(Method::PUT, Some(bucket), None);
        let body = match location {
            Some(loc) => {
                let element = match self.flavor {
                    SignatureFlavor::Obs => "Location",
                    SignatureFlavor::AwsV2 | SignatureFlavor::Oss => "LocationConstraint",
                };
                format!(
                    "<CreateBucketConfiguration><{element}>{}</{element}></CreateBucketConfiguration>",
                    quick_xml::escape::escape(loc)
                )
            }
            None => String::new(),
        };
        req = req.header("Content-Length", body.len().to_string());
        req.body = Some(reqwest::Body::from(body));
        match self.send_signed(req).await {
            Ok(_) => Ok(()),
            Err(e) if e.code.as_deref() == Some("BucketAlreadyOwnedByYou") => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// A query-authenticated URL (OBS/V2 style, §2.3) for handing to another process or a
    /// browser. Sub-resources in `spec.query` are signed; a Content-Type/Content-MD5 given in
    /// `spec` must be sent verbatim by whoever uses the URL.
    pub fn presign_url(&self, spec: &PresignSpec<'_>) -> Result<String, ApiError> {
        let loc = self.endpoint.locate(Some(spec.bucket), spec.key)?;
        let mut headers: Vec<(&str, &str)> = Vec::new();
        if let Some(ct) = spec.content_type {
            headers.push(("Content-Type", ct));
        }
        if let Some(md5) = spec.content_md5 {
            headers.push(("Content-MD5", md5));
        }
        let lifetime = i64::try_from(spec.expires_in_secs).unwrap_or(i64::MAX / 2);
        let expires = self.now().timestamp().saturating_add(lifetime);
        Ok(sign::presign_url(
            &self.credentials,
            &PresignInput {
                flavor: self.flavor,
                method: spec.method,
                url_without_query: &loc.url,
                resource_path: &loc.resource_path,
                query: spec.query,
                headers: &headers,
                expires,
            },
        ))
    }

    // --------------------------------------------------- calls to URLs pre-signed by a VOD service

    /// PUT to a pre-signed URL; returns the ETag without quotes. `content_type`/`content_md5`
    /// must be exactly what the URL was signed for (absent when it was signed without them).
    pub async fn presigned_put(
        &self,
        url: &str,
        content_type: Option<&str>,
        content_md5: Option<&str>,
        body: PutBody,
    ) -> Result<String, TransferError> {
        let mut req = SignedRequest::presigned(Method::PUT, url);
        if let Some(ct) = content_type {
            req = req.with_header("Content-Type", ct);
        }
        if let Some(md5) = content_md5 {
            req = req.with_header("Content-MD5", md5);
        }
        send::put(&self.http, &req, body).await
    }

    /// POST to a pre-signed URL (InitiateMultipartUpload with an empty body,
    /// CompleteMultipartUpload with [`xml::complete_multipart_upload_body`]) and parse the reply.
    pub async fn presigned_post_xml<T: FromXml>(
        &self,
        url: &str,
        content_type: Option<&str>,
        body: impl Into<Bytes>,
    ) -> Result<T, ApiError> {
        let mut req = SignedRequest::presigned(Method::POST, url);
        if let Some(ct) = content_type {
            req = req.with_header("Content-Type", ct);
        }
        send::xml(&self.http, &req, body).await
    }

    /// GET a pre-signed URL that returns XML (ListParts, a listing).
    pub async fn presigned_get_xml<T: FromXml>(&self, url: &str) -> Result<T, ApiError> {
        send::xml(
            &self.http,
            &SignedRequest::presigned(Method::GET, url),
            Bytes::new(),
        )
        .await
    }

    /// DELETE a pre-signed URL (AbortMultipartUpload, DeleteObject).
    pub async fn presigned_delete(&self, url: &str) -> Result<(), ApiError> {
        send::send(
            &self.http,
            &SignedRequest::presigned(Method::DELETE, url),
            None,
        )
        .await
        .map(|_| ())
    }
}

/// Passes 2xx replies through; reads (a bounded amount of) the body of others into an error.
pub(super) async fn check_status(resp: Response, what: &str) -> Result<Response, ApiError> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let headers = resp.headers().clone();
    let body = read_limited(resp, MAX_ERROR_REPLY)
        .await
        .unwrap_or_default();
    let err = error_from_response(status.as_u16(), &headers, &body);
    tracing::debug!(target = %what, status = status.as_u16(), code = ?err.code, "OBS error reply");
    Err(err)
}

async fn read_limited(mut resp: Response, limit: usize) -> Result<Vec<u8>, reqwest::Error> {
    let mut out = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        let room = limit.saturating_sub(out.len());
        out.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

pub(super) async fn read_xml<T: FromXml>(resp: Response, what: &str) -> Result<T, ApiError> {
    let mut resp = resp;
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| transport_error(&e.without_url(), what))?
    {
        if body.len() + chunk.len() > MAX_XML_REPLY {
            return Err(ApiError::new(
                ErrorKind::MalformedResponse,
                format!("{what}: the reply is larger than {MAX_XML_REPLY} bytes"),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    xml::parse::<T>(&body).map_err(|mut e| {
        if e.kind == ErrorKind::MalformedResponse {
            e.message = format!("{what}: {}", e.message);
        }
        e
    })
}

async fn file_md5_base64(path: &Path, len: u64) -> Result<String, TransferError> {
    use base64::Engine as _;
    use md5::Digest as _;
    let file = tokio::fs::File::open(path)
        .await
        .map_err(io_err(Some(path)))?;
    let mut reader = file.take(len);
    let mut hasher = md5::Md5::new();
    let mut buf = vec![0u8; FILE_CHUNK];
    loop {
        let n = reader.read(&mut buf).await.map_err(io_err(Some(path)))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(base64::engine::general_purpose::STANDARD.encode(hasher.finalize()))
}

fn header_str(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)?
        .to_str()
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Reads the flavour's header first and falls back to the other prefix, because a server may
/// answer an OBS-signed request in S3 mode or vice versa.
fn prefixed(headers: &HeaderMap, flavor: SignatureFlavor, suffix: &str) -> Option<String> {
    let (first, second) = match flavor {
        SignatureFlavor::Obs => ("x-obs-", "x-amz-"),
        SignatureFlavor::AwsV2 => ("x-amz-", "x-obs-"),
        SignatureFlavor::Oss => ("x-oss-", "x-amz-"),
    };
    header_str(headers, &format!("{first}{suffix}"))
        .or_else(|| header_str(headers, &format!("{second}{suffix}")))
}

fn object_meta(headers: &HeaderMap, flavor: SignatureFlavor) -> ObjectMeta {
    let metadata = headers
        .iter()
        .filter_map(|(name, value)| {
            let n = name.as_str();
            let short = n
                .strip_prefix("x-obs-meta-")
                .or_else(|| n.strip_prefix("x-amz-meta-"))?;
            Some((short.to_string(), value.to_str().ok()?.to_string()))
        })
        .collect();
    ObjectMeta {
        content_length: header_str(headers, "content-length").and_then(|s| s.parse().ok()),
        content_type: header_str(headers, "content-type"),
        etag: header_str(headers, "etag").map(|e| normalize_etag(&e)),
        last_modified: header_str(headers, "last-modified")
            .and_then(|s| DateTime::parse_from_rfc2822(&s).ok())
            .map(|t| t.with_timezone(&Utc)),
        storage_class: prefixed(headers, flavor, "storage-class"),
        version_id: prefixed(headers, flavor, "version-id"),
        metadata,
    }
}

fn put_output(headers: &HeaderMap, flavor: SignatureFlavor) -> PutObjectOutput {
    PutObjectOutput {
        etag: header_str(headers, "etag").map(|e| normalize_etag(&e)),
        version_id: prefixed(headers, flavor, "version-id"),
    }
}
