## kasseika eval

eval-no-derivative = { $function } takes a whole list, so it has no derivative in the sense of --derivative. Functions with --derivative: { $available }

# kasseika eval cross-entropy --target K
eval-target-missing = cross-entropy needs the class of the right answer: --target K, with K counted from 0 ({ $classes ->
        [one] 0 for this one logit
       *[other] 0 to { $last } for these { $classes } logits
    }).
eval-target-unused = --target is for cross-entropy only, not for { $function }.
eval-target-not-whole = --target takes the class as a whole number counted from 0, and "{ $target }" is not one ({ $classes ->
        [one] 0 for this one logit
       *[other] 0 to { $last } for these { $classes } logits
    }).
eval-target-out-of-range = --target { $target } is not one of the classes: { $classes ->
        [one] with one logit the only class is 0
       *[other] with { $classes } logits they are 0 to { $last }
    } (counted from 0, as in NumPy and PyTorch).
