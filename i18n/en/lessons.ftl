# The seven lessons. In bodies, a blank line starts a paragraph, |words| are
# emphasised and `expressions` are kept on one line and drawn as formulas.
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
    classification| (three or more).

    The lessons that follow: the step function, the identity
    function, the sigmoid function, ReLU, the softmax function, and
    softmax overflow.

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

    Its weakness is learning. The slope of the step is 0 everywhere
    except at the jump, where it is not defined. Gradient-based
    learning follows the slope, so it gets no signal: nudging a
    weight a little changes nothing at all.

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
    number with no bounds, such as a price or a temperature.

    Its slope is 1 everywhere.
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

    Its slope, `h(x)(1 - h(x))`, is largest at `x = 0`, and even
    there it is only 0.25. Backpropagation multiplies one such slope
    per layer, so in a deep network the gradient shrinks layer after
    layer: 0.25 to the tenth power is about 9.5e-07, less than one
    millionth. This is the |vanishing gradient problem|, and the
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

    At `x = 0` the slope is not defined; libraries simply use 0
    there.

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

## 5. softmax

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

## 6. overflow

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
    exponent adds `log C` to every input. Choose `log C = -max(a)`:
    the largest exponent becomes `e^0 = 1`, nothing overflows, and
    the sum is at least 1, so the division is safe.

    The stable result is [0.9999546, 4.5397869e-05, 2.06106e-09].
    Tiny terms may underflow to 0; that is harmless, as they were
    negligible anyway.

    Very negative inputs fail the other way round. For [-1000,
    -1010] every `e^a` underflows to 0, and `0 / 0` is NaN. The same
    shift mends it: [0.9999546, 4.5397869e-05].

    One case no trick can save: when an input is itself inf or NaN,
    even the stable form gives NaN. Try it.

    Type one number to see `e^x` in float64 and float32, or several
    to compare the naive and the stable softmax.
overflow-code =
    import numpy as np

    def softmax(a):
        # guard against overflow
        c = np.max(a)
        exp_a = np.exp(a - c)
        return exp_a / np.sum(exp_a)

    a = np.array([1010, 1000, 990])
    print(np.exp(a) / np.sum(np.exp(a)))
    # [nan nan nan]
    print(softmax(a))
    # [9.99954600e-01 4.53978686e-05 2.06106005e-09]
