## kasseika eval

eval-no-derivative = { $function } takes a whole list, so it has no derivative in the sense of --derivative. Functions with --derivative: { $available }
