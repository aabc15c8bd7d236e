//! `screenshot` (smol): saves a domain's screenshot, streamed from the
//! daemon straight into a file through `futures_io::AsyncRead`.
//!
//! ```text
//! screenshot [-c URI] [-r] NAME FILE
//! ```

use std::process::ExitCode;

use libvirt_smol::{Client, CommandLine, Domain, Error};

async fn run(cmd: &CommandLine, name: &str, file: &str) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::connect_with(cmd.uri(), cmd.options()).await?;
    let dom = Domain::lookup_by_name(&client, name).await?;
    let (mime, mut stream) = dom.screenshot(0).await?;
    let mut out = smol::fs::File::create(file).await?;
    let bytes = smol::io::copy(&mut stream, &mut out).await?;
    smol::io::AsyncWriteExt::flush(&mut out).await?;
    println!(
        "saved {bytes} bytes of {} to {file}",
        mime.unwrap_or_else(|| "unknown type".into())
    );
    client.close().await.map_err(|e: Error| e.into())
}

fn main() -> ExitCode {
    let usage = "usage: screenshot [-c URI] [-r] NAME FILE";
    let cmd = match CommandLine::from_env() {
        Ok(cmd) => cmd,
        Err(e) => {
            eprintln!("screenshot: {e}\n{usage}");
            return ExitCode::from(2);
        }
    };
    let [name, file] = cmd.rest.as_slice() else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    match smol::block_on(run(&cmd, name, file)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("screenshot: {e}");
            ExitCode::FAILURE
        }
    }
}
