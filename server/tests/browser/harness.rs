//! Starts the real binary and a ChromeDriver-controlled headless Chromium.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::databases;

const TIMEOUT: Duration = Duration::from_secs(20);

/// axe-core, installed by `scripts/test` (`npm ci` in `server/tests/browser/axe`).
const AXE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/browser/axe/node_modules/axe-core/axe.min.js"
);

fn axe_source() -> Option<&'static str> {
    static AXE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    AXE.get_or_init(|| std::fs::read_to_string(AXE_PATH).ok()).as_deref()
}

pub enum Backend {
    Sqlite,
    Postgres,
}

fn in_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// Skips (loudly) outside CI, fails under CI.
fn unavailable(why: &str) -> Option<Browser> {
    if in_ci() {
        panic!("CI=true but the browser test cannot run: {why}");
    }
    eprintln!("\n!!! SKIPPED browser test: {why}\n");
    None
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

struct Reaper(Child);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// ChromeDriver and every Chromium process it starts, in a process group of
/// their own: killing ChromeDriver alone left its browsers running (orphaned,
/// a few per test, each busy with its page), which loaded the machine of
/// every later test and benchmark.
struct GroupReaper(Child);

impl Drop for GroupReaper {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.0.wait();
    }
}

pub struct Browser {
    client: Client,
    base: String,
    /// The server's database (for tests that also run the CLI against it).
    database: String,
    shots: PathBuf,
    driver_port: u16,
    caps: serde_json::Map<String, serde_json::Value>,
    /// `None` for the extra sessions of [`Browser::another_session`].
    _server: Option<Reaper>,
    _driver: Option<GroupReaper>,
    _dir: tempfile::TempDir,
}

async fn database_url(backend: &Backend, dir: &tempfile::TempDir) -> Result<String, String> {
    match backend {
        Backend::Sqlite => Ok(format!("sqlite:{}", dir.path().join("browser.db").display())),
        Backend::Postgres => databases::fresh_schema(&databases::postgres_url()).await,
    }
}

impl Browser {
    pub async fn start(backend: Backend) -> Option<Browser> {
        for tool in ["chromium", "chromedriver"] {
            if which(tool).is_none() {
                return unavailable(&format!(
                    "`{tool}` is not installed (apt-get install chromium chromium-driver)"
                ));
            }
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let database = match database_url(&backend, &dir).await {
            Ok(url) => url,
            Err(why) => return unavailable(&why),
        };

        // The real binary, on a port it picks itself; it prints its URL.
        let mut server = Command::new(env!("CARGO_BIN_EXE_mockroom"))
            .args([
                "--database",
                &database,
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--log",
                "warn",
                // Lets a test move the server's clock forward (reviews coming due).
                "--dev-clock",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start mockroom");
        let stdout = server.stdout.take().expect("stdout");
        let server = Reaper(server);
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("read server banner");
        let base = line.trim().rsplit(' ').next().expect("url in banner").to_owned();
        assert!(base.starts_with("http://127.0.0.1:"), "unexpected banner {line:?}");

        let index = reqwest::get(format!("{base}/")).await.expect("GET /");
        if index.status() != reqwest::StatusCode::OK {
            return unavailable(
                "the frontend is not built into the binary (run scripts/build-frontend.sh, then rebuild)",
            );
        }

        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start chromedriver");
        let driver = GroupReaper(driver);
        let profile = dir.path().join("chromium-profile");
        let downloads = dir.path().join("downloads");
        std::fs::create_dir_all(&downloads).expect("downloads dir");
        let caps = json!({
            "goog:chromeOptions": {
                "binary": which("chromium").expect("chromium"),
                // Files the pages download land here (ChromeDriver applies it in headless mode too).
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let caps = caps.as_object().expect("object").clone();
        let client = session(port, caps.clone()).await;
        let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/browser-screenshots");
        let _ = std::fs::create_dir_all(&shots);
        Some(Browser {
            client,
            base,
            database,
            shots,
            driver_port: port,
            caps,
            _server: Some(server),
            _driver: Some(driver),
            _dir: dir,
        })
    }

    /// A second, independent browser (its own profile and cookies) on the same
    /// server: the other participant of a live room. Drop it before `self`.
    pub async fn another_session(&self) -> Browser {
        self.session_with(None).await
    }

    /// A second browser, with ChromeDriver's `mobileEmulation` if given.
    async fn session_with(&self, mobile: Option<serde_json::Value>) -> Browser {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut caps = self.caps.clone();
        if let Some(options) = caps.get_mut("goog:chromeOptions").and_then(|o| o.as_object_mut()) {
            if let Some(args) = options.get_mut("args").and_then(|a| a.as_array_mut()) {
                args.retain(|a| !a.as_str().is_some_and(|s| s.starts_with("--user-data-dir=")));
                args.push(json!(format!(
                    "--user-data-dir={}",
                    dir.path().join("profile").display()
                )));
            }
            if let Some(mobile) = mobile {
                options.insert("mobileEmulation".into(), mobile);
            }
        }
        let client = session(self.driver_port, caps.clone()).await;
        Browser {
            client,
            base: self.base.clone(),
            database: self.database.clone(),
            shots: self.shots.clone(),
            driver_port: self.driver_port,
            caps,
            _server: None,
            _driver: None,
            _dir: dir,
        }
    }

    /// Another independent browser that looks like a phone: a `width` ×
    /// `height` CSS-pixel viewport with touch, through ChromeDriver's mobile
    /// emulation (a desktop window cannot be made that narrow). Drop it
    /// before `self`.
    pub async fn phone_session(&self, width: u32, height: u32) -> Browser {
        self.session_with(Some(json!({
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0, "touch": true, "mobile": true}
        })))
        .await
    }

    /// Makes the page's viewport `width` × `height` CSS pixels (desktop
    /// sessions): sizes the window, then adds what the window's own frame
    /// takes from it.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.expect("window size");
        let inner = self.script("return [window.innerWidth, window.innerHeight]").await;
        let (w, h) = (
            inner[0].as_u64().unwrap_or(width.into()) as u32,
            inner[1].as_u64().unwrap_or(height.into()) as u32,
        );
        self.client
            .set_window_size(width + width.saturating_sub(w), height + height.saturating_sub(h))
            .await
            .expect("window size");
    }

    /// Whether the first element matching `css` lies wholly inside the
    /// viewport (`partly`: at least its top 40 pixels do).
    pub async fn in_viewport(&self, css: &str, partly: bool) -> bool {
        self.find(css).await;
        let js = format!(
            "const r = document.querySelector({css:?}).getBoundingClientRect(); \
             const h = window.innerHeight, w = window.innerWidth; \
             return r.top >= 0 && r.left >= 0 && r.right <= w && ({partly} ? r.top + Math.min(40, r.height) <= h : r.bottom <= h);"
        );
        self.script(&js).await == json!(true)
    }

    /// Where this browser's downloads land (shared with [`Browser::another_session`]).
    pub fn downloads(&self) -> PathBuf {
        self.caps["goog:chromeOptions"]["prefs"]["download.default_directory"]
            .as_str()
            .map(PathBuf::from)
            .expect("download directory")
    }

    /// Waits for a finished download whose name starts with `prefix`, and returns its text.
    pub async fn wait_download(&self, prefix: &str) -> String {
        let dir = self.downloads();
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            let done = std::fs::read_dir(&dir).into_iter().flatten().flatten().find(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(prefix) && !name.ends_with(".crdownload")
            });
            if let Some(file) = done {
                return std::fs::read_to_string(file.path()).expect("read download");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("nothing named {prefix}* was downloaded to {}", dir.display());
    }

    /// Presses keys on whatever has the focus, as a keyboard would (no element is targeted).
    pub async fn press(&self, keys: &[char]) {
        let mut actions = KeyActions::new("keyboard".into());
        for &key in keys {
            actions = actions
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key });
        }
        self.client.perform_actions(actions).await.expect("keys");
    }

    /// Presses `keys` together (a shortcut such as Ctrl+Z): all down, then all up.
    pub async fn chord(&self, keys: &[char]) {
        let mut actions = KeyActions::new("keyboard".into());
        for &key in keys {
            actions = actions.then(KeyAction::Down { value: key });
        }
        for &key in keys.iter().rev() {
            actions = actions.then(KeyAction::Up { value: key });
        }
        self.client.perform_actions(actions).await.expect("keys");
    }

    /// How many elements match `inner` inside the shadow root of `host`.
    pub async fn count_in_shadow(&self, host: &str, inner: &str) -> usize {
        let js =
            format!("return document.querySelector('{host}')?.shadowRoot?.querySelectorAll('{inner}').length ?? 0;");
        self.script(&js).await.as_u64().unwrap_or(0) as usize
    }

    /// Runs a script in the page and returns its result.
    pub async fn script(&self, js: &str) -> serde_json::Value {
        self.client.execute(js, vec![]).await.expect("script")
    }

    /// The `name` attribute of the first element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css).await.attr(name).await.expect("attribute")
    }

    /// The value of the form field matching `css`.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
    }

    /// Reloads the page.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
    }

    /// Registers on `/register` without an invite (the first user of a fresh
    /// server, who gets a team of their own) and waits until signed in.
    pub async fn register(&self, name: &str, email: &str) {
        self.goto("/register").await;
        self.fill("#display-name", name).await;
        self.fill("#email", email).await;
        self.fill("#password", "correct horse battery").await;
        self.click("form button[type=submit]").await;
        self.wait_text("[data-testid=signed-in-as]", name).await;
    }

    /// Waits until the URL's path and query are `want`.
    pub async fn wait_url(&self, want: &str) {
        let deadline = Instant::now() + TIMEOUT;
        let mut seen = String::new();
        while Instant::now() < deadline {
            if let Ok(url) = self.client.current_url().await {
                seen = match url.query() {
                    Some(q) => format!("{}?{q}", url.path()),
                    None => url.path().to_owned(),
                };
                if seen == want {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the URL never became {want} (last {seen})");
    }

    /// The server's database URL.
    pub fn database(&self) -> &str {
        &self.database
    }

    /// The server's base URL (`http://127.0.0.1:PORT`).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Moves the server's clock forward (the dev-only endpoint).
    pub async fn advance_clock(&self, seconds: i64) {
        let status = reqwest::Client::new()
            .post(format!("{}/api/v1/dev/clock", self.base))
            .json(&json!({ "seconds": seconds }))
            .send()
            .await
            .expect("dev clock")
            .status();
        assert_eq!(status, reqwest::StatusCode::NO_CONTENT);
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("navigate");
    }

    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        match self.client.wait().at_most(TIMEOUT).for_element(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => {
                self.screenshot("failure").await;
                let text = self.page_text().await;
                panic!("no element `{css}`: {e}; the page says: {text}")
            }
        }
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let input = self.find(css).await;
        // File inputs cannot be cleared; typing a path replaces their file.
        if input.attr("type").await.ok().flatten().as_deref() != Some("file") {
            input.clear().await.expect("clear");
        }
        input.send_keys(value).await.expect("type");
    }

    /// Types into the field matching `css` after what it holds.
    pub async fn type_text(&self, css: &str, value: &str) {
        self.find(css).await.send_keys(value).await.expect("type");
    }

    pub async fn click(&self, css: &str) {
        for _ in 0..5 {
            if self.find(css).await.click().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!("could not click {css}");
    }

    pub async fn click_link(&self, text: &str) {
        let link = self
            .client
            .wait()
            .at_most(TIMEOUT)
            .for_element(Locator::LinkText(text))
            .await
            .expect("link");
        link.click().await.expect("click link");
    }

    /// Clicks the element at `xpath`, finding it again if the page re-rendered
    /// it between finding and clicking (a stale element).
    pub async fn click_xpath(&self, xpath: &str) {
        for _ in 0..5 {
            let element = self
                .client
                .wait()
                .at_most(TIMEOUT)
                .for_element(Locator::XPath(xpath))
                .await
                .expect("element");
            if element.click().await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        panic!("could not click {xpath}");
    }

    pub async fn click_button(&self, text: &str) {
        let xpath = format!("//button[normalize-space(.)='{text}']");
        let button = self
            .client
            .wait()
            .at_most(TIMEOUT)
            .for_element(Locator::XPath(&xpath))
            .await
            .expect("button");
        button.click().await.expect("click button");
    }

    /// Waits until exactly `n` elements match `css`.
    pub async fn wait_count(&self, css: &str, n: usize) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.count(css).await == n {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.screenshot("failure").await;
        panic!(
            "`{css}` never matched exactly {n} elements (now {})",
            self.count(css).await
        );
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// The page's visible text.
    pub async fn page_text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    /// Waits until some element matching `css` contains `want`.
    pub async fn wait_text(&self, css: &str, want: &str) {
        let deadline = Instant::now() + TIMEOUT;
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            seen.clear();
            if let Ok(elements) = self.client.find_all(Locator::Css(css)).await {
                for e in elements {
                    if let Ok(text) = e.text().await {
                        if text.contains(want) {
                            return;
                        }
                        seen.push(text);
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.screenshot("failure").await;
        panic!("`{css}` never contained {want:?}; last seen: {seen:?}");
    }

    pub async fn wait_url_ends_with(&self, suffix: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self
                .client
                .current_url()
                .await
                .is_ok_and(|u| u.path().ends_with(suffix))
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the URL never ended with {suffix}");
    }

    /// The path of the current page, e.g. `/teams/…/sessions/…`.
    pub async fn current_path(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.path().to_owned())
            .unwrap_or_default()
    }

    /// Resizes the browser window (its viewport, in headless Chromium).
    pub async fn resize(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.expect("resize");
    }

    /// Saves a screenshot of the screen as it stands and checks it with
    /// axe-core (see [`Browser::check_accessibility`]): every screen a test
    /// shows is a screen people use.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(self.shots.join(format!("{name}.png")), png);
        }
        if name != "failure" {
            self.check_accessibility(name).await;
        }
    }

    /// Runs axe-core (WCAG 2.x A and AA rules and axe's best practices) on
    /// the page: any serious or critical violation fails the test, listed
    /// with the elements it concerns; every result is kept in
    /// `target/axe/{name}.json`.
    pub async fn check_accessibility(&self, name: &str) {
        let Some(axe) = axe_source() else {
            if in_ci() {
                panic!(
                    "CI=true but axe-core is missing: {} (scripts/test installs it with npm ci)",
                    AXE_PATH
                );
            }
            eprintln!(
                "\n!!! SKIPPED accessibility check of {name}: axe-core not installed ({}; run scripts/test)\n",
                AXE_PATH
            );
            return;
        };
        let loaded = self.script("return typeof window.axe === 'object'").await;
        if loaded != json!(true) {
            self.client
                .execute(&format!("{axe}\n;return true;"), vec![])
                .await
                .expect("load axe-core");
        }
        let found = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                    .then(r => done(r.violations.map(v => ({
                        id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))
                    }))))
                    .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));"#,
                vec![],
            )
            .await
            .expect("axe.run");
        let dir = self.shots.join("../axe");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(
            dir.join(format!("{name}.json")),
            serde_json::to_vec_pretty(&found).unwrap_or_default(),
        );
        let bad: Vec<&serde_json::Value> = found
            .as_array()
            .map(|v| {
                v.iter()
                    .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            bad.is_empty(),
            "{name}: serious or critical accessibility violations: {}",
            serde_json::to_string_pretty(&bad).unwrap_or_default()
        );
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

async fn session(port: u16, caps: serde_json::Map<String, serde_json::Value>) -> Client {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let mut builder = ClientBuilder::rustls().expect("rustls");
        match builder
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return client,
            Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(200)).await,
            Err(err) => panic!("cannot start a browser session: {err}"),
        }
    }
}

fn which(tool: &str) -> Option<String> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|p| p.is_file())
        .map(|p| p.display().to_string())
}
