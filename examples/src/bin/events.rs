//! `events` (Tokio): prints domain lifecycle and reboot events of every
//! domain until Ctrl-C (or until `--count N` events).
//!
//! ```text
//! events [-c URI] [-r] [--count N]
//! ```

use std::process::ExitCode;

use libvirt_tokio::{Client, CommandLine, DomainLifecycleEvent, DomainRebootEvent, Error};

async fn run(cmd: &CommandLine, count: Option<usize>) -> Result<(), Error> {
    let client = Client::connect_with(cmd.uri(), cmd.options()).await?;
    // One subscription per kind of event, of every domain (`None`); each
    // yields its kind's type, with the domain's handle on this client.
    let mut lifecycle = client.events::<DomainLifecycleEvent>(None).await?;
    let mut reboot = client.events::<DomainRebootEvent>(None).await?;
    eprintln!("waiting for events (Ctrl-C to stop)");
    let mut seen = 0;
    while count.is_none_or(|c| seen < c) {
        // A lifecycle event displays as `virsh event` prints it:
        // "event 'lifecycle' for domain 'test': Suspended Paused".
        let line = tokio::select! {
            e = lifecycle.next() => e.map(|e| e.map(|e| e.to_string())),
            e = reboot.next() => e.map(|e| {
                e.map(|e| format!("event 'reboot' for domain '{}'", e.domain.name()))
            }),
            _ = tokio::signal::ctrl_c() => break,
        };
        match line {
            Some(Ok(line)) => println!("{line}"),
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
