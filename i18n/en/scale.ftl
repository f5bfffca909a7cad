# kasseika serve past one machine: behind a load balancer, draining for a
# restart, metrics. Addresses, networks, paths and counts are arguments.

## What the operator sees

serve-metrics-listening = metrics on http://{ $addr }/metrics and the health check on http://{ $addr }/healthz (200 while serving, 503 once draining or stopping).
serve-proxy-from = connections from { $networks } must begin with a PROXY protocol header (HAProxy's send-proxy-v2 or send-proxy): the address in it is the learner's, for the limits and the log.
serve-draining = { $count ->
    [0] draining: no new learners, and none connected: stopping.
    [one] draining: no new learners; the one connected may go on for up to { $seconds } seconds (SIGTERM again stops at once).
   *[other] draining: no new learners; the { $count } connected may go on for up to { $seconds } seconds (SIGTERM again stops at once).
}

## Errors that stop the server before it starts

serve-bad-proxy-from = --proxy-protocol-from wants networks or addresses separated by commas, like 10.0.0.0/8,192.0.2.7, and "{ $value }" is not one.
serve-cannot-listen-metrics = cannot serve the metrics on { $addr }: { $error }

## What a learner reads when the server is about to restart (--drain)

notice-server-restarting = This server is restarting: your session ends within { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
}. What you have done is saved. Run the same ssh command again to go on where you are.
notice-server-restarting-unsaved = This server is restarting: your session ends within { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
}. The progress database does not answer just now, so what you did since it went away may not be saved: the server tries once more before it stops. Run the same ssh command again to go on.
notice-server-restarting-anonymous = This server is restarting: your session ends within { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
}. You connected without an SSH key, so what you did here is not kept: the same ssh command starts you from the beginning. To have your progress kept, connect with a key.

## The help (kasseika serve --help)

serve-help-proxy-protocol-from = Connections from these networks (a load balancer, such as 10.0.0.2/32 or 10.0.0.0/24,fd00::/64) must begin with a PROXY protocol header, v1 or v2; the address in it is the learner's. Nobody else's header is honoured
serve-help-drain = On SIGTERM, first drain: take no new learners (the health check fails), tell each learner once that the server restarts, and let the sessions go on for up to this many seconds before stopping [default: 0, stop at once]
serve-help-metrics = Serve Prometheus metrics (/metrics) and the load balancer's health check (/healthz) on this address and port; keep it reachable only by the balancer and Prometheus
