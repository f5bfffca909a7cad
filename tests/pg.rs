//! Progress in PostgreSQL against a real cluster (tests/common/pg.rs starts one):
//! two instances and one learner, the schema's migration race and version, TLS,
//! the database gone and back, import and report.
#![cfg(feature = "postgres")]

#[path = "common/pg.rs"]
mod pg;

use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use kasseika::exercise::{self, Exercise, ExerciseState};
use kasseika::i18n::{Lang, Localizer};
use kasseika::lesson::LessonId;
use kasseika::progress::postgres::{DbSettings, OpenError, PgOptions, PgStore};
use kasseika::progress::store::{FileStore, LearnerId, Notice, ProgressStore, StoreError};
use kasseika::progress::{Progress, Stamp};

fn no_env(_: &str) -> Option<String> {
    None
}

fn settings(conninfo: &str) -> DbSettings {
    DbSettings::parse(conninfo, &no_env, None).expect("settings")
}

/// A store as one server instance has it (its own runtime and connections).
fn instance(conninfo: &str) -> PgStore {
    PgStore::open_standalone(&settings(conninfo), PgOptions::default()).expect("the store opens")
}

fn learner(n: u8) -> LearnerId {
    LearnerId::new(&format!("sha256-{}", format!("{n:02x}").repeat(32))).unwrap()
}

fn right_answer(e: &Exercise) -> String {
    match e.kind {
        exercise::Kind::Number { answer, .. } => kasseika::number::display(answer),
        exercise::Kind::Choice { answer, .. } => answer.to_string(),
        exercise::Kind::Find { example, .. } => example.to_string(),
    }
}

/// Solves `e` in `p` as the app does.
fn solve(p: &mut Progress, e: &'static Exercise) {
    let mut s: ExerciseState = p.exercise_state(e);
    s.answer(&right_answer(e));
    p.record_exercise(&s, Stamp::now());
}

fn solved(p: &Progress) -> usize {
    exercise::all().filter(|e| p.record(e).solved).count()
}

/// Bounded wait for `check`, polling.
fn eventually(what: &str, limit: Duration, check: impl Fn() -> bool) {
    let deadline = Instant::now() + limit;
    while !check() {
        assert!(Instant::now() < deadline, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Two instances, one learner answering on both, their saves interleaved (each
/// instance saves its own copy, as a session does, and takes back what the
/// store returns): every answer given on either is kept.
#[test]
fn the_same_learner_on_two_instances_loses_no_answer() {
    let Some(pg) = pg::shared() else { return };
    let db = pg.database("two_instances");
    let conninfo = pg.conninfo(&db);
    let (a, b) = (instance(&conninfo), instance(&conninfo));
    let who = learner(1);
    let all: Vec<&'static Exercise> = exercise::all().collect();
    assert!(all.len() >= 8, "enough exercises to share");
    // Turns: A, B, A, B... each instance answers with its own copy, never
    // loaded again in between (a last-writer-wins store would lose the other's).
    let mut copies = [Progress::default(), Progress::default()];
    for (i, e) in all.iter().enumerate() {
        let (store, copy) = if i % 2 == 0 {
            (&a, &mut copies[0])
        } else {
            (&b, &mut copies[1])
        };
        solve(copy, e);
        let saved = store.save(&who, copy).expect("saved");
        assert_eq!(solved(&saved.progress), i + 1, "the store returns both");
    }
    // And at once: both instances save the same learner from threads, with a
    // barrier so that the transactions overlap.
    let c = instance(&conninfo);
    let other = learner(2);
    let barrier = Arc::new(Barrier::new(2));
    let halves: Vec<Vec<&'static Exercise>> = vec![
        all.iter().step_by(2).copied().collect(),
        all.iter().skip(1).step_by(2).copied().collect(),
    ];
    // Both threads take as many turns (the halves differ by one when the number of
    // exercises is odd; a thread that waited at the barrier alone would wait for
    // ever).
    let turns = halves.iter().map(Vec::len).max().unwrap_or(0);
    std::thread::scope(|scope| {
        for (store, half) in [(&a, &halves[0]), (&c, &halves[1])] {
            let barrier = barrier.clone();
            let other = other.clone();
            scope.spawn(move || {
                let mut copy = Progress::default();
                for turn in 0..turns {
                    if let Some(e) = half.get(turn) {
                        solve(&mut copy, e);
                    }
                    barrier.wait();
                    let saved = store.save(&other, &copy).expect("saved");
                    copy.merge(&saved.progress);
                }
            });
        }
    });
    let fresh = instance(&conninfo);
    assert_eq!(solved(&fresh.load(&who).unwrap().progress), all.len());
    assert_eq!(solved(&fresh.load(&other).unwrap().progress), all.len());
    assert_eq!(fresh.list().unwrap(), vec![who, other]);
    // One row per learner.
    assert_eq!(
        pg.query(&db, "SELECT count(*) FROM kasseika_progress"),
        vec!["2"]
    );
}

/// A learner new to the database saved by many instances at once is one row
/// with everything each of them saved.
#[test]
fn a_new_learners_first_saves_at_once_make_one_row_with_all_of_them() {
    let Some(pg) = pg::shared() else { return };
    let db = pg.database("first_saves");
    let conninfo = pg.conninfo(&db);
    let stores: Vec<PgStore> = (0..LessonId::ALL.len())
        .map(|_| instance(&conninfo))
        .collect();
    let who = learner(3);
    let barrier = Barrier::new(stores.len());
    std::thread::scope(|scope| {
        for (store, lesson) in stores.iter().zip(LessonId::ALL) {
            let (barrier, who) = (&barrier, &who);
            scope.spawn(move || {
                let mut p = Progress::default();
                p.mark_read(lesson, Stamp::now());
                barrier.wait();
                store.save(who, &p).expect("saved");
            });
        }
    });
    let p = stores[0].load(&who).unwrap().progress;
    for lesson in LessonId::ALL {
        assert!(
            p.lesson_record(lesson.id()).is_some_and(|r| r.read),
            "{lesson:?}"
        );
    }
}

/// Instances starting together on an empty database: one creates the schema,
/// the others wait for it (advisory lock) and find it done.
#[test]
fn instances_starting_at_once_migrate_the_schema_once() {
    let Some(pg) = pg::shared() else { return };
    let db = pg.database("migration_race");
    let conninfo = pg.conninfo(&db);
    let barrier = Barrier::new(6);
    let opened: Vec<Result<PgStore, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let (barrier, conninfo) = (&barrier, &conninfo);
                scope.spawn(move || {
                    barrier.wait();
                    PgStore::open_standalone(&settings(conninfo), PgOptions::default())
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for store in &opened {
        let store = store.as_ref().expect("every instance opens");
        assert_eq!(store.unreachable(), None, "and finds the schema ready");
    }
    assert_eq!(
        pg.query(&db, "SELECT version FROM kasseika_schema ORDER BY version"),
        vec!["1"]
    );
}

/// A database set up by a newer kasseika is refused, with a sentence that says
/// what to do; nothing is written to it.
#[test]
fn a_database_newer_than_this_build_is_refused_plainly() {
    let Some(pg) = pg::shared() else { return };
    let db = pg.database("newer");
    let conninfo = pg.conninfo(&db);
    drop(instance(&conninfo));
    pg.sql(
        &db,
        "INSERT INTO kasseika_schema (version, by_kasseika) VALUES (7, '9.0.0')",
    );
    let refused = PgStore::open_standalone(&settings(&conninfo), PgOptions::default());
    assert!(
        matches!(refused, Err(OpenError::Newer { found: 7, known: 1 })),
        "{refused:?}"
    );
    // The binary says so and stops.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kasseika"))
        .args(["serve", "--listen", "127.0.0.1:0", "--host-key"])
        .arg(tempfile::tempdir().unwrap().path().join("key"))
        .args(["--progress-db", &conninfo])
        .env_clear()
        .env("LANG", "C.UTF-8")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{log}");
    assert!(
        log.contains("was set up by a newer kasseika")
            && log.contains("version 7")
            && log.contains("up to 1")
            && log.contains("Upgrade kasseika"),
        "{log}"
    );
    assert_eq!(
        pg.query(&db, "SELECT count(*) FROM kasseika_progress"),
        vec!["0"]
    );
}

/// The URI form psql takes reaches the same database as the key=value form.
#[test]
fn a_postgresql_uri_and_key_value_pairs_reach_the_same_database() {
    let Some(pg) = pg::shared() else { return };
    let db = pg.database("uri");
    let by_pairs = instance(&pg.conninfo(&db));
    let mut p = Progress::default();
    p.mark_read(LessonId::Relu, Stamp::now());
    by_pairs.save(&learner(4), &p).unwrap();
    let by_uri = instance(&format!("{}?sslmode=disable", pg.uri(&db)));
    assert_eq!(by_uri.load(&learner(4)).unwrap().progress, p);
}

/// TLS through rustls against the cluster's own certificate authority, with
/// the password from PGPASSWORD or a password file.
#[test]
fn tls_require_verify_ca_and_verify_full_as_libpq_means_them() {
    let Some(pg) = pg::shared() else { return };
    let certs = pg.certs.clone().expect("the shared cluster has TLS");
    let db = pg.database("tls");
    let password = |k: &str| (k == "PGPASSWORD").then(|| pg::PASSWORD.to_string());
    let open = |conninfo: &str| {
        let settings = DbSettings::parse(conninfo, &password, None).expect("settings");
        let options = PgOptions {
            timeout: Duration::from_secs(5),
            ..PgOptions::default()
        };
        PgStore::open_standalone(&settings, options).expect("opens")
    };
    let tcp = pg.tcp_conninfo(&db);
    let mut open_stores = Vec::new();
    let ca = certs.ca.display();
    let other = certs.other_ca.display();
    for good in [
        format!("{tcp} sslmode=require"),
        format!("{tcp} sslmode=verify-ca sslrootcert={ca}"),
        format!("{tcp} sslmode=verify-full sslrootcert={ca}"),
        // The name is not checked by verify-ca.
        format!(
            "host=not-the-name.invalid hostaddr=127.0.0.1 port={} user={} dbname={db} \
             sslmode=verify-ca sslrootcert={ca}",
            pg.port,
            pg::USER
        ),
    ] {
        let store = open(&good);
        assert_eq!(store.unreachable(), None, "{good}");
        let mut p = Progress::default();
        p.mark_read(LessonId::Sigmoid, Stamp::now());
        store.save(&learner(5), &p).expect(&good);
        open_stores.push(store);
    }
    // The server saw encrypted connections from kasseika.
    let ssl = pg.query(
        &db,
        "SELECT bool_and(s.ssl)::text FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
         WHERE a.application_name = 'kasseika'",
    );
    assert_eq!(ssl, vec!["true"]);
    for bad in [
        // Another authority signed nothing of the server's.
        format!("{tcp} sslmode=verify-full sslrootcert={other}"),
        format!("{tcp} sslmode=verify-ca sslrootcert={other}"),
        // The certificate does not name this host.
        format!(
            "host=not-the-name.invalid hostaddr=127.0.0.1 port={} user={} dbname={db} \
             sslmode=verify-full sslrootcert={ca}",
            pg.port,
            pg::USER
        ),
    ] {
        let store = open(&bad);
        let why = store.unreachable().unwrap_or_default();
        assert!(why.to_lowercase().contains("certificate"), "{bad}: {why:?}");
        assert!(matches!(
            store.save(&learner(6), &Progress::default()),
            Err(StoreError::Unavailable { .. })
        ));
    }
    // The password from a password file (readable by its owner only).
    let dir = tempfile::tempdir().unwrap();
    let passfile = dir.path().join("pgpass");
    std::fs::write(
        &passfile,
        format!("localhost:{}:{db}:{}:{}\n", pg.port, pg::USER, pg::PASSWORD),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&passfile, std::fs::Permissions::from_mode(0o600)).unwrap();
    let conninfo = format!("{tcp} sslmode=require passfile={}", passfile.display());
    let store =
        PgStore::open_standalone(&settings(&conninfo), PgOptions::default()).expect("opens");
    assert_eq!(store.unreachable(), None);
    // Without a password: refused by the server, said in the store's words.
    let store = PgStore::open_standalone(
        &settings(&format!("{tcp} sslmode=require passfile=/nonexistent")),
        PgOptions::default(),
    )
    .expect("opens, waiting for the database");
    assert!(store.unreachable().is_some());
}

/// Options for a store whose database goes away: short waits, so that the test
/// is quick (they bound waits; they measure nothing).
fn short() -> PgOptions {
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    PgOptions {
        timeout: Duration::from_secs(3),
        max_backoff: Duration::from_millis(500),
        log: Arc::new(move |l| lines.lock().unwrap().push(l.to_string())),
        ..PgOptions::default()
    }
}

/// The database stopped mid-session (`pg_ctl -m fast`) and started again: saves
/// fail plainly, are kept, and are written when it returns; a learner who comes
/// back meanwhile goes on from what the server holds.
#[test]
fn the_database_gone_mid_session_and_back_loses_nothing() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let db = pg.database("down_and_back");
    let conninfo = pg.conninfo(&db);
    let store = PgStore::open_standalone(&settings(&conninfo), short()).unwrap();
    let who = learner(7);
    let all: Vec<&'static Exercise> = exercise::all().collect();
    let mut copy = Progress::default();
    solve(&mut copy, all[0]);
    store.save(&who, &copy).expect("saved while up");

    pg.stop();
    solve(&mut copy, all[1]);
    let failed = store.save(&who, &copy);
    assert!(
        matches!(failed, Err(StoreError::Unavailable { .. })),
        "{failed:?}"
    );
    assert!(store.unreachable().is_some());
    assert_eq!(store.waiting(), 1);
    // What the learner is told: plainly, in both languages, with no detail.
    let loc = Localizer::embedded().unwrap();
    let told = failed.unwrap_err().unseen();
    for lang in Lang::ALL {
        let text = told.not_saved_message(loc.tr(lang), false);
        assert!(!text.contains("no answer") && !text.contains(&db), "{text}");
    }
    assert!(
        told.not_saved_message(loc.tr(Lang::En), false)
            .contains("NOT being saved")
    );
    // A learner back meanwhile (a new session on this instance) goes on from
    // what this server holds, and is told so.
    let back = store.load(&who).expect("a load that tells");
    assert_eq!(back.notices, vec![Notice::Unreachable { held: true }]);
    assert_eq!(solved(&back.progress), 2);
    // One who has nothing here starts afresh, told that too.
    let other = learner(8);
    let fresh = store.load(&other).unwrap();
    assert_eq!(fresh.notices, vec![Notice::Unreachable { held: false }]);
    // The session ends while the database is down: its last save waits too.
    solve(&mut copy, all[2]);
    let _ = store.save(&who, &copy);

    pg.start_again();
    eventually(
        "the saves waiting are written",
        Duration::from_secs(30),
        || store.waiting() == 0 && store.unreachable().is_none(),
    );
    let reader = PgStore::open_standalone(&settings(&conninfo), short()).unwrap();
    assert_eq!(solved(&reader.load(&who).unwrap().progress), 3);
}

/// The database unreachable when the server starts: the store opens, tells,
/// keeps, and creates the schema and writes when the database comes up.
#[test]
fn a_database_unreachable_at_start_is_set_up_and_written_when_it_comes() {
    let Some(pg) = pg::Cluster::start() else {
        return;
    };
    let db = pg.database("late");
    let conninfo = pg.conninfo(&db);
    pg.stop();
    let store = PgStore::open_standalone(&settings(&conninfo), short())
        .expect("opens without the database");
    assert!(store.unreachable().is_some());
    let who = learner(9);
    let loaded = store.load(&who).unwrap();
    assert_eq!(loaded.notices, vec![Notice::Unreachable { held: false }]);
    let mut p = loaded.progress;
    solve(&mut p, exercise::all().next().unwrap());
    assert!(matches!(
        store.save(&who, &p),
        Err(StoreError::Unavailable { .. })
    ));
    pg.start_again();
    eventually(
        "written once the database is up",
        Duration::from_secs(30),
        || store.waiting() == 0 && store.unreachable().is_none(),
    );
    assert_eq!(
        pg.query(&db, "SELECT count(*) FROM kasseika_progress"),
        vec!["1"]
    );
    assert_eq!(solved(&store.load(&who).unwrap().progress), 1);
}

fn serve_args(conninfo: &str) -> kasseika::serve::ServeArgs {
    kasseika::serve::ServeArgs {
        listen: "127.0.0.1:0".into(),
        host_key: None,
        max_sessions: 1,
        max_per_address: None,
        idle_timeout: 0,
        authorized_keys: None,
        progress_dir: None,
        report: false,
        db: kasseika::serve::progress_db::DbArgs {
            progress_db: Some(conninfo.to_string()),
            import_progress: None,
        },
    }
}

/// A one-machine class's files into the database: what was taken and what
/// skipped, and nothing taken twice when done again; the report reads it back.
#[test]
fn import_moves_a_classs_files_once_and_report_reads_the_database() {
    let Some(pg) = pg::shared() else { return };
    let db = pg.database("import");
    let conninfo = pg.conninfo(&db);
    let dir = tempfile::tempdir().unwrap();
    let files = FileStore::per_learner(dir.path());
    let all: Vec<&'static Exercise> = exercise::all().collect();
    let mut taro = Progress::default();
    taro.set_name("taro", Stamp::now());
    solve(&mut taro, all[0]);
    files.save(&learner(10), &taro).unwrap();
    let mut hanako = Progress::default();
    hanako.set_name("hanako", Stamp::now());
    solve(&mut hanako, all[1]);
    solve(&mut hanako, all[2]);
    files.save(&learner(11), &hanako).unwrap();
    std::fs::write(
        dir.path().join(format!("{}.json", learner(12).as_str())),
        "{ not json",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "the teacher's notes").unwrap();
    // hanako is already in the database with part of it (she used the new
    // server before the import).
    let store = instance(&conninfo);
    let mut early = Progress::default();
    solve(&mut early, all[1]);
    store.save(&learner(11), &early).unwrap();

    let loc = Localizer::embedded().unwrap();
    let tr = loc.tr(Lang::En);
    let mut args = serve_args(&conninfo);
    args.db.import_progress = Some(dir.path().to_path_buf());
    let (text, problems) = kasseika::serve::import(&args, tr).expect("imports");
    assert!(text.contains("taken: taro (SHA256:"), "{text}");
    assert!(text.contains("taken: hanako (SHA256:"), "{text}");
    assert!(text.contains("it cannot be read"), "{text}");
    assert!(
        text.contains("skipped notes.txt: not a learner's progress file"),
        "{text}"
    );
    assert!(
        text.contains("2 taken, 0 already there, 2 skipped"),
        "{text}"
    );
    assert_eq!(problems.len(), 1, "the unreadable file: {problems:?}");
    assert_eq!(solved(&store.load(&learner(11)).unwrap().progress), 2);
    // Again: nothing new.
    let (again, _) = kasseika::serve::import(&args, tr).expect("imports again");
    assert!(
        again.contains("0 taken, 2 already there, 2 skipped"),
        "{again}"
    );
    assert_eq!(solved(&store.load(&learner(10)).unwrap().progress), 1);

    // The teacher's report, from the database.
    let mut args = serve_args(&conninfo);
    args.report = true;
    let (report, problems) = kasseika::serve::report(&args, tr).expect("a report");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        report.contains("taro (SHA256:") && report.contains("hanako (SHA256:"),
        "{report}"
    );
    assert!(
        report.contains("Read from the PostgreSQL database"),
        "{report}"
    );
    assert!(report.contains(&format!("dbname={db}")), "{report}");
}

#[path = "common/ssh.rs"]
mod ssh;

const EN: &[(&str, &str)] = &[("LANG", "en_US.UTF-8")];

/// The screen's text with its rows joined (a sentence wraps in a notice box).
fn joined(shell: &ssh::Shell) -> String {
    shell
        .received()
        .screen()
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c == '┃' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ")
}

async fn wait_for_joined(shell: &ssh::Shell, text: &str) {
    let deadline = Instant::now() + ssh::PATIENCE;
    while !joined(shell).contains(text) {
        assert!(
            Instant::now() < deadline,
            "waited for {text:?} in:\n{}",
            shell.received().screen()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Over SSH: the database unreachable when the server starts, then back, then
/// gone mid-session and back: the learner is told each time, learns on, and
/// every answer reaches the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn learners_over_ssh_are_told_when_the_database_is_away_and_lose_nothing() {
    let Some(pg) = pg::Cluster::start().map(Arc::new) else {
        return;
    };
    let db = pg.database("ssh");
    let conninfo = pg.conninfo(&db);
    pg.stop();
    let store = PgStore::open(&settings(&conninfo), short())
        .await
        .expect("opens without the database");
    assert!(store.unreachable().is_some());
    let mut opts = ssh::options();
    opts.progress = Arc::new(store.clone());
    let server = ssh::server(opts).await;
    let key = kasseika::serve::hostkey::generate().unwrap();

    let client = ssh::login_with_key(server.local_addr(), "taro", &key).await;
    let shell = client.shell(Some("xterm"), 80, 24, EN).await;
    wait_for_joined(&shell, "database does not answer").await;
    wait_for_joined(&shell, "you start from the beginning").await;
    shell.send(b"\r").await;
    shell.send(b"4").await;
    shell.send(b"e").await;
    shell.wait_for_text("Exercises: Sigmoid function").await;
    shell.send(b"0.5\r").await;
    shell.wait_for_text("Right!").await;
    // Told once: no second notice for the saves that fail meanwhile.
    assert!(!joined(&shell).contains("NOT being saved"));

    let rows = |pg: &pg::Cluster| pg.query(&db, "SELECT progress::text FROM kasseika_progress");
    pg.start_again();
    let waited = tokio::task::spawn_blocking({
        let store = store.clone();
        move || {
            eventually(
                "saved once the database is up",
                Duration::from_secs(30),
                || store.waiting() == 0 && store.unreachable().is_none(),
            )
        }
    });
    waited.await.unwrap();
    let row = rows(&pg);
    assert!(
        row.len() == 1 && row[0].contains("\"solved\": true"),
        "{row:?}"
    );

    // A save that works (the language), then the database gone mid-session:
    // the next change is told as not saved, in the session.
    shell.send(b"L").await;
    shell.wait_for_text("正解です").await;
    tokio::task::spawn_blocking({
        let (pg, db) = (pg.clone(), db.clone());
        move || {
            eventually("the language saved", Duration::from_secs(30), || {
                let rows = pg.query(&db, "SELECT progress::text FROM kasseika_progress");
                rows.first().is_some_and(|r| r.contains("\"ja\""))
            })
        }
    })
    .await
    .unwrap();
    pg.stop();
    shell.send(b"L").await;
    wait_for_joined(&shell, "NOT being saved").await;
    // Back while it is down, from another connection: told that this server
    // holds what they did.
    let other_client = ssh::login_with_key(server.local_addr(), "taro", &key).await;
    let again = other_client.shell(Some("xterm"), 80, 24, EN).await;
    wait_for_joined(&again, "kept of your last visit").await;
    drop(again);
    drop(other_client);
    shell.send(b"\r").await;
    shell
        .wait_for("the notice closed", |r| !r.screen().contains("NOT being"))
        .await;
    shell.send(b"q").await;
    shell.wait_closed().await;
    ssh::eventually("the sessions end", || server.sessions() == 0).await;

    pg.start_again();
    let waited = tokio::task::spawn_blocking({
        let store = store.clone();
        move || {
            eventually(
                "saved once the database is back",
                Duration::from_secs(30),
                || store.waiting() == 0 && store.unreachable().is_none(),
            )
        }
    });
    waited.await.unwrap();
    let row = rows(&pg);
    assert!(
        row[0].contains("\"solved\": true") && row[0].contains("\"en\""),
        "{row:?}"
    );
    server.shutdown(Duration::from_secs(5)).await;
}

/// `kasseika serve --progress-db` with the database away: it starts, says so,
/// serves; a password on the command line is refused without being echoed.
#[test]
fn the_binary_starts_without_its_database_and_refuses_a_password_in_the_flag() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let serve = |conninfo: &str| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_kasseika"));
        c.args(["serve", "--listen", "127.0.0.1:0", "--host-key"])
            .arg(dir.path().join("key"))
            .args(["--progress-db", conninfo])
            .env_clear()
            .env("LANG", "C.UTF-8")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        c
    };
    let out = serve("host=/nonexistent user=x password=hunter2")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        log.contains("holds a password") && log.contains("PGPASSWORD"),
        "{log}"
    );
    assert!(!log.contains("hunter2"), "{log}");

    // Nothing listens on this socket directory.
    let nowhere = format!(
        "host={} port=5999 user=kasseika dbname=kasseika connect_timeout=2",
        dir.path().display()
    );
    let mut child = serve(&nowhere).spawn().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut log = String::new();
        let mut buf = [0u8; 4096];
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline && !log.contains("Serving the lessons anyway") {
            match stderr.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => log.push_str(&String::from_utf8_lossy(&buf[..n])),
            }
        }
        log
    });
    let log = reader.join().unwrap();
    // SAFETY: a signal to the child this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert!(log.contains("does not answer"), "{log}");
    assert!(log.contains("Serving the lessons anyway"), "{log}");
    assert!(log.contains("serving the lessons on 127.0.0.1:"), "{log}");
    assert!(status.success(), "a clean stop: {status:?}");
}
