## kasseika eval

eval-no-derivative = { $function } は値の並び全体を受け取る関数なので、--derivative で求める導関数はありません。--derivative を使える関数：{ $available }

# kasseika eval cross-entropy --target K
eval-target-missing = cross-entropy には、正解のクラスを --target K で指定してください。K は 0 から数えた番号です（このロジット { $classes } 個なら 0 から { $last } まで）。
eval-target-unused = --target は cross-entropy のためのオプションです。{ $function } には使えません。
eval-target-not-whole = --target には、0 から数えたクラスの番号を整数で指定してください。「{ $target }」は整数ではありません（このロジット { $classes } 個なら 0 から { $last } まで）。
eval-target-out-of-range = --target { $target } に当たるクラスはありません。ロジットが { $classes } 個なので、クラスは 0 から { $last } までです（NumPy や PyTorch と同じく 0 から数えます）。
