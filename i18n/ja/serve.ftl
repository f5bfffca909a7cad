# kasseika serve: SSH でレッスンを配信する。アドレス、ポート、パス、
# フィンガープリント、コマンド、数は引数で渡し、翻訳しない。
# どの行も "kasseika: " のあとに表示される。

## サーバーを動かす人に見えるもの

serve-listening = { $addr } でレッスンを配信しています。同時に { $max } 人まで学べます。
serve-connect-with = 学習者は次のコマンドで接続します：{ $command }
serve-local-only = いまはこのマシンからしか接続できません。教室の学習者を受け入れるには --listen 0.0.0.0:{ $port } を付けて起動し、ファイアウォールで TCP ポート { $port } を開けてください。
serve-host-key-created = ホスト鍵を新しく作りました：{ $path }
serve-host-key = ホスト鍵のフィンガープリントは { $fingerprint } です。学習者が初めて接続するときに ssh が表示するので、一致するか確かめるよう伝えてください。
serve-authorized-only = { $path } にある { $count } 個の鍵でだけ接続できます。
serve-stopping = { $count ->
    [0] 停止します。
   *[other] 停止します。{ $count } 人の学習者の端末を元に戻しています。
}
serve-stopped = 停止しました。

## 起動前にサーバーを止めるエラー

serve-bad-listen = --listen にはアドレスとポートを 127.0.0.1:2222 や 0.0.0.0:2222 のように指定してください。「{ $value }」は使えません。
serve-cannot-listen = { $addr } で待ち受けできません：{ $error }
serve-host-key-error = ホスト鍵を使えません：{ $error }。--host-key PATH で別のファイルを指定してください。
serve-host-key-too-open = ホスト鍵 { $path } がほかのユーザーから読めます。chmod 600 { $path } で自分だけが読めるようにしてください。
serve-host-key-not-a-key = ホスト鍵 { $path } を使えません。{ $what }。ホスト鍵には、パスフレーズのない OpenSSH 形式の秘密鍵が必要です。たとえば ssh-keygen -t ed25519 -N "" -f 新しいファイル名 で ed25519 の鍵を作り、--host-key 新しいファイル名 を付けて起動してください。または { $path } を削除すれば、次の起動時に kasseika がそこへ新しい鍵を作ります。
serve-key-file-empty = ファイルが空です
serve-key-file-not-text = テキストファイルではありません（鍵のファイルは -----BEGIN OPENSSH PRIVATE KEY----- で始まるテキストです）
serve-key-file-public = 中身は公開鍵（authorized_keys に書く行）で、秘密鍵ではありません
serve-key-file-encrypted = 鍵にパスフレーズがかかっていて、サーバーはそれを入力できません
serve-key-file-pem = 中身は古い PEM 形式の鍵（{ $line }。ssh-keygen -m PEM で作られる形式）で、kasseika はこの形式を読めません
serve-key-file-damaged = OpenSSH 形式の秘密鍵として始まっていますが、続きを読めません（{ $error }）
serve-key-file-other = 鍵ではありません。ファイルの先頭は「{ $start }」です
serve-no-data-dir = ホスト鍵を置くデータディレクトリがありません（ホームディレクトリがありません）。--host-key PATH でファイルを指定してください。
serve-authorized-keys-error = { $path } の公開鍵を読めません：{ $error }
serve-authorized-keys-empty = { $path } に公開鍵がひとつもないので、誰も接続できません。
serve-authorized-keys-bad-line = { $path } の { $line } 行目は公開鍵ではありません（{ $error }）。1 行に 1 つ、~/.ssh/id_ed25519.pub のような .pub ファイルの中身を書いてください。
serve-authorized-keys-options = { $path } の { $line } 行目に、kasseika serve では使えないオプションがあります（{ $options }）。オプションかその行を消してください。残してよいのは restrict、no-port-forwarding、no-agent-forwarding、no-X11-forwarding、no-user-rc だけです（このサーバーはもともと転送もコマンドの実行もしません）。
serve-authorized-keys-type = { $path } の { $line } 行目の鍵は { $type } 形式で、このサーバーへのログインには使えません。ed25519、ECDSA、RSA のいずれかの鍵を使ってください。
serve-runtime-error = サーバーが止まりました：{ $error }

## 学習者の ssh に表示されるもの

serve-needs-pty = レッスンには端末が必要です。ssh -t を付けて（または -T を付けずに）接続してください。
serve-no-commands = このサーバーはコマンドを実行せず、レッスンだけを配信しています（指定されたコマンド：{ $command }）。ホスト名のあとに何も付けずに接続し直してください。
serve-no-subsystems = このサーバーにはファイル転送などのサブシステムはありません（指定されたもの：{ $subsystem }）。ssh で接続してレッスンを使ってください。
serve-dumb-terminal = お使いの端末（TERM={ $term }）ではレッスンの画面を表示できません。xterm などの端末から接続するか、TERM=xterm-256color を設定してください。
serve-full = いまは { $max } 人分の席がすべて埋まっています。数分後にもう一度接続してください。
serve-address-full = ひとつのアドレスから同時に使えるセッションは { $max } 件までで、あなたのアドレスからはすでにその数だけ動いています。どれかを終えてから、またはしばらくしてから接続し直してください。
serve-japanese-needs-utf8 = お使いの端末の文字コード（{ $charset }）では日本語を表示できないため、レッスンを英語で表示します。日本語で使うには、ssh -o SetEnv=LANG=ja_JP.UTF-8 ja@HOST のように、UTF-8、EUC-JP、Shift_JIS のいずれかのロケールで接続してください。
serve-idle-minutes = { $minutes } 分間キー入力がなかったので、セッションを終了しました。続けるには接続し直してください。
serve-idle-seconds = { $seconds } 秒間キー入力がなかったので、セッションを終了しました。続けるには接続し直してください。
serve-shutdown = サーバーを停止します。しばらくしてから接続し直してください。
serve-panic = 内部エラーのため、このセッションを終了しました（ほかの学習者には影響ありません）。最初からやり直すには接続し直してください。

## ヘルプ（kasseika serve --help）

serve-help-about = SSH でレッスンを配信する（学習者は ssh -p 2222 HOST で接続するだけでよく、何もインストールしなくてよい）
serve-help-listen = 待ち受けるアドレスとポート（0.0.0.0:2222 にするとほかのマシンからも接続できる）[既定：{ $default }]
serve-help-host-key = サーバーの秘密鍵（なければモード 0600 で作る）[既定：データディレクトリ（~/.local/share/kasseika など）の host_key_ed25519]
serve-help-max-sessions = 同時に学べる人数（超えた人には、あとで接続し直すよう伝える）[既定：{ $default }]
serve-help-max-per-address = ひとつのアドレス（IPv6 は /64 ごと）から同時に学べる人数（公開サーバーでは数人に）[既定：--max-sessions と同じ（ひとつの NAT の後ろにいるクラス全員が入れる）]
serve-help-idle-timeout = キー入力がこの秒数なければセッションを終える（0 なら終えない）[既定：{ $default }]
serve-help-lang = 学習者が言語を選ばなかったセッション（ssh ja@HOST のようにユーザー名 ja か en で選ぶか、ssh が送る LANG で選べる）と、このサーバーのメッセージの言語：en または ja [既定：セッションは英語、メッセージは LANGUAGE、LC_ALL、LC_MESSAGES、LANG の順に決める]
serve-help-authorized-keys = このファイル（OpenSSH の authorized_keys 形式）にある公開鍵での接続だけを受け付ける（指定しなければ、誰でもどのユーザー名でもパスワードなしで接続できる）

## Learners' progress (--progress-dir, --report)

serve-help-progress-dir = 学習者ごとの記録を置くフォルダ（SSH の鍵ごとに1ファイル。サーバーを再起動しても残る）[既定：データディレクトリの learners（~/.local/share/kasseika/learners など）]
serve-help-report = 鍵で識別できる学習者ごとに、レッスンと練習問題の状態を表示して終わる（つまずいている人から順。サーバーが動いていなくてもよい）
serve-progress-dir-keys-only = 学習者の記録（全員が登録済みの鍵で接続します）は { $path } に保存します。
serve-progress-dir = SSH の鍵で接続した学習者の記録は { $path } に保存します。鍵を使わない学習者の記録は、その接続のあいだだけ残ります。
serve-no-progress-dir = 学習者の記録を置くデータディレクトリがありません（ホームディレクトリがありません）。--progress-dir DIR でフォルダを指定してください。
serve-report-error = { $path } にある学習者の記録を読めません：{ $error }
serve-report-dir = 読み込んだフォルダ：{ $path }
