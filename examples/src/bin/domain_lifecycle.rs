//! `domain_lifecycle` (blocking, no async runtime): list domains, or start,
//! shut down, destroy, suspend or resume one, as virsh does.
//!
//! ```text
//! domain_lifecycle [-c URI] [-r] list
//! domain_lifecycle [-c URI] start|shutdown|destroy|suspend|resume NAME
//! ```

use std::process::ExitCode;

use libvirt_blocking::enums::ConnectListAllDomainsFlags;
use libvirt_blocking::prelude::*;
use libvirt_blocking::{Client, CommandLine, Domain, Error};

fn run(cmd: &CommandLine, command: &str, name: Option<&str>) -> Result<(), Error> {
    let client = Client::connect_with(cmd.uri(), cmd.options())?;
    if command == "list" {
        for dom in client.list_all_domains(ConnectListAllDomainsFlags::empty())? {
            println!("{:<20} {}", dom.name(), dom.get_state()?.state);
        }
        return client.close();
    }
    let dom = Domain::lookup_by_name(&client, name.unwrap_or_default())?;
    match command {
        "start" => dom.create()?,
        "shutdown" => dom.shutdown()?,
        "destroy" => dom.destroy()?,
        "suspend" => dom.suspend()?,
        "resume" => dom.resume()?,
        _ => unreachable!("checked in main"),
    }
    println!("{command} {}: now {}", dom.name(), dom.get_state()?.state);
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
