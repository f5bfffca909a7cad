# Working the exercises: nearly right answers, hints on request, a solved exercise
# come back to, the review of every exercise tried, and the keys that do it.

## Nearly right (not counted)

exercise-nearly-digits = Nearly: { $token } agrees with the answer in every digit it has, but the question asks for more digits.
exercise-nearly-underflow = { $token } is smaller than the smallest positive float64 (about 4.9e-324), so it is read as 0: it underflows, as the lesson's input box shows too.
exercise-nearly-overflow = { $token } is larger than the largest float64 (about 1.8e308), so it is read as { $value }: it overflows, as the lesson's input box shows too.
exercise-not-counted = This try does not count.

## Hints on request, solved exercises come back to

exercise-hint-last = That is the last hint: { $key } again shows the answer (the exercise then counts as skipped).
exercise-solved-with = You solved this one with { $answer }.
exercise-solved-before = You solved this one before.
answer-hint-back = { $key } to answer

## The review

review-title = Your exercises
review-counts = { $solved } of { $exercises } solved
review-answer-right = Your answer: { $answer } (right)
review-answer-wrong = Your last answer: { $answer } (not right)
review-no-answer = Skipped without an answer.
review-why-later = Not solved yet: its why shows once you solve it or skip it.
review-empty = You have not tried an exercise yet. Press { $key } in a lesson to start its exercises.

## Keys

help-hint = A hint: first where to look, then a stronger one, then the answer
help-lab = To the lesson's input box, to try values with the exercise still on show (the same key comes back)
help-review = Review the exercises you tried: your answers, right or not, and why
key-hint = hint
key-reveal = answer
key-lab = try values
key-lab-short = try
key-exercise-move = exercise
key-exercise-move-short = move
key-choose = choose
key-review = review

## Shorter words for a narrow footer

key-leave-short = back
key-back-lesson-short = lesson
key-function-toggle-short = toggle
key-leave-results-short = back
key-check-short = check
key-exercises-short = exercises
