# Characters that stand for a digit or a sign without being one. They are refused
# by name: 10² is not 102. $plain is what the character stands for.

error-lookalike = Value { $position }, "{ $token }", contains { $name } ({ $char }), which is not a plain digit or sign.
lookalike-number = { $plain ->
        [0] zero
        [1] one
        [2] two
        [3] three
        [4] four
        [5] five
        [6] six
        [7] seven
        [8] eight
        [9] nine
        [minus] minus sign
        [plus] plus sign
       *[other] { $plain }
    }
lookalike-superscript = a superscript { lookalike-number }
lookalike-subscript = a subscript { lookalike-number }
lookalike-circled = a circled { lookalike-number }
lookalike-parenthesized = a number in parentheses
lookalike-full-stop = a number with a full stop
lookalike-fraction = the fraction { $plain }
lookalike-roman = the Roman numeral { $plain }
lookalike-other = the compatibility character U+{ $code }
