# The command line: the help (kasseika --help) and what is said on standard error.
# Commands, flags, ids and variable names are passed in or kept as they are.

cli-about = Learn the activation functions of neural networks in the terminal: step, identity, sigmoid, ReLU, the vanishing gradient, the functions used today (tanh, Leaky ReLU, ELU, GELU, SiLU, softplus), softmax and its overflow, with their derivatives, in Japanese or English.
cli-heading-usage = Usage:
cli-heading-commands = Commands:
cli-heading-arguments = Arguments:
cli-heading-options = Options:
cli-help-lang = Language: en or ja (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG; else en)
cli-help-lesson = Lesson to open, by id or number: { $lessons }
cli-help-chart = How charts are drawn: braille (dots), block (half blocks, for fonts without braille) or ascii
cli-help-ascii = Draw the whole screen in plain ASCII (borders, charts, symbols)
cli-help-help = Print this help
cli-help-version = Print the version
cli-help-subcommand = Print this help, or the help of a command
cli-list-about = Print the lesson ids and titles
cli-show-about = Print a lesson as plain text: explanation, formula, code, and a table of values
cli-show-id = Lesson id or number (see kasseika list)
cli-eval-about = Compute without the interface: one line per value, input and result separated by a tab
cli-eval-function = Function: { $functions } (softmax is the stable form; softmax-naive computes as the softmax lesson's code does, NaN where it overflows; a _ may stand for -)
cli-eval-values = Numbers, as typed in the input box (full-width digits, inf and 1e3 included)
cli-eval-derivative = Print the derivative f'(x) instead of f(x) (functions of one value only; NaN where f' is undefined: step, relu and leaky-relu at 0)
cli-eval-target = cross-entropy: the class of the right answer, counted from 0 (as in NumPy and PyTorch)
cli-dumb-terminal = kasseika needs a terminal that can draw a screen, and TERM={ $term } cannot: read a lesson as plain text with kasseika show ID.
cli-no-term = kasseika needs a terminal that can draw a screen, and TERM is not set: set it (for example TERM=xterm-256color), or read a lesson as plain text with kasseika show ID.
cli-japanese-needs-utf8 = Japanese cannot be shown in this terminal's character set ({ $charset }), so the texts are in English; for Japanese, use a locale in UTF-8, EUC-JP or Shift_JIS, such as ja_JP.UTF-8.
cli-write-error = could not write the output: { $error }

# What is wrong with a command line. Values and options are as typed, with control
# characters written out; the help's usage line and a pointer to --help follow.
cli-error-unknown-command = unknown command "{ $command }". Commands: { $commands }
cli-error-unexpected-argument = "{ $argument }" is not an option or a value this command takes
cli-error-invalid-value = { $option } does not take "{ $value }". Possible values: { $values }
cli-error-invalid-value-any = { $option } does not take "{ $value }"
cli-error-missing-value = { $option } needs a value
cli-error-missing-value-of = { $option } needs a value. Possible values: { $values }
cli-error-bad-value = { $option } does not take "{ $value }": { $reason }
cli-error-missing-argument = missing: { $arguments }
cli-error-repeated = { $option } can be given only once
cli-error-conflict = { $option } cannot be given together with { $other }
cli-error-other = the command line could not be read: { $detail }
cli-error-suggestion = Did you mean { $suggestion }?
cli-error-help = For more, see { $help }

## Saved progress (kasseika progress, --no-save)

cli-help-no-save = Learn without saving anything: no file is read or written
cli-progress-about = Print your saved progress: each lesson and exercise, and where you left off
cli-progress-reset = Start afresh: forget every lesson read and every exercise answered (asks first)
cli-progress-yes = Reset without asking
progress-file = Saved in { $path }
progress-file-none = Nothing is saved yet. Your progress will be kept in { $path }
progress-reset-ask = Forget all your progress saved in { $path }? This cannot be undone. [y/N]
progress-reset-kept = Nothing was changed.
progress-peek-corrupt = The saved progress in { $file } cannot be read ({ $detail }). Nothing was changed: kasseika keeps the file, set aside, when it next saves progress.
progress-peek-newer = The saved progress in { $file } was written by a newer version of kasseika (file version { $version }), which this one cannot read. Nothing was changed; the newer kasseika still reads it.
progress-peek-too-large = The file { $file } is too large to be saved progress. Nothing was changed.
progress-reset-done = Your progress was reset: every lesson and exercise starts afresh.
progress-reset-needs-yes = progress --reset asks before it forgets anything, and standard input is not a terminal to answer on: add --yes to reset without asking.
cli-completions-about = Print the completion script of a shell: bash, zsh or fish (for example, kasseika completions bash > ~/.local/share/bash-completion/completions/kasseika)
cli-completions-shell = The shell: bash, zsh or fish
cli-man-about = Print the manual page (roff, in English) of kasseika or of one of its commands
cli-man-command = The command whose page to print (none: kasseika's own)
