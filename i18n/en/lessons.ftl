# The nine lessons. In bodies, a blank line starts a paragraph, |words| are
# emphasised and `expressions` are kept on one line and drawn as formulas.
# Bodies may name keys, passed in as $derivative, $functions, $more, $less and
# $results (key names are never translated).
# Code is shown as written; the code of a lesson is the same in both languages
# apart from its comments, and runs as shown (tests/data/check_code.py).

## 0. intro

intro-title = What is an activation function?
intro-formula =
    a = b + w1 x1 + w2 x2
    y = h(a)
intro-body =
    The simplest model of a neuron, the |perceptron|, takes input
    signals x1 and x2, multiplies each by its |weight| w1 or w2,
    adds them up together with a |bias| b, and turns that sum a
    into its output signal y.

    The function h that turns the weighted sum into the output is
    the |activation function|. It decides how strongly the neuron
    fires.

    One neuron cannot solve real problems, so networks stack
    |layers| of them. Stacking only linear functions would be
    pointless: a composition of linear maps is itself a single
    linear map, so a hundred linear layers can do no more than one.

    Networks also learn by following |derivatives| (gradients).
    So the |hidden layers| use activation functions that are
    non-linear and (almost everywhere) differentiable.

    The activation function of the |output layer| is chosen for the
    task. |Regression| predicts a continuous value and uses the
    identity function. |Classification| predicts a class and outputs
    probabilities: the sigmoid function for |binary classification|
    (two classes), the softmax function for |multi-class
    classification| (three or more; with two classes, softmax gives
    the same probabilities as the sigmoid function).

    The lessons that follow: the step function, the identity
    function, the sigmoid function, ReLU, the vanishing gradient,
    modern activation functions, the softmax function, and softmax
    overflow. In every lesson of a function, { $derivative } draws
    its derivative over it.

    The code below computes one neuron with NumPy. Its h is the step
    function of the next lesson: the weighted sum `a = 0.25` is above
    0, so the neuron fires and `y = 1`.
intro-code =
    import numpy as np

    # h: the activation function
    # (here, the step function)
    def h(a):
        return (a > 0).astype(int)

    x = np.array([1.0, 0.5])  # inputs
    w = np.array([0.5, 0.5])  # weights
    b = -0.5                  # bias
    a = np.sum(w * x) + b
    y = h(a)
    print(a, y)  # 0.25 1
intro-diagram =
    x1 ---w1---\
                (a) ---h---> y
    x2 ---w2---/  ^
                  b
intro-diagram-caption = The inputs times the weights, plus the bias, make a; the activation function h turns a into the output y.

## 1. step

step-title = Step function
step-formula = `h(x) = 1` if `x > 0`, else 0
step-body =
    The |step function| outputs 0 until its input passes a
    threshold, then jumps to 1: `h(x) = 1` when `x > 0`, otherwise
    0. There is nothing in between.

    It is the activation function of the classic |perceptron|: the
    neuron either fires or it does not.

    Its weakness is learning. The slope of the step (its
    |derivative|) is 0 everywhere except at the jump, where it is not
    defined. Gradient-based learning follows the slope, so it gets
    no signal: nudging a weight a little changes nothing at all.
    Press { $derivative } to draw the derivative `h'(x)` over the
    step: a flat line at 0, on the axis. At `x = 0` itself there is
    no slope to draw; type 0 and the results say undefined.

    That is why neural networks moved to smooth functions such as
    the sigmoid function. Try 0 and a tiny positive number such as
    1e-9: at exactly 0 the output is still 0.

    In the code, `x > 0` compares every element of the array x with
    0 and gives an array of True and False; `astype(int)` turns them
    into 1 and 0. The last lines draw the chart with matplotlib:
    `np.arange(-5.0, 5.0, 0.1)` makes x from -5 up to (not including)
    5 in steps of 0.1, `plt.plot` draws the curve and `plt.ylim` sets
    the range of the y axis.

    Older books write `np.array(x > 0, dtype=np.int)` or
    `astype(np.int)`. NumPy 1.24 removed `np.int`, so that code now
    stops with an AttributeError: write `dtype=int` or `astype(int)`.
step-code =
    import numpy as np
    import matplotlib.pyplot as plt

    def step_function(x):
        return (x > 0).astype(int)

    x = np.arange(-5.0, 5.0, 0.1)
    y = step_function(x)
    plt.plot(x, y)
    plt.ylim(-0.1, 1.1)
    plt.show()

## 2. identity

identity-title = Identity function
identity-formula = h(x) = x
identity-body =
    The |identity function| returns its input unchanged: the
    weighted sum passes straight through.

    In a hidden layer it adds nothing (a network of identity
    neurons is one linear map), but it is exactly right for the
    |output layer of regression|, where the answer is a continuous
    number such as a price or a temperature. It does not squeeze
    its output into a range, as the sigmoid function keeps its own
    between 0 and 1: whatever value the data call for, the network
    can output it.

    Its slope is 1 everywhere: `h'(x) = 1` (press { $derivative }
    to draw it).
identity-code =
    import numpy as np
    import matplotlib.pyplot as plt

    def identity_function(x):
        return x

    x = np.arange(-5.0, 5.0, 0.1)
    y = identity_function(x)
    plt.plot(x, y)
    plt.ylim(-5.0, 5.0)
    plt.show()

## 3. sigmoid

sigmoid-title = Sigmoid function
sigmoid-formula = `h(x) = 1 / (1 + e^(-x))`
sigmoid-body =
    The |sigmoid function| draws a smooth S-shaped curve. It is
    non-linear, differentiable everywhere, and its output always
    lies strictly between 0 and 1. In NumPy, `e^(-x)` is written
    `np.exp(-x)`; given an array, it works element by element, and
    so do the addition and the division.

    Because of that range, the output can be read as a probability.
    That makes sigmoid the usual activation function of the output
    layer for |binary classification|: its output is the probability
    that the answer is "yes".

    `h(0) = 0.5`. Large positive inputs come close to 1 and large
    negative ones close to 0, without ever reaching them in exact
    arithmetic. A float64, though, rounds values very close to 1 to
    exactly 1: try 40, and see the code print 1.0. The results mark
    such a value as rounded.

    Its slope, the derivative `h'(x) = h(x)(1 - h(x))`, is largest
    at `x = 0`, and even there it is only 0.25 (press
    { $derivative } to draw it). Backpropagation multiplies one such
    slope per layer, so in a deep network the gradient shrinks layer
    after layer: 0.25 to the tenth power is about 9.5e-07, less than
    one millionth. This is the |vanishing gradient problem|, and the
    reason hidden layers rarely use sigmoid today.
sigmoid-code =
    import numpy as np
    import matplotlib.pyplot as plt

    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    print(sigmoid(40.0))  # 1.0

    x = np.arange(-5.0, 5.0, 0.1)
    y = sigmoid(x)
    plt.plot(x, y)
    plt.ylim(-0.1, 1.1)
    plt.show()

## 4. relu

relu-title = ReLU
relu-formula = `h(x) = max(0, x)`
relu-body =
    |ReLU| (Rectified Linear Unit), also called the |ramp function|,
    outputs its input when it is positive and 0 otherwise.

    It is the usual activation function of hidden layers today. It
    is cheap to compute, and for positive inputs its slope is
    exactly 1, so ReLU itself does not shrink the gradient, however
    many layers it passes through.

    For negative inputs the slope is 0, and a neuron whose input
    stays negative stops learning. Variants such as Leaky ReLU give
    that side a small slope instead.

    At `x = 0` the slope is not defined: it is 0 on the left and 1
    on the right. PyTorch, TensorFlow and JAX use 0 there. Press
    { $derivative } to draw the derivative: 0 on the left, 1 on the
    right; type 0 and the results say it is undefined there.

    In the code, `np.maximum(0, x)` returns the larger of its two
    arguments, element by element: 0 where x is negative, x itself
    elsewhere. (`np.max` is another function: it returns the one
    largest element of an array.)
relu-code =
    import numpy as np
    import matplotlib.pyplot as plt

    def relu(x):
        return np.maximum(0, x)

    x = np.arange(-5.0, 5.0, 0.1)
    y = relu(x)
    plt.plot(x, y)
    plt.ylim(-1.0, 5.5)
    plt.show()

## 5. vanishing

vanishing-title = The vanishing gradient
vanishing-formula =
    `gradient = h'(a_1) h'(a_2) ... h'(a_n)` (weights taken as 1)
    `sigmoid: gradient <= 0.25^n`
vanishing-body =
    A network learns by |backpropagation|: the gradient of the loss
    travels back from the output layer to the first layer. By the
    |chain rule|, every layer multiplies it by the slope (the
    derivative) of its activation function at that layer's input.
    Through n layers, the gradient is multiplied by n such slopes.
    It is multiplied by each layer's weights too; here they are
    taken as 1 (large weights can instead make the gradient grow
    layer after layer: an |exploding gradient|).

    The sigmoid function's slope is at most 0.25, at `x = 0`. So
    through n sigmoid layers the gradient keeps at most `0.25^n` of
    itself: 9.5e-07 after 10 layers, 9.1e-13 after 20. The first
    layers then hardly learn at all. This is the |vanishing gradient
    problem|.

    ReLU's slope is exactly 1 for every positive input, so there the
    gradient passes back whole, through any number of layers. |tanh|,
    an S-curve like sigmoid that lies between -1 and 1 (the next
    lesson has more), has slope 1 at `x = 0` too, as large as ReLU's. But
    only there: away from 0 its slope falls off on both sides, so a
    gradient through many tanh layers still shrinks.

    The chart shows the gradient over the number of layers n, on a
    log scale. The solid falling line is sigmoid's largest,
    `0.25^n`: what is left when every layer's input sits where the
    slope is steepest.

    The other lines are real chains: the value `x = 2` sent through
    n layers (weights 1, no bias) of sigmoid (dotted), tanh (dashed)
    and ReLU (sparse dots), and the product of the local gradients on
    the way back. Through sigmoid layers it is 1.3854505e-07 after
    10 layers, even less than `0.25^10`, because no layer's input is
    0, where the slope would be largest. Through ReLU layers it stays
    1; from `x=-1` it is 0 from the first layer on, and its line
    falls off the chart.

    Type a number of layers from 1 to 100, or press { $more } and
    { $less }. `x=0.5` sends another value through the layers. The
    results compare the three functions, then follow the sigmoid
    chain layer by layer: press { $results } to go through it.
vanishing-code =
    import numpy as np

    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    x = 2.0
    grad = 1.0
    for layer in range(10):
        y = sigmoid(x)
        grad = grad * (y * (1 - y))  # local gradient
        x = y
    print(grad)  # 1.3854505322286901e-07
    print(0.25 ** 10)  # 9.5367431640625e-07

## 6. modern

modern-title = Modern activation functions
modern-formula =
    `GELU(x) = x Phi(x)`
    `SiLU(x) = x sigmoid(x)`
modern-body =
    ReLU is the usual choice, but it has weak points: for negative
    inputs its slope is 0, so a neuron whose input stays negative
    stops learning for good (a "dying" ReLU), and it has a corner at
    0. This lesson shows the functions used beside it today: tanh,
    which is older, and variants that change what ReLU does below 0
    or at its corner. Press { $functions } to choose the ones the chart draws
    (the digits 1 to 9 show or hide one), { $derivative } to add
    their derivatives, and type values to compare them side by side.

    |tanh|, the |hyperbolic tangent|, `(e^x - e^(-x)) / (e^x +
    e^(-x))`, is an S-curve like sigmoid, stretched to lie between -1
    and 1: `tanh(x) = 2 sigmoid(2x) - 1`. Its output is centred on 0, and
    its slope at 0 is 1, four times sigmoid's. LSTM and GRU, the
    classic recurrent networks, use it. For large inputs its slope
    still vanishes.

    |Leaky ReLU| is x for `x > 0` and `0.01 x` otherwise (0.01 is
    PyTorch's default slope). The small slope on the negative side
    keeps a gradient flowing, so a neuron whose input stays negative
    can still learn: it answers the dying ReLU.

    |ELU| is x for `x > 0` and `e^x - 1` otherwise (here with alpha
    = 1). It has no corner at 0, and its negative outputs, which
    approach -1 without ever reaching it, pull the mean of a layer's
    outputs towards 0; its authors found that this speeds up
    learning (Clevert and others, 2015).

    |GELU| is `x Phi(x)`, where `Phi(x) = (1 + erf(x / sqrt(2))) /
    2` is the probability that a standard normal variable is below
    x. Instead of cutting at 0 like ReLU, it weighs x by that
    probability: a smooth ReLU that dips a little below 0 (to -0.17
    at `x = -0.75`). BERT, the GPT models and the Vision Transformer
    use it. The code of BERT and GPT-2 uses its tanh approximation,
    GELU (tanh) in the list and the tables:
    `x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))`. It differs from
    the exact GELU by at most 0.00047 (at `x = 2.70` and
    `x = -2.70`), far too little to see on the chart. Show both (6
    and 7 in the list) and compare their numbers.

    |SiLU| (also called |Swish|) is `x sigmoid(x)`: the same idea
    with the sigmoid function in place of Phi (it dips to -0.28 at
    `x = -1.28`). EfficientNet uses it, and so does LLaMA: its
    feed-forward layers use SwiGLU, which multiplies `SiLU(xW)`
    element by element by a second linear map `xV`.

    |Softplus| is `log(1 + e^x)`: ReLU with its corner rounded off,
    always positive, and its derivative is exactly the sigmoid
    function. It serves where a value must stay positive, such as a
    standard deviation: unlike `e^x` it grows only like x, so it
    does not overflow as easily.

    Press { $derivative }: the slopes of GELU and SiLU rise a little
    above 1 (to 1.13 and 1.10), and Leaky ReLU, like ReLU, has no
    derivative at 0. PyTorch and TensorFlow use 0.01 there, JAX uses
    1.

    In the code, `np.where(x > 0, x, 0.01 * x)` picks, element by
    element, x where the condition holds and `0.01 x` elsewhere.
    `np.expm1(x)` is `e^x - 1` computed without losing digits near
    0, `np.logaddexp(0, x)` is `log(e^0 + e^x)` without overflow, and
    `np.vectorize(erf)` applies Python's `math.erf` to every element.
modern-code =
    import numpy as np
    import matplotlib.pyplot as plt
    from math import erf

    def leaky_relu(x):
        return np.where(x > 0, x, 0.01 * x)

    def elu(x):
        return np.where(x > 0, x, np.expm1(x))

    def gelu(x):
        phi = (1 + np.vectorize(erf)(x / np.sqrt(2))) / 2
        return x * phi

    def silu(x):
        return x / (1 + np.exp(-x))

    def softplus(x):
        return np.logaddexp(0, x)

    print(gelu(np.array([-1.0, 1.0])))
    # [-0.15865525  0.84134475]

    x = np.arange(-4.0, 4.0, 0.1)
    for f in (np.tanh, leaky_relu, elu, gelu, silu, softplus):
        plt.plot(x, f(x), label=f.__name__)
    plt.ylim(-1.5, 4.0)
    plt.legend()
    plt.show()

## 7. softmax

softmax-title = Softmax function
softmax-formula = `y_k = e^(a_k) /` `sum_i e^(a_i)`
softmax-body =
    The |softmax function| is the usual activation function of the
    output layer for |multi-class classification|. The output layer
    has one neuron per class, and output y_k is `e^(a_k)` divided by
    the sum of `e^(a_i)` over all the inputs.

    For example, to tell whether a photo shows a dog, a cat or a
    bird (3 classes), the output layer has 3 neurons. Softmax turns
    their weighted sums [0.3, 2.9, 4.0] into the probabilities of
    the classes, [0.018211273, 0.24519181, 0.73659691]: the network
    is 74% sure that it is a bird.

    Every output lies between 0 and 1 and together they add up to
    1, so they can be read as probabilities: how sure the network
    is of each class.

    Softmax keeps the order of its inputs: the largest input gets
    the largest probability. To pick the predicted class you can
    skip softmax and take the largest input; softmax is needed for
    training and whenever the probabilities themselves matter.

    With two classes, softmax is the sigmoid function. Dividing
    `e^a / (e^a + e^0)` by `e^a` gives `1 / (1 + e^(-a))`, so
    `softmax([a, 0])` is `[sigmoid(a), 1 - sigmoid(a)]`, and in
    general the first probability of `softmax([a, b])` is
    `sigmoid(a - b)`: only the difference counts. That is why binary
    classification needs just one output neuron, with the sigmoid
    function.

    This lesson computes softmax the way the code below does,
    straight from its definition (the naive form). Type a vector of
    your own to see its bars. Then try 1010, 1000, 990: `e^1010` is
    too large for a float64, and the result is NaN. The lesson
    Softmax overflow shows why, and how to avoid it.
softmax-code =
    import numpy as np
    import matplotlib.pyplot as plt

    def softmax(a):
        exp_a = np.exp(a)
        return exp_a / np.sum(exp_a)

    # 3 classes: dog, cat, bird
    a = np.array([0.3, 2.9, 4.0])
    y = softmax(a)
    print(y)
    # [0.01821127 0.24519181 0.73659691]
    print(np.sum(y))  # 1.0
    plt.bar(range(3), y)
    plt.ylim(0.0, 1.0)
    plt.show()

## 8. overflow

overflow-title = Softmax overflow
overflow-formula = `y_k = e^(a_k - max(a)) /` `sum_i e^(a_i - max(a))`
overflow-body =
    A computer stores a number in a fixed number of bits, so there
    is a largest number. `e^x` is finite in float64 only up to
    `x = 709.78` (88.72 in float32). `e^1000` does not fit: it
    becomes |inf|. This is |overflow|.

    Softmax computed straight from its definition, the naive form,
    divides `e^(a_k)` by a sum of exponentials. For [1010, 1000,
    990] every term is inf, and `inf / inf` is |NaN|, "not a
    number": the result is [NaN, NaN, NaN]. NumPy warns
    (RuntimeWarning: overflow encountered in exp) but returns NaN
    all the same.

    The fix: multiply the numerator and the denominator by the same
    constant C. The value does not change, and moving C into the
    exponent adds `log C` to every input:
    `C e^(a_k) = e^(a_k + log C)`. Call `s = -log C` the shift: every
    exponent becomes `a - s`. Choose `s = max(a)`, that is
    `log C = -max(a)`: the largest exponent becomes `e^0 = 1`,
    nothing overflows, and the sum is at least 1, so the division is
    safe.

    See it step by step. Below the comparison, the results show
    each column of the computation, for the naive form (`s = 0`) and
    the stable one (`s = max(a)`): a, `a - s`, `e^(a - s)`, their
    sum, and y. Add `s=500` to the numbers (or press { $more } and
    { $less }) to try a shift of your own. As long as every
    `e^(a - s)` stays finite and none underflows, every s gives the
    same y, up to rounding. Too small an s overflows; too large an s
    makes the terms underflow to 0, and once every term is 0,
    `0 / 0` is NaN.

    The stable result is [0.9999546, 4.5397869e-05, 2.06106e-09].
    Tiny terms may underflow to 0; that is harmless, as they were
    negligible anyway.

    Very negative inputs fail the other way round. For [-1000,
    -1010] every `e^a` underflows to 0, and `0 / 0` is NaN. The same
    shift mends it: [0.9999546, 4.5397869e-05].

    Inputs that are not finite numbers are another matter. An input
    of -inf is no trouble: `e^(-inf - s) = 0` exactly, whatever the
    finite shift s, so its probability is exactly 0. Transformers
    use this to mask positions out of attention: their scores are
    set to -inf before the softmax. Only when every input is -inf
    does the stable form fail, as `max(a)` is then -inf itself and
    `-inf - (-inf)` is NaN. An input of +inf or NaN, though, gives
    NaN whatever the shift: `e^(inf - s)` is inf, `inf / inf` is
    NaN, and NaN spreads through every operation. Try them.

    Frameworks go one step further for the loss. The cross-entropy
    loss needs `log y`, and `log` of a softmax that underflowed to 0
    is -inf; so they compute |log-softmax| directly, as
    `log y_k = a_k - LSE(a)` with the |log-sum-exp|
    `LSE(a) = max(a) + log(sum_i e^(a_i - max(a)))`, which is
    finite for any finite inputs. The results show it in the column
    log y.

    Type one number to see `e^x` in float64 and float32, or several
    to compare the naive and the stable softmax. `s=` chooses the
    shift s; { $more } and { $less } move it by 100.
overflow-code =
    import numpy as np

    def softmax(a):
        # guard against overflow: the shift s
        s = np.max(a)
        exp_a = np.exp(a - s)
        return exp_a / np.sum(exp_a)

    a = np.array([1010, 1000, 990])
    print(np.exp(a) / np.sum(np.exp(a)))
    # [nan nan nan]
    print(softmax(a))
    # [9.99954600e-01 4.53978686e-05 2.06106005e-09]

    def log_softmax(a):
        s = np.max(a)
        total = np.sum(np.exp(a - s))
        return a - s - np.log(total)

    print(log_softmax(a))
    # [-4.54009603e-05 -1.00000454e+01 -2.00000454e+01]
