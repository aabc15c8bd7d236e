//! `domain_lifecycle` (blocking, no async runtime): list domains, or start,
//! shut down, destroy, suspend or resume one, as virsh does.
//!
//! ```text
//! domain_lifecycle [-c URI] [-r] list
//! domain_lifecycle [-c URI] start|shutdown|destroy|suspend|resume NAME
//! ```

use std::process::ExitCode;

use libvirt_blocking::libvirt_core::enums::DomainState;
use libvirt_blocking::libvirt_core::remote::NonnullDomain;
use libvirt_blocking::prelude::*;
use libvirt_blocking::{Client, CommandLine, Error};

fn state(client: &Client, dom: &NonnullDomain) -> Result<String, Error> {
    let s = client.domain_get_state(dom.clone(), 0)?;
    // A state displays as virsh prints it ("running", "shut off", ...).
    Ok(DomainState::from_raw(s.state).map_or_else(|| s.state.to_string(), |s| s.to_string()))
}

fn run(cmd: &CommandLine, command: &str, name: Option<&str>) -> Result<(), Error> {
    let client = Client::connect_with(cmd.uri(), cmd.options())?;
    if command == "list" {
        for dom in client.connect_list_all_domains(1, 0)?.domains {
            println!("{:<20} {}", dom.name, state(&client, &dom)?);
        }
        return client.close();
    }
    let name = name.unwrap_or_default();
    let dom = client.domain_lookup_by_name(name)?;
    match command {
        "start" => client.domain_create(dom.clone())?,
        "shutdown" => client.domain_shutdown(dom.clone())?,
        "destroy" => client.domain_destroy(dom.clone())?,
        "suspend" => client.domain_suspend(dom.clone())?,
        "resume" => client.domain_resume(dom.clone())?,
        _ => unreachable!("checked in main"),
    }
    println!("{command} {name}: now {}", state(&client, &dom)?);
    client.close()
}

fn main() -> ExitCode {
    let usage =
        "usage: domain_lifecycle [-c URI] [-r] list | start|shutdown|destroy|suspend|resume NAME";
    let cmd = match CommandLine::from_env() {
        Ok(cmd) => cmd,
        Err(e) => {
            eprintln!("domain_lifecycle: {e}\n{usage}");
            return ExitCode::from(2);
        }
    };
    let (command, name) = match cmd.rest.as_slice() {
        [c] if c == "list" => (c.as_str(), None),
        [c, n] if ["start", "shutdown", "destroy", "suspend", "resume"].contains(&c.as_str()) => {
            (c.as_str(), Some(n.as_str()))
        }
        _ => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    match run(&cmd, command, name) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("domain_lifecycle: {e}");
            ExitCode::FAILURE
        }
    }
}
