//! Atomic writes: an output written to a new temporary file beside its target, flushed
//! and renamed over it, keeping the replaced file's mode, owner and group; and the check
//! a command that rewrites its input (`fmt`) makes that the invoking user may write it.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a new temporary file in the same folder, flushed to
/// disk and renamed over `path`, so that whoever reads `path`, even after a crash or a
/// kill, finds the old content or the new, whole. A replaced file keeps its mode, and
/// its owner and group: where the process may not give them to a new file, the file is
/// rewritten in place instead, from the finished temporary file.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// [`write_atomic`] of what `render` writes (buffered); when `render` fails, the
/// temporary file is removed and `path` is left as it was.
pub(crate) fn write_atomic_with(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // Through a symbolic link, the file it points to is replaced, not the link.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let existing = std::fs::metadata(&target).ok();
    // A device, a pipe or a socket (`-o /dev/null`, `-o >(gzip > x.gz)`) is written in
    // place: renaming over it would put a plain file where it was.
    if let Some(meta) = existing.as_ref().filter(|m| !m.is_file()) {
        if meta.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a directory",
            ));
        }
        let mut out = std::io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(&target)?);
        return render(&mut out).and_then(|_| out.flush());
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A new file `.NAME.RANDOM.tmp` beside the target, created exclusively (never one
    // that exists, nor a link planted there), and removed if anything below fails.
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new output gets the mode any new file gets (0666 less the umask), not
    // tempfile's private 0600; an existing file's mode is carried over below.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp);
    let result = render(&mut out)
        .and_then(|_| out.into_inner().map_err(std::io::IntoInnerError::into_error))
        .and_then(|tmp| {
            if let Some(meta) = &existing
                && !keep_owner_and_mode(tmp.as_file(), meta)?
            {
                // A file of another owner or group, which this process may write but
                // not hand over (a group-shared file): renaming would make it the
                // user's own, so it is rewritten in place, from the finished
                // temporary file, which is then removed.
                let mut from = tmp.reopen()?;
                let mut to = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(&target)?;
                std::io::copy(&mut from, &mut to)?;
                return to.sync_all();
            }
            tmp.as_file().sync_all()?;
            tmp.persist(&target).map(drop).map_err(|e| e.error)
        });
    result?;
    // The rename itself is made durable by flushing the folder (where the system allows).
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Gives the new file `file` the owner, group and mode of the file it replaces, as far
/// as the process may: the owner and group when allowed (root; or a group the user is
/// in), and the mode, with the set-user-id bit only if the owner was kept and the
/// set-group-id bit only if the group was (a file is never handed over with another
/// owner's privileges). Whether both owner and group were kept.
fn keep_owner_and_mode(file: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
        }
        let now = file.metadata()?;
        let mut mode = meta.mode() & 0o7777;
        if now.uid() != meta.uid() {
            mode &= !0o4000;
        }
        if now.gid() != meta.gid() {
            mode &= !0o2000;
        }
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        Ok(now.uid() == meta.uid() && now.gid() == meta.gid())
    }
    #[cfg(not(unix))]
    {
        file.set_permissions(meta.permissions())?;
        Ok(true)
    }
}

/// Whether the invoking user may write `path` in place: a rewrite by renaming over it
/// needs only the folder's permission, so a tool that rewrites its input (`fmt`) asks
/// the file's own first, as an editor or rustfmt would. `Err` holds the system's
/// reason ("Permission denied", "Read-only file system").
pub(crate) fn may_write_in_place(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        rustix::fs::access(path, rustix::fs::Access::WRITE_OK).map_err(std::io::Error::from)
    }
    #[cfg(not(unix))]
    {
        if std::fs::metadata(path)?.permissions().readonly() {
            return Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::write_atomic_with;

    #[test]
    fn a_render_that_fails_midway_leaves_the_file_as_it_was_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        let failed = write_atomic_with(&path, |out| {
            out.write_all(&[b'x'; 200_000])?;
            Err(std::io::Error::other("the renderer gave up"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.json")]);

        write_atomic_with(&path, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }
}
