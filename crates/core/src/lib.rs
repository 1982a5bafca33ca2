//! The emulator's behaviour.
