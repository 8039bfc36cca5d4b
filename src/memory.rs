//! Giving memory back to the system once a burst of work is over.
//!
//! Scoring a new day on several threads fills each thread's malloc arena
//! with summaries that are dropped once they are saved; glibc keeps those
//! pages, so the screens' own allocations afterwards would come on top of
//! them. Returning them keeps the cockpit's peak near what it holds
//! (docs/architecture.md, "The first frame").

/// Return the pages every malloc arena holds free to the system.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator's own
    // arenas; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
