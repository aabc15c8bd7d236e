//! `screenshot` (smol): saves a domain's screenshot, streamed from the
//! daemon straight into a file through `futures_io::AsyncRead`.
//!
//! ```text
//! screenshot [-c URI] NAME FILE
//! ```

use std::process::ExitCode;

use libvirt_examples::Args;
use libvirt_smol::{Client, Domain, Error, Options};

async fn run(uri: Option<&str>, name: &str, file: &str) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::connect_with(uri, Options::new()).await?;
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
    let args = Args::from_env();
    let [name, file] = args.rest.as_slice() else {
        eprintln!("usage: screenshot [-c URI] NAME FILE");
        return ExitCode::from(2);
    };
    match smol::block_on(run(args.uri.as_deref(), name, file)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("screenshot: {e}");
            ExitCode::FAILURE
        }
    }
}
