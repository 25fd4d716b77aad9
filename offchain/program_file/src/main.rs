//! `program-file FILE.json`: checks a Vega referral-program proposal file and prints the
//! governance `propose` call it makes, as `cargo contract call` arguments. A bad file is
//! refused (exit 1) with the field or the rule it breaks, named as the contract names
//! it. The network caps are Vega's defaults (10 tiers, every factor cap 0.5).
use program_file::read;
use referral_common::program::ProgramLimits;

fn main() {
    let Some(path) = std::env::args().nth(1).filter(|a| a != "--help" && a != "-h") else {
        eprintln!("usage: program-file FILE.json\n\nChecks a Vega `proposalSubmission` file (the enable-or-replace-referral-program template)\nand prints governance's `propose` arguments for `cargo contract call --args`.");
        std::process::exit(2);
    };
    let json = match std::fs::read_to_string(&path) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match read(&json, &ProgramLimits::default()) {
        Ok(call) => {
            let args: Vec<String> = call.contract_args().iter().map(|a| format!("'{a}'")).collect();
            println!("--message propose --args {}", args.join(" "));
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
