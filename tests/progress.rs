//! Saved progress: the file round-trips; a write interrupted at every step leaves the
//! old file or the new one; corrupt and newer files are set aside with a notice; two
//! writers (threads and processes) never lose each other's work; the reports read in
//! both languages. Every test works in its own temporary directory.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use kasseika::exercise::{self, ExerciseState, Outcome, Status};
use kasseika::i18n::{Lang, Localizer, MISSING};
use kasseika::lesson::LessonId;
use kasseika::progress::store::{
    AsideReason, FileStore, Fs, FsFile, LearnerId, MemoryStore, Notice, OsFs, ProgressStore,
    StoreError,
};
use kasseika::progress::{self, FileError, Progress, Reading, Stamp, report};
use proptest::prelude::*;

fn loc() -> &'static Localizer {
    static LOC: OnceLock<Localizer> = OnceLock::new();
    LOC.get_or_init(|| Localizer::embedded().expect("texts load"))
}

fn at(ms: u64) -> Stamp {
    Stamp::from_millis(1_778_927_400_000 + ms)
}

fn ex(lesson: &str, name: &str) -> &'static exercise::Exercise {
    exercise::find_exercise(lesson, name).unwrap()
}

/// Answers `text` to an exercise and keeps the record in `p`.
fn answer(p: &mut Progress, lesson: &str, name: &str, text: &str, now: Stamp) -> Outcome {
    let mut s = p.exercise_state(ex(lesson, name));
    let outcome = s.answer(text);
    p.record_exercise(&s, now);
    outcome
}

fn solve(p: &mut Progress, lesson: &str, name: &str, now: Stamp) {
    let e = ex(lesson, name);
    let right = match e.kind {
        exercise::Kind::Number { answer, .. } => kasseika::number::display(answer),
        exercise::Kind::Choice { answer, .. } => answer.to_string(),
        exercise::Kind::Find { example, .. } => example.to_string(),
    };
    let outcome = answer(p, lesson, name, &right, now);
    assert!(matches!(outcome, Outcome::Right { .. }), "{lesson}/{name}");
}

/// A learner halfway through the course.
fn sample() -> Progress {
    let mut p = Progress::new();
    p.mark_read(LessonId::Intro, at(1));
    p.set_place(LessonId::Intro, 14, "", at(1));
    solve(&mut p, "intro", "regression", at(2));
    let _ = answer(&mut p, "intro", "linear", "1", at(3));
    solve(&mut p, "intro", "linear", at(4));
    p.mark_read(LessonId::Step, at(5));
    let mut s = p.exercise_state(ex("step", "tiny"));
    let _ = s.answer("0");
    let _ = s.answer("1");
    s.skip();
    p.record_exercise(&s, at(6));
    p.set_place(LessonId::Sigmoid, 12, "36, 37", at(7));
    solve(&mut p, "sigmoid", "half", at(8));
    let _ = answer(&mut p, "sigmoid", "rounded", "5", at(9));
    let _ = answer(&mut p, "sigmoid", "rounded", "20", at(10));
    let _ = answer(&mut p, "sigmoid", "rounded", "30", at(11));
    p
}

#[test]
fn the_model_reports_what_the_learner_did() {
    let p = sample();
    assert_eq!(p.resume(), Some(LessonId::Sigmoid));
    let place = p.place(LessonId::Sigmoid).unwrap();
    assert_eq!((place.scroll, place.typed.as_str()), (12, "36, 37"));
    let intro = p.lesson(LessonId::Intro);
    assert_eq!(
        (intro.reading, intro.solved, intro.total),
        (Reading::Read, 2, 3)
    );
    let step = p.lesson(LessonId::Step);
    assert_eq!(
        (step.reading, step.solved, step.skipped),
        (Reading::Read, 0, 1)
    );
    assert_eq!(p.lesson(LessonId::Sigmoid).reading, Reading::Opened);
    assert_eq!(p.lesson(LessonId::Relu).reading, Reading::NotStarted);
    assert_eq!(
        p.status(ex("intro", "linear")),
        Status::Solved {
            wrong: 1,
            seen_answer: false
        }
    );
    assert_eq!(p.status(ex("step", "tiny")), Status::Skipped { wrong: 2 });
    assert_eq!(
        p.status(ex("sigmoid", "rounded")),
        Status::Tried { wrong: 3 }
    );
    let c = p.course();
    assert_eq!((c.read, c.lessons, c.solved, c.skipped), (2, 9, 3, 1));
    assert_eq!(c.exercises, exercise::all().count());
    assert_eq!(p.updated(), Some(at(11)));
    // The next session picks the hints up where they were.
    assert_eq!(p.exercise_state(ex("sigmoid", "rounded")).record().wrong, 3);
}

#[test]
fn the_next_exercise_is_the_first_open_one_then_the_skipped_ones() {
    let mut p = Progress::new();
    let names = |e: Option<&exercise::Exercise>| e.map(|e| e.name);
    assert_eq!(names(p.next_exercise(LessonId::Step)), Some("zero"));
    solve(&mut p, "step", "zero", at(0));
    let mut s = p.exercise_state(ex("step", "slope"));
    s.skip();
    p.record_exercise(&s, at(1));
    assert_eq!(names(p.next_exercise(LessonId::Step)), Some("tiny"));
    solve(&mut p, "step", "tiny", at(2));
    assert_eq!(names(p.next_exercise(LessonId::Step)), Some("slope"));
    solve(&mut p, "step", "slope", at(3));
    assert_eq!(names(p.next_exercise(LessonId::Step)), None);
}

#[test]
fn typed_text_and_names_are_capped() {
    let mut p = Progress::new();
    p.set_place(LessonId::Relu, 0, &"あ".repeat(500), at(0));
    assert_eq!(
        p.place(LessonId::Relu).unwrap().typed.chars().count(),
        progress::MAX_TYPED
    );
    p.set_name(&"n".repeat(500), at(1));
    assert_eq!(p.name().unwrap().len(), progress::MAX_NAME);
}

#[test]
fn the_file_round_trips_and_is_versioned_and_readable() {
    let mut p = sample();
    p.set_name("taro", at(20));
    p.set_language("ja", at(21));
    p.set_language("en", at(21));
    assert_eq!(
        p.language(),
        Some("en"),
        "the later choice, even in the same millisecond"
    );
    let json = p.to_json();
    let text = String::from_utf8(json.clone()).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"kasseika/progress\",\n  \"version\": 1,"));
    assert!(
        text.contains("\"rounded\": {\n          \"wrong\": 3,\n"),
        "{text}"
    );
    assert!(
        text.contains("\"at\": \"2026-05-16T10:30:00.007Z\""),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
    assert_eq!(Progress::from_json(&json), Ok(p));
    assert_eq!(
        Progress::from_json(&Progress::new().to_json()),
        Ok(Progress::new())
    );
}

#[test]
fn the_fields_added_for_hints_answers_and_reading_are_optional() {
    // A file written before them loads as it did.
    let old = r#"{
      "format": "kasseika/progress", "version": 1, "epoch": 0,
      "lessons": {
        "sigmoid": { "read": true, "exercises": { "half": { "solved": true, "wrong": 1 } } }
      }
    }"#;
    let p = Progress::from_json(old.as_bytes()).unwrap();
    let record = p.record(ex("sigmoid", "half"));
    assert!(record.solved && record.answer.is_none() && record.hints == 0);
    assert_eq!(p.lesson(LessonId::Sigmoid).reading, Reading::Read);
    // Written with them, they come back; without anything to say, they are not
    // written at all.
    let mut q = Progress::new();
    let mut s = q.exercise_state(ex("sigmoid", "half"));
    s.hint();
    s.answer("50%");
    q.record_exercise(&s, at(3));
    q.add_time(LessonId::Sigmoid, 1500);
    q.mark_end(LessonId::Sigmoid, at(4));
    let text = String::from_utf8(q.to_json()).unwrap();
    assert!(
        text.contains("\"hints\": 1")
            && text.contains("\"value\": \"50%\"")
            && text.contains("\"time\": 1500")
            && text.contains("\"end\": true"),
        "{text}"
    );
    assert_eq!(Progress::from_json(text.as_bytes()), Ok(q));
    let plain = String::from_utf8(Progress::new().to_json()).unwrap();
    assert!(
        !plain.contains("hints") && !plain.contains("time"),
        "{plain}"
    );
}

#[test]
fn lessons_and_exercises_of_a_newer_build_are_kept() {
    let text = r#"{
      "format": "kasseika/progress", "version": 1, "epoch": 0,
      "lessons": {
        "modern": { "read": true, "exercises": { "gelu": { "solved": true } } },
        "sigmoid": { "exercises": { "future": { "wrong": 2 } } }
      }
    }"#;
    let mut p = Progress::from_json(text.as_bytes()).unwrap();
    solve(&mut p, "sigmoid", "half", at(0));
    let again = Progress::from_json(&p.to_json()).unwrap();
    assert!(again.lesson_record("modern").unwrap().exercises["gelu"].solved);
    assert_eq!(
        again.lesson_record("sigmoid").unwrap().exercises["future"].wrong,
        2
    );
    assert_eq!(
        again.lesson_ids().collect::<Vec<_>>(),
        ["modern", "sigmoid"]
    );
}

#[test]
fn files_that_are_not_progress_of_this_version_are_errors() {
    let corrupt = |text: &str| {
        matches!(
            Progress::from_json(text.as_bytes()),
            Err(FileError::Corrupt { .. })
        )
    };
    assert!(corrupt(""));
    assert!(corrupt(
        "{\"format\": \"kasseika/progress\", \"version\": 1, \"lessons\": {"
    ));
    assert!(corrupt("[1, 2]"));
    assert!(corrupt("{\"version\": 1}"));
    assert!(corrupt("{\"format\": \"other\", \"version\": 1}"));
    assert!(corrupt("{\"format\": \"kasseika/progress\"}"));
    assert!(corrupt(
        "{\"format\": \"kasseika/progress\", \"version\": 0}"
    ));
    assert!(corrupt(
        "{\"format\": \"kasseika/progress\", \"version\": 1, \"epoch\": -1}"
    ));
    assert!(corrupt(
        "{\"format\": \"kasseika/progress\", \"version\": 1, \"updated\": \"tomorrow\"}"
    ));
    assert_eq!(
        Progress::from_json(b"{\"format\": \"kasseika/progress\", \"version\": 7}"),
        Err(FileError::Newer { version: 7 })
    );
}

// Merging.

fn arb_progress() -> impl Strategy<Value = Progress> {
    let exercises: Vec<&'static exercise::Exercise> = exercise::all().collect();
    let n = exercises.len();
    (
        0u32..2,
        prop::collection::vec((0..n, 0u32..4, 0u8..4, 0u8..3, 0u64..5), 0..8),
        prop::collection::vec((0usize..7, 0u32..50, "[a-z0-9, ]{0,6}", 0u64..5), 0..4),
        prop::collection::vec(0usize..7, 0..3),
        prop::option::of(("[a-z]{1,4}", 0u64..5)),
        prop::option::of((prop_oneof![Just("en"), Just("ja")], 0u64..5)),
        prop::collection::vec((0usize..7, 0u64..100_000, any::<bool>()), 0..3),
    )
        .prop_map(
            move |(epoch, answers, places, reads, name, language, times)| {
                let mut p = Progress::new();
                for _ in 0..epoch {
                    p = p.reset();
                }
                for (i, wrong, what, hints, t) in answers {
                    let e = exercises[i];
                    let mut s = p.exercise_state(e);
                    for _ in 0..hints {
                        let _ = s.hint();
                    }
                    for _ in 0..wrong {
                        let _ = s.answer("12345");
                    }
                    match what {
                        0 => s.skip(),
                        1 => {
                            let _ = s.answer(&match e.kind {
                                exercise::Kind::Number { answer, .. } => {
                                    kasseika::number::display(answer)
                                }
                                exercise::Kind::Choice { answer, .. } => answer.to_string(),
                                exercise::Kind::Find { example, .. } => example.to_string(),
                            });
                        }
                        _ => {}
                    }
                    p.record_exercise(&s, at(t));
                }
                for (l, ms, end) in times {
                    p.add_time(LessonId::ALL[l], ms);
                    if end {
                        p.mark_end(LessonId::ALL[l], at(0));
                    }
                }
                for (l, scroll, typed, t) in places {
                    p.set_place(LessonId::ALL[l], scroll, &typed, at(t));
                }
                for l in reads {
                    p.mark_read(LessonId::ALL[l], at(0));
                }
                if let Some((n, t)) = name {
                    p.set_name(&n, at(t));
                }
                if let Some((code, t)) = language {
                    p.set_language(code, at(t));
                }
                p
            },
        )
}

fn merged(a: &Progress, b: &Progress) -> Progress {
    let mut m = a.clone();
    m.merge(b);
    m
}

proptest! {
    #[test]
    fn merging_is_commutative_associative_and_idempotent(
        a in arb_progress(), b in arb_progress(), c in arb_progress()
    ) {
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        prop_assert_eq!(merged(&a, &a), a.clone());
        // Nothing solved is lost (in the same epoch).
        if a.epoch() == b.epoch() {
            let m = merged(&a, &b);
            for e in exercise::all() {
                if a.record(e).solved || b.record(e).solved {
                    prop_assert!(m.record(e).solved);
                }
                prop_assert!(m.record(e).wrong >= a.record(e).wrong.max(b.record(e).wrong));
            }
        }
    }

    #[test]
    fn any_progress_round_trips_through_its_file(p in arb_progress()) {
        prop_assert_eq!(Progress::from_json(&p.to_json()), Ok(p));
    }
}

#[test]
fn a_reset_is_not_undone_by_an_older_copy() {
    let old = sample();
    let reset = old.reset();
    assert!(reset.is_empty());
    assert_eq!(merged(&reset, &old), reset);
    assert_eq!(merged(&old, &reset), reset);
    // Work after the reset merges as usual.
    let mut later = reset.clone();
    solve(&mut later, "relu", "negative", at(50));
    assert_eq!(merged(&reset, &later).course().solved, 1);
}

#[test]
fn an_answer_made_after_a_reset_elsewhere_is_kept() {
    // A process still holds the old progress (h(2) answered wrong once) when
    // `kasseika progress --reset` runs elsewhere; then its learner answers h(2).
    let mut open = sample();
    answer(&mut open, "sigmoid", "two", "0.1", at(10));
    let reset = open.reset_at(at(20));
    answer(&mut open, "sigmoid", "two", "0.88", at(30));
    for m in [merged(&reset, &open), merged(&open, &reset)] {
        assert_eq!(m.epoch(), reset.epoch());
        assert!(m.record(ex("sigmoid", "two")).solved, "{m:?}");
        // What was done before the reset stays reset.
        assert_eq!(m.course().solved, 1, "{m:?}");
        assert!(!m.record(ex("intro", "regression")).solved);
    }
    // Through the store, as the open process saves.
    let d = dir();
    let store = FileStore::local(d.path());
    let me = LearnerId::local();
    let mut open = sample();
    store.save(&me, &open).unwrap();
    store.reset(&me).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    answer(&mut open, "sigmoid", "two", "0.88", Stamp::now());
    let saved = store.save(&me, &open).unwrap().progress;
    assert!(saved.record(ex("sigmoid", "two")).solved);
    assert_eq!(saved.course().solved, 1);
    assert!(
        store
            .load(&me)
            .unwrap()
            .progress
            .record(ex("sigmoid", "two"))
            .solved
    );
}

// The file store.

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn the_local_store_saves_loads_and_lists() {
    let d = dir();
    let store = FileStore::local(d.path().join("kasseika"));
    let me = LearnerId::local();
    assert_eq!(store.load(&me).unwrap().progress, Progress::new());
    assert!(
        !d.path().join("kasseika").exists(),
        "looking creates no folder"
    );
    assert_eq!(store.list().unwrap(), []);
    let saved = store.save(&me, &sample()).unwrap();
    assert_eq!(saved.progress, sample());
    assert!(saved.notices.is_empty());
    let path = store.path(&me).unwrap();
    assert_eq!(path, d.path().join("kasseika").join("progress.json"));
    assert_eq!(store.load(&me).unwrap().progress, sample());
    assert_eq!(store.list().unwrap(), std::slice::from_ref(&me));
    assert_eq!(
        names_in(store.dir()),
        ["progress.json", "progress.lock"],
        "no temporary file is left"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the learner reads it");
    }
    let other = LearnerId::new("someone").unwrap();
    assert!(matches!(
        store.save(&other, &sample()),
        Err(StoreError::NotHere { .. })
    ));
}

#[test]
fn the_server_store_keeps_a_file_per_learner() {
    let d = dir();
    let store = FileStore::per_learner(d.path());
    let a = LearnerId::from_key_fingerprint("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")
        .unwrap();
    let b = LearnerId::from_key_fingerprint("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")
        .unwrap();
    let mut pa = Progress::new();
    solve(&mut pa, "relu", "negative", at(0));
    store.save(&a, &pa).unwrap();
    store.save(&b, &sample()).unwrap();
    // Stray files are not learners.
    std::fs::write(d.path().join("notes.txt"), "x").unwrap();
    std::fs::write(d.path().join("Bad Name.json"), "{}").unwrap();
    let mut listed = store.list().unwrap();
    listed.sort();
    let mut expected = vec![a.clone(), b.clone()];
    expected.sort();
    assert_eq!(listed, expected);
    assert_eq!(store.load(&a).unwrap().progress, pa);
    assert_eq!(store.load(&b).unwrap().progress, sample());
    // A server restart is a new store on the same folder.
    let restarted = FileStore::per_learner(d.path());
    assert_eq!(restarted.load(&a).unwrap().progress, pa);
}

#[test]
fn saving_merges_with_what_another_process_saved() {
    let d = dir();
    let one = FileStore::local(d.path());
    let two = FileStore::local(d.path());
    let me = LearnerId::local();
    let mut a = Progress::new();
    let mut b = Progress::new();
    solve(&mut a, "sigmoid", "half", at(1));
    solve(&mut b, "relu", "negative", at(2));
    one.save(&me, &a).unwrap();
    let both = two.save(&me, &b).unwrap().progress;
    assert_eq!(both.course().solved, 2, "the second save returns both");
    assert_eq!(one.load(&me).unwrap().progress, both);
}

#[test]
fn reset_starts_afresh_in_the_store_too() {
    let d = dir();
    let store = FileStore::local(d.path());
    let me = LearnerId::local();
    let stale = sample();
    store.save(&me, &stale).unwrap();
    let fresh = store.reset(&me).unwrap().progress;
    assert!(fresh.is_empty() && fresh.epoch() == 1);
    // Another process still holding the old progress saves it: the reset stands.
    let after = store.save(&me, &stale).unwrap().progress;
    assert!(after.is_empty(), "{after:?}");
}

// Corrupt and newer files.

fn set_aside_file(notices: &[Notice]) -> (PathBuf, AsideReason) {
    match notices {
        [Notice::SetAside { to, why, .. }] => (to.clone(), why.clone()),
        other => panic!("expected one notice, got {other:?}"),
    }
}

#[test]
fn a_corrupt_file_is_set_aside_with_a_notice_never_overwritten() {
    let d = dir();
    let store = FileStore::local(d.path());
    let me = LearnerId::local();
    let path = store.path(&me).unwrap();
    let garbage = b"{\"format\": \"kasseika/progress\", \"version\": 1, \"lessons\": {\"si";
    std::fs::write(&path, garbage).unwrap();
    let loaded = store.load(&me).unwrap();
    assert_eq!(loaded.progress, Progress::new());
    let (aside, why) = set_aside_file(&loaded.notices);
    assert!(matches!(why, AsideReason::Corrupt { .. }));
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        garbage,
        "kept byte for byte"
    );
    let name = aside.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("progress.json.corrupt-2") && name.ends_with('Z'),
        "{name}"
    );
    assert!(!path.exists());
    for lang in Lang::ALL {
        let text = loaded.notices[0].message(loc().tr(lang));
        assert!(text.contains(name) && !text.contains(MISSING), "{text}");
    }
    // Saving now writes a fresh file beside the one set aside.
    store.save(&me, &sample()).unwrap();
    assert_eq!(store.load(&me).unwrap().progress, sample());
    assert_eq!(std::fs::read(&aside).unwrap(), garbage);
    // A second corrupt file in the same second gets a name of its own.
    std::fs::write(&path, "not json").unwrap();
    let again = store.save(&me, &Progress::new()).unwrap();
    let (aside2, _) = set_aside_file(&again.notices);
    assert_ne!(aside2, aside);
    assert_eq!(std::fs::read(&aside2).unwrap(), b"not json");
    assert_eq!(std::fs::read(&aside).unwrap(), garbage);
}

#[test]
fn a_file_from_a_newer_version_is_set_aside_too() {
    let d = dir();
    let store = FileStore::local(d.path());
    let me = LearnerId::local();
    let newer = br#"{"format": "kasseika/progress", "version": 2, "lessons": {}}"#;
    std::fs::write(store.path(&me).unwrap(), newer).unwrap();
    let saved = store.save(&me, &sample()).unwrap();
    let (aside, why) = set_aside_file(&saved.notices);
    assert_eq!(why, AsideReason::Newer { version: 2 });
    assert_eq!(std::fs::read(&aside).unwrap(), newer);
    assert!(aside.to_str().unwrap().contains("progress.json.newer-"));
    for lang in Lang::ALL {
        let text = saved.notices[0].message(loc().tr(lang));
        assert!(text.contains('2') && !text.contains(MISSING), "{text}");
    }
}

#[test]
fn a_huge_file_is_set_aside_without_being_read_whole() {
    let d = dir();
    let store = FileStore::local(d.path());
    let me = LearnerId::local();
    let path = store.path(&me).unwrap();
    let f = File::create(&path).unwrap();
    f.set_len(kasseika::progress::store::MAX_FILE_BYTES * 4)
        .unwrap();
    let loaded = store.load(&me).unwrap();
    assert_eq!(set_aside_file(&loaded.notices).1, AsideReason::TooLarge);
}

// A write interrupted at every step.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// The step fails; the store goes on (and cleans up).
    Fail,
    /// The step fails and nothing runs after it, as if the process were killed.
    Crash,
}

/// The real file system, with step number `fail_at` failing.
struct FailingFs {
    fail_at: usize,
    mode: Mode,
    steps: AtomicUsize,
    dead: AtomicBool,
}

impl FailingFs {
    fn new(fail_at: usize, mode: Mode) -> Arc<FailingFs> {
        Arc::new(FailingFs {
            fail_at,
            mode,
            steps: AtomicUsize::new(0),
            dead: AtomicBool::new(false),
        })
    }

    /// Whether this step fails (counting it).
    fn fails(&self) -> bool {
        if self.dead.load(Ordering::SeqCst) {
            return true;
        }
        let n = self.steps.fetch_add(1, Ordering::SeqCst);
        if n == self.fail_at {
            if self.mode == Mode::Crash {
                self.dead.store(true, Ordering::SeqCst);
            }
            return true;
        }
        false
    }

    fn step<T>(&self, f: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
        if self.fails() {
            Err(io::Error::other("injected failure"))
        } else {
            f()
        }
    }
}

struct FailingFile {
    inner: Box<dyn FsFile>,
    fs: Arc<FailingFs>,
}

impl FsFile for FailingFile {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.fs.fails() {
            // A write cut short: half the bytes reach the file.
            let _ = self.inner.write_all(&bytes[..bytes.len() / 2]);
            return Err(io::Error::other("injected short write"));
        }
        self.inner.write_all(bytes)
    }
    fn sync_all(&mut self) -> io::Result<()> {
        let fs = self.fs.clone();
        fs.step(|| self.inner.sync_all())
    }
}

struct Shared(Arc<FailingFs>);

impl Fs for Shared {
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        self.0.step(|| OsFs.create_dir_all(dir))
    }
    fn open_lock(&self, path: &Path) -> io::Result<File> {
        self.0.step(|| OsFs.open_lock(path))
    }
    fn read(&self, path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
        self.0.step(|| OsFs.read(path, limit))
    }
    fn create_new(&self, path: &Path) -> io::Result<Box<dyn FsFile>> {
        let inner = self.0.step(|| OsFs.create_new(path))?;
        Ok(Box::new(FailingFile {
            inner,
            fs: self.0.clone(),
        }))
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.0.step(|| OsFs.rename(from, to))
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.0.step(|| OsFs.sync_dir(dir))
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.0.step(|| OsFs.remove_file(path))
    }
    fn read_dir(&self, dir: &Path) -> io::Result<Option<Vec<OsString>>> {
        self.0.step(|| OsFs.read_dir(dir))
    }
    fn exists(&self, path: &Path) -> io::Result<bool> {
        self.0.step(|| OsFs.exists(path))
    }
}

/// How many steps a save takes when nothing fails.
fn steps_of_a_save(setup: impl Fn(&Path)) -> usize {
    let d = dir();
    setup(d.path());
    let fs = FailingFs::new(usize::MAX, Mode::Fail);
    let store = FileStore::local(d.path()).with_fs(Arc::new(Shared(fs.clone())));
    store.save(&LearnerId::local(), &sample()).unwrap();
    fs.steps.load(Ordering::SeqCst)
}

#[test]
fn a_write_interrupted_at_every_step_leaves_the_old_file_or_the_new_one() {
    let me = LearnerId::local();
    let mut old = Progress::new();
    solve(&mut old, "overflow", "naive", at(0));
    let new = merged(&old, &sample());
    let setup = |d: &Path| {
        FileStore::local(d).save(&me, &old).unwrap();
        // A temporary file left by an earlier kill: the save removes it.
        std::fs::write(d.join(".progress.json.tmp-1-1"), "half a fi").unwrap();
    };
    let total = steps_of_a_save(setup);
    assert!(
        total >= 9,
        "lock, read, temp, write, sync, rename, sync dir: {total}"
    );
    for mode in [Mode::Fail, Mode::Crash] {
        for fail_at in 0..total {
            let d = dir();
            setup(d.path());
            let fs = FailingFs::new(fail_at, mode);
            let store = FileStore::local(d.path()).with_fs(Arc::new(Shared(fs)));
            let result = store.save(&me, &sample());
            let on_disk =
                Progress::from_json(&std::fs::read(d.path().join("progress.json")).unwrap())
                    .unwrap_or_else(|e| panic!("{mode:?} at step {fail_at}: broken file: {e}"));
            assert!(
                on_disk == old || on_disk == new,
                "{mode:?} at step {fail_at}: neither the old nor the new file"
            );
            if result.is_ok() {
                assert_eq!(on_disk, new, "{mode:?} at step {fail_at}: Ok but not saved");
            }
            if mode == Mode::Fail && result.is_err() {
                // The store cleaned its own temporary file up (a stale one may remain
                // if removing it was the step that failed).
                let temps = names_in(d.path())
                    .into_iter()
                    .filter(|n| n.contains(".tmp-") && n != ".progress.json.tmp-1-1")
                    .count();
                assert_eq!(temps, 0, "{mode:?} at step {fail_at}");
            }
            // Whatever happened, the next save succeeds and leaves no temporary file.
            let next = FileStore::local(d.path()).save(&me, &sample()).unwrap();
            assert_eq!(next.progress, new);
            assert!(
                names_in(d.path()).iter().all(|n| !n.contains(".tmp-")),
                "{mode:?} at step {fail_at}: {:?}",
                names_in(d.path())
            );
        }
    }
}

#[test]
fn a_failure_while_setting_a_corrupt_file_aside_never_loses_it() {
    let me = LearnerId::local();
    let garbage = b"{ not progress";
    let setup = |d: &Path| std::fs::write(d.join("progress.json"), garbage).unwrap();
    let total = steps_of_a_save(setup);
    for mode in [Mode::Fail, Mode::Crash] {
        for fail_at in 0..total {
            let d = dir();
            setup(d.path());
            let store =
                FileStore::local(d.path()).with_fs(Arc::new(Shared(FailingFs::new(fail_at, mode))));
            let _ = store.save(&me, &sample());
            // The garbage survives somewhere: in place or set aside.
            let kept = names_in(d.path())
                .iter()
                .any(|n| std::fs::read(d.path().join(n)).is_ok_and(|b| b == garbage));
            assert!(kept, "{mode:?} at step {fail_at}: {:?}", names_in(d.path()));
        }
    }
}

/// The real file system, writing down each operation.
#[derive(Default)]
struct Recorder(std::sync::Mutex<Vec<String>>);

impl Recorder {
    fn note(&self, op: &str, path: &Path) {
        let name = path.file_name().unwrap().to_string_lossy();
        let name = if name.contains(".tmp-") {
            "TEMP".into()
        } else {
            name
        };
        self.0.lock().unwrap().push(format!("{op} {name}"));
    }
}

struct RecordingFile(Box<dyn FsFile>, Arc<Recorder>);

impl FsFile for RecordingFile {
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.1.note("write", Path::new("TEMP"));
        self.0.write_all(bytes)
    }
    fn sync_all(&mut self) -> io::Result<()> {
        self.1.note("fsync", Path::new("TEMP"));
        self.0.sync_all()
    }
}

struct Recording(Arc<Recorder>);

impl Fs for Recording {
    fn create_dir_all(&self, dir: &Path) -> io::Result<()> {
        OsFs.create_dir_all(dir)
    }
    fn open_lock(&self, path: &Path) -> io::Result<File> {
        self.0.note("lock", path);
        OsFs.open_lock(path)
    }
    fn read(&self, path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
        self.0.note("read", path);
        OsFs.read(path, limit)
    }
    fn create_new(&self, path: &Path) -> io::Result<Box<dyn FsFile>> {
        self.0.note("create", path);
        Ok(Box::new(RecordingFile(
            OsFs.create_new(path)?,
            self.0.clone(),
        )))
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        let from_name = from.file_name().unwrap().to_string_lossy().to_string();
        let from_name = if from_name.contains(".tmp-") {
            "TEMP".into()
        } else {
            from_name
        };
        self.0.note(&format!("rename {from_name} to"), to);
        OsFs.rename(from, to)
    }
    fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        self.0.0.lock().unwrap().push("fsync dir".into());
        OsFs.sync_dir(dir)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.0.note("remove", path);
        OsFs.remove_file(path)
    }
    fn read_dir(&self, dir: &Path) -> io::Result<Option<Vec<OsString>>> {
        OsFs.read_dir(dir)
    }
    fn exists(&self, path: &Path) -> io::Result<bool> {
        OsFs.exists(path)
    }
}

#[test]
fn a_save_flushes_the_new_file_before_the_rename_and_the_folder_after() {
    let d = dir();
    let log = Arc::new(Recorder::default());
    let store = FileStore::local(d.path()).with_fs(Arc::new(Recording(log.clone())));
    store.save(&LearnerId::local(), &sample()).unwrap();
    assert_eq!(
        *log.0.lock().unwrap(),
        [
            "lock progress.lock",
            "read progress.json",
            "create TEMP",
            "write TEMP",
            "fsync TEMP",
            "rename TEMP to progress.json",
            "fsync dir",
        ]
    );
    // Setting a corrupt file aside is flushed too, before the new file is written.
    std::fs::write(d.path().join("progress.json"), "{").unwrap();
    log.0.lock().unwrap().clear();
    store.save(&LearnerId::local(), &sample()).unwrap();
    let ops = log.0.lock().unwrap().clone();
    assert!(
        ops[2].starts_with("rename progress.json to progress.json.corrupt-"),
        "{ops:?}"
    );
    assert_eq!(ops[3], "fsync dir");
    assert_eq!(ops[4], "create TEMP");
}

// Two writers.

#[test]
fn two_writer_threads_never_lose_each_others_exercises() {
    let d = dir();
    let path = d.path().to_path_buf();
    let all: Vec<&'static exercise::Exercise> = exercise::all().collect();
    let halves: Vec<Vec<&'static exercise::Exercise>> = vec![
        all.iter().step_by(2).copied().collect(),
        all.iter().skip(1).step_by(2).copied().collect(),
    ];
    std::thread::scope(|scope| {
        for half in &halves {
            let path = path.clone();
            scope.spawn(move || {
                // Each writer is its own store, as another process would be.
                let store = FileStore::local(&path);
                let me = LearnerId::local();
                let mut mine = store.load(&me).unwrap().progress;
                for (i, e) in half.iter().enumerate() {
                    solve(&mut mine, e.lesson.id(), e.name, at(i as u64));
                    mine = store.save(&me, &mine).unwrap().progress;
                }
            });
        }
    });
    let p = FileStore::local(d.path())
        .load(&LearnerId::local())
        .unwrap()
        .progress;
    for e in all {
        assert_eq!(
            p.status(e),
            Status::Solved {
                wrong: 0,
                seen_answer: false
            },
            "{}",
            e.key()
        );
    }
}

const CHILD_DIR: &str = "KASSEIKA_TEST_PROGRESS_DIR";
const CHILD_PART: &str = "KASSEIKA_TEST_PROGRESS_PART";

/// Run as a child process by `two_writer_processes_...`: solves its share of the
/// exercises, saving after each one.
#[test]
#[ignore = "run as a child process by two_writer_processes_never_lose_each_others_exercises"]
fn child_writer() {
    let (Ok(dir), Ok(part)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_PART)) else {
        return;
    };
    let part: usize = part.parse().unwrap();
    let store = FileStore::local(dir);
    let me = LearnerId::local();
    let mut mine = Progress::new();
    for (i, e) in exercise::all().enumerate().filter(|(i, _)| i % 2 == part) {
        solve(&mut mine, e.lesson.id(), e.name, at(i as u64));
        mine = store.save(&me, &mine).unwrap().progress;
    }
}

#[test]
fn two_writer_processes_never_lose_each_others_exercises() {
    let d = dir();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..2)
        .map(|part| {
            std::process::Command::new(&exe)
                .args(["--ignored", "--exact", "child_writer", "--test-threads=1"])
                .env(CHILD_DIR, d.path())
                .env(CHILD_PART, part.to_string())
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let p = FileStore::local(d.path())
        .load(&LearnerId::local())
        .unwrap()
        .progress;
    assert_eq!(p.course().solved, exercise::all().count(), "{p:?}");
}

#[test]
fn a_lock_held_too_long_is_an_error_not_a_hang() {
    let d = dir();
    let store = FileStore::local(d.path()).with_lock_wait(std::time::Duration::from_millis(50));
    let me = LearnerId::local();
    store.save(&me, &Progress::new()).unwrap();
    let held = File::options()
        .write(true)
        .open(d.path().join("progress.lock"))
        .unwrap();
    held.lock().unwrap();
    assert!(matches!(
        store.save(&me, &sample()),
        Err(StoreError::Busy { .. })
    ));
    for lang in Lang::ALL {
        let text = StoreError::Busy {
            path: d.path().join("progress.lock"),
        }
        .message(loc().tr(lang));
        assert!(!text.contains(MISSING), "{text}");
    }
    held.unlock().unwrap();
    store.save(&me, &sample()).unwrap();
}

/// Another process holding the lock (saving, or `flock progress.lock sleep 600`)
/// never keeps sound progress from loading: a save replaces the file whole by a
/// rename, so it is read without the lock. Loading used to wait for the lock and
/// fail with Busy, and the learner started afresh. Only a file to set aside needs
/// the lock.
#[test]
fn a_held_lock_does_not_keep_sound_progress_from_loading() {
    let d = dir();
    let store = FileStore::local(d.path()).with_lock_wait(std::time::Duration::from_millis(50));
    let me = LearnerId::local();
    store.save(&me, &sample()).unwrap();
    let held = File::options()
        .write(true)
        .open(d.path().join("progress.lock"))
        .unwrap();
    held.lock().unwrap();
    let loaded = store.load(&me).expect("loads while the lock is held");
    assert_eq!(loaded.progress, store.peek(&me).unwrap().unwrap());
    assert!(loaded.progress.course().solved > 0);
    std::fs::write(d.path().join("progress.json"), "{").unwrap();
    assert!(
        matches!(store.load(&me), Err(StoreError::Busy { .. })),
        "a file to set aside waits for the lock"
    );
    held.unlock().unwrap();
    let loaded = store.load(&me).unwrap();
    assert_eq!(loaded.progress, Progress::new());
    assert_eq!(loaded.notices.len(), 1, "set aside now");
}

#[test]
fn the_memory_store_merges_and_resets_the_same_way() {
    let store = MemoryStore::new();
    let me = LearnerId::from_key_fingerprint("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")
        .unwrap();
    assert_eq!(store.load(&me).unwrap().progress, Progress::new());
    let mut a = Progress::new();
    solve(&mut a, "step", "zero", at(0));
    store.save(&me, &a).unwrap();
    let mut b = Progress::new();
    solve(&mut b, "step", "slope", at(1));
    assert_eq!(store.save(&me, &b).unwrap().progress.course().solved, 2);
    assert_eq!(store.list().unwrap(), std::slice::from_ref(&me));
    store.reset(&me).unwrap();
    assert!(store.save(&me, &a).unwrap().progress.is_empty());
}

#[test]
fn stores_are_interchangeable_behind_the_interface() {
    let d = dir();
    let stores: Vec<Box<dyn ProgressStore>> = vec![
        Box::new(MemoryStore::new()),
        Box::new(FileStore::per_learner(d.path())),
    ];
    let me = LearnerId::new("sha256-00ff").unwrap();
    for store in stores {
        assert_eq!(store.save(&me, &sample()).unwrap().progress, sample());
        assert_eq!(store.load(&me).unwrap().progress, sample());
        assert_eq!(store.list().unwrap(), std::slice::from_ref(&me));
    }
}

// Reports.

fn sample_with_exercise_progress_everywhere() -> Progress {
    let mut p = sample();
    solve(&mut p, "overflow", "naive", at(30));
    p
}

#[test]
fn the_learner_report_in_both_languages() {
    let p = sample_with_exercise_progress_everywhere();
    insta::assert_snapshot!("learner_en", report::learner(loc().tr(Lang::En), &p));
    insta::assert_snapshot!("learner_ja", report::learner(loc().tr(Lang::Ja), &p));
    let empty = report::learner(loc().tr(Lang::En), &Progress::new());
    assert!(empty.starts_with("Lessons read: 0 of 9. Exercises solved: 0 of "));
}

#[test]
fn the_class_report_shows_the_most_stuck_first_and_escapes_names() {
    let fp = |s: &str| LearnerId::from_key_fingerprint(s).unwrap();
    let mut stuck = Progress::new();
    stuck.set_name("hanako\u{1b}[2J", at(0));
    stuck.set_place(LessonId::Overflow, 3, "", at(40));
    for text in ["1, 2", "3, 4"] {
        let _ = answer(&mut stuck, "overflow", "naive", text, at(41));
    }
    let mut s = stuck.exercise_state(ex("sigmoid", "rounded"));
    s.skip();
    stuck.record_exercise(&s, at(42));
    let mut fine = sample();
    fine.set_name("taro", at(50));
    let _ = answer(&mut fine, "sigmoid", "rounded", "35", at(51));
    let _ = answer(&mut fine, "sigmoid", "rounded", "40", at(52));
    let class = vec![
        (
            fp("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"),
            fine,
        ),
        (
            fp("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"),
            stuck,
        ),
        (LearnerId::new("sha256-00").unwrap(), Progress::new()),
    ];
    let en = report::class(loc().tr(Lang::En), &class, at(3 * 3_600_000));
    let ja = report::class(loc().tr(Lang::Ja), &class, at(3 * 3_600_000));
    for text in [&en, &ja] {
        assert!(
            !text.contains('\u{1b}') && !text.contains(MISSING),
            "{text}"
        );
        let hanako = text.find("hanako").unwrap();
        let taro = text.find("taro").unwrap();
        assert!(hanako < taro, "the most stuck first");
    }
    insta::assert_snapshot!("class_en", en);
    insta::assert_snapshot!("class_ja", ja);
    assert_eq!(
        report::class(loc().tr(Lang::En), &[], at(0)),
        "No learner has saved any progress yet.\n"
    );
}

#[test]
fn store_errors_and_statuses_read_in_both_languages() {
    let errors = [
        StoreError::Io {
            op: kasseika::progress::store::Op::Write,
            path: PathBuf::from("/x/progress.json"),
            kind: io::ErrorKind::PermissionDenied,
            detail: "Permission denied (os error 13)".into(),
        },
        StoreError::NoDataDir,
        StoreError::NotHere {
            learner: LearnerId::new("abc").unwrap(),
        },
    ];
    for lang in Lang::ALL {
        let tr = loc().tr(lang);
        for e in &errors {
            let text = e.message(tr);
            assert!(!text.contains(MISSING), "{text}");
        }
        for status in [
            Status::NotTried,
            Status::Tried { wrong: 1 },
            Status::Tried { wrong: 2 },
            Status::Skipped { wrong: 0 },
            Status::Skipped { wrong: 3 },
            Status::Solved {
                wrong: 0,
                seen_answer: false,
            },
            Status::Solved {
                wrong: 1,
                seen_answer: false,
            },
            Status::Solved {
                wrong: 2,
                seen_answer: true,
            },
        ] {
            let text = report::status_text(tr, status);
            assert!(!text.contains(MISSING), "{text}");
        }
    }
}

#[test]
fn the_platform_data_directory_is_found_without_touching_it() {
    // Only computes the path; nothing is created or written.
    if let Ok(dir) = kasseika::progress::store::data_dir() {
        assert!(dir.ends_with("kasseika"), "{}", dir.display());
    }
}

#[test]
fn an_exercise_state_moves_through_progress() {
    let mut p = Progress::new();
    let e = ex("softmax", "bird");
    let mut s: ExerciseState = p.exercise_state(e);
    assert!(matches!(s.answer("73%"), Outcome::Wrong { .. }));
    p.record_exercise(&s, at(0));
    let mut s = p.exercise_state(e);
    assert!(matches!(s.answer("74%"), Outcome::Right { .. }));
    p.record_exercise(&s, at(1));
    assert_eq!(
        p.status(e),
        Status::Solved {
            wrong: 1,
            seen_answer: false
        }
    );
}

#[test]
fn the_resume_line_never_doubles_its_punctuation() {
    let mut p = Progress::new();
    p.set_place(LessonId::Intro, 0, "", at(1));
    for lang in Lang::ALL {
        let text = report::learner(loc().tr(lang), &p);
        assert!(!text.contains("?.") && !text.contains("？。"), "{text}");
    }
}

#[test]
fn an_exercise_solved_after_its_answer_was_shown_is_reported_as_such() {
    let mut p = Progress::new();
    let e = ex("sigmoid", "half");
    let mut s = p.exercise_state(e);
    s.skip();
    p.record_exercise(&s, at(1));
    let mut s = p.exercise_state(e);
    assert!(matches!(s.answer("0.5"), Outcome::Right { .. }));
    p.record_exercise(&s, at(2));
    solve(&mut p, "step", "zero", at(3));
    assert_eq!(
        p.status(e),
        Status::Solved {
            wrong: 0,
            seen_answer: true
        }
    );
    let c = p.course();
    assert_eq!((c.solved, c.seen, c.skipped), (2, 1, 0));
    let id = LearnerId::new("sha256-00").unwrap();
    let all = exercise::all().count();
    for (lang, status, totals) in [
        (
            Lang::En,
            "solved after seeing the answer",
            format!("Exercises solved: 2 of {all} (1 after seeing the answer)."),
        ),
        (
            Lang::Ja,
            "答えを見たあと正解",
            format!("練習問題 {all} 問中 2 問に正解（うち 1 問は答えを見たあと）。"),
        ),
    ] {
        let totals = totals.as_str();
        let tr = loc().tr(lang);
        let learner = report::learner(tr, &p);
        assert!(learner.contains(status), "{learner}");
        assert!(learner.contains(totals), "{learner}");
        let class = report::class(tr, &[(id.clone(), p.clone())], at(0));
        assert!(class.contains(totals), "{class}");
    }
    // A look at the answer after solving it changes nothing.
    let mut q = Progress::new();
    let mut s = q.exercise_state(e);
    assert!(matches!(s.answer("0.5"), Outcome::Right { .. }));
    s.skip();
    q.record_exercise(&s, at(1));
    assert_eq!(q.course().seen, 0);
}

#[test]
fn the_class_report_names_the_lesson_last_worked_in_and_how_long_ago() {
    let id = LearnerId::new("sha256-00").unwrap();
    // Two sessions of one learner: lesson 3 opened in one, answers in lesson 2 in
    // the other after that.
    let mut p = Progress::new();
    p.set_place(LessonId::Step, 0, "", at(1_000));
    p.set_place(LessonId::Identity, 0, "", at(2_000));
    let _ = answer(&mut p, "step", "zero", "1", at(3_000));
    assert_eq!(p.resume(), Some(LessonId::Identity));
    assert_eq!(p.last_active().map(|(l, _)| l), Some(LessonId::Step));
    let now = at(3_000 + 12 * 60_000 + 59_000);
    let en = report::class(loc().tr(Lang::En), &[(id.clone(), p.clone())], now);
    assert!(
        en.contains(
            "Last active: 2026-05-16 10:30 UTC (12 minutes ago), in lesson 2, Step function."
        ),
        "{en}"
    );
    let ja = report::class(loc().tr(Lang::Ja), &[(id.clone(), p.clone())], now);
    assert!(
        ja.contains("（12分前）、レッスン 2「ステップ関数」"),
        "{ja}"
    );
    // Opening a lesson later than the last answer: that lesson.
    p.set_place(LessonId::Sigmoid, 0, "", at(4_000));
    assert_eq!(p.last_active().map(|(l, _)| l), Some(LessonId::Sigmoid));
    // The relative form, by unit.
    let tr = loc().tr(Lang::En);
    for (ms, text) in [
        (59_999, "just now"),
        (60_000, "1 minute ago"),
        (3_599_999, "59 minutes ago"),
        (3_600_000, "1 hour ago"),
        (47 * 3_600_000, "47 hours ago"),
        (48 * 3_600_000, "2 days ago"),
    ] {
        assert_eq!(report::ago_text(tr, at(0).ago(at(ms))), text);
    }
    // A stamp from a clock ahead of ours is not "in the future".
    assert_eq!(report::ago_text(tr, at(5_000).ago(at(0))), "just now");
    let ja = loc().tr(Lang::Ja);
    assert_eq!(
        report::ago_text(ja, at(0).ago(at(3 * 3_600_000))),
        "3時間前"
    );
}
