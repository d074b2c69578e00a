// Preloaded by bench/bench.ts (`node --require ./bench/report-max-rss.js ...`): at exit, writes this process's
// peak resident set size in KB (process.resourceUsage().maxRSS) to the file named by BENCH_RSS_FILE, if set.
'use strict';
const fs = require('node:fs');

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
