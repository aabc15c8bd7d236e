//! `domain_info` (Tokio): the library and hypervisor versions, the host, and
//! every domain with its state, memory and vCPUs.
//!
//! ```text
//! domain_info [-c URI]
//! ```

use std::process::ExitCode;

use libvirt_examples::{Args, version};
use libvirt_tokio::libvirt_core::enums::DomainState;
use libvirt_tokio::prelude::*;
use libvirt_tokio::{Client, Error, Options};

async fn run(uri: Option<&str>) -> Result<(), Error> {
    let client = Client::connect_with(uri, Options::new()).await?;
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
    let args = Args::from_env();
    if !args.rest.is_empty() {
        eprintln!("usage: domain_info [-c URI]");
        return ExitCode::from(2);
    }
    match run(args.uri.as_deref()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("domain_info: {e}");
            ExitCode::FAILURE
        }
    }
}
