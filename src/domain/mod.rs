//! Types and rules of the Mechanism. Pure: no SQL, no terminal, no clock;
//! every date comes in as an argument.

pub mod accession;
pub mod blocking;
pub mod checks;
pub mod clusters;
pub mod directory;
pub mod engine;
pub mod figures;
pub mod gate;
pub mod hash;
pub mod interchange;
pub mod lots;
pub mod model;
pub mod next_cluster;
pub mod pace;
pub mod periods;
pub mod registers;
pub mod roster;
pub mod stages;
pub mod stats;
pub mod tallies;
pub mod text;
