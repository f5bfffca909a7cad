# PostgreSQL に置く学習者の記録（kasseika serve --progress-db）。ホスト、ポート、
# データベース名、パス、鍵、数は引数で、訳さない。運用者向けの行は
# "kasseika: " のあとに表示される。

## 学習者に伝えること

progress-db-not-saving = いまはサーバーのデータベースが応答しないため、学習の記録は保存されていません。学習した内容はサーバーが預かり、データベースが復旧しだい保存します（それより先にサーバー自体が止まった場合は残りません）。
progress-notice-db-down = いまサーバーのデータベースが応答しないため、保存済みの学習の記録を読み込めません。そのため、ここでは最初からの表示になります。このまま学習を続けてかまいません。学習した内容はサーバーが預かり、データベースが復旧しだい、これまでの記録とあわせて保存します。
progress-notice-db-down-held = いまサーバーのデータベースが応答しません。前回このサーバーで学習した内容はまだ保存されていませんが、サーバーが預かっているので、そこから続けられます。その内容もこれから学習する内容も、データベースが復旧しだい保存します。

## 運用者向けのメッセージ

progress-error-db-unavailable = 記録用のデータベースが応答しません：{ $detail }
progress-error-db = 記録用のデータベースがエラーを返しました：{ $detail }
serve-help-progress-db = 学習者の記録をこの PostgreSQL データベースに置く（複数のサーバーで共有できる）。psql と同じく key=value の並び（host=/run/postgresql dbname=kasseika user=kasseika）か postgresql:// の URI で指定する。パスワードはここには書かず、PGPASSWORD かパスワードファイル（~/.pgpass、PGPASSFILE）で渡す。別のマシンのデータベースには sslmode=require か verify-full を付ける
serve-help-import-progress = DIR（--progress-dir のフォルダ）にある学習者の記録ファイルを --progress-db のデータベースに取り込み、取り込んだものと飛ばしたものを表示して終わる（もう一度実行しても二重には取り込まない）
serve-progress-db = SSH の鍵で接続した学習者の記録は PostgreSQL データベース { $db } に保存します。鍵を使わない学習者の記録は、その接続のあいだだけ残ります。
serve-progress-db-unreachable = 記録用のデータベース { $db } が応答しません（{ $error }）。レッスンはこのまま提供します。学習者には記録がいま保存されていないことを伝え、内容はサーバーが預かって、データベースが応答しだい保存します。
serve-progress-db-down = 記録用のデータベース { $db } が応答しません：{ $error }
serve-progress-db-newer = 記録用のデータベース { $db } は、新しいバージョンの kasseika が用意したものです（スキーマのバージョンは { $found }。この kasseika が扱えるのは { $known } までです）。このマシンの kasseika を更新するか、別のデータベースを指定してください。
serve-progress-db-settings = --progress-db：{ $error }
serve-progress-db-tls = --progress-db：{ $path } のルート証明書を使えません：{ $error }
serve-progress-db-error = --progress-db { $db }：{ $error }
serve-progress-db-not-built = この kasseika は PostgreSQL 対応（cargo の機能 postgres）なしでビルドされています。記録は --progress-dir でファイルに置くか、対応したビルドを入れてください。
serve-progress-unsaved = 停止までに { $count } 人の学習者の記録を保存できませんでした。データベースが応答しませんでした。
serve-report-db = 読み込んだデータベース：PostgreSQL { $db }
serve-import-needs-db = --import-progress には、取り込み先のデータベースを --progress-db で指定してください。
serve-import-taken = 取り込みました：{ $learner }
serve-import-unchanged = すでにデータベースにあり、新しい内容はありません：{ $learner }
serve-import-skipped = { $file } は飛ばしました：{ $why ->
    [empty] 記録が入っていません
    [unreadable] 読み取れません（{ $detail }）
    [aside] 以前に取りのけられたファイルです
    [temporary] 保存の途中で残ったファイルです
    [failed] { $detail }
   *[other] 学習者の記録ファイルではありません
}
serve-import-summary = { $dir } から { $db } へ：取り込み { $taken } 件、取り込み済み { $unchanged } 件、飛ばしたもの { $skipped } 件。

## 使えない --progress-db

db-settings-syntax = 接続文字列として読めません（{ $detail }）。host=/run/postgresql dbname=kasseika user=kasseika のような key=value の並びか、postgresql://kasseika@db.example.org/kasseika?sslmode=verify-full のような URI で書いてください。
db-settings-password = パスワードが含まれています。これでは、このマシンの誰でもプロセスの一覧から読めてしまいます。接続文字列からは外し、環境変数 PGPASSWORD か、パスワードファイル（~/.pgpass、または PGPASSFILE で指定したファイル。所有者だけが読めるようにする）で渡してください。
db-settings-unsupported = 「{ $key }」は kasseika では使えません。使えるのは host、hostaddr、port、user、dbname、sslmode、sslrootcert、passfile、options、application_name、connect_timeout、keepalives の設定、target_session_attrs、channel_binding です。
db-settings-bad-value = 「{ $key }」に「{ $value }」は指定できません。sslmode に指定できるのは disable、allow、prefer、require、verify-ca、verify-full です。
db-settings-passfile-open = パスワードファイル { $path } をほかのユーザーも読めます。chmod 600 { $path } で所有者だけが読めるようにしてください。
db-settings-no-root-cert = sslmode の verify-ca と verify-full は、サーバーの証明書をルート証明書で確かめますが、そのルート証明書がありません。認証局の証明書ファイルを sslrootcert=PATH で指定するか（システムのものを使うなら sslrootcert=system）、{ $path } に置いてください。
