//! A real QEMU guest through libvirt-rs (Tokio): starts a transient domain
//! from an XML file, prints its console through libvirt-rs's two-way
//! console stream until its shell is up, runs a command in it, and then
//! moves a 64 MiB sparse volume up and down a `dir` pool with progress
//! lines, holes and all.
//!
//! ```text
//! guest -c URI --xml GUEST.xml --pool-dir DIR [--ready MARKER]
//! ```
//!
//! The demo runs it against a private full libvirtd with the guest of
//! `examples/scripts/test-guest.sh`.

use std::io::Write as _;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use libvirt_tokio::enums::{
    DomainConsoleFlags, DomainCreateFlags, StoragePoolCreateFlags, StorageVolCreateFlags,
    StorageVolDeleteFlags, StorageVolDownloadFlags, StorageVolUploadFlags,
};
use libvirt_tokio::{Chunk, Client, CommandLine, Domain, Error, StoragePool, StorageVol, Stream};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const MIB: u64 = 1 << 20;
const IMAGE: u64 = 64 * MIB;
/// Where the image holds data (1 MiB each); the rest is holes.
const DATA_AT: [u64; 3] = [0, 20 * MIB, 63 * MIB];

fn option(rest: &[String], name: &str) -> Option<String> {
    rest.iter()
        .position(|a| a == name)
        .and_then(|i| rest.get(i + 1))
        .cloned()
}

/// Reads the console until `want`, printing what comes; `send` is typed
/// once a second meanwhile (if any).
async fn console_until(console: &mut Stream, send: Option<&[u8]>, want: &str) -> Result<String> {
    let mut seen = String::new();
    let mut buf = vec![0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut next_send = Instant::now();
    while !seen.contains(want) {
        if Instant::now() > deadline {
            return Err(format!("{want:?} did not come on the console").into());
        }
        if let Some(bytes) = send.filter(|_| Instant::now() >= next_send) {
            console.write_all(bytes).await?;
            next_send = Instant::now() + Duration::from_secs(1);
        }
        match tokio::time::timeout(Duration::from_millis(250), console.read(&mut buf)).await {
            Ok(Ok(0)) => return Err("the console ended".into()),
            Ok(Ok(n)) => {
                // Busybox asks the terminal where its cursor is; drop that.
                let text = String::from_utf8_lossy(&buf[..n]).replace("\x1b[6n", "");
                print!("{}", text.replace('\r', ""));
                std::io::stdout().flush()?;
                seen.push_str(&text);
            }
            Ok(Err(e)) => return Err(e.into()),
            Err(_) => {}
        }
    }
    Ok(seen)
}

async fn guest(client: &Client, xml: &str, ready: &str) -> Result<()> {
    let started = Instant::now();
    let dom = Domain::create_xml(client, xml, DomainCreateFlags::empty()).await?;
    println!("started {} ({})", dom.name(), dom.uuid());
    let mut console = dom.open_console(None, DomainConsoleFlags::empty()).await?;
    println!("---- its console, through libvirt-rs's console stream ----");
    console_until(&mut console, None, ready).await?;
    console_until(&mut console, Some(b"\r"), "# ").await?;
    console_until(
        &mut console,
        Some(b"uname -sr; echo up $((6*7))\r"),
        "up 42",
    )
    .await?;
    println!();
    println!(
        "---- (detached) the shell answered {:.1} s after start",
        started.elapsed().as_secs_f64()
    );
    console.abort().await?;
    let info = dom.get_info().await?;
    println!(
        "{}: {} vCPU, {} MiB, {:.2} s of CPU so far",
        dom.name(),
        info.nr_virt_cpu,
        info.memory_kib / 1024,
        info.cpu_time_ns as f64 / 1e9
    );
    dom.destroy().await?;
    Ok(())
}

fn image() -> Vec<u8> {
    let mut bytes = vec![0u8; IMAGE as usize];
    for (i, &at) in DATA_AT.iter().enumerate() {
        for (j, b) in bytes[at as usize..(at + MIB) as usize]
            .iter_mut()
            .enumerate()
        {
            *b = (j as u8) ^ (i as u8 * 77) | 1;
        }
    }
    bytes
}

/// A progress line: redrawn in place on a terminal, printed once at the
/// end otherwise.
fn progress(what: &str, done: u64, data: u64, holes: u64) {
    use std::io::IsTerminal;
    let end = done == IMAGE;
    if !end && !std::io::stdout().is_terminal() {
        return;
    }
    print!(
        "\r{what}: {:5.1} / {} MiB ({:.1} MiB data, {:.1} MiB holes)",
        done as f64 / MIB as f64,
        IMAGE / MIB,
        data as f64 / MIB as f64,
        holes as f64 / MIB as f64
    );
    let _ = std::io::stdout().flush();
}

async fn volume(client: &Client, pool_dir: &str) -> Result<()> {
    std::fs::create_dir_all(pool_dir)?;
    let pool = StoragePool::create_xml(
        client,
        &format!(
            "<pool type='dir'><name>demo</name><target><path>{pool_dir}</path></target></pool>"
        ),
        StoragePoolCreateFlags::empty(),
    )
    .await?;
    let vol = StorageVol::create_xml(
        &pool,
        &format!(
            "<volume><name>disk.img</name><capacity unit='bytes'>{IMAGE}</capacity>\
             <allocation>0</allocation><target><format type='raw'/></target></volume>"
        ),
        StorageVolCreateFlags::empty(),
    )
    .await?;
    let source = image();

    // Up, sparse: data where there is data, holes elsewhere.
    let started = Instant::now();
    let mut up = vol
        .upload(0, 0, StorageVolUploadFlags::SPARSE_STREAM)
        .await?;
    let (mut at, mut data, mut holes) = (0u64, 0u64, 0u64);
    for &d in &DATA_AT {
        if d > at {
            up.send_hole(d - at)?;
            holes += d - at;
        }
        up.write_all(&source[d as usize..(d + MIB) as usize])
            .await?;
        data += MIB;
        at = d + MIB;
        progress("upload  ", at, data, holes);
    }
    up.finish().await?;
    println!("  in {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
    let on_disk = std::fs::metadata(format!("{pool_dir}/disk.img"))?;
    use std::os::unix::fs::MetadataExt;
    println!(
        "the volume: {} MiB long, {:.1} MiB on disk",
        on_disk.len() / MIB,
        (on_disk.blocks() * 512) as f64 / MIB as f64
    );

    // Down, sparse: holes come back as holes.
    let started = Instant::now();
    let mut down = vol
        .download(0, 0, StorageVolDownloadFlags::SPARSE_STREAM)
        .await?;
    let mut back = vec![0u8; IMAGE as usize];
    let (mut at, mut data, mut holes) = (0u64, 0u64, 0u64);
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match down.recv(&mut buf).await? {
            Chunk::Data(n) => {
                back[at as usize..at as usize + n].copy_from_slice(&buf[..n]);
                at += n as u64;
                data += n as u64;
            }
            Chunk::Hole(len) => {
                at += len;
                holes += len;
            }
            Chunk::Eof => break,
        }
        if at % MIB == 0 {
            progress("download", at, data, holes);
        }
    }
    println!("  in {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
    if back != source {
        return Err("the downloaded volume differs from what was uploaded".into());
    }
    println!("downloaded bytes equal the uploaded ones");
    vol.delete(StorageVolDeleteFlags::empty()).await?;
    pool.destroy().await?;
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let usage = "usage: guest -c URI --xml GUEST.xml --pool-dir DIR [--ready MARKER]";
    let cmd = match CommandLine::from_env() {
        Ok(cmd) => cmd,
        Err(e) => {
            eprintln!("guest: {e}\n{usage}");
            return ExitCode::from(2);
        }
    };
    let (Some(xml), Some(pool_dir)) = (option(&cmd.rest, "--xml"), option(&cmd.rest, "--pool-dir"))
    else {
        eprintln!("{usage}");
        return ExitCode::from(2);
    };
    let ready = option(&cmd.rest, "--ready").unwrap_or_else(|| "LIBVIRT-RS-GUEST-READY".into());
    let run = async {
        let xml = std::fs::read_to_string(&xml)?;
        let client = Client::connect_with(cmd.uri(), cmd.options()).await?;
        guest(&client, &xml, &ready).await?;
        volume(&client, &pool_dir).await?;
        client.close().await.map_err(|e: Error| e.into())
    };
    let result: Result<()> = run.await;
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("guest: {e}");
            ExitCode::FAILURE
        }
    }
}
