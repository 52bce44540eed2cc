//! The Alibaba Cloud ApsaraVideo VOD personality (API version 2017-03-21), built in steps
//! (issue 12): so far the verification of the SDKs' request signatures.

pub mod auth;
