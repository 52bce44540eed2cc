//! TC3-HMAC-SHA256 (tencent-aliyun-vod-api.md §A.2), pure so that the vectors of §A.3 (made
//! by the official SDK) reproduce byte for byte. The SDK signs `content-type;host` only.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// What one call is signed from.
pub struct Tc3Input<'a> {
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    /// `vod`.
    pub service: &'a str,
    /// The `Host` header as sent.
    pub host: &'a str,
    pub content_type: &'a str,
    pub timestamp: i64,
    /// The exact body bytes sent.
    pub body: &'a [u8],
}

/// The parts of a signature, kept for tests and debugging.
pub struct Tc3Signed {
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signature: String,
    pub authorization: String,
}

fn hmac(key: &[u8], msg: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(msg.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

pub fn sign(input: &Tc3Input<'_>) -> Tc3Signed {
    let payload = hex::encode(Sha256::digest(input.body));
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\n\ncontent-type;host\n{payload}",
        input.content_type, input.host
    );
    // UTC: a local date breaks the scope at local midnight (§A.2 step 3).
    let date = chrono::DateTime::from_timestamp(input.timestamp, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d")
        .to_string();
    let scope = format!("{date}/{}/tc3_request", input.service);
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{}\n{scope}\n{}",
        input.timestamp,
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let k_date = hmac(format!("TC3{}", input.secret_key).as_bytes(), &date);
    let k_service = hmac(&k_date, input.service);
    let k_signing = hmac(&k_service, "tc3_request");
    let signature = hex::encode(hmac(&k_signing, &string_to_sign));
    let authorization = format!(
        "TC3-HMAC-SHA256 Credential={}/{scope}, SignedHeaders=content-type;host, Signature={signature}",
        input.secret_id
    );
    Tc3Signed {
        canonical_request,
        string_to_sign,
        signature,
        authorization,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// §A.3 case 1: `ApplyUpload` with a long-term key (tc3_vectors.out).
    #[test]
    fn apply_upload_vector() {
        let s = sign(&Tc3Input {
            secret_id: "AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE12",
            secret_key: "SecretKeyExampleSecretKeyExample",
            service: "vod",
            host: "vod.tencentcloudapi.com",
            content_type: "application/json",
            timestamp: 1_700_000_000,
            body: br#"{"MediaType": "mp4", "SubAppId": 1500000001, "MediaName": "demo"}"#,
        });
        assert_eq!(
            s.canonical_request,
            "POST\n/\n\ncontent-type:application/json\nhost:vod.tencentcloudapi.com\n\ncontent-type;host\ne5d6dbce38baf0e2ee3e190d93e10ae461768082091f9ea57e5039c7a89a5290"
        );
        assert_eq!(
            s.string_to_sign,
            "TC3-HMAC-SHA256\n1700000000\n2023-11-14/vod/tc3_request\nf4daf2627475b55249a43ed81d3c36dd4b031cb42f8004236c179f744edee04b"
        );
        assert_eq!(
            s.signature,
            "5818edc9d64bc4b693d56ba9ddf18cd7b7d95ebf9d0b78b0e11d25ffb06887b5"
        );
        assert_eq!(
            s.authorization,
            "TC3-HMAC-SHA256 Credential=AKIDEXAMPLEEXAMPLEEXAMPLEEXAMPLE12/2023-11-14/vod/tc3_request, SignedHeaders=content-type;host, Signature=5818edc9d64bc4b693d56ba9ddf18cd7b7d95ebf9d0b78b0e11d25ffb06887b5"
        );
    }

    /// §A.3 case 2: `CommitUpload` with temporary credentials (the token is not signed).
    #[test]
    fn commit_upload_vector() {
        let s = sign(&Tc3Input {
            secret_id: "AKIDTEMPEXAMPLE0000000000000000001",
            secret_key: "TempSecretKeyExample000000000001",
            service: "vod",
            host: "vod.tencentcloudapi.com",
            content_type: "application/json",
            timestamp: 1_700_000_000,
            body: br#"{"VodSessionKey": "session-key-123", "SubAppId": 1500000001}"#,
        });
        assert!(
            s.string_to_sign
                .ends_with("36177192700cee75555a02002a5522586d88f221cc3d72e61ce345234db39412")
        );
        assert_eq!(
            s.signature,
            "07be7d177944ad34daf79c78b580410a8d5d456c28dfce535c51e73efceb75f3"
        );
    }

    /// §A.3 case 3: Tencent's published CVM example (`charset=utf-8` in the content type).
    #[test]
    fn published_documentation_example() {
        let s = sign(&Tc3Input {
            secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            service: "cvm",
            host: "cvm.tencentcloudapi.com",
            content_type: "application/json; charset=utf-8",
            timestamp: 1_551_113_065,
            body: br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#,
        });
        assert!(
            s.canonical_request
                .ends_with("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064")
        );
        assert_eq!(
            s.signature,
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }
}
