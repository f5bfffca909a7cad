# コマンドライン: ヘルプ（kasseika --help）と、標準エラー出力に書くこと。
# コマンド、フラグ、ID、環境変数の名前は引数で渡すか、そのまま残します。

cli-about = ニューラルネットワークの活性化関数を、ターミナルで日本語か英語で学びます。ステップ関数、恒等関数、シグモイド関数、ReLU、勾配消失問題、いま使われている関数（tanh、Leaky ReLU、ELU、GELU、SiLU、softplus）、ソフトマックス関数とそのオーバーフローを、導関数とともに扱います。
cli-heading-usage = 使い方：
cli-heading-commands = コマンド：
cli-heading-arguments = 引数：
cli-heading-options = オプション：
cli-help-lang = 表示する言語：en または ja（指定しなければ LANGUAGE、LC_ALL、LC_MESSAGES、LANG の順に決め、どれもなければ en）
cli-help-lesson = 最初に開くレッスン（ID か番号）：{ $lessons }
cli-help-chart = グラフの描き方：braille（点字の点）、block（半角ブロック。点字のないフォント向け）、ascii
cli-help-ascii = 画面全体を ASCII 文字だけで描く（枠線、グラフ、記号）
cli-help-help = このヘルプを表示する
cli-help-version = バージョンを表示する
cli-help-subcommand = このヘルプか、指定したコマンドのヘルプを表示する
cli-list-about = レッスンの ID と題名を一覧表示する
cli-show-about = レッスンを文章として表示する（解説、式、コード、値の表）
cli-show-id = レッスンの ID か番号（kasseika list で確かめられます）
cli-eval-about = 画面を使わずに計算する（1 行に 1 つの値を、入力と結果をタブで区切って表示）
cli-eval-function = 関数：{ $functions }（softmax は対策済みの形、softmax-naive はソフトマックス関数のレッスンのコードどおりの計算で、オーバーフローすると NaN になります。- の代わりに _ も使えます）
cli-eval-values = 数値（入力欄と同じ書き方で、全角数字や inf、1e3 も使えます）
cli-eval-derivative = f(x) の代わりに導関数 f'(x) の値を表示する（1つの値をとる関数のみ。微分できない点では NaN：step、relu、leaky-relu の 0）
cli-eval-target = cross-entropy で使う正解のクラス（NumPy や PyTorch と同じく 0 から数える）
cli-dumb-terminal = kasseika を使うには画面を描ける端末が必要ですが、TERM={ $term } の端末では描けないので、kasseika show ID でレッスンを文章として表示してください。
cli-no-term = kasseika を使うには画面を描ける端末が必要ですが、TERM が設定されていないので、TERM を設定する（たとえば TERM=xterm-256color）か、kasseika show ID でレッスンを文章として表示してください。
cli-japanese-needs-utf8 = この端末の文字コード（{ $charset }）では日本語を表示できないため、英語で表示します。日本語で使うには、ja_JP.UTF-8 のように UTF-8、EUC-JP、Shift_JIS のいずれかのロケールを設定してください。
cli-write-error = 出力を書き込めませんでした：{ $error }

# コマンドラインの誤り。値やオプションは入力されたとおりに（制御文字は書き出して）示し、
# そのあとにヘルプの使い方の行と --help の案内が続きます。
cli-error-unknown-command = 「{ $command }」というコマンドはありません。使えるコマンド：{ $commands }
cli-error-unexpected-argument = 「{ $argument }」は、このコマンドでは指定できません
cli-error-invalid-value = { $option } に「{ $value }」は指定できません。指定できる値：{ $values }
cli-error-invalid-value-any = { $option } に「{ $value }」は指定できません
cli-error-missing-value = { $option } には値が必要です
cli-error-missing-value-of = { $option } には値が必要です。指定できる値：{ $values }
cli-error-bad-value = { $option } に「{ $value }」は指定できません：{ $reason }
cli-error-missing-argument = 次の指定が必要です：{ $arguments }
cli-error-repeated = { $option } は一度しか指定できません
cli-error-conflict = { $option } と { $other } は同時に指定できません
cli-error-other = コマンドラインを読み取れませんでした：{ $detail }
cli-error-suggestion = 「{ $suggestion }」のことですか？
cli-error-help = 詳しくは { $help } を見てください

## Saved progress (kasseika progress, --no-save)

cli-help-no-save = 何も保存せずに学ぶ（ファイルを読むことも書くこともしない）
cli-progress-about = 保存した学習の記録を表示する（レッスンと練習問題ごとの状態と、続きの場所）
cli-progress-reset = 最初からやり直す：読んだレッスンと答えた練習問題の記録をすべて消す（先に確認します）
cli-progress-yes = 確認せずにやり直す
progress-file = 保存先：{ $path }
progress-file-none = まだ何も保存されていません。保存先：{ $path }
progress-reset-ask = { $path } に保存した学習の記録をすべて消しますか？元には戻せません。[y/N]
progress-reset-kept = 何も変更しませんでした。
progress-peek-corrupt = { $file } に保存された学習の記録を読み取れません（{ $detail }）。何も変更していません。次に kasseika が学習の記録を保存するとき、このファイルは別名で残されます。
progress-peek-newer = { $file } の学習の記録は、新しいバージョンの kasseika が書いたもの（ファイルのバージョン { $version }）で、このバージョンでは読めません。何も変更していません。新しい kasseika なら読めます。
progress-peek-too-large = ファイル { $file } は、学習の記録としては大きすぎます。何も変更していません。
progress-reset-done = 学習の記録を消しました。どのレッスンも練習問題も最初からです。
progress-reset-needs-yes = progress --reset は記録を消す前に確認しますが、標準入力が端末ではないため確認できません。確認せずに消すには --yes を付けてください。
cli-completions-about = シェルの補完スクリプトを表示します（bash、zsh、fish）。たとえば kasseika completions bash > ~/.local/share/bash-completion/completions/kasseika とすると、bash で使えるようになります
cli-completions-shell = シェル：bash、zsh、fish のどれか
cli-man-about = マニュアルページ（roff 形式、英語）を表示します。kasseika 自身のページか、指定したコマンドのページです
cli-man-command = ページを表示するコマンド（省略すると kasseika 自身のページ）
