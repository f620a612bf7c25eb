//! How much of each pipeline stage's time the allocator takes: the stages of the `pipeline`
//! bench, timed first with the system allocator and then, in the same run, with one that only
//! bumps a pointer through memory written before the clock starts.
//!
//! `GRAPHDOC_CORPUS=../shared/corpus cargo bench -p graphdoc-codegen --bench allocator`
//!
//! No real build allocates like the second half (nothing is ever freed, and page faults were
//! paid in advance), so its figures are not a goal. They bound what any cut in allocations can
//! buy, stage by stage: if the speed targets are missed even with allocation for free, fewer
//! allocations alone cannot meet them, and the work to remove is computation.
//!
//! The arena is `GRAPHDOC_ARENA_MIB` MiB (default 6144), written once before the bump rounds;
//! it must hold every allocation of every bump round, since nothing is reused. A round that
//! runs out of arena falls back to the system allocator and is not counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use graphdoc_codegen::{build_model, emit_tokens, parse_pages, EmitOptions, Source};

mod common;

/// The system allocator (behind one more branch) until [`Bump::arm`]; then a bump pointer
/// through one arena.
struct Bump {
    /// Arena start; 0 while unarmed.
    start: AtomicUsize,
    /// Arena end.
    end: AtomicUsize,
    /// Next free byte.
    next: AtomicUsize,
    /// Allocations the arena could not hold.
    spilled: AtomicUsize,
}

#[global_allocator]
static ALLOC: Bump = Bump {
    start: AtomicUsize::new(0),
    end: AtomicUsize::new(0),
    next: AtomicUsize::new(0),
    spilled: AtomicUsize::new(0),
};

impl Bump {
    /// Takes `bytes` from the system, writes every page of it, and serves allocations from it.
    fn arm(&self, bytes: usize) -> Result<(), String> {
        let layout = Layout::from_size_align(bytes, 4096).map_err(|e| e.to_string())?;
        // SAFETY: the layout is non-zero in size (checked by the caller).
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            return Err(format!("cannot allocate an arena of {} MiB", bytes >> 20));
        }
        // Page faults are paid here, not in the rounds.
        // SAFETY: `p` is valid for `bytes` writes.
        unsafe { std::ptr::write_bytes(p, 0, bytes) };
        let start = p as usize;
        self.next.store(start, Ordering::SeqCst);
        self.end.store(start + bytes, Ordering::SeqCst);
        self.start.store(start, Ordering::SeqCst);
        Ok(())
    }

    /// Bytes handed out from the arena so far.
    fn used(&self) -> usize {
        self.next.load(Ordering::Relaxed) - self.start.load(Ordering::Relaxed)
    }

    fn in_arena(&self, p: *mut u8) -> bool {
        let start = self.start.load(Ordering::Relaxed);
        start != 0 && (start..self.end.load(Ordering::Relaxed)).contains(&(p as usize))
    }
}

// SAFETY: arena blocks are disjoint (each is claimed by a compare-exchange on `next`), aligned
// as asked, and never reused; everything else goes to `System`, and each block is given back to
// whichever allocator made it.
unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if self.start.load(Ordering::Relaxed) != 0 {
            let end = self.end.load(Ordering::Relaxed);
            let mut next = self.next.load(Ordering::Relaxed);
            loop {
                let at = (next + layout.align() - 1) & !(layout.align() - 1);
                let Some(after) = at.checked_add(layout.size()).filter(|&a| a <= end) else {
                    self.spilled.fetch_add(1, Ordering::Relaxed);
                    break;
                };
                match self.next.compare_exchange_weak(
                    next,
                    after,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                ) {
                    Ok(_) => return at as *mut u8,
                    Err(now) => next = now,
                }
            }
        }
        // SAFETY: forwarded as received.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        if !self.in_arena(p) {
            // SAFETY: `p` came from `System.alloc` with this layout.
            unsafe { System.dealloc(p, layout) }
        }
    }
}

const ROUNDS: usize = 5;

/// `MemAvailable` of `/proc/meminfo`, where there is one.
fn available_mib() -> Option<usize> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// The fastest time of each stage over the rounds.
#[derive(Clone, Copy)]
struct Times {
    bare: Duration,
    parse: Duration,
    model: Duration,
    emit: Duration,
    /// Rounds counted.
    rounds: usize,
}

/// Runs bare iteration, parse, model and emit in turn, `count` times; outputs of a round are
/// dropped (untimed) before the next. With `budget`, stops early when the arena may not hold
/// another round, and ignores a round that spilled out of it.
fn rounds(texts: &[String], srcs: &[Source], count: usize, budget: Option<usize>) -> Option<Times> {
    let mut best: Option<Times> = None;
    let mut biggest = 0;
    for _ in 0..count {
        let (used, spilled) = (ALLOC.used(), ALLOC.spilled.load(Ordering::Relaxed));
        if budget.is_some_and(|b| used + biggest + biggest / 4 > b) {
            break;
        }
        let t = Instant::now();
        black_box(common::bare_iteration(texts));
        let bare = t.elapsed();
        let t = Instant::now();
        let (pages, _) = black_box(parse_pages(srcs));
        let parse = t.elapsed();
        let t = Instant::now();
        let (model, _) = black_box(build_model(&pages));
        let model_t = t.elapsed();
        let t = Instant::now();
        let tokens = black_box(emit_tokens(&model, &EmitOptions::default()));
        let emit = t.elapsed();
        drop((pages, model, tokens));
        biggest = biggest.max(ALLOC.used() - used);
        if ALLOC.spilled.load(Ordering::Relaxed) != spilled {
            continue;
        }
        let b = best.get_or_insert(Times {
            bare,
            parse,
            model: model_t,
            emit,
            rounds: 0,
        });
        b.rounds += 1;
        b.bare = b.bare.min(bare);
        b.parse = b.parse.min(parse);
        b.model = b.model.min(model_t);
        b.emit = b.emit.min(emit);
    }
    best
}

fn main() {
    let arena_mib: usize = std::env::var("GRAPHDOC_ARENA_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&m| m > 0)
        .unwrap_or(6144);
    let Some(corpus) = common::load() else {
        return;
    };
    let (folder, srcs, texts) = (corpus.folder, corpus.sources, corpus.texts);
    // Writing an arena larger than free memory would end in the kernel's OOM killer.
    if let Some(free) = available_mib().filter(|&free| free < arena_mib + 512) {
        println!("{free} MiB of memory available, too little for an arena of {arena_mib} MiB: set GRAPHDOC_ARENA_MIB lower (fewer bump rounds fit)");
        return;
    }
    let system = rounds(&texts, &srcs, ROUNDS, None).expect("ROUNDS > 0");
    if let Err(e) = ALLOC.arm(arena_mib << 20) {
        println!("{e}: set GRAPHDOC_ARENA_MIB lower");
        return;
    }
    let bump = rounds(&texts, &srcs, ROUNDS, Some(arena_mib << 20));
    let used_mib = ALLOC.used() as f64 / (1 << 20) as f64;

    println!("corpus {folder}: {} pages", srcs.len());
    let Some(bump) = bump else {
        println!(
            "the arena of {arena_mib} MiB holds no whole round: set GRAPHDOC_ARENA_MIB higher"
        );
        return;
    };
    println!(
        "fastest of {} rounds with the system allocator, {} with the bump allocator",
        system.rounds, bump.rounds
    );
    println!(
        "{:<24} {:>10} {:>8} {:>12} {:>8}",
        "stage", "system ms", "× bare", "bump ms", "× bare"
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let row = |name: &str, f: &dyn Fn(&Times) -> Duration| {
        println!(
            "{:<24} {:>10.1} {:>8.2} {:>12.1} {:>8.2}",
            name,
            ms(f(&system)),
            f(&system).as_secs_f64() / system.bare.as_secs_f64(),
            ms(f(&bump)),
            f(&bump).as_secs_f64() / bump.bare.as_secs_f64(),
        );
    };
    row("bare pulldown-cmark", &|t| t.bare);
    row("parse", &|t| t.parse);
    row("model", &|t| t.model);
    row("emit (tokens)", &|t| t.emit);
    row("parse + model", &|t| t.parse + t.model);
    row("parse + model + emit", &|t| t.parse + t.model + t.emit);
    println!(
        "arena: {used_mib:.0} MiB used over the bump rounds, of {arena_mib} MiB; {} allocations spilled",
        ALLOC.spilled.load(Ordering::Relaxed)
    );
}
