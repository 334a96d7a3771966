//! The frontend bundle is embedded from `frontend/dist` (built by
//! `scripts/build-frontend.sh`). A server built before the frontend still
//! compiles: it then answers page requests with a "frontend not built" notice.
fn main() {
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/dist");
    if let Err(err) = std::fs::create_dir_all(&dist) {
        println!("cargo:warning=cannot create {}: {err}", dist.display());
    }
    println!("cargo:rerun-if-changed=../frontend/dist");
    println!("cargo:rerun-if-changed=../migrations");
}
