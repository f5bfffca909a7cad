//! What a learner does over SSH, shared by the tests and the scale benchmark:
//! answering the first exercise of a lesson, and finding it solved again after a
//! reconnection. Answers come from the course's own data, so the moves follow
//! the exercises wherever they change.
#![allow(dead_code)]

use kasseika::exercise::{self, Kind};
use kasseika::lesson::LessonId;

use crate::ssh::Shell;

/// A lesson whose first exercise asks for a number: the key that opens the
/// lesson (its number) and what to type.
#[derive(Debug, Clone)]
pub struct Answerable {
    pub key: u8,
    pub answer: String,
    /// How many exercises the lesson has.
    pub total: usize,
}

/// The lessons (up to 9, so that one key opens each) whose first exercise asks
/// for a number.
pub fn answerable() -> Vec<Answerable> {
    LessonId::ALL
        .iter()
        .filter_map(|&lesson| {
            let first = exercise::all().find(|e| e.lesson == lesson)?;
            let Kind::Number { answer, .. } = first.kind else {
                return None;
            };
            Some(Answerable {
                key: b'1' + u8::try_from(lesson.index()).ok()?,
                answer: kasseika::number::display(answer),
                total: exercise::all().filter(|e| e.lesson == lesson).count(),
            })
        })
        .collect()
}

/// Whether the screen shows a lesson (not its exercises).
fn on_a_lesson(screen: &str) -> bool {
    !screen.contains("Exercises:")
}

/// Whether a notice box is on the screen.
fn has_notice(screen: &str) -> bool {
    screen.contains("Please note")
}

/// From a lesson's screen: opens lesson `a`'s exercises, answers the first one
/// rightly, and goes back to the lesson once the answer is checked.
pub async fn answer(shell: &Shell, a: &Answerable) {
    back_to_lesson(shell).await;
    shell.send(&[a.key]).await;
    shell.send(b"e").await;
    shell.wait_for_text("Exercises:").await;
    // The answer box has the focus when an exercise opens unsolved.
    shell.send(a.answer.as_bytes()).await;
    shell.send(b"\r").await;
    shell.wait_for_text("Right!").await;
    back_to_lesson(shell).await;
}

/// From a lesson's screen: opens lesson `a` and waits until it counts its first
/// exercise solved (`e exercises 1/3` under the lesson: what a learner who comes
/// back sees).
pub async fn find_solved(shell: &Shell, a: &Answerable) {
    back_to_lesson(shell).await;
    shell.send(&[a.key]).await;
    let counted = format!("exercises 1/{}", a.total);
    shell
        .wait_for(&format!("the lesson to count {counted}"), |r| {
            r.screen().contains(&counted)
        })
        .await;
}

/// Whether the first exercise of `a`'s lesson shows as solved, within `limit`
/// (for counting what was lost rather than failing at the first).
pub async fn is_solved(shell: &Shell, a: &Answerable, limit: std::time::Duration) -> bool {
    tokio::time::timeout(limit, find_solved(shell, a))
        .await
        .is_ok()
}

/// Back to a lesson's screen from wherever the session is (an exercise, where a
/// session resumes if it ended in one; a notice).
pub async fn back_to_lesson(shell: &Shell) {
    // Esc leaves the answer box (if it has the focus), then the exercises; a key
    // closes a notice.
    for _ in 0..4 {
        let screen = shell.received().screen();
        if on_a_lesson(&screen) && !has_notice(&screen) {
            return;
        }
        let key: &[u8] = if has_notice(&screen) { b"\r" } else { b"\x1b" };
        shell.send(key).await;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        let settled = |s: &str| on_a_lesson(s) && !has_notice(s);
        while std::time::Instant::now() < deadline && !settled(&shell.received().screen()) {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
    shell
        .wait_for("back on the lesson", |r| {
            let s = r.screen();
            on_a_lesson(&s) && !has_notice(&s)
        })
        .await;
}
