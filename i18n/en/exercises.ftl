# Exercises: the frame around them, reading answers, and each lesson's questions.
# Ids of one exercise: ex-LESSON-NAME-title (short, for lists), -question, -hint1
# (where to look), -hint2 (stronger), -why (why the answer is right), -option1...
# (choices) and -miss-REASON (what a wrong find did). Numbers in answers and
# examples are passed in by the code.

## Feedback

exercise-join = { $first } { $second }
exercise-right = Right!
exercise-wrong = Not quite.
exercise-wrong-again = Not yet.
exercise-wrong-solved = That one is not right.
exercise-stays-solved = You solved this exercise before, and it stays solved.
exercise-miss-nan = NaN is "not a number": it compares as unequal to everything, itself included, so it answers nothing here. Use ordinary numbers.
exercise-hint = Hint: { $hint }
exercise-answer-number = The answer is { $value }.
exercise-answer-choice = The answer is { $number }, { $option }.
exercise-answer-example = One answer: { $example }.
exercise-skipped = Skipped for now.

## Answers that cannot be read (they do not count as wrong)

answer-error-empty = Type an answer first.
answer-error-too-long = The answer is { $chars } characters long; at most { $max } are read.
answer-error-character = The answer holds { $char }, which has no place in a number. Write numbers with digits, a sign, a dot and e (1e-3), a fraction with / (3/4).
answer-error-not-a-minus = { $char } looks like a minus sign but is not one: type - (or －) instead.
answer-error-not-a-number = "{ $token }" is not a number. Write it like 0.3, .3, 1e-3 or 3/4, with a minus sign in front of a negative number.
answer-error-one-number = Type one number; this answer has { $count }. The decimal point is a dot: 0.3, not 0,3.
answer-error-count-exactly =
    { $expected ->
        [one] Type one number; this answer has { $count }.
       *[other] Type { $expected } numbers, separated by commas or spaces; this answer has { $count }.
    }
answer-error-count-at-least = Type at least { $expected } numbers, separated by commas or spaces; this answer has { $count }.
answer-error-count-too-many = At most { $max } numbers are read; this answer has { $count }.
answer-error-percent = A percentage fits a probability only, and this answer is not one: type the number itself, without %.
answer-error-over-one = A probability is at most 1, so { $token } must be a percentage: write { $token }% or { $decimal }.
answer-error-zero-denominator = "{ $token }" divides by zero.
answer-error-choice = Type the number of your choice, 1 to { $options }.

## 0. intro

ex-intro-regression-title = Output layer for regression
ex-intro-regression-question = A network predicts tomorrow's temperature: a regression problem. Which activation function does its output layer use?
ex-intro-regression-option1 = the step function
ex-intro-regression-option2 = the identity function
ex-intro-regression-option3 = the sigmoid function
ex-intro-regression-option4 = the softmax function
ex-intro-regression-hint1 = Read the paragraph about the output layer: which function suits a continuous value?
ex-intro-regression-hint2 = A temperature may be below 0 or above 1, and the network must be free to answer either. Which function lets the weighted sum pass unchanged?
ex-intro-regression-why = Regression answers with a continuous number, and the identity function passes the weighted sum through unchanged: it does not squeeze the output into a range. The sigmoid and softmax functions squeeze their output between 0 and 1, and the step function gives only 0 or 1.

ex-intro-linear-title = Stacking linear layers
ex-intro-linear-question = A network stacks 100 layers, and every one of them uses a linear function only. What can it compute?
ex-intro-linear-option1 = more than a single layer could, since each layer adds a step
ex-intro-linear-option2 = no more than a single linear layer could
ex-intro-linear-option3 = anything at all, given enough layers and enough neurons
ex-intro-linear-hint1 = The lesson says what a composition of linear maps is.
ex-intro-linear-hint2 = Two linear maps one after the other are again one linear map. What about a hundred?
ex-intro-linear-why = A composition of linear maps is itself one linear map, so a hundred linear layers can do no more than one. That is why hidden layers need non-linear activation functions.

ex-intro-neuron-title = One neuron
ex-intro-neuron-question = In the code of this lesson, change the bias to `b = -1.0` (`x = [1.0, 0.5]` and `w = [0.5, 0.5]` stay; h is the step function). What is the output y?
ex-intro-neuron-hint1 = Compute the weighted sum first: `a = w1 x1 + w2 x2 + b`. Then apply h.
ex-intro-neuron-hint2 = `a = 0.5 * 1.0 + 0.5 * 0.5 - 1.0 = -0.25`. The step function gives 1 only for `a > 0`.
ex-intro-neuron-miss-sum = That is the weighted sum a; the question asks for the output `y = h(a)`.
ex-intro-neuron-miss-fires = The neuron fires only when `a > 0`. Compute a first.
ex-intro-neuron-why = `a = 0.75 - 1.0 = -0.25` is not above 0, so the step function outputs 0: the neuron does not fire. The bias sets how large the weighted inputs must be before it does.

## 1. step

ex-step-zero-title = The step at 0
ex-step-zero-question = What does the step function output at exactly `x = 0`?
ex-step-zero-hint1 = Put `x = 0` into the formula, or type it in the input box.
ex-step-zero-hint2 = `h(x) = 1` only when `x > 0`. Does `x = 0` pass that test?
ex-step-zero-miss-one = 1 is what the step function gives for every `x > 0`. Is `x = 0` one of them?
ex-step-zero-why = `h(x) = 1` only when x is strictly greater than 0, so at exactly 0 the output is still 0.

ex-step-slope-title = Why learning stalls
ex-step-slope-question = Why can gradient-based learning not train a network of step functions?
ex-step-slope-option1 = its output of 1 is too large, so the gradients overflow
ex-step-slope-option2 = its slope is 0 everywhere except at the jump
ex-step-slope-option3 = it is a linear function, so stacked layers add nothing
ex-step-slope-hint1 = The lesson has a paragraph about its weakness in learning.
ex-step-slope-hint2 = Learning follows the slope. What is the slope of a flat line?
ex-step-slope-why = Gradient-based learning follows the slope, and the step function is flat everywhere except at the jump, where the slope is not defined. Nudging a weight a little changes nothing, so there is no signal to learn from.

ex-step-tiny-title = Just above 0
ex-step-tiny-question = Find a positive x smaller than 0.000001 (one millionth) for which the step function outputs 1. Check it in the input box.
ex-step-tiny-hint1 = Numbers that small are easiest to write with e: `1e-3` is 0.001 and `1e-6` is 0.000001.
ex-step-tiny-hint2 = The number after `e-` counts the places: the larger it is, the smaller the number. Any number above 0 counts, however small.
ex-step-tiny-miss-zero = The step function gives 0 here: x must be greater than 0.
ex-step-tiny-miss-large = The step function gives 1 here, but x is not smaller than 0.000001.
ex-step-tiny-why = The step jumps at exactly 0: any x above 0, however tiny, gives 1, and 0 itself gives 0. There is nothing in between, which is why its slope tells learning nothing.

## 2. identity

ex-identity-output-title = A regression output
ex-identity-output-question = The output layer of a regression network uses the identity function, and its weighted sum is `a = -2.7`. What does the network output?
ex-identity-output-hint1 = Read the formula: what does `h(x) = x` do with its input?
ex-identity-output-hint2 = The identity function returns its input unchanged.
ex-identity-output-why = The identity function returns its input unchanged: `h(-2.7) = -2.7`. A regression output may be any number, negative ones included.

ex-identity-slope-title = The slope
ex-identity-slope-question = What is the slope of the identity function at `x = 3`?
ex-identity-slope-hint1 = Compare `h(3)` and `h(4)` in the input box: how much does h(x) grow while x grows from 3 to 4?
ex-identity-slope-hint2 = `h(4) - h(3) = 4 - 3`.
ex-identity-slope-miss-value = 3 is the value there, `h(3) = 3`; the question asks for the slope.
ex-identity-slope-why = `h(x) = x` grows exactly as fast as x: its slope is 1 everywhere, at `x = 3` as anywhere else.

ex-identity-unbounded-title = Off the chart
ex-identity-unbounded-question = The chart shows y from -5 to 5 only, but the identity function has no bounds. Type an x whose output lies off the chart: above 5 or below -5.
ex-identity-unbounded-hint1 = What the function outputs is what you type. Which numbers are off the chart?
ex-identity-unbounded-hint2 = The output is x itself: any x above the top of the chart or below its bottom will do.
ex-identity-unbounded-miss-inside = `h(x) = x` lies inside the chart's range for this x.
ex-identity-unbounded-miss-infinite = That is not a finite number. A regression output such as a price is finite: try one.
ex-identity-unbounded-why = `h(x) = x`, so any x beyond 5 or -5 gives an output off the chart. That is why it suits regression: it leaves the output where the weighted sum puts it, without squeezing it into a range.

## 3. sigmoid

ex-sigmoid-half-title = h(0)
ex-sigmoid-half-question = What is h(0), the sigmoid function at 0? (A probability: write it as a decimal such as 0.3, or as a percentage such as 30%.)
ex-sigmoid-half-hint1 = Type 0 in the input box, or put `x = 0` into the formula.
ex-sigmoid-half-hint2 = `e^0 = 1`, so `h(0) = 1 / (1 + 1)`.
ex-sigmoid-half-why = `e^(-0) = 1`, so `h(0) = 1 / (1 + 1) = 0.5`: a probability of 50%, the middle of the S-curve.

ex-sigmoid-two-title = h(2)
ex-sigmoid-two-question = Use the input box: what is h(2), to two decimal places?
ex-sigmoid-two-hint1 = Type 2 in the input box and read h(x) in the results.
ex-sigmoid-two-hint2 = Read the row of 2 in the results and round h(x) to two decimal places: the third decimal decides whether the second goes up.
ex-sigmoid-two-why = `h(2) = 0.88079708`: an input of 2 already means a probability of 88%. The curve is symmetric: `h(-2) = 1 - h(2) = 0.11920292`.

ex-sigmoid-slope-title = The largest slope
ex-sigmoid-slope-question = The slope of the sigmoid function is `h(x)(1 - h(x))`. What is its largest value?
ex-sigmoid-slope-hint1 = The curve is steepest in the middle, at `x = 0`. The lesson gives the value where it speaks of the slope.
ex-sigmoid-slope-hint2 = At `x = 0`, `h(0) = 0.5`, so the slope is `0.5 * (1 - 0.5)`.
ex-sigmoid-slope-miss-value = 0.5 is the value h(0), not the slope there. The slope is `h(x)(1 - h(x))`.
ex-sigmoid-slope-why = At `x = 0` the slope is `0.5 * 0.5 = 0.25`, and everywhere else it is smaller. Backpropagation multiplies one such slope per layer, so ten sigmoid layers shrink a gradient to at most 0.25^10, about 9.5e-07: the vanishing gradient problem.

ex-sigmoid-rounded-title = Rounded to 1
ex-sigmoid-rounded-question = In exact arithmetic h(x) never reaches 1. Find a number x for which float64 makes h(x) exactly 1: one the results mark as rounded, or one where the lesson's code `1 / (1 + np.exp(-x))` prints 1.0.
ex-sigmoid-rounded-hint1 = Large positive x bring h(x) close to 1. The lesson names a number to try.
ex-sigmoid-rounded-hint2 = Try larger and larger x in the input box, 20, 30 and on, until the results mark h(x) as rounded.
ex-sigmoid-rounded-miss-below = h(x) is still below 1 here: try a larger x.
ex-sigmoid-rounded-miss-infinite = At inf, h is 1 without any rounding. Find a finite x.
ex-sigmoid-rounded-why = The float64 just below 1 is `1 - 1.1e-16`. From about `x = 37.43` on, h(x) is closer to 1 than to that number, so the nearest float64 is 1 itself, although the exact value never reaches 1. The lesson's code, `1 / (1 + np.exp(-x))`, gets there even earlier, at about 36.74: it rounds `1 + e^(-x)` to exactly 1 first.

## 4. relu

ex-relu-negative-title = ReLU(-3)
ex-relu-negative-question = What does ReLU output for the input -3?
ex-relu-negative-hint1 = Type -3 in the input box, or read the formula: `max(0, x)`.
ex-relu-negative-hint2 = `max(0, -3)` is the larger of its two arguments.
ex-relu-negative-miss-passed = ReLU passes positive inputs unchanged, but not negative ones.
ex-relu-negative-miss-absolute = ReLU does not flip the sign: `max(0, x)` is not the absolute value.
ex-relu-negative-why = `max(0, -3) = 0`. Every negative input gives 0, and on that side the slope is 0 as well.

ex-relu-hidden-title = Why in hidden layers
ex-relu-hidden-question = Why is ReLU the usual activation function of hidden layers today?
ex-relu-hidden-option1 = its slope is 1 everywhere, negative inputs included, so no gradient is ever lost
ex-relu-hidden-option2 = its slope is 1 for positive inputs, so gradients pass through many layers
ex-relu-hidden-option3 = its outputs lie between 0 and 1 and add up to 1, so each layer reads as probabilities
ex-relu-hidden-hint1 = The lesson explains it where it speaks of the slope for positive inputs.
ex-relu-hidden-hint2 = Compare the slopes: the sigmoid function's is at most 0.25. What is ReLU's for `x > 0`?
ex-relu-hidden-why = For positive inputs `h(x) = x`, whose slope is 1, so a gradient passing back through many ReLU layers does not shrink, while each sigmoid layer multiplies it by 0.25 at most. ReLU is also cheap to compute.

ex-relu-same-title = Same output
ex-relu-same-question = Find two different inputs that ReLU turns into the same output. Type both, separated by a comma; the chart shows where to look.
ex-relu-same-hint1 = Look at the chart: where is the line flat?
ex-relu-same-hint2 = Every negative number gives the same output. Try two of them.
ex-relu-same-miss-equal = Those are the same number: type two different ones.
ex-relu-same-miss-differ = ReLU gives these two inputs different outputs.
ex-relu-same-why = Every input up to 0 gives 0, so ReLU forgets how negative its input was, and its slope there is 0: a neuron whose inputs stay negative stops learning.

## 5. vanishing

ex-vanishing-ten-title = Ten sigmoid layers
ex-vanishing-ten-question = What is the largest gradient that can pass back through 10 sigmoid layers, with every weight 1 as in the lesson? (Two significant digits, such as 1.2e-3.)
ex-vanishing-ten-hint1 = The chart and the results of this lesson show it for the number of layers you type.
ex-vanishing-ten-hint2 = Each layer multiplies the gradient by at most 0.25: compute 0.25 to the tenth power.
ex-vanishing-ten-miss-rounded = That is one millionth, rounded too far: give two significant digits.
ex-vanishing-ten-miss-times = That is 0.25 times 10. The gradient is multiplied by 0.25 once per layer: 0.25 to the tenth power.
ex-vanishing-ten-why = The sigmoid function's slope is at most 0.25 (at `x = 0`), so 10 layers keep at most `0.25^10 = 9.5e-07` of the gradient: less than one millionth.

ex-vanishing-million-title = Below one millionth
ex-vanishing-million-question = Through how many sigmoid layers (every weight 1, as in the lesson) does the largest gradient first fall below one millionth (1e-6)?
ex-vanishing-million-hint1 = Type numbers of layers and watch the largest gradient of sigmoid.
ex-vanishing-million-hint2 = 0.25^9 is 3.8e-06; what is one more layer?
ex-vanishing-million-miss-nine = Through 9 layers the largest gradient is `0.25^9 = 3.8e-06`, still above one millionth.
ex-vanishing-million-why = `0.25^9 = 3.8e-06` is still above 1e-6, and `0.25^10 = 9.5e-07` is below it: from 10 layers on, less than a millionth of the gradient can reach the first layer.

ex-vanishing-tanh-title = tanh vanishes too
ex-vanishing-tanh-question = tanh's slope at `x = 0` is 1, as large as ReLU's. Why does a gradient still shrink through many tanh layers?
ex-vanishing-tanh-option1 = its slope is at most 0.25 everywhere, as the sigmoid function's is, so each layer divides the gradient by four
ex-vanishing-tanh-option2 = its slope is 1 only at `x = 0` and smaller elsewhere, and the layers' inputs are not all 0
ex-vanishing-tanh-option3 = its output is centred on 0, so the positive and negative gradients of the layers cancel out
ex-vanishing-tanh-hint1 = Compare the column "largest" with the column of the chain in the results.
ex-vanishing-tanh-hint2 = The largest gradient assumes every layer at its steepest point. Where is tanh steepest, and what does `x = 2` do?
ex-vanishing-tanh-why = tanh's slope `1 - tanh^2(x)` is 1 at `x = 0` only and falls off on both sides. A value such as `x = 2` meets smaller slopes (0.07 at the first layer), so the product shrinks: 0.0037 after 10 layers. ReLU keeps slope 1 for every positive input.

ex-vanishing-start-title = A faster vanish
ex-vanishing-start-question = Find a starting value x from which the gradient of the sigmoid chain through 10 layers falls below 1e-7 (weights 1 and no bias, as in the lesson, where `x = 2` gives `1.4e-07`). In the lesson's input box the start follows the number of layers, as in `10, x=2`; here, answer with x alone.
ex-vanishing-start-hint1 = In the lesson's input box, try starts on both sides of 0 and read the product of the last layer.
ex-vanishing-start-hint2 = The slope of the sigmoid function is largest at 0 and small far from it: start farther from 0 than `x = 2`, on either side.
ex-vanishing-start-miss-above = The gradient through 10 layers is still 1e-7 or more from there. Start farther from 0.
ex-vanishing-start-miss-infinite = Use a finite number: an infinite input makes the very first slope 0.
ex-vanishing-start-why = Far from 0 the first slope is already small (`sigmoid'({ $x }) = { $slope }`), and every later layer multiplies by at most 0.25 more: from `x = { $x }` the product through 10 layers is `{ $product }`.

## 6. modern

ex-modern-gelu-title = BERT's activation function
ex-modern-gelu-question = Which activation function do BERT and the GPT models use in their feed-forward layers?
ex-modern-gelu-option1 = the step function
ex-modern-gelu-option2 = GELU
ex-modern-gelu-option3 = the sigmoid function
ex-modern-gelu-option4 = the softmax function
ex-modern-gelu-hint1 = The lesson names the models for each function.
ex-modern-gelu-hint2 = It is x times the probability that a standard normal variable is below x.
ex-modern-gelu-why = BERT and the GPT models use GELU, x Phi(x): a smooth ReLU. Their code uses its tanh approximation, GELU (tanh), which differs from the exact GELU by at most 0.00047.

ex-modern-elu-title = ELU(-1)
ex-modern-elu-question = What does ELU (`alpha = 1`) output for `x = -1`? (Three decimal places.)
ex-modern-elu-hint1 = Show ELU in the list of functions and type -1 in the input box.
ex-modern-elu-hint2 = For `x <= 0`, ELU is `e^x - 1`. What is e^-1?
ex-modern-elu-miss-sign = Check the sign: for a negative input, ELU's output is negative too.
ex-modern-elu-miss-minus = That is e^-1. ELU subtracts 1 from it.
ex-modern-elu-why = `ELU(-1) = e^-1 - 1 = 0.368 - 1 = -0.632`. Its negative outputs approach -1 without ever reaching it, and they pull the mean of a layer's outputs towards 0.

ex-modern-dying-title = Not quite dead
ex-modern-dying-question = Find an input x where no gradient passes back through ReLU but some passes through Leaky ReLU. (Draw the derivatives to see the slopes.)
ex-modern-dying-hint1 = Show ReLU and Leaky ReLU, draw their derivatives, and compare the dotted lines.
ex-modern-dying-hint2 = The two differ only where ReLU is flat.
ex-modern-dying-miss-positive = There both slopes are 1. Look where ReLU is flat.
ex-modern-dying-why = For every `x < 0`, ReLU's slope is 0 and Leaky ReLU's is 0.01: a small gradient still flows, so the neuron can keep learning.
ex-modern-dying-why-convention = At exactly 0 neither function has a derivative, but the frameworks use one there all the same: 0 for ReLU, and 0.01 for Leaky ReLU (JAX: 1). By their convention 0 answers the question. So does every `x < 0`, by any reckoning: ReLU's slope is 0 there and Leaky ReLU's 0.01, so a small gradient still flows.

ex-modern-softplus-title = The slope of softplus
ex-modern-softplus-question = Softplus is `log(1 + e^x)`. Which function is its derivative?
ex-modern-softplus-option1 = ReLU
ex-modern-softplus-option2 = the sigmoid function
ex-modern-softplus-option3 = tanh
ex-modern-softplus-option4 = the step function
ex-modern-softplus-hint1 = Show softplus, draw its derivative, and look at the shape of the dotted line.
ex-modern-softplus-hint2 = Differentiate `log(1 + e^x)`: the chain rule gives `e^x / (1 + e^x)`.
ex-modern-softplus-why = `d/dx log(1 + e^x) = e^x / (1 + e^x) = 1 / (1 + e^(-x))`: exactly the sigmoid function.

## 7. softmax

ex-softmax-classes-title = Ten classes
ex-softmax-classes-question = Each input belongs to exactly one of 10 classes (a handwritten digit, say). Which activation function does the output layer of this classifier use?
ex-softmax-classes-option1 = the identity function
ex-softmax-classes-option2 = the sigmoid function
ex-softmax-classes-option3 = ReLU
ex-softmax-classes-option4 = the softmax function
ex-softmax-classes-hint1 = The first lesson's paragraph about the output layer says which function suits each kind of problem.
ex-softmax-classes-hint2 = One class out of ten: the output layer has one neuron per class, and its outputs should read as probabilities that add up to 1.
ex-softmax-classes-why = Multi-class classification has one output neuron per class, and softmax turns their weighted sums into probabilities that all lie between 0 and 1 and add up to 1. The sigmoid function is for two classes, or for inputs that may carry several labels at once (a photo of a dog and a cat together): each class then gets a sigmoid output of its own, a yes-or-no probability.

ex-softmax-sum-title = The sum of the outputs
ex-softmax-sum-question = Add up all the outputs of the softmax function. Whatever the inputs, what is the sum?
ex-softmax-sum-hint1 = Type a vector of your own in the input box and read the line "sum".
ex-softmax-sum-hint2 = Each y_k divides one term by the sum of all the terms. Add the y_k up: the numerator becomes the denominator.
ex-softmax-sum-why = Each y_k is e^(a_k) divided by the sum of all the e^(a_i); adding them up gives that sum divided by itself, 1. That is why the outputs read as probabilities.

ex-softmax-bird-title = How sure of the bird
ex-softmax-bird-question = In the lesson's example, `softmax([0.3, 2.9, 4.0])`, how likely is the bird, the third class? As a percentage to the nearest whole number, or as a decimal.
ex-softmax-bird-hint1 = Type 0.3, 2.9, 4.0 in the input box and read the third y.
ex-softmax-bird-hint2 = Read the third y in the results and round it to a whole percentage.
ex-softmax-bird-why = e^4.0 is by far the largest term: `y_3 = 0.73659691`, so the network is 74% sure that it is a bird.

ex-softmax-confident-title = Very sure
ex-softmax-confident-question = Type inputs (two or more) for which softmax gives one class a probability above 0.99.
ex-softmax-confident-hint1 = Softmax keeps the order of its inputs and stretches their differences. Make one input larger than the others.
ex-softmax-confident-hint2 = What counts is how much larger one input is than the others: widen that gap until its y passes 0.99.
ex-softmax-confident-miss-below = No probability is above 0.99 yet: the largest input does not stand out enough from the others.
ex-softmax-confident-miss-nan = The result is NaN: these inputs are too large for softmax as this lesson computes it. Keep them below 700; the lesson Softmax overflow shows why.
ex-softmax-confident-why = What counts is how much larger one input is than the others: with two classes, a lead of more than ln 99 (about 4.6) gives more than 0.99, because e^4.6 is about 99 times e^0.

ex-softmax-two-title = Two classes
ex-softmax-two-question = Softmax with two classes, as this lesson computes it: find two inputs `a, b` for which the first probability equals `sigmoid(2) = 0.88079708`.
ex-softmax-two-hint1 = Type two numbers in the input box and compare the first y with 0.88079708; change them until the two agree.
ex-softmax-two-hint2 = Divide the numerator and the denominator of `e^a / (e^a + e^b)` by `e^a`, and compare what is left with `sigmoid(x) = 1 / (1 + e^(-x))`.
ex-softmax-two-miss-differ = The first y of these inputs is not `sigmoid(2)`: compare it with 0.88079708 in the input box.
ex-softmax-two-miss-order = Here the second y is `sigmoid(2)`, not the first: the first probability belongs to the first input.
ex-softmax-two-miss-nan = The result is NaN: these inputs are too large for softmax as this lesson computes it. Smaller numbers with the same difference give the same probabilities.
ex-softmax-two-why = `e^a / (e^a + e^b) = 1 / (1 + e^(-(a - b)))`: the first probability of a two-class softmax is `sigmoid(a - b)`. Your inputs differ by { $difference }, so the first y is `sigmoid({ $difference }) = { $first }`. With `b = 0`, `softmax([a, 0])` is `[sigmoid(a), 1 - sigmoid(a)]`: for two classes, one sigmoid output does what softmax does.

## 8. overflow

ex-overflow-float32-title = The float32 limit
ex-overflow-float32-question = What is the largest x for which e^x is still finite in float32? (To two decimal places.)
ex-overflow-float32-hint1 = The lesson opens with the limits of float64 and float32.
ex-overflow-float32-hint2 = Type one number near 89 in the input box and watch the float32 column turn into inf; the limit is between 88.7 and 88.8.
ex-overflow-float32-miss-float64 = That is float64's limit. float32 has fewer bits for the exponent, so its limit is much lower.
ex-overflow-float32-why = The largest float32 is about 3.4028235e+38, and `ln(3.4028235e+38) = 88.72` (float64 goes up to 709.78). Above that, e^x in float32 is inf.

ex-overflow-naive-title = NaN, then fixed
ex-overflow-naive-question = Find an input for which the naive softmax gives NaN but the stable one does not. Type several numbers in the input box to see both side by side.
ex-overflow-naive-hint1 = The lesson's own example does it. Type several numbers, so that both columns show.
ex-overflow-naive-hint2 = `e^x` overflows to inf above `x = 709.78` in float64. Choose inputs for which that happens to some term, or for which every term underflows to 0.
ex-overflow-naive-miss-naivefine = The naive form handles these inputs: every `e^a` is finite and their sum is above 0.
ex-overflow-naive-miss-stablenan = The stable form gives NaN as well: an input is itself +inf or NaN, which no shift can save, or every input is -inf. Use large finite numbers.
ex-overflow-naive-why = `e^{ $largest }` is inf in float64, so the naive form divides inf by inf and gets NaN. The stable form subtracts `max(a)` first: the largest exponent becomes `e^0 = 1` and nothing overflows.
ex-overflow-naive-why-underflow = `e^{ $largest }` is below the smallest positive float64 and underflows to 0, and every smaller term is 0 as well: the naive form divides 0 by 0 and gets NaN. The stable form subtracts `max(a)` first: the largest exponent becomes `e^0 = 1`, so the sum is at least 1.

ex-overflow-always-title = Beyond saving
ex-overflow-always-question = Even the stable softmax cannot save every input. Find inputs for which it gives NaN too.
ex-overflow-always-hint1 = The lesson's paragraph on inputs that are not finite numbers says which of them give NaN.
ex-overflow-always-hint2 = The stable form subtracts `max(a)` from every input. For which inputs does that subtraction, or `e^` of what it leaves, stop being a number?
ex-overflow-always-miss-finite = The stable form handles these inputs: after the shift every `e^(a - max(a))` is at most 1 and their sum is at least 1.
ex-overflow-always-miss-masked = An input of -inf is no trouble: `e^-inf = 0` exactly, so it gets a probability of exactly 0 and the others share the rest. That is how attention masks leave positions out.
ex-overflow-always-why = With an input of +inf, `max(a)` is inf and `inf - inf` is NaN; with a finite shift s instead, `e^(inf - s)` is inf and `inf / inf` is NaN. No shift saves an input of +inf.
ex-overflow-always-why-nan = NaN spreads: every operation with NaN gives NaN, so every y is NaN, whatever the shift.
ex-overflow-always-why-allminus = With every input -inf, `max(a)` is -inf itself and `-inf - (-inf)` is NaN; with a finite shift instead, every term is `e^-inf = 0` and `0 / 0` is NaN. One finite input among them is enough: the -inf inputs then get a probability of exactly 0.

ex-overflow-shift-title = The shift
ex-overflow-shift-question = Which constant does the stable form subtract from every input, so that nothing overflows?
ex-overflow-shift-option1 = the largest input, max(a)
ex-overflow-shift-option2 = the smallest input, min(a)
ex-overflow-shift-option3 = the sum of the inputs
ex-overflow-shift-option4 = nothing: it divides every input by the largest one
ex-overflow-shift-hint1 = Read the formula at the top of the lesson.
ex-overflow-shift-hint2 = After the shift, the largest exponent should be `e^0 = 1`.
ex-overflow-shift-why = Subtracting max(a) makes the largest exponent `e^0 = 1`, so nothing overflows and the sum is at least 1. Subtracting min(a) would leave `e^(max(a) - min(a))`, which can still overflow: for `[1010, 0]` it is `e^1010 = inf`.
