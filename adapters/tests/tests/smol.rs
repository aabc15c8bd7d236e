//! The real-daemon suite through `libvirt-smol`.

mod async_suite;

use std::future::Future;
use std::time::Duration;

use async_suite::Rt;
use libvirt_client::{Client, Error, Options};

struct Smol;

impl Rt for Smol {
    fn block_on<T>(f: impl Future<Output = T>) -> T {
        smol::block_on(f)
    }

    async fn connect(uri: String, options: Options) -> Result<Client, Error> {
        libvirt_smol::Client::connect_with(Some(&uri), options)
            .await
            .map(Into::into)
    }

    async fn connect_reconnecting(
        uri: String,
        options: Options,
        policy: libvirt_client::ReconnectPolicy,
    ) -> Result<libvirt_client::Reconnecting, Error> {
        libvirt_smol::Client::connect_reconnecting(Some(&uri), options, policy).await
    }

    fn spawn<T: Send + 'static>(
        f: impl Future<Output = T> + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        smol::spawn(f)
    }

    async fn sleep(d: Duration) {
        smol::Timer::after(d).await;
    }
}

macro_rules! suite {
    ($($name:ident)*) => {$(
        #[test]
        fn $name() {
            async_suite::run::<Smol, _>(async_suite::$name::<Smol>);
        }
    )*};
}

suite! {
    open_close_unix
    open_close_tcp
    domains
    suspend_resume_with_events
    typed_lifecycle_events
    dropping_a_subscription_deregisters_it
    identical_subscriptions_share_one_registration
    strings_that_are_not_utf8_survive
    reconnecting_client_survives_a_daemon_restart
    reconnecting_client_fails_fast_and_gives_up_when_told
    networks_and_pools
    screenshot_matches_virsh
    missing_domain_is_a_typed_error
    read_only_connection_is_denied_writes
    fds_travel_with_a_call
    a_thousand_calls_from_32_tasks_with_cancellations
    daemon_killed_mid_call
    keepalive_detects_a_frozen_daemon
    close_reasons
    a_call_timeout_leaves_the_connection_usable
    a_call_bigger_than_the_socket_buffer_waits_for_room
    typed_handles_lookups_and_info
    typed_define_start_destroy_undefine
    typed_all_domain_stats_agree_with_virsh_on_2000_domains
    typed_parameters_reach_the_daemon_typed
}
