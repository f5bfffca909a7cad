# kasseika serve を複数台で動かすとき：ロードバランサーの後ろ、再起動前のドレイン、メトリクス。

## What the operator sees

serve-metrics-listening = メトリクスは http://{ $addr }/metrics、ヘルスチェックは http://{ $addr }/healthz で提供します（動作中は 200、ドレイン中と停止中は 503）。
serve-proxy-from = { $networks } からの接続は PROXY プロトコルのヘッダー（HAProxy の send-proxy-v2 か send-proxy）で始まる必要があります。ヘッダーにあるアドレスを学習者のアドレスとして、制限とログに使います。
serve-draining = { $count ->
    [0] ドレインを始めました。新しい学習者は受け付けません。接続中の学習者はいないので、停止します。
   *[other] ドレインを始めました。新しい学習者は受け付けません。接続中の { $count } 人は最長 { $seconds } 秒間続けられます（もう一度 SIGTERM を送るとすぐに停止します）。
}

## Errors that stop the server before it starts

serve-bad-proxy-from = --proxy-protocol-from には 10.0.0.0/8,192.0.2.7 のように、ネットワークかアドレスをコンマで区切って指定してください。「{ $value }」はどちらでもありません。
serve-cannot-listen-metrics = { $addr } でメトリクスを提供できません：{ $error }

## What a learner reads when the server is about to restart (--drain)

notice-server-restarting = このサーバーはまもなく再起動します。{ $seconds } 秒以内にこの接続は終了します。ここまでの学習は保存されています。同じ ssh コマンドをもう一度実行すれば、今いるところから続けられます。
notice-server-restarting-unsaved = このサーバーはまもなく再起動します。{ $seconds } 秒以内にこの接続は終了します。いまは学習の記録を置くデータベースが応答しないため、応答しなくなってからの学習は保存されていないかもしれません。サーバーは停止する前にもう一度保存を試します。続けるには、同じ ssh コマンドをもう一度実行してください。
notice-server-restarting-anonymous = このサーバーはまもなく再起動します。{ $seconds } 秒以内にこの接続は終了します。SSH の鍵を使わずに接続しているため、ここでの学習の記録は残りません。同じ ssh コマンドで接続すると最初からになります。記録を残すには、鍵を使って接続してください。

## The help (kasseika serve --help)

serve-help-proxy-protocol-from = このネットワーク（ロードバランサー。10.0.0.2/32 や 10.0.0.0/24,fd00::/64 など）からの接続は PROXY プロトコルのヘッダー（v1 か v2）で始まる必要があり、そのアドレスを学習者のアドレスとする。ほかからのヘッダーは受け付けない
serve-help-drain = SIGTERM を受けたら、まずドレインする：新しい学習者を受け付けず（ヘルスチェックは失敗する）、学習者それぞれに再起動することを一度だけ伝え、最長でこの秒数までセッションを続けさせてから停止する [既定：0（すぐに停止する）]
serve-help-metrics = Prometheus のメトリクス（/metrics）とロードバランサー用のヘルスチェック（/healthz）をこのアドレスとポートで提供する（ロードバランサーと Prometheus だけが届くようにすること）
