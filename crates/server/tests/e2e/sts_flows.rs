//! The STS operations of governance.md §9 through the official Rust SDK: credentials that act
//! as the right account and principal everywhere, unsigned web-identity and SAML calls, and
//! AWS's refusals.

use aws_sdk_sts::config::Credentials;
use aws_sdk_sts::error::ProvideErrorMetadata;
use aws_sdk_sts::types::PolicyDescriptorType;
use base64::Engine as _;

use crate::helpers::spawn_app;
use crate::org_share::world;

fn creds(c: &aws_sdk_sts::types::Credentials) -> Credentials {
    Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "sts",
    )
}

fn jwt(claims: &serde_json::Value) -> String {
    let url = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.{}",
        url.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
        url.encode(claims.to_string()),
        url.encode("signature")
    )
}

#[tokio::test]
async fn session_and_federation_tokens_act_as_their_identity() {
    let app = spawn_app().await;
    let sts = app.sts("222222222222");
    let session = sts.get_session_token().send().await.unwrap();
    let c = session.credentials().unwrap();
    assert!(c.access_key_id().starts_with("ASIA") && c.access_key_id().len() == 20);
    assert_eq!(c.secret_access_key().len(), 40);
    assert!(c.session_token().starts_with("IQoJb3JpZ2lu") && c.session_token().len() > 300);
    let as_session = app.sts_with(creds(c));
    let me = as_session.get_caller_identity().send().await.unwrap();
    assert_eq!(me.arn(), Some("arn:aws:iam::222222222222:root"));
    assert_eq!(me.account(), Some("222222222222"));
    // Session credentials cannot ask again (OBS-GST).
    let err = as_session.get_session_token().send().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    let e = err.into_service_error();
    assert_eq!(e.code(), Some("AccessDenied"));
    assert_eq!(
        e.message(),
        Some("Cannot call GetSessionToken with session credentials")
    );

    let fed = sts
        .get_federation_token()
        .name("bob")
        .policy(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#)
        .send()
        .await
        .unwrap();
    let user = fed.federated_user().unwrap();
    assert_eq!(user.arn(), "arn:aws:sts::222222222222:federated-user/bob");
    assert_eq!(user.federated_user_id(), "222222222222:bob");
    let as_bob = app.sts_with(creds(fed.credentials().unwrap()));
    let me = as_bob.get_caller_identity().send().await.unwrap();
    assert_eq!(
        me.arn(),
        Some("arn:aws:sts::222222222222:federated-user/bob")
    );
    let err = sts
        .get_federation_token()
        .name("bob")
        .policy("not a policy")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("MalformedPolicyDocument")
    );

    // The key's account, decoded from the key.
    let info = sts
        .get_access_key_info()
        .access_key_id(c.access_key_id())
        .send()
        .await
        .unwrap();
    assert_eq!(info.account(), Some("222222222222"));
    let err = sts
        .decode_authorization_message()
        .encoded_message("abc")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("InvalidAuthorizationMessageException")
    );
}

#[tokio::test]
async fn web_identity_is_unsigned_and_reads_the_token() {
    let app = spawn_app().await;
    // No credentials at all: botocore and the SDKs send this call unsigned.
    let config = aws_sdk_sts::Config::builder()
        .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
        .region(aws_sdk_sts::config::Region::new("us-east-1"))
        .endpoint_url(&app.endpoint)
        .http_client(aws_smithy_http_client::Builder::new().build_http())
        .build();
    let anonymous = aws_sdk_sts::Client::from_conf(config);
    let token = jwt(&serde_json::json!({
        "iss": "https://token.actions.githubusercontent.com",
        "sub": "repo:octo/app:ref:refs/heads/main",
        "aud": ["sts.amazonaws.com"],
        "exp": 4_102_444_800_i64,
    }));
    let out = anonymous
        .assume_role_with_web_identity()
        .role_arn("arn:aws:iam::333333333333:role/Deploy")
        .role_session_name("gha")
        .web_identity_token(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        out.provider(),
        Some("arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com")
    );
    assert_eq!(out.audience(), Some("sts.amazonaws.com"));
    assert_eq!(
        out.subject_from_web_identity_token(),
        Some("repo:octo/app:ref:refs/heads/main")
    );
    let user = out.assumed_role_user().unwrap();
    assert_eq!(
        user.arn(),
        "arn:aws:sts::333333333333:assumed-role/Deploy/gha"
    );
    assert!(user.assumed_role_id().starts_with("AROA"));
    let me = app
        .sts_with(creds(out.credentials().unwrap()))
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(me.account(), Some("333333333333"));

    let expired = jwt(&serde_json::json!({"iss": "https://x", "sub": "s", "exp": 1}));
    let err = anonymous
        .assume_role_with_web_identity()
        .role_arn("arn:aws:iam::333333333333:role/Deploy")
        .role_session_name("gha")
        .web_identity_token(expired)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("ExpiredTokenException")
    );
    let err = anonymous
        .assume_role_with_web_identity()
        .role_arn("arn:aws:iam::333333333333:role/Deploy")
        .role_session_name("gha")
        .web_identity_token("not-a-jwt")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("InvalidIdentityToken")
    );
}

#[tokio::test]
async fn saml_is_unsigned_and_names_the_subject() {
    let app = spawn_app().await;
    let xml = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0">
  <Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" Version="2.0">
    <Issuer>https://idp.example.com/saml</Issuer>
    <Subject>
      <NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">alice</NameID>
      <SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <SubjectConfirmationData NotOnOrAfter="2099-01-01T00:00:00Z" Recipient="https://signin.aws.amazon.com/saml"/>
      </SubjectConfirmation>
    </Subject>
    <AttributeStatement>
      <Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><AttributeValue>arn:aws:iam::444444444444:role/Admin,arn:aws:iam::444444444444:saml-provider/Idp</AttributeValue></Attribute>
      <Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><AttributeValue>alice</AttributeValue></Attribute>
    </AttributeStatement>
  </Assertion>
</samlp:Response>"#;
    let assertion = base64::engine::general_purpose::STANDARD.encode(xml);
    let out = app
        .sts("999999999999")
        .assume_role_with_saml()
        .role_arn("arn:aws:iam::444444444444:role/Admin")
        .principal_arn("arn:aws:iam::444444444444:saml-provider/Idp")
        .saml_assertion(&assertion)
        .send()
        .await
        .unwrap();
    assert_eq!(out.subject(), Some("alice"));
    assert_eq!(out.subject_type(), Some("persistent"));
    assert_eq!(out.issuer(), Some("https://idp.example.com/saml"));
    assert_eq!(out.audience(), Some("https://signin.aws.amazon.com/saml"));
    assert_eq!(
        out.assumed_role_user().unwrap().arn(),
        "arn:aws:sts::444444444444:assumed-role/Admin/alice"
    );
    let err = app
        .sts("999999999999")
        .assume_role_with_saml()
        .role_arn("arn:aws:iam::444444444444:role/Other")
        .principal_arn("arn:aws:iam::444444444444:saml-provider/Idp")
        .saml_assertion(&assertion)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.into_service_error().code(), Some("AccessDenied"));
}

#[tokio::test]
#[expect(clippy::too_many_lines, reason = "one client scenario, step by step")]
async fn assume_root_scoped_credentials_and_web_identity_tokens() {
    let w = world().await;
    let orgs = w.app.organizations("111111111111");
    let task = PolicyDescriptorType::builder()
        .arn("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials")
        .build();
    // Needs trusted access for iam.amazonaws.com, and a non-root caller.
    let admin = w
        .app
        .sts("111111111111")
        .assume_role()
        .role_arn("arn:aws:iam::111111111111:role/Admin")
        .role_session_name("ops")
        .send()
        .await
        .unwrap();
    let as_admin = w.app.sts_with(creds(admin.credentials().unwrap()));
    let err = as_admin
        .assume_root()
        .target_principal("222222222222")
        .task_policy_arn(task.clone())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.into_service_error().code(), Some("AccessDenied"));
    orgs.enable_aws_service_access()
        .service_principal("iam.amazonaws.com")
        .send()
        .await
        .unwrap();
    let root = as_admin
        .assume_root()
        .target_principal("222222222222")
        .task_policy_arn(task)
        .send()
        .await
        .unwrap();
    let me = w
        .app
        .sts_with(creds(root.credentials().unwrap()))
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(me.arn(), Some("arn:aws:iam::222222222222:root"));

    // Scoped credentials (newer than this SDK, so as raw awsQuery): temporary callers only,
    // the same identity, no longer than the calling session.
    let key = admin.credentials().unwrap().access_key_id().to_string();
    let scoped = |key: String, duration: u32| {
        let app = &w.app;
        async move {
            let head = format!(
                "POST / HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Amz-Date: 20261129T053850Z\r\nAuthorization: AWS4-HMAC-SHA256 Credential={key}/20261129/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature={}\r\n",
                "0".repeat(64)
            );
            let body = format!(
                "Action=GetScopedCredentials&Version=2011-06-15&DurationSeconds={duration}"
            );
            let (status, _, body) = app.raw(&head, body.as_bytes()).await;
            (status, String::from_utf8_lossy(&body).to_string())
        }
    };
    let (status, body) = scoped("AKIA2222222222222222".to_string(), 900).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("<Code>InvalidSubjectCredentials</Code>"),
        "{body}"
    );
    let (status, body) = scoped(key.clone(), 900).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("<Arn>arn:aws:sts::111111111111:assumed-role/Admin/ops</Arn>"),
        "{body}"
    );
    let (status, body) = scoped(key, 7200).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("<Code>InsufficientSessionLifetime</Code>"),
        "{body}"
    );

    let token = as_admin
        .get_web_identity_token()
        .audience("https://example.com")
        .signing_algorithm("ES384")
        .send()
        .await
        .unwrap();
    let jwt = token.web_identity_token().unwrap();
    let payload = jwt.split('.').nth(1).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["sub"], "arn:aws:iam::111111111111:role/Admin");
    assert_eq!(claims["aud"], "https://example.com");
    let err = as_admin
        .get_delegated_access_token()
        .trade_in_token("x")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.into_service_error().code(),
        Some("ExpiredTradeInTokenException")
    );
}
