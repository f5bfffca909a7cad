## kasseika eval

eval-no-derivative = { $function } は値の並び全体を受け取る関数なので、--derivative で求める導関数はありません。--derivative を使える関数：{ $available }
