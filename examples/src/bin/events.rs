//! `events` (Tokio): prints domain lifecycle and reboot events of every
//! domain until Ctrl-C (or until `--count N` events).
//!
//! ```text
//! events [-c URI] [-r] [--count N]
//! ```

use std::process::ExitCode;

use libvirt_tokio::libvirt_core::enums::{DomainEventID, DomainEventType};
use libvirt_tokio::libvirt_core::remote::Event;
use libvirt_tokio::{Client, CommandLine, Error};

fn describe(event: &Event) -> String {
    match event {
        Event::DomainEventCallbackLifecycle(e) => {
            // An event type displays as `virsh event` prints it ("Started",
            // "Suspended", ...).
            let kind = DomainEventType::from_raw(e.msg.event)
                .map_or_else(|| e.msg.event.to_string(), |k| k.to_string());
            format!("{}: {kind} (detail {})", e.msg.dom.name, e.msg.detail)
        }
        Event::DomainEventCallbackReboot(e) => format!("{}: reboot", e.msg.dom.name),
        other => format!("{other:?}"),
    }
}

async fn run(cmd: &CommandLine, count: Option<usize>) -> Result<(), Error> {
    let client = Client::connect_with(cmd.uri(), cmd.options()).await?;
    let mut lifecycle = client.domain_events(None, DomainEventID::Lifecycle).await?;
    let mut reboot = client.domain_events(None, DomainEventID::Reboot).await?;
    eprintln!("waiting for events (Ctrl-C to stop)");
    let mut seen = 0;
    while count.is_none_or(|c| seen < c) {
        let event = tokio::select! {
            e = lifecycle.next() => e,
            e = reboot.next() => e,
            _ = tokio::signal::ctrl_c() => break,
        };
        match event {
            Some(Ok(e)) => println!("{}", describe(&e)),
            Some(Err(e)) => return Err(e),
            None => break,
        }
        seen += 1;
    }
    // Dropping the subscriptions deregisters them; then close.
    drop((lifecycle, reboot));
    client.close().await
}

#[tokio::main]
async fn main() -> ExitCode {
    let usage = "usage: events [-c URI] [-r] [--count N]";
    let cmd = match CommandLine::from_env() {
        Ok(cmd) => cmd,
        Err(e) => {
            eprintln!("events: {e}\n{usage}");
            return ExitCode::from(2);
        }
    };
    let count = match cmd.rest.as_slice() {
        [] => None,
        [flag, n] if flag == "--count" => n.parse().ok(),
        _ => {
            eprintln!("{usage}");
            return ExitCode::from(2);
        }
    };
    match run(&cmd, count).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("events: {e}");
            ExitCode::FAILURE
        }
    }
}
