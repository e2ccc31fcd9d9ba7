// The target of the gate-quality and load-generator benchmarks: every request busy-waits BUSY_MS
// (fractional) on the CPU, as a handler doing real work does; BUSY_MS=0 is a bare node:http server.
import http from 'node:http';

const busyMs = Number(process.env.BUSY_MS ?? 1);
const server = http.createServer((request, response) => {
  const until = performance.now() + busyMs;
  while (performance.now() < until);
  response.setHeader('content-type', 'application/json');
  response.end('{"ok":true}');
});
server.listen(Number(process.env.PORT), process.env.HOST);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
