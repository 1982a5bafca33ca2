//! `--templates DIR`: template files for provisioning artifacts, read from `DIR/BUCKET/KEY`
//! (spec provisioning §6.1) and never from outside `DIR`.
//!
//! How escapes are prevented: the name is first checked by core's one path-safety rule
//! ([`S3Location::new`]: no `..`, `.`, empty segment, absolute key, backslash or NUL). Then the
//! file is opened through a capability handle on `DIR` (cap-std's `Dir`), which resolves every
//! component relative to that handle, following a symlink only while the target stays beneath
//! `DIR` (openat2 `RESOLVE_BENEATH` where the kernel has it, component-by-component `O_NOFOLLOW`
//! walking otherwise). Unlike canonicalize-then-open, nothing can be swapped between the check
//! and the open: the check *is* the open. Symlinks inside `DIR` that point elsewhere inside `DIR`
//! work; ones that leave it read as "no file".
//!
//! Only regular files are read: directories, FIFOs, sockets and devices are "no file", and the
//! open itself is non-blocking so a FIFO swapped in after the check cannot hang a reader. At
//! most [`MAX_TEMPLATE_BYTES`] are read; a larger file is refused without reading it.

use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use cap_std::ambient_authority;
use cap_std::fs::{Dir, File, OpenOptions};
use sclocal_core::cloudformation::{
    S3Location, TemplateSource, TemplateSourceError, MAX_TEMPLATE_BYTES,
};

/// The template files below one directory.
#[derive(Debug)]
pub struct TemplateDir {
    root: Dir,
    path: PathBuf,
    max_bytes: usize,
}

impl TemplateDir {
    /// Opens `path` (which must be a directory) as the template root. The handle is kept, so
    /// renaming or replacing the path later does not move the root.
    pub fn open(path: &Path) -> io::Result<Self> {
        let root = Dir::open_ambient_dir(path, ambient_authority())?;
        Ok(Self {
            root,
            path: path.to_path_buf(),
            max_bytes: MAX_TEMPLATE_BYTES,
        })
    }

    /// The same directory with another size limit (tests use a small one).
    #[must_use]
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// The directory as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Opens a regular file at `relative` beneath the root, `Ok(None)` for anything else.
    fn open_file(&self, relative: &Path) -> io::Result<Option<File>> {
        // Refuse directories and special files before opening them at all.
        if !self.root.metadata(relative)?.is_file() {
            return Ok(None);
        }
        let mut options = OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use cap_std::fs::OpenOptionsExt as _;
            options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
        }
        let file = self.root.open_with(relative, &options)?;
        // Checked again on the handle: the name may have changed since the first look.
        Ok(file.metadata()?.is_file().then_some(file))
    }
}

impl TemplateSource for TemplateDir {
    fn template(&self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, TemplateSourceError> {
        let Some(location) = S3Location::new(bucket, key) else {
            return Ok(None);
        };
        let mut relative = PathBuf::from(location.bucket());
        relative.extend(location.key_segments());
        let unreadable = |e: io::Error| TemplateSourceError::Unreadable {
            bucket: bucket.to_owned(),
            key: key.to_owned(),
            reason: e.to_string(),
        };
        let too_large = || TemplateSourceError::TooLarge {
            bucket: bucket.to_owned(),
            key: key.to_owned(),
            limit: self.max_bytes,
        };
        let file = match self.open_file(&relative) {
            Ok(Some(file)) => file,
            Ok(None) => return Ok(None),
            Err(e) if is_no_file(&e) => return Ok(None),
            Err(e) => return Err(unreadable(e)),
        };
        let limit = u64::try_from(self.max_bytes).unwrap_or(u64::MAX);
        let length = file.metadata().map_err(unreadable)?.len();
        if length > limit {
            return Err(too_large());
        }
        let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
        // The file may grow after the size check: never read past the limit.
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() > self.max_bytes {
            return Err(too_large());
        }
        Ok(Some(bytes))
    }
}

/// Errors that mean "there is no such template here": missing, an escape refused by the
/// capability handle (PermissionDenied), a file used as a directory, a symlink loop.
fn is_no_file(e: &io::Error) -> bool {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return true;
    }
    matches!(
        e.kind(),
        io::ErrorKind::NotFound
            | io::ErrorKind::PermissionDenied
            | io::ErrorKind::NotADirectory
            | io::ErrorKind::IsADirectory
            | io::ErrorKind::InvalidFilename
            | io::ErrorKind::InvalidInput
    )
}

#[cfg(test)]
mod tests;
