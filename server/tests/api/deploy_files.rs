//! No Docker engine runs here, so the deployment files are checked as data.

use std::path::PathBuf;

fn repo_file(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn compose_runs_the_app_against_a_healthy_postgres_with_a_volume() {
    let compose: serde_yaml::Value = serde_yaml::from_str(&repo_file("docker-compose.yml")).expect("valid YAML");
    let services = &compose["services"];
    let app = &services["app"];
    let db = &services["postgres"];
    assert!(app.is_mapping() && db.is_mapping(), "services app and postgres");

    let url = app["environment"]["MOCKROOM_DATABASE_URL"]
        .as_str()
        .expect("app database URL");
    assert!(
        url.starts_with("postgres://") && url.contains("@postgres:5432/"),
        "{url}"
    );
    assert_eq!(app["environment"]["MOCKROOM_BIND"].as_str(), Some("0.0.0.0:3000"));
    assert_eq!(
        app["depends_on"]["postgres"]["condition"].as_str(),
        Some("service_healthy")
    );
    assert!(
        app["build"].is_mapping() || app["build"].is_string(),
        "app is built from this repo"
    );
    assert!(app["ports"].as_sequence().is_some_and(|p| !p.is_empty()));

    let test = db["healthcheck"]["test"].as_sequence().expect("postgres healthcheck");
    assert!(test
        .iter()
        .any(|t| t.as_str().is_some_and(|s| s.contains("pg_isready"))));
    let volume = db["volumes"][0].as_str().expect("postgres volume");
    let name = volume.split(':').next().expect("volume name");
    assert!(volume.ends_with(":/var/lib/postgresql/data"), "{volume}");
    assert!(
        compose["volumes"][name].is_mapping() || compose["volumes"][name].is_null(),
        "named volume {name} declared"
    );
    assert!(compose["volumes"].get(name).is_some(), "named volume {name} declared");
}

#[test]
fn dockerfile_builds_like_the_readme_in_stages() {
    let dockerfile = repo_file("Dockerfile");
    let stages = dockerfile
        .lines()
        .filter(|l| l.trim_start().to_uppercase().starts_with("FROM "))
        .count();
    assert!(stages >= 2, "multi-stage: {stages} FROM lines");
    assert!(
        dockerfile.contains("scripts/build-frontend.sh"),
        "frontend built by the project script"
    );
    assert!(
        dockerfile.contains("cargo build --release -p mockroom"),
        "server built as in scripts/start"
    );
    assert!(
        dockerfile.contains("COPY --from="),
        "runtime stage copies the binary only"
    );
    assert!(dockerfile.contains("ENTRYPOINT") || dockerfile.contains("CMD"));
    let start = repo_file("scripts/start");
    assert!(start.contains("scripts/build-frontend.sh") && start.contains("cargo build --release -p mockroom"));
}

#[test]
fn the_scale_profile_runs_replicas_behind_a_websocket_proxy() {
    let mut compose: serde_yaml::Value = serde_yaml::from_str(&repo_file("docker-compose.yml")).expect("valid YAML");
    compose.apply_merge().expect("merge keys");
    let services = &compose["services"];
    let replica = &services["replica"];
    let proxy = &services["proxy"];
    for service in [replica, proxy] {
        let profiles = service["profiles"].as_sequence().expect("profiles");
        assert!(profiles.iter().any(|p| p.as_str() == Some("scale")));
    }
    assert!(replica["deploy"]["replicas"].as_u64().is_some_and(|n| n >= 2));
    let url = replica["environment"]["MOCKROOM_DATABASE_URL"]
        .as_str()
        .expect("replica database");
    assert!(
        url.starts_with("postgres://"),
        "replicas share PostgreSQL, never SQLite: {url}"
    );
    for service in [&services["app"], replica] {
        let probe = service["healthcheck"]["test"].as_sequence().expect("healthcheck");
        assert!(probe.iter().any(|t| t.as_str().is_some_and(|s| s.contains("/readyz"))));
    }
    let mount = proxy["volumes"][0].as_str().expect("proxy config");
    let conf = repo_file(mount.trim_start_matches("./").split(':').next().expect("path"));
    assert!(
        conf.contains("proxy_set_header Upgrade $http_upgrade"),
        "WebSocket upgrades pass"
    );
    assert!(conf.contains("server replica:3000"), "{conf}");
    // Directives, not comments: no affinity is configured.
    let directives: String = conf.lines().map(|l| l.split('#').next().unwrap_or("")).collect();
    assert!(
        !directives.contains("ip_hash") && !directives.contains("sticky") && !directives.contains("hash "),
        "no stickiness needed"
    );
}
