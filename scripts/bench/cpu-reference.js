// A fixed piece of single-threaded JavaScript work, timed: the yardstick printed beside the suite's times
// (scripts/bench/suite.sh). On the shared 2-core machine the same work took from 1.9 s to well over 2 s
// at different hours, and the suite's times moved with it; a suite figure means little without it.
const started = process.hrtime.bigint();
let x = 0;
for (let i = 0; i < 4e8; i++) {
  x = (x + i) % 1000003;
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
// x is read, so the loop cannot be optimised away.
process.stdout.write(x === -1 ? "impossible\n" : `${ms.toFixed(0)}\n`);
