//! The learner's progress, as data: what was read, each exercise's record, and where
//! the learner was in each lesson (so the app can resume there).
//!
//! **What counts as read.** [`Progress::lesson`] alone decides it, for the lesson
//! list, the closing screen and `kasseika progress` alike. A lesson is *read* when
//! the learner either
//! - has had its last line on the screen (scrolled to the end, or a screen tall
//!   enough for all of it) and has spent on it at least the time a quick reader
//!   needs for its text (the app measures both and marks it read: see
//!   `app::course`), or
//! - has answered every one of its exercises (right or wrong; a skip is not an
//!   answer): working them is working through the lesson.
//!
//! Paging through the lessons in a second reads none of them; a learner who did a
//! lesson's exercises is not told it is unread. A lesson opened but not read is
//! *opened*. Files written before this rule keep the lessons they marked read.
//!
//! **Merging.** Two processes of the same learner (two terminals, two SSH sessions)
//! each hold a copy and save it; the store combines the copies with
//! [`Progress::merge`] instead of letting the last one win. The merge is a join:
//! commutative, associative and idempotent, so the order of saves never matters.
//! - an exercise is solved (or skipped) if either copy says so; wrong answers: the
//!   larger count;
//! - a lesson is read if either copy says so;
//! - the place in a lesson (scroll and what was typed) and the learner's name: the
//!   later one by time stamp. A local change always gets a later stamp than the
//!   value it replaces, even within one millisecond;
//! - where to resume: the lesson whose place was set last;
//! - a reset raises the `epoch`; a copy from an older epoch loses wholesale, so a
//!   reset is not undone by another process that still holds the old progress.
//!
//! **The file** (see [`Progress::to_json`]) is JSON: `serde_json` builds in a few
//! seconds on top of `serde_derive`, whose `syn` the crate already builds for clap;
//! a TOML crate costs more, and nested tables per lesson and exercise read worse in
//! TOML than in JSON. It is versioned ([`VERSION`]); lessons and exercises it does not
//! know (written by a newer kasseika of the same version) are kept, not dropped. A
//! change that an older kasseika would lose must raise the version. Details an older
//! kasseika of the same version ignores and drops when it writes, without losing any
//! progress, do not: where the learner was in the exercises, the hints asked for,
//! the answers given, the time spent on a lesson and whether its end was seen (each
//! lesson read stays marked `read`).

#[cfg(feature = "postgres")]
pub mod postgres;
pub mod report;
pub mod store;

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::exercise::{self, Exercise, ExerciseState, Status};
use crate::lesson::LessonId;

/// The `format` field of every progress file.
pub const FORMAT: &str = "kasseika/progress";
/// The version this build writes and reads.
pub const VERSION: u64 = 1;
/// The most characters kept of what was typed in a lesson (the input box holds as many).
pub const MAX_TYPED: usize = 200;
/// The most characters kept of a learner's name.
pub const MAX_NAME: usize = 64;

/// A moment, in milliseconds since the Unix epoch; written in files as RFC 3339 UTC
/// (`2026-05-16T10:30:00.123Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Stamp(u64);

/// How long ago something happened, for a reader in a hurry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ago {
    Now,
    Minutes(u64),
    Hours(u64),
    Days(u64),
}

impl Stamp {
    /// The last millisecond that RFC 3339 can write (year 9999).
    pub const MAX: Stamp = Stamp(253_402_300_799_999);

    pub fn from_millis(ms: u64) -> Stamp {
        Stamp(ms.min(Stamp::MAX.0))
    }

    pub fn millis(self) -> u64 {
        self.0
    }

    /// The clock now (a clock before 1970 counts as 1970).
    pub fn now() -> Stamp {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        Stamp::from_millis(ms)
    }

    /// `self`, or just after `previous` if the clock has not moved past it: a value
    /// set now must win over the one it replaces.
    fn after(self, previous: Stamp) -> Stamp {
        self.max(Stamp::from_millis(previous.0.saturating_add(1)))
    }

    /// How long before `now` this was, in whole units: `Ago::Now` under a minute
    /// (or for a stamp after `now`, from a clock set differently).
    pub fn ago(self, now: Stamp) -> Ago {
        let minutes = now.0.saturating_sub(self.0) / 60_000;
        match minutes {
            0 => Ago::Now,
            1..60 => Ago::Minutes(minutes),
            60..2880 => Ago::Hours(minutes / 60),
            _ => Ago::Days(minutes / 1440),
        }
    }

    fn system_time(self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.0)
    }

    /// `2026-05-16T10:30:00.123Z`
    pub fn rfc3339(self) -> String {
        humantime::format_rfc3339_millis(self.system_time()).to_string()
    }

    /// `2026-05-16 10:30 UTC`, for people.
    pub fn minute_utc(self) -> String {
        let s = humantime::format_rfc3339_seconds(self.system_time()).to_string();
        // 2026-05-16T10:30:00Z
        match (s.get(..10), s.get(11..16)) {
            (Some(day), Some(minute)) => format!("{day} {minute} UTC"),
            _ => s,
        }
    }

    fn parse(text: &str) -> Option<Stamp> {
        let t = humantime::parse_rfc3339(text).ok()?;
        let ms = t.duration_since(UNIX_EPOCH).ok()?.as_millis();
        Some(Stamp::from_millis(u64::try_from(ms).ok()?))
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
        let text = String::deserialize(d)?;
        Stamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not an RFC 3339 UTC time: {text:?}")))
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What is saved of one exercise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExerciseRecord {
    /// Wrong answers before it was solved.
    #[serde(skip_serializing_if = "is_zero")]
    pub wrong: u32,
    /// Skipped at some point (and not solved since, unless `solved`).
    #[serde(skip_serializing_if = "is_false")]
    pub skipped: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub solved: bool,
    /// The last answer or skip (so that one made after a reset in another process
    /// survives the reset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Stamp>,
    /// How strong the hints asked for were (1: where to look, 2: the stronger one).
    #[serde(skip_serializing_if = "is_zero")]
    pub hints: u32,
    /// The learner's last answer that counts, as typed (once solved, the last right
    /// one): shown when the learner comes back to the exercise, and in the review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<Stamped>,
}

impl ExerciseRecord {
    /// The join of two records: nothing either one knows is lost.
    pub fn merge(&mut self, other: &ExerciseRecord) {
        self.wrong = self.wrong.max(other.wrong);
        self.skipped |= other.skipped;
        self.solved |= other.solved;
        self.hints = self.hints.max(other.hints);
        later(&mut self.at, &other.at);
        later(&mut self.answer, &other.answer);
    }

    /// Answered at least once, right or wrong.
    pub fn tried(&self) -> bool {
        self.solved || self.wrong > 0
    }
}

/// Where the learner was in a lesson's exercises. An older kasseika of the same
/// version ignores these fields (and drops them when it writes): only the place is
/// lost, never progress.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct DrillPlace {
    /// The exercise on show (its name), once the exercises were opened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
    /// The learner was in the exercises, not in the lesson.
    #[serde(skip_serializing_if = "is_false")]
    pub open: bool,
    /// ... and typing in the answer box.
    #[serde(skip_serializing_if = "is_false")]
    pub typing: bool,
    /// What was typed in that exercise's answer box and not yet checked (kept up to
    /// [`exercise::MAX_CHARS`] characters).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub answer: String,
}

impl DrillPlace {
    fn tidy(&mut self) {
        if let Some(name) = &mut self.exercise {
            *name = capped(name, MAX_NAME);
        }
        self.answer = capped(&self.answer, exercise::MAX_CHARS);
    }
}

/// Where the learner was in a lesson.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Place {
    /// When it was set (the first field: the later place wins a merge).
    pub at: Stamp,
    /// The first line of the explanation in view, as the interface counts it.
    #[serde(default)]
    pub scroll: u32,
    /// What was in the input box.
    #[serde(default)]
    pub typed: String,
    /// Where the learner was in the lesson's exercises.
    #[serde(flatten)]
    pub drill: DrillPlace,
}

/// A text set at a time; the later one wins a merge.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Stamped {
    pub at: Stamp,
    pub value: String,
}

fn is_zero_u64(n: &u64) -> bool {
    *n == 0
}

/// What is saved of one lesson.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LessonRecord {
    /// Read by reading: its end seen and time enough spent on it (see the module
    /// documentation for the whole rule).
    #[serde(skip_serializing_if = "is_false")]
    pub read: bool,
    /// Its last line has been on the screen.
    #[serde(skip_serializing_if = "is_false")]
    pub end: bool,
    /// Milliseconds spent on it (with it on the screen, or its exercises).
    #[serde(skip_serializing_if = "is_zero_u64")]
    pub time: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// By exercise name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub exercises: BTreeMap<String, ExerciseRecord>,
}

/// The later of two optional stamped values.
fn later<T: Ord + Clone>(mine: &mut Option<T>, theirs: &Option<T>) {
    if let Some(t) = theirs
        && mine.as_ref().is_none_or(|m| t > m)
    {
        *mine = Some(t.clone());
    }
}

impl LessonRecord {
    pub fn merge(&mut self, other: &LessonRecord) {
        self.read |= other.read;
        self.end |= other.end;
        self.time = self.time.max(other.time);
        later(&mut self.place, &other.place);
        for (name, theirs) in &other.exercises {
            self.exercises
                .entry(name.clone())
                .or_default()
                .merge(theirs);
        }
    }
}

/// How far a lesson was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reading {
    NotStarted,
    /// Opened, or an exercise tried, but not read to the end.
    Opened,
    Read,
}

/// A lesson's state, for the lesson list and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonSummary {
    pub reading: Reading,
    /// Exercises solved, solved after their answer was shown (counted in `solved`
    /// too), skipped (and not solved), and in all.
    pub solved: usize,
    pub seen: usize,
    pub skipped: usize,
    pub total: usize,
}

/// The whole course at a glance (the closing screen, `kasseika progress`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CourseSummary {
    pub lessons: usize,
    pub read: usize,
    pub exercises: usize,
    pub solved: usize,
    /// Of those solved, the ones solved after their answer was shown.
    pub seen: usize,
    pub skipped: usize,
}

/// Why a file could not be read as progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// Not JSON, not a progress file, or fields of the wrong shape; `detail` says
    /// where (in English, for the notice: it quotes the file, not the learner).
    Corrupt { detail: String },
    /// Written by a newer kasseika.
    Newer { version: u64 },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Corrupt { detail } => write!(f, "corrupt: {detail}"),
            FileError::Newer { version } => write!(f, "written by a newer version ({version})"),
        }
    }
}

/// One learner's progress. See the module documentation for what merging keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    /// Raised by each reset.
    epoch: u32,
    /// When the epoch began (the reset): what a copy from an older epoch did after
    /// this is kept, not thrown away with the rest.
    #[serde(skip_serializing_if = "Option::is_none")]
    reset_at: Option<Stamp>,
    /// The last change.
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<Stamp>,
    /// The learner's name, as the interface last heard it (an SSH user name).
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Stamped>,
    /// The language the learner last chose (`L`), as a code: `en`, `ja`.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<Stamped>,
    /// By lesson id. Ids this build does not know are kept.
    lessons: BTreeMap<String, LessonRecord>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    #[serde(flatten)]
    progress: &'a Progress,
}

/// The first `max` characters of `text`.
fn capped(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Nothing recorded (a fresh start or a reset).
    pub fn is_empty(&self) -> bool {
        self.lessons.is_empty() && self.name.is_none() && self.language.is_none()
    }

    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// The last change, if any.
    pub fn updated(&self) -> Option<Stamp> {
        self.updated
    }

    /// A fresh start that wins over every copy of this progress made before it.
    pub fn reset(&self) -> Progress {
        self.reset_at(Stamp::now())
    }

    /// [`Progress::reset`] at `now`.
    pub fn reset_at(&self, now: Stamp) -> Progress {
        Progress {
            epoch: self.epoch.saturating_add(1),
            reset_at: Some(now),
            ..Progress::default()
        }
    }

    /// Takes from `older` (a copy from an older epoch) what it did after this
    /// epoch's reset: answers and skips, and places. A process that had not heard of
    /// the reset keeps what its learner did since.
    fn carry_after_reset(&mut self, older: &Progress) {
        let Some(reset) = self.reset_at else {
            return;
        };
        for (id, theirs) in &older.lessons {
            let after: BTreeMap<String, ExerciseRecord> = theirs
                .exercises
                .iter()
                .filter(|(_, r)| r.at.is_some_and(|at| at > reset))
                .map(|(name, r)| (name.clone(), r.clone()))
                .collect();
            let place = theirs.place.as_ref().filter(|p| p.at > reset);
            if after.is_empty() && place.is_none() {
                continue;
            }
            let mine = self.lessons.entry(id.clone()).or_default();
            for (name, r) in after {
                mine.exercises.entry(name).or_default().merge(&r);
            }
            later(&mut mine.place, &place.cloned());
        }
    }

    fn touch(&mut self, now: Stamp) {
        self.updated = Some(self.updated.map_or(now, |u| u.max(now)));
    }

    fn lesson_mut(&mut self, lesson: LessonId) -> &mut LessonRecord {
        self.lessons.entry(lesson.id().to_string()).or_default()
    }

    /// The record of a lesson, by id (also ids this build does not know).
    pub fn lesson_record(&self, id: &str) -> Option<&LessonRecord> {
        self.lessons.get(id)
    }

    /// Every lesson id with a record, known to this build or not.
    pub fn lesson_ids(&self) -> impl Iterator<Item = &str> {
        self.lessons.keys().map(String::as_str)
    }

    /// The lesson was read by reading: its end seen and time enough spent on it.
    pub fn mark_read(&mut self, lesson: LessonId, now: Stamp) {
        let record = self.lesson_mut(lesson);
        record.read = true;
        record.end = true;
        self.touch(now);
    }

    /// The lesson's last line has been on the screen.
    pub fn mark_end(&mut self, lesson: LessonId, now: Stamp) {
        self.lesson_mut(lesson).end = true;
        self.touch(now);
    }

    /// Adds `ms` milliseconds to the time spent on the lesson.
    pub fn add_time(&mut self, lesson: LessonId, ms: u64) {
        let record = self.lesson_mut(lesson);
        record.time = record.time.saturating_add(ms);
    }

    /// The learner is in `lesson`, scrolled to `scroll`, with `typed` in the input
    /// box (kept up to [`MAX_TYPED`] characters). This is also where the app resumes.
    pub fn set_place(&mut self, lesson: LessonId, scroll: u32, typed: &str, now: Stamp) {
        self.set_place_in_drill(lesson, scroll, typed, DrillPlace::default(), now);
    }

    /// [`Progress::set_place`], with where the learner was in the lesson's exercises.
    pub fn set_place_in_drill(
        &mut self,
        lesson: LessonId,
        scroll: u32,
        typed: &str,
        mut drill: DrillPlace,
        now: Stamp,
    ) {
        let at = now.after(self.latest_place_stamp());
        drill.tidy();
        self.lesson_mut(lesson).place = Some(Place {
            at,
            scroll,
            typed: capped(typed, MAX_TYPED),
            drill,
        });
        self.touch(at);
    }

    fn latest_place_stamp(&self) -> Stamp {
        self.lessons
            .values()
            .filter_map(|l| l.place.as_ref().map(|p| p.at))
            .max()
            .unwrap_or_default()
    }

    pub fn place(&self, lesson: LessonId) -> Option<&Place> {
        self.lessons.get(lesson.id())?.place.as_ref()
    }

    /// The lesson to resume: the one whose place was set last (among the lessons
    /// this build knows).
    pub fn resume(&self) -> Option<LessonId> {
        LessonId::ALL
            .into_iter()
            .filter_map(|l| self.place(l).map(|p| (p, l)))
            .max_by(|a, b| a.0.cmp(b.0))
            .map(|(_, l)| l)
    }

    /// The lesson the learner last did something in, and when: the later of the
    /// last place set (a lesson opened, read or scrolled) and the last exercise
    /// answered or skipped, by their stamps. Which lesson was opened last is not
    /// enough: with two sessions of one learner, answers in lesson 2 after lesson 3
    /// was opened elsewhere mean the learner is at work in lesson 2.
    pub fn last_active(&self) -> Option<(LessonId, Stamp)> {
        LessonId::ALL
            .into_iter()
            .filter_map(|l| {
                let r = self.lessons.get(l.id())?;
                let place = r.place.as_ref().map(|p| p.at);
                let answered = r.exercises.values().filter_map(|e| e.at).max();
                Some((l, place.max(answered)?))
            })
            .max_by_key(|&(_, at)| at)
    }

    /// The learner's name (the interface sets it; for reports).
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(|n| n.value.as_str())
    }

    /// Sets the name, kept up to [`MAX_NAME`] characters.
    pub fn set_name(&mut self, name: &str, now: Stamp) {
        let name = capped(name, MAX_NAME);
        Progress::set_stamped(&mut self.name, name, now);
        self.touch(now);
    }

    /// The language the learner last chose, as a code (`ja`); `None` if never.
    pub fn language(&self) -> Option<&str> {
        self.language.as_ref().map(|l| l.value.as_str())
    }

    /// Remembers the language the learner chose (so that `L` need not be pressed
    /// again in every session). The interface decides what wins over it.
    pub fn set_language(&mut self, code: &str, now: Stamp) {
        Progress::set_stamped(&mut self.language, capped(code, MAX_NAME), now);
        self.touch(now);
    }

    fn set_stamped(slot: &mut Option<Stamped>, value: String, now: Stamp) {
        if slot.as_ref().is_some_and(|s| s.value == value) {
            return;
        }
        let at = now.after(slot.as_ref().map(|s| s.at).unwrap_or_default());
        *slot = Some(Stamped { at, value });
    }

    /// The saved record of an exercise (empty if never tried).
    pub fn record(&self, exercise: &Exercise) -> ExerciseRecord {
        self.lessons
            .get(exercise.lesson.id())
            .and_then(|l| l.exercises.get(exercise.name))
            .cloned()
            .unwrap_or_default()
    }

    pub fn status(&self, exercise: &Exercise) -> Status {
        Status::of(&self.record(exercise))
    }

    /// An exercise's state machine, picking up its saved record.
    pub fn exercise_state(&self, exercise: &'static Exercise) -> ExerciseState {
        ExerciseState::with_record(exercise, self.record(exercise))
    }

    /// Keeps what `state` has learned (merged in: nothing recorded is undone), and
    /// the answer it was just given, if that is one to keep.
    pub fn record_exercise(&mut self, state: &ExerciseState, now: Stamp) {
        let exercise = state.exercise();
        let record = self
            .lesson_mut(exercise.lesson)
            .exercises
            .entry(exercise.name.to_string())
            .or_default();
        record.merge(state.record());
        record.at = Some(now.max(record.at.unwrap_or_default()));
        if let Some(given) = state.given() {
            let at = now.after(record.answer.as_ref().map(|a| a.at).unwrap_or_default());
            record.answer = Some(Stamped {
                at,
                value: capped(given, exercise::MAX_CHARS),
            });
        }
        self.touch(now);
    }

    /// The exercise to offer next in `lesson`: the first one neither solved nor
    /// skipped, else the first skipped one; `None` when all are solved.
    pub fn next_exercise(&self, lesson: LessonId) -> Option<&'static Exercise> {
        let list = exercise::exercises(lesson);
        let open = |e: &&Exercise| !self.record(e).solved;
        list.iter()
            .filter(open)
            .find(|e| !self.record(e).skipped)
            .or_else(|| list.iter().find(open))
    }

    /// Combines another copy of the same learner's progress into this one (see the
    /// module documentation).
    pub fn merge(&mut self, other: &Progress) {
        if other.epoch != self.epoch {
            if other.epoch > self.epoch {
                let older = std::mem::replace(self, other.clone());
                self.carry_after_reset(&older);
            } else {
                self.carry_after_reset(other);
            }
            return;
        }
        later(&mut self.updated, &other.updated);
        later(&mut self.reset_at, &other.reset_at);
        later(&mut self.name, &other.name);
        later(&mut self.language, &other.language);
        for (id, theirs) in &other.lessons {
            self.lessons.entry(id.clone()).or_default().merge(theirs);
        }
    }

    /// The state of one lesson.
    pub fn lesson(&self, lesson: LessonId) -> LessonSummary {
        let exercises = exercise::exercises(lesson);
        let record = self.lessons.get(lesson.id());
        // The one rule (see the module documentation): read by reading, or every
        // exercise answered.
        let worked = !exercises.is_empty() && exercises.iter().all(|e| self.record(e).tried());
        let reading = match record {
            None => Reading::NotStarted,
            Some(r) if r.read || worked => Reading::Read,
            Some(_) => Reading::Opened,
        };
        let statuses = exercises.iter().map(|e| self.status(e));
        let solved = statuses
            .clone()
            .filter(|s| matches!(s, Status::Solved { .. }))
            .count();
        let seen = statuses
            .clone()
            .filter(|s| {
                matches!(
                    s,
                    Status::Solved {
                        seen_answer: true,
                        ..
                    }
                )
            })
            .count();
        let skipped = statuses
            .filter(|s| matches!(s, Status::Skipped { .. }))
            .count();
        LessonSummary {
            reading,
            solved,
            seen,
            skipped,
            total: exercises.len(),
        }
    }

    /// The whole course.
    pub fn course(&self) -> CourseSummary {
        let mut c = CourseSummary {
            lessons: LessonId::ALL.len(),
            read: 0,
            exercises: 0,
            solved: 0,
            seen: 0,
            skipped: 0,
        };
        for lesson in LessonId::ALL {
            let s = self.lesson(lesson);
            c.read += usize::from(s.reading == Reading::Read);
            c.exercises += s.total;
            c.solved += s.solved;
            c.seen += s.seen;
            c.skipped += s.skipped;
        }
        c
    }

    /// The file's text: pretty JSON, one field per line, ending with a newline.
    ///
    /// ```json
    /// {
    ///   "format": "kasseika/progress",
    ///   "version": 1,
    ///   "epoch": 0,
    ///   "updated": "2026-05-16T10:31:07.250Z",
    ///   "lessons": {
    ///     "sigmoid": {
    ///       "read": true,
    ///       "place": { "at": "2026-05-16T10:31:07.250Z", "scroll": 12, "typed": "36, 37" },
    ///       "exercises": {
    ///         "half": { "solved": true },
    ///         "rounded": { "wrong": 2, "skipped": true }
    ///       }
    ///     }
    ///   }
    /// }
    /// ```
    pub fn to_json(&self) -> Vec<u8> {
        let file = FileOut {
            format: FORMAT,
            version: VERSION,
            progress: self,
        };
        // Serializing maps with string keys and plain fields cannot fail.
        let mut out = serde_json::to_vec_pretty(&file).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// Reads a file's text. A file of a newer version, or one that is not a progress
    /// file of this version, is an error: it is set aside, never overwritten.
    pub fn from_json(bytes: &[u8]) -> Result<Progress, FileError> {
        let corrupt = |detail: String| FileError::Corrupt { detail };
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(corrupt(format!("no \"format\": \"{FORMAT}\"")));
        }
        let version = value
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| corrupt("no \"version\" number".into()))?;
        if version > VERSION {
            return Err(FileError::Newer { version });
        }
        if version == 0 {
            return Err(corrupt("version 0".into()));
        }
        let mut progress: Progress =
            serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
        progress.tidy();
        Ok(progress)
    }

    /// Holds a file to the limits that the setters keep.
    fn tidy(&mut self) {
        for text in [&mut self.name, &mut self.language].into_iter().flatten() {
            text.value = capped(&text.value, MAX_NAME);
        }
        for lesson in self.lessons.values_mut() {
            for record in lesson.exercises.values_mut() {
                if let Some(answer) = &mut record.answer {
                    answer.value = capped(&answer.value, exercise::MAX_CHARS);
                }
            }
            if let Some(place) = &mut lesson.place {
                place.typed = capped(&place.typed, MAX_TYPED);
                place.drill.tidy();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_written_as_rfc3339_and_read_back() {
        let s = Stamp::from_millis(1_778_927_407_250);
        assert_eq!(s.rfc3339(), "2026-05-16T10:30:07.250Z");
        assert_eq!(s.minute_utc(), "2026-05-16 10:30 UTC");
        assert_eq!(Stamp::parse(&s.rfc3339()), Some(s));
        assert_eq!(Stamp::MAX.rfc3339(), "9999-12-31T23:59:59.999Z");
        assert_eq!(Stamp::from_millis(u64::MAX), Stamp::MAX);
        assert_eq!(Stamp::MAX.after(Stamp::MAX), Stamp::MAX);
        assert_eq!(Stamp::parse("yesterday"), None);
    }

    #[test]
    fn a_new_place_wins_over_the_one_it_replaces_even_in_the_same_millisecond() {
        let now = Stamp::from_millis(1000);
        let mut p = Progress::new();
        p.set_place(LessonId::Sigmoid, 5, "", now);
        let saved = p.clone();
        p.set_place(LessonId::Sigmoid, 3, "", now);
        let mut merged = saved.clone();
        merged.merge(&p);
        assert_eq!(merged.place(LessonId::Sigmoid).unwrap().scroll, 3);
        p.set_place(LessonId::Relu, 0, "", now);
        assert_eq!(p.resume(), Some(LessonId::Relu));
    }
}
