# 学習の記録：状態、レポート、お知らせ、保存のエラー。数値・パス・日時はコードから渡します。

## 状態

progress-lesson-not-started = 未着手
progress-lesson-opened = 読んでいる途中
progress-lesson-read = 読了
progress-lesson-exercises = { $total } 問中 { $solved } 問正解
progress-exercise-not-tried = 未回答
progress-exercise-tried = { $wrong } 回不正解
progress-exercise-skipped = スキップ
progress-exercise-skipped-after = { $wrong } 回不正解のあとスキップ
progress-exercise-solved = 正解
progress-exercise-solved-seen = 答えを見たあと正解
progress-exercise-solved-after = { $wrong } 回不正解のあと正解

## 1人の学習者（kasseika progress）

progress-course =
    レッスン { $lessons } 個中 { $read } 個を読了、練習問題 { $exercises } 問中 { $solved } 問に正解{ $seen ->
        [0] {""}
       *[other] （うち { $seen } 問は答えを見たあと）
    }{ $skipped ->
        [0] 。
       *[other] （{ $skipped } 問はスキップ中）。
    }
progress-resume = 続きはレッスン { $number }「{ $title }」からです。

## クラス全体（kasseika serve --report）

report-none = 記録を保存した学習者はまだいません。
report-heading = 学習者 { $count } 人（つまずいている人から順に表示）。
report-never = 記録なし
report-activity = 最後の学習：{ $when }（{ $ago }）、レッスン { $number }「{ $title }」。
report-ago-now = たった今
report-ago-minutes = { $count }分前
report-ago-hours = { $count }時間前
report-ago-days = { $count }日前
report-activity-nowhere = 最後の学習：{ $when }（{ $ago }）。
report-activity-nowhere-never = 最後の学習：{ $when }。
report-stuck = つまずいている問題：
report-not-stuck = つまずいている問題はありません。
report-stuck-item = { $lesson }：{ $exercise }（{ $state }）
report-lessons = レッスンごと：{ $list }
report-lesson-item = { $number }（{ $state }、正解 { $solved }/{ $total }）
report-list-separator = 、

## お知らせ

progress-notice-corrupt = { $file } に保存された学習の記録を読み取れませんでした（{ $detail }）。ファイルは { $to } として残し、記録は最初からになります。
progress-notice-newer = { $file } の学習の記録は、新しいバージョンの kasseika で保存されています（ファイルのバージョン { $version }）。ファイルは { $to } として残し、記録は最初からになります。新しい kasseika なら、残したファイルを読めます。
progress-notice-too-large = { $file } は学習の記録としては大きすぎます。ファイルは { $to } として残し、記録は最初からになります。

## エラー（学習した内容はメモリに残り、次の保存でもう一度試します）

progress-error-io =
    学習の記録：{ $path } の{ $op ->
        [mkdir] フォルダ作成
        [lock] ロック
        [read] 読み込み
        [write] 書き込み
        [rename] 名前の変更
       *[list] 一覧の取得
    }に失敗しました（{ $detail }）。
progress-not-saving =
    この回の学習の記録は保存されていません。{ $path } の{ $op ->
        [mkdir] フォルダ作成
        [lock] ロック
        [read] 読み込み
        [write] 書き込み
        [rename] 名前の変更
       *[list] 一覧の取得
    }に失敗しました（{ $detail }）。フォルダ { $dir } があるか、そこに書き込む権限があるかを確かめてください。保存せずに学ぶときは、kasseika を --no-save を付けて起動してください。
progress-not-saved =
    この回の学習の記録は保存されませんでした。{ $path } の{ $op ->
        [mkdir] フォルダ作成
        [lock] ロック
        [read] 読み込み
        [write] 書き込み
        [rename] 名前の変更
       *[list] 一覧の取得
    }に失敗しました（{ $detail }）。フォルダ { $dir } があるか、そこに書き込む権限があるかを確かめてください。保存せずに学ぶときは、kasseika を --no-save を付けて起動してください。
progress-not-saved-locked =
    { $since ->
        [start] この回の学習の記録
       *[save] 前回の保存より後の学習の記録
    }は保存されませんでした。別のプログラムが { $path } をロックしたままなので、kasseika は待たずに終了しました。それまでに保存された記録はそのまま残っています。
progress-not-saved-late =
    { $since ->
        [start] この回の学習の記録
       *[save] 前回の保存より後の学習の記録
    }は保存されませんでした。保存が { $seconds } 秒以内に終わらなかったため、kasseika はそれ以上待たずに終了しました（別のプログラムが記録をロックしているか、ディスクの応答が遅いようです）。それまでに保存された記録はそのまま残っています。
progress-error-busy = 別のプログラムが { $path } を長い間ロックしていたため、学習の記録を今は読み書きできませんでした。
progress-error-no-data-dir = ホームディレクトリがないため、学習の記録を保存できません。保存せずに学ぶには --no-save を使ってください。
progress-error-not-here = この保存先にはローカルの学習者の記録しか置けません（{ $learner } は置けません）。
progress-notice-unseen-corrupt = 保存されていた学習の記録を読み取れなかったため、記録は最初からになります。元のファイルはサーバーに残してあり、理由はサーバーのログに記録されています。
progress-notice-unseen-newer = 保存されていた学習の記録は新しいバージョンの kasseika で書かれていたため、ここでは記録が最初からになります。元のファイルはサーバーに残してあり、新しいバージョンなら読めます。
progress-error-unseen = 今はサーバーに学習の記録を保存できません。
