# Saved progress: states, reports, notices and errors of the store. Numbers,
# paths and times are passed in by the code.

## States

progress-lesson-not-started = not started
progress-lesson-opened = opened
progress-lesson-read = read
progress-lesson-exercises = { $solved }/{ $total } solved
progress-exercise-not-tried = not tried
progress-exercise-tried =
    { $wrong ->
        [one] 1 wrong answer
       *[other] { $wrong } wrong answers
    }
progress-exercise-skipped = skipped
progress-exercise-skipped-after =
    { $wrong ->
        [one] skipped after 1 wrong answer
       *[other] skipped after { $wrong } wrong answers
    }
progress-exercise-solved = solved
progress-exercise-solved-seen = solved after seeing the answer
progress-exercise-solved-after =
    { $wrong ->
        [one] solved after 1 wrong answer
       *[other] solved after { $wrong } wrong answers
    }

## One learner (kasseika progress)

progress-course =
    Lessons read: { $read } of { $lessons }. Exercises solved: { $solved } of { $exercises }{ $seen ->
        [0] {""}
       *[other] {" "}({ $seen } after seeing the answer)
    }{ $skipped ->
        [0] .
       *[other] , { $skipped } skipped for now.
    }
progress-resume = Resume at lesson { $number }: { $title }

## The class (kasseika serve --report)

report-none = No learner has saved any progress yet.
report-heading =
    { $count ->
        [one] 1 learner.
       *[other] { $count } learners, the most stuck first.
    }
report-never = never
report-activity = Last active: { $when } ({ $ago }), in lesson { $number }, { $title }.
report-ago-now = just now
report-ago-minutes =
    { $count ->
        [one] 1 minute ago
       *[other] { $count } minutes ago
    }
report-ago-hours =
    { $count ->
        [one] 1 hour ago
       *[other] { $count } hours ago
    }
report-ago-days =
    { $count ->
        [one] 1 day ago
       *[other] { $count } days ago
    }
report-activity-nowhere = Last active: { $when } ({ $ago }).
report-activity-nowhere-never = Last active: { $when }.
report-stuck = Stuck on:
report-not-stuck = Not stuck anywhere.
report-stuck-item = { $lesson }: { $exercise } ({ $state })
report-lessons = By lesson: { $list }
report-lesson-item = { $number } { $state } { $solved }/{ $total }
report-list-separator = {", "}

## Notices

progress-notice-corrupt = The saved progress in { $file } could not be read ({ $detail }). It was kept as { $to }, and progress starts afresh.
progress-notice-newer = The saved progress in { $file } was written by a newer version of kasseika (file version { $version }). It was kept as { $to }, and progress starts afresh; the newer kasseika can still read it.
progress-notice-too-large = The file { $file } is too large to be saved progress. It was kept as { $to }, and progress starts afresh.

## Errors (what the learner has done is kept in memory; the next save tries again)

progress-error-io =
    Saved progress: { $op ->
        [mkdir] creating the folder
        [lock] locking
        [read] reading
        [write] writing
        [rename] renaming
       *[list] listing
    } { $path } failed: { $detail }.
progress-not-saving =
    Your progress in this session is NOT being saved: { $op ->
        [mkdir] creating the folder
        [lock] locking
        [read] reading
        [write] writing
        [rename] renaming
       *[list] listing
    } { $path } failed ({ $detail }). Check that the folder { $dir } exists and that you may write in it, or start kasseika with --no-save to learn without saving.
progress-not-saved =
    Your progress in this session was NOT saved: { $op ->
        [mkdir] creating the folder
        [lock] locking
        [read] reading
        [write] writing
        [rename] renaming
       *[list] listing
    } { $path } failed ({ $detail }). Check that the folder { $dir } exists and that you may write in it, or start kasseika with --no-save to learn without saving.
progress-not-saved-locked =
    { $since ->
        [start] Your progress in this session
       *[save] What you did since the last save
    } was NOT saved: another program holds the lock { $path }, and kasseika did not wait for it. What was saved before is kept.
progress-not-saved-late =
    { $since ->
        [start] Your progress in this session
       *[save] What you did since the last save
    } was NOT saved: saving did not finish within { $seconds } seconds (another program may hold the lock on the saved progress, or the disk is slow to answer), and kasseika did not wait longer. What was saved before is kept.
progress-error-busy = Another program held { $path } for too long: the saved progress could not be read or saved just now.
progress-error-no-data-dir = Progress cannot be saved: there is no home directory to keep it in. Use --no-save to learn without saving.
progress-error-not-here = This store keeps the local learner only, not { $learner }.
progress-notice-unseen-corrupt = Your saved progress could not be read, so it starts afresh. The old file was kept on the server, and its log says why.
progress-notice-unseen-newer = Your saved progress was written by a newer version of kasseika, so it starts afresh here. The old file was kept on the server, where the newer version can still read it.
progress-error-unseen = The server cannot save your progress just now.
