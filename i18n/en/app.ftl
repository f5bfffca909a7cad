# The interface around the lessons. Key names, numbers and commands are passed
# in as arguments; they are never translated.

app-tagline = activation functions, one lesson at a time
language-name = English
lesson-position = { $current }/{ $total }

## Panes

pane-chart = Chart
pane-input = Try it
pane-example = Example
pane-result = Result
pane-result-first = Result: the first { $kept } of { $count } values
pane-result-first-short = Result: { $kept } of { $count }
pane-error = Input problem
pane-diagram = Perceptron
pane-outline = Lessons ({ $keys } to jump)
input-hint = { $key } to type
input-hint-focused = { $key } to evaluate
input-placeholder = e.g. { $example }
code-heading = In NumPy
scroll-position = { $first }-{ $last } of { $total }
show-table-heading = Values (what the chart shows)

## Chart

axis-x = x
axis-y = y
axis-class = class
axis-prob = y
axis-exp = e^x
probe-exp = e^{ $x } = { $value }
guide-float32 = float32 limit
guide-float64 = float64 limit

## Results

col-x = x
col-fx = h(x)
col-a = a
col-y = y
col-sum = sum
col-exp = e^{ $x }
col-float64 = float64
col-float32 = float32
col-true-value = exact
col-naive = naive
col-stable = stable
col-rounded = rounded
col-rounded-short = ~
legend-non-finite = inf: infinity, too large to store. NaN: not a number.
legend-inf = inf: infinity, too large to store.
legend-nan = NaN: not a number.

# Notes: why a result is inf, NaN, 0 or 1. Numbers come formatted by the code.
note-input-overflow = { $written } is larger than the largest float64 ({ $max }), so it was read as { $value }: the input itself overflowed.
note-input-underflow = { $written } is smaller than the smallest positive float64 ({ $min }), so it was read as 0: the input itself underflowed.
note-input-inf = An input is itself inf, and `e^inf = inf` exactly: nothing overflowed.
note-input-minus-inf = An input is itself -inf, and `e^-inf = 0` exactly: nothing underflowed.
note-input-nan = An input is NaN, and NaN spreads: any arithmetic with NaN gives NaN.
note-step-nan = An input is NaN. The step function only compares, and every comparison with NaN is false: `x > 0` is False, so the output is 0, as NumPy's `(x > 0).astype(int)` gives.
note-maximum-nan = An input is NaN. `np.maximum` passes NaN on (when either argument is NaN, it returns NaN), so ReLU gives NaN. Python's own `max(0, x)` would give 0, because every comparison with NaN is false.
note-sigmoid-code-overflows = In the lesson's code, `1 / (1 + np.exp(-x))`, `np.exp({ $minus_x })` overflows to inf (NumPy warns: overflow encountered in exp), so `h({ $x })` comes out as `1 / (1 + inf) = 0`. The table computes it as `np.exp({ $x }) / (1 + np.exp({ $x }))` instead, which does not overflow.
note-subnormal = `e^{ $x }` is below the smallest normal { $float } ({ $normal }), so it is stored as a subnormal number, with { $bits ->
        [one] only 1 significant bit
       *[other] only { $bits } significant bits
    } instead of { $full }: { $float } shows { $stored } for the exact { $exact }.
note-exp-overflow-f64 = `e^{ $x }` is larger than the largest float64 ({ $max }), so it overflows to inf, as `e^x` does for every x above { $limit }.
note-exp-overflow-f32 = `e^{ $x }` fits in float64 but not in float32, whose largest number is { $max }: in float32, `e^x` overflows for every x above { $limit }.
note-exp-underflow-f64 = `e^{ $x }` is smaller than the smallest positive float64 ({ $min }), so it underflows to 0, in float64 and in float32.
note-exp-underflow-f32 = `e^{ $x }` fits in float64 but underflows to 0 in float32, whose smallest positive number is { $min }.
note-exp-overflow-every = `e^{ $x }` is larger than the largest float64 ({ $max }), and so is every term down to `e^{ $smallest }`: each one overflows to inf.
note-exp-underflow-every = `e^{ $x }` is smaller than the smallest positive float64 ({ $min }), so it underflows to 0, and so does every other term.
note-inf-over-inf =
    { $finite ->
        [0] The sum of the terms is then inf, and `inf / inf` is NaN.
       *[other] The sum of the terms is then inf: `inf / inf` is NaN, and a finite term divided by inf gives 0.
    }
note-sum-overflow = Each term fits in float64 (`e^{ $x }` is { $value }), but their sum overflows to inf, and every term divided by inf gives 0.
note-zero-over-zero = The sum of the terms is then 0, and `0 / 0` is NaN.
note-inf-minus-inf = An input is +inf, so `max(a)` is inf, and the stable form's `inf - inf` is NaN. No shift saves it: with a finite s, `e^(inf - s)` is inf, and `inf / inf` is NaN.
note-all-minus-inf = Every input is -inf, so `max(a)` is -inf itself, and the stable form's `-inf - (-inf)` is NaN; with a finite s, every `e^(a - s)` is `e^-inf = 0`, and `0 / 0` is NaN. One finite input is enough: the -inf inputs then get a probability of exactly 0.
note-rounded-one =
    { $subject ->
        [h] `h({ $x })`
        [f] `{ $call }`
       *[y] The y for `a = { $x }`
    } is shown as 1, but its exact value is `1 - { $gap }`. Below 1, the nearest float64 is `1 - { $step }`, so the result rounds to 1.
note-rounded-zero =
    { $subject ->
        [h] `h({ $x })`
        [f] `{ $call }`
       *[y] The y for `a = { $x }`
    } is shown as 0, but its exact value is { $exact }: its size is below the smallest positive float64 ({ $min }), so it underflows to 0.
note-rounded-near = `{ $call }` is shown as { $shown }, but its exact value is `{ $exact }`: nearer to { $shown } than float64's 16 digits can tell, so the result rounds to { $shown }.
note-see-lesson = Lesson { $number }, { $title }, shows why this happens and how to avoid it: press { $number }.

## Input errors

error-label = Error:
error-empty = Type at least one number.
error-bad-token = Value { $position }, "{ $token }", is not a number.
error-too-long = The input holds at most { $max } characters.
error-list = Value { $position }, "{ $token }", is not a number: write a list with one pair of brackets, [0.3, 2.9, 4.0] or np.array([0.3, 2.9, 4.0]), or the numbers alone, 0.3, 2.9, 4.0.
error-grouping = "{ $token }" may be one number or several: write { $joined } for one number, or { $split } (a space after the comma) for separate values.
error-accepted = Accepted: numbers such as 1, -0.5, 1e3, .5 or inf, separated by commas or spaces, or written as a Python list, [1, -0.5]. Full-width digits work too.

## Footer (short) and help (long)

key-next = next
key-prev = prev
key-goto = lesson
key-input = type
key-evaluate = evaluate
key-leave = stop typing
key-scroll = scroll
key-lang-target = 日本語
key-lang-target-ascii = Japanese
key-help = help
key-quit = quit
key-close = close
help-title = Keys: { $page } ({ $current }/{ $total })
help-next = Next lesson, then the closing words
help-prev = Previous lesson
help-goto = Jump to the lesson with that number
help-input = Go to the input box and type values
help-evaluate = Evaluate what you typed
help-leave = Stop typing (the text stays)
help-scroll = Scroll the explanation
help-lang = Switch language, keeping your place
help-help = Show or hide this help
help-quit = Quit

## Screen too small

too-small = Terminal too small: have { $have }, need { $need }.
too-small-hint = Make the window larger; kasseika redraws as soon as it fits.

## Command line

cli-unknown-lang = unknown language "{ $lang }". Available: { $available }
cli-unknown-lesson = unknown lesson "{ $lesson }". Available: { $available }
cli-not-a-terminal = kasseika needs a terminal: over SSH, connect with ssh -t, or read a lesson as plain text with kasseika show ID.
cli-terminal-error = the terminal failed: { $error }
cli-unknown-function = unknown function "{ $function }". Available: { $available }

## Results chosen with the keys

results-hint = { $key } to choose
results-more-above =
    { $count ->
        [one] 1 more line above
       *[other] { $count } more lines above
    }
results-more-below =
    { $count ->
        [one] 1 more line below
       *[other] { $count } more lines below
    }
results-position = value { $current } of { $total }

## Chart guides, short forms for narrow charts

guide-float32-short = float32
guide-float64-short = float64

## The help's pages, and the keys told on them

help-page-reading = reading
help-page-typing = in the input box
help-page-results = choosing a value
help-also = As when reading: { $keys }
help-results = Choose a value (the chart marks it), or read the notes
help-page = Scroll by a page (down, up)
help-top-bottom = Jump to the top or the bottom
help-shift = Move code that is cut sideways
help-suspend = Suspend (the shell command fg resumes)
help-select = The previous or the next value, then the notes
help-select-ends = The first value or the last note
help-leave-results = Back to the explanation
help-move = Move the cursor
help-move-word = Move the cursor by a word
help-jump = Jump to the start or the end
help-erase = Erase back or forward
help-erase-word = Erase a word backwards
help-erase-ends = Erase to the start or the end
help-next-prev = Next or previous lesson
key-results = results
key-shift = sideways
key-select = choose
key-leave-results = back
key-pages = pages

## The closing screen (its words are in closing.ftl)

closing-position = the end

## Derivatives, the lesson `vanishing`, the lesson `modern`, the overflow steps

col-dfx = h'(x)
col-undefined = undefined
col-undefined-short = undef
curve-h = h(x)
curve-h-short = h
curve-dh = h'(x)
curve-dh-short = h'
key-derivative = slope
help-derivative = Draw or hide the derivatives

# Names of the functions, on charts and in tables (-short: where room is scarce).
fn-step = step
fn-step-short = step
fn-identity = identity
fn-identity-short = identity
fn-sigmoid = sigmoid
fn-sigmoid-short = sigmoid
fn-tanh = tanh
fn-tanh-short = tanh
fn-relu = ReLU
fn-relu-short = ReLU
fn-leaky-relu = Leaky ReLU
fn-leaky-relu-short = LReLU
fn-elu = ELU
fn-elu-short = ELU
fn-gelu = GELU
fn-gelu-short = GELU
fn-gelu-tanh = GELU (tanh)
fn-gelu-tanh-short = GELU (tanh)
fn-silu = SiLU
fn-silu-short = SiLU
fn-softplus = softplus
fn-softplus-short = softplus

pane-functions = Functions
functions-hint = { $key } to show/hide
functions-shown = { $count } shown: the chart draws them solid and dashed in turn, their derivatives dotted.
functions-last = The last function shown stays: show another one first.
key-functions = curves
key-function-move = function
key-function-digits = by number
key-function-toggle = show/hide
help-page-functions = choosing functions
help-functions = Choose the functions on the chart
help-function-move = The previous or the next function of the list
help-function-ends = The first or the last function of the list
help-function-toggle = Show or hide the function the cursor is on
help-function-digits = Show or hide the function with that number
help-leave-functions = Back to the explanation

key-adjust = more/fewer
key-adjust-layers = layers
key-adjust-shift = shift s
help-adjust = More or fewer layers; move the shift s

axis-layers = layers
axis-gradient = grad
curve-largest-sigmoid = sigmoid, largest
curve-largest-sigmoid-short = largest
curve-chain = { $function } from x = { $x }
curve-chain-short = { $function }
softmax-class-1 = dog
softmax-class-2 = cat
softmax-class-3 = bird
col-gelu-gap = GELU - GELU (tanh)
col-layers = n = { $n }
col-largest = largest
col-from-x-short = x={ $x }
col-from-x = from x = { $x }
chain-title = x = { $x } through { $n } layers of { $function }, layer by layer:
col-layer = layer
col-layer-short = #
col-layer-input = input
col-layer-input-short = in
col-local-gradient = h'(input)
col-local-gradient-short = h'
col-product = product
col-product-short = prod

col-log-y = log y
col-shifted = a - s
col-shifted-short = a-s
col-shifted-exp = e^(a - s)
col-shifted-exp-short = e^(a-s)
steps-naive = Step by step, s = 0 (naive):
steps-stable = Step by step, s = max(a) = { $c } (stable):
steps-chosen = Step by step, your s = { $c }:
log-softmax-title = Log-softmax, `log y = a - LSE(a)`, where `LSE(a) = { $lse }`:
note-shift-same = With `s = { $c }`, every `e^(a - s)` fits in float64 with all its digits and their sum is above 0: y is the same as the stable form gives (up to rounding in the last of float64's 16 digits), as it is for any such s.
note-shift-overflow = With `s = { $c }`, the largest exponent `a - s` is { $exponent }, above { $limit }: { $overflowed ->
        [one] one term `e^(a - s)` overflows
       *[other] { $overflowed } terms `e^(a - s)` overflow
    } to inf, and so does their sum. { $finite ->
        [0] Every y is `inf / inf`, which is NaN.
       *[other] { $overflowed ->
            [one] That term's y is `inf / inf`, which is NaN; the others' y is `finite / inf`, which is 0.
           *[other] Those terms' y is `inf / inf`, which is NaN; the others' y is `finite / inf`, which is 0.
        }
    } This s is too small.
note-shift-sum-overflow = With `s = { $c }`, each `e^(a - s)` fits, but their sum overflows to inf, and every y is `finite / inf`, which is 0. This s is too small.
note-shift-underflow = With `s = { $c }`, even the largest exponent `a - s`, { $exponent }, is below { $limit }: every `e^(a - s)` underflows to 0, and `0 / 0` is NaN. This s is too large.
note-shift-lost =
    { $lost ->
        [one] With `s = { $c }`, { $lost } term underflows to 0 that the stable form keeps: its y is 0. This s is a little too large.
       *[other] With `s = { $c }`, { $lost } terms underflow to 0 that the stable form keeps: their y is 0. This s is a little too large.
    }
note-shift-subnormal = With `s = { $c }`, { $terms ->
        [one] one term `e^(a - s)` is
       *[other] { $terms } terms `e^(a - s)` are
    } below the smallest normal float64 ({ $normal }): stored as subnormal numbers, with as few as { $bits ->
        [one] 1 significant bit
       *[other] { $bits } significant bits
    } instead of 53. { $every ->
        [yes] Their sum is subnormal too, so every y
       *[no] The y of { $terms ->
            [one] that term
           *[other] those terms
        }
    } { $digits ->
        [0] has no correct digit left.
        [1] keeps only about 1 correct digit.
       *[other] keeps only about { $digits } correct digits.
    } Compare with the stable form above.
note-shift-inf = `s = inf` is not a finite number: every `a - s` is -inf, every `e^(a - s)` is `e^-inf = 0`, their sum is 0, and `0 / 0` is NaN.
note-shift-minus-inf = `s = -inf` is not a finite number: every `a - s` is inf, every `e^(a - s)` is inf, and `inf / inf` is NaN.
note-shift-nan = `s = NaN` is not a number: every `a - s` is NaN, and so is every y.
note-shift-not-finite = `s = { $c }` is not a finite number, and neither is an input: every y is NaN.
note-relu-stops = ReLU from `x = { $x }`: { $zero ->
        [yes] at exactly 0 ReLU has no derivative, and the frameworks use 0 there,
       *[no] a negative input has slope 0,
    } so nothing of the gradient passes back, whatever the layers after it do. A neuron whose input is never positive stops learning: a "dying" ReLU.
note-no-derivative-step = `h'(0)` is undefined: the step jumps at 0. Frameworks pass no gradient through a step (in PyTorch `x > 0` carries none; JAX gives slope 0).
note-no-derivative-relu = ReLU'(0) is undefined: the slope is 0 on the left and 1 on the right. PyTorch, TensorFlow and JAX use 0 there.
note-no-derivative-leaky-relu = Leaky ReLU'(0) is undefined: the slope is 0.01 on the left and 1 on the right. PyTorch and TensorFlow use 0.01 there, JAX uses 1.
note-gelu-forms = GELU and GELU (tanh) differ by at most { $gap } (at `x = { $at }` and `x = -{ $at }`): too little to see on the chart.

note-at-limit = { $most ->
        [yes] { $at } layers is the most this lesson takes ({ $more } goes no further): a number of layers from 1 to { $max }.
       *[no] 1 layer is the fewest there can be ({ $less } goes no further).
    }
error-accepted-vanishing = Accepted: a number of layers from 1 to { $max }, and x= with the value to send through them, such as 20, x=0.5.
error-accepted-overflow = Accepted: numbers such as 1, -0.5, 1e3, .5 or inf, separated by commas or spaces, and s= with a shift of your own, such as 1010, 1000, 990, s=500.
error-no-settings = "{ $token }" sets something, but this lesson takes numbers only.
error-unknown-setting = "{ $token }" names no setting of this lesson. It has: { $names }.
error-bad-setting = "{ $token }": after = comes one number, such as { $example }.
error-setting-twice = { $name } is set twice: give it once.
error-layers = "{ $token }" is not a number of layers: type a whole number from 1 to { $max }.
error-one-layer-count = Value { $position }, "{ $token }", is one number too many: type one number of layers (and x= for the value sent through them).

## The results: what is hidden, the notes, what the input box did not take

results-position-note = note { $current }/{ $total }
results-more-below-key =
    { $count ->
        [one] 1 more line below: { $key } to read it
       *[other] { $count } more lines below: { $key } to read them
    }
results-more-below-typing =
    { $count ->
        [one] 1 more line below: { $leave }, then { $key }
       *[other] { $count } more lines below: { $leave }, then { $key }
    }
results-more-below-short = { $count } more below ({ $keys })
results-keys-then = { $first }, { $second }
legend-rounded-short = { $short } stands for "{ $long }".
note-past-cap =
    { $count ->
        [one] 1 character past the limit of { $max } was not taken
       *[other] { $count } characters past the limit of { $max } were not taken
    }: the values are those the input box holds.
note-values-left-out =
    { $count ->
        [one] 1 value past the most of { $max } was left out
       *[other] { $count } values past the most of { $max } were left out
    }: the results are those of the first { $max }.
note-controls =
    { $count ->
        [one] The pasted text held a control character, { $chars }, which was left out.
       *[other] The pasted text held control characters, { $chars }, which were left out.
    }

## Exercises, the lesson list, the course summary, notices

lesson-exercises-hint = { $key } exercises { $solved }/{ $total }
exercises-title = Exercises: { $lesson }
exercises-position = { $current } of { $total }
pane-answer = Your answer
answer-hint = { $key } to type
answer-hint-focused = { $key } to check
answer-placeholder-number = a number, such as 0.3 or 3/4
answer-placeholder-probability = a number, such as 0.3, 3/4 or 30%
answer-placeholder-choice = press 1 to { $options }, or type the number
answer-placeholder-find-one = the number you found
answer-placeholder-find = the numbers you found, separated by commas
help-exercises = This lesson's exercises
help-list = List of lessons, how far each is done
help-pick = Answer with that option; on a question of numbers, a digit (or -, .) starts typing the answer
help-answer = Type an answer
help-skip = Skip the exercise for now: its answer and why are shown
help-next-exercise = Next exercise; after the last one, the next lesson
help-prev-exercise = Previous exercise; before the first one, back to the lesson
help-close-exercises = Back to the lesson's text (the exercise waits as it is)
help-check = Check the answer
help-next-prev-exercise = Next or previous exercise
help-page-exercises = exercises
help-page-answer = typing an answer
key-exercises = exercises
key-list = lessons
key-answer = type
key-skip = skip
key-back-lesson = lesson
key-check = check
key-open = open
key-continue = continue
list-title = Lessons
list-head-lesson = Lesson
list-head-reading = Reading
list-head-solved = Solved
list-not-started = not started
list-opened = opened
list-read = read
summary-title = Your progress
summary-done = You have read every lesson and solved every exercise.
summary-left =
    Still to do: { $lessons ->
        [0] every lesson is read
        [one] 1 lesson to read
       *[other] { $lessons } lessons to read
    }, { $exercises ->
        [0] every exercise solved
        [one] 1 exercise to solve
       *[other] { $exercises } exercises to solve
    }.
summary-next = Next: lesson { $number }, exercise { $exercise }, { $title }.
summary-next-short = Next: lesson { $number }, exercise { $exercise }.
summary-hint = { $key }: the list of lessons, with what is left in each.
notice-title = Please note
notice-title-more = Please note (1 of { $count })
notice-session-only = The server does not know you by an SSH key, so your progress is kept for this session only. To have it kept, connect with a key: once you have made one with `ssh-keygen`, ssh offers it by itself.
notice-save-retry = What you did is kept in memory, and kasseika tries to save it again at your next answer and when you quit.
# The screen is drawn smaller than the window (a server short of room); sizes as COLSxROWS.
window-larger = The server is busy: the screen is drawn at { $drawn } of your { $window }.
window-larger-short = Server busy: drawn at { $drawn } of { $window }
