# レッスンの外側の画面。キー名・数値・コマンドは引数で渡され、訳しません。

app-tagline = 活性化関数を一歩ずつ
language-name = 日本語
lesson-position = { $current }/{ $total }

## Panes

pane-chart = グラフ
pane-input = 試してみる
pane-example = 例
pane-result = 結果
pane-result-first = 結果：{ $count } 個のうち最初の { $kept } 個
pane-result-first-short = 結果：{ $count } 個中 { $kept } 個
pane-error = 入力の問題
pane-diagram = パーセプトロン
pane-outline = レッスン（{ $keys } で移動）
input-hint = { $key } で入力
input-hint-focused = { $key } で計算
input-placeholder = 例：{ $example }
code-heading = NumPy で書くと
scroll-position = { $total } 行中 { $first }-{ $last } 行目
show-table-heading = 値の表（グラフが表すもの）

## Chart

axis-x = x
axis-y = y
axis-class = クラス
axis-prob = y
axis-exp = e^x
probe-exp = e^{ $x } = { $value }
guide-float32 = float32 の限界
guide-float64 = float64 の限界

## Results

col-x = x
col-fx = h(x)
col-a = a
col-y = y
col-sum = 合計
col-exp = e^{ $x }
col-float64 = float64
col-float32 = float32
col-true-value = 正確な値
col-naive = 定義式どおり
col-stable = 対策後
col-rounded = 丸め
col-rounded-short = 丸
legend-non-finite = inf は無限大（大きすぎて表せない値）、NaN は非数（数ではない値）です。
legend-inf = inf は無限大（大きすぎて表せない値）です。
legend-nan = NaN は非数（数ではない値）です。

# 注記: 結果が inf、NaN、0、1 になった理由。数値はコードが整形して渡します。
note-input-overflow = { $written } は float64 で表せる最大の数（{ $max }）より大きいので、{ $value } として読み込まれました。入力そのものがオーバーフローしています。
note-input-underflow = { $written } は float64 で表せる最小の正の数（{ $min }）より小さいので、0 として読み込まれました。入力そのものがアンダーフローしています。
note-input-inf = 入力そのものが inf です。`e^inf = inf` は正確な値で、オーバーフローではありません。
note-input-minus-inf = 入力そのものが -inf です。`e^-inf = 0` は正確な値で、アンダーフローではありません。
note-input-nan = 入力に NaN が含まれています。NaN を含む計算の結果は、すべて NaN になります。
note-step-nan = 入力に NaN が含まれています。ステップ関数は比較をするだけで、NaN との比較は常に偽になります。`x > 0` が False なので出力は0で、NumPy の `(x > 0).astype(int)` も0を返します。
note-maximum-nan = 入力に NaN が含まれています。`np.maximum` は、どちらかの引数が NaN なら NaN を返すので、ReLU の出力も NaN です。Python 組み込みの `max(0, x)` なら0を返します。NaN との比較は常に偽だからです。
note-sigmoid-code-overflows = レッスンのコード `1 / (1 + np.exp(-x))` では、`np.exp({ $minus_x })` が inf にオーバーフローし（NumPy は overflow encountered in exp と警告します）、`h({ $x })` は `1 / (1 + inf) = 0` になります。表の値は、オーバーフローしない `np.exp({ $x }) / (1 + np.exp({ $x }))` で計算しています。
note-subnormal = `e^{ $x }` は { $float } の正規化数の最小値（{ $normal }）より小さいので、非正規化数として格納され、有効数字は { $full } ビットではなく { $bits } ビットしかありません。そのため { $float } では、正確な値 { $exact } が { $stored } になります。
note-exp-overflow-f64 = `e^{ $x }` は float64 で表せる最大の数（{ $max }）より大きいので、inf にオーバーフローします。x が { $limit } を超えると、`e^x` はすべてこうなります。
note-exp-overflow-f32 = `e^{ $x }` は float64 には収まりますが、float32 で表せる最大の数（{ $max }）より大きくなります。float32 では、x が { $limit } を超えると `e^x` がオーバーフローします。
note-exp-underflow-f64 = `e^{ $x }` は float64 で表せる最小の正の数（{ $min }）より小さいので、0にアンダーフローします。float32 でも同じです。
note-exp-underflow-f32 = `e^{ $x }` は float64 には収まりますが、float32 で表せる最小の正の数（{ $min }）より小さいので、float32 では0にアンダーフローします。
note-exp-overflow-every = `e^{ $x }` は float64 で表せる最大の数（{ $max }）より大きく、いちばん小さい項 `e^{ $smallest }` まで、どの項も inf にオーバーフローします。
note-exp-underflow-every = `e^{ $x }` は float64 で表せる最小の正の数（{ $min }）より小さいので、0にアンダーフローします。ほかの項もすべて0です。
note-inf-over-inf =
    { $finite ->
        [0] そのため項の合計も inf になり、`inf / inf` は NaN です。
       *[other] そのため項の合計も inf になります。`inf / inf` は NaN、有限の項を inf で割ると0です。
    }
note-sum-overflow = 項の一つひとつは float64 に収まります（`e^{ $x }` は { $value }）が、その合計が inf にオーバーフローするので、どの項も inf で割られて0になります。
note-zero-over-zero = そのため項の合計も0になり、`0 / 0` は NaN です。
note-inf-minus-inf = 入力に +inf があるので `max(a)` も inf になり、対策後の式の `inf - inf` が NaN になります。+inf の入力は、どうずらしても救えません。有限の s でずらしても、`e^(inf - s)` は inf で、`inf / inf` は NaN です。
note-all-minus-inf = 入力がすべて -inf なので `max(a)` も -inf になり、対策後の式の `-inf - (-inf)` が NaN になります。有限の s でずらしても、`e^(a - s)` はすべて `e^-inf = 0` で、`0 / 0` は NaN です。有限の入力が1つでもあれば、-inf の入力の確率はちょうど0になります。
note-rounded-one =
    { $subject ->
        [h] `h({ $x })`
        [f] `{ $call }`
       *[y] `a = { $x }` の y
    } は1と表示されていますが、正確な値は `1 - { $gap }` です。float64 で表せる1未満の最大の数は `1 - { $step }` なので、1に丸められます。
note-rounded-zero =
    { $subject ->
        [h] `h({ $x })`
        [f] `{ $call }`
       *[y] `a = { $x }` の y
    } は0と表示されていますが、正確な値は { $exact } です。その大きさが float64 で表せる最小の正の数（{ $min }）より小さいので、0にアンダーフローします。
note-rounded-near = `{ $call }` は { $shown } と表示されていますが、正確な値は `{ $exact }` です。float64 の16桁では { $shown } と区別できないほど近いので、{ $shown } に丸められます。
note-see-lesson = なぜこうなるのか、どう防ぐのかは、レッスン { $number }「{ $title }」で学びます（{ $number } キーで移動できます）。

## Input errors

error-label = エラー：
error-empty = 数値を1つ以上入力してください。
error-bad-token = { $position } 番目の「{ $token }」は数値として読めません。
error-too-long = 入力できるのは { $max } 文字までです。
error-list = { $position } 番目の「{ $token }」は数値として読めません。リストは [0.3, 2.9, 4.0] や np.array([0.3, 2.9, 4.0]) のように括弧を一組だけ使って書くか、0.3, 2.9, 4.0 と数値だけを書いてください。
error-grouping = 「{ $token }」は1つの数とも、いくつかの値とも読めます。1つの数なら { $joined }、別々の値ならカンマのあとに空白を入れて { $split } と書いてください。
error-accepted = 使える書き方：1、-0.5、1e3、.5、inf など。区切りはカンマ、読点、空白のどれでもかまいません。[1, -0.5] のような Python のリストの形でも書けます。全角数字もそのまま使えます。

## Footer (short) and help (long)

key-next = 次へ
key-prev = 前へ
key-goto = レッスン
key-input = 入力
key-evaluate = 計算
key-leave = 入力をやめる
key-scroll = スクロール
key-lang-target = English
key-lang-target-ascii = English
key-help = ヘルプ
key-quit = 終了
key-close = 閉じる
help-title = キー操作：{ $page }（{ $current }/{ $total }）
help-next = 次のレッスンへ（最後の次は、まとめ）
help-prev = 前のレッスンへ戻る
help-goto = その番号のレッスンへ移る
help-input = 入力欄に移って値を入力する
help-evaluate = 入力した値を計算する
help-leave = 入力をやめる（入力は残る）
help-scroll = 解説をスクロールする
help-lang = 言語を切り替える（場所と入力は残る）
help-help = このヘルプを開く・閉じる
help-quit = 終了する

## Screen too small

too-small = 端末が小さすぎます（いまは { $have }、必要なのは { $need }）。
too-small-hint = ウィンドウを広げてください。収まりしだい表示し直します。

## Command line

cli-unknown-lang = 「{ $lang }」という言語はありません。使える言語：{ $available }
cli-unknown-lesson = 「{ $lesson }」というレッスンはありません。使えるレッスン：{ $available }
cli-not-a-terminal = kasseika を使うには端末が必要なので、SSH なら ssh -t で接続するか、kasseika show ID でレッスンを文章として表示してください。
cli-terminal-error = 端末の操作に失敗しました：{ $error }
cli-unknown-function = 「{ $function }」という関数はありません。使える関数：{ $available }

## Results chosen with the keys

results-hint = { $key } で選ぶ
results-more-above = 上にあと { $count } 行
results-more-below = 下にあと { $count } 行
results-position = { $total } 個中 { $current } 個目

## Chart guides, short forms for narrow charts

guide-float32-short = float32
guide-float64-short = float64

## The help's pages, and the keys told on them

help-page-reading = 読むとき
help-page-typing = 入力欄で
help-page-results = 値を選ぶとき
help-also = 読むときと同じキー：{ $keys }
help-results = 結果の値を選ぶ（グラフに座標を表示）、注記を読む
help-page = 1画面分スクロールする（下へ、上へ）
help-top-bottom = 解説の先頭または末尾へ移る
help-shift = はみ出したコードを横にずらす
help-suspend = 一時停止する（シェルの fg で再開）
help-select = 前の値、または次の値を選ぶ（値の後は注記）
help-select-ends = 最初の値、または最後の注記へ移る
help-leave-results = 解説に戻る
help-move = カーソルを動かす
help-move-word = カーソルを単語単位で動かす
help-jump = 行頭または行末へ移る
help-erase = 前または後ろの1文字を消す
help-erase-word = 前の単語を消す
help-erase-ends = 行頭まで、または行末までを消す
help-next-prev = 次または前のレッスンへ
key-results = 結果
key-shift = 横へ
key-select = 選ぶ
key-leave-results = 戻る
key-pages = ページ

## The closing screen (its words are in closing.ftl)

closing-position = おわり

## 導関数、レッスン「勾配消失問題」、レッスン「近年の活性化関数」、オーバーフローの計算過程

col-dfx = h'(x)
col-undefined = 微分できない
col-undefined-short = なし
curve-h = h(x)
curve-h-short = h
curve-dh = h'(x)
curve-dh-short = h'
key-derivative = 導関数
help-derivative = 導関数を重ねて描く・消す

# 関数の名前（グラフと表で使います。-short は場所が足りないとき）。
fn-step = ステップ関数
fn-step-short = ステップ
fn-identity = 恒等関数
fn-identity-short = 恒等
fn-sigmoid = シグモイド関数
fn-sigmoid-short = シグモイド関数
fn-tanh = tanh
fn-tanh-short = tanh
fn-relu = ReLU
fn-relu-short = ReLU
fn-leaky-relu = Leaky ReLU
fn-leaky-relu-short = LReLU
fn-elu = ELU
fn-elu-short = ELU
fn-gelu = GELU
fn-gelu-short = GELU
fn-gelu-tanh = GELU（tanh）
fn-gelu-tanh-short = GELU（tanh）
fn-silu = SiLU
fn-silu-short = SiLU
fn-softplus = softplus
fn-softplus-short = softplus

pane-functions = 描く関数
functions-hint = { $key } で切り替え
functions-shown = { $count } 個を表示中。グラフでは関数を実線と破線で交互に、導関数を点線で描きます。
functions-last = 最後の1つは消せません。先に別の関数を表示してください。
key-functions = 関数
key-function-move = 関数
key-function-digits = 番号で
key-function-toggle = 表示切替
help-page-functions = 関数を選ぶとき
help-functions = グラフに描く関数を選ぶ
help-function-move = 一覧の前または次の関数へ
help-function-ends = 一覧の最初または最後の関数へ
help-function-toggle = カーソルのある関数の表示を切り替える
help-function-digits = その番号の関数の表示を切り替える
help-leave-functions = 解説に戻る

key-adjust = 増減
key-adjust-layers = 層の数
key-adjust-shift = s を動かす
help-adjust = 層の数を増減する・ずらす量 s を動かす

axis-layers = 層の数
axis-gradient = 勾配
curve-largest-sigmoid = シグモイド関数の層を通る勾配の最大値
curve-largest-sigmoid-short = 最大の勾配
curve-chain = { $function }：x = { $x } からの勾配
curve-chain-short = { $function }
softmax-class-1 = 犬
softmax-class-2 = 猫
softmax-class-3 = 鳥
col-gelu-gap = GELU - GELU（tanh）
col-layers = n = { $n }
col-largest = 最大値
col-from-x-short = x={ $x }
col-from-x = x = { $x } から
chain-title = x = { $x } を{ $function }の層に { $n } 層通したときの、1層ごとの値：
col-layer = 層
col-layer-short = 層
col-layer-input = 入力
col-layer-input-short = 入力
col-local-gradient = h'(入力)
col-local-gradient-short = h'
col-product = 積
col-product-short = 積

col-log-y = log y
col-shifted = a - s
col-shifted-short = a-s
col-shifted-exp = e^(a - s)
col-shifted-exp-short = e^(a-s)
steps-naive = 計算過程（s = 0、定義式どおり）：
steps-stable = 計算過程（s = max(a) = { $c }、対策後）：
steps-chosen = 計算過程（自分で選んだ s = { $c }）：
log-softmax-title = log-softmax（`log y = a - LSE(a)`、`LSE(a) = { $lse }`）：
note-shift-same = `s = { $c }` では、どの `e^(a - s)` も float64 に桁を失わずに収まり、合計も0より大きいので、y は対策後の式と同じです（float64 の16桁のうち最後の桁が丸めで違うことがあるだけです）。こうした s なら、どれを選んでも同じです。
note-shift-overflow = `s = { $c }` では、いちばん大きい指数 `a - s` が { $exponent } で、{ $limit } を超えます。`e^(a - s)` のうち { $overflowed } 個が inf にオーバーフローし、合計も inf になります。{ $finite ->
        [0] y はすべて `inf / inf` で NaN です。
       *[other] その項の y は `inf / inf` で NaN、残りの項の y は `有限 / inf` で0です。
    }この s は小さすぎます。
note-shift-sum-overflow = `s = { $c }` では、`e^(a - s)` の一つひとつは収まりますが、合計が inf にオーバーフローし、y はすべて `有限 / inf` で0になります。この s は小さすぎます。
note-shift-underflow = `s = { $c }` では、いちばん大きい指数 `a - s` でも { $exponent } で、{ $limit } を下回ります。すべての `e^(a - s)` が0にアンダーフローし、`0 / 0` で NaN です。この s は大きすぎます。
note-shift-lost = `s = { $c }` では、対策後の式では残る項のうち { $lost } 個が0にアンダーフローし、その y が0になります。この s は少し大きすぎます。
note-shift-subnormal = `s = { $c }` では、`e^(a - s)` のうち { $terms } 個が float64 の正規化数の最小値（{ $normal }）を下回り、非正規化数として、53ビットではなく { $bits } ビットしか有効桁のない形で格納されます。{ $every ->
        [yes] 合計も非正規化数なので、どの y も
       *[no] その項の y は
    }{ $digits ->
        [0] 正しい桁が1桁も残っていません。
       *[other] 正しい桁が { $digits } 桁ほどしかありません。
    }上の対策後の式と比べてみてください。
note-shift-inf = `s = inf` は有限の数ではありません。`a - s` はすべて -inf、`e^(a - s)` はすべて `e^-inf = 0` で、合計も0になり、`0 / 0` で NaN です。
note-shift-minus-inf = `s = -inf` は有限の数ではありません。`a - s` はすべて inf、`e^(a - s)` もすべて inf で、`inf / inf` は NaN です。
note-shift-nan = `s = NaN` は数ではないので、`a - s` はすべて NaN になり、y もすべて NaN です。
note-shift-not-finite = `s = { $c }` も入力のどれかも有限の数ではないので、y はすべて NaN です。
note-relu-stops = `x = { $x }` からの ReLU：{ $zero ->
        [yes] ReLU はちょうど0では微分できず、フレームワークはここでの傾きを0として扱うので、
       *[no] 負の入力では傾きが0なので、
    }あとの層がどうであっても、勾配はまったく戻りません。入力がいつまでも正にならないニューロンは学習が止まります。これが「死んだ ReLU」です。
note-no-derivative-step = ステップ関数は0で跳び上がるので、`h'(0)` は存在しません。フレームワークは、ステップ関数を通して勾配を伝えません（PyTorch の `x > 0` には勾配がなく、JAX では傾きが0になります）。
note-no-derivative-relu = ReLU は0で、左側の傾きが0、右側の傾きが1なので、微分できません。PyTorch、TensorFlow、JAX は、ここでの傾きを0として扱います。
note-no-derivative-leaky-relu = Leaky ReLU は0で、左側の傾きが0.01、右側の傾きが1なので、微分できません。ここでの傾きを、PyTorch と TensorFlow は0.01、JAX は1として扱います。
note-gelu-forms = GELU と GELU（tanh）の差は、最大でも { $gap }（`x = { $at }` と `x = -{ $at }` のとき）で、グラフでは見分けられません。

note-at-limit = { $most ->
        [yes] このレッスンの層の数は { $at } 層までです（{ $more } キーではこれ以上増えません）。1から { $max } までの層の数を使えます。
       *[no] 層の数は1層より少なくできません（{ $less } キーではこれ以上減りません）。
    }
error-accepted-vanishing = 使える書き方：1から { $max } までの層の数と、層に通す値 x= です。たとえば 20, x=0.5 のように書きます。
error-accepted-overflow = 使える書き方：1、-0.5、1e3、.5、inf などの数値をカンマ、読点、空白で区切ったものと、自分で選ぶずらす量 s= です。たとえば 1010, 1000, 990, s=500 のように書きます。
error-no-settings = 「{ $token }」は設定を書いていますが、このレッスンでは数値しか使えません。
error-unknown-setting = 「{ $token }」という設定は、このレッスンにはありません。使える設定：{ $names }
error-bad-setting = 「{ $token }」の = のあとには、数値を1つ書きます（例：{ $example }）。
error-setting-twice = { $name } が2回指定されています。1回だけにしてください。
error-layers = 「{ $token }」は層の数として使えません。1から { $max } までの整数を入力してください。
error-one-layer-count = { $position } 番目の「{ $token }」は余分です。層の数は1つだけ入力します（層に通す値は x= で指定します）。

## The results: what is hidden, the notes, what the input box did not take

results-position-note = 注記 { $current }/{ $total }
results-more-below-key = 下にあと { $count } 行（{ $key } で読めます）
results-more-below-typing = 下にあと { $count } 行（{ $leave } のあと { $key } で読めます）
results-more-below-short = 下にあと { $count } 行（{ $keys }）
results-keys-then = { $first }、{ $second }
legend-rounded-short = 「{ $short }」は「{ $long }」の略です。
note-past-cap = 上限の { $max } 文字を超えた { $count } 文字は入力されませんでした。結果は、入力欄にある分だけの値です。
note-values-left-out = 一度に計算できる値は { $max } 個までなので、残りの { $count } 個は計算していません。結果は最初の { $max } 個の値です。
note-controls = 貼り付けた文字列に制御文字が { $count } 種類（{ $chars }）含まれていたので、取り除きました。

## Exercises, the lesson list, the course summary, notices

lesson-exercises-hint = { $key } 練習問題 { $solved }/{ $total }
exercises-title = 練習問題：{ $lesson }
exercises-position = { $total } 問中 { $current } 問目
pane-answer = 答え
answer-hint = { $key } で入力
answer-hint-focused = { $key } で答え合わせ
answer-placeholder-number = 数（0.3 や 3/4 など）
answer-placeholder-probability = 数（0.3、3/4、30% など）
answer-placeholder-choice = 1～{ $options } のキーを押すか、番号を入力
answer-placeholder-find-one = 見つけた数
answer-placeholder-find = 見つけた数（カンマか空白で区切る）
help-exercises = このレッスンの練習問題に取り組む
help-list = レッスンの一覧（それぞれの進み具合）
help-pick = その番号の選択肢で答える（数を答える問題では、数字や - . を押すとそのまま入力が始まる）
help-answer = 答えを入力する
help-skip = この問題をひとまずスキップする（答えとその理由が表示されます）
help-next-exercise = 次の問題へ（最後の問題の次は、次のレッスン）
help-prev-exercise = 前の問題へ（最初の問題の前は、レッスンに戻る）
help-close-exercises = レッスンの本文に戻る（問題はそのまま残ります）
help-check = 答え合わせをする
help-next-prev-exercise = 次または前の問題へ
help-page-exercises = 練習問題
help-page-answer = 答えの入力
key-exercises = 練習問題
key-list = 一覧
key-answer = 入力
key-skip = スキップ
key-back-lesson = レッスンへ
key-check = 答え合わせ
key-open = 開く
key-continue = 続ける
list-title = レッスン一覧
list-head-lesson = レッスン
list-head-reading = 解説
list-head-solved = 正解
list-not-started = 未読
list-opened = 途中
list-read = 読了
summary-title = これまでの学習
summary-done = すべてのレッスンを読み、すべての練習問題を解きました。
summary-left =
    { $lessons ->
        [0] レッスンはすべて読みました。
       *[other] 未読のレッスンが { $lessons } 個、
    }{ $exercises ->
        [0] 練習問題はすべて解きました。
       *[other] 未解答の練習問題が { $exercises } 問あります。
    }
summary-next = 次はレッスン { $number } の練習問題 { $exercise }「{ $title }」です。
summary-next-short = 次はレッスン { $number } の練習問題 { $exercise } です。
summary-hint = { $key } で一覧を開くと残りがわかります。
notice-title = お知らせ
notice-title-more = お知らせ（{ $count } 件中 1 件目）
notice-session-only = このサーバーは SSH の鍵であなたを識別できないため、学習の記録はこの接続のあいだだけ残ります。記録を残すには、鍵を使って接続してください。ssh-keygen で鍵を一度作っておけば、ssh が自動でその鍵を使います。
notice-save-retry = 学習した内容はメモリに残っています。次に答えたときと終了するときに、もう一度保存を試します。
window-larger = サーバーが混み合っているため、画面を { $window } ではなく { $drawn } で表示しています。
window-larger-short = 混雑のため { $window } ではなく { $drawn } で表示中
