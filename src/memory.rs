//! The allocator, and giving memory back to the system once a burst of
//! work is over (docs/architecture.md, "The first frame").
//!
//! Scoring a new day allocates and frees millions of small values (facts
//! decoded, reasons, Today's lines, encoded cache entries) on several
//! threads. mimalloc's per-thread free lists serve that with about a third
//! less CPU than glibc malloc (a new day at 50,000 partners: 1.2-1.5 s of
//! user time against 1.7-2.0 s). It is the global allocator of everything
//! built from this crate: the program, its tests and its benches alike.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_arena_eager_commit` and `mi_option_purge_delay`
/// (mimalloc.h's `mi_option_e`).
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory is committed as it is used, not an arena at a time, and freed
/// pages go back to the system at once rather than 10 ms later: the peak
/// is what is held, not what was reserved or held a moment ago. At 50,000
/// partners the Partners frame peaks at 36 MB so (50 MB with mimalloc's
/// defaults, 38 MB with glibc's malloc), Today at 103 MB (115 MB glibc),
/// a new day at 89-92 MB (89-94 MB glibc); no measurable cost in time.
///
/// mimalloc reserves its first arena on the first allocation, before
/// `main`: this runs as the program is loaded (from `.init_array`, as a C
/// constructor does), so the options hold from that arena on.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
pub static CONFIGURE_ALLOCATOR: extern "C" fn() = configure;

extern "C" fn configure() {
    // SAFETY: setting options of the allocator; no allocation is touched.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
}

/// Return the pages the allocator holds free to the system.
pub fn release_freed() {
    // SAFETY: mi_collect only releases free memory of the allocator's own
    // heaps; it touches no live allocation.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

#[cfg(test)]
mod tests {
    use super::{ARENA_EAGER_COMMIT, PURGE_DELAY};

    #[test]
    fn the_allocator_is_configured_before_anything_is_allocated() {
        // SAFETY: reading options of the allocator.
        let (eager, purge) = unsafe {
            (
                libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(PURGE_DELAY),
            )
        };
        assert_eq!((eager, purge), (0, 0));
    }
}
