//! The bundle provider in `src/lib.rs` builds the contracts while this crate compiles,
//! and cargo cannot see that dependency: make it recompile when a contract changes.
fn main() {
    println!("cargo:rerun-if-changed=../../contracts");
    println!("cargo:rerun-if-changed=../../vendor");
    println!("cargo:rerun-if-changed=../../Cargo.lock");
}
