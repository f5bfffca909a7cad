# 練習問題の進め方：惜しい答え、求めに応じたヒント、解いた問題に戻ったとき、
# 取り組んだ問題の振り返り、そしてそのためのキー。

## 惜しい答え（回数に数えない）

exercise-nearly-digits = 惜しい！ { $token } は書いた桁まではすべて答えと合っていますが、問題が求める桁数に足りません。
exercise-nearly-underflow = { $token } は float64 で表せる最も小さな正の数（約 4.9e-324）より小さいので、0 として読まれます。アンダーフローです。レッスンの入力欄でも同じ結果になります。
exercise-nearly-overflow = { $token } は float64 で表せる最も大きな数（約 1.8e308）より大きいので、{ $value } として読まれます。オーバーフローです。レッスンの入力欄でも同じ結果になります。
exercise-not-counted = この答えは不正解に数えません。

## ヒントの表示、解いた問題に戻ったとき

exercise-hint-last = ヒントはこれで最後です。もう一度 { $key } を押すと答えが表示されます（この問題はスキップ扱いになります）。
exercise-solved-with = { $answer } と答えて正解しています。
exercise-solved-before = この問題は以前に正解しています。
answer-hint-back = { $key } で解答欄へ

## 振り返り

review-title = 練習問題の振り返り
review-counts = { $exercises } 問中 { $solved } 問正解
review-answer-right = あなたの答え：{ $answer }（正解）
review-answer-wrong = 最後の答え：{ $answer }（不正解）
review-no-answer = 答えずにスキップしました。
review-why-later = まだ解けていません。解説は、正解するかスキップすると表示されます。
review-empty = まだ練習問題に答えていません。レッスンで { $key } を押すと、そのレッスンの練習問題が始まります。

## キー

help-hint = ヒントを見る（最初は見る場所、次はもっと詳しいヒント、その次は答え）
help-lab = 問題を表示したまま、レッスンの入力欄で値を試す（同じキーで戻る）
help-review = 取り組んだ練習問題を振り返る（自分の答え、正誤、解説）
key-hint = ヒント
key-reveal = 答え
key-lab = 値を試す
key-lab-short = 試す
key-exercise-move = 前後の問題
key-exercise-move-short = 移動
key-choose = 選ぶ
key-review = 振り返り

## 狭いフッター用の短い言葉

key-leave-short = 戻る
key-back-lesson-short = レッスン
key-function-toggle-short = 切替
key-leave-results-short = 戻る
key-check-short = 採点
key-exercises-short = 問題
