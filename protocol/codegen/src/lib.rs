//! libvirt-codegen: reads libvirt's XDR protocol files (`.x`) and public C
//! headers, and generates the Rust types, procedure tables, typed events and
//! API surface used by libvirt-rs.
//!
//! The pipeline is `.x` text -> [`parser`] (nom) -> [`ast`] -> [`generate`]
//! (quote + prettyplease), with [`headers`] supplying the constants, enums and
//! flag sets of libvirt's public headers, and [`api`] reading libvirt's API
//! description and joining its functions to the procedures.

pub mod api;
pub mod ast;
pub mod generate;
pub mod headers;
pub mod params;
pub mod parser;
pub mod typed;
pub mod typed_events;
