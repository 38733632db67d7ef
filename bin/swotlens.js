#!/usr/bin/env node
// `run` starts its second thread first: it loads its libraries while this one loads the rest.
if (process.argv[2] === 'run') (await import('../dist/runtime/index.js')).startBackgroundEarly();
const { main } = await import('../dist/cli/main.js');

// `swotlens validate … | head` closes stdout early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
