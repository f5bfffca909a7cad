//! Progress as plain text: one learner's (`kasseika progress`) and a class's
//! (`kasseika serve --report`), in either language.
//!
//! A learner is *stuck* on an exercise that is not solved and was skipped or answered
//! wrong at least [`STUCK_AFTER`] times; the class report lists the most stuck
//! learners first, so that a teacher sees at the top who needs help.

use std::fmt::Write as _;

use crate::width::StrWidth;

use super::store::LearnerId;
use super::{Ago, Progress, Reading, Stamp};
use crate::exercise::{self, Exercise, Status};
use crate::i18n::Tr;
use crate::lesson::LessonId;
use crate::output::visible;

/// Wrong answers after which an unsolved exercise counts as stuck.
pub const STUCK_AFTER: u32 = 2;

/// `text` followed by spaces up to `width` terminal cells.
fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(text.width())));
    out
}

/// How an exercise stands, in words: "solved after 2 wrong answers".
pub fn status_text(tr: Tr, status: Status) -> String {
    match status {
        Status::NotTried => tr.t("progress-exercise-not-tried"),
        Status::Tried { wrong } => tr.f("progress-exercise-tried", &[("wrong", wrong.into())]),
        Status::Skipped { wrong: 0 } => tr.t("progress-exercise-skipped"),
        Status::Skipped { wrong } => tr.f(
            "progress-exercise-skipped-after",
            &[("wrong", wrong.into())],
        ),
        Status::Solved {
            seen_answer: true, ..
        } => tr.t("progress-exercise-solved-seen"),
        Status::Solved { wrong: 0, .. } => tr.t("progress-exercise-solved"),
        Status::Solved { wrong, .. } => {
            tr.f("progress-exercise-solved-after", &[("wrong", wrong.into())])
        }
    }
}

/// "12 minutes ago", in words.
pub fn ago_text(tr: Tr, ago: Ago) -> String {
    match ago {
        Ago::Now => tr.t("report-ago-now"),
        Ago::Minutes(n) => tr.f("report-ago-minutes", &[("count", n.into())]),
        Ago::Hours(n) => tr.f("report-ago-hours", &[("count", n.into())]),
        Ago::Days(n) => tr.f("report-ago-days", &[("count", n.into())]),
    }
}

/// How far a lesson was read, in words.
pub fn reading_text(tr: Tr, reading: Reading) -> String {
    tr.t(match reading {
        Reading::NotStarted => "progress-lesson-not-started",
        Reading::Opened => "progress-lesson-opened",
        Reading::Read => "progress-lesson-read",
    })
}

fn position(lesson: LessonId) -> String {
    format!("{}/{}", lesson.index() + 1, LessonId::ALL.len())
}

fn course_lines(tr: Tr, progress: &Progress, out: &mut String) {
    let c = progress.course();
    let _ = writeln!(
        out,
        "{}",
        tr.f(
            "progress-course",
            &[
                ("read", c.read.into()),
                ("lessons", c.lessons.into()),
                ("solved", c.solved.into()),
                ("seen", c.seen.into()),
                ("exercises", c.exercises.into()),
                ("skipped", c.skipped.into()),
            ],
        )
    );
}

fn resume_text(tr: Tr, lesson: LessonId) -> String {
    tr.f(
        "progress-resume",
        &[
            ("number", (lesson.index() + 1).into()),
            ("title", tr.t(&lesson.title_id()).into()),
        ],
    )
}

/// One learner's progress: the course, where to resume, and every lesson with the
/// state of each of its exercises.
pub fn learner(tr: Tr, progress: &Progress) -> String {
    let mut out = String::new();
    course_lines(tr, progress, &mut out);
    if let Some(lesson) = progress.resume() {
        let _ = writeln!(out, "{}", resume_text(tr, lesson));
    }
    out.push('\n');
    let titles: Vec<String> = LessonId::ALL.iter().map(|l| tr.t(&l.title_id())).collect();
    let ex_titles: Vec<Vec<String>> = LessonId::ALL
        .iter()
        .map(|&l| exercise::exercises(l).iter().map(|e| e.title(tr)).collect())
        .collect();
    let readings: Vec<String> = LessonId::ALL
        .iter()
        .map(|&l| reading_text(tr, progress.lesson(l).reading))
        .collect();
    let pos_width = LessonId::ALL
        .iter()
        .map(|&l| position(l).width())
        .max()
        .unwrap_or(0);
    let title_width = titles
        .iter()
        .map(|t| t.width())
        .chain(ex_titles.iter().flatten().map(|t| t.width() + 2))
        .max()
        .unwrap_or(0);
    let reading_width = readings.iter().map(|r| r.width()).max().unwrap_or(0);
    for (i, lesson) in LessonId::ALL.into_iter().enumerate() {
        let summary = progress.lesson(lesson);
        let exercises = tr.f(
            "progress-lesson-exercises",
            &[
                ("solved", summary.solved.into()),
                ("total", summary.total.into()),
            ],
        );
        let line = format!(
            "{}  {}  {}  {exercises}",
            pad(&position(lesson), pos_width),
            pad(&titles[i], title_width),
            pad(&readings[i], reading_width),
        );
        let _ = writeln!(out, "{}", line.trim_end());
        for (e, title) in exercise::exercises(lesson).iter().zip(&ex_titles[i]) {
            let _ = writeln!(
                out,
                "{}    {}  {}",
                pad("", pos_width),
                pad(title, title_width.saturating_sub(2)),
                status_text(tr, progress.status(e))
            );
        }
    }
    out
}

/// The exercises a learner is stuck on.
pub fn stuck(progress: &Progress) -> Vec<&'static Exercise> {
    exercise::all()
        .filter(|e| {
            let r = progress.record(e);
            !r.solved && (r.skipped || r.wrong >= STUCK_AFTER)
        })
        .collect()
}

/// Every known learner's lesson and exercise state, the most stuck first (then the
/// most recently active).
/// Times are given in UTC and as a time before `now`.
pub fn class(tr: Tr, learners: &[(LearnerId, Progress)], now: Stamp) -> String {
    let mut out = String::new();
    if learners.is_empty() {
        let _ = writeln!(out, "{}", tr.t("report-none"));
        return out;
    }
    let _ = writeln!(
        out,
        "{}",
        tr.f("report-heading", &[("count", learners.len().into())])
    );
    let mut order: Vec<&(LearnerId, Progress)> = learners.iter().collect();
    order.sort_by(|(a_id, a), (b_id, b)| {
        stuck(b)
            .len()
            .cmp(&stuck(a).len())
            .then(b.updated().cmp(&a.updated()))
            .then(a_id.cmp(b_id))
    });
    for (id, progress) in order {
        out.push('\n');
        let who = match progress.name() {
            Some(name) => format!("{} ({id})", visible(name)),
            None => id.to_string(),
        };
        let _ = writeln!(out, "{who}");
        let active = match progress.last_active() {
            Some((lesson, at)) => tr.f(
                "report-activity",
                &[
                    ("when", at.minute_utc().into()),
                    ("ago", ago_text(tr, at.ago(now)).into()),
                    ("number", (lesson.index() + 1).into()),
                    ("title", tr.t(&lesson.title_id()).into()),
                ],
            ),
            None => match progress.updated() {
                Some(at) => tr.f(
                    "report-activity-nowhere",
                    &[
                        ("when", at.minute_utc().into()),
                        ("ago", ago_text(tr, at.ago(now)).into()),
                    ],
                ),
                None => tr.f(
                    "report-activity-nowhere-never",
                    &[("when", tr.t("report-never").into())],
                ),
            },
        };
        let _ = writeln!(out, "  {active}");
        let mut counts = String::new();
        course_lines(tr, progress, &mut counts);
        let _ = write!(out, "  {counts}");
        // Each lesson begun: how far it was read, its exercises solved.
        let begun: Vec<String> = LessonId::ALL
            .into_iter()
            .filter_map(|lesson| {
                let s = progress.lesson(lesson);
                (s.reading != Reading::NotStarted || s.solved + s.skipped > 0).then(|| {
                    tr.f(
                        "report-lesson-item",
                        &[
                            ("number", (lesson.index() + 1).into()),
                            ("state", reading_text(tr, s.reading).into()),
                            ("solved", s.solved.into()),
                            ("total", s.total.into()),
                        ],
                    )
                })
            })
            .collect();
        if !begun.is_empty() {
            let list = begun.join(&tr.t("report-list-separator"));
            let _ = writeln!(
                out,
                "  {}",
                tr.f("report-lessons", &[("list", list.into())])
            );
        }
        let items: Vec<String> = stuck(progress)
            .into_iter()
            .map(|e| {
                tr.f(
                    "report-stuck-item",
                    &[
                        ("lesson", tr.t(&e.lesson.title_id()).into()),
                        ("exercise", e.title(tr).into()),
                        ("state", status_text(tr, progress.status(e)).into()),
                    ],
                )
            })
            .collect();
        if items.is_empty() {
            let _ = writeln!(out, "  {}", tr.t("report-not-stuck"));
        } else {
            let _ = writeln!(out, "  {}", tr.t("report-stuck"));
            for item in items {
                let _ = writeln!(out, "    {item}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_cells() {
        assert_eq!(pad("花", 4), "花  ");
        assert_eq!(pad("abc", 2), "abc");
    }
}
