//! The sandbox tests: the suite's release bundles deployed in drink's in-process
//! runtime. One test binary (a module per subject) so that the runtime is compiled and
//! linked into a single executable.
mod access_control;
mod bonus_hold;
mod frak;
mod governance;
mod hostile_input;
mod month;
mod program_month;
mod properties;
mod psp22_interface;
mod reentrancy;
mod staking;
mod staking_entry;
mod vault;
mod vault_entry;
