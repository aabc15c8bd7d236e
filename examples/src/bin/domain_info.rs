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
use libvirt_tokio::enums::ConnectListAllDomainsFlags;
use libvirt_tokio::prelude::*;
use libvirt_tokio::{Client, CommandLine, Error};

async fn run(cmd: &CommandLine) -> Result<(), Error> {
    let client = Client::connect_with(cmd.uri(), cmd.options()).await?;
    // Independent calls run concurrently on the one connection.
    let (lib, hv, host, uri) = tokio::try_join!(
        client.get_lib_version(),
        client.get_hyp_version(),
        client.get_hostname(),
        client.get_uri(),
    )?;
    println!("connected to {uri} on {host}");
    println!("libvirt {}, hypervisor {}", version(lib), version(hv));
    println!(
        "{:>4}  {:<20} {:<10} {:>10} {:>5}",
        "id", "name", "state", "memory", "vcpus"
    );
    for dom in client
        .list_all_domains(ConnectListAllDomainsFlags::empty())
        .await?
    {
        let info = dom.get_info().await?;
        let id = dom.id().map_or_else(|| "-".to_owned(), |id| id.to_string());
        println!(
            "{id:>4}  {:<20} {:<10} {:>7} MiB {:>5}",
            dom.name(),
            info.state.to_string(),
            info.memory_kib / 1024,
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
