//! Makes the OpenAPI document honest about failures. Hand-written
//! annotations list each operation's own outcomes; the errors every operation
//! of a kind can produce are added here from what the operation is:
//!
//! | the operation …               | can also answer                                   |
//! |-------------------------------|---------------------------------------------------|
//! | takes a JSON body             | 400 malformed JSON, 413 too large, 415 not JSON, 422 invalid |
//! | has path parameters           | 400 malformed id, 404 not found                   |
//! | has query parameters          | 400 malformed query                               |
//! | needs a session               | 401 no session; mutations 403 missing CSRF token  |
//! | is a WebSocket                | 400 not a WebSocket handshake                     |
//! | hashes a password             | 503 busy (with `Retry-After`)                     |
//! | is the login                  | 429 throttled (with `Retry-After`)                |
//!
//! It also declares the two credentials (session cookie, CSRF header) as
//! security schemes and requires them where the server does. Limits of the
//! wire types live on the types (`mockroom_api`); those of the room types,
//! whose file belongs to the room protocol, are added in [`room_limits`].

use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{Object, ObjectBuilder, Schema, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Components, OpenApi, Ref, RefOr};

pub const SESSION_SCHEME: &str = "session";
pub const CSRF_SCHEME: &str = "csrf";

/// Operations anyone may call without a session.
const PUBLIC: &[(&str, &str)] = &[
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/api/v1/auth/registration"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("get", "/api/v1/invites/{token}"),
    ("get", "/api/v1/rooms/{token}"),
    ("get", "/api/v1/rooms/{token}/ws"),
];

/// Operations that run Argon2 (and so may be refused with 503 when it is saturated).
const HASHING: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("delete", "/api/v1/me"),
];

/// Operations throttled per address and account (429).
const THROTTLED: &[(&str, &str)] = &[("post", "/api/v1/auth/login")];

/// Adds the error responses and security requirements described above.
pub fn document_failures(doc: &mut OpenApi) {
    let components = doc.components.get_or_insert_with(Components::default);
    components.security_schemes.insert(
        SESSION_SCHEME.into(),
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            crate::auth::SESSION_COOKIE,
            "Session cookie set by register and login",
        ))),
    );
    components.security_schemes.insert(
        CSRF_SCHEME.into(),
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            mockroom_api::CSRF_HEADER,
            "The session's `csrf_token` (from `/api/v1/me`, login or register), required on every mutation",
        ))),
    );
    room_limits(components);
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [
            ("get", &mut item.get),
            ("put", &mut item.put),
            ("post", &mut item.post),
            ("delete", &mut item.delete),
            ("patch", &mut item.patch),
        ];
        for (method, operation) in operations {
            if let Some(operation) = operation {
                complete(method, path, operation);
            }
        }
    }
}

fn complete(method: &str, path: &str, op: &mut Operation) {
    let key = (method, path);
    let params = op.parameters.as_deref().unwrap_or_default();
    let in_path = params.iter().any(|p| matches!(p.parameter_in, ParameterIn::Path));
    let in_query = params.iter().any(|p| matches!(p.parameter_in, ParameterIn::Query));
    let public = PUBLIC.contains(&key);
    let mutation = method != "get";
    let websocket = path.ends_with("/ws");
    let mut add: Vec<(&str, &str)> = Vec::new();
    if op.request_body.is_some() {
        add.push(("400", "Malformed JSON or path parameter"));
        add.push(("413", "Request body too large"));
        add.push(("415", "Not `Content-Type: application/json`"));
        add.push((
            "422",
            "Invalid input: wrong type, unknown field, or a value out of range",
        ));
    }
    if in_path {
        add.push(("400", "Malformed path parameter"));
        add.push(("404", "Not found, or not visible to the caller"));
    }
    if in_query {
        add.push(("400", "Malformed query parameter"));
    }
    if websocket {
        add.push(("400", "Not a WebSocket handshake"));
    }
    if !public {
        add.push(("401", "No valid session"));
        if mutation {
            add.push(("403", "Missing or wrong CSRF token"));
        }
        let mut requirement = SecurityRequirement::new(SESSION_SCHEME, Vec::<String>::new());
        if mutation {
            requirement = requirement.add(CSRF_SCHEME, Vec::<String>::new());
        }
        op.security = Some(vec![requirement]);
    }
    if THROTTLED.contains(&key) {
        add.push(("429", "Too many attempts: wait `Retry-After` seconds"));
    }
    if HASHING.contains(&key) {
        add.push((
            "503",
            "Password hashing is saturated: retry after `Retry-After` seconds",
        ));
    }
    for (status, description) in add {
        op.responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| RefOr::T(error_response(description)));
    }
}

fn error_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
}

/// A property of a component schema, to add limits to.
fn property<'a>(components: &'a mut Components, schema: &str, field: &str) -> Option<&'a mut Schema> {
    match components.schemas.get_mut(schema)? {
        RefOr::T(Schema::Object(object)) => match object.properties.get_mut(field)? {
            RefOr::T(schema) => Some(schema),
            RefOr::Ref(_) => None,
        },
        _ => None,
    }
}

fn with_object(schema: Option<&mut Schema>, f: impl FnOnce(&mut Object)) {
    if let Some(Schema::Object(object)) = schema {
        f(object);
    }
}

/// The limits `routes/interviews.rs` enforces on the room's request types
/// (declared in `mockroom_api::room`, kept free of server concerns).
fn room_limits(components: &mut Components) {
    use crate::domain::limits::*;
    with_object(property(components, "CreateSessionRequest", "candidate_name"), |o| {
        o.min_length = Some(1);
        o.max_length = Some(DISPLAY_NAME_MAX);
        o.pattern = Some(NAME_PATTERN.into());
    });
    with_object(property(components, "CreateSessionRequest", "candidate_email"), |o| {
        o.max_length = Some(EMAIL_MAX);
        o.pattern = Some(EMAIL_PATTERN.into());
    });
    with_object(
        property(components, "CreateSessionRequest", "invite_expires_in_hours"),
        |o| {
            o.minimum = Some(1.into());
            o.maximum = Some(LINK_HOURS_MAX.into());
        },
    );
    if let Some(Schema::Array(questions)) = property(components, "CreateSessionRequest", "questions") {
        questions.min_items = Some(1);
        questions.max_items = Some(QUESTIONS_MAX);
    }
    // Practice mocks and drills are made elsewhere: the request takes two modes.
    if let Some(RefOr::T(Schema::Object(request))) = components.schemas.get_mut("CreateSessionRequest") {
        let modes = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(["live", "assigned"]))
            .description(Some("`live` (default) or `assigned`"))
            .build();
        request
            .properties
            .insert("mode".into(), RefOr::T(Schema::Object(modes)));
    }
    with_object(property(components, "SessionQuestionSpec", "time_limit_secs"), |o| {
        o.minimum = Some((*TIME_LIMIT_SECS.start()).into());
        o.maximum = Some((*TIME_LIMIT_SECS.end()).into());
    });
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::domain::limits::*;

    fn doc() -> Value {
        serde_json::to_value(crate::app::openapi()).expect("json")
    }

    #[test]
    fn stated_limits_are_the_enforced_ones() {
        let doc = doc();
        let prop = |schema: &str, field: &str| doc["components"]["schemas"][schema]["properties"][field].clone();
        let num = |v: &Value, key: &str| v[key].as_u64().unwrap_or_else(|| panic!("{key} missing in {v}"));
        let text = |v: &Value, key: &str| {
            v[key]
                .as_str()
                .unwrap_or_else(|| panic!("{key} missing in {v}"))
                .to_owned()
        };
        let name = prop("RegisterRequest", "display_name");
        assert_eq!(num(&name, "maxLength"), DISPLAY_NAME_MAX as u64);
        assert_eq!(text(&name, "pattern"), NAME_PATTERN);
        let email = prop("RegisterRequest", "email");
        assert_eq!(num(&email, "maxLength"), EMAIL_MAX as u64);
        assert_eq!(text(&email, "pattern"), EMAIL_PATTERN);
        let password = prop("RegisterRequest", "password");
        assert_eq!(num(&password, "minLength"), crate::domain::Password::MIN_CHARS as u64);
        assert_eq!(num(&password, "maxLength"), crate::domain::Password::MAX_CHARS as u64);
        for (schema, field) in [
            ("RegisterRequest", "team_name"),
            ("CreateTeamRequest", "name"),
            ("UpdateTeamRequest", "name"),
        ] {
            let v = prop(schema, field);
            assert_eq!(num(&v, "maxLength"), TEAM_NAME_MAX as u64, "{schema}.{field}");
            assert_eq!(text(&v, "pattern"), NAME_PATTERN, "{schema}.{field}");
        }
        let invite_email = prop("CreateInviteRequest", "email");
        assert_eq!(text(&invite_email, "pattern"), OPTIONAL_EMAIL_PATTERN);
        assert_eq!(
            num(&prop("CreateInviteRequest", "expires_in_hours"), "maximum"),
            u64::from(INVITE_HOURS_MAX)
        );
        assert_eq!(num(&prop("DrawRequest", "count"), "maximum"), QUESTIONS_MAX as u64);
        assert_eq!(
            num(&prop("CreatePracticeRequest", "questions"), "maxItems"),
            QUESTIONS_MAX as u64
        );
        assert_eq!(
            num(&prop("CreateSessionRequest", "questions"), "maxItems"),
            QUESTIONS_MAX as u64
        );
        assert_eq!(
            num(&prop("CreateSessionRequest", "candidate_name"), "maxLength"),
            DISPLAY_NAME_MAX as u64
        );
        assert_eq!(
            num(&prop("CreateSessionRequest", "invite_expires_in_hours"), "maximum"),
            u64::from(LINK_HOURS_MAX)
        );
        let limit = prop("SessionQuestionSpec", "time_limit_secs");
        assert_eq!(num(&limit, "minimum"), u64::from(*TIME_LIMIT_SECS.start()));
        assert_eq!(num(&limit, "maximum"), u64::from(*TIME_LIMIT_SECS.end()));
    }

    #[test]
    fn every_operation_states_its_failures() {
        let doc = doc();
        let ops = doc["paths"].as_object().expect("paths");
        let login = &ops["/api/v1/auth/login"]["post"]["responses"];
        for status in ["400", "401", "413", "415", "422", "429", "503"] {
            assert!(
                login[status]["content"]["application/json"].is_object(),
                "login lacks {status}"
            );
        }
        let create_team = &ops["/api/v1/teams"]["post"];
        for status in ["400", "401", "403", "413", "415", "422"] {
            assert!(
                create_team["responses"][status].is_object(),
                "create team lacks {status}"
            );
        }
        assert_eq!(create_team["security"][0]["session"], serde_json::json!([]));
        assert_eq!(create_team["security"][0]["csrf"], serde_json::json!([]));
        let get_team = &ops["/api/v1/teams/{team_id}"]["get"];
        for status in ["400", "401", "404"] {
            assert!(get_team["responses"][status].is_object(), "get team lacks {status}");
        }
        assert!(
            get_team["security"][0].get("csrf").is_none(),
            "reads need no CSRF token"
        );
        assert!(ops["/healthz"]["get"].get("security").is_none());
    }
}
