# The closing screen, after the last lesson. In the body, a blank line starts a
# paragraph, |words| are emphasised and `expressions` are kept on one line.
# $command is a kasseika command line, passed in (never translated).

closing-title = What you learned, and what comes next
closing-body =
    You have reached the end of the course. Here is what the lessons covered.

    - An |activation function| turns the weighted sum of a neuron into its output. Without a non-linear one, a stack of layers is no more than one linear map.
    - The |step function| jumps from 0 to 1. Its slope is 0 almost everywhere, so gradient-based learning gets no signal from it.
    - The |identity function| passes the sum through unchanged: the usual activation function of the output layer for regression.
    - The |sigmoid function| squeezes any input into the range between 0 and 1: the usual activation function of the output layer for binary classification. Its slope is at most 0.25, so a deep stack of sigmoids makes the gradient vanish.
    - |ReLU|, `max(0, x)`, is the usual activation function of hidden layers today.
    - Networks learn by derivatives: through n layers, the gradient is multiplied by n slopes (and by the weights). Sigmoid's are at most 0.25, so n sigmoid layers keep at most `0.25^n` of the gradient: the |vanishing gradient problem|. ReLU's slope is 1 for positive inputs.
    - Today's networks also use tanh, Leaky ReLU, ELU, |GELU| (BERT, GPT) and |SiLU| (EfficientNet, LLaMA's SwiGLU), and softplus where a value must stay positive.
    - The |softmax function| turns a vector into probabilities that add up to 1: the usual activation function of the output layer for multi-class classification.
    - Computed as written, softmax overflows for large inputs: `e^1000` is inf, and `inf / inf` is NaN. Subtracting `max(a)` from every input leaves the result unchanged and keeps every exponent at 0 or below; frameworks compute the loss from log-softmax, which stays finite for finite inputs.

    What to try next:

    - Run each lesson's NumPy code yourself and plot the functions with matplotlib. `{ $command }` prints a lesson as plain text, code included.
    - Read how residual connections (ResNet) and batch normalization, too, keep gradients from vanishing in very deep networks.
    - Write the derivatives of sigmoid and ReLU in NumPy, and check them against a numerical derivative such as `(f(x + 1e-4) - f(x - 1e-4)) / 2e-4`.
    - Build the forward pass of a small network: a few layers of `np.dot`, ReLU in the hidden layers, softmax at the output.
    - Work out the gradient of the cross-entropy loss through softmax: it is simply `y - t`, the output minus the correct answer.
