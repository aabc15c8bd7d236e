//! `domain_info` (Tokio): the library and hypervisor versions, the host, and
//! every domain with its state, memory and vCPUs.
//!
//! ```text
//! domain_info [-c URI] [-r]
//! ```
//!
//! Without `-c`, it connects to `LIBVIRT_DEFAULT_URI`, else to the
//! daemon's default, as virsh does.

use std::process::ExitCode;

use libvirt_examples::version;
use libvirt_tokio::libvirt_core::enums::DomainState;
use libvirt_tokio::prelude::*;
use libvirt_tokio::{Client, CommandLine, Error};

async fn run(cmd: &CommandLine) -> Result<(), Error> {
    let client = Client::connect_with(cmd.uri(), cmd.options()).await?;
    // Independent calls run concurrently on the one connection.
    let (lib, hv, host, uri) = tokio::try_join!(
        client.connect_get_lib_version(),
        client.connect_get_version(),
        client.connect_get_hostname(),
        client.connect_get_uri(),
    )?;
    println!("connected to {uri} on {host}");
    println!("libvirt {}, hypervisor {}", version(lib), version(hv));
    let domains = client.connect_list_all_domains(1, 0).await?.domains;
    println!(
        "{:>4}  {:<20} {:<10} {:>10} {:>5}",
        "id", "name", "state", "memory", "vcpus"
    );
    for dom in domains {
        let info = client.domain_get_info(dom.clone()).await?;
        // A state displays as virsh prints it ("running", "shut off", ...).
        let state = DomainState::from_raw(i32::from(info.state))
            .map_or_else(|| info.state.to_string(), |s| s.to_string());
        let id = if dom.id < 0 {
            "-".to_string()
        } else {
            dom.id.to_string()
        };
        println!(
            "{id:>4}  {:<20} {state:<10} {:>7} MiB {:>5}",
            dom.name,
            info.memory / 1024,
            info.nr_virt_cpu
        );
    }
    client.close().await
}

#[tokio::main]
async fn main() -> ExitCode {
    let usage = "usage: domain_info [-c URI] [-r]";
    let cmd = match CommandLine::from_env() {
        Ok(cmd) if cmd.rest.is_empty() => cmd,
        Ok(_) => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("domain_info: {e}\n{usage}");
            return ExitCode::from(2);
        }
    };
    match run(&cmd).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("domain_info: {e}");
            ExitCode::FAILURE
        }
    }
}
