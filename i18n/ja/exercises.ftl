# 練習問題：問題のまわりの文言、答えの読み取り、各レッスンの問題。
# 1問の id: ex-レッスン-名前-title（一覧用の短い名前）、-question、-hint1（どこを見ればよいか）、
# -hint2（もっと踏み込んだヒント）、-why（なぜその答えか）、-option1...（選択肢）、
# -miss-理由（探す問題で外れた理由）。答えや例の数値はコードから渡します。
# 端末によって幅が変わる記号（→ × … ※ ● “ ” ± など）は使わないこと。

## 答えへの返事

exercise-join = { $first }{ $second }
exercise-right = 正解です！
exercise-wrong = 違います。
exercise-wrong-again = まだ違います。
exercise-wrong-solved = その答えは違います。
exercise-stays-solved = この問題には前に正解しているので、正解の記録はそのまま残ります。
exercise-miss-nan = NaN は「数ではない」ことを表す値で、自分自身も含めてどの値とも等しくなりません。この問題の答えにはならないので、ふつうの数で答えてください。
exercise-hint = ヒント：{ $hint }
exercise-answer-number = 答えは { $value } です。
exercise-answer-choice = 答えは { $number }「{ $option }」です。
exercise-answer-example = 答えの一例は { $example } です。
exercise-skipped = この問題はひとまずスキップしました。

## 読み取れない答え（不正解には数えません）

answer-error-empty = 先に答えを入力してください。
answer-error-too-long = 答えが { $chars } 文字あります。読み取るのは { $max } 文字までです。
answer-error-character = 答えに { $char } が含まれていますが、これは数の一部になりません。数は数字・符号・小数点・e（1e-3 など）で、分数は /（3/4 など）で書いてください。
answer-error-not-a-minus = { $char } はマイナス記号に似ていますが、違う文字です。代わりに - か － を入力してください。
answer-error-not-a-number = 「{ $token }」は数として読めません。0.3、.3、1e-3、3/4 のように書いてください。負の数には前に - を付けます。
answer-error-one-number = 数を1つだけ入力してください（この答えには { $count } 個あります）。小数点はピリオドです。0,3 ではなく 0.3 と書きます。
answer-error-count-exactly = 数を { $expected } 個、カンマか空白で区切って入力してください（この答えには { $count } 個あります）。
answer-error-count-at-least = 数を { $expected } 個以上、カンマか空白で区切って入力してください（この答えには { $count } 個あります）。
answer-error-count-too-many = 読み取るのは { $max } 個までです（この答えには { $count } 個あります）。
answer-error-percent = パーセントで書けるのは確率だけで、この答えは確率ではありません。% を付けずに、数そのものを入力してください。
answer-error-over-one = 確率は1以下なので、{ $token } はパーセントのつもりでしょう。{ $token }% か { $decimal } と書いてください。
answer-error-zero-denominator = 「{ $token }」は0で割っています。
answer-error-choice = 選んだ番号を、1 から { $options } までの数で入力してください。

## 0. intro

ex-intro-regression-title = 回帰の出力層
ex-intro-regression-question = 明日の気温を予測するネットワークがあります（回帰問題）。出力層にはどの活性化関数を使いますか。
ex-intro-regression-option1 = ステップ関数
ex-intro-regression-option2 = 恒等関数
ex-intro-regression-option3 = シグモイド関数
ex-intro-regression-option4 = ソフトマックス関数
ex-intro-regression-hint1 = レッスンの、出力層について書かれた段落を読んでみましょう。連続した値を答えるのに向いているのはどの関数でしょうか。
ex-intro-regression-hint2 = 気温は0より低いことも1より高いこともあり、ネットワークはそのどちらでも答えられなければなりません。重み付き和をそのまま通す関数はどれでしょうか。
ex-intro-regression-why = 回帰では連続した数値で答えます。恒等関数は重み付き和をそのまま通し、出力を特定の範囲に押し込めません。シグモイド関数とソフトマックス関数は出力を0と1の間に押し込め、ステップ関数は0か1しか出力しません。

ex-intro-linear-title = 線形の層を重ねる
ex-intro-linear-question = 100層のネットワークがあり、どの層も線形の関数だけでできています。このネットワークで計算できるのはどんなことですか。
ex-intro-linear-option1 = 層を重ねるごとに処理が増えるので、1層だけのときより多くのこと
ex-intro-linear-option2 = 線形の層1つでできることだけ
ex-intro-linear-option3 = 層とニューロンさえ十分にあれば、どんなことでも
ex-intro-linear-hint1 = 線形関数を合成すると何になるか、レッスンに書いてあります。
ex-intro-linear-hint2 = 線形写像を2つ続けても、ひとつの線形写像です。では100個なら？
ex-intro-linear-why = 線形写像はいくつ合成してもひとつの線形写像なので、線形の層を100層重ねても1層と同じことしかできません。だから中間層には非線形の活性化関数が必要なのです。

ex-intro-neuron-title = ニューロン1つ
ex-intro-neuron-question = このレッスンのコードで、バイアスを `b = -1.0` に変えます（`x = [1.0, 0.5]`、`w = [0.5, 0.5]` はそのまま、h はステップ関数）。出力 y はいくつですか。
ex-intro-neuron-hint1 = まず重み付き和 `a = w1 x1 + w2 x2 + b` を計算し、それから h に通します。
ex-intro-neuron-hint2 = `a = 0.5 * 1.0 + 0.5 * 0.5 - 1.0 = -0.25` です。ステップ関数が1を返すのは `a > 0` のときだけです。
ex-intro-neuron-miss-sum = それは重み付き和 a です。問われているのは出力 `y = h(a)` です。
ex-intro-neuron-miss-fires = ニューロンが発火するのは `a > 0` のときだけです。先に a を計算しましょう。
ex-intro-neuron-why = `a = 0.75 - 1.0 = -0.25` は0より大きくないので、ステップ関数の出力は0、つまりニューロンは発火しません。バイアスは、重みを掛けた入力の和がどれだけ大きくなれば発火するかを決めます。

## 1. step

ex-step-zero-title = ちょうど0のとき
ex-step-zero-question = ちょうど `x = 0` のとき、ステップ関数の出力はいくつですか。
ex-step-zero-hint1 = 式に `x = 0` を代入するか、入力欄で試してみましょう。
ex-step-zero-hint2 = `h(x) = 1` になるのは `x > 0` のときだけです。`x = 0` はこの条件を満たすでしょうか。
ex-step-zero-miss-one = 1になるのは `x > 0` のときです。`x = 0` はそこに入るでしょうか。
ex-step-zero-why = `h(x) = 1` になるのは x が0より大きいときだけで、0ちょうどは含まれません。そのため `x = 0` での出力は0です。

ex-step-slope-title = 学習が進まない理由
ex-step-slope-question = ステップ関数を使ったネットワークを、勾配を使う学習で訓練できないのはなぜですか。
ex-step-slope-option1 = 出力の1が大きすぎて、勾配がオーバーフローするから
ex-step-slope-option2 = 跳び上がる点を除いて、傾きがどこでも0だから
ex-step-slope-option3 = 線形の関数なので、層を重ねても何も増えないから
ex-step-slope-hint1 = レッスンに、学習での弱点を述べた段落があります。
ex-step-slope-hint2 = 学習は傾きをたどります。平らな線の傾きはいくつでしょう。
ex-step-slope-why = 勾配を使う学習は傾きをたどりますが、ステップ関数は跳び上がる点を除いてどこでも平らで、その点では傾きが定義できません。重みを少し動かしても何も変わらないので、学習の手がかりがないのです。

ex-step-tiny-title = 0のすぐ上
ex-step-tiny-question = 0.000001（100万分の1）より小さい正の数 x で、ステップ関数の出力が1になるものを見つけてください。入力欄で確かめられます。
ex-step-tiny-hint1 = 小さな数は e を使うと書きやすくなります。`1e-3` は 0.001、`1e-6` は 0.000001 です。
ex-step-tiny-hint2 = `e-` のあとの数は桁の数を表し、大きいほど小さな数になります。0より大きければ、どれほど小さくてもかまいません。
ex-step-tiny-miss-zero = この x ではステップ関数は0を返します。x は0より大きくなければなりません。
ex-step-tiny-miss-large = ステップ関数は1を返しますが、x が 0.000001 以上です。
ex-step-tiny-why = ステップ関数はちょうど0で跳び上がります。0より大きければ x がどれほど小さくても出力は1、0ちょうどなら0です。その中間がないので、傾きからは学習の手がかりが何も得られません。

## 2. identity

ex-identity-output-title = 回帰の出力
ex-identity-output-question = 回帰のネットワークの出力層は恒等関数を使っていて、重み付き和は `a = -2.7` です。ネットワークの出力はいくつですか。
ex-identity-output-hint1 = 式を読みましょう。`h(x) = x` は入力をどうしますか。
ex-identity-output-hint2 = 恒等関数は入力をそのまま返します。
ex-identity-output-why = 恒等関数は入力をそのまま返すので、`h(-2.7) = -2.7` です。回帰の出力は、負の数も含めてどんな値でもかまいません。

ex-identity-slope-title = 傾き
ex-identity-slope-question = `x = 3` での恒等関数の傾きはいくつですか。
ex-identity-slope-hint1 = 入力欄で `h(3)` と `h(4)` を比べてみましょう。x が3から4に増えるあいだに、h(x) はどれだけ増えるでしょうか。
ex-identity-slope-hint2 = `h(4) - h(3) = 4 - 3` です。
ex-identity-slope-miss-value = 3はそこでの値 `h(3) = 3` です。問われているのは傾きです。
ex-identity-slope-why = `h(x) = x` は x とちょうど同じ速さで増えるので、傾きはどこでも1です。`x = 3` でも同じです。

ex-identity-unbounded-title = グラフの外へ
ex-identity-unbounded-question = グラフに描かれている y は -5 から 5 までですが、恒等関数の値には上限も下限もありません。出力がグラフの外（5より大きいか -5 より小さい）になる x を入力してください。
ex-identity-unbounded-hint1 = 出力は入力した数そのものです。グラフの外にあるのはどんな数でしょう。
ex-identity-unbounded-hint2 = 出力は x そのものなので、グラフの上端より上か、下端より下の x なら何でもかまいません。
ex-identity-unbounded-miss-inside = この x では、`h(x) = x` はグラフの範囲に収まっています。
ex-identity-unbounded-miss-infinite = それは有限の数ではありません。価格のような回帰の出力は有限です。有限の数を試しましょう。
ex-identity-unbounded-why = `h(x) = x` なので、5より大きいか -5 より小さい x なら、出力もグラフの外に出ます。重み付き和をそのまま出力し、範囲に押し込めないので、回帰に向いているのです。

## 3. sigmoid

ex-sigmoid-half-title = h(0)
ex-sigmoid-half-question = 0でのシグモイド関数の値 h(0) はいくつですか（確率なので、0.3 のような小数でも、30% のような百分率でもかまいません）。
ex-sigmoid-half-hint1 = 入力欄に 0 を入れるか、式に `x = 0` を代入してみましょう。
ex-sigmoid-half-hint2 = `e^0 = 1` なので、`h(0) = 1 / (1 + 1)` です。
ex-sigmoid-half-why = `e^(-0) = 1` なので、`h(0) = 1 / (1 + 1) = 0.5` です。確率でいえば50%で、S字曲線のちょうど真ん中です。

ex-sigmoid-two-title = h(2)
ex-sigmoid-two-question = 入力欄を使って、h(2) を小数第2位まで求めてください。
ex-sigmoid-two-hint1 = 入力欄に 2 を入れて、結果の h(x) を読みましょう。
ex-sigmoid-two-hint2 = 結果の表で2の行を見て、h(x) を小数第2位までに四捨五入しましょう。第3位の数字で、第2位を切り上げるかどうかが決まります。
ex-sigmoid-two-why = `h(2) = 0.88079708` です。入力が2になるだけで、確率はもう88%です。曲線は対称で、`h(-2) = 1 - h(2) = 0.11920292` です。

ex-sigmoid-slope-title = いちばん大きな傾き
ex-sigmoid-slope-question = シグモイド関数の傾きは `h(x)(1 - h(x))` です。その最大値はいくつですか。
ex-sigmoid-slope-hint1 = 曲線がいちばん急なのは真ん中の `x = 0` です。レッスンの傾きについて書かれたところに値があります。
ex-sigmoid-slope-hint2 = `x = 0` では `h(0) = 0.5` なので、傾きは `0.5 * (1 - 0.5)` です。
ex-sigmoid-slope-miss-value = 0.5は値 h(0) で、そこでの傾きではありません。傾きは `h(x)(1 - h(x))` です。
ex-sigmoid-slope-why = `x = 0` での傾きは `0.5 * 0.5 = 0.25` で、ほかのどこでもこれより小さくなります。誤差逆伝播では層ごとにこの傾きが掛け合わされるので、シグモイド関数の層を10層通ると勾配は最大でも 0.25^10、約 9.5e-07 になってしまいます。これが勾配消失問題です。

ex-sigmoid-rounded-title = 1に丸められる
ex-sigmoid-rounded-question = 数学的には h(x) が1になることはありません。float64 では h(x) がちょうど1になってしまう x を見つけてください。結果の表で「丸め」と示される x でも、レッスンのコード `1 / (1 + np.exp(-x))` が 1.0 を表示する x でもかまいません。
ex-sigmoid-rounded-hint1 = x が正の方向に大きいほど、h(x) は1に近づきます。レッスンの中に、試してみてほしい数が出てきます。
ex-sigmoid-rounded-hint2 = 入力欄で x を 20、30 と少しずつ大きくしていき、結果の表に「丸め」と出るところを探しましょう。
ex-sigmoid-rounded-miss-below = この x では h(x) はまだ1より小さい値です。もっと大きな x を試しましょう。
ex-sigmoid-rounded-miss-infinite = inf では丸めがなくても h は1です。有限の x を見つけましょう。
ex-sigmoid-rounded-why = float64 で1のすぐ下にある数は `1 - 1.1e-16` です。x が約 37.43 を超えると、h(x) の正確な値はこの数より1に近くなるので、いちばん近い float64 は1そのものになります。正確な値が1になることは決してありません。レッスンのコード `1 / (1 + np.exp(-x))` では、それより手前の約 36.74 から1になります。先に `1 + e^(-x)` がちょうど1に丸められてしまうからです。

## 4. relu

ex-relu-negative-title = ReLU(-3)
ex-relu-negative-question = 入力が -3 のとき、ReLU の出力はいくつですか。
ex-relu-negative-hint1 = 入力欄に -3 を入れるか、式 `max(0, x)` を読みましょう。
ex-relu-negative-hint2 = `max(0, -3)` は、2つの引数のうち大きいほうです。
ex-relu-negative-miss-passed = ReLU が入力をそのまま通すのは正の入力だけで、負の入力は通しません。
ex-relu-negative-miss-absolute = ReLU は符号を反転しません。`max(0, x)` は絶対値ではありません。
ex-relu-negative-why = `max(0, -3) = 0` です。負の入力はすべて0になり、その側では傾きも0です。

ex-relu-hidden-title = 中間層で使われる理由
ex-relu-hidden-question = 現在、中間層の活性化関数として ReLU が定番なのはなぜですか。
ex-relu-hidden-option1 = 負の入力も含めてどこでも傾きが1なので、勾配がまったく失われないから
ex-relu-hidden-option2 = 正の入力では傾きが1なので、勾配が多くの層を通り抜けられるから
ex-relu-hidden-option3 = 出力が0と1の間に収まって合計が1になるので、各層の出力を確率として読めるから
ex-relu-hidden-hint1 = レッスンの、正の入力に対する傾きについて書かれたところに理由があります。
ex-relu-hidden-hint2 = 傾きを比べましょう。シグモイド関数の傾きは最大でも 0.25 です。`x > 0` での ReLU の傾きは？
ex-relu-hidden-why = 正の入力では `h(x) = x` で、その傾きは1です。そのため、勾配が ReLU の層をいくつ逆にたどっても小さくなりません。シグモイド関数では、層ごとに最大でも 0.25 が掛かります。そのうえ、ReLU は計算も軽くて済みます。

ex-relu-same-title = 同じ出力
ex-relu-same-question = ReLU に通すと同じ出力になる、異なる2つの入力を見つけてください。2つをカンマで区切って入力します。どこを探せばよいかは、グラフを見ればわかります。
ex-relu-same-hint1 = グラフを見ましょう。線が平らなのはどこでしょう。
ex-relu-same-hint2 = 負の数はどれも同じ出力になります。2つ試してみましょう。
ex-relu-same-miss-equal = 2つが同じ数です。異なる2つの数を入力してください。
ex-relu-same-miss-differ = この2つの入力では、ReLU の出力が異なります。
ex-relu-same-why = 0以下の入力はどれも0になるので、ReLU は入力がどれだけ負だったかを忘れてしまいます。その側では傾きも0なので、入力が負のままのニューロンは学習が止まってしまいます。

## 5. vanishing

ex-vanishing-ten-title = シグモイド関数の10層
ex-vanishing-ten-question = 重みをすべて1とすると（レッスンと同じです）、シグモイド関数の層を10層逆にたどる勾配は、最大でいくつになりますか（1.2e-3 のように有効数字2桁で）。
ex-vanishing-ten-hint1 = このレッスンのグラフと結果の表に、入力した層の数での値が出ます。
ex-vanishing-ten-hint2 = 1層ごとに、勾配には最大でも0.25が掛かります。0.25 を10乗しましょう。
ex-vanishing-ten-miss-rounded = それは100万分の1で、丸めすぎです。有効数字2桁で答えてください。
ex-vanishing-ten-miss-times = それは 0.25 を10倍した値です。勾配には層ごとに 0.25 が掛かるので、0.25 の10乗です。
ex-vanishing-ten-why = シグモイド関数の傾きは最大でも0.25（`x = 0` のとき）なので、10層では勾配は多くても `0.25^10 = 9.5e-07` 倍、つまり100万分の1未満になります。

ex-vanishing-million-title = 100万分の1を下回る
ex-vanishing-million-question = 重みをすべて1とすると（レッスンと同じです）、シグモイド関数の層を何層通ったところで、勾配の最大値が初めて100万分の1（1e-6）を下回りますか。
ex-vanishing-million-hint1 = 層の数をいろいろ入力して、シグモイド関数の勾配の最大値を見てみましょう。
ex-vanishing-million-hint2 = 0.25^9 は 3.8e-06 です。もう1層増やすと？
ex-vanishing-million-miss-nine = 9層では最大の勾配は `0.25^9 = 3.8e-06` で、まだ100万分の1より大きい値です。
ex-vanishing-million-why = `0.25^9 = 3.8e-06` はまだ 1e-6 より大きく、`0.25^10 = 9.5e-07` で下回ります。10層以上では、最初の層に届く勾配は100万分の1未満です。

ex-vanishing-tanh-title = tanh でも消える
ex-vanishing-tanh-question = tanh の `x = 0` での傾きは1で、ReLU と同じです。それでも tanh の層を何層も通ると勾配が小さくなるのはなぜですか。
ex-vanishing-tanh-option1 = シグモイド関数と同じく傾きがどこでも最大0.25なので、層ごとに勾配が4分の1以下になるから
ex-vanishing-tanh-option2 = 傾きが1なのは `x = 0` だけで、各層の入力がいつも0とは限らないから
ex-vanishing-tanh-option3 = 出力の中心が0なので、層ごとの正と負の勾配が打ち消し合ってしまうから
ex-vanishing-tanh-hint1 = 結果の表の「最大値」の列と、連鎖の列を比べましょう。
ex-vanishing-tanh-hint2 = 最大値は、どの層でも傾きがいちばん大きいところを通る場合です。tanh の傾きがいちばん大きいのはどこで、`x = 2` ではどうなるでしょう。
ex-vanishing-tanh-why = tanh の傾き `1 - tanh^2(x)` が1になるのは `x = 0` だけで、両側で小さくなります。`x = 2` のような値ではもっと小さい傾き（最初の層で0.07）に出会うので、積は小さくなり、10層で0.0037です。ReLU は、正の入力ならどこでも傾き1のままです。

ex-vanishing-start-title = もっと速く消える
ex-vanishing-start-question = シグモイド関数の連鎖を10層通した勾配が 1e-7 を下回るような、始めの値 x を見つけてください。重みは1でバイアスなし、レッスンと同じ条件です（レッスンの `x = 2` では `1.4e-07` です）。レッスンの入力欄では `10, x=2` のように層の数のあとに始めの値を書きますが、ここでは x の値だけを答えてください。
ex-vanishing-start-hint1 = レッスンの入力欄で、0の両側のいろいろな始めの値を試して、最後の層の積を読みましょう。
ex-vanishing-start-hint2 = シグモイド関数の傾きは0でいちばん大きく、0から離れるほど小さくなります。`x = 2` より0から遠い値で始めてみましょう（正でも負でもかまいません）。
ex-vanishing-start-miss-above = その値からでは、10層を通った勾配はまだ 1e-7 以上です。もっと0から離れた値で始めましょう。
ex-vanishing-start-miss-infinite = 有限の数を使ってください。入力が無限大だと、最初の傾きが0になってしまいます。
ex-vanishing-start-why = 0から遠いと、最初の傾きからしてもう小さく（`sigmoid'({ $x }) = { $slope }`）、そのあとの層でもさらに最大0.25ずつ掛かります。`x = { $x }` から始めると、10層を通した積は `{ $product }` です。

## 6. modern

ex-modern-gelu-title = BERT の活性化関数
ex-modern-gelu-question = BERT や GPT のモデルがフィードフォワード層で使っている活性化関数はどれですか。
ex-modern-gelu-option1 = ステップ関数
ex-modern-gelu-option2 = GELU
ex-modern-gelu-option3 = シグモイド関数
ex-modern-gelu-option4 = ソフトマックス関数
ex-modern-gelu-hint1 = レッスンでは、関数ごとに使っているモデルを挙げています。
ex-modern-gelu-hint2 = x に、標準正規分布に従う値が x より小さくなる確率を掛けた関数です。
ex-modern-gelu-why = BERT や GPT のモデルは、なめらかな ReLU ともいえる GELU、つまり x Phi(x) を使っています。実際のコードでは tanh を使った近似式 GELU（tanh）が使われていますが、正確な GELU との差は最大でも 0.00047 です。

ex-modern-elu-title = ELU(-1)
ex-modern-elu-question = ELU（`alpha = 1`）に `x = -1` を入れると、出力はいくつですか（小数第3位まで）。
ex-modern-elu-hint1 = 描く関数の一覧で ELU を表示し、入力欄に -1 を入れましょう。
ex-modern-elu-hint2 = `x <= 0` では、ELU は `e^x - 1` です。e^-1 はいくつでしょう。
ex-modern-elu-miss-sign = 符号を確かめましょう。負の入力に対する ELU の出力は負になります。
ex-modern-elu-miss-minus = それは e^-1 の値です。ELU はそこから1を引きます。
ex-modern-elu-why = `ELU(-1) = e^-1 - 1 = 0.368 - 1 = -0.632` です。負の出力は -1 に近づきますが -1 になることはなく、層の出力の平均を0に近づけます。

ex-modern-dying-title = 死なない ReLU
ex-modern-dying-question = ReLU を通ると勾配がまったく戻らないのに、Leaky ReLU を通ると少しは戻る、そんな入力 x を見つけてください（導関数を描くと傾きが見えます）。
ex-modern-dying-hint1 = ReLU と Leaky ReLU を表示して導関数を描き、点線を比べましょう。
ex-modern-dying-hint2 = 2つが違うのは、ReLU が平らなところだけです。
ex-modern-dying-miss-positive = そこではどちらの傾きも1です。ReLU が平らなところを探しましょう。
ex-modern-dying-why = `x < 0` ならどこでも、ReLU の傾きは0、Leaky ReLU の傾きは0.01です。小さな勾配が流れ続けるので、ニューロンは学習を続けられます。
ex-modern-dying-why-convention = ちょうど0では、数学的にはどちらも微分できません。それでもフレームワークは、そこでの傾きを決めて使っています。ReLU は0、Leaky ReLU は0.01（JAX では1）です。この取り決めに従えば、0も正解です。もちろん `x < 0` なら、どう考えても正解です。ReLU の傾きは0、Leaky ReLU の傾きは0.01なので、小さな勾配が流れ続けます。

ex-modern-softplus-title = softplus の傾き
ex-modern-softplus-question = softplus は `log(1 + e^x)` です。その導関数はどれですか。
ex-modern-softplus-option1 = ReLU
ex-modern-softplus-option2 = シグモイド関数
ex-modern-softplus-option3 = tanh
ex-modern-softplus-option4 = ステップ関数
ex-modern-softplus-hint1 = softplus を表示して導関数を描き、点線の形を見ましょう。
ex-modern-softplus-hint2 = `log(1 + e^x)` を微分しましょう。連鎖律から `e^x / (1 + e^x)` が得られます。
ex-modern-softplus-why = `log(1 + e^x)` を微分すると `e^x / (1 + e^x) = 1 / (1 + e^(-x))` となり、ちょうどシグモイド関数です。

## 7. softmax

ex-softmax-classes-title = 10クラス
ex-softmax-classes-question = どの入力も、10クラスのうちちょうど1つに属します（手書き数字など）。この分類をするネットワークの出力層には、どの活性化関数を使いますか。
ex-softmax-classes-option1 = 恒等関数
ex-softmax-classes-option2 = シグモイド関数
ex-softmax-classes-option3 = ReLU
ex-softmax-classes-option4 = ソフトマックス関数
ex-softmax-classes-hint1 = レッスン「活性化関数とは」の、出力層について書かれた段落に、問題の種類ごとに向いている関数が書いてあります。
ex-softmax-classes-hint2 = 10クラスから1つを選びます。出力層にはクラスごとにニューロンが1つあり、その出力は合計が1になる確率として読みたいのです。
ex-softmax-classes-why = 多値分類ではクラスごとに出力ニューロンが1つあり、ソフトマックス関数はその重み付き和を、どれも0と1の間にあって合計が1になる確率に変えます。シグモイド関数を使うのは、2クラスのときと、1つの入力に複数のラベルが同時につくことがある（犬と猫が一緒に写った写真など）ときです。後者では、クラスごとにシグモイド関数の出力を1つずつ用意し、それぞれを「はい」である確率として読みます。

ex-softmax-sum-title = 出力の合計
ex-softmax-sum-question = ソフトマックス関数の出力をすべて足します。入力が何であっても、合計はいくつになりますか。
ex-softmax-sum-hint1 = 入力欄に自分でベクトルを入れて、「合計」の行を読みましょう。
ex-softmax-sum-hint2 = どの y_k も、その項をすべての項の合計で割ったものです。y_k を足し合わせると、分子が分母と同じになります。
ex-softmax-sum-why = y_k は e^(a_k) をすべての e^(a_i) の合計で割ったものなので、足し合わせると合計を合計自身で割ることになり、1になります。だから出力を確率として読めるのです。

ex-softmax-bird-title = 鳥である確率
ex-softmax-bird-question = レッスンの例 `softmax([0.3, 2.9, 4.0])` で、3番目のクラス「鳥」の確率はいくつですか。整数のパーセントか、小数で答えてください。
ex-softmax-bird-hint1 = 入力欄に 0.3, 2.9, 4.0 を入れて、3番目の y を読みましょう。
ex-softmax-bird-hint2 = 結果の表で3番目の y を読み、パーセントにして整数に丸めましょう。
ex-softmax-bird-why = e^4.0 が飛び抜けて大きな項なので `y_3 = 0.73659691` となり、ネットワークは74%の確信で「鳥」と答えています。

ex-softmax-confident-title = 強い確信
ex-softmax-confident-question = ソフトマックス関数が、あるクラスに 0.99 を超える確率を与えるような入力（2つ以上）を入れてください。
ex-softmax-confident-hint1 = ソフトマックス関数は入力の大小関係を保ち、差を大きく広げます。1つの入力をほかより大きくしてみましょう。
ex-softmax-confident-hint2 = 大事なのは、1つの入力がほかの入力よりどれだけ大きいかです。差を広げていき、その入力の y が 0.99 を超えるところを探しましょう。
ex-softmax-confident-miss-below = まだ 0.99 を超える確率がありません。いちばん大きな入力が、ほかの入力と比べてまだ十分に大きくありません。
ex-softmax-confident-miss-nan = 結果が NaN になりました。このレッスンの計算方法では、入力が大きすぎます。700 より小さい数にしましょう。理由はレッスン「ソフトマックスのオーバーフロー」で学びます。
ex-softmax-confident-why = 大事なのは、1つの入力がほかよりどれだけ大きいかです。2クラスなら、差が ln 99（約 4.6）を超えると確率は 0.99 を超えます。e^4.6 は e^0 の約99倍だからです。

ex-softmax-two-title = 2クラスのとき
ex-softmax-two-question = このレッスンの計算方法で、2クラスのソフトマックス関数を考えます。1番目の確率が `sigmoid(2) = 0.88079708` に等しくなる2つの入力 `a, b` を見つけてください。
ex-softmax-two-hint1 = 入力欄に数を2つ入れて、1番目の y を 0.88079708 と比べましょう。一致するまで数を変えてみてください。
ex-softmax-two-hint2 = `e^a / (e^a + e^b)` の分子と分母を `e^a` で割り、残った式を `sigmoid(x) = 1 / (1 + e^(-x))` と比べてみましょう。
ex-softmax-two-miss-differ = この入力では、1番目の y が `sigmoid(2)` になりません。入力欄で 0.88079708 と比べてみましょう。
ex-softmax-two-miss-order = この入力では、`sigmoid(2)` になるのは2番目の y です。1番目の確率は1番目の入力に対応します。
ex-softmax-two-miss-nan = 結果が NaN になりました。このレッスンの計算方法では、入力が大きすぎます。差が同じなら、もっと小さな数でも確率は同じです。
ex-softmax-two-why = `e^a / (e^a + e^b) = 1 / (1 + e^(-(a - b)))` なので、2クラスのソフトマックス関数の1番目の確率は `sigmoid(a - b)` です。入力の差は { $difference } なので、1番目の y は `sigmoid({ $difference }) = { $first }` になります。`b = 0` なら `softmax([a, 0])` は `[sigmoid(a), 1 - sigmoid(a)]` です。2クラスなら、シグモイド関数の出力1つでソフトマックス関数と同じことができます。

## 8. overflow

ex-overflow-float32-title = float32 の限界
ex-overflow-float32-question = float32 で e^x が有限の値に収まる最大の x はいくつですか（小数第2位まで）。
ex-overflow-float32-hint1 = レッスンの冒頭に、float64 と float32 の限界が書いてあります。
ex-overflow-float32-hint2 = 入力欄に89前後の数を1つ入れて、float32 の列が inf になるところを探しましょう。限界は 88.7 と 88.8 の間にあります。
ex-overflow-float32-miss-float64 = それは float64 の限界です。float32 は指数に使えるビットが少ないので、限界はずっと低くなります。
ex-overflow-float32-why = float32 の最大値は約 3.4028235e+38 で、`ln(3.4028235e+38) = 88.72` です（float64 では 709.78 まで）。これを超えると、float32 の e^x は inf になります。

ex-overflow-naive-title = NaN とその対策
ex-overflow-naive-question = 定義式どおりのソフトマックスでは NaN になるのに、対策後の計算では NaN にならない入力を見つけてください。入力欄に数を複数入れると、2つを並べて比べられます。
ex-overflow-naive-hint1 = レッスン自身の例がそうなっています。両方の列が出るように、数を複数入れましょう。
ex-overflow-naive-hint2 = float64 の `e^x` は `x = 709.78` を超えると inf にオーバーフローします。どれかの項でそうなる入力か、すべての項が0にアンダーフローする入力を考えましょう。
ex-overflow-naive-miss-naivefine = この入力は定義式どおりでも計算できます。どの `e^a` も有限で、合計も0より大きいからです。
ex-overflow-naive-miss-stablenan = 対策後の計算でも NaN になります。入力そのものが +inf か NaN であるか（どうずらしても救えません）、入力がすべて -inf です。大きな有限の数を使いましょう。
ex-overflow-naive-why = float64 では `e^{ $largest }` が inf になるので、定義式どおりの計算は inf を inf で割って NaN になります。対策後の計算は先に `max(a)` を引くので、いちばん大きな指数が `e^0 = 1` になり、何もオーバーフローしません。
ex-overflow-naive-why-underflow = `e^{ $largest }` は float64 で表せる最小の正の数より小さいので0にアンダーフローし、それより小さい項もすべて0です。そのため定義式どおりの計算は0を0で割り、NaN になります。対策後の計算は先に `max(a)` を引くので、いちばん大きな指数が `e^0 = 1` になり、合計は1以上になります。

ex-overflow-always-title = 救えない入力
ex-overflow-always-question = 対策後のソフトマックスでも、すべての入力を救えるわけではありません。対策後の計算でも NaN になる入力を見つけてください。
ex-overflow-always-hint1 = レッスンの、有限の数でない入力について書いた段落に、どの入力で NaN になるかが書いてあります。
ex-overflow-always-hint2 = 対策後の計算では、すべての入力から `max(a)` を引きます。その引き算か、引いた結果の `e^` が数でなくなるのは、どんな入力のときでしょうか。
ex-overflow-always-miss-finite = この入力は対策後の計算で扱えます。ずらしたあとの `e^(a - max(a))` はどれも1以下で、合計は1以上になるからです。
ex-overflow-always-miss-masked = -inf の入力は問題になりません。`e^-inf = 0` は正確な値なので、その入力の確率はちょうど0になり、残りの確率をほかの入力で分け合います。アテンションのマスクは、このしくみで位置を除外しています。
ex-overflow-always-why = 入力に +inf があると `max(a)` も inf になり、`inf - inf` は NaN です。有限のずらす量 s を使っても、`e^(inf - s)` は inf で、`inf / inf` は NaN です。どうずらしても、+inf の入力は救えません。
ex-overflow-always-why-nan = NaN はどんな計算にも伝わります。NaN を含む計算の結果はすべて NaN なので、ずらす量が何であっても y はすべて NaN です。
ex-overflow-always-why-allminus = 入力がすべて -inf だと、`max(a)` も -inf になり、`-inf - (-inf)` は NaN です。有限のずらす量を使っても、すべての項が `e^-inf = 0` で、`0 / 0` は NaN です。有限の入力が1つでもあれば、-inf の入力の確率はちょうど0になり、問題なく計算できます。

ex-overflow-shift-title = 引く定数
ex-overflow-shift-question = オーバーフローを防ぐために、対策後の計算ではすべての入力からどの定数を引きますか。
ex-overflow-shift-option1 = いちばん大きな入力 max(a)
ex-overflow-shift-option2 = いちばん小さな入力 min(a)
ex-overflow-shift-option3 = 入力の合計
ex-overflow-shift-option4 = 何も引かず、すべての入力をいちばん大きな入力で割る
ex-overflow-shift-hint1 = レッスンのいちばん上の式を読みましょう。
ex-overflow-shift-hint2 = ずらしたあと、いちばん大きな指数が `e^0 = 1` になるようにしたいのです。
ex-overflow-shift-why = max(a) を引くと、いちばん大きな指数が `e^0 = 1` になるので何もオーバーフローせず、合計も1以上になります。min(a) を引くと `e^(max(a) - min(a))` が残り、まだオーバーフローすることがあります。たとえば `[1010, 0]` では `e^1010 = inf` です。
