//! Saved progress end to end, through the real binary: saved as the learner goes
//! and resumed, two processes of one learner, `--no-save`, `kasseika progress` and
//! `--reset`, a corrupt file told in the app. Every run has its own data directory
//! (`XDG_DATA_HOME`), never the real one.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::pty::{self, Session};
use kasseika::exercise::find_exercise;
use kasseika::progress::store::{FileStore, LearnerId, ProgressStore};
use kasseika::progress::{Progress, Stamp};

const BIN: &str = env!("CARGO_BIN_EXE_kasseika");

/// The header's place of lesson `n`: `English  5/9`.
fn at(lang: &str, n: usize) -> String {
    format!("{lang}  {n}/{}", kasseika::lesson::LessonId::ALL.len())
}

/// "Exercises solved: n of all".
fn solved_of(n: usize) -> String {
    format!(
        "Exercises solved: {n} of {}",
        kasseika::exercise::all().count()
    )
}

/// `kasseika args...` with its data in `data`, no terminal, stdin empty.
fn kasseika(data: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_clear()
        .env("LANG", "C.UTF-8")
        .env("HOME", data)
        .env("XDG_DATA_HOME", data)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The app in a terminal, its data in `data`.
fn app(data: &Path, args: &[&str]) -> Session {
    let data = data.to_str().unwrap();
    pty::spawn(args, &[("XDG_DATA_HOME", data), ("HOME", data)], 80, 24)
}

fn progress_file(data: &Path) -> PathBuf {
    data.join("kasseika").join("progress.json")
}

/// What the local store holds now.
fn stored(data: &Path) -> Progress {
    FileStore::local(data.join("kasseika"))
        .load(&LearnerId::local())
        .expect("the progress loads")
        .progress
}

/// Waits until what is stored satisfies `ok` (the app saves on a thread of its
/// own, just after the screen shows the answer); fails after a while.
fn eventually_stored(data: &Path, what: &str, ok: impl Fn(&Progress) -> bool) {
    let start = std::time::Instant::now();
    while !ok(&stored(data)) {
        assert!(start.elapsed() < pty::PATIENCE, "never stored: {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn solved(p: &Progress, lesson: &str, name: &str) -> bool {
    p.record(find_exercise(lesson, name).unwrap()).solved
}

/// Esc on its own (the parser waits a moment to tell it from a sequence).
fn esc(s: &mut Session) {
    s.send(b"\x1b");
    std::thread::sleep(std::time::Duration::from_millis(120));
}

/// Opens the exercises and answers the one on show.
fn answer(s: &mut Session, text: &str, expect: &str) {
    s.send(text.as_bytes());
    s.send(b"\r");
    s.wait_for(expect, |t| t.contains(expect));
}

#[test]
fn progress_is_saved_as_the_learner_goes_and_resumed_next_time() {
    let data = tempfile::tempdir().unwrap();
    let mut s = app(data.path(), &["--lang", "en", "--lesson", "sigmoid"]);
    s.wait_for("the lesson", |t| t.contains("Sigmoid function"));
    s.send(b"e");
    s.wait_for("the exercises", |t| {
        t.contains("Exercises: Sigmoid function")
    });
    answer(&mut s, "0.5", "Right!");
    // Saved at once, not only at the end.
    eventually_stored(data.path(), "sigmoid/half", |p| {
        solved(p, "sigmoid", "half")
    });
    esc(&mut s);
    s.send(b"n");
    s.wait_for("ReLU", |t| t.contains(&at("English", 5)));
    s.send(b"\t-3\r");
    s.wait_for("the result", |t| t.contains("Result"));
    esc(&mut s);
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);

    // Next time: where the learner left off, what was typed evaluated again.
    let mut again = app(data.path(), &["--lang", "en"]);
    again.wait_for("ReLU again", |t| {
        t.contains(&at("English", 5)) && t.contains("> -3") && t.contains("Result")
    });
    again.send(b"e");
    again.wait_for("ReLU's exercises", |t| t.contains("Exercises: ReLU"));
    again.send(b"\x03");
    assert_eq!(again.wait_exit(), 0);

    let o = kasseika(data.path(), &["progress"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Resume at lesson 5: ReLU\n"), "{text}");
    let half = text.lines().find(|l| l.contains("h(0)")).unwrap();
    assert!(half.contains("solved"), "{text}");
    assert!(
        text.contains(&progress_file(data.path()).display().to_string()),
        "{text}"
    );
}

#[test]
fn a_signal_or_a_lost_terminal_still_saves_where_the_learner_was() {
    let data = tempfile::tempdir().unwrap();
    let mut s = app(data.path(), &["--lang", "en", "--lesson", "softmax"]);
    s.wait_for("the lesson", |t| t.contains("Softmax function"));
    s.send(b"jjj");
    s.wait_for("scrolled", |t| t.contains("4-"));
    s.signal("HUP");
    s.wait_exit();
    let p = stored(data.path());
    let place = p
        .place(kasseika::lesson::LessonId::Softmax)
        .expect("a place");
    assert_eq!(place.scroll, 3);
}

/// Another program holding the progress lock (`flock progress.lock sleep 600`) does
/// not delay the screen: the lesson where the learner left off comes at once (it
/// used to wait 5 s for the lock, then start afresh). Quitting while the lock is
/// still held says plainly that the progress was not saved, and ends without waiting
/// for the lock (it used to wait 5 s more and say it would try again).
#[test]
fn a_held_progress_lock_never_delays_the_screen_and_quitting_says_what_was_not_saved() {
    let data = tempfile::tempdir().unwrap();
    let mut s = app(data.path(), &["--lang", "en", "--lesson", "relu"]);
    s.wait_for("ReLU", |t| t.contains(&at("English", 5)));
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    let before = stored(data.path());

    let held = std::fs::File::options()
        .write(true)
        .open(data.path().join("kasseika").join("progress.lock"))
        .unwrap();
    held.lock().unwrap();
    let mut s = app(data.path(), &["--lang", "en"]);
    s.wait_for("ReLU, where the learner left off", |t| {
        t.contains(&at("English", 5))
    });
    s.send(b"n");
    s.wait_for("the next lesson", |t| t.contains(&at("English", 6)));
    s.send(b"\x03");
    assert_eq!(s.wait_exit(), 0);
    let told = String::from_utf8_lossy(&s.output).into_owned();
    assert!(
        told.contains("Your progress in this session was NOT saved")
            && told.contains("did not wait")
            && !told.contains("try again"),
        "{told}"
    );
    assert!(s.restored());
    held.unlock().unwrap();
    assert_eq!(stored(data.path()), before, "what was saved before is kept");
}

/// A file that must be set aside needs the lock: while another program holds it,
/// the lesson is drawn first, and the progress is waited for off the screen's way
/// (the store says after its wait that the lock is held). It used to be waited for
/// before the first frame.
#[test]
fn a_file_to_set_aside_is_waited_for_after_the_first_frame() {
    let data = tempfile::tempdir().unwrap();
    let file = progress_file(data.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, b"{ not json").unwrap();
    let held = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(file.with_file_name("progress.lock"))
        .unwrap();
    held.lock().unwrap();
    let mut s = app(data.path(), &["--lang", "en", "--lesson", "step"]);
    s.wait_for("the lesson", |t| t.contains("Step function"));
    assert!(
        !s.screen().contains("Please note"),
        "the first frame waited for the lock:\n{}",
        s.screen()
    );
    s.wait_for("the lock told", |t| {
        t.contains("Please note") && t.contains("Another program held")
    });
    s.send(b"\r");
    s.wait_for("the notice closed", |t| !t.contains("Please note"));
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    held.unlock().unwrap();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"{ not json",
        "not overwritten"
    );
}

#[test]
fn two_processes_of_one_learner_keep_each_others_answers() {
    let data = tempfile::tempdir().unwrap();
    let mut one = app(data.path(), &["--lang", "en", "--lesson", "sigmoid"]);
    let mut two = app(data.path(), &["--lang", "en", "--lesson", "relu"]);
    one.wait_for("sigmoid", |t| t.contains("Sigmoid function"));
    two.wait_for("relu", |t| t.contains("ReLU"));
    one.send(b"e");
    one.wait_for("its exercises", |t| t.contains("Exercises: Sigmoid"));
    answer(&mut one, "1/2", "Right!");
    two.send(b"e");
    two.wait_for("its exercises", |t| t.contains("Exercises: ReLU"));
    answer(&mut two, "0", "Right!");
    // The first process has not seen the second's answer; its next save must
    // not lose it.
    // Right: the keys move on (`n`), and a number question opens typing.
    one.send(b"n");
    one.wait_for("the next exercise", |t| t.contains("2. h(2)"));
    answer(&mut one, "0.88", "Right!");
    eventually_stored(data.path(), "all three, while both run", |p| {
        solved(p, "sigmoid", "half") && solved(p, "relu", "negative") && solved(p, "sigmoid", "two")
    });
    // Each quits; the last one out saves what it holds, merged.
    two.send(b"\x03");
    assert_eq!(two.wait_exit(), 0);
    one.send(b"\x03");
    assert_eq!(one.wait_exit(), 0);
    let after = stored(data.path());
    for (lesson, name) in [
        ("sigmoid", "half"),
        ("sigmoid", "two"),
        ("relu", "negative"),
    ] {
        assert!(solved(&after, lesson, name), "{lesson}/{name}");
    }
    let o = kasseika(data.path(), &["progress"]);
    assert!(stdout(&o).contains(&solved_of(3)), "{}", stdout(&o));
}

/// Every file under `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.push(path.clone());
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn no_save_touches_no_disk() {
    let learn = |args: &[&str]| {
        let home = tempfile::tempdir().unwrap();
        let mut s = app(home.path(), args);
        s.wait_for("the lesson", |t| t.contains("Step function"));
        s.send(b"e");
        s.wait_for("the exercises", |t| t.contains("Exercises: Step"));
        answer(&mut s, "0", "Right!");
        esc(&mut s);
        s.send(b"n");
        s.wait_for("the next lesson", |t| t.contains(&at("English", 3)));
        s.send(b"q");
        assert_eq!(s.wait_exit(), 0);
        files_under(home.path())
    };
    let saved = learn(&["--lang", "en", "--lesson", "step"]);
    assert!(
        saved.iter().any(|f| f.ends_with("kasseika/progress.json")),
        "without --no-save the progress is saved: {saved:?}"
    );
    let nothing = learn(&["--lang", "en", "--lesson", "step", "--no-save"]);
    assert_eq!(nothing, Vec::<PathBuf>::new(), "--no-save wrote files");
}

/// Solves an exercise and sets a place, as an app of this learner would (on top of
/// what is stored: a copy from before a reset would lose to it).
fn sample(data: &Path) {
    let store = FileStore::local(data.join("kasseika"));
    let mut p = store.load(&LearnerId::local()).unwrap().progress;
    let e = find_exercise("step", "zero").unwrap();
    let mut state = p.exercise_state(e);
    state.answer("0");
    p.record_exercise(&state, Stamp::now());
    p.set_place(kasseika::lesson::LessonId::Step, 2, "1, 2", Stamp::now());
    store.save(&LearnerId::local(), &p).unwrap();
}

#[test]
fn kasseika_progress_prints_the_report_in_the_learners_language() {
    let data = tempfile::tempdir().unwrap();
    let o = kasseika(data.path(), &["progress"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(&solved_of(0)), "{}", stdout(&o));
    assert!(
        files_under(data.path()).is_empty(),
        "printing the progress creates nothing"
    );
    sample(data.path());
    let o = kasseika(data.path(), &["progress", "--lang", "ja"]);
    let text = stdout(&o);
    assert!(
        text.contains("続きはレッスン 2「ステップ関数」からです。"),
        "{text}"
    );
    assert!(text.contains("保存先："), "{text}");
}

#[test]
fn reset_asks_first_and_refuses_to_guess_without_a_terminal() {
    let data = tempfile::tempdir().unwrap();
    sample(data.path());
    let was = || solved(&stored(data.path()), "step", "zero");
    // No terminal to ask on, no --yes: refused, nothing changed.
    let o = kasseika(data.path(), &["progress", "--reset"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--yes"), "{}", stderr(&o));
    assert!(was());
    // --yes alone means nothing.
    let o = kasseika(data.path(), &["progress", "--yes"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(was());
    // Asked in a terminal: no keeps it.
    let dir = data.path().to_str().unwrap();
    let env = [("XDG_DATA_HOME", dir), ("HOME", dir)];
    let mut s = pty::spawn(&["progress", "--reset"], &env, 80, 24);
    s.wait_for("the question", |t| t.contains("[y/N]"));
    s.send(b"n\r");
    assert_eq!(s.wait_exit(), 0, "declining is not a failure");
    assert!(
        s.screen().contains("Nothing was changed."),
        "{}",
        s.screen()
    );
    assert!(was());
    // Yes (in Japanese, はい) resets.
    let mut s = pty::spawn(&["progress", "--reset", "--lang", "ja"], &env, 80, 24);
    s.wait_for("the question", |t| t.contains("元には戻せません"));
    s.send("はい\r".as_bytes());
    assert_eq!(s.wait_exit(), 0);
    assert!(!was());
    assert!(
        stored(data.path())
            .place(kasseika::lesson::LessonId::Step)
            .is_none()
    );
    // --reset --yes needs no terminal.
    sample(data.path());
    assert!(was());
    let o = kasseika(data.path(), &["progress", "--reset", "--yes"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!was());
}

#[test]
fn a_corrupt_file_is_told_once_in_the_app_and_kept() {
    let data = tempfile::tempdir().unwrap();
    let file = progress_file(data.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, b"{ not json").unwrap();
    let mut s = app(data.path(), &["--lang", "ja", "--lesson", "step"]);
    s.wait_for("the notice", |t| {
        t.contains("お知らせ") && t.contains("読み取れませんでした")
    });
    s.send(b"\r");
    s.wait_for("the lesson", |t| {
        t.contains("ステップ関数") && !t.contains("お知らせ")
    });
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
    let kept: Vec<PathBuf> = files_under(file.parent().unwrap())
        .into_iter()
        .filter(|f| f.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1, "set aside once");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), b"{ not json");
    // The next start has nothing to tell.
    let mut s = app(data.path(), &["--lang", "ja"]);
    s.wait_for("the lesson", |t| t.contains("ステップ関数"));
    assert!(!s.screen().contains("お知らせ"));
    s.send(b"q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn printing_the_progress_only_reads_a_file_it_cannot_read() {
    for (bytes, said) in [
        (
            &br#"{"format":"kasseika/progress","version":2,"lessons":{}}"#[..],
            "newer version",
        ),
        (&b"{ not json"[..], "cannot be read"),
    ] {
        let data = tempfile::tempdir().unwrap();
        let file = progress_file(data.path());
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, bytes).unwrap();
        let o = kasseika(data.path(), &["progress"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains(said), "{}", stderr(&o));
        assert!(stderr(&o).contains("Nothing was changed"), "{}", stderr(&o));
        assert!(!stdout(&o).contains("Saved in"), "{}", stdout(&o));
        // The file is where it was, as it was, and nothing was set aside.
        assert_eq!(std::fs::read(&file).unwrap(), bytes);
        assert_eq!(files_under(file.parent().unwrap()), vec![file.clone()]);
    }
}
