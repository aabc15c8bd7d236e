//! Live migration between two daemons, driven by the client as
//! `virDomainMigrate3` does it: the five steps of libvirt's migration
//! protocol version 3 (with parameters) over two connections.

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use libvirt_core::enums::DomainState;
use libvirt_core::remote::{self, RemoteApi, TypedParam, TypedParamValue};
use libvirt_xdr::ByteString;

use crate::{Client, Error, Runtime};

/// `VIR_MIGRATE_PARAM_URI`: where the source's QEMU sends the data
/// (`tcp://127.0.0.1`, ...); the destination's prepare step may choose it.
pub const PARAM_URI: &str = "migrate_uri";
/// `VIR_MIGRATE_PARAM_DEST_NAME`: the domain's name on the destination.
pub const PARAM_DEST_NAME: &str = "destination_name";
/// `VIR_MIGRATE_PARAM_DEST_XML`: the domain's XML on the destination (the
/// begin step's XML when not given).
pub const PARAM_DEST_XML: &str = "destination_xml";
/// `VIR_MIGRATE_PARAM_LISTEN_ADDRESS`: where the destination's QEMU
/// listens for the data.
pub const PARAM_LISTEN_ADDRESS: &str = "listen_address";
/// `VIR_MIGRATE_PARAM_BANDWIDTH` (MiB/s).
pub const PARAM_BANDWIDTH: &str = "bandwidth";

/// `VIR_MIGRATE_PAUSED`.
const VIR_MIGRATE_PAUSED: u32 = 0x20;
/// `VIR_MIGRATE_CHANGE_PROTECTION`.
const VIR_MIGRATE_CHANGE_PROTECTION: u32 = 0x100;
/// `VIR_MIGRATE_OFFLINE`.
const VIR_MIGRATE_OFFLINE: u32 = 0x400;
/// `VIR_DRV_FEATURE_MIGRATE_CHANGE_PROTECTION`.
const FEATURE_MIGRATE_CHANGE_PROTECTION: i32 = 7;

/// A string typed parameter.
pub fn string_param(field: &str, value: impl Into<ByteString>) -> TypedParam {
    TypedParam {
        field: field.into(),
        value: TypedParamValue::String(value.into()),
    }
}

/// `params` with `field` set to the string `value` (replaced if there).
fn with_string(
    mut params: Vec<TypedParam>,
    field: &str,
    value: impl Into<ByteString>,
) -> Vec<TypedParam> {
    params.retain(|p| p.field != field);
    params.push(string_param(field, value));
    params
}

/// Where a migration is, from the source's job information
/// (`virDomainGetJobInfo`), in bytes and time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MigrationProgress {
    /// Time since the job started.
    pub elapsed: Duration,
    /// Bytes to move in all (it grows as the guest dirties memory).
    pub data_total_bytes: u64,
    /// Bytes moved.
    pub data_processed_bytes: u64,
    /// Bytes left.
    pub data_remaining_bytes: u64,
    /// How long the guest was stopped for the switch-over, once the job
    /// is complete.
    pub downtime: Option<Duration>,
}

impl From<remote::DomainGetJobInfoRet> for MigrationProgress {
    fn from(j: remote::DomainGetJobInfoRet) -> Self {
        MigrationProgress {
            elapsed: Duration::from_millis(j.time_elapsed),
            data_total_bytes: j.data_total,
            data_processed_bytes: j.data_processed,
            data_remaining_bytes: j.data_remaining,
            downtime: None,
        }
    }
}

/// How a migration is made: the parameters and flags of
/// `virDomainMigrate3`, and how often to report progress.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Migration {
    /// `VIR_MIGRATE_PARAM_*` parameters.
    pub params: Vec<TypedParam>,
    /// `VIR_MIGRATE_*` flags (`VIR_MIGRATE_LIVE` is 1).
    pub flags: u32,
    /// How often the source's job information is read while the data
    /// moves.
    pub progress_every: Duration,
}

impl Migration {
    /// A live migration (`VIR_MIGRATE_LIVE`) with no parameters.
    pub fn live() -> Migration {
        Migration {
            params: Vec::new(),
            flags: 1,
            progress_every: Duration::from_millis(200),
        }
    }

    /// How often progress is reported.
    pub fn progress_every(mut self, every: Duration) -> Migration {
        self.progress_every = every;
        self
    }

    /// Adds a string parameter (`PARAM_URI`, `PARAM_LISTEN_ADDRESS`, ...).
    pub fn param(mut self, field: &str, value: &str) -> Migration {
        self.params = with_string(self.params, field, value);
        self
    }
}

/// Migrates `dom` from `source`'s daemon to `dest`'s, as libvirt's
/// client-side `virDomainMigrate3` does (protocol version 3 with
/// parameters):
///
/// 1. begin on the source: the domain's XML and a cookie;
/// 2. prepare on the destination (with that XML unless
///    [`PARAM_DEST_XML`] is given): it gets ready to receive, and may
///    name the migration URI;
/// 3. perform on the source: the data moves; meanwhile the source's job
///    information goes to `progress` every
///    [`Migration::progress_every`];
/// 4. finish on the destination: the domain runs there (or, if perform
///    failed, is cleaned up);
/// 5. confirm on the source: it stops there (or, if anything failed,
///    resumes there).
///
/// As in libvirt: a paused guest migrates paused, the source's change
/// protection is used where it has it, the destination gets the XML that
/// begin made, an offline migration skips perform, and the steps have no
/// call timeout. If a step fails, the steps that undo it run and its error
/// is returned; once finish has succeeded the guest runs on the
/// destination, and a failed confirm is only logged. `runtime` provides the
/// timer for progress.
pub async fn migrate(
    runtime: &dyn Runtime,
    source: &Client,
    dest: &Client,
    dom: remote::NonnullDomain,
    migration: Migration,
    mut progress: impl FnMut(MigrationProgress) + Send,
) -> Result<remote::NonnullDomain, Error> {
    // The data may take longer than any call timeout: the steps have none.
    let (source, dest) = (&source.with_timeout(None), &dest.with_timeout(None));
    let mut flags = migration.flags;
    // The domain is protected from changes between the steps where the
    // source's driver can do it.
    let protection = if flags & VIR_MIGRATE_CHANGE_PROTECTION == 0
        && source
            .connect_supports_feature(FEATURE_MIGRATE_CHANGE_PROTECTION)
            .await
            .is_ok_and(|yes| yes != 0)
    {
        VIR_MIGRATE_CHANGE_PROTECTION
    } else {
        0
    };
    let begin = source
        .domain_migrate_begin3_params(dom.clone(), migration.params.clone(), flags | protection)
        .await?;
    // A paused guest stays paused on the destination.
    if source
        .domain_get_state(dom.clone(), 0)
        .await
        .is_ok_and(|s| s.state == DomainState::Paused.as_raw())
    {
        flags |= VIR_MIGRATE_PAUSED;
    }
    // The destination gets the XML the source made migratable.
    let mut params = with_string(migration.params, PARAM_DEST_XML, begin.xml);
    // VIR_MIGRATE_ABORT_ON_ERROR and VIR_MIGRATE_AUTO_CONVERGE concern the
    // source only.
    let dest_flags = flags & !(0x1000 | 0x2000);
    let prepare = match dest
        .domain_migrate_prepare3_params(params.clone(), begin.cookie_out, dest_flags)
        .await
    {
        Ok(p) => p,
        Err(e) => {
            // No need to finish. Begin started a job on the source if it
            // protects the domain: confirm the cancellation to end it.
            if protection != 0 {
                let undo = source
                    .domain_migrate_confirm3_params(dom, params, Vec::new(), flags | protection, 1)
                    .await;
                if let Err(u) = undo {
                    tracing::warn!(error = %u, "migrate: confirming the cancellation on the source failed");
                }
            }
            return Err(e);
        }
    };
    if let Some(uri) = prepare.uri_out {
        params = with_string(params, PARAM_URI, uri);
    }
    let perform = if flags & VIR_MIGRATE_OFFLINE != 0 {
        // Nothing runs, so nothing moves: straight to finish.
        Ok(Vec::new())
    } else {
        let call = source.domain_migrate_perform3_params(
            dom.clone(),
            None,
            params.clone(),
            prepare.cookie_out,
            flags | protection,
        );
        watch(
            runtime,
            source,
            &dom,
            call,
            migration.progress_every,
            &mut progress,
        )
        .await
    };
    // Finish finds the domain by its name on the destination.
    if !params.iter().any(|p| p.field == PARAM_DEST_NAME) {
        params = with_string(params, PARAM_DEST_NAME, &dom.name);
    }
    let (cookie, cancelled) = match &perform {
        Ok(c) => (c.clone(), 0),
        Err(_) => (Vec::new(), 1),
    };
    let finish = dest
        .domain_migrate_finish3_params(params.clone(), cookie, dest_flags, cancelled)
        .await;
    if let Err(e) = perform {
        // A failed perform has told the source already (libvirt skips
        // confirm here); finish cleaned the destination up.
        if finish.is_ok() {
            tracing::error!("migrate: finish ignored that the migration was cancelled");
        }
        return Err(e);
    }
    let (cookie, cancelled) = match &finish {
        Ok(f) => (f.cookie_out.clone(), 0),
        Err(_) => (Vec::new(), 1),
    };
    let confirm = source
        .domain_migrate_confirm3_params(dom, params, cookie, flags | protection, cancelled)
        .await;
    let finished = finish?;
    // The whole job, as the destination saw it end: a short migration may
    // be over before the source's first look.
    if let Some(p) = completed_job(dest, &finished.dom).await {
        progress(p);
    }
    if let Err(e) = confirm {
        // The guest runs on the destination: that is the result. The
        // source may have kept a paused copy.
        tracing::warn!(error = %e, "migrate: confirm failed; the guest may be left paused on the source");
    }
    Ok(finished.dom)
}

/// The statistics of the job that just completed on a daemon
/// (`virDomainGetJobStats` with `VIR_DOMAIN_JOB_STATS_COMPLETED`).
async fn completed_job(client: &Client, dom: &remote::NonnullDomain) -> Option<MigrationProgress> {
    let stats = client.domain_get_job_stats(dom.clone(), 1).await.ok()?;
    let field = |name: &str| {
        stats
            .params
            .iter()
            .find(|p| p.field == name)
            .and_then(|p| match p.value {
                TypedParamValue::Ullong(n) => Some(n),
                TypedParamValue::Uint(n) => Some(u64::from(n)),
                _ => None,
            })
    };
    Some(MigrationProgress {
        elapsed: Duration::from_millis(field("time_elapsed")?),
        data_total_bytes: field("data_total").unwrap_or(0),
        data_processed_bytes: field("data_processed").unwrap_or(0),
        data_remaining_bytes: field("data_remaining").unwrap_or(0),
        downtime: field("downtime").map(Duration::from_millis),
    })
}

/// Runs the perform call, reporting the source's job information every
/// `every` until it is done.
async fn watch(
    runtime: &dyn Runtime,
    source: &Client,
    dom: &remote::NonnullDomain,
    call: impl Future<Output = Result<Vec<u8>, Error>>,
    every: Duration,
    progress: &mut (impl FnMut(MigrationProgress) + Send),
) -> Result<Vec<u8>, Error> {
    let mut call = pin!(call);
    loop {
        let mut tick = runtime.sleep(every);
        let done = poll_fn(|cx| {
            if let Poll::Ready(r) = call.as_mut().poll(cx) {
                return Poll::Ready(Some(r));
            }
            tick.as_mut().poll(cx).map(|()| None)
        })
        .await;
        if let Some(result) = done {
            return result;
        }
        // A job that has not started yet, or is over, has nothing to say.
        match source.domain_get_job_info(dom.clone()).await {
            Ok(info) if info.r#type != 0 => progress(info.into()),
            Ok(_) => {}
            Err(e) => tracing::debug!(error = %e, "migrate: no job information"),
        }
    }
}
