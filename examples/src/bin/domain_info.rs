//! `domain_info` (Tokio): the library and hypervisor versions, the host, and
//! every domain with its state, memory and vCPUs.
//!
//! ```text
//! domain_info [-c URI]
//! ```

use std::process::ExitCode;

use libvirt_examples::{Args, version};
use libvirt_tokio::enums::ConnectListAllDomainsFlags;
use libvirt_tokio::prelude::*;
use libvirt_tokio::{Client, Error, Options};

async fn run(uri: Option<&str>) -> Result<(), Error> {
    let client = Client::connect_with(uri, Options::new()).await?;
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
