//! Link the `rostra` binary as a position-dependent executable on Linux (glibc).
//!
//! A position-independent executable is relocated by the dynamic loader at every start:
//! rostra's has ~37,000 relative relocations over ~790 KB of read-only-after-relocation
//! pages, which cost each `rostra search` about 1 ms before `main` (measured with hyperfine:
//! `rostra --version` 2.1 ms → 1.2 ms, a search of the shared corpus 5.9 ms → 3.9 ms; a
//! process that does nothing takes 0.7 ms here). The code stays position-independent; only
//! the final link fixes its address, so the executable image loses address-space
//! randomisation (libraries, heap and stack keep it) — a fair trade for a command-line tool
//! that is started once per query.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
