//! Pages of records: what a listing primitive answers.

/// Where a page ends, as the engine that made it understands it. Core only carries it (page
/// tokens wrap it, bound to their list); it never looks inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor(i64);

impl Cursor {
    /// A cursor at an engine's position.
    pub fn new(position: i64) -> Self {
        Cursor(position)
    }

    /// The engine's position.
    pub fn position(self) -> i64 {
        self.0
    }
}

/// A page of records and the cursor to continue after the last one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The records.
    pub items: Vec<T>,
    /// Where the next page starts, if there is one.
    pub next: Option<Cursor>,
}
