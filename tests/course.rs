//! The course through `App::update`: exercises answered right, wrong, wrong twice
//! and skipped; the lesson list; what is recorded and when (the front end saves
//! what `take_unsaved` gives); resuming; notices. No files: the store's own tests
//! are in tests/progress.rs, the front ends' in tests/cli.rs and tests/serve.rs.

mod common;

use common::{app, evaluate, render, text_of, type_text};
use kasseika::app::{App, ExerciseMsg, Feedback, Focus, ListMsg, Message, Notice};
use kasseika::exercise::{Hint, Outcome, Status};
use kasseika::i18n::Lang;
use kasseika::keys::Mode;
use kasseika::lesson::LessonId;
use kasseika::progress::store::{Loaded, StoreError};
use kasseika::progress::{Progress, Reading, Stamp};

fn x(m: ExerciseMsg) -> Message {
    Message::Exercise(m)
}

fn list(m: ListMsg) -> Message {
    Message::List(m)
}

/// A clock that always says the same time (stamps still increase: the progress
/// makes each new place later than the one it replaces).
fn fixed() -> Stamp {
    Stamp::from_millis(1_778_927_407_250)
}

fn fresh(lang: Lang, lesson: LessonId) -> App {
    let mut a = app(lang, lesson);
    a.course.clock = fixed;
    // What the first frame recorded (the lesson opened, read if it fits) is not
    // what these tests look at.
    a.take_unsaved();
    a
}

/// The feedback of the exercise on show.
fn feedback(a: &App) -> Option<&Feedback> {
    let (i, _) = a.current_exercise()?;
    a.drill().feedback[i].as_ref()
}

fn outcome(a: &App) -> &Outcome {
    match feedback(a) {
        Some(Feedback::Answered(o)) => o,
        other => panic!("no answer on show: {other:?}"),
    }
}

fn status(a: &App) -> Status {
    let (_, e) = a.current_exercise().expect("an exercise on show");
    a.course.progress.status(e)
}

/// Types `text` in the answer box (emptied first) and presses Enter.
fn answer(a: &mut App, text: &str) {
    if a.focus != Focus::Answer {
        assert!(a.update(x(ExerciseMsg::FocusAnswer)), "the answer box");
    }
    a.update(Message::Edit(kasseika::app::Edit::DeleteToStart));
    a.update(Message::Edit(kasseika::app::Edit::DeleteToEnd));
    type_text(a, text);
    a.update(x(ExerciseMsg::Check));
}

#[test]
fn a_number_answered_wrong_wrong_again_then_right() {
    let mut a = fresh(Lang::En, LessonId::Sigmoid);
    assert!(a.update(x(ExerciseMsg::Open)));
    assert!(a.exercises_open());
    let (i, e) = a.current_exercise().unwrap();
    assert_eq!((i, e.name), (0, "half"), "the first open exercise");
    // A typed answer is expected: the keys are on the answer box, where every
    // character types (letters too: `nan`, `inf`) but `?`, the help's key.
    assert_eq!(Mode::of(&a), Mode::Answer);
    let key = |c| {
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        )
    };
    let typed = |c| kasseika::keys::message_for(key(c), Mode::Answer);
    for c in ['n', 'p', 'q', 's', 'h', 'i', '-', '０', 'x'] {
        assert_eq!(
            typed(c),
            Some(Message::Edit(kasseika::app::Edit::Insert(c)))
        );
    }
    assert_eq!(typed('?'), Some(Message::ToggleHelp));
    // On a choice, the keys are on the exercise: `n` moves, a sign starts typing.
    let on_exercise = |c| kasseika::keys::message_for(key(c), Mode::Exercise);
    assert_eq!(on_exercise('n'), Some(x(ExerciseMsg::Next)));
    assert_eq!(on_exercise('-'), Some(x(ExerciseMsg::Type('-'))));
    assert_eq!(on_exercise('０'), Some(x(ExerciseMsg::Type('０'))));
    assert_eq!(on_exercise('x'), None);

    answer(&mut a, "0.4");
    assert!(
        matches!(
            outcome(&a),
            Outcome::Wrong {
                level: Hint::Look,
                wrong: 1,
                ..
            }
        ),
        "{:?}",
        outcome(&a)
    );
    assert_eq!(status(&a), Status::Tried { wrong: 1 });
    assert!(a.has_unsaved(), "a wrong answer is recorded");
    a.take_unsaved();
    assert_eq!(a.focus, Focus::Answer, "still typing after a wrong answer");
    assert_eq!(
        a.answer().unwrap().value(),
        "0.4",
        "the answer stays to be mended"
    );

    answer(&mut a, "1/3");
    assert!(matches!(
        outcome(&a),
        Outcome::Wrong {
            level: Hint::Stronger,
            wrong: 2,
            ..
        }
    ));
    let tr = a.loc.tr(Lang::En);
    let text = outcome(&a).message(tr);
    assert!(
        text.contains("Not yet") && text.contains("1 / (1 + 1)"),
        "{text}"
    );

    // Unreadable: told what is accepted, not counted.
    answer(&mut a, "half");
    assert!(matches!(outcome(&a), Outcome::Invalid(_)));
    assert_eq!(status(&a), Status::Tried { wrong: 2 });

    answer(&mut a, "５０％");
    assert!(matches!(outcome(&a), Outcome::Right { .. }));
    assert_eq!(
        status(&a),
        Status::Solved {
            wrong: 2,
            seen_answer: false
        }
    );
    assert_eq!(
        a.focus,
        Focus::Exercise,
        "right: the keys go on to the next one"
    );
    let saved = a.take_unsaved().expect("a right answer is recorded");
    assert!(saved.record(e).solved);

    // The screen says why, in both languages.
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(
        screen.contains("Right!") && screen.contains("S-curve"),
        "{screen}"
    );
    a.update(Message::ToggleLang);
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(screen.contains("正解です！"), "{screen}");
}

#[test]
fn a_choice_is_picked_by_its_number() {
    let mut a = fresh(Lang::En, LessonId::Intro);
    a.update(x(ExerciseMsg::Open));
    let (_, e) = a.current_exercise().unwrap();
    assert_eq!(e.name, "regression");
    assert_eq!(a.focus, Focus::Exercise, "a choice opens on its options");
    // No option 9: told (1 to 4), not counted.
    assert!(a.update(x(ExerciseMsg::Pick(9))));
    assert!(matches!(outcome(&a), Outcome::Invalid(_)));
    assert_eq!(status(&a), Status::NotTried);
    a.update(x(ExerciseMsg::Pick(3)));
    assert!(matches!(outcome(&a), Outcome::Wrong { wrong: 1, .. }));
    a.update(x(ExerciseMsg::Pick(2)));
    assert!(matches!(outcome(&a), Outcome::Right { .. }));
    assert_eq!(
        status(&a),
        Status::Solved {
            wrong: 1,
            seen_answer: false
        }
    );
    // Typed, it is the same answer.
    a.update(x(ExerciseMsg::Next));
    a.update(x(ExerciseMsg::FocusAnswer));
    type_text(&mut a, "２");
    a.update(x(ExerciseMsg::Check));
    assert!(matches!(outcome(&a), Outcome::Right { .. }));
}

#[test]
fn a_number_question_opens_on_its_answer_box_and_a_solved_one_on_the_exercise() {
    let mut a = fresh(Lang::En, LessonId::Relu);
    a.update(x(ExerciseMsg::Open));
    assert_eq!(a.focus, Focus::Answer, "a typed answer is expected");
    keys(&mut a, "-3");
    a.update(x(ExerciseMsg::Check));
    assert!(matches!(outcome(&a), Outcome::Wrong { .. }));
    keys(&mut a, "0");
    a.update(x(ExerciseMsg::Check));
    assert!(matches!(outcome(&a), Outcome::Right { .. }), "ReLU(-3) = 0");
    // Solved: the keys are on the exercise, where `n` moves on; a digit starts a
    // new answer.
    assert_eq!(a.focus, Focus::Exercise);
    assert_eq!(
        kasseika::keys::message_for(
            ratatui::crossterm::event::KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char('n'),
                ratatui::crossterm::event::KeyModifiers::NONE,
            ),
            Mode::of(&a)
        ),
        Some(x(ExerciseMsg::Next))
    );
    a.update(x(ExerciseMsg::Pick(0)));
    assert_eq!(a.focus, Focus::Answer);
    assert_eq!(a.answer().unwrap().value(), "0");
}

#[test]
fn skipping_shows_the_answer_and_why_and_counts_as_skipped() {
    let mut a = fresh(Lang::En, LessonId::Step);
    a.update(x(ExerciseMsg::Open));
    let (_, first) = a.current_exercise().unwrap();
    answer(&mut a, "1");
    assert!(a.update(x(ExerciseMsg::Skip)));
    assert_eq!(feedback(&a), Some(&Feedback::Skipped));
    assert_eq!(status(&a), Status::Skipped { wrong: 1 });
    assert_eq!(a.focus, Focus::Answer, "the answer can still be typed");
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(
        screen.contains("Skipped for now.") && screen.contains("The answer is 0."),
        "{screen}"
    );
    assert!(a.take_unsaved().unwrap().record(first).skipped);
    // Answered later, it is solved; a solved one is not skipped again.
    answer(&mut a, "0");
    assert_eq!(
        status(&a),
        Status::Solved {
            wrong: 1,
            seen_answer: true
        }
    );
    assert!(!a.update(x(ExerciseMsg::Skip)));
    // Next time the lesson's exercises open, on the first one not done.
    let mut b = fresh(Lang::En, LessonId::Step);
    let mut progress = Progress::new();
    let mut state = progress.exercise_state(first);
    state.skip();
    progress.record_exercise(&state, fixed());
    b.resume(
        Loaded {
            progress,
            notices: vec![],
        },
        true,
    );
    b.update(x(ExerciseMsg::Open));
    assert_eq!(b.current_exercise().unwrap().1.name, "slope");
}

#[test]
fn find_exercises_are_checked_by_the_real_functions_and_the_lab_stays_at_hand() {
    use ratatui::crossterm::event::KeyCode::{Enter, Esc, Tab};
    for (w, h) in [(80, 24), (60, 20), (120, 40)] {
        let mut a = fresh(Lang::En, LessonId::Overflow);
        a.update(Message::Resize(w, h));
        a.update(x(ExerciseMsg::Open));
        a.update(x(ExerciseMsg::Next));
        let (_, e) = a.current_exercise().unwrap();
        assert_eq!(e.name, "naive");
        answer(&mut a, "1, 2, 3");
        let text = outcome(&a).message(a.loc.tr(Lang::En));
        assert!(text.contains("Not quite"), "{text}");
        // The lesson's input box, with the question still on show: Tab goes there,
        // Enter evaluates, Tab comes back to the answer, which waited.
        press(&mut a, Tab);
        assert_eq!(a.focus, Focus::Input);
        assert!(a.exercises_open());
        keys(&mut a, "1010, 1000, 990");
        press(&mut a, Enter);
        let screen = text_of(render(&a, w, h).backend().buffer());
        assert!(
            screen.contains("NaN") && screen.contains("Exercises: Softmax overflow"),
            "{w}x{h}: the results and the exercise side by side\n{screen}"
        );
        press(&mut a, Tab);
        assert_eq!(a.focus, Focus::Answer);
        assert_eq!(a.answer().unwrap().value(), "1, 2, 3");
        // Esc in the input box comes back too.
        press(&mut a, Tab);
        press(&mut a, Esc);
        assert_eq!(a.focus, Focus::Answer);
        answer(&mut a, "1010, 1000, 990");
        assert!(matches!(outcome(&a), Outcome::Right { .. }));
        assert_eq!(
            a.page().input.value(),
            "1010, 1000, 990",
            "the lab kept its own input"
        );
    }
    // Leaving the exercises and coming back finds them as they were.
    let mut a = fresh(Lang::En, LessonId::Overflow);
    a.update(x(ExerciseMsg::Open));
    a.update(x(ExerciseMsg::Next));
    answer(&mut a, "1, 2, 3");
    assert!(a.update(x(ExerciseMsg::Close)));
    assert!(!a.exercises_open());
    evaluate(&mut a, "1010, 1000, 990");
    a.update(Message::LeaveInput);
    a.update(x(ExerciseMsg::Open));
    assert_eq!(a.current_exercise().unwrap().1.name, "naive");
    assert_eq!(a.answer().unwrap().value(), "1, 2, 3");
    answer(&mut a, "1010, 1000, 990");
    assert!(matches!(outcome(&a), Outcome::Right { .. }));
    assert_eq!(
        a.page().input.value(),
        "1010, 1000, 990",
        "the lab kept its own input"
    );
}

#[test]
fn next_after_the_last_exercise_is_the_next_lesson_and_prev_before_the_first_the_lesson() {
    let mut a = fresh(Lang::En, LessonId::Identity);
    a.update(x(ExerciseMsg::Open));
    a.update(x(ExerciseMsg::Prev));
    assert!(!a.exercises_open());
    assert_eq!(a.lesson, LessonId::Identity);
    a.update(x(ExerciseMsg::Open));
    let n = a.lesson_exercises().len();
    for _ in 1..n {
        a.update(x(ExerciseMsg::Next));
    }
    assert_eq!(a.current_exercise().unwrap().0, n - 1);
    a.update(x(ExerciseMsg::Next));
    assert!(!a.exercises_open());
    assert_eq!(a.lesson, LessonId::Sigmoid);
}

#[test]
fn the_closing_screen_has_no_exercises() {
    let mut a = fresh(Lang::En, LessonId::Overflow);
    a.update(Message::NextLesson);
    assert!(a.closing);
    assert!(!a.update(x(ExerciseMsg::Open)));
}

#[test]
fn what_is_recorded_and_when() {
    let mut a = fresh(Lang::En, LessonId::Sigmoid);
    // Typing and scrolling record nothing.
    a.update(Message::FocusInput);
    type_text(&mut a, "2");
    a.update(Message::LeaveInput);
    a.update(Message::ScrollDown);
    assert!(!a.has_unsaved());
    // Evaluating records the place: the scroll and what was typed.
    a.update(Message::FocusInput);
    a.update(Message::Evaluate);
    let saved = a.take_unsaved().expect("an evaluation is recorded");
    let place = saved.place(LessonId::Sigmoid).unwrap();
    assert_eq!((place.scroll, place.typed.as_str()), (1, "2"));
    // A change of lesson records where it goes (resume there).
    a.update(Message::NextLesson);
    let saved = a.take_unsaved().expect("a change of lesson is recorded");
    assert_eq!(saved.resume(), Some(LessonId::Relu));
    // Quitting records the place too; the language key records the choice.
    a.update(Message::ToggleLang);
    assert_eq!(a.take_unsaved().unwrap().language(), Some("ja"));
    a.update(Message::ScrollDown);
    a.update(Message::Quit);
    let saved = a.take_unsaved().expect("quitting records the place");
    assert_eq!(saved.place(LessonId::Relu).unwrap().scroll, 1);
    a.update(Message::Quit);
    assert!(a.take_unsaved().is_none(), "nothing new, nothing to save");
}

thread_local! {
    /// The time a test's clock says, in milliseconds (each test runs on a thread
    /// of its own).
    static NOW: std::cell::Cell<u64> = const { std::cell::Cell::new(1_778_927_407_250) };
}

/// A clock the test moves on with [`wait`].
fn test_clock() -> Stamp {
    Stamp::from_millis(NOW.with(std::cell::Cell::get))
}

fn wait(ms: u64) {
    NOW.with(|n| n.set(n.get() + ms));
}

fn timed(lang: Lang, lesson: LessonId) -> App {
    let mut a = App::new(
        common::localizer(),
        lang,
        lesson,
        kasseika::ui::Look::default(),
    );
    a.course.clock = test_clock;
    a.update(Message::Resize(80, 24));
    a.take_unsaved();
    a
}

#[test]
fn a_lesson_is_read_once_its_end_was_on_the_screen_and_time_enough_spent_on_it() {
    use ratatui::crossterm::event::KeyCode::Char;
    let read = |a: &App, l: LessonId| a.course.progress.lesson(l).reading;
    // At 120x60 most lessons fit whole: pressing 2 to 9 within a second shows the
    // end of six of them, and reads none.
    let mut a = timed(Lang::En, LessonId::Intro);
    a.update(Message::Resize(120, 60));
    for c in '2'..='9' {
        wait(125);
        press(&mut a, Char(c));
    }
    wait(125);
    press(&mut a, Char('1'));
    for lesson in LessonId::ALL {
        assert_ne!(read(&a, lesson), Reading::Read, "{lesson:?} after a glance");
    }
    // Staying on one as long as a quick reader needs for it: read.
    let needed = a.lesson_reading_time(LessonId::Intro);
    assert!(
        needed > 20_000,
        "the intro takes a while to read: {needed} ms"
    );
    wait(needed);
    press(&mut a, ratatui::crossterm::event::KeyCode::Down);
    assert_eq!(read(&a, LessonId::Intro), Reading::Read);
    assert!(a.take_unsaved().unwrap().lesson(LessonId::Intro).reading == Reading::Read);

    // At 80x24, time alone is not reading: the end must have been on the screen.
    let mut b = timed(Lang::En, LessonId::Sigmoid);
    wait(10 * 60_000);
    b.update(Message::ScrollDown);
    wait(10 * 60_000);
    b.update(Message::ScrollDown);
    assert_eq!(read(&b, LessonId::Sigmoid), Reading::Opened);
    // The end is on the screen: read once the time spent comes to the lesson's.
    b.update(Message::ScrollBottom);
    assert_eq!(read(&b, LessonId::Sigmoid), Reading::Read);
    // Scrolled to the end at once, then read there: read when the learner moves on.
    let mut c = timed(Lang::Ja, LessonId::Relu);
    c.update(Message::ScrollBottom);
    assert_eq!(read(&c, LessonId::Relu), Reading::Opened);
    wait(c.lesson_reading_time(LessonId::Relu));
    c.update(Message::NextLesson);
    assert_eq!(read(&c, LessonId::Relu), Reading::Read);
    // A minute away from the keys counts, an afternoon does not: the time from one
    // key to the next counts up to two minutes.
    let mut d = timed(Lang::En, LessonId::Softmax);
    let time = |d: &App| {
        d.course
            .progress
            .lesson_record(LessonId::Softmax.id())
            .unwrap()
            .time
    };
    wait(60_000);
    d.update(Message::ScrollDown);
    assert_eq!(time(&d), 60_000);
    wait(6 * 60 * 60_000);
    d.update(Message::ScrollDown);
    assert_eq!(time(&d), 60_000 + kasseika::app::course::MAX_PAUSE);
    // Under the help, the end is not on the screen.
    let mut covered = timed(Lang::En, LessonId::Step);
    covered.update(Message::ToggleHelp);
    covered.update(Message::Resize(200, 80));
    wait(10 * 60_000);
    covered.update(Message::ScrollDown);
    assert_eq!(read(&covered, LessonId::Step), Reading::Opened);
    covered.update(Message::ToggleHelp);
    assert_eq!(
        read(&covered, LessonId::Step),
        Reading::Read,
        "the time counted"
    );
}

#[test]
fn a_lesson_whose_exercises_were_all_answered_is_read_and_every_screen_agrees() {
    // A learner at 80x24 visits every lesson, never scrolls to an end, and answers
    // every exercise of most lessons (some wrong first), skipping the others'.
    let mut a = fresh(Lang::Ja, LessonId::Intro);
    for lesson in LessonId::ALL {
        a.update(Message::GoTo(lesson));
        a.update(x(ExerciseMsg::Open));
        let answer_all = lesson != LessonId::Overflow && lesson != LessonId::Modern;
        for (i, e) in kasseika::exercise::exercises(lesson).iter().enumerate() {
            if answer_all || i == 0 {
                let right = match e.kind {
                    kasseika::exercise::Kind::Number { answer, .. } => {
                        kasseika::number::display(answer)
                    }
                    kasseika::exercise::Kind::Choice { answer, .. } => answer.to_string(),
                    kasseika::exercise::Kind::Find { example, .. } => example.to_string(),
                };
                if i == 1 {
                    answer(&mut a, "12345");
                }
                answer(&mut a, &right);
                assert!(matches!(outcome(&a), Outcome::Right { .. }), "{}", e.key());
            } else {
                a.update(x(ExerciseMsg::Skip));
            }
            a.update(x(ExerciseMsg::Next));
        }
    }
    let progress = a.course.progress.clone();
    let read: Vec<LessonId> = LessonId::ALL
        .into_iter()
        .filter(|&l| progress.lesson(l).reading == Reading::Read)
        .collect();
    assert_eq!(read.len(), LessonId::ALL.len() - 2, "{read:?}");
    let loc = a.loc.clone();
    let tr = loc.tr(Lang::Ja);
    let course = progress.course();
    assert_eq!(course.read, read.len());
    // The closing screen, the list and `kasseika progress` say the same.
    a.update(Message::GoTo(LessonId::Overflow));
    a.update(Message::NextLesson);
    let closing = text_of(render(&a, 80, 24).backend().buffer());
    let totals = format!("レッスン 9 個中 {} 個を読了", read.len());
    assert!(
        kasseika::ui::course::course_text(&a).starts_with(&totals) && closing.contains(&totals),
        "{totals}\n{closing}"
    );
    a.update(list(ListMsg::Toggle));
    let listed = text_of(render(&a, 80, 40).backend().buffer());
    let word = tr.t("list-read");
    let rows_read = listed
        .lines()
        .filter(|l| l.contains(&format!(" {word} ")))
        .count();
    assert_eq!(rows_read, read.len(), "{listed}");
    assert!(listed.contains(&totals), "{listed}");
    let report = kasseika::progress::report::learner(tr, &progress);
    let said = tr.t("progress-lesson-read");
    assert_eq!(
        report
            .lines()
            .filter(|l| l.contains("/9 ") && l.contains(&said))
            .count(),
        read.len(),
        "{report}"
    );
    assert!(report.starts_with(&totals), "{report}");
}

#[test]
fn resuming_opens_the_last_lesson_where_it_was_left_unless_a_lesson_is_asked_for() {
    let mut before = fresh(Lang::En, LessonId::Softmax);
    evaluate(&mut before, "1, 2, 3");
    before.update(Message::LeaveInput);
    before.update(Message::ScrollDown);
    before.update(Message::ScrollDown);
    before.update(Message::Quit);
    let progress = before.take_unsaved().unwrap();
    let loaded = || Loaded {
        progress: progress.clone(),
        notices: vec![],
    };

    let mut a = fresh(Lang::En, LessonId::Intro);
    a.resume(loaded(), false);
    assert_eq!(a.lesson, LessonId::Softmax);
    assert_eq!(a.page().scroll, 2);
    assert_eq!(a.page().input.value(), "1, 2, 3");
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(screen.contains("0.66524096"), "evaluated again:\n{screen}");

    // --lesson wins; the other lessons' places are still there.
    let mut b = fresh(Lang::En, LessonId::Step);
    b.resume(loaded(), true);
    assert_eq!(b.lesson, LessonId::Step);
    b.update(Message::GoTo(LessonId::Softmax));
    assert_eq!(b.page().input.value(), "1, 2, 3");

    // What was typed but was not a valid input is kept, without an error.
    let mut p = Progress::new();
    p.set_place(LessonId::Sigmoid, 0, "1, x", fixed());
    let mut c = fresh(Lang::En, LessonId::Intro);
    c.resume(
        Loaded {
            progress: p,
            notices: vec![],
        },
        false,
    );
    assert_eq!(c.page().input.value(), "1, x");
    assert!(c.page().error.is_none());
}

#[test]
fn a_save_brings_in_what_another_process_did_and_a_failure_is_told_once() {
    let mut a = fresh(Lang::En, LessonId::Step);
    a.update(x(ExerciseMsg::Open));
    answer(&mut a, "0");
    let mine = a.take_unsaved().unwrap();
    // The store merged it with another process's progress.
    let mut theirs = mine.clone();
    let other = kasseika::exercise::find_exercise("relu", "negative").unwrap();
    let mut state = theirs.exercise_state(other);
    state.answer("0");
    theirs.record_exercise(&state, fixed());
    a.update(Message::Saved(Box::new(Ok(Loaded {
        progress: theirs,
        notices: vec![],
    }))));
    assert!(a.course.progress.record(other).solved, "adopted");
    assert!(a.course.progress.lesson(LessonId::Step).solved >= 1, "kept");
    assert!(a.course.notices.is_empty());

    let failure = || StoreError::NoDataDir;
    a.update(Message::Saved(Box::new(Err(failure()))));
    a.update(Message::Saved(Box::new(Err(failure()))));
    assert_eq!(a.course.notices.len(), 1, "told once");
    assert_eq!(Mode::of(&a), Mode::Notice);
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(screen.contains("tries to save it again"), "{screen}");
    assert!(a.update(Message::DismissNotice));
    assert_eq!(Mode::of(&a), Mode::Exercise);
    // Quitting tries again even with nothing new.
    a.update(Message::Quit);
    assert!(a.take_unsaved().is_some());
}

#[test]
fn the_list_shows_each_lesson_and_opens_any() {
    let mut a = fresh(Lang::En, LessonId::Relu);
    assert!(a.update(list(ListMsg::Toggle)));
    assert_eq!(Mode::of(&a), Mode::List);
    assert_eq!(
        a.course.list,
        Some(LessonId::Relu.index()),
        "on the lesson on show"
    );
    a.update(list(ListMsg::First));
    a.update(list(ListMsg::Next));
    assert!(a.update(list(ListMsg::Open)));
    assert_eq!(a.lesson, LessonId::Step);
    assert!(a.course.list.is_none());
    // A digit in the list opens that lesson; `e` its exercises.
    a.update(list(ListMsg::Toggle));
    a.update(Message::GoTo(LessonId::Overflow));
    assert_eq!((a.lesson, a.course.list), (LessonId::Overflow, None));
    a.update(list(ListMsg::Toggle));
    a.update(list(ListMsg::Prev));
    a.update(list(ListMsg::Exercises));
    assert_eq!(a.lesson, LessonId::Softmax);
    assert!(a.exercises_open());
    // The list opens from the exercises too, and a lesson opened from it is read.
    a.update(list(ListMsg::Toggle));
    a.update(list(ListMsg::Last));
    a.update(list(ListMsg::Open));
    assert!(!a.exercises_open());
    assert_eq!(a.lesson, LessonId::Overflow);
}

#[test]
fn the_list_and_the_closing_screen_tell_how_far_the_course_is_done() {
    let mut a = fresh(Lang::En, LessonId::Step);
    a.update(x(ExerciseMsg::Open));
    answer(&mut a, "0");
    a.update(x(ExerciseMsg::Close));
    a.update(list(ListMsg::Toggle));
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    let total = kasseika::exercise::all().count();
    assert!(
        screen.contains(&format!("Exercises solved: 1 of {total}")),
        "{screen}"
    );
    let step = screen
        .lines()
        .find(|l| l.contains("2. Step function"))
        .unwrap();
    assert!(step.contains("opened") && step.contains("1/3"), "{step}");
    let intro = screen
        .lines()
        .find(|l| l.contains("1. What is an activation function?"))
        .unwrap();
    assert!(
        intro.contains("not started") && intro.contains("0/3"),
        "{intro}"
    );

    a.update(list(ListMsg::Toggle));
    a.update(Message::GoTo(LessonId::Overflow));
    a.update(Message::NextLesson);
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(
        screen.contains("Your progress")
            && screen.contains(&format!("Lessons read: 0 of {}.", LessonId::ALL.len()))
            && screen.contains(&format!("1 of {total}.")),
        "{screen}"
    );
    let step = screen
        .lines()
        .find(|l| l.contains("2. Step function"))
        .unwrap();
    assert!(step.contains("1/3"), "{step}");
}

#[test]
fn an_anonymous_learner_is_told_once_that_progress_lasts_for_the_session() {
    let mut a = fresh(Lang::Ja, LessonId::Intro);
    a.tell(Notice::SessionOnly);
    assert_eq!(Mode::of(&a), Mode::Notice);
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(screen.contains("この接続のあいだだけ"), "{screen}");
    // Keys that would do something else wait until it is closed.
    let key = |c| {
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char(c),
            ratatui::crossterm::event::KeyModifiers::NONE,
        )
    };
    assert_eq!(kasseika::keys::message_for(key('n'), Mode::Notice), None);
    assert_eq!(
        kasseika::keys::message_for(key(' '), Mode::Notice),
        Some(Message::DismissNotice)
    );
    a.update(Message::DismissNotice);
    assert_eq!(Mode::of(&a), Mode::Browse);
    assert!(!a.update(Message::DismissNotice));
}

#[test]
fn a_help_page_taller_than_the_screen_scrolls_as_far_as_the_view_says() {
    let mut a = fresh(Lang::En, LessonId::Sigmoid);
    a.update(Message::Resize(60, 20));
    a.update(Message::ToggleHelp);
    let room = kasseika::ui::help::max_scroll(&a);
    assert!(room > 0, "the reading page does not fit 60x20");
    assert!(
        !a.update(Message::ScrollDown),
        "until the view says how far"
    );
    a.update(kasseika::ui::help::room(&a));
    for _ in 0..room {
        assert!(a.update(Message::ScrollDown));
    }
    assert!(
        !a.update(Message::ScrollDown),
        "no further than the last line"
    );
    let screen = text_of(render(&a, 60, 20).backend().buffer());
    assert!(
        screen.contains("q Ctrl-C") && screen.contains("Quit"),
        "{screen}"
    );
    a.update(Message::HelpNext);
    assert_eq!(a.help_scroll, 0, "another page starts at its top");

    // Through the session, as a front end drives it: the keys scroll the help.
    use kasseika::session::Session;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let b = fresh(Lang::Ja, LessonId::Relu);
    let terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 20)).unwrap();
    let mut s = Session::new(b, terminal);
    s.start().unwrap();
    s.handle_all([key('?'), key('j'), key('j')]);
    assert_eq!(s.app.help_scroll, 2);
    s.handle_all([key('k')]);
    assert_eq!(s.app.help_scroll, 1);
}

// What the tester of issue 10 found.

/// Presses the key `code` as the learner would (through the key table).
fn press(a: &mut App, code: ratatui::crossterm::event::KeyCode) {
    let key = ratatui::crossterm::event::KeyEvent::new(
        code,
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    if let Some(m) = kasseika::keys::message_for(key, Mode::of(a)) {
        a.update(m);
    }
}

fn keys(a: &mut App, text: &str) {
    for c in text.chars() {
        press(a, ratatui::crossterm::event::KeyCode::Char(c));
    }
}

#[test]
fn quitting_in_an_exercise_resumes_in_it_with_the_half_typed_answer() {
    use ratatui::crossterm::event::KeyCode::Char;
    let mut a = fresh(Lang::En, LessonId::Intro);
    press(&mut a, Char('4'));
    press(&mut a, Char('e'));
    // The answer box has the keys (`n` would type): PageDown moves on.
    press(&mut a, ratatui::crossterm::event::KeyCode::PageDown);
    keys(&mut a, "0.8");
    assert_eq!(a.answer().unwrap().value(), "0.8");
    // However the session ends, the front end's last step is this.
    a.update(Message::Quit);
    let saved = a.take_unsaved().expect("the place is recorded");
    // Through the file, as the next start reads it.
    let saved = Progress::from_json(&saved.to_json()).unwrap();
    let mut b = fresh(Lang::En, LessonId::Intro);
    b.resume(
        Loaded {
            progress: saved.clone(),
            notices: vec![],
        },
        false,
    );
    assert_eq!(b.lesson, LessonId::Sigmoid);
    assert!(b.exercises_open());
    assert_eq!(
        b.current_exercise().map(|(i, e)| (i, e.name)),
        Some((1, "two"))
    );
    assert_eq!(b.answer().unwrap().value(), "0.8");
    assert_eq!(b.focus, Focus::Answer, "typing, as it was left");
    keys(&mut b, "8");
    b.update(x(ExerciseMsg::Check));
    assert!(matches!(outcome(&b), Outcome::Right { .. }), "0.88");
    // `--lesson` wins: the lesson itself, but its exercises are where they were.
    let mut c = fresh(Lang::En, LessonId::Sigmoid);
    c.resume(
        Loaded {
            progress: saved,
            notices: vec![],
        },
        true,
    );
    assert!(!c.exercises_open());
    c.update(x(ExerciseMsg::Open));
    assert_eq!(c.current_exercise().map(|(i, _)| i), Some(1));
    assert_eq!(c.answer().unwrap().value(), "0.8");
}

#[test]
fn a_new_try_replaces_the_checked_answer() {
    use ratatui::crossterm::event::KeyCode::{Backspace, Enter, Up};
    let mut a = fresh(Lang::En, LessonId::Step);
    keys(&mut a, "e");
    keys(&mut a, "0.5");
    press(&mut a, Enter);
    assert!(matches!(outcome(&a), Outcome::Wrong { wrong: 1, .. }));
    assert_eq!(
        a.answer().unwrap().value(),
        "0.5",
        "the checked answer stays"
    );
    assert!(a.answer_checked());
    // Looking at the question, then typing the right answer: a new try.
    press(&mut a, Up);
    assert_eq!(a.focus, Focus::Answer);
    keys(&mut a, "0");
    assert_eq!(a.answer().unwrap().value(), "0");
    press(&mut a, Enter);
    assert!(matches!(outcome(&a), Outcome::Right { .. }));
    assert_eq!(
        status(&a),
        Status::Solved {
            wrong: 1,
            seen_answer: false
        }
    );
    // Typing straight after a check, in the box, replaces too.
    let mut b = fresh(Lang::En, LessonId::Step);
    keys(&mut b, "e");
    keys(&mut b, "0.5");
    press(&mut b, Enter);
    keys(&mut b, "1");
    assert_eq!(b.answer().unwrap().value(), "1");
    // An editing key edits the checked answer instead.
    press(&mut b, Enter);
    press(&mut b, Backspace);
    keys(&mut b, "2");
    assert_eq!(b.answer().unwrap().value(), "2");
    let mut c = fresh(Lang::En, LessonId::Step);
    keys(&mut c, "e");
    keys(&mut c, "0.5");
    press(&mut c, Enter);
    press(&mut c, ratatui::crossterm::event::KeyCode::Left);
    keys(&mut c, "1");
    assert_eq!(c.answer().unwrap().value(), "0.15");
    // The checked answer is drawn selected.
    let mut d = fresh(Lang::En, LessonId::Step);
    keys(&mut d, "e");
    keys(&mut d, "0.5");
    press(&mut d, Enter);
    let t = render(&d, 80, 24);
    let buf = t.backend().buffer();
    let row = (0..24)
        .find(|&y| {
            text_of(buf)
                .lines()
                .nth(y)
                .is_some_and(|l| l.contains("> 0.5"))
        })
        .unwrap() as u16;
    let x0 = text_of(buf)
        .lines()
        .nth(usize::from(row))
        .unwrap()
        .find("> 0.5")
        .unwrap() as u16;
    let cell = &buf[(x0 + 2, row)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "{cell:?}"
    );
}

#[test]
fn a_digit_past_the_last_option_is_told() {
    let mut a = fresh(Lang::En, LessonId::Intro);
    keys(&mut a, "e");
    keys(&mut a, "n");
    let (_, e) = a.current_exercise().unwrap();
    assert_eq!(e.name, "linear");
    assert!(a.update(x(ExerciseMsg::Pick(5))));
    assert!(matches!(outcome(&a), Outcome::Invalid(_)));
    assert_eq!(status(&a), Status::NotTried);
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(screen.contains("1 to 3"), "{screen}");
}

#[test]
fn control_characters_of_a_pasted_answer_are_named() {
    let mut a = fresh(Lang::En, LessonId::Sigmoid);
    keys(&mut a, "e");
    a.update(Message::Paste("0.5\u{7}\n".into()));
    assert_eq!(a.answer().unwrap().value(), "0.5 ");
    assert_eq!(feedback(&a), Some(&Feedback::Pasted(vec!['\u{7}'])));
    for lang in Lang::ALL {
        a.lang = lang;
        let screen = text_of(render(&a, 80, 24).backend().buffer());
        assert!(
            screen.contains("U+0007") || screen.contains("\\u{7}") || screen.contains("^G"),
            "{screen}"
        );
    }
}

#[test]
fn a_solved_exercise_on_show_resumes_on_the_next_one_to_do() {
    let mut a = fresh(Lang::En, LessonId::Sigmoid);
    keys(&mut a, "e");
    keys(&mut a, "0.5");
    press(&mut a, ratatui::crossterm::event::KeyCode::Enter);
    assert!(matches!(outcome(&a), Outcome::Right { .. }));
    keys(&mut a, "L");
    a.update(Message::Quit);
    let saved = a.take_unsaved().unwrap();
    let mut b = fresh(Lang::En, LessonId::Intro);
    b.resume(
        Loaded {
            progress: saved,
            notices: vec![],
        },
        false,
    );
    assert!(b.exercises_open());
    assert_eq!(b.current_exercise().map(|(i, _)| i), Some(1));
    assert_eq!(b.focus, Focus::Answer, "its answer box waits for one");
}

#[test]
fn the_end_of_the_course_says_what_is_left_unless_nothing_is() {
    for lang in Lang::ALL {
        let mut a = fresh(lang, LessonId::Overflow);
        a.update(Message::NextLesson);
        assert!(a.closing);
        let screen = text_of(render(&a, 80, 24).backend().buffer());
        for never in [
            "worked through every lesson",
            "すべてのレッスンを終えました",
        ] {
            assert!(!screen.contains(never), "{screen}");
        }
        let headline = kasseika::ui::course::closing_headline(&a);
        assert_eq!(headline.len(), 2, "what is left, and the next exercise");
        assert!(headline[1].contains('1'), "{headline:?}");
    }
    // Everything read and solved: said so.
    let mut p = Progress::new();
    for lesson in LessonId::ALL {
        p.mark_read(lesson, fixed());
        for e in kasseika::exercise::exercises(lesson) {
            let mut s = p.exercise_state(e);
            let right = match e.kind {
                kasseika::exercise::Kind::Number { answer, .. } => {
                    kasseika::number::display(answer)
                }
                kasseika::exercise::Kind::Choice { answer, .. } => answer.to_string(),
                kasseika::exercise::Kind::Find { example, .. } => example.to_string(),
            };
            assert!(matches!(s.answer(&right), Outcome::Right { .. }));
            p.record_exercise(&s, fixed());
        }
    }
    let mut a = fresh(Lang::En, LessonId::Overflow);
    a.resume(
        Loaded {
            progress: p,
            notices: vec![],
        },
        true,
    );
    a.update(Message::NextLesson);
    assert_eq!(
        kasseika::ui::course::closing_headline(&a),
        vec!["You have read every lesson and solved every exercise.".to_string()]
    );
}

#[test]
fn a_narrow_footer_keeps_the_exercise_keys_before_help_and_language() {
    // The answer box: checking, the help, and (where room allows) the hint.
    for (lang, w, h, keys_shown) in [
        (Lang::Ja, 80, 24, &[" Enter ", " ? ", " F2 ", " Esc "][..]),
        (Lang::En, 80, 24, &[" Enter ", " ? ", " F2 ", " Esc "][..]),
        (Lang::Ja, 60, 20, &[" Enter ", " ? "][..]),
        (Lang::En, 60, 20, &[" Enter ", " ? "][..]),
    ] {
        let mut a = fresh(lang, LessonId::Sigmoid);
        a.update(Message::Resize(w, h));
        keys(&mut a, "e");
        let screen = text_of(render(&a, w, h).backend().buffer());
        let footer = screen.lines().last().unwrap().to_string();
        for key in keys_shown {
            assert!(footer.contains(key), "{lang:?} {w}x{h}: {footer}");
        }
    }
    // A choice: its digits, then skipping and moving on.
    for (lang, w, h, keys_shown) in [
        (Lang::Ja, 80, 24, &[" 1-4 ", " h ", " n ", " ? "][..]),
        (Lang::En, 80, 24, &[" 1-4 ", " h ", " s ", " n ", " ? "][..]),
        (Lang::Ja, 60, 20, &[" 1-4 ", " ? "][..]),
        (Lang::En, 60, 20, &[" 1-4 ", " ? "][..]),
    ] {
        let mut a = fresh(lang, LessonId::Intro);
        a.update(Message::Resize(w, h));
        keys(&mut a, "e");
        let screen = text_of(render(&a, w, h).backend().buffer());
        let footer = screen.lines().last().unwrap().to_string();
        for key in keys_shown {
            assert!(footer.contains(key), "{lang:?} {w}x{h}: {footer}");
        }
    }
}

#[test]
fn a_store_that_cannot_write_says_plainly_that_progress_is_not_saved() {
    use kasseika::progress::store::{FileStore, LearnerId, ProgressStore};
    // Under a regular file, no folder can be made, whoever runs the test (root
    // ignores permissions, not ENOTDIR); the name carries an escape sequence.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("file\u{1b}[2J");
    std::fs::write(&file, "not a folder").unwrap();
    let store = FileStore::local(file.join("dir"));
    let e = store
        .save(&LearnerId::local(), &Progress::new())
        .expect_err("a folder under a file cannot be made");
    for (lang, now, end) in [
        (
            Lang::En,
            "Your progress in this session is NOT being saved",
            "Your progress in this session was NOT saved",
        ),
        (
            Lang::Ja,
            "この回の学習の記録は保存されていません",
            "この回の学習の記録は保存されませんでした",
        ),
    ] {
        let mut a = fresh(lang, LessonId::Step);
        a.update(Message::Saved(Box::new(Err(e.clone()))));
        let tr = a.loc.tr(lang);
        let notice = kasseika::ui::course::notice_text(tr, &a.course.notices[0]);
        let at_end = e.not_saved_message(tr, true);
        for text in [&notice, &at_end] {
            assert!(text.contains("--no-save"), "{text}");
            assert!(
                text.contains("file\\u{1b}[2J/dir"),
                "the folder named: {text}"
            );
            assert!(text.contains("os error 20"), "the system's words: {text}");
            assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
        }
        assert!(notice.contains(now), "{notice}");
        assert!(at_end.contains(end), "{at_end}");
        let screen = text_of(render(&a, 80, 24).backend().buffer());
        assert!(screen.contains("--no-save"), "{screen}");
    }
}

#[test]
fn a_hint_comes_on_request_before_any_wrong_answer() {
    use ratatui::crossterm::event::KeyCode::F;
    for lang in Lang::ALL {
        let mut a = fresh(lang, LessonId::Sigmoid);
        keys(&mut a, "e");
        assert_eq!(Mode::of(&a), Mode::Answer);
        let footer = |a: &App| {
            text_of(render(a, 80, 24).backend().buffer())
                .lines()
                .last()
                .unwrap()
                .to_string()
        };
        let loc = a.loc.clone();
        let tr = loc.tr(lang);
        assert!(
            footer(&a).contains(&format!(" F2  {} ", tr.t("key-hint"))),
            "{}",
            footer(&a)
        );
        press(&mut a, F(2));
        assert_eq!(
            feedback(&a),
            Some(&Feedback::Hint(kasseika::exercise::Hint::Look))
        );
        assert_eq!(status(&a), Status::NotTried, "a hint is not a wrong answer");
        assert!(a.take_unsaved().is_some(), "the hint asked for is recorded");
        press(&mut a, F(2));
        assert_eq!(
            feedback(&a),
            Some(&Feedback::Hint(kasseika::exercise::Hint::Stronger))
        );
        let screen = text_of(render(&a, 80, 24).backend().buffer());
        let (_, e) = a.current_exercise().unwrap();
        let hint2 = tr.t(&e.hint_id(kasseika::exercise::Hint::Stronger));
        let start: String = hint2.chars().filter(|&c| c != '`').take(12).collect();
        assert!(screen.contains(&start), "{screen}");
        // Both seen: the key now shows the answer, and says so.
        assert!(footer(&a).contains(&tr.t("key-reveal")), "{}", footer(&a));
        press(&mut a, F(2));
        assert_eq!(feedback(&a), Some(&Feedback::Skipped));
        assert_eq!(status(&a), Status::Skipped { wrong: 0 });
    }
    // On a choice, `h` asks for it too.
    let mut a = fresh(Lang::En, LessonId::Intro);
    keys(&mut a, "eh");
    assert_eq!(
        feedback(&a),
        Some(&Feedback::Hint(kasseika::exercise::Hint::Look))
    );
}

#[test]
fn a_solved_exercise_come_back_to_shows_the_answer_and_why() {
    let mut a = fresh(Lang::En, LessonId::Sigmoid);
    keys(&mut a, "e");
    keys(&mut a, "1/2");
    press(&mut a, ratatui::crossterm::event::KeyCode::Enter);
    assert!(matches!(outcome(&a), Outcome::Right { .. }));
    a.update(Message::Quit);
    let saved = Progress::from_json(&a.take_unsaved().unwrap().to_json()).unwrap();
    for lang in Lang::ALL {
        let mut b = fresh(lang, LessonId::Intro);
        b.resume(
            Loaded {
                progress: saved.clone(),
                notices: vec![],
            },
            true,
        );
        b.update(Message::GoTo(LessonId::Sigmoid));
        b.update(x(ExerciseMsg::Open));
        // It opens on the first one to do; back to the solved one.
        assert_eq!(b.current_exercise().unwrap().0, 1);
        b.update(x(ExerciseMsg::Prev));
        assert_eq!(feedback(&b), Some(&Feedback::Solved(Some("1/2".into()))));
        assert_eq!(b.answer().unwrap().value(), "1/2");
        assert_eq!(b.focus, Focus::Exercise, "solved: the keys move on");
        let screen = text_of(render(&b, 80, 24).backend().buffer());
        let tr = b.loc.tr(lang);
        let said = tr.f("exercise-solved-with", &[("answer", "1/2".into())]);
        assert!(screen.contains(&said), "{screen}");
        let why = tr.t("ex-sigmoid-half-why");
        let start: String = why.chars().filter(|&c| c != '`').take(8).collect();
        assert!(screen.contains(&start), "{screen}");
    }
}

#[test]
fn the_review_shows_every_exercise_tried_with_the_answer_and_why() {
    use ratatui::crossterm::event::KeyCode::{Enter, Esc};
    let mut a = fresh(Lang::En, LessonId::Step);
    keys(&mut a, "e");
    keys(&mut a, "1");
    press(&mut a, Enter);
    keys(&mut a, "0");
    press(&mut a, Enter);
    // From the exercises: `v`.
    keys(&mut a, "v");
    assert_eq!(Mode::of(&a), Mode::Review);
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    for text in [
        "Your exercises",
        "2. Step function",
        "1. The step at 0",
        "Your answer: 0 (right)",
    ] {
        assert!(screen.contains(text), "{text}:\n{screen}");
    }
    press(&mut a, Esc);
    assert_eq!(Mode::of(&a), Mode::Exercise);
    // Tried and not solved: the answer, not right, and no why (it would give the
    // answer away); skipped: the answer shown and why.
    keys(&mut a, "n");
    keys(&mut a, "3");
    keys(&mut a, "n");
    a.update(x(ExerciseMsg::Skip));
    a.update(x(ExerciseMsg::Close));
    // From the list, and from the closing screen, in both languages.
    a.update(list(ListMsg::Toggle));
    keys(&mut a, "v");
    assert_eq!(Mode::of(&a), Mode::Review);
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(
        screen.contains("Your last answer: 3 (not right)")
            && screen.contains("Not solved yet")
            && screen.contains("Skipped without an answer"),
        "{screen}"
    );
    press(&mut a, Esc);
    assert_eq!(Mode::of(&a), Mode::List);
    a.update(list(ListMsg::Toggle));
    a.update(Message::GoTo(LessonId::Overflow));
    a.update(Message::NextLesson);
    a.update(Message::ToggleLang);
    keys(&mut a, "v");
    let screen = text_of(render(&a, 80, 24).backend().buffer());
    assert!(
        screen.contains("練習問題の振り返り") && screen.contains("最後の答え：3（不正解）"),
        "{screen}"
    );
    // A long review scrolls, its foot saying which lines are on show.
    keys(&mut a, "v");
    for lesson in [LessonId::Sigmoid, LessonId::Relu, LessonId::Vanishing] {
        a.update(Message::GoTo(lesson));
        a.update(x(ExerciseMsg::Open));
        answer(&mut a, "12345");
    }
    a.update(Message::NextLesson);
    a.update(Message::GoTo(LessonId::Overflow));
    a.update(Message::NextLesson);
    keys(&mut a, "v");
    assert_eq!(Mode::of(&a), Mode::Review);
    a.update(Message::Resize(60, 20));
    let (lines, rows) = a.review_layout();
    assert!(lines.len() > usize::from(rows), "long enough to scroll");
    assert!(a.update(Message::ScrollDown));
    assert_eq!(a.course.review, Some(1));
    a.update(Message::ScrollBottom);
    let screen = text_of(render(&a, 60, 20).backend().buffer());
    assert!(
        screen.contains(&format!("{} 行中", lines.len())),
        "{screen}"
    );
    keys(&mut a, "q");
    assert!(
        a.course.review.is_none() && a.running,
        "q closes the review"
    );
}
