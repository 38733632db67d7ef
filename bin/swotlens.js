#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// `swotlens validate … | head` closes stdout early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
